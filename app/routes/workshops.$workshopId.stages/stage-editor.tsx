import { Form, Link } from '@remix-run/react'
import { ConflictNote } from '~/components/conflict-note'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { StageFormSchema, type StageFormValues } from '~/domain/lifecycle/forms'
import { OWNER_LABELS, type StageView } from '~/domain/lifecycle/stage-view'
import { STAGE_OWNERS } from '~/domain/lifecycle/stages'
import type { FormAnswer } from '~/http/form-answer'

/** One stage's form, in place of its card; `defaults` are the stored stage's values (or what a refused save sent back). */
export function StageEditor({ stage, defaults, answer, cancelTo }: { stage: StageView; defaults: StageFormValues; answer?: FormAnswer; cancelTo: string }) {
  const { form, onSubmit, field, errorOf: err, formError } = useSchemaForm(StageFormSchema, { defaultValues: defaults, answer })
  const switchable = stage.key === 'sal'
  return (
    <div className="stage-card editing" id={`stage-${stage.key}`}>
      <h3>Edit the {stage.label} stage</h3>
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-stage" />
        <input type="hidden" {...field('key')} />
        <input type="hidden" {...field('revision')} />
        <input type="hidden" {...field('base')} />
        {switchable ? (
          <div className="field">
            <label className="choice">
              <input type="checkbox" value="on" {...form.register('enabled')} defaultChecked={Boolean(defaults.enabled)} /> Use the SAL stage (sales accepts or
              rejects each MQL before qualifying it)
            </label>
            {err('enabled') ? <span className="field-error">{err('enabled')}</span> : null}
            <span className="hint small muted">Switching it off keeps MQL → SQL the same: the MQL rate becomes MQL → SAL × SAL → SQL.</span>
          </div>
        ) : (
          <input type="hidden" name="enabled" value="on" />
        )}
        <div className="grid-2">
          <Field label="Name" error={err('label')}>
            {(props) => <input {...props} {...field('label')} type="text" />}
          </Field>
          <Field label="Owning team" error={err('owner')}>
            {(props) => (
              <select {...props} {...field('owner')}>
                {STAGE_OWNERS.map((owner) => (
                  <option key={owner} value={owner}>
                    {OWNER_LABELS[owner]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Definition in plain language" error={err('definition')}>
          {(props) => <textarea {...props} {...field('definition')} rows={3} />}
        </Field>
        <div className="grid-2">
          <Field label="Entry criteria (enters when…)" error={err('entryCriteria')}>
            {(props) => <textarea {...props} {...field('entryCriteria')} rows={3} />}
          </Field>
          <Field label="Exit criteria (leaves when…)" error={err('exitCriteria')}>
            {(props) => <textarea {...props} {...field('exitCriteria')} rows={3} />}
          </Field>
        </div>
        {stage.terminal ? (
          <p className="muted small">{stage.label} ends the journey: it has no conversion rate and no typical time.</p>
        ) : (
          <div className="grid-3">
            <Field
              label={stage.key === 'recycled' ? 'Share that comes back as MQLs (%)' : `Target conversion rate to ${stage.next ?? 'the next stage'} (%)`}
              hint={stage.key === 'recycled' ? 'Optional.' : 'For example 25 for 25 %.'}
              error={err('conversionRatePercent')}
            >
              {(props) => <input {...props} {...field('conversionRatePercent')} type="text" inputMode="decimal" />}
            </Field>
            <Field label="Typical days in this stage" hint="How long a lead usually stays here." error={err('typicalDays')}>
              {(props) => <input {...props} {...field('typicalDays')} type="number" min={0} />}
            </Field>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button">
            Save stage
          </button>
          <Link to={cancelTo} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  )
}
