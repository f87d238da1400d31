import { FormattedDate } from '~/components/dates'
import { PostButton } from '~/components/post-button'
import { BOARD_TEAMS, RevealBoardSchema } from '~/domain/lead-board/schemas'
import { TEAM_LABELS } from '~/domain/lead-board/view'
import type { FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import type { BoardAccess } from './board-access'

type Counts = Record<(typeof BOARD_TEAMS)[number], { good: number; bad: number }>

function countText(counts: { good: number; bad: number }) {
  return `${counts.good} good, ${counts.bad} bad`
}

/** Where the board stands: who writes now and how much, the reveal button, or when it was revealed. */
export function PhaseBanner({
  access,
  counts,
  revealedAt,
  revealedByName,
  answer,
}: {
  access: BoardAccess
  counts: Counts
  revealedAt: string | null
  revealedByName: string | null
  answer?: FormAnswer
}) {
  const canReveal = access.permissions['reveal-board']
  if (access.revealed) {
    return (
      <>
        <AnswerNotice answer={answer} showErrors />
        <p className="muted phase-note">
          Revealed {revealedAt ? <FormattedDate value={revealedAt} withTime /> : null}
          {revealedByName ? ` by ${revealedByName}` : ''}. Both teams’ notes stand side by side; notes that say the same thing are grouped (G1, G2…) and
          contradictions are flagged. Merge them into one agreed list below.
        </p>
      </>
    )
  }
  const team = access.team
  const other = team === 'marketing' ? 'sales' : 'marketing'
  return (
    <section className="card phase-card" aria-labelledby="phase-heading">
      <h2 id="phase-heading">Writing: each team on its own</h2>
      {team ? (
        <p>
          Write what makes a lead good or bad <strong>for {TEAM_LABELS[team]}</strong>, one trait per note. {TEAM_LABELS[other]} cannot see your notes and you
          cannot see theirs until the facilitator reveals both lists.
        </p>
      ) : (
        <p>
          Marketing and sales members are writing their notes. Nobody sees the other team’s notes — {canReveal ? 'not even you' : 'viewers neither'} — until{' '}
          {canReveal ? 'you reveal' : 'the facilitator reveals'} both lists.
        </p>
      )}
      <dl className="board-counts" aria-label="Notes written so far">
        {BOARD_TEAMS.map((boardTeam) => (
          <div key={boardTeam} className={`count-${boardTeam}`}>
            <dt>{TEAM_LABELS[boardTeam]}</dt>
            <dd data-testid={`count-${boardTeam}`}>{countText(counts[boardTeam])}</dd>
          </div>
        ))}
      </dl>
      {canReveal ? (
        <div className="reveal-form">
          {/* Irreversible (nobody can hide a team's notes again), so it asks first; a <details>, no JavaScript needed. */}
          <PostButton schema={RevealBoardSchema}
            fields={{ intent: 'reveal' }}
            variant="primary"
            confirm="Reveal both lists now? Everyone sees both teams’ notes at once, and they cannot be hidden again."
            confirmLabel="Yes, reveal both lists"
            icon="eye"
          >
            Reveal both lists
          </PostButton>
          <span className="muted small">Teams can still add and edit notes afterwards.</span>
        </div>
      ) : null}
      <AnswerNotice answer={answer} showErrors />
    </section>
  )
}
