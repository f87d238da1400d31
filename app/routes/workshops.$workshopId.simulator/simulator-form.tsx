import { Form, useSubmit } from '@remix-run/react'
import { useFieldArray } from 'react-hook-form'
import { shortZoneName, useTimeZone } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { SimulatorSchema, withBlankActivityRows, type SimulatorValues } from '~/domain/scoring-model/simulator-form'
import type { FormAnswer } from '~/http/form-answer'
import { AttributeInput, withListedValues, type SimulatorField } from './attribute-input'
import { Icon } from '~/components/icons'

type Option = { key: string; label: string; properties?: readonly { key: string; label: string; type: string }[] }

/** The properties a row can have: its type's, or every type's until a type is picked (so a page without JavaScript shows them all). */
function rowProperties(activities: readonly Option[], type: string | undefined) {
  const seen = new Map<string, { key: string; label: string; type: string }>()
  for (const activity of activities) {
    if (type && activity.key !== type) continue
    for (const property of activity.properties ?? []) if (!seen.has(property.key)) seen.set(property.key, { ...property, label: type ? property.label : `${property.label} (${activity.label})` })
  }
  return [...seen.values()]
}

/**
 * The lead typed in by hand. "Score this lead" is a GET (the result's address is the lead, to
 * reload or share; with JavaScript the empty fields are left out of it); "Save as example" posts
 * the same fields. Both are checked first by the schema the server uses.
 */
export function SimulatorForm({
  fields,
  activities,
  defaults,
  answer,
  canSave,
}: {
  fields: readonly SimulatorField[]
  activities: readonly Option[]
  defaults: SimulatorValues
  answer?: FormAnswer
  canSave: boolean
}) {
  const submit = useSubmit()
  // Typed times are on the workshop's clock, the zone every date on its pages is shown in.
  const clock = shortZoneName(useTimeZone().zone)
  // What a refused lead sent, else the lead as loaded; plus empty activity rows to type more into.
  const sent = { ...defaults, ...answer?.values } as Partial<SimulatorValues>
  const shown = { ...sent, attributes: withListedValues(sent.attributes ?? {}, fields) }
  const { form, field, errorOf: err, formError } = useSchemaForm(SimulatorSchema, {
    defaultValues: { ...shown, intent: 'simulate', activities: withBlankActivityRows(shown.activities ?? []) },
    answer: { errors: answer?.errors },
  })
  const rows = useFieldArray({ control: form.control, name: 'activities' })
  const onSubmit = form.handleSubmit((_values, event) => {
    const target = event?.target
    if (!(target instanceof HTMLFormElement)) return
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter
    if (submitter instanceof HTMLButtonElement && submitter.value === 'save-example') {
      submit(submitter)
      return
    }
    const query = new FormData(target)
    for (const [key, value] of [...query.entries()]) if (value === '') query.delete(key)
    query.set('intent', 'simulate')
    submit(query, { method: 'get', action: target.getAttribute('action') ?? undefined })
  })
  return (
    <Form method="get" noValidate onSubmit={onSubmit} className="card">
      <FormError message={formError} />
      <h3>The lead</h3>
      <div className="grid-2 compact">
        {fields.map((f) => (
          <Field key={f.key} label={f.label} error={err(`attributes.${f.key}`)}>
            {(props) => <AttributeInput field={f} props={props} registration={field(`attributes.${f.key}`)} current={shown.attributes?.[f.key]} />}
          </Field>
        ))}
      </div>
      <h3>What it did ({clock})</h3>
      {rows.fields.map((row, index) => (
        <div className="grid-2 compact" key={row.id}>
          <Field label={`Activity ${index + 1}`} error={err(`activities.${index}.type`)}>
            {(props) => (
              <select {...props} {...field(`activities.${index}.type`)}>
                <option value="">None</option>
                {activities.map((activity) => (
                  <option key={activity.key} value={activity.key}>
                    {activity.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`When (activity ${index + 1})`} hint={index === 0 ? 'A time after “Score as of” is a scheduled activity (a booked demo).' : undefined} error={err(`activities.${index}.at`)}>
            {(props) => <input {...props} {...field(`activities.${index}.at`)} type="datetime-local" />}
          </Field>
          {rowProperties(activities, form.watch(`activities.${index}.type`) as string | undefined).map((property) => (
            <Field key={property.key} label={`${property.label} (activity ${index + 1})`} error={err(`activities.${index}.properties.${property.key}`)}>
              {(props) =>
                property.type === 'boolean' ? (
                  <select {...props} {...field(`activities.${index}.properties.${property.key}` as never)}>
                    <option value="">Unknown</option>
                    <option value="true">Yes</option>
                    <option value="false">No</option>
                  </select>
                ) : (
                  <input
                    {...props}
                    {...field(`activities.${index}.properties.${property.key}` as never)}
                    type={property.type === 'number' ? 'number' : property.type === 'date' ? 'date' : 'text'}
                    step="any"
                  />
                )
              }
            </Field>
          ))}
        </div>
      ))}
      <button type="button" className="button secondary small js-only" onClick={() => rows.append({ type: '', at: '' })}>
        <Icon name="plus" />
        Add activity
      </button>
      <div className="grid-2 compact" style={{ marginTop: 16 }}>
        <Field label="Score as of" hint={`Empty: now. ${clock[0]!.toUpperCase()}${clock.slice(1)}.`} error={err('asOf')}>
          {(props) => <input {...props} {...field('asOf')} type="datetime-local" />}
        </Field>
        <Field label="Name (to save as an example)" error={err('name')}>
          {(props) => <input {...props} {...field('name')} type="text" placeholder="e.g. CFO at a 300-person SaaS" />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="simulate" className="button" onClick={() => form.setValue('intent', 'simulate')}>
          Score this lead
        </button>
        {canSave ? (
          <button type="submit" name="intent" value="save-example" formMethod="post" className="button secondary" onClick={() => form.setValue('intent', 'save-example')}>
            Save as example
          </button>
        ) : null}
      </div>
    </Form>
  )
}
