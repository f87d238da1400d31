import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { Field, FormError, TextField, useSchemaForm } from '~/components/form'
import { BUYING_ROLE_LABELS, BUYING_ROLES, COMPANY_SIZE_BANDS, PersonaEditorSchema, SENIORITIES } from '~/domain/personas/schemas'
import type { PersonaEditorValues } from '~/domain/personas/view'
import type { FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'

/** Adds a persona (`defaults.intent` is add-persona) or edits one at the revision it was opened at. */
export function PersonaEditor({ title, defaults, answer, cancelTo }: { title: string; defaults: PersonaEditorValues; answer?: FormAnswer; cancelTo: string }) {
  // The revision this edit started from stays fixed while the page refreshes underneath it.
  const [initial] = useState(defaults)
  const { onSubmit, field, errorOf: err, formError } = useSchemaForm(PersonaEditorSchema, { defaultValues: initial, answer })
  const negative = initial.negative === 'true'
  const editing = initial.intent === 'save-persona'
  return (
    <section className={`card persona-editor${negative ? ' negative' : ''}`} aria-label={title}>
      <h3>{title}</h3>
      <AnswerNotice answer={answer} />
      {/* Hidden fields the person cannot fix: a stale or hand-made form. */}
      <FormError message={formError ?? err('negative') ?? err('revision') ?? err('personaId') ?? err('intent')} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        {editing ? <input type="hidden" {...field('personaId')} /> : null}
        <input type="hidden" {...field('negative')} />
        <input type="hidden" {...field('revision')} />
        <div className="grid-2 compact">
          <TextField label="Persona name" hint={negative ? 'e.g. “Students and job seekers”' : 'e.g. “Operations Olivia”'} registration={field('name')} error={err('name')} />
          <TextField label="Title or role" hint="e.g. Head of Revenue Operations" registration={field('title')} error={err('title')} />
          <Field label="Seniority" error={err('seniority')}>
            {(props) => <input {...props} {...field('seniority')} type="text" list="seniority-options" />}
          </Field>
          <TextField label="Department" registration={field('department')} error={err('department')} />
          <TextField label="Industry" registration={field('industry')} error={err('industry')} />
          <Field label="Company size" hint="Employees, e.g. 201–1,000" error={err('companySize')}>
            {(props) => <input {...props} {...field('companySize')} type="text" list="company-size-options" />}
          </Field>
          <TextField label="Region" registration={field('region')} error={err('region')} />
          {!negative ? (
            <Field label="Buying role" error={err('buyingRole')}>
              {(props) => (
                <select {...props} {...field('buyingRole')}>
                  <option value="">Not decided</option>
                  {BUYING_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {BUYING_ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <datalist id="seniority-options">
          {SENIORITIES.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <datalist id="company-size-options">
          {COMPANY_SIZE_BANDS.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <Field label={negative ? 'Why they are not a fit' : 'Pains'} error={err('pains')}>
          {(props) => <textarea {...props} {...field('pains')} rows={3} />}
        </Field>
        <Field label="Goals" error={err('goals')}>
          {(props) => <textarea {...props} {...field('goals')} rows={2} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            {editing ? 'Save persona' : negative ? 'Add negative persona' : 'Add buyer persona'}
          </button>
          <Link to={cancelTo} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  )
}
