import { ScrollRegion } from '~/components/scroll-region'

/** An MQL arriving at some moment, and when each priority's first contact is due (in the SLA's zone). */
export type ClockExample = {
  key: string
  label: string
  arrivesAtLocal: string
  note: string
  due: { priority: string; label: string; within: string; dueAtLocal: string }[]
}

/** The SLA clock: an MQL arriving now, and the worked examples across nights, weekends and holidays. */
export function SlaClock({ examples, nowLocal, timeZone }: { examples: readonly ClockExample[]; nowLocal: string; timeZone: string }) {
  const now = examples.find((example) => example.key === 'now')
  const others = examples.filter((example) => example.key !== 'now')
  return (
    <section className="card sla-clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading">The SLA clock</h2>
      {now ? (
        <>
          <p>
            An MQL arriving now (<span data-testid="now-local">{nowLocal}</span>) would be due for first contact at:
          </p>
          <ul className="due-now">
            {now.due.map((due) => (
              <li key={due.priority}>
                <span className={`badge priority-${due.priority}`}>{due.label}</span>
                <span className="muted small">{due.within}</span>
                <strong data-testid={`due-now-${due.priority}`}>{due.dueAtLocal}</strong>
              </li>
            ))}
          </ul>
          <p className="muted small">{now.note}</p>
        </>
      ) : null}
      <h3>Worked examples</h3>
      <p className="muted small">Counted in business time in {timeZone}, across nights, weekends, holidays and clock changes.</p>
      <ScrollRegion label="Worked examples">
        <table className="examples">
          <thead>
            <tr>
              <th scope="col">An MQL arrives</th>
              {now?.due.map((due) => (
                <th scope="col" key={due.priority}>
                  {due.label} <span className="muted">({due.within})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {others.map((example) => (
              <tr key={example.key} data-testid={`example-${example.key}`}>
                <th scope="row">
                  {example.label}
                  <div className="muted small">{example.arrivesAtLocal}</div>
                  <div className="muted small">{example.note}</div>
                </th>
                {example.due.map((due) => (
                  <td key={due.priority} data-testid={`example-${example.key}-${due.priority}`}>
                    {due.dueAtLocal}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  )
}
