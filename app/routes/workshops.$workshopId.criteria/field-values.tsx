import { Form } from '@remix-run/react'
import { useFieldArray, type Control, type Path } from 'react-hook-form'
import { FormError, useSchemaForm } from '~/components/form'
import { Icon } from '~/components/icons'
import { ScrollRegion } from '~/components/scroll-region'
import { FieldValuesSchema, rowsFromPost, valueRows, type FieldValuesFormInput } from '~/domain/scoring-model/field-values-form'
import { answerFor, type FormAnswer } from '~/http/form-answer'

type Row = { value: string; label: string }

export type ValueField = { id: string; key: string; label: string; revision: number; values: { value: string; label: string }[] }

/** The form name each field's values form answers under (field-values.server.ts names it the same way). */
const formName = (fieldId: string) => `field-values:${fieldId}`

/**
 * The values a text field takes, each with the label people read (`c_level` → “C-level”): the
 * simulator offers them in a list, rule sentences and the document say the label. One disclosure
 * per text field (native <details>: no JavaScript needed); the one just answered stays open.
 */
export function FieldValues({ fields, canEdit, actionData }: { fields: readonly ValueField[]; canEdit: boolean; actionData?: FormAnswer }) {
  if (fields.length === 0) return null
  return (
    <section className="card" aria-labelledby="values-heading">
      <h2 id="values-heading">Allowed values</h2>
      <p className="muted small">
        A text field can list the values leads carry, each with the label people read: rules, the simulator and the document say “C-level”, exports keep
        c_level. Values are compared ignoring case and spaces at either end; scores never depend on the labels.
      </p>
      <div className="stack-tight">
        {fields.map((field) => {
          const answer = answerFor(actionData, formName(field.id))
          return (
            <details key={field.id} id={`values-${field.id}`} className="field-values" open={Boolean(answer)}>
              <summary>
                <span className="field-values-name">{field.label}</span>{' '}
                <span className="muted small">{field.values.length === 0 ? 'any text' : `${field.values.length.toLocaleString('en-US')} allowed ${field.values.length === 1 ? 'value' : 'values'}`}</span>
              </summary>
              {canEdit ? (
                <FieldValuesEditor key={`${field.id}-${field.revision}`} field={field} answer={answer} />
              ) : (
                <ValuesTable field={field} />
              )}
            </details>
          )
        })}
      </div>
    </section>
  )
}

function ValuesTable({ field }: { field: ValueField }) {
  if (field.values.length === 0) return <p className="muted small">Any text: no values listed.</p>
  return (
    <ScrollRegion label={`Allowed values of ${field.label}`}>
      <table className="values-table">
        <thead>
          <tr>
            <th scope="col">Value (as leads carry it)</th>
            <th scope="col">Label</th>
          </tr>
        </thead>
        <tbody>
          {field.values.map((entry) => (
            <tr key={entry.value}>
              <td className="mono">{entry.value}</td>
              <td>{entry.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

function FieldValuesEditor({ field, answer }: { field: ValueField; answer?: FormAnswer }) {
  const sent = answer?.values ? (rowsFromPost(answer.values.values) as { value?: string; label?: string }[]) : undefined
  const rows = Array.isArray(sent) ? sent.map((row) => ({ value: row?.value ?? '', label: row?.label ?? '' })) : valueRows(field.values)
  const { form, onSubmit, field: register, errorOf, formError } = useSchemaForm(FieldValuesSchema, {
    defaultValues: { intent: 'save-field-values', fieldId: field.id, revision: field.revision, values: rows },
    answer: answer ? { errors: answer.errors, values: { ...answer.values, values: rows } } : undefined,
  })
  // The schema reads `values` through a preprocess (rows posted past the array limit), so its input
  // type is unknown to react-hook-form: the rows' names are typed here instead.
  const list = useFieldArray({ control: form.control as unknown as Control<{ values: Row[] }>, name: 'values' })
  const cell = (index: number, key: keyof Row) => register(`values.${index}.${key}` as Path<FieldValuesFormInput>)
  const listError = errorOf('values')
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack-tight">
      <input type="hidden" {...register('intent')} />
      <input type="hidden" {...register('fieldId')} />
      <input type="hidden" {...register('revision')} />
      <FormError message={formError ?? answer?.conflict?.message} />
      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}
      <ScrollRegion label={`Allowed values of ${field.label}`}>
        <table className="form-table values-table">
          <thead>
            <tr>
              <th scope="col">Value (as leads carry it)</th>
              <th scope="col">Label</th>
              <th scope="col" className="js-only">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.fields.map((row, index) => {
              const valueError = errorOf(`values.${index}.value`)
              const labelError = errorOf(`values.${index}.label`)
              const name = `row ${index + 1}`
              return (
                <tr key={row.id}>
                  <td>
                    <input
                      {...cell(index, 'value')}
                      type="text"
                      className="mono"
                      aria-label={`Value, ${name}`}
                      aria-invalid={Boolean(valueError)}
                      aria-describedby={valueError ? `${row.id}-value-error` : undefined}
                      placeholder={index === 0 ? 'c_level' : undefined}
                      spellCheck={false}
                    />
                    {valueError ? (
                      <span className="field-error" id={`${row.id}-value-error`}>
                        {valueError}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <input
                      {...cell(index, 'label')}
                      type="text"
                      aria-label={`Label, ${name}`}
                      aria-invalid={Boolean(labelError)}
                      aria-describedby={labelError ? `${row.id}-label-error` : undefined}
                      placeholder={index === 0 ? 'C-level' : undefined}
                    />
                    {labelError ? (
                      <span className="field-error" id={`${row.id}-label-error`}>
                        {labelError}
                      </span>
                    ) : null}
                  </td>
                  <td className="js-only">
                    <button type="button" className="button secondary small icon-only" aria-label={`Remove ${name}`} title={`Remove ${name}`} onClick={() => list.remove(index)}>
                      <Icon name="trash-2" />
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="muted small">Empty rows are left out; clear both cells of a row to remove it. At most 500 values.</p>
      <div className="actions">
        <button type="submit" className="button small">
          Save allowed values
        </button>
        <button type="button" className="button secondary small js-only" onClick={() => list.append({ value: '', label: '' })}>
          <Icon name="list-plus" />
          Add a row
        </button>
      </div>
    </Form>
  )
}
