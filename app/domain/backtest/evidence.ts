import type { BacktestAggregate, RuleKind, RuleTally } from './aggregate'

/*
 * Evidence per rule (issue 16): for every fit, engagement, disqualifier, fast-track and SQL rule,
 * how the leads it matched converted against those it did not, and a flag where the history
 * points against the rule clearly enough not to be chance. The thresholds do not change any of it.
 */

export const EVIDENCE_FLAGS = {
  'matched-nothing': 'Matched no lead in this file: it cannot be judged, or its condition never holds.',
  'points-against-outcome': 'Its points push the wrong way: leads it matched converted on the other side of the baseline.',
  'disqualifier-converts': 'The leads it knocks out converted above the baseline.',
  'fast-track-below-baseline': 'The leads it fast-tracks converted below the baseline.',
  'criterion-below-baseline': 'Leads that meet it converted below the baseline.',
} as const
export type EvidenceFlag = keyof typeof EVIDENCE_FLAGS

/** Fewer matched leads than this: the rate is shown, but it says little. */
export const FEW_LEADS = 30
/**
 * A flag needs a difference that chance alone would rarely give: the leads a rule matched and
 * the others differ by at least 1.96 standard errors (a two-proportion z-test at 95 %). Without
 * it, a rule whose leads convert at 30.1 % against a 30.2 % baseline would be "against" it.
 */
export const SIGNIFICANT_Z = 1.96

/** z of the difference between the conversion of matched and unmatched leads (pooled standard error). */
export function differenceZ(matched: number, matchedConverted: number, others: number, othersConverted: number): number {
  if (matched === 0 || others === 0) return 0
  const pooled = (matchedConverted + othersConverted) / (matched + others)
  const error = Math.sqrt(pooled * (1 - pooled) * (1 / matched + 1 / others))
  if (error === 0) return 0
  return (matchedConverted / matched - othersConverted / others) / error
}

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  fit: 'Fit',
  engagement: 'Engagement',
  disqualifier: 'Disqualifier',
  fastTrack: 'Fast track',
  sql: 'SQL criterion',
}

export interface RuleEvidence extends RuleTally {
  /** Conversion rate of the leads the rule matched, and of the others. */
  rateMatched: number | null
  rateUnmatched: number | null
  /** rateMatched ÷ the baseline conversion rate. */
  lift: number | null
  /** How sure the difference between matched and unmatched leads is: its z (positive: matched leads convert more). */
  z: number
  flags: EvidenceFlag[]
  fewLeads: boolean
}

export function ruleEvidence(aggregate: Pick<BacktestAggregate, 'leads' | 'converted' | 'rules'>): RuleEvidence[] {
  const baseline = aggregate.leads > 0 ? aggregate.converted / aggregate.leads : null
  return aggregate.rules.map((rule) => {
    const rateMatched = rule.matched > 0 ? rule.converted / rule.matched : null
    const unmatched = aggregate.leads - rule.matched
    const rateUnmatched = unmatched > 0 ? (aggregate.converted - rule.converted) / unmatched : null
    const lift = rateMatched === null || !baseline ? null : rateMatched / baseline
    const z = differenceZ(rule.matched, rule.converted, unmatched, aggregate.converted - rule.converted)
    const flags: EvidenceFlag[] = []
    if (rule.matched === 0) flags.push('matched-nothing')
    else if (baseline !== null && rateMatched !== null) {
      // Matched leads convert below (above) the baseline exactly when they convert below (above) the others.
      const below = rateMatched < baseline && z <= -SIGNIFICANT_Z
      const above = rateMatched > baseline && z >= SIGNIFICANT_Z
      if ((rule.kind === 'fit' || rule.kind === 'engagement') && rule.points !== null && ((rule.points > 0 && below) || (rule.points < 0 && above))) {
        flags.push('points-against-outcome')
      }
      if (rule.kind === 'disqualifier' && above) flags.push('disqualifier-converts')
      if (rule.kind === 'fastTrack' && below) flags.push('fast-track-below-baseline')
      if (rule.kind === 'sql' && below) flags.push('criterion-below-baseline')
    }
    return { ...rule, rateMatched, rateUnmatched, lift, z, flags, fewLeads: rule.matched > 0 && rule.matched < FEW_LEADS }
  })
}
