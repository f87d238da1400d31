import { Form } from '@remix-run/react'
import { get, type Path } from 'react-hook-form'
import { ConflictNote } from '~/components/conflict-note'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { CHANNEL_LABELS, HandoffFormSchema, REVIEW_CADENCE_LABELS, UNIT_LABELS, type HandoffFormValues } from '~/domain/sla/form'
import { FOLLOW_UP_CHANNELS, REVIEW_CADENCES, SLA_UNITS, WEEKDAYS } from '~/domain/sla/schema'
import type { FormAnswer } from '~/http/form-answer'
import { BusinessHoursFieldset } from './business-hours'
import { CellInput, FieldsetError, type HandoffFieldKit } from './cells'
import { ResponseTargetsFieldset } from './response-targets'

const isChecked = (value: unknown) => value === true || value === 'on'

/** The whole handoff SLA as one form; `defaults` are the stored handoff's form values (or what a refused save sent back). */
export function HandoffForm({
  defaults,
  answer,
  canEdit,
  timeZones,
  workshopId,
}: {
  defaults: HandoffFormValues
  answer?: FormAnswer
  canEdit: boolean
  timeZones: readonly string[]
  workshopId: string
}) {
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(HandoffFormSchema, { defaultValues: defaults, answer })
  // Read-only members get disabled controls one by one rather than a disabled <fieldset>: a table
  // that scrolls inside a disabled fieldset counts as unreachable by keyboard for axe-core.
  const readOnly = !canEdit
  const kit: HandoffFieldKit = {
    field: (name) => ({ ...field(name as Path<HandoffFormValues>), disabled: readOnly }),
    err: errorOf,
    checkbox: (name) => ({ ...form.register(name as Path<HandoffFormValues>), value: 'on', defaultChecked: isChecked(get(defaults, name)), disabled: readOnly }),
  }
  const { field: named, err, checkbox } = kit
  const hours = form.watch('businessHours')
  const closedDays = new Set(WEEKDAYS.filter((day) => isChecked(hours?.[day]?.closed)))
  const fieldErrors = Object.keys(answer?.errors ?? {}).filter((name) => name !== 'form').length

  return (
    <section className="card" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">The agreement</h2>
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      <FormError message={formError} />
      {fieldErrors > 0 && !formError ? (
        <div className="alert error" role="alert">
          Nothing was saved: {fieldErrors === 1 ? 'one field needs' : `${fieldErrors} fields need`} a fix (marked below).
        </div>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="handoff-form">
        <input type="hidden" name="intent" value="save-sla" />
        <input type="hidden" {...named('revision')} />
        <input type="hidden" {...named('base')} />
        <ResponseTargetsFieldset kit={kit} targets={defaults.responseTargets ?? []} disabled={!canEdit} workshopId={workshopId} />
        <BusinessHoursFieldset kit={kit} closedDays={closedDays} timeZones={timeZones} disabled={!canEdit} />

        <fieldset disabled={!canEdit}>
          <legend>Acceptance and follow-up</legend>
          <div className="grid-2">
            <div>
              <p className="label">Sales accepts (SAL) or rejects an MQL within</p>
              <div className="duration">
                <CellInput label="Acceptance window" error={err('acceptanceWindow.amount')}>
                  {(props) => <input {...props} {...named('acceptanceWindow.amount')} type="number" min={1} className="amount" />}
                </CellInput>
                <CellInput label="Acceptance window unit" error={err('acceptanceWindow.unit')}>
                  {(props) => (
                    <select {...props} {...named('acceptanceWindow.unit')}>
                      {SLA_UNITS.map((unit) => (
                        <option key={unit} value={unit}>
                          {UNIT_LABELS[unit]}
                        </option>
                      ))}
                    </select>
                  )}
                </CellInput>
              </div>
            </div>
            <div>
              <div className="grid-2 compact">
                <Field label="Follow-up attempts" error={err('followUp.attempts')}>
                  {(props) => <input {...props} {...named('followUp.attempts')} type="number" min={1} />}
                </Field>
                <Field label="Over how many days" error={err('followUp.overDays')}>
                  {(props) => <input {...props} {...named('followUp.overDays')} type="number" min={1} />}
                </Field>
              </div>
              <div className="field">
                <span className="label" id="channels-label">
                  Channels
                </span>
                <div className="choices" role="group" aria-labelledby="channels-label">
                  {FOLLOW_UP_CHANNELS.map((channel) => (
                    <label key={channel} className="choice">
                      <input type="checkbox" {...checkbox(`followUp.channels.${channel}`)} /> {CHANNEL_LABELS[channel]}
                    </label>
                  ))}
                </div>
                <FieldsetError message={err('followUp.channels')} />
              </div>
            </div>
          </div>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Rejection and recycling</legend>
          <div className="grid-2">
            <Field label="Rejection reasons (one a line)" hint="Sales must pick one of these when rejecting an MQL." error={err('rejectionReasons')}>
              {(props) => <textarea {...props} {...named('rejectionReasons')} rows={8} />}
            </Field>
            <div>
              <div className="field">
                <span className="label">Recycle to nurture</span>
                <div className="inline-choice">
                  <label className="choice">
                    <input type="checkbox" {...checkbox('recycle.afterAttempts')} /> after
                  </label>
                  <CellInput label="Recycle after this many failed attempts" error={err('recycle.attempts')}>
                    {(props) => <input {...props} {...named('recycle.attempts')} type="number" min={1} className="amount" />}
                  </CellInput>
                  <span>failed attempts</span>
                </div>
              </div>
              <Field
                label="…and after a rejection with one of these reasons (one a line)"
                hint="Each must be one of the rejection reasons. Other rejections end as disqualified."
                error={err('recycle.reasons')}
              >
                {(props) => <textarea {...props} {...named('recycle.reasons')} rows={4} />}
              </Field>
            </div>
          </div>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Commitments and review</legend>
          <div className="grid-3">
            <Field label="Marketing delivers MQLs per month" error={err('commitments.mqlsPerMonth')}>
              {(props) => <input {...props} {...named('commitments.mqlsPerMonth')} type="number" min={1} />}
            </Field>
            <Field label="Sales contacts within the SLA (% of MQLs)" error={err('commitments.followUpWithinSlaPercent')}>
              {(props) => <input {...props} {...named('commitments.followUpWithinSlaPercent')} type="number" min={1} max={100} />}
            </Field>
            <Field label="Review together" error={err('reviewCadence')}>
              {(props) => (
                <select {...props} {...named('reviewCadence')}>
                  {REVIEW_CADENCES.map((cadence) => (
                    <option key={cadence} value={cadence}>
                      {REVIEW_CADENCE_LABELS[cadence]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Sales’ follow-up commitment, in words" error={err('commitments.salesFollowUp')}>
            {(props) => <textarea {...props} {...named('commitments.salesFollowUp')} rows={3} />}
          </Field>
        </fieldset>

        {canEdit ? (
          <div className="actions">
            <button type="submit" className="button">
              Save the SLA
            </button>
            <span className="muted small">Saving updates the examples above.</span>
          </div>
        ) : (
          <p className="muted small">You can read the SLA; marketing, sales and the facilitator edit it.</p>
        )}
      </Form>
    </section>
  )
}
