import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { RequiredFieldsSchema, SqlMinMetSchema } from '~/domain/scoring-model/criteria-forms'
import type { FormAnswer } from '~/http/form-answer'
import { ConflictAlert } from '~/components/conflict-note'

type Settings = { revision: number; required: readonly string[]; sqlMinMet: number }

/** The fields a lead must have before handoff; viewers see the boxes greyed out. */
export function RequiredFieldsForm({
  fields,
  settings,
  canEdit,
  answer,
}: {
  fields: readonly { key: string; label: string }[]
  settings: Settings
  canEdit: boolean
  answer?: FormAnswer
}) {
  // After a refused save the boxes show what was sent; otherwise what is stored.
  const sent = answer?.values ? (answer.values.required as Record<string, unknown> | undefined) : undefined
  const isRequired = (key: string) => (sent ? sent[key] === 'on' : settings.required.includes(key))
  const defaults = {
    intent: 'save-required',
    revision: String(settings.revision),
    required: Object.fromEntries(fields.map((field) => [field.key, isRequired(field.key)])),
  } as const
  const { form, onSubmit, field, formError } = useSchemaForm(RequiredFieldsSchema, { defaultValues: defaults, answer })
  return (
    <>
      <ConflictAlert answer={answer} />
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        <fieldset disabled={!canEdit} className="checkbox-grid">
          <legend>Required fields</legend>
          {fields.map((option) => (
            <label key={option.key} className="choice">
              <input type="checkbox" {...form.register(`required.${option.key}`)} value="on" defaultChecked={isRequired(option.key)} /> {option.label}
            </label>
          ))}
        </fieldset>
        {canEdit ? (
          <button type="submit" className="button secondary">
            Save required information
          </button>
        ) : null}
      </Form>
    </>
  )
}

/** How many SQL questions must hold for an MQL to become an SQL. */
export function SqlMinMetForm({ settings, questions, canEdit, answer }: { settings: Settings; questions: number; canEdit: boolean; answer?: FormAnswer }) {
  const defaults = { intent: 'save-sql-min-met', revision: String(settings.revision), sqlMinMet: String(settings.sqlMinMet) } as const
  const { onSubmit, field, errorOf, formError } = useSchemaForm(SqlMinMetSchema, { defaultValues: defaults, answer })
  const save: ReactNode = canEdit ? (
    <button type="submit" className="button secondary small">
      Save
    </button>
  ) : null
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="inline-form">
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('revision')} />
      <ConflictAlert answer={answer} />
      <FormError message={formError ?? errorOf('revision')} />
      <Field label="An MQL becomes an SQL when this many questions hold" error={errorOf('sqlMinMet')}>
        {(props) => (
          <div className="actions">
            <input {...props} {...field('sqlMinMet')} type="number" min={1} max={Math.max(1, questions)} style={{ width: 90 }} disabled={!canEdit} />
            <span>of {questions}</span>
            {save}
          </div>
        )}
      </Field>
    </Form>
  )
}
