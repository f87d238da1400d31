import { Form } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { CLOSED_WON_LABELS, CLOSED_WON_MATCHES, ClosedWonSchema } from '~/domain/personas/schemas'
import type { PersonaView } from '~/domain/personas/view'
import type { FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'

/** Sales' check of a buyer persona against the buyers it recently closed. */
export function ClosedWonForm({ persona, answer }: { persona: PersonaView; answer?: FormAnswer }) {
  const defaults = {
    intent: 'mark-closed-won',
    personaId: persona.id,
    revision: String(persona.revision),
    closedWonMatch: persona.closedWonMatch ?? undefined,
    closedWonNote: persona.closedWonNote,
  } as const
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(ClosedWonSchema, { defaultValues: defaults, answer })
  const checked = (answer?.values?.closedWonMatch as string | undefined) ?? persona.closedWonMatch
  const matchError = errorOf('closedWonMatch')
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="closed-won-form">
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('personaId')} />
      <input type="hidden" {...field('revision')} />
      <fieldset>
        <legend className="small">Sales’ check</legend>
        <div className="choices">
          {CLOSED_WON_MATCHES.map((match) => (
            <label key={match} className="choice small">
              {/* register() without a defaultValue: a radio's value is its option, not the stored answer. */}
              <input type="radio" {...form.register('closedWonMatch')} value={match} defaultChecked={checked === match} /> {CLOSED_WON_LABELS[match]}
            </label>
          ))}
        </div>
        {matchError ? (
          <span className="field-error" role="alert">
            {matchError}
          </span>
        ) : null}
        <Field label="Note" error={errorOf('closedWonNote')}>
          {(props) => <input {...props} {...field('closedWonNote')} type="text" maxLength={500} placeholder="e.g. 7 of our last 10 deals" />}
        </Field>
      </fieldset>
      <button type="submit" className="button secondary small">
        Save check
      </button>
      <FormError message={formError ?? errorOf('revision') ?? errorOf('personaId')} />
      <AnswerNotice answer={answer} />
    </Form>
  )
}
