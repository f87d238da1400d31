import { formatVersionOf, type Condition } from '~/domain/scoring'
import type { RuleSection, StoredActivity, StoredField, StoredRule, StoredRuleOptions, StoredSettings } from './model'

/*
 * The workshop's stored model (rows) → the scoring config of DESIGN §5. Pure, so the draft
 * the editor shows, the simulator, the exports and a published snapshot are one mapping. The
 * result is a draft: parseScoringConfig says whether it is a valid config (a condition rule
 * without its condition keeps `when: null`, which validation refuses). A model that uses no
 * format-2 construct assembles to format 1, key for key as before format 2 existed; one that
 * does says `schemaVersion: 2` (formatVersionOf).
 */

/** An activity rule's format-2 parts, in the order the config lists them. */
function activityRuleOptions(options: StoredRuleOptions | null | undefined) {
  if (!options) return {}
  return {
    ...(options.where ? { where: options.where } : {}),
    ...(options.time ? { time: options.time } : {}),
    ...('halfLifeDays' in options ? { halfLifeDays: options.halfLifeDays ?? null } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  }
}

export type DraftConfig = ReturnType<typeof assembleConfig>

export function assembleConfig(parts: {
  fields: readonly StoredField[]
  activities: readonly StoredActivity[]
  rules: readonly StoredRule[]
  settings: StoredSettings
  handoff?: Record<string, unknown> | null
  source?: { workshopId: string; workshopName: string; version: number; publishedAt: string } | null
}) {
  const { rules, settings } = parts
  const inSection = (section: RuleSection) => rules.filter((rule) => rule.section === section)
  const whenRule = (rule: StoredRule) => ({ id: rule.ruleKey, label: rule.label, when: rule.condition as Condition })
  const bands = settings.bands ?? []
  const priorities = settings.priorities ?? []
  const config = {
    schemaVersion: 1 as 1 | 2,
    ...(parts.source ? { source: parts.source } : {}),
    fields: parts.fields.map(({ key, label, type, values }) => ({ key, label, type, ...(values?.length ? { values } : {}) })),
    activities: parts.activities.map(({ key, label, properties }) => ({ key, label, ...(properties?.length ? { properties: properties.map((p) => ({ ...p })) } : {}) })),
    fit: {
      max: settings.fitMax,
      rules: inSection('fit').map((rule) => ({ ...whenRule(rule), points: rule.points ?? 0 })),
    },
    engagement: {
      max: settings.engagementMax,
      halfLifeDays: settings.halfLifeDays,
      rules: inSection('engagement').map((rule) =>
        rule.activity
          ? {
              id: rule.ruleKey,
              label: rule.label,
              activity: rule.activity,
              points: rule.points ?? 0,
              ...(rule.withinDays !== null ? { withinDays: rule.withinDays } : {}),
              ...(rule.maxPoints !== null ? { maxPoints: rule.maxPoints } : {}),
              ...activityRuleOptions(rule.options),
            }
          : { ...whenRule(rule), points: rule.points ?? 0 },
      ),
      ...(bands.length ? { bands: bands.map(({ band, minEngagement }) => ({ band, minEngagement })) } : {}),
    },
    disqualifiers: inSection('disqualifier').map(whenRule),
    required: [...settings.required],
    fastTrack: inSection('fastTrack').map((rule) =>
      rule.activity
        ? { id: rule.ruleKey, label: rule.label, activity: rule.activity, ...(rule.withinDays !== null ? { withinDays: rule.withinDays } : {}) }
        : whenRule(rule),
    ),
    mql: { minFit: settings.mqlMinFit, minEngagement: settings.mqlMinEngagement },
    sql: {
      criteria: inSection('sql').map((rule) => ({ ...whenRule(rule), ...(rule.options?.required ? { required: true } : {}) })),
      minMet: settings.sqlMinMet,
    },
    grades: [...settings.grades].sort((a, b) => b.minFit - a.minFit),
    ...(priorities.length
      ? { priorities: priorities.map(({ grade, band, priority, label, slaPriority }) => ({ grade, band, priority, label, ...(slaPriority ? { slaPriority } : {}) })) }
      : {}),
    ...(parts.handoff ? { handoff: parts.handoff } : {}),
  }
  config.schemaVersion = formatVersionOf(config)
  return config
}

/** A readable, unique rule id for the exported config: `fit-vp-or-c-level`, `fit-vp-or-c-level-2`. */
export function ruleKeyFor(section: RuleSection, label: string, taken: ReadonlySet<string>): string {
  const prefix = { fit: 'fit', engagement: 'eng', disqualifier: 'dq', fastTrack: 'ft', sql: 'sql' }[section]
  const slug =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'rule'
  const base = `${prefix}-${slug}`
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
