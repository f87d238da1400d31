import { Form } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { ThresholdsSchema, type ThresholdsFormInput } from '~/domain/scoring-model/settings-form'
import type { FormAnswer } from '~/http/form-answer'
import { ConflictAlert } from '~/components/conflict-note'

const NUMBER_FIELDS = {
  thresholds: [
    ['mqlMinFit', 'Minimum fit'],
    ['mqlMinEngagement', 'Minimum engagement'],
  ],
  caps: [
    ['fitMax', 'Fit cap (max fit)'],
    ['engagementMax', 'Engagement cap (max engagement)'],
  ],
} as const

/** MQL thresholds, caps, decay and grades; viewers see the values greyed out. `defaults` are the stored values at their revision. */
export function ThresholdsCard({ defaults, canEdit, answer }: { defaults: ThresholdsFormInput; canEdit: boolean; answer?: FormAnswer }) {
  const { onSubmit, field, errorOf: err, formError } = useSchemaForm(ThresholdsSchema, { defaultValues: defaults, answer })
  const numberField = ([name, label]: readonly [keyof ThresholdsFormInput & string, string], hint?: string) => (
    <Field key={name} label={label} hint={hint} error={err(name)}>
      {(props) => <input {...props} {...field(name)} type="number" />}
    </Field>
  )
  return (
    <section className="card" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">Thresholds, caps, decay and grades</h2>
      <ConflictAlert answer={answer} />
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        <fieldset disabled={!canEdit}>
          <legend>MQL thresholds</legend>
          <div className="grid-3">{NUMBER_FIELDS.thresholds.map((entry) => numberField(entry))}</div>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Caps and decay</legend>
          <div className="grid-3">
            {NUMBER_FIELDS.caps.map((entry) => numberField(entry))}
            {numberField(['halfLifeDays', 'Half-life of activity points (days)'], 'Empty: activity never loses value.')}
          </div>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Fit grades (minimum fit for each grade)</legend>
          <div className="grid-4">{(['A', 'B', 'C', 'D'] as const).map((grade) => numberField([`grade${grade}`, `Grade ${grade}`]))}</div>
        </fieldset>
        {canEdit ? (
          <button type="submit" className="button">
            Save thresholds
          </button>
        ) : null}
      </Form>
    </section>
  )
}
