import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import type { TraitKind, TraitTeam } from '~/domain/lead-board/matcher'
import { AddTraitSchema, TRAIT_TEXT_MAX, TRAIT_WHY_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { Icon } from '~/components/icons'

/** A team member's form under one column: a new good- or bad-lead trait for their team. */
export function AddNoteForm({ kind, team, answer }: { kind: TraitKind; team: TraitTeam; answer?: FormAnswer }) {
  const formName = BOARD_FORMS.add(kind)
  const defaultValues = useMemo(() => ({ intent: 'add-trait' as const, form: formName, team, kind, text: '', why: '' }), [formName, team, kind])
  const { onSubmit, field, errorOf, formError } = useSchemaForm(AddTraitSchema, { defaultValues, answer: answerFor(answer, formName) })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="add-note" aria-label={`Add a ${kind}-lead trait`}>
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('form')} />
      <input type="hidden" {...field('team')} />
      <input type="hidden" {...field('kind')} />
      <FormError message={errorOf('team') ?? errorOf('kind') ?? formError} />
      <Field label={kind === 'good' ? 'New good-lead trait' : 'New bad-lead trait'} error={errorOf('text')}>
        {(props) => (
          <input {...props} {...field('text')} type="text" maxLength={TRAIT_TEXT_MAX} placeholder={kind === 'good' ? 'e.g. Company with 50–500 employees' : 'e.g. Students and job seekers'} />
        )}
      </Field>
      <Field label="Why (optional)" error={errorOf('why')}>
        {(props) => <input {...props} {...field('why')} type="text" maxLength={TRAIT_WHY_MAX} />}
      </Field>
      <button type="submit" className="button small">
        <Icon name="plus" />
        Add note
      </button>
    </Form>
  )
}
