import type { ExplainedResult } from '~/domain/scoring-model/explain'
import { Icon } from '~/components/icons'

export const STAGE_LABELS = { disqualified: 'Disqualified', lead: 'Lead', mql: 'MQL', sql: 'SQL' } as const

export const tenth = (value: number) => Math.round(value * 10) / 10

/** A scored lead: its scores, stage, why, and every rule that gave or took points. */
export function ResultPanel({ result }: { result: ExplainedResult }) {
  const matched = result.contributions.filter((contribution) => contribution.matched)
  return (
    <section className="card result" aria-labelledby="result-heading">
      <h3 id="result-heading">
        Result: <span className={`stage stage-${result.stage}`}>{STAGE_LABELS[result.stage]}</span>
      </h3>
      <dl className="scores">
        <div>
          <dt>Fit</dt>
          <dd data-testid="result-fit">{tenth(result.fit)}</dd>
        </div>
        <div>
          <dt>Engagement</dt>
          <dd data-testid="result-engagement">{tenth(result.engagement)}</dd>
        </div>
        <div>
          <dt>Grade</dt>
          <dd>{result.grade ?? '—'}</dd>
        </div>
        {result.hasBands ? (
          <>
            <div>
              <dt>Band</dt>
              <dd data-testid="result-band">{result.band ?? '—'}</dd>
            </div>
            <div>
              <dt>Priority</dt>
              <dd data-testid="result-priority">{result.priority ?? '—'}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {result.priorityLabel ? (
        <p className="priority-label">
          <strong>{result.priority}</strong>: {result.priorityLabel}
        </p>
      ) : null}
      <h4>Why</h4>
      <ul className="why">
        {result.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h4>Every point</h4>
      {matched.length === 0 ? (
        <p className="muted small">No rule gave or took points.</p>
      ) : (
        <table className="small">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Axis</th>
              <th scope="col" className="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {matched.map((contribution) => (
              <tr key={contribution.ruleId}>
                <td>{contribution.label}</td>
                <td>{contribution.axis}</td>
                <td className={`num points ${contribution.points < 0 ? 'negative' : ''}`}>{Math.round(contribution.points * 100) / 100}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function EmptyResult() {
  return (
    <div className="empty">
      <Icon name="gauge" className="empty-icon" />
      <h3>No lead scored yet</h3>
      <p>Fill in what you know, add what the lead did, and press “Score this lead”.</p>
    </div>
  )
}
