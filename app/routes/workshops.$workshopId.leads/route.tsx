import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { LiveUpdates } from '~/components/live-updates'
import { StepComments } from '~/components/steps/step-comments'
import { BOARD_TEAMS } from '~/domain/lead-board/schemas'
import { BOARD_FORMS, buildBoardView, TEAM_LABELS, type BoardView } from '~/domain/lead-board/view'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { listComments } from '~/models/comment.server'
import { getLeadBoard, isTeam } from '~/models/lead-board.server'
import { AddNoteForm } from './add-note-form'
import { AgreedList } from './agreed-list'
import { AnswerNotice } from './answer-notice'
import type { BoardAccess } from './board-access'
import * as intents from './intents.server'
import { NoteList } from './note-card'
import { PhaseBanner } from './phase-banner'
import { RoomPanel } from './room-panel'

export const meta: MetaFunction = () => [{ title: 'Good and bad leads · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const viewer = { userId: member.user.id, role: member.role }
  const [board, comments] = await Promise.all([getLeadBoard(member.workshopId, viewer), listComments({ workshopId: member.workshopId, step: 'leads' })])
  const view = buildBoardView({ revealed: board.revealed, notes: board.notes, links: board.links, agreed: board.agreed })
  const url = new URL(request.url)
  return json({
    workshopId: member.workshopId,
    team: isTeam(member.role) ? member.role : null,
    permissions: member.permissions,
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

/** Each intent's handler: its capability, its schema, the model, then a redirect or a FormAnswer. */
const INTENTS = {
  'add-trait': intents.addTraitIntent,
  'save-trait': intents.saveTraitIntent,
  'delete-trait': intents.deleteTraitIntent,
  reveal: intents.revealIntent,
  link: intents.linkIntent,
  separate: intents.separateIntent,
  merge: intents.mergeIntent,
  'save-agreed': intents.saveAgreedIntent,
  'delete-agreed': intents.deleteAgreedIntent,
  'draft-criterion': intents.draftCriterionIntent,
  'add-comment': intents.commentIntent,
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const intent = readIntent(formData, Object.keys(INTENTS) as (keyof typeof INTENTS)[])
  return INTENTS[intent]({ request, member, formData })
}

export default function LeadsPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const access: BoardAccess = { team: data.team, permissions: data.permissions, revealed: data.revealed, editNoteId: data.editNoteId, editAgreedId: data.editAgreedId }
  const allNotes = [...data.columns.good.marketing, ...data.columns.good.sales, ...data.columns.bad.marketing, ...data.columns.bad.sales]
  return (
    <div className="stack lead-board">
      <div className="section-head">
        <div>
          <p className="eyebrow">Step 2</p>
          <h2>Good and bad leads</h2>
        </div>
        <LiveUpdates url={`/workshops/${data.workshopId}/leads/events`} version={data.changeCounter} />
      </div>
      <PhaseBanner access={access} counts={data.counts} revealedAt={data.revealedAt} revealedByName={data.revealedByName} answer={answerFor(actionData, BOARD_FORMS.reveal)} />
      <AnswerNotice answer={answerFor(actionData, BOARD_FORMS.board)} showErrors />
      {data.revealed ? <RevealedBoard columns={data.columns} access={access} answer={actionData} /> : <WritingBoard columns={data.columns} access={access} answer={actionData} />}
      {data.revealed ? (
        <>
          <RoomPanel contradictions={data.contradictions} groups={data.groups} notes={allNotes} access={access} answer={actionData} />
          <AgreedList agreed={data.agreed} canShape={data.permissions['shape-agreed-list']} editAgreedId={data.editAgreedId} answer={actionData} />
        </>
      ) : null}
      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.permissions.comment}
        answer={actionData}
      />
    </div>
  )
}

type BoardProps = { columns: BoardView['columns']; access: BoardAccess; answer?: FormAnswer }

/** Before the reveal: a team member's own notes, good and bad side by side, each column with its add form. */
function WritingBoard({ columns, access, answer }: BoardProps) {
  const team = access.team
  if (!team) return null
  return (
    <div className="board-columns">
      {(['good', 'bad'] as const).map((kind) => (
        <section key={kind} className={`board-col kind-${kind}`} aria-labelledby={`col-${kind}`} id={`${kind}-notes`}>
          <h3 id={`col-${kind}`}>{kind === 'good' ? 'A good lead…' : 'A bad lead…'}</h3>
          <NoteList
            notes={columns[kind][team]}
            access={access}
            answer={answer}
            empty={kind === 'good' ? 'No notes yet. What does a lead look like that your team is glad to get?' : 'No notes yet. Which leads waste your team’s time?'}
          />
          <AddNoteForm kind={kind} team={team} answer={answer} />
        </section>
      ))}
    </div>
  )
}

/** After the reveal: good and bad, each with marketing | sales side by side. */
function RevealedBoard({ columns, access, answer }: BoardProps) {
  return (
    <>
      {(['good', 'bad'] as const).map((kind) => (
        <section key={kind} className={`card board-kind kind-${kind}`} aria-labelledby={`kind-${kind}`} id={`${kind}-notes`}>
          <h2 id={`kind-${kind}`}>{kind === 'good' ? 'Good leads' : 'Bad leads'}</h2>
          <div className="board-columns">
            {BOARD_TEAMS.map((team) => (
              <section key={team} className={`board-col team-${team}`} aria-label={`${TEAM_LABELS[team]}: ${kind} leads`} data-testid={`col-${kind}-${team}`}>
                <h3>
                  <span className={`badge ${team}`}>{TEAM_LABELS[team]}</span> <span className="muted small">{columns[kind][team].length} notes</span>
                </h3>
                <NoteList notes={columns[kind][team]} access={access} answer={answer} empty={`${TEAM_LABELS[team]} wrote no ${kind}-lead traits.`} />
                {access.team === team ? <AddNoteForm kind={kind} team={team} answer={answer} /> : null}
              </section>
            ))}
          </div>
        </section>
      ))}
    </>
  )
}
