import type { EvidenceFlag, RuleEvidence } from './evidence'
import type { BacktestFigures } from './figures'

/** 1,204 (whole numbers; fractional decile counts are rounded). */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** "71 %", or "—" when there is nothing to divide. */
export function formatRate(rate: number | null, digits = 0): string {
  if (rate === null || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`
}

/** "1.82×" */
export function formatLift(lift: number | null): string {
  return lift === null || !Number.isFinite(lift) ? '—' : `${lift.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`
}

export function formatAuc(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })
}

/**
 * The results in sentences, for the top of the page: what these thresholds would have done, and
 * what to look at next.
 */
export function summarise(figures: BacktestFigures, evidence: RuleEvidence[]): string[] {
  const { mql, leads, converted, baselineRate, thresholds } = figures
  const sentences: string[] = []
  if (leads === 0) return ['The file had no leads that could be scored.']
  const at = `At these thresholds (fit ≥ ${thresholds.minFit}, engagement ≥ ${thresholds.minEngagement})`
  if (mql.leads === 0) {
    sentences.push(`${at}, none of the ${formatCount(leads)} leads would have been an MQL; ${formatRate(baselineRate)} of all leads converted.`)
  } else {
    sentences.push(
      `${at}, ${formatCount(mql.leads)} of ${formatCount(leads)} leads would have been MQLs; ${formatRate(mql.precision)} of them converted, against ${formatRate(baselineRate)} overall.`,
    )
    sentences.push(
      `They hold ${formatCount(mql.converted)} of the ${formatCount(converted)} conversions (${formatRate(mql.recall)} recall): the other ${formatCount(converted - mql.converted)} converted without being an MQL.`,
    )
  }
  if (figures.auc.combined !== null) {
    const strength = figures.auc.combined >= 0.8 ? 'separates converters well' : figures.auc.combined >= 0.7 ? 'separates converters fairly' : figures.auc.combined > 0.55 ? 'separates converters weakly' : 'does not separate converters from the rest'
    sentences.push(`The combined score (fit + engagement) ${strength}: AUC ${formatAuc(figures.auc.combined)} (0.5 is chance, 1 is perfect).`)
  }
  const flagged = evidence.filter((rule) => rule.flags.length > 0)
  if (flagged.length) {
    const against = flagged.filter((rule) => !rule.flags.includes('matched-nothing'))
    const nothing = flagged.length - against.length
    const parts = [
      against.length ? `${against.length} ${against.length === 1 ? 'rule has' : 'rules have'} evidence against ${against.length === 1 ? 'it' : 'them'}` : '',
      nothing ? `${nothing} ${nothing === 1 ? 'rule' : 'rules'} matched no lead` : '',
    ].filter(Boolean)
    sentences.push(`${parts.join('; ')}: see the evidence per rule.`)
  }
  return sentences
}

export const FLAG_SHORT: Record<EvidenceFlag, string> = {
  'matched-nothing': 'Matched nothing',
  'points-against-outcome': 'Points against the outcome',
  'disqualifier-converts': 'Knocks out converters',
  'fast-track-below-baseline': 'Fast-tracks non-converters',
  'criterion-below-baseline': 'Below the baseline',
}
