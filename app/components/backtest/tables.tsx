import type { ReactNode } from 'react'
import type { MetricRow, RuleRow } from '~/domain/backtest/compare'
import { EVIDENCE_FLAGS, RULE_KIND_LABELS, type EvidenceFlag, type RuleEvidence } from '~/domain/backtest/evidence'
import type { BacktestFigures, HistogramBin } from '~/domain/backtest/figures'
import { FLAG_SHORT, formatCount, formatLift, formatRate } from '~/domain/backtest/summary'

/*
 * The back-test's numbers as tables: the "table view" of every chart, the grade × engagement
 * matrix (a heatmap of conversion rates) and the evidence per rule.
 */

const rate = (converted: number, leads: number) => (leads > 0 ? converted / leads : null)

/** A table that may be wider than a phone: it scrolls in its frame, which the keyboard can reach (and scroll). */
export function ScrollFrame({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `table-wrap ${className}` : 'table-wrap'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

/** A chart's numbers, folded under it (works without JavaScript). */
export function TableView({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="table-view">
      <summary>{summary}</summary>
      <ScrollFrame label={summary}>{children}</ScrollFrame>
    </details>
  )
}

export function StagesTable({ figures }: { figures: BacktestFigures }) {
  const rows = [
    ['Disqualified', figures.stages.disqualified],
    ['Lead', figures.stages.lead],
    ['MQL', figures.stages.mql],
    ['SQL', figures.stages.sql],
  ] as const
  return (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="num">Leads</th>
          <th scope="col" className="num">Share</th>
          <th scope="col" className="num">Converted</th>
          <th scope="col" className="num">Conversion</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, counts]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="num">{formatCount(counts.leads)}</td>
            <td className="num">{formatRate(rate(counts.leads, figures.leads))}</td>
            <td className="num">{formatCount(counts.converted)}</td>
            <td className="num">{formatRate(rate(counts.converted, counts.leads))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function HistogramTable({ bins, axis }: { bins: HistogramBin[]; axis: string }) {
  return (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">{axis}</th>
          <th scope="col" className="num">Leads</th>
          <th scope="col" className="num">Converted</th>
          <th scope="col" className="num">Conversion</th>
          <th scope="col">Passes the threshold</th>
        </tr>
      </thead>
      <tbody>
        {bins.map((bin) => (
          <tr key={bin.label}>
            <th scope="row">{bin.label}</th>
            <td className="num">{formatCount(bin.leads)}</td>
            <td className="num">{formatCount(bin.converted)}</td>
            <td className="num">{formatRate(rate(bin.converted, bin.leads))}</td>
            <td>{{ all: 'yes', some: 'partly', none: 'no' }[bin.passes]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Background for a conversion rate: from pale (0 %) to deep green (100 %). */
function heat(value: number | null) {
  if (value === null) return undefined
  // 97 % light at 0 % conversion down to 45 % at 100 %: dark text keeps a 4.5:1 contrast on every shade.
  const lightness = 97 - Math.round(value * 52)
  return { background: `hsl(158 52% ${lightness}%)` }
}

export function MatrixTable({ figures }: { figures: BacktestFigures }) {
  const { matrix } = figures
  return (
    <ScrollFrame label="Grade × engagement matrix">
      <table className="bt-matrix">
        <caption className="muted small">
          Leads and conversion rate per fit grade and engagement band; darker cells converted more. Outlined cells are MQLs at these thresholds (dashed: partly).
        </caption>
        <thead>
          <tr>
            <th scope="col">Grade (fit)</th>
            {matrix.bands.map((band) => (
              <th scope="col" key={band.label} className="bt-band">
                Engagement <span>{band.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.grade}>
              <th scope="row">
                {row.grade} <span className="muted small">({row.fitRange})</span>
              </th>
              {row.cells.map((cell, index) => {
                const value = rate(cell.converted, cell.leads)
                return (
                  <td key={matrix.bands[index]!.label} className={`num zone-${cell.zone}`} style={heat(value)}>
                    <strong>{formatRate(value)}</strong>
                    <span className="bt-cell-leads">{formatCount(cell.leads)} leads</span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollFrame>
  )
}

export function DecilesTable({ figures }: { figures: BacktestFigures }) {
  return (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">Decile</th>
          <th scope="col" className="num">Scores</th>
          <th scope="col" className="num">Leads</th>
          <th scope="col" className="num">Converted</th>
          <th scope="col" className="num">Conversion</th>
          <th scope="col" className="num">Lift</th>
        </tr>
      </thead>
      <tbody>
        {figures.deciles.map((decile) => {
          const value = rate(decile.converted, decile.leads)
          return (
            <tr key={decile.decile}>
              <th scope="row">{decile.decile}</th>
              <td className="num">{decile.minScore === decile.maxScore ? decile.minScore : `${decile.minScore}–${decile.maxScore}`}</td>
              <td className="num">{formatCount(decile.leads)}</td>
              <td className="num">{formatCount(decile.converted)}</td>
              <td className="num">{formatRate(value)}</td>
              <td className="num">{formatLift(value === null || !figures.baselineRate ? null : value / figures.baselineRate)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

export function MonthsTable({ figures }: { figures: BacktestFigures }) {
  return (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="num">Leads</th>
          <th scope="col" className="num">MQLs</th>
          <th scope="col" className="num">MQLs converted</th>
          <th scope="col" className="num">MQL conversion</th>
          <th scope="col" className="num">All leads&apos; conversion</th>
        </tr>
      </thead>
      <tbody>
        {figures.months.map((month) => (
          <tr key={month.month}>
            <th scope="row">{month.month}</th>
            <td className="num">{formatCount(month.leads)}</td>
            <td className="num">{formatCount(month.mqls)}</td>
            <td className="num">{formatCount(month.mqlsConverted)}</td>
            <td className="num">{formatRate(rate(month.mqlsConverted, month.mqls))}</td>
            <td className="num">{formatRate(rate(month.converted, month.leads))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function EvidenceTable({ evidence, baseline }: { evidence: RuleEvidence[]; baseline: number | null }) {
  const flagsShown = (Object.keys(EVIDENCE_FLAGS) as EvidenceFlag[]).filter((flag) => evidence.some((rule) => rule.flags.includes(flag)))
  return (
    <ScrollFrame label="Evidence per rule">
      <table className="bt-evidence">
        <caption className="muted small">
          Baseline: {formatRate(baseline, 1)} of all leads converted. A rule is flagged when its leads convert differently from the others by more than chance would explain
          (two-proportion test, 95 %); rates on fewer than 30 leads are marked “few”.
        </caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col" className="num">Points</th>
            <th scope="col" className="num">Leads matched</th>
            <th scope="col" className="num">Conversion when matched</th>
            <th scope="col" className="num">… when not</th>
            <th scope="col" className="num">Lift</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((rule) => (
            <tr key={`${rule.kind}-${rule.id}`} className={rule.flags.length ? 'flagged' : undefined}>
              <th scope="row">
                {rule.label}
                <div className="muted small">
                  {RULE_KIND_LABELS[rule.kind]} · <span className="mono">{rule.id}</span>
                </div>
              </th>
              <td className="num">{rule.points === null ? '—' : rule.points > 0 ? `+${rule.points}` : rule.points}</td>
              <td className="num">
                {formatCount(rule.matched)}
                {rule.fewLeads ? <span className="badge warn"> few</span> : null}
              </td>
              <td className="num">{formatRate(rule.rateMatched, 1)}</td>
              <td className="num">{formatRate(rule.rateUnmatched, 1)}</td>
              <td className="num">{formatLift(rule.lift)}</td>
              <td>
                {rule.flags.length === 0 ? (
                  <span className="muted small">Consistent</span>
                ) : (
                  rule.flags.map((flag) => (
                    <span key={flag} className="badge danger" title={EVIDENCE_FLAGS[flag]}>
                      {FLAG_SHORT[flag]}
                    </span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {flagsShown.length ? (
        <dl className="bt-flag-legend small">
          {flagsShown.map((flag) => (
            <div key={flag}>
              <dt>
                <span className="badge danger">{FLAG_SHORT[flag]}</span>
              </dt>
              <dd>{EVIDENCE_FLAGS[flag]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </ScrollFrame>
  )
}

export function CompareTables({ labels, metrics, rules }: { labels: [string, string]; metrics: MetricRow[]; rules: RuleRow[] }) {
  const cell = (rule: RuleEvidence | null) =>
    rule === null ? (
      <span className="muted">not in this model</span>
    ) : (
      <>
        {formatCount(rule.matched)} leads · {formatRate(rule.rateMatched)} · {formatLift(rule.lift)}
        {rule.flags.length ? <span className="badge danger"> {FLAG_SHORT[rule.flags[0]!]}</span> : null}
      </>
    )
  return (
    <>
      <ScrollFrame label="Measures side by side">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">{labels[0]}</th>
              <th scope="col" className="num">{labels[1]}</th>
              <th scope="col" className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((row) => (
              <tr key={row.metric}>
                <th scope="row">{row.metric}</th>
                <td className="num">{row.a}</td>
                <td className="num">{row.b}</td>
                <td className="num">{row.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollFrame>
      <h3>Evidence per rule</h3>
      <ScrollFrame label="Evidence per rule side by side">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">{labels[0]}: matched · conversion · lift</th>
              <th scope="col">{labels[1]}: matched · conversion · lift</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={`${rule.kind}-${rule.id}`}>
                <th scope="row">
                  {rule.label}
                  <div className="muted small">{RULE_KIND_LABELS[rule.kind]}</div>
                </th>
                <td>{cell(rule.a)}</td>
                <td>{cell(rule.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollFrame>
    </>
  )
}
