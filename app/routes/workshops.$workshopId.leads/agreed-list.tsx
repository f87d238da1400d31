import { Form, Link, useLocation } from '@remix-run/react'
import { useState } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { Icon } from '~/components/icons'
import { PostButton } from '~/components/post-button'
import { DeleteAgreedSchema, DraftCriterionSchema, MergeTraitsSchema, SaveAgreedSchema, TRAIT_TEXT_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, TEAM_LABELS, type AgreedView } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import { quoted } from './note-card'

const TEAM_NAMES: Record<string, string> = TEAM_LABELS

/** The room's agreed list, good and bad; each trait keeps its sources and becomes a draft criterion on request. */
export function AgreedList({ agreed, canShape, editAgreedId, answer }: { agreed: { good: AgreedView[]; bad: AgreedView[] }; canShape: boolean; editAgreedId: string | null; answer?: FormAnswer }) {
  const total = agreed.good.length + agreed.bad.length
  return (
    <section className="card agreed" aria-labelledby="agreed-heading" id="agreed">
      <h2 id="agreed-heading">The agreed list {total ? <span className="badge ok">{total}</span> : null}</h2>
      <p className="muted small">What both teams accept as a good or a bad lead. Each agreed trait keeps the notes it came from; turn it into a draft criterion for step 4.</p>
      {total === 0 ? (
        <p className="muted empty-inline">Nothing agreed yet. Merge a group above, or agree a single note “as is”.</p>
      ) : (
        <div className="board-columns">
          {(['good', 'bad'] as const).map((kind) => (
            <section key={kind} className={`board-col kind-${kind}`} aria-labelledby={`agreed-${kind}`} data-testid={`agreed-${kind}`}>
              <h3 id={`agreed-${kind}`}>{kind === 'good' ? 'Good leads' : 'Bad leads'}</h3>
              {agreed[kind].length === 0 ? (
                <p className="muted small">None yet.</p>
              ) : (
                <ul className="notes">
                  {agreed[kind].map((item) => (
                    <AgreedItem key={item.id} agreed={item} canShape={canShape} editing={canShape && editAgreedId === item.id} answer={answerFor(answer, BOARD_FORMS.agreed(item.id))} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
      {canShape ? <AgreeNewForm answer={answerFor(answer, BOARD_FORMS.agreeNew)} /> : null}
    </section>
  )
}

const AGREE_NEW_DEFAULTS = { intent: 'merge', form: BOARD_FORMS.agreeNew, text: '', kind: 'good' } as const

/** A trait the room agreed on in discussion, from no note in particular. */
function AgreeNewForm({ answer }: { answer?: FormAnswer }) {
  const { onSubmit, field, errorOf } = useSchemaForm(MergeTraitsSchema, { defaultValues: AGREE_NEW_DEFAULTS, answer })
  return (
    <details className="agree-new" open={Boolean(answer)}>
      <summary>Add a trait the room agreed on in discussion</summary>
      <Form method="post" noValidate onSubmit={onSubmit} className="merge-row">
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('form')} />
        <Field label="New agreed trait" error={errorOf('text')}>
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
        <button type="submit" className="button secondary small">
          Add to the agreed list
        </button>
      </Form>
      <AnswerNotice answer={answer} />
    </details>
  )
}

function AgreedItem({ agreed, canShape, editing, answer }: { agreed: AgreedView; canShape: boolean; editing: boolean; answer?: FormAnswer }) {
  const base = useLocation().pathname
  const form = BOARD_FORMS.agreed(agreed.id)
  return (
    <li className={`note agreed-item kind-${agreed.kind}`} id={form} data-testid="agreed-item">
      {editing ? (
        <AgreedEditor key={`${agreed.id}-${String(answer?.values?.revision ?? 'start')}`} agreed={agreed} answer={answer} cancelTo={`${base}#${form}`} />
      ) : (
        <>
          <p className="note-text">{agreed.text}</p>
          <p className="note-why">
            {agreed.sources.length === 0 ? 'Written by the room' : 'From '}
            {agreed.sources.map((source, index) => (
              <span key={index}>
                {index > 0 ? (index === agreed.sources.length - 1 ? ' and ' : ', ') : ''}
                {source.label ? <strong>{source.label}</strong> : null} “{source.text}” ({TEAM_NAMES[source.team] ?? source.team})
              </span>
            ))}
            {agreed.agreedByName ? ` · agreed by ${agreed.agreedByName}` : ''}
          </p>
          <AnswerNotice answer={answer} showErrors />
          {canShape ? (
            <div className="note-actions">
              <Link to={`${base}?agreed=${agreed.id}#${form}`} className="button secondary small" aria-label={`Edit “${quoted(agreed.text)}”`}>
                <Icon name="pencil" />
                Edit
              </Link>
              {/* The notes stay on the board and can be agreed again, but the wording and who agreed it go: it asks first. */}
              <PostButton
                schema={DeleteAgreedSchema}
                fields={{ intent: 'delete-agreed', agreedId: agreed.id, revision: agreed.revision }}
                label={`Remove “${quoted(agreed.text)}” from the agreed list`}
                confirm={`Remove “${quoted(agreed.text)}” from the agreed list? Its wording cannot be brought back; ${
                  agreed.sources.length ? 'the notes it came from stay on the board and can be agreed again' : 'add it again below if the room still agrees'
                }. Criteria already drafted from it stay in step 4.`}
                confirmLabel="Yes, remove it"
                icon="trash-2"
              >
                Remove
              </PostButton>
              <PostButton schema={DraftCriterionSchema} fields={{ intent: 'draft-criterion', agreedId: agreed.id }} variant="secondary">
                Draft a criterion for step 4
              </PostButton>
            </div>
          ) : null}
        </>
      )}
    </li>
  )
}

function AgreedEditor({ agreed, answer, cancelTo }: { agreed: AgreedView; answer?: FormAnswer; cancelTo: string }) {
  // Fixed at the revision the edit started from, like a note's editor: a save in between is a conflict.
  const [defaults] = useState(() => ({ intent: 'save-agreed' as const, agreedId: agreed.id, kind: agreed.kind, text: agreed.text, revision: String(agreed.revision) }))
  const { onSubmit, field, errorOf, formError } = useSchemaForm(SaveAgreedSchema, { defaultValues: defaults, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="note-editor">
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('agreedId')} />
      <input type="hidden" {...field('revision')} />
      <AnswerNotice answer={answer} />
      <FormError message={formError ?? errorOf('revision') ?? errorOf('agreedId')} />
      <Field label="Agreed trait" error={errorOf('text')}>
        {(props) => <textarea {...props} {...field('text')} rows={2} maxLength={TRAIT_TEXT_MAX} />}
      </Field>
      <Field label="Describes a" error={errorOf('kind')}>
        {(props) => (
          <select {...props} {...field('kind')}>
            <option value="good">Good lead</option>
            <option value="bad">Bad lead</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button small">
          Save
        </button>
        <Link to={cancelTo} className="button secondary small">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
