import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { LinkNotesSchema, MergeTraitsSchema, TRAIT_TEXT_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, KIND_LABELS, type ContradictionView } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import { NoteRef } from './note-card'

/** A marketing note and a sales note that say opposite things: link them apart, or settle them with one agreed trait. */
export function ContradictionCard({ pair, canLink, canMerge, answer }: { pair: ContradictionView; canLink: boolean; canMerge: boolean; answer?: FormAnswer }) {
  const form = BOARD_FORMS.pair(pair.a.id, pair.b.id)
  const settled = pair.settledBy
  return (
    <li className={`pair${settled ? ' settled' : ''}`} data-testid="contradiction">
      <div className="pair-notes">
        <NoteRef note={pair.a} />
        <span className="versus" aria-label="contradicts">
          ⟷
        </span>
        <NoteRef note={pair.b} />
      </div>
      <p className="small reasons">Why flagged: {pair.reasons.join(' ')}</p>
      {settled ? (
        <p className="small settled-by">
          <span className="badge ok">Settled</span> The room agreed “{settled.text}” ({KIND_LABELS[settled.kind].toLowerCase()}) from both notes
          {settled.agreedByName ? `, agreed by ${settled.agreedByName}` : ''}.
        </p>
      ) : (
        <>
          <AnswerNotice answer={answerFor(answer, form)} showErrors />
          {canLink ? (
            <PostButton schema={LinkNotesSchema} fields={{ intent: 'link', form, aId: pair.a.id, bId: pair.b.id, linked: 'false' }} variant="secondary">
              Not a contradiction
            </PostButton>
          ) : null}
          {canMerge ? <SettleForm pair={pair} answer={answerFor(answer, BOARD_FORMS.settle(pair.a.id, pair.b.id))} /> : null}
        </>
      )}
    </li>
  )
}

/** The room decides a contradiction: one agreed trait, in new words, from both notes. */
function SettleForm({ pair, answer }: { pair: ContradictionView; answer?: FormAnswer }) {
  const formName = BOARD_FORMS.settle(pair.a.id, pair.b.id)
  const defaultValues = useMemo(
    () => ({ intent: 'merge' as const, form: formName, text: '', kind: pair.a.kind, sourceTraitIds: [pair.a.id, pair.b.id] }),
    [formName, pair.a.kind, pair.a.id, pair.b.id],
  )
  const { onSubmit, field, errorOf, formError } = useSchemaForm(MergeTraitsSchema, { defaultValues, answer })
  return (
    <details className="settle" open={Boolean(answer)}>
      <summary>
        Settle it: agree one wording for {pair.a.label} and {pair.b.label}
      </summary>
      <Form method="post" noValidate onSubmit={onSubmit} className="merge-row">
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('form')} />
        <input type="hidden" {...field('sourceTraitIds.0')} />
        <input type="hidden" {...field('sourceTraitIds.1')} />
        <Field label={`Agreed wording for ${pair.a.label} and ${pair.b.label}`} error={errorOf('text')}>
          {(props) => <input {...props} {...field('text')} type="text" maxLength={TRAIT_TEXT_MAX} />}
        </Field>
        <Field label="Describes a" error={errorOf('kind')}>
          {(props) => (
            <select {...props} {...field('kind')}>
              <option value="good">Good lead</option>
              <option value="bad">Bad lead</option>
            </select>
          )}
        </Field>
        <button type="submit" className="button small">
          Agree and settle
        </button>
      </Form>
      <FormError message={answer?.conflict ? undefined : (formError ?? errorOf('sourceTraitIds'))} />
      <AnswerNotice answer={answer} />
    </details>
  )
}
