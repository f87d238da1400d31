import { compile, type AsOf, type Lead, type ScoreResult, type ScoringConfig } from '~/domain/scoring'

/*
 * "Why is this lead not an MQL?" in plain words, from a score result and the config's
 * thresholds. Mirrors the stage decision of DESIGN §5 step by step.
 */

type Result = Pick<ScoreResult, 'fit' | 'engagement' | 'grade' | 'stage' | 'disqualifiedBy' | 'fastTrack' | 'missing'> & { sqlMet?: string[] }

type Thresholds = { mql: { minFit: number; minEngagement: number }; sql: { minMet: number; criteria: readonly { id: string; label: string }[] } }

const round = (value: number) => Math.round(value * 10) / 10

export function explainStage(
  result: Result,
  config: Thresholds & { disqualifiers: readonly { id: string; label: string }[]; fastTrack: readonly { id: string; label: string }[] },
  fieldLabel: (key: string) => string,
): string[] {
  const labelOf = (list: readonly { id: string; label: string }[], id: string) => list.find((item) => item.id === id)?.label ?? id
  const lines: string[] = []
  if (result.stage === 'disqualified') {
    lines.push(`Disqualified by ${result.disqualifiedBy.map((id) => `“${labelOf(config.disqualifiers, id)}”`).join(' and ')}: no score can make it an MQL.`)
    return lines
  }
  if (result.missing.length > 0) {
    lines.push(`Not handed over yet: required information is missing (${result.missing.map(fieldLabel).join(', ')}).`)
    return lines
  }
  const fitOk = result.fit >= config.mql.minFit
  const engagementOk = result.engagement >= config.mql.minEngagement
  const fastTracked = result.fastTrack.length > 0
  if (!fitOk) lines.push(`Fit is ${round(result.fit)}, below the MQL threshold of ${config.mql.minFit} (it needs ${round(config.mql.minFit - result.fit)} more).`)
  else lines.push(`Fit is ${round(result.fit)} (grade ${result.grade ?? 'none'}), at or above the threshold of ${config.mql.minFit}.`)
  if (fastTracked) lines.push(`Fast-tracked by ${result.fastTrack.map((id) => `“${labelOf(config.fastTrack, id)}”`).join(' and ')}: engagement does not matter.`)
  else if (!engagementOk)
    lines.push(`Engagement is ${round(result.engagement)}, below the threshold of ${config.mql.minEngagement} (it needs ${round(config.mql.minEngagement - result.engagement)} more, or a fast-track action).`)
  else lines.push(`Engagement is ${round(result.engagement)}, at or above the threshold of ${config.mql.minEngagement}.`)
  if (result.stage === 'lead') return lines
  const met = result.sqlMet ?? []
  if (result.stage === 'sql') lines.push(`An SQL: ${met.length} of ${config.sql.criteria.length} SQL questions hold (${config.sql.minMet} needed).`)
  else if (config.sql.criteria.length > 0) lines.push(`An MQL; for an SQL, ${config.sql.minMet} of ${config.sql.criteria.length} SQL questions must hold, and ${met.length} do.`)
  else lines.push('An MQL. (No SQL questions are defined yet.)')
  return lines
}

/** Scores leads with a valid config, each result with its explanation: what the simulator shows. */
export function explainedScorer(config: ScoringConfig) {
  const engine = compile(config)
  const fieldLabel = (key: string) => config.fields.find((field) => field.key === key)?.label ?? key
  return (lead: Lead, asOf: AsOf) => {
    const result = engine.score(lead, asOf)
    // Format 2: what sales does with this priority, and whether the model has bands at all.
    const entry = result.priority === null ? undefined : config.priorities?.find((candidate) => candidate.grade === result.grade && candidate.band === result.band)
    const sla = entry?.slaPriority ? config.handoff?.responseTargets.find((target) => target.priority === entry.slaPriority)?.label ?? entry.slaPriority : null
    return {
      ...result,
      explanation: explainStage(result, config, fieldLabel),
      hasBands: (config.engagement.bands ?? []).length > 0,
      priorityLabel: entry ? `${entry.label}${sla ? ` (SLA: ${sla})` : ''}` : null,
    }
  }
}

export type ExplainedResult = ReturnType<ReturnType<typeof explainedScorer>>
