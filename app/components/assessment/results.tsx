import { Link } from '@remix-run/react'
import { formatChange, formatScore } from '~/domain/assessment/format'
import { GAP_WORTH_RAISING, type Recommendation } from '~/domain/assessment/recommendations'
import type { RoundReport } from '~/domain/assessment/report'
import { INDEX_FORMULA, TEAM_LABELS, TEAMS, type RoundResult } from '~/domain/assessment/scoring'

/*
 * The results of a round, piece by piece: shared by the results page and the printable report,
 * which show the same view model (domain/assessment/report.ts). Nothing here names a respondent.
 */

export function ResponseCounts({ result }: { result: RoundResult }) {
  return (
    <p className="assessment-counts">
      Responses:{' '}
      {TEAMS.map((team) => (
        <span key={team}>
          <span className={`badge ${team}`}>
            {TEAM_LABELS[team]} {result.counts[team]}
          </span>
          {result.visible[team] || result.counts[team] === 0 ? null : <span className="muted small"> (hidden below {result.minResponses})</span>}
        </span>
      ))}
    </p>
  )
}

export function IndexSummary({ result }: { result: RoundResult }) {
  return (
    <div className="assessment-index">
      {result.index !== null && result.band ? (
        <>
          <p className={`index-number band-${result.band.id}`}>
            <span className="index-value">{result.index}</span>
            <span className="index-band">{result.band.label}</span>
          </p>
          <p>{result.band.description}</p>
        </>
      ) : (
        <p className="muted">
          The index appears once marketing and sales each have at least {result.minResponses} submitted responses, so that no answer can be traced to a person.
        </p>
      )}
      <p className="muted small">{INDEX_FORMULA} Bands (Kotler, Rackham and Krishnaswamy, HBR 2006): 20–39 Undefined, 40–59 Defined, 60–79 Aligned, 80–100 Integrated.</p>
    </div>
  )
}

export function ScoresTable({ result }: { result: RoundResult }) {
  const teams = TEAMS.filter((team) => result.visible[team])
  return (
    <div className="table-wrap">
      <table className="assessment-scores">
        <caption className="visually-hidden">Score per dimension and team (0–100) and the perception gap</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            {teams.map((team) => (
              <th scope="col" key={team} className="num">
                {TEAM_LABELS[team]}
              </th>
            ))}
            <th scope="col" className="num">
              Gap <span className="visually-hidden">(marketing minus sales)</span>
            </th>
            <th scope="col" className="num weight">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {result.dimensions.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.title}</th>
              {teams.map((team) => (
                <td key={team} className="num">
                  {formatScore(d[team])}
                </td>
              ))}
              <td className={`num${d.gap !== null && Math.abs(d.gap) >= GAP_WORTH_RAISING ? ' gap-wide' : ''}`}>{formatChange(d.gap)}</td>
              <td className="num weight">{d.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {teams.length === 0 ? <p className="muted small">No team has enough responses yet.</p> : null}
      <p className="muted small">Gap: marketing’s score minus sales’ (positive: marketing sees more alignment than sales does). Gaps of {GAP_WORTH_RAISING} points or more are marked.</p>
    </div>
  )
}

export function Recommendations({ items, workshopId }: { items: readonly Recommendation[]; workshopId: string }) {
  if (items.length === 0) return <p className="muted">Recommendations follow once both teams have enough responses.</p>
  return (
    <ol className="assessment-recommendations">
      {items.map((item) => (
        <li key={`${item.kind}-${item.dimension}`}>
          <p>{item.text}</p>
          <Link to={`/workshops/${workshopId}/${item.step.slug}`} className="no-print">
            Go to step {item.step.number}: {item.step.title} →
          </Link>
        </li>
      ))}
    </ol>
  )
}

export function DefinitionsSideBySide({ report }: { report: RoundReport }) {
  const { signed } = report
  if (report.definitions.length === 0) return <p className="muted">The definitions show once a team has at least {report.result.minResponses} submitted responses.</p>
  return (
    <div className="stack">
      {signed ? (
        <p className="signed-definition">
          <strong>Signed definition (version {signed.version}):</strong> {signed.summary.mql} {signed.summary.sql}
        </p>
      ) : (
        <p className="muted small">Once a version is published, each definition is read against the signed one: which of its key terms it names.</p>
      )}
      {(['mql', 'sql'] as const).map((which) => {
        const termLabel = (id: string) => signed?.terms[which].find((term) => term.id === id)?.label ?? id
        return (
          <section key={which} aria-labelledby={`definitions-${which}`}>
            <h3 id={`definitions-${which}`}>In one sentence, what is an {which.toUpperCase()}?</h3>
            <div className="definitions-columns">
              {report.definitions.map((team) => (
                <div key={team.team} className={`definitions-column ${team.team}`}>
                  <h4>
                    <span className={`badge ${team.team}`}>{TEAM_LABELS[team.team]}</span>
                  </h4>
                  <ul className="definition-list">
                    {team[which].map((entry, index) => (
                      <li key={index}>
                        <q>{entry.text}</q>
                        {signed ? (
                          <span className="named-terms small">
                            {entry.named.length ? `Names: ${entry.named.map(termLabel).join(', ')}` : 'Names none of the signed terms'}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {team[which].length === 0 ? <p className="muted small">No one wrote one.</p> : null}
                </div>
              ))}
            </div>
            {signed && signed.coverage[which].length ? (
              <div className="table-wrap">
                <table className="coverage">
                  <caption className="muted small">Key terms of the signed {which.toUpperCase()} definition, and how many of each team’s definitions name them</caption>
                  <thead>
                    <tr>
                      <th scope="col">Key term</th>
                      {report.definitions.map((team) => (
                        <th scope="col" key={team.team} className="num">
                          {TEAM_LABELS[team.team]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {signed.coverage[which].map((term) => (
                      <tr key={term.termId}>
                        <th scope="row">
                          {term.label}
                          <span className="muted small term-detail">{term.detail}</span>
                        </th>
                        {report.definitions.map((team) => (
                          <td key={team.team} className="num">
                            {term.named[team.team] ?? 0} of {term.of[team.team] ?? 0}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        )
      })}
    </div>
  )
}

export function RoundComparisonTable({ comparison }: { comparison: NonNullable<RoundReport['comparison']> }) {
  const { changes } = comparison
  return (
    <div className="stack">
      <p>
        Alignment index: <strong>{formatScore(changes.indexBefore)}</strong> in “{comparison.round.name}” → <strong>{formatScore(changes.indexAfter)}</strong> now (
        {formatChange(changes.indexChange)}).
      </p>
      <div className="table-wrap">
        <table className="assessment-comparison">
          <caption className="visually-hidden">Change per dimension since {comparison.round.name}</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col" className="num">
                Score then → now
              </th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col" className="num">
                Gap then → now
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.dimensions.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.title}</th>
                <td className="num">
                  {formatScore(d.before.combined)} → {formatScore(d.after.combined)}
                </td>
                <td className={`num${d.change !== null && d.change > 0 ? ' change-up' : d.change !== null && d.change < 0 ? ' change-down' : ''}`}>{formatChange(d.change)}</td>
                <td className="num gap-change">
                  {formatChange(d.before.gap)} → {formatChange(d.after.gap)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Score: the mean of marketing’s and sales’ scores; gap: marketing minus sales.</p>
    </div>
  )
}
