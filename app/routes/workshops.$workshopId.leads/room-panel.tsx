import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { Field, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { LinkNotesSchema, MergeTraitsSchema, TRAIT_TEXT_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, TEAM_LABELS, type ContradictionView, type GroupView, type NoteView } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import type { BoardAccess } from './board-access'
import { NoteRef } from './note-card'

/** After the reveal: contradictions, the groups to merge, and the facilitator's hand links. */
export function RoomPanel({
  contradictions,
  groups,
  notes,
  access,
  answer,
}: {
  contradictions: ContradictionView[]
  groups: GroupView[]
  notes: NoteView[]
  access: BoardAccess
  answer?: FormAnswer
}) {
  const canLink = access.permissions['link-notes']
  return (
    <>
      <section className="card" aria-labelledby="contradictions-heading" id="contradictions">
        <h2 id="contradictions-heading">Contradictions {contradictions.length ? <span className="badge danger">{contradictions.length}</span> : null}</h2>
        {contradictions.length === 0 ? (
          <p className="muted small">No contradictions found: no trait is good for one team and bad for the other, and no two notes ask for opposite values.</p>
        ) : (
          <ul className="pairs">
            {contradictions.map((pair) => {
              const form = BOARD_FORMS.pair(pair.a.id, pair.b.id)
              return (
                <li key={form} className="pair" data-testid="contradiction">
                  <div className="pair-notes">
                    <NoteRef note={pair.a} />
                    <span className="versus" aria-label="contradicts">
                      ⟷
                    </span>
                    <NoteRef note={pair.b} />
                  </div>
                  <p className="small reasons">Why flagged: {pair.reasons.join('; ')}</p>
                  <AnswerNotice answer={answerFor(answer, form)} showErrors />
                  {canLink ? (
                    <PostButton fields={{ intent: 'link', form, aId: pair.a.id, bId: pair.b.id, linked: 'false' }} variant="secondary">
                      Not a contradiction
                    </PostButton>
                  ) : null}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="groups-heading" id="groups">
        <h2 id="groups-heading">Said by both, or said twice</h2>
        {groups.length === 0 ? (
          <p className="muted small">No two notes say the same thing yet.{canLink ? ' If the matcher missed a pair, link them by hand below.' : ''}</p>
        ) : (
          <ul className="groups">
            {groups.map((group) => (
              <GroupCard key={group.id} group={group} canMerge={access.permissions['shape-agreed-list']} answer={answerFor(answer, BOARD_FORMS.group(group.id))} />
            ))}
          </ul>
        )}
        {canLink && notes.length > 1 ? <LinkForm notes={notes} answer={answerFor(answer, BOARD_FORMS.link)} /> : null}
      </section>
    </>
  )
}

function GroupCard({ group, canMerge, answer }: { group: GroupView; canMerge: boolean; answer?: FormAnswer }) {
  return (
    <li className={`group-card${group.merged ? ' merged' : ''}`} data-testid={`group-${group.label}`}>
      <div className="note-head">
        <span className="note-label">{group.label}</span>
        {group.teams.map((team) => (
          <span key={team} className={`badge ${team}`}>
            {TEAM_LABELS[team]}
          </span>
        ))}
        {group.kind === 'mixed' ? <span className="badge warn">good and bad leads</span> : <span className="badge">{group.kind} leads</span>}
        {group.merged ? <span className="badge ok">✓ agreed</span> : null}
      </div>
      <ul className="group-notes">
        {group.notes.map((note) => (
          <li key={note.id}>
            <NoteRef note={note} />
          </li>
        ))}
      </ul>
      {group.reasons.length ? <p className="small reasons">Why grouped: {group.reasons.join('; ')}</p> : null}
      <AnswerNotice answer={answer} />
      {canMerge && !group.merged ? <MergeForm group={group} answer={answer} /> : null}
    </li>
  )
}

/**
 * Merges a group into one agreed trait. A source checkbox is `sourceTraitIds.<n>` with the
 * note's id as its value: ticked ones post, and the same names refill it after a refusal.
 */
function MergeForm({ group, answer }: { group: GroupView; answer?: FormAnswer }) {
  const formName = BOARD_FORMS.group(group.id)
  const sent = answer?.values?.sourceTraitIds
  const chosen = new Set(Array.isArray(sent) ? sent : answer?.values ? [] : group.notes.map((note) => note.id))
  const positions = group.notes.map((note) => (chosen.has(note.id) ? note.id : false))
  // The wording the form starts from; a live update of the proposal does not overwrite what is typed.
  const defaultValues = useMemo(() => ({ intent: 'merge' as const, form: formName, text: group.proposal.text, kind: group.proposal.kind }), [formName, group.proposal.text, group.proposal.kind])
  const { form, onSubmit, field, errorOf } = useSchemaForm(MergeTraitsSchema, {
    defaultValues: { ...defaultValues, sourceTraitIds: positions },
    answer: answer ? { errors: answer.errors, values: answer.values ? { ...answer.values, sourceTraitIds: positions } : undefined } : undefined,
  })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="merge-form">
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('form')} />
      <div className="merge-row">
        <Field label={`Agreed wording for ${group.label}`} error={errorOf('text')}>
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
      </div>
      <fieldset className="merge-sources">
        <legend className="small">Merge these notes</legend>
        {group.notes.map((note, index) => (
          <label key={note.id} className="choice small">
            <input type="checkbox" {...form.register(`sourceTraitIds.${index}`)} value={note.id} defaultChecked={chosen.has(note.id)} /> {note.label}
          </label>
        ))}
        {errorOf('sourceTraitIds') ? (
          <span className="field-error" role="alert">
            {errorOf('sourceTraitIds')}
          </span>
        ) : null}
      </fieldset>
      <button type="submit" className="button small">
        Merge into the agreed list
      </button>
    </Form>
  )
}

/** The facilitator's correction when the matcher missed that two notes say the same thing. */
function LinkForm({ notes, answer }: { notes: NoteView[]; answer?: FormAnswer }) {
  const defaultValues = useMemo(() => ({ intent: 'link' as const, form: BOARD_FORMS.link, linked: 'true' as const, aId: notes[0]?.id ?? '', bId: notes[1]?.id ?? '' }), [notes])
  const { onSubmit, field, errorOf } = useSchemaForm(LinkNotesSchema, { defaultValues, answer })
  const options = notes.map((note) => (
    <option key={note.id} value={note.id}>
      {note.label}: {note.text.length > 60 ? `${note.text.slice(0, 57)}…` : note.text}
    </option>
  ))
  return (
    <details className="link-by-hand" open={Boolean(answer)}>
      <summary>Link two notes by hand (when the matcher missed that they say the same thing)</summary>
      <Form method="post" noValidate onSubmit={onSubmit} className="merge-row">
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('form')} />
        <input type="hidden" {...field('linked')} />
        <Field label="This note" error={errorOf('aId')}>
          {(props) => <select {...props} {...field('aId')}>{options}</select>}
        </Field>
        <Field label="says the same as" error={errorOf('bId')}>
          {(props) => <select {...props} {...field('bId')}>{options}</select>}
        </Field>
        <button type="submit" className="button secondary small">
          Link
        </button>
      </Form>
      <AnswerNotice answer={answer} />
    </details>
  )
}
