import { Form, Link, useLocation } from '@remix-run/react'
import { useState } from 'react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import type { TraitKind, TraitTeam } from '~/domain/lead-board/matcher'
import { DeleteTraitSchema, SaveTraitSchema, SeparateTraitSchema, TRAIT_TEXT_MAX, TRAIT_WHY_MAX } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, TEAM_LABELS, type NoteView } from '~/domain/lead-board/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import type { BoardAccess } from './board-access'
import { Icon } from '~/components/icons'

/** A note's words in a question, cut at a word near 80 characters (a note may hold 280). */
export function quoted(text: string, max = 80) {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** A note as other cards cite it: its label, its words, whose and which kind. */
export function NoteRef({ note }: { note: { label: string; team: TraitTeam; kind: TraitKind; text: string } }) {
  return (
    <span className={`note-ref team-${note.team}`}>
      <strong>{note.label}</strong> “{note.text}” <span className="muted small">({TEAM_LABELS[note.team]}, {note.kind})</span>
    </span>
  )
}

export function NoteList({ notes, access, answer, empty }: { notes: NoteView[]; access: BoardAccess; answer?: FormAnswer; empty: string }) {
  if (notes.length === 0) return <p className="muted small empty-inline">{empty}</p>
  return (
    <ul className="notes">
      {notes.map((note) => (
        <NoteCard key={note.id} note={note} access={access} answer={answer} />
      ))}
    </ul>
  )
}

function NoteCard({ note, access, answer }: { note: NoteView; access: BoardAccess; answer?: FormAnswer }) {
  const base = useLocation().pathname
  const form = BOARD_FORMS.note(note.id)
  const noteAnswer = answerFor(answer, form)
  const mine = access.team === note.team
  const editing = mine && access.editNoteId === note.id
  const contradicted = note.contradicts.length > 0
  return (
    <li className={`note team-${note.team} kind-${note.kind}${contradicted ? ' contradicted' : ''}`} id={form} data-testid={`note-${note.label}`}>
      <div className="note-head">
        <span className="note-label">{note.label}</span>
        {note.group ? (
          <a href="#groups" className="badge same">
            {note.group}: same thing
          </a>
        ) : null}
        {contradicted ? <span className="badge danger">
            <Icon name="triangle-alert" /> contradicts {note.contradicts.join(', ')}
          </span> : null}
        {note.merged ? (
          <span className="badge ok">
            <Icon name="check" /> agreed
          </span>
        ) : null}
      </div>
      {editing ? (
        // A new key after a refusal: the editor starts again from what was sent, at the revision that now stands.
        <NoteEditor key={`${note.id}-${String(noteAnswer?.values?.revision ?? 'start')}`} note={note} answer={noteAnswer} cancelTo={`${base}#${form}`} />
      ) : (
        <>
          <p className="note-text">{note.text}</p>
          {note.why ? <p className="note-why">Why: {note.why}</p> : null}
          <p className="note-meta">{note.authorName ?? 'A former member'}</p>
          <AnswerNotice answer={noteAnswer} showErrors />
          <div className="note-actions">
            {mine ? (
              <>
                <Link to={`${base}?edit=${note.id}#${form}`} className="button secondary small" aria-label={`Edit ${note.label}`}>
                  <Icon name="pencil" />
                  Edit
                </Link>
                {/* Cannot be undone (the label is never given again, a facilitator's links to it go with it), so it asks first; no JavaScript needed. */}
                <PostButton
                  schema={DeleteTraitSchema}
                  fields={{ intent: 'delete-trait', traitId: note.id, revision: note.revision }}
                  label={`Delete ${note.label}`}
                  icon="trash-2"
                  confirm={`Delete ${note.label} “${quoted(note.text)}”? It cannot be undone, and ${note.label} is not given to another note.`}
                  confirmLabel={`Yes, delete ${note.label}`}
                >
                  Delete
                </PostButton>
              </>
            ) : null}
            {access.revealed && access.permissions['shape-agreed-list'] && !note.group && !note.merged ? (
              <PostButton
                fields={{ intent: 'merge', form, kind: note.kind, text: note.text, 'sourceTraitIds.0': note.id }}
                label={`Agree ${note.label} as it is`}
                variant="secondary"
              >
                Agree as is
              </PostButton>
            ) : null}
            {access.permissions['link-notes'] && note.group ? (
              <PostButton schema={SeparateTraitSchema} fields={{ intent: 'separate', traitId: note.id }} label={`Take ${note.label} out of ${note.group}`} variant="secondary">
                Not the same
              </PostButton>
            ) : null}
          </div>
        </>
      )}
    </li>
  )
}

function NoteEditor({ note, answer, cancelTo }: { note: NoteView; answer?: FormAnswer; cancelTo: string }) {
  // The revision this edit started from stays fixed while live updates refresh the board, so a
  // teammate's save in between turns this save into a conflict instead of a silent overwrite.
  const [defaults] = useState(() => ({
    intent: 'save-trait' as const,
    traitId: note.id,
    team: note.team,
    kind: note.kind,
    text: note.text,
    why: note.why,
    revision: String(note.revision),
  }))
  const { onSubmit, field, errorOf, formError } = useSchemaForm(SaveTraitSchema, { defaultValues: defaults, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="note-editor">
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('traitId')} />
      <input type="hidden" {...field('team')} />
      <input type="hidden" {...field('revision')} />
      <AnswerNotice answer={answer} />
      <FormError message={formError ?? errorOf('revision') ?? errorOf('traitId') ?? errorOf('team')} />
      <Field label={`Trait ${note.label}`} error={errorOf('text')}>
        {(props) => <textarea {...props} {...field('text')} rows={2} maxLength={TRAIT_TEXT_MAX} />}
      </Field>
      <Field label="Why (optional)" error={errorOf('why')}>
        {(props) => <input {...props} {...field('why')} type="text" maxLength={TRAIT_WHY_MAX} />}
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
          Save note
        </button>
        <Link to={cancelTo} className="button secondary small">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
