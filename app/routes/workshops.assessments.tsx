import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { formatChange } from '~/domain/assessment/format'
import { portfolioRow } from '~/domain/assessment/portfolio'
import { CURRENT_QUESTION_SET } from '~/domain/assessment/questions'
import { TEAM_LABELS, TEAMS } from '~/domain/assessment/scoring'
import { getPortfolio } from '~/models/assessment.server'
import { requireUser } from '~/http/session.server'
import { Icon } from '~/components/icons'

/** For consultants running many workshops: every workshop I facilitate, its latest assessment side by side. */

export const meta: MetaFunction = () => [{ title: 'Assessments across my workshops · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const portfolio = await getPortfolio(user.id)
  const rows = portfolio.map(({ workshop, rounds }) => portfolioRow(workshop, rounds, CURRENT_QUESTION_SET))
  // Workshops with results first (lowest index first: where help is needed most), then the rest by name.
  rows.sort((a, b) => (a.latest?.index ?? Infinity) - (b.latest?.index ?? Infinity) || a.workshop.name.localeCompare(b.workshop.name, 'en'))
  return json({ rows })
}

export default function AssessmentPortfolioPage() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <div className="stack assessment-portfolio">
      <div className="page-header">
        <div>
          <p className="eyebrow">Portfolio</p>
          <h1>Alignment assessments across my workshops</h1>
          <p>The latest round of every workshop you facilitate: its index, its weakest dimension, its largest gap, and the change since the round before.</p>
        </div>
        <Link to="/workshops" className="button secondary">
          All workshops
        </Link>
      </div>
      {rows.length === 0 ? (
        <div className="empty">
          <Icon name="clipboard-list" className="empty-icon" />
          <h2>You facilitate no workshop yet</h2>
          <p>Assessments of the workshops you facilitate appear here side by side.</p>
        </div>
      ) : (
        <div className="table-wrap card">
          <table className="portfolio-table">
            <thead>
              <tr>
                <th scope="col">Workshop</th>
                <th scope="col">Latest round</th>
                <th scope="col" className="num">
                  Index
                </th>
                <th scope="col">Weakest dimension</th>
                <th scope="col">Largest gap</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.workshop.id}>
                  <th scope="row">
                    <Link to={`/workshops/${row.workshop.id}/assessment`}>{row.workshop.company}</Link>
                    <span className="muted small block">{row.workshop.name}</span>
                  </th>
                  {row.latest ? (
                    <>
                      <td data-label="Latest round">
                        <Link to={`/workshops/${row.workshop.id}/assessment?round=${encodeURIComponent(row.latest.id)}`}>{row.latest.name}</Link>
                        <span className="muted small block">
                          {row.latest.closedAt ? (
                            <>
                              closed <FormattedDate value={row.latest.closedAt} />
                            </>
                          ) : (
                            'open'
                          )}
                        </span>
                      </td>
                      {row.latest.comparable && row.latest.band ? (
                        <>
                          <td className="num" data-label="Index">
                            <strong>{row.latest.index}</strong> <span className={`badge band-${row.latest.band.id}`}>{row.latest.band.label}</span>
                          </td>
                          <td data-label="Weakest dimension">
                            {row.latest.weakest ? (
                              <>
                                {row.latest.weakest.title} <span className="muted">({row.latest.weakest.score})</span>
                              </>
                            ) : (
                              '—'
                            )}
                          </td>
                          <td data-label="Largest gap">
                            {row.latest.largestGap ? (
                              <>
                                {row.latest.largestGap.title} <span className="muted">({formatChange(row.latest.largestGap.gap)}, marketing − sales)</span>
                              </>
                            ) : (
                              '—'
                            )}
                          </td>
                          <td data-label="Change">{row.previous ? `${formatChange(row.indexChange)} since “${row.previous.name}” (${row.previous.index})` : <span className="muted">first round</span>}</td>
                        </>
                      ) : (
                        <td colSpan={4} className="muted">
                          Collecting answers: {TEAMS.map((team) => `${TEAM_LABELS[team]} ${row.latest!.counts[team]}`).join(', ')} (results from 3 per team)
                        </td>
                      )}
                    </>
                  ) : (
                    <td colSpan={5} className="muted">
                      No assessment yet
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
