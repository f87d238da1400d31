import { Form, Link, useLocation } from '@remix-run/react'
import { useMemo, useState } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { LinkNotesSchema, MergeTraitsSchema, SaveAgreedSchema, TRAIT_TEXT_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, KIND_LABELS, listLabels, TEAM_LABELS, type ContradictionView, type GroupView, type MergedAs, type NoteView } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import type { BoardAccess } from './board-access'
import { ContradictionCard } from './contradiction-card'
import { NoteRef } from './note-card'
import { Icon } from '~/components/icons'

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
  const canMerge = access.permissions['shape-agreed-list']
  const open = contradictions.filter((pair) => !pair.settledBy).length
  return (
    <>
      <section className="card" aria-labelledby="contradictions-heading" id="contradictions">
        <h2 id="contradictions-heading">Contradictions {open ? <span className="badge danger">{open} open</span> : null}</h2>
        {contradictions.length === 0 ? (
          <p className="muted small">No contradictions found: no trait is good for one team and bad for the other, and no two notes ask for opposite values.</p>
        ) : (
          <>
            {open === 0 ? <p className="muted small">Every contradiction is settled: each pair went into one agreed trait.</p> : null}
            <ul className="pairs">
              {contradictions.map((pair) => (
                <ContradictionCard key={BOARD_FORMS.pair(pair.a.id, pair.b.id)} pair={pair} canLink={canLink} canMerge={canMerge} answer={answer} />
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="groups-heading" id="groups">
        <h2 id="groups-heading">Said by both, or said twice</h2>
        {groups.length === 0 ? (
          <p className="muted small">No two notes say the same thing yet.{canLink ? ' If the matcher missed a pair, link them by hand below.' : ''}</p>
        ) : (
          <ul className="groups">
            {groups.map((group) => (
              <GroupCard key={group.id} group={group} canMerge={canMerge} answer={answer} />
            ))}
          </ul>
        )}
        {canLink && notes.length > 1 ? <LinkForm notes={notes} answer={answerFor(answer, BOARD_FORMS.link)} /> : null}
      </section>
    </>
  )
}

function GroupCard({ group, canMerge, answer }: { group: GroupView; canMerge: boolean; answer?: FormAnswer }) {
  const groupAnswer = answerFor(answer, BOARD_FORMS.group(group.id))
  return (
    <li className={`group-card${group.merged ? ' merged' : ''}`} data-testid={`group-${group.label}`} id={BOARD_FORMS.group(group.id)}>
      <div className="note-head">
        <span className="note-label">{group.label}</span>
        {group.teams.map((team) => (
          <span key={team} className={`badge ${team}`}>
            {TEAM_LABELS[team]}
          </span>
        ))}
        {group.kind === 'mixed' ? <span className="badge warn">good and bad leads</span> : <span className="badge">{group.kind} leads</span>}
        {group.merged ? (
          <span className="badge ok">
            <Icon name="check" /> agreed
          </span>
        ) : null}
      </div>
      <ul className="group-notes">
        {group.notes.map((note) => (
          <li key={note.id}>
            <NoteRef note={note} />
          </li>
        ))}
      </ul>
      {group.reasons.length ? <p className="small reasons">Why grouped: {group.reasons.join(' ')}</p> : null}
      {group.mergedAs.map((merged) => (
        <p key={merged.id} className="small merged-as" data-testid="merged-as">
          {mergedSentence(merged)}
        </p>
      ))}
      {/* When the group is merged, the form below tells the story of a lost race itself. */}
      {group.merged && groupAnswer?.conflict ? null : <AnswerNotice answer={groupAnswer} />}
      {canMerge ? <MergeForm group={group} answer={groupAnswer} keepAnswer={merged(group) ? answerFor(answer, BOARD_FORMS.agreed(merged(group)!.id)) : undefined} /> : null}
    </li>
  )
}

const merged = (group: GroupView): MergedAs | undefined => group.mergedAs[0]

/** How a group went into the agreed list: "as “Companies with 200–5,000 employees” (good lead, from M1 and S1)". */
function howMerged(merged: MergedAs) {
  const from = merged.noteLabels.length ? `, from ${listLabels(merged.noteLabels)}` : ''
  return `as “${merged.text}” (${KIND_LABELS[merged.kind].toLowerCase()}${from})`
}

const mergedSentence = (merged: MergedAs) => `Merged by ${merged.agreedByName ?? 'a former member'} ${howMerged(merged)}.`

/**
 * Merges a group into one agreed trait. A source checkbox is `sourceTraitIds.<n>` with the
 * note's id as its value: ticked ones post, and the same names refill it after a refusal.
 *
 * The form stays mounted while the board refreshes live, so what someone types survives
 * anyone else's change. When someone else merges the group meanwhile (or their merge wins the
 * race and this post is refused), the form does not vanish with the typed words: it says who
 * merged and how, and offers to put this wording on their agreed trait instead.
 */
function MergeForm({ group, answer, keepAnswer }: { group: GroupView; answer?: FormAnswer; keepAnswer?: FormAnswer }) {
  const formName = BOARD_FORMS.group(group.id)
  const sent = answer?.values?.sourceTraitIds
  const chosen = new Set(Array.isArray(sent) ? sent : answer?.values ? [] : group.notes.filter((note) => !note.merged).map((note) => note.id))
  const positions = group.notes.map((note) => (chosen.has(note.id) ? note.id : false))
  // The wording the form starts from; a live update of the proposal does not overwrite what is typed.
  const defaultValues = useMemo(() => ({ intent: 'merge' as const, form: formName, text: group.proposal.text, kind: group.proposal.kind }), [formName, group.proposal.text, group.proposal.kind])
  const { form, onSubmit, field, errorOf } = useSchemaForm(MergeTraitsSchema, {
    defaultValues: { ...defaultValues, sourceTraitIds: positions },
    answer: answer ? { errors: answer.errors, values: answer.values ? { ...answer.values, sourceTraitIds: positions } : undefined } : undefined,
  })
  const theirs = merged(group)
  const typed = form.getValues()
  const typedText = typeof typed.text === 'string' ? typed.text.trim() : ''
  const rewording = form.formState.isDirty || Boolean(answer?.conflict)
  if (group.merged && theirs) {
    // Nothing typed, or the agreed trait now says what was typed: nothing left to decide.
    if (!rewording || typedText === theirs.text.trim()) return null
    return <KeepMyWording group={group} theirs={theirs} typed={{ text: typedText, kind: typed.kind === 'bad' ? 'bad' : 'good' }} answer={keepAnswer} onKeepTheirs={() => form.reset()} />
  }
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
            <input type="checkbox" {...form.register(`sourceTraitIds.${index}`)} value={note.id} defaultChecked={chosen.has(note.id)} disabled={note.merged} /> {note.label}
            {note.merged ? ' (already agreed)' : ''}
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

/** Someone merged the group while this person was rewording it: their words stay, and can replace the agreed wording. */
function KeepMyWording({
  group,
  theirs,
  typed,
  answer,
  onKeepTheirs,
}: {
  group: GroupView
  theirs: MergedAs
  typed: { text: string; kind: 'good' | 'bad' }
  answer?: FormAnswer
  onKeepTheirs: () => void
}) {
  const base = useLocation().pathname
  // Fixed at the agreed trait's revision when this appeared: if someone edits it meanwhile, "use mine" is a conflict, not an overwrite.
  const [defaults] = useState(() => ({ intent: 'save-agreed' as const, agreedId: theirs.id, revision: String(theirs.revision), text: typed.text, kind: typed.kind }))
  const { onSubmit, field, errorOf, formError } = useSchemaForm(SaveAgreedSchema, { defaultValues: defaults, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="merge-form keep-wording" data-testid="merged-meanwhile">
      <p className="alert warn" role="status">
        {theirs.agreedByName ?? 'Someone'} merged {group.label} while you were writing, {howMerged(theirs)}. Your wording is kept below: use it instead of theirs, or keep theirs.
      </p>
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('agreedId')} />
      <input type="hidden" {...field('revision')} />
      <FormError message={formError ?? errorOf('revision') ?? errorOf('agreedId')} />
      <AnswerNotice answer={answer} />
      <div className="merge-row">
        <Field label={`Your wording for ${group.label}`} error={errorOf('text')}>
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
      <div className="actions">
        <button type="submit" className="button small">
          Use my wording instead
        </button>
        <Link to={`${base}#${BOARD_FORMS.group(group.id)}`} className="button secondary small" onClick={onKeepTheirs}>
          Keep theirs
        </Link>
      </div>
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
