import type { ScoringConfig } from '~/domain/scoring'

/**
 * The scoring config in the documented key order, so two exports of equal configs are
 * byte-identical and diffs in version control stay small.
 */
export function orderedConfig(config: ScoringConfig): ScoringConfig {
  const withExtras = config as ScoringConfig & { source?: unknown; handoff?: unknown }
  const ordered: Record<string, unknown> = { schemaVersion: config.schemaVersion }
  if (withExtras.source) ordered.source = withExtras.source
  Object.assign(ordered, {
    fields: config.fields,
    activities: config.activities,
    fit: { max: config.fit.max, rules: config.fit.rules },
    engagement: { max: config.engagement.max, halfLifeDays: config.engagement.halfLifeDays, rules: config.engagement.rules },
    disqualifiers: config.disqualifiers,
    required: config.required,
    fastTrack: config.fastTrack,
    mql: { minFit: config.mql.minFit, minEngagement: config.mql.minEngagement },
    sql: { criteria: config.sql.criteria, minMet: config.sql.minMet },
    grades: config.grades,
  })
  if (withExtras.handoff) ordered.handoff = withExtras.handoff
  return ordered as ScoringConfig
}

export function configJson(config: ScoringConfig): string {
  return `${JSON.stringify(orderedConfig(config), null, 2)}\n`
}
