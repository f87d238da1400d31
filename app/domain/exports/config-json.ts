import { formatVersionOf, type ScoringConfig } from '~/domain/scoring'

/**
 * The scoring config in the documented key order, so two exports of equal configs are
 * byte-identical and diffs in version control stay small. The version it says is the lowest that
 * can hold it: 1, byte for byte as before format 2, unless it uses a format-2 construct (then 2,
 * with the format-2 keys, engagement.bands and priorities, in their places).
 */
export function orderedConfig(config: ScoringConfig): ScoringConfig {
  const withExtras = config as ScoringConfig & { source?: unknown; handoff?: unknown }
  const ordered: Record<string, unknown> = { schemaVersion: formatVersionOf(config) }
  if (withExtras.source) ordered.source = withExtras.source
  Object.assign(ordered, {
    fields: config.fields,
    activities: config.activities,
    fit: { max: config.fit.max, rules: config.fit.rules },
    engagement: {
      max: config.engagement.max,
      halfLifeDays: config.engagement.halfLifeDays,
      rules: config.engagement.rules,
      ...(config.engagement.bands !== undefined ? { bands: config.engagement.bands } : {}),
    },
    disqualifiers: config.disqualifiers,
    required: config.required,
    fastTrack: config.fastTrack,
    mql: { minFit: config.mql.minFit, minEngagement: config.mql.minEngagement },
    sql: { criteria: config.sql.criteria, minMet: config.sql.minMet },
    grades: config.grades,
    ...(config.priorities !== undefined ? { priorities: config.priorities } : {}),
  })
  if (withExtras.handoff) ordered.handoff = withExtras.handoff
  return ordered as ScoringConfig
}

export function configJson(config: ScoringConfig): string {
  return `${JSON.stringify(orderedConfig(config), null, 2)}\n`
}
