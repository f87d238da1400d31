import { Link } from '@remix-run/react'
import { ScrollRegion } from '~/components/scroll-region'
import { FunnelChart, type StageOwner } from '~/components/funnel-chart'
import { forwardIssue, issueLabel, neededPerMonth, type FunnelFigures } from '~/domain/lifecycle/calculator'

function moneyIn(currency: string) {
  return (amount: number) => new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
}

/** What the revenue target needs every month, stage by stage, and whether marketing's MQL commitment covers it. */
export function NeededFigures({
  figures,
  mqlCommitment,
  workshopId,
  owners,
}: {
  figures: FunnelFigures
  mqlCommitment: number
  workshopId: string
  /** Who owns each stage (stage key → owner), for the chart's colours. */
  owners: Record<string, StageOwner>
}) {
  if (!figures.ok) {
    return (
      <div className="alert error" role="alert" data-testid="funnel-problems">
        <p>The figures need a fix first:</p>
        <ul>
          {figures.issues.map((issue) => (
            <li key={issue.path}>
              {issueLabel(issue.path)}: {issue.message}
            </li>
          ))}
        </ul>
      </div>
    )
  }
  const { reverse, target } = figures
  const money = moneyIn(target.currency)
  const rows = neededPerMonth(reverse)
  return (
    <>
      <div>
        <h3>Needed every month</h3>
        <ScrollRegion label="Needed every month">
          <table className="funnel-table">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" className="num">
                  Per month
                </th>
                <th scope="col">Rate used</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="num" data-testid={`needed-${row.key}`}>
                    {row.count.toLocaleString('en')}
                  </td>
                  <td className="muted small">{row.rateToNext ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p className="small">
          Revenue per month: <strong>{money(reverse.revenuePerMonth)}</strong> ({money(target.revenueTarget)} over {target.periodMonths}{' '}
          {target.periodMonths === 1 ? 'month' : 'months'}). Counts are rounded up stage by stage, so these leads are expected to bring{' '}
          {money(reverse.expectedRevenuePerMonth)} a month.
        </p>
        <p className="small">
          {mqlCommitment >= reverse.perMonth.mqls ? <span className="badge ok">Covered</span> : <span className="badge warn">Short</span>} Marketing commits
          to {mqlCommitment.toLocaleString('en')} MQLs a month in the <Link to={`/workshops/${workshopId}/sla`}>handoff SLA</Link>; this target needs{' '}
          {reverse.perMonth.mqls.toLocaleString('en')}.
        </p>
      </div>
      <FunnelChart bars={rows.map((row) => ({ ...row, owner: owners[row.key] }))} title="Needed per month, from leads to customers" />
    </>
  )
}

/** What this month's MQLs are expected to bring in (averages, not rounded). */
export function ForwardFigures({ figures }: { figures: FunnelFigures }) {
  const forward = figures.ok && figures.forward.ok ? figures.forward.value : null
  if (!figures.ok || !forward) return <p className="muted">{forwardIssue(figures) ?? 'Fix the figures above first.'}</p>
  const count = (amount: number) => amount.toLocaleString('en', { maximumFractionDigits: 1 })
  const rows = [
    ...(forward.perMonth.sals === null ? [] : [{ label: 'SALs', value: count(forward.perMonth.sals) }]),
    { label: 'SQLs', value: count(forward.perMonth.sqls) },
    { label: 'Opportunities', value: count(forward.perMonth.opportunities) },
    { label: 'Customers', value: count(forward.perMonth.customers) },
  ]
  return (
    <dl className="forward-figures" data-testid="forward-figures">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
      <div>
        <dt>Revenue</dt>
        <dd data-testid="forward-revenue">{moneyIn(figures.target.currency)(forward.revenuePerMonth)}</dd>
      </div>
    </dl>
  )
}
