import type { RuleKind } from './aggregate'
import type { RuleEvidence } from './evidence'
import type { BacktestFigures } from './figures'
import { formatAuc, formatCount, formatLift, formatRate } from './summary'

/*
 * Two results side by side (issue 16, "Compare"): two runs, or two models scored on the same
 * file in one run. Each side brings its figures at its own thresholds.
 */

export interface ComparedSide {
  label: string
  figures: BacktestFigures
  evidence: RuleEvidence[]
}

export interface MetricRow {
  metric: string
  a: string
  b: string
  /** b − a in words ("+120", "+3.1 pts"), or "" when either side has no value. */
  change: string
}

export interface RuleRow {
  id: string
  label: string
  kind: RuleKind
  a: RuleEvidence | null
  b: RuleEvidence | null
}

type Metric = { metric: string; value: (figures: BacktestFigures) => number | null; format: (value: number | null) => string; kind: 'count' | 'rate' | 'ratio' }

const METRICS: Metric[] = [
  { metric: 'Leads', value: (f) => f.leads, format: (v) => (v === null ? '—' : formatCount(v)), kind: 'count' },
  { metric: 'Conversion rate (baseline)', value: (f) => f.baselineRate, format: (v) => formatRate(v, 1), kind: 'rate' },
  { metric: 'Thresholds (fit / engagement)', value: () => null, format: () => '', kind: 'count' },
  { metric: 'MQLs (incl. SQLs)', value: (f) => f.mql.leads, format: (v) => (v === null ? '—' : formatCount(v)), kind: 'count' },
  { metric: 'SQLs', value: (f) => f.stages.sql.leads, format: (v) => (v === null ? '—' : formatCount(v)), kind: 'count' },
  { metric: 'Disqualified', value: (f) => f.stages.disqualified.leads, format: (v) => (v === null ? '—' : formatCount(v)), kind: 'count' },
  { metric: 'Precision (MQLs that converted)', value: (f) => f.mql.precision, format: (v) => formatRate(v, 1), kind: 'rate' },
  { metric: 'Recall (conversions that were MQLs)', value: (f) => f.mql.recall, format: (v) => formatRate(v, 1), kind: 'rate' },
  { metric: 'Lift of "is MQL"', value: (f) => f.mql.lift, format: formatLift, kind: 'ratio' },
  { metric: 'AUC, combined score', value: (f) => f.auc.combined, format: formatAuc, kind: 'ratio' },
]

function change(kind: Metric['kind'], a: number | null, b: number | null): string {
  if (a === null || b === null) return ''
  const delta = b - a
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±'
  const size = Math.abs(delta)
  if (kind === 'count') return `${sign}${formatCount(size)}`
  if (kind === 'rate') return `${sign}${(size * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} pts`
  return `${sign}${size.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })}`
}

export function compareSides(a: ComparedSide, b: ComparedSide): { metrics: MetricRow[]; rules: RuleRow[] } {
  const metrics = METRICS.map((metric): MetricRow => {
    if (metric.metric.startsWith('Thresholds')) {
      const show = (f: BacktestFigures) => `${f.thresholds.minFit} / ${f.thresholds.minEngagement}`
      return { metric: metric.metric, a: show(a.figures), b: show(b.figures), change: '' }
    }
    const va = metric.value(a.figures)
    const vb = metric.value(b.figures)
    return { metric: metric.metric, a: metric.format(va), b: metric.format(vb), change: change(metric.kind, va, vb) }
  })
  const rules: RuleRow[] = []
  const seen = new Map<string, RuleRow>()
  for (const [side, evidence] of [['a', a.evidence] as const, ['b', b.evidence] as const]) {
    for (const rule of evidence) {
      const key = `${rule.kind}:${rule.id}`
      let row = seen.get(key)
      if (!row) {
        row = { id: rule.id, label: rule.label, kind: rule.kind, a: null, b: null }
        seen.set(key, row)
        rules.push(row)
      }
      row[side] = rule
    }
  }
  return { metrics, rules }
}
