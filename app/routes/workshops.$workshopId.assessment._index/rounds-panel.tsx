import { Form, Link } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { FormError, TextField, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { CloseRoundSchema, OpenRoundSchema } from '~/domain/assessment/schemas'
import { TEAM_LABELS, TEAMS, type Team } from '~/domain/assessment/scoring'
import type { FormAnswer } from '~/http/form-answer'

export type RoundRow = {
  id: string
  name: string
  openedAt: string
  closedAt: string | null
  revision: number
  submitted: Record<Team, number>
  drafts: number
  publicLink: string | null
}

/** The facilitator's rounds: open one, share its link, close it; every round with its counts. */
export function RoundsPanel({ rounds, selectedId, openAnswer, closeAnswer }: { rounds: RoundRow[]; selectedId: string | null; openAnswer?: FormAnswer; closeAnswer?: FormAnswer }) {
  const open = rounds.find((round) => round.closedAt === null)
  return (
    <section className="card" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">Rounds</h2>
      <FormError message={closeAnswer?.errors?.form ?? closeAnswer?.conflict?.message} />
      {open ? <OpenRound round={open} /> : <OpenRoundForm answer={openAnswer} isFirst={rounds.length === 0} />}
      {rounds.length ? (
        <div className="table-wrap">
          <table className="rounds-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Dates</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id} aria-current={round.id === selectedId ? 'true' : undefined}>
                  <th scope="row">
                    <Link to={`?round=${encodeURIComponent(round.id)}`}>{round.name}</Link> {round.closedAt ? <span className="badge">Closed</span> : <span className="badge ok">Open</span>}
                  </th>
                  <td className="small">
                    <FormattedDate value={round.openedAt} />
                    {round.closedAt ? (
                      <>
                        {' – '}
                        <FormattedDate value={round.closedAt} />
                      </>
                    ) : null}
                  </td>
                  <td className="small">
                    {TEAMS.map((team) => `${TEAM_LABELS[team]} ${round.submitted[team]}`).join(' · ')}
                    {round.drafts ? <span className="muted"> · {round.drafts} unfinished</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

function OpenRound({ round }: { round: RoundRow }) {
  return (
    <div className="open-round">
      <p>
        <strong>“{round.name}”</strong> is open since <FormattedDate value={round.openedAt} />. Members answer in the app from this page; everyone else answers through the
        link below, choosing their team (one response per browser).
      </p>
      {round.publicLink ? (
        <div className="field">
          <label htmlFor="public-link">Public link for this round</label>
          <input id="public-link" type="text" readOnly value={round.publicLink} className="mono" />
        </div>
      ) : null}
      <div className="actions">
        <PostButton schema={CloseRoundSchema} fields={{ intent: 'close-round', roundId: round.id, revision: round.revision }} variant="secondary">
          Close “{round.name}”
        </PostButton>
        <span className="muted small">Closing ends the link and shows the results to the members.</span>
      </div>
    </div>
  )
}

function OpenRoundForm({ answer, isFirst }: { answer?: FormAnswer; isFirst: boolean }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(OpenRoundSchema, { defaultValues: { intent: 'open-round', name: isFirst ? 'Before the workshop' : '' }, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="open-round-form">
      <FormError message={formError} />
      <input type="hidden" name="intent" value="open-round" />
      <TextField label="Name of the new round" hint="For example “Before the workshop” or “Three months after”." registration={field('name')} error={errorOf('name')} />
      <button type="submit" className="button">
        Open a round
      </button>
    </Form>
  )
}
