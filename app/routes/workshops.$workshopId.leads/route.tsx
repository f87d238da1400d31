import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { useState } from 'react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { LiveUpdates } from '~/components/live-updates'
import { StepComments } from '~/components/steps/step-comments'
import { CommentSchema } from '~/domain/comments/schemas'
import { buildBoardView, type AgreedView, type GroupView, type NoteView } from '~/domain/lead-board/view'
import { AgreedTraitSchema, LinkTraitsSchema, TRAIT_TEXT_MAX, TRAIT_WHY_MAX, TraitSchema } from '~/domain/lead-board/schemas'
import type { TraitKind, TraitTeam } from '~/domain/lead-board/matcher'
import type { Role } from '~/domain/workshops/roles'
import { validateFormData, readFormData } from '~/form.server'
import { addComment, listComments } from '~/models/comment.server'
import { draftCriterionFromAgreedTrait, draftMessage } from '~/models/draft-criterion.server'
import {
  addTrait,
  deleteAgreedTrait,
  deleteTrait,
  getLeadBoard,
  isTeam,
  mergeTraits,
  revealBoard,
  saveAgreedTrait,
  saveTrait,
  separateTrait,
  setTraitLink,
  touchBoard,
} from '~/models/lead-board.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Good and bad leads · Leadpact' }]

const TEAMS = ['marketing', 'sales'] as const
const ROOM = ['facilitator', 'marketing', 'sales'] as const
const TEAM_LABELS: Record<TraitTeam, string> = { marketing: 'Marketing', sales: 'Sales' }
const KIND_LABELS: Record<TraitKind, string> = { good: 'Good lead', bad: 'Bad lead' }

/** Who may post each intent; anything else is refused before the form is read. */
const INTENT_ROLES: Record<string, readonly Role[]> = {
  'add-trait': TEAMS,
  'save-trait': TEAMS,
  'delete-trait': TEAMS,
  reveal: ['facilitator'],
  link: ['facilitator'],
  separate: ['facilitator'],
  merge: ROOM,
  'save-agreed': ROOM,
  'delete-agreed': ROOM,
  'draft-criterion': ROOM,
  'add-comment': ROOM,
}

const FORBIDDEN: Record<string, string> = {
  'add-trait': 'Only marketing and sales members write notes on the board.',
  reveal: 'Only the facilitator reveals the lists.',
  link: 'Only the facilitator links or unlinks notes.',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const viewer = { userId: member.user.id, role: member.role }
  const [board, comments] = await Promise.all([getLeadBoard(member.workshopId, viewer), listComments({ workshopId: member.workshopId, step: 'leads' })])
  const view = buildBoardView({ revealed: board.revealed, notes: board.notes, links: board.links, agreed: board.agreed })
  const url = new URL(request.url)
  return json({
    workshopId: member.workshopId,
    team: isTeam(member.role) ? member.role : null,
    isFacilitator: member.role === 'facilitator',
    canMerge: (ROOM as readonly string[]).includes(member.role),
    revealed: board.revealed,
    revealedAt: board.revealedAt,
    revealedByName: board.revealedByName,
    changeCounter: board.changeCounter,
    counts: board.counts,
    ...view,
    editNoteId: url.searchParams.get('edit'),
    editAgreedId: url.searchParams.get('agreed'),
    comments,
  })
}

type ActionData = {
  /** Which form the answer is about, so the message shows next to it. */
  form?: string
  notice?: { tone: 'success' | 'warn' | 'error'; text: string }
  errors?: Record<string, string>
  values?: Record<string, string>
  theirs?: { kind: TraitKind; text: string; why?: string }
  added?: string
  commented?: string
}

const answer = (data: ActionData, status = 200) => json<ActionData>(data, { status })
const outOfDate = (form: string) => answer({ form, notice: { tone: 'error', text: 'This form is out of date: reload the page.' } }, 400)

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')
  const form = String(formData.get('form') ?? intent)
  const roles = INTENT_ROLES[intent]
  if (!roles) return outOfDate(form)
  if (!roles.includes(member.role)) throw new Response(FORBIDDEN[intent] ?? 'Your role in this workshop does not allow this.', { status: 403 })
  const workshopId = member.workshopId
  const id = (name: string) => {
    const value = formData.get(name)
    return typeof value === 'string' && value.trim() ? value.trim() : null
  }

  switch (intent) {
    case 'add-trait':
    case 'save-trait': {
      const team = member.role as TraitTeam
      const postedTeam = formData.get('team')
      if (postedTeam !== null && !(TEAMS as readonly unknown[]).includes(postedTeam)) {
        return answer({ form, errors: { team: 'Unknown team: notes belong to marketing or sales.' } }, 400)
      }
      if (postedTeam !== null && postedTeam !== team) throw new Response(`You write notes for ${TEAM_LABELS[team]} only.`, { status: 403 })
      const parsed = validateFormData(formData, TraitSchema)
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      if (intent === 'add-trait') {
        const trait = await addTrait({ workshopId, team, authorId: member.user.id, ...parsed.data })
        return answer({ form, added: trait.id, notice: { tone: 'success', text: `Added “${trait.text}”.` } })
      }
      const traitId = id('traitId')
      if (!traitId || parsed.data.revision === undefined) return outOfDate(form)
      const saved = await saveTrait({ workshopId, team, traitId, revision: parsed.data.revision, ...parsed.data })
      if (saved.ok) return answer({ form, notice: { tone: 'success', text: `Saved “${saved.value.text}”.` } })
      if (saved.reason === 'not-found') return answer({ form, notice: { tone: 'error', text: 'This note was deleted meanwhile.' } }, 404)
      return answer(
        {
          form,
          notice: { tone: 'warn', text: 'Someone on your team changed this note while you were editing. Their version is below; your text is still in the form — save again to replace theirs.' },
          theirs: { kind: saved.current.kind, text: saved.current.text, why: saved.current.why },
          values: { ...parsed.values, revision: String(saved.current.revision) },
        },
        409,
      )
    }
    case 'delete-trait': {
      const traitId = id('traitId')
      const revision = Number(formData.get('revision'))
      if (!traitId || !Number.isInteger(revision) || revision < 1) return outOfDate(form)
      const deleted = await deleteTrait({ workshopId, team: member.role as TraitTeam, traitId, revision })
      if (deleted.ok) return answer({ form: 'board', notice: { tone: 'success', text: `Deleted “${deleted.value.text}”.` } })
      if (deleted.reason === 'not-found') return answer({ form: 'board', notice: { tone: 'success', text: 'That note was already deleted.' } })
      return answer(
        { form, notice: { tone: 'warn', text: 'Someone on your team changed this note after you opened the page, so it was not deleted. Check their change.' }, theirs: { kind: deleted.current.kind, text: deleted.current.text, why: deleted.current.why } },
        409,
      )
    }
    case 'reveal': {
      const revealed = await revealBoard({ workshopId, userId: member.user.id })
      return answer({ form: 'reveal', notice: { tone: 'success', text: revealed.ok ? 'Both lists are now visible to everyone.' : 'The lists were already revealed.' } })
    }
    case 'link': {
      const parsed = validateFormData(formData, LinkTraitsSchema)
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      const linked = await setTraitLink({ workshopId, userId: member.user.id, ...parsed.data })
      if (linked.ok) return answer({ form, notice: { tone: 'success', text: parsed.data.linked ? 'Linked: the two notes now count as the same thing.' : 'Unlinked: the two notes are no longer grouped or flagged together.' } })
      return answer({ form, notice: { tone: 'error', text: linked.reason === 'not-revealed' ? 'Linking starts after the reveal.' : 'One of the notes was deleted meanwhile.' } }, linked.reason === 'not-revealed' ? 400 : 404)
    }
    case 'separate': {
      const traitId = id('traitId')
      if (!traitId) return outOfDate(form)
      const separated = await separateTrait({ workshopId, userId: member.user.id, traitId })
      if (separated.ok) return answer({ form, notice: { tone: 'success', text: 'Taken out of its group.' } })
      return answer({ form, notice: { tone: 'error', text: separated.reason === 'not-revealed' ? 'Grouping starts after the reveal.' : 'That note was deleted meanwhile.' } }, 400)
    }
    case 'merge': {
      const parsed = validateFormData(formData, AgreedTraitSchema)
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      const merged = await mergeTraits({ workshopId, userId: member.user.id, kind: parsed.data.kind, text: parsed.data.text, sourceTraitIds: parsed.data.sourceTraitIds })
      if (merged.ok) return answer({ form, added: merged.value.id, notice: { tone: 'success', text: `Agreed: “${merged.value.text}”.` } })
      if (merged.reason === 'not-revealed') return answer({ form, notice: { tone: 'error', text: 'The room merges after the facilitator reveals both lists.' } }, 400)
      return answer({ form, notice: { tone: 'error', text: 'One of these notes was deleted meanwhile; nothing was agreed. Check the board and try again.' } }, 409)
    }
    case 'save-agreed': {
      const parsed = validateFormData(formData, AgreedTraitSchema)
      const agreedId = id('agreedId')
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      if (!agreedId || parsed.data.revision === undefined) return outOfDate(form)
      const saved = await saveAgreedTrait({ workshopId, agreedId, revision: parsed.data.revision, kind: parsed.data.kind, text: parsed.data.text })
      if (saved.ok) return answer({ form, notice: { tone: 'success', text: `Saved “${saved.value.text}”.` } })
      if (saved.reason === 'not-found') return answer({ form, notice: { tone: 'error', text: 'This agreed trait was deleted meanwhile.' } }, 404)
      return answer(
        {
          form,
          notice: { tone: 'warn', text: 'Someone changed this agreed trait while you were editing. Their version is below; your text is still in the form — save again to replace theirs.' },
          theirs: { kind: saved.current.kind, text: saved.current.text },
          values: { ...parsed.values, revision: String(saved.current.revision) },
        },
        409,
      )
    }
    case 'delete-agreed': {
      const agreedId = id('agreedId')
      const revision = Number(formData.get('revision'))
      if (!agreedId || !Number.isInteger(revision) || revision < 1) return outOfDate(form)
      const deleted = await deleteAgreedTrait({ workshopId, agreedId, revision })
      if (deleted.ok || deleted.reason === 'not-found') return answer({ form: 'agreed', notice: { tone: 'success', text: 'Removed from the agreed list.' } })
      return answer({ form, notice: { tone: 'warn', text: 'Someone changed this agreed trait meanwhile, so it was not removed.' }, theirs: { kind: deleted.current.kind, text: deleted.current.text } }, 409)
    }
    case 'draft-criterion': {
      const agreedId = id('agreedId')
      if (!agreedId) return outOfDate(form)
      const drafted = await draftCriterionFromAgreedTrait({ workshopId, agreedId })
      const status = drafted.ok ? 200 : drafted.reason === 'already-open' ? 409 : drafted.reason === 'not-found' ? 404 : 400
      return answer({ form, notice: { tone: drafted.ok ? 'success' : 'warn', text: draftMessage(drafted) } }, status)
    }
    case 'add-comment': {
      const parsed = validateFormData(formData, CommentSchema)
      if (!parsed.ok) return answer({ form: 'comment', errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      const comment = await addComment({ workshopId, step: 'leads', authorId: member.user.id, body: parsed.data.body })
      await touchBoard(workshopId)
      return answer({ form: 'comment', commented: comment.id })
    }
  }
  return outOfDate(form)
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function Notice({ data, form }: { data: ActionData | undefined; form: string }) {
  if (!data?.notice || data.form !== form) return null
  const className = data.notice.tone === 'success' ? 'alert success' : data.notice.tone === 'warn' ? 'alert warn' : 'alert error'
  return (
    <div className={className} role={data.notice.tone === 'success' ? 'status' : 'alert'}>
      {data.notice.text}
      {data.theirs ? (
        <p className="small theirs">
          Now: <strong>“{data.theirs.text}”</strong> ({KIND_LABELS[data.theirs.kind].toLowerCase()}){data.theirs.why ? ` — why: ${data.theirs.why}` : ''}
        </p>
      ) : null}
    </div>
  )
}

export default function LeadsPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  return (
    <div className="stack lead-board">
      <div className="section-head">
        <div>
          <p className="eyebrow">Step 2</p>
          <h2>Good and bad leads</h2>
        </div>
        <LiveUpdates url={`/workshops/${data.workshopId}/leads/events`} version={data.changeCounter} />
      </div>
      <PhaseBanner data={data} actionData={actionData} />
      <Notice data={actionData} form="board" />
      {data.revealed ? <RevealedBoard data={data} actionData={actionData} /> : <WritingBoard data={data} actionData={actionData} />}
      {data.revealed ? <RoomPanel data={data} actionData={actionData} /> : null}
      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.canMerge}
        answer={actionData?.form === 'comment' ? { form: 'comment', errors: actionData.errors, values: actionData.values } : undefined}
      />
    </div>
  )
}

function countText(counts: { good: number; bad: number }) {
  return `${counts.good} good, ${counts.bad} bad`
}

function PhaseBanner({ data, actionData }: { data: Data; actionData?: ActionData }) {
  if (data.revealed) {
    return (
      <>
        <Notice data={actionData} form="reveal" />
        <p className="muted phase-note">
        Revealed {data.revealedAt ? <FormattedDate value={data.revealedAt} withTime /> : null}
        {data.revealedByName ? ` by ${data.revealedByName}` : ''}. Both teams’ notes stand side by side; notes that say the same thing are grouped (G1, G2…) and
          contradictions are flagged. Merge them into one agreed list below.
        </p>
      </>
    )
  }
  const other = data.team === 'marketing' ? 'sales' : 'marketing'
  return (
    <section className="card phase-card" aria-labelledby="phase-heading">
      <h2 id="phase-heading">Writing: each team on its own</h2>
      {data.team ? (
        <p>
          Write what makes a lead good or bad <strong>for {TEAM_LABELS[data.team]}</strong>, one trait per note. {TEAM_LABELS[other]} cannot see your notes and you
          cannot see theirs until the facilitator reveals both lists.
        </p>
      ) : (
        <p>
          Marketing and sales members are writing their notes. Nobody sees the other team’s notes — {data.isFacilitator ? 'not even you' : 'viewers neither'} — until{' '}
          {data.isFacilitator ? 'you reveal' : 'the facilitator reveals'} both lists.
        </p>
      )}
      <dl className="board-counts" aria-label="Notes written so far">
        {TEAMS.map((team) => (
          <div key={team} className={`count-${team}`}>
            <dt>{TEAM_LABELS[team]}</dt>
            <dd data-testid={`count-${team}`}>{countText(data.counts[team])}</dd>
          </div>
        ))}
      </dl>
      {data.isFacilitator ? (
        <Form method="post" className="reveal-form">
          <input type="hidden" name="intent" value="reveal" />
          <button type="submit" className="button">
            Reveal both lists
          </button>
          <span className="muted small">Everyone sees both teams’ notes at once; teams can still add and edit notes afterwards.</span>
        </Form>
      ) : null}
      <Notice data={actionData} form="reveal" />
    </section>
  )
}

/** Before the reveal: a team member's own notes, good and bad side by side, each column with its add form. */
function WritingBoard({ data, actionData }: { data: Data; actionData?: ActionData }) {
  const team = data.team
  if (!team) return null
  return (
    <div className="board-columns">
      {(['good', 'bad'] as const).map((kind) => (
        <section key={kind} className={`board-col kind-${kind}`} aria-labelledby={`col-${kind}`}>
          <h3 id={`col-${kind}`}>{kind === 'good' ? 'A good lead…' : 'A bad lead…'}</h3>
          <NoteList notes={data.columns[kind][team]} data={data} actionData={actionData} empty={kind === 'good' ? 'No notes yet. What does a lead look like that your team is glad to get?' : 'No notes yet. Which leads waste your team’s time?'} />
          <AddNoteForm kind={kind} team={team} actionData={actionData} />
        </section>
      ))}
    </div>
  )
}

/** After the reveal: good and bad, each with marketing | sales side by side. */
function RevealedBoard({ data, actionData }: { data: Data; actionData?: ActionData }) {
  return (
    <>
      {(['good', 'bad'] as const).map((kind) => (
        <section key={kind} className={`card board-kind kind-${kind}`} aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{kind === 'good' ? 'Good leads' : 'Bad leads'}</h2>
          <div className="board-columns">
            {TEAMS.map((team) => (
              <section key={team} className={`board-col team-${team}`} aria-label={`${TEAM_LABELS[team]}: ${kind} leads`} data-testid={`col-${kind}-${team}`}>
                <h3>
                  <span className={`badge ${team}`}>{TEAM_LABELS[team]}</span> <span className="muted small">{data.columns[kind][team].length} notes</span>
                </h3>
                <NoteList notes={data.columns[kind][team]} data={data} actionData={actionData} empty={`${TEAM_LABELS[team]} wrote no ${kind}-lead traits.`} />
                {data.team === team ? <AddNoteForm kind={kind} team={team} actionData={actionData} /> : null}
              </section>
            ))}
          </div>
        </section>
      ))}
    </>
  )
}

function NoteList({ notes, data, actionData, empty }: { notes: NoteView[]; data: Data; actionData?: ActionData; empty: string }) {
  if (notes.length === 0) return <p className="muted small empty-inline">{empty}</p>
  return (
    <ul className="notes">
      {notes.map((note) => (
        <NoteCard key={note.id} note={note} data={data} actionData={actionData} />
      ))}
    </ul>
  )
}

function NoteCard({ note, data, actionData }: { note: NoteView; data: Data; actionData?: ActionData }) {
  const base = useLocation().pathname
  const form = `note-${note.id}`
  const mine = data.team === note.team
  const editing = mine && data.editNoteId === note.id && !(actionData?.form === form && actionData.notice?.tone === 'success')
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
        {contradicted ? <span className="badge danger">⚠ contradicts {note.contradicts.join(', ')}</span> : null}
        {note.merged ? <span className="badge ok">✓ agreed</span> : null}
      </div>
      {editing ? (
        <NoteEditor
          key={`${note.id}-${actionData?.form === form ? (actionData.values?.revision ?? 'start') : 'start'}`}
          note={note}
          actionData={actionData?.form === form ? actionData : undefined}
          cancelTo={`${base}#${form}`}
        />
      ) : (
        <>
          <p className="note-text">{note.text}</p>
          {note.why ? <p className="note-why">Why: {note.why}</p> : null}
          <p className="note-meta">{note.authorName ?? 'A former member'}</p>
          <Notice data={actionData} form={form} />
          <div className="note-actions">
            {mine ? (
              <>
                <Link to={`${base}?edit=${note.id}#${form}`} className="button secondary small" aria-label={`Edit ${note.label}`}>
                  Edit
                </Link>
                <PostButton fields={{ intent: 'delete-trait', form, traitId: note.id, revision: note.revision }} label={`Delete ${note.label}`}>
                  Delete
                </PostButton>
              </>
            ) : null}
            {data.revealed && data.canMerge && !note.group && !note.merged ? (
              <Form method="post">
                <input type="hidden" name="intent" value="merge" />
                <input type="hidden" name="form" value={form} />
                <input type="hidden" name="kind" value={note.kind} />
                <input type="hidden" name="text" value={note.text} />
                <input type="hidden" name="sourceTraitIds.0" value={note.id} />
                <button type="submit" className="button secondary small" aria-label={`Agree ${note.label} as it is`}>
                  Agree as is
                </button>
              </Form>
            ) : null}
            {data.isFacilitator && note.group ? (
              <Form method="post">
                <input type="hidden" name="intent" value="separate" />
                <input type="hidden" name="form" value={form} />
                <input type="hidden" name="traitId" value={note.id} />
                <button type="submit" className="button secondary small" aria-label={`Take ${note.label} out of ${note.group}`}>
                  Not the same
                </button>
              </Form>
            ) : null}
          </div>
        </>
      )}
    </li>
  )
}

function NoteEditor({ note, actionData, cancelTo }: { note: NoteView; actionData?: ActionData; cancelTo: string }) {
  // The revision this edit started from stays fixed while live updates refresh the board, so a
  // teammate's save in between turns this save into a conflict instead of a silent overwrite.
  const [defaults] = useState(() => ({ kind: note.kind, text: note.text, why: note.why, revision: String(note.revision) }))
  const { form, onSubmit, field } = useSchemaForm(TraitSchema, { defaultValues: defaults, serverErrors: actionData?.errors, serverValues: actionData?.values })
  const err = (name: 'kind' | 'text' | 'why') => form.formState.errors[name]?.message ?? actionData?.errors?.[name]
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="note-editor">
      <input type="hidden" name="intent" value="save-trait" />
      <input type="hidden" name="form" value={`note-${note.id}`} />
      <input type="hidden" name="traitId" value={note.id} />
      <input type="hidden" name="team" value={note.team} />
      <input type="hidden" {...field('revision')} />
      <Notice data={actionData} form={`note-${note.id}`} />
      <FormError message={actionData?.errors?.form ?? actionData?.errors?.revision} />
      <Field label={`Trait ${note.label}`} error={err('text')}>
        {(props) => <textarea {...props} {...field('text')} rows={2} maxLength={TRAIT_TEXT_MAX} />}
      </Field>
      <Field label="Why (optional)" error={err('why')}>
        {(props) => <input {...props} {...field('why')} type="text" maxLength={TRAIT_WHY_MAX} />}
      </Field>
      <Field label="Describes a" error={err('kind')}>
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

function AddNoteForm({ kind, team, actionData }: { kind: TraitKind; team: TraitTeam; actionData?: ActionData }) {
  const formKey = `add-${kind}`
  const mine = actionData?.form === formKey ? actionData : undefined
  return <AddNoteFields key={`${formKey}-${mine?.added ?? 'new'}`} kind={kind} team={team} formKey={formKey} actionData={mine} />
}

function AddNoteFields({ kind, team, formKey, actionData }: { kind: TraitKind; team: TraitTeam; formKey: string; actionData?: ActionData }) {
  const refused = actionData && !actionData.added
  const { form, onSubmit, field } = useSchemaForm(TraitSchema, {
    defaultValues: { kind, text: '', why: '' },
    serverErrors: refused ? actionData.errors : undefined,
    serverValues: refused ? actionData.values : undefined,
  })
  const err = (name: 'kind' | 'text' | 'why') => form.formState.errors[name]?.message ?? (refused ? actionData.errors?.[name] : undefined)
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="add-note" aria-label={`Add a ${kind}-lead trait`}>
      <input type="hidden" name="intent" value="add-trait" />
      <input type="hidden" name="form" value={formKey} />
      <input type="hidden" name="team" value={team} />
      <input type="hidden" {...field('kind')} />
      {actionData?.added ? <Notice data={actionData} form={formKey} /> : null}
      <FormError message={refused ? (actionData.errors?.team ?? actionData.errors?.kind) : undefined} />
      <Field label={kind === 'good' ? 'New good-lead trait' : 'New bad-lead trait'} error={err('text')}>
        {(props) => (
          <input {...props} {...field('text')} type="text" maxLength={TRAIT_TEXT_MAX} placeholder={kind === 'good' ? 'e.g. Company with 50–500 employees' : 'e.g. Students and job seekers'} />
        )}
      </Field>
      <Field label="Why (optional)" error={err('why')}>
        {(props) => <input {...props} {...field('why')} type="text" maxLength={TRAIT_WHY_MAX} />}
      </Field>
      <button type="submit" className="button small">
        Add note
      </button>
    </Form>
  )
}

/** After the reveal: contradictions, groups to merge, the facilitator's hand links, and the agreed list. */
function RoomPanel({ data, actionData }: { data: Data; actionData?: ActionData }) {
  const allNotes = [...data.columns.good.marketing, ...data.columns.good.sales, ...data.columns.bad.marketing, ...data.columns.bad.sales]
  return (
    <>
      <section className="card" aria-labelledby="contradictions-heading" id="contradictions">
        <h2 id="contradictions-heading">Contradictions {data.contradictions.length ? <span className="badge danger">{data.contradictions.length}</span> : null}</h2>
        {data.contradictions.length === 0 ? (
          <p className="muted small">No contradictions found: no trait is good for one team and bad for the other, and no two notes ask for opposite values.</p>
        ) : (
          <ul className="pairs">
            {data.contradictions.map((pair) => {
              const form = `pair-${pair.a.id}-${pair.b.id}`
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
                  <Notice data={actionData} form={form} />
                  {data.isFacilitator ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="link" />
                      <input type="hidden" name="form" value={form} />
                      <input type="hidden" name="aId" value={pair.a.id} />
                      <input type="hidden" name="bId" value={pair.b.id} />
                      <input type="hidden" name="linked" value="false" />
                      <button type="submit" className="button secondary small">
                        Not a contradiction
                      </button>
                    </Form>
                  ) : null}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="groups-heading" id="groups">
        <h2 id="groups-heading">Said by both, or said twice</h2>
        {data.groups.length === 0 ? (
          <p className="muted small">No two notes say the same thing yet.{data.isFacilitator ? ' If the matcher missed a pair, link them by hand below.' : ''}</p>
        ) : (
          <ul className="groups">
            {data.groups.map((group) => (
              <GroupCard key={group.id} group={group} data={data} actionData={actionData} />
            ))}
          </ul>
        )}
        {data.isFacilitator && allNotes.length > 1 ? <LinkForm notes={allNotes} actionData={actionData} /> : null}
      </section>

      <AgreedList data={data} actionData={actionData} />
    </>
  )
}

function NoteRef({ note }: { note: { label: string; team: TraitTeam; kind: TraitKind; text: string } }) {
  return (
    <span className={`note-ref team-${note.team}`}>
      <strong>{note.label}</strong> “{note.text}” <span className="muted small">({TEAM_LABELS[note.team]}, {note.kind})</span>
    </span>
  )
}

function GroupCard({ group, data, actionData }: { group: GroupView; data: Data; actionData?: ActionData }) {
  const form = `group-${group.id}`
  const mine = actionData?.form === form ? actionData : undefined
  const values = mine && !mine.added ? mine.values : undefined
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
      <Notice data={actionData} form={form} />
      {data.canMerge && !group.merged ? (
        <Form method="post" className="merge-form" key={mine?.added ?? 'merge'}>
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="form" value={form} />
          <div className="merge-row">
            <Field label={`Agreed wording for ${group.label}`} error={values ? mine?.errors?.text : undefined}>
              {(props) => <input {...props} name="text" type="text" defaultValue={values?.text ?? group.proposal.text} maxLength={TRAIT_TEXT_MAX} />}
            </Field>
            <Field label="Describes a" error={values ? mine?.errors?.kind : undefined}>
              {(props) => (
                <select {...props} name="kind" defaultValue={values?.kind ?? group.proposal.kind}>
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
                <input type="checkbox" name={`sourceTraitIds.${index}`} value={note.id} defaultChecked /> {note.label}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button small">
            Merge into the agreed list
          </button>
        </Form>
      ) : null}
    </li>
  )
}

function LinkForm({ notes, actionData }: { notes: NoteView[]; actionData?: ActionData }) {
  const mine = actionData?.form === 'link' ? actionData : undefined
  const options = notes.map((note) => (
    <option key={note.id} value={note.id}>
      {note.label}: {note.text.length > 60 ? `${note.text.slice(0, 57)}…` : note.text}
    </option>
  ))
  return (
    <details className="link-by-hand" open={Boolean(mine)}>
      <summary>Link two notes by hand (when the matcher missed that they say the same thing)</summary>
      <Form method="post" className="merge-row">
        <input type="hidden" name="intent" value="link" />
        <input type="hidden" name="form" value="link" />
        <input type="hidden" name="linked" value="true" />
        <Field label="This note" error={mine?.errors?.aId}>
          {(props) => (
            <select {...props} name="aId" defaultValue={mine?.values?.aId ?? notes[0]?.id}>
              {options}
            </select>
          )}
        </Field>
        <Field label="says the same as" error={mine?.errors?.bId}>
          {(props) => (
            <select {...props} name="bId" defaultValue={mine?.values?.bId ?? notes[1]?.id}>
              {options}
            </select>
          )}
        </Field>
        <button type="submit" className="button secondary small">
          Link
        </button>
      </Form>
      <Notice data={actionData} form="link" />
    </details>
  )
}

function AgreedList({ data, actionData }: { data: Data; actionData?: ActionData }) {
  const total = data.agreed.good.length + data.agreed.bad.length
  const mine = actionData?.form === 'agree-new' ? actionData : undefined
  const refused = mine && !mine.added ? mine : undefined
  return (
    <section className="card agreed" aria-labelledby="agreed-heading" id="agreed">
      <h2 id="agreed-heading">The agreed list {total ? <span className="badge ok">{total}</span> : null}</h2>
      <p className="muted small">What both teams accept as a good or a bad lead. Each agreed trait keeps the notes it came from; turn it into a draft criterion for step 4.</p>
      <Notice data={actionData} form="agreed" />
      {total === 0 ? (
        <p className="muted empty-inline">Nothing agreed yet. Merge a group above, or agree a single note “as is”.</p>
      ) : (
        <div className="board-columns">
          {(['good', 'bad'] as const).map((kind) => (
            <section key={kind} className={`board-col kind-${kind}`} aria-labelledby={`agreed-${kind}`} data-testid={`agreed-${kind}`}>
              <h3 id={`agreed-${kind}`}>{kind === 'good' ? 'Good leads' : 'Bad leads'}</h3>
              {data.agreed[kind].length === 0 ? (
                <p className="muted small">None yet.</p>
              ) : (
                <ul className="notes">
                  {data.agreed[kind].map((agreed) => (
                    <AgreedItem key={agreed.id} agreed={agreed} data={data} actionData={actionData} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
      {data.canMerge ? (
        <details className="agree-new" open={Boolean(refused)}>
          <summary>Add a trait the room agreed on in discussion</summary>
          <Form method="post" className="merge-row" key={mine?.added ?? 'agree-new'}>
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="form" value="agree-new" />
            <Field label="New agreed trait" error={refused?.errors?.text}>
              {(props) => <input {...props} name="text" type="text" defaultValue={refused?.values?.text ?? ''} maxLength={TRAIT_TEXT_MAX} />}
            </Field>
            <Field label="Describes a" error={refused?.errors?.kind}>
              {(props) => (
                <select {...props} name="kind" defaultValue={refused?.values?.kind ?? 'good'}>
                  <option value="good">Good lead</option>
                  <option value="bad">Bad lead</option>
                </select>
              )}
            </Field>
            <button type="submit" className="button secondary small">
              Add to the agreed list
            </button>
          </Form>
          {mine?.added ? <Notice data={actionData} form="agree-new" /> : null}
        </details>
      ) : null}
    </section>
  )
}

function AgreedItem({ agreed, data, actionData }: { agreed: AgreedView; data: Data; actionData?: ActionData }) {
  const base = useLocation().pathname
  const form = `agreed-${agreed.id}`
  const mine = actionData?.form === form ? actionData : undefined
  const editing = data.canMerge && data.editAgreedId === agreed.id && mine?.notice?.tone !== 'success'
  return (
    <li className={`note agreed-item kind-${agreed.kind}`} id={form} data-testid="agreed-item">
      {editing ? (
        <AgreedEditor key={`${agreed.id}-${mine?.values?.revision ?? 'start'}`} agreed={agreed} actionData={mine} cancelTo={`${base}#${form}`} />
      ) : (
        <>
          <p className="note-text">{agreed.text}</p>
          <p className="note-why">
            {agreed.sources.length === 0 ? 'Written by the room' : 'From '}
            {agreed.sources.map((source, index) => (
              <span key={index}>
                {index > 0 ? (index === agreed.sources.length - 1 ? ' and ' : ', ') : ''}
                {source.label ? <strong>{source.label}</strong> : null} “{source.text}” ({TEAM_LABELS[source.team as TraitTeam] ?? source.team})
              </span>
            ))}
            {agreed.agreedByName ? ` · agreed by ${agreed.agreedByName}` : ''}
          </p>
          <Notice data={actionData} form={form} />
          {data.canMerge ? (
            <div className="note-actions">
              <Link to={`${base}?agreed=${agreed.id}#${form}`} className="button secondary small">
                Edit
              </Link>
              <PostButton fields={{ intent: 'delete-agreed', form, agreedId: agreed.id, revision: agreed.revision }}>
                Remove
              </PostButton>
              <Form method="post">
                <input type="hidden" name="intent" value="draft-criterion" />
                <input type="hidden" name="form" value={form} />
                <input type="hidden" name="agreedId" value={agreed.id} />
                <button type="submit" className="button secondary small">
                  Draft a criterion for step 4
                </button>
              </Form>
            </div>
          ) : null}
        </>
      )}
    </li>
  )
}

function AgreedEditor({ agreed, actionData, cancelTo }: { agreed: AgreedView; actionData?: ActionData; cancelTo: string }) {
  const [defaults] = useState(() => ({ kind: agreed.kind, text: agreed.text, revision: String(agreed.revision) }))
  const values = actionData?.values ?? defaults
  const err = (name: string) => actionData?.errors?.[name]
  return (
    <Form method="post" className="note-editor">
      <input type="hidden" name="intent" value="save-agreed" />
      <input type="hidden" name="form" value={`agreed-${agreed.id}`} />
      <input type="hidden" name="agreedId" value={agreed.id} />
      <input type="hidden" name="revision" defaultValue={values.revision} />
      <Notice data={actionData} form={`agreed-${agreed.id}`} />
      <Field label="Agreed trait" error={err('text')}>
        {(props) => <textarea {...props} name="text" defaultValue={values.text} rows={2} maxLength={TRAIT_TEXT_MAX} />}
      </Field>
      <Field label="Describes a" error={err('kind')}>
        {(props) => (
          <select {...props} name="kind" defaultValue={values.kind}>
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
