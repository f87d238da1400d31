import type { RuleSection, StoredActivity, StoredField, StoredRule, StoredSettings } from './model'

/*
 * The workshop's stored model (rows) → the scoring config of DESIGN §5. Pure, so the draft
 * the editor shows, the simulator, the exports and a published snapshot are one mapping. The
 * result is a draft: parseScoringConfig says whether it is a valid config (a condition rule
 * without its condition keeps `when: null`, which validation refuses).
 */

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
  const whenRule = (rule: StoredRule) => ({ id: rule.ruleKey, label: rule.label, when: rule.condition })
  return {
    schemaVersion: 1 as const,
    ...(parts.source ? { source: parts.source } : {}),
    fields: parts.fields.map(({ key, label, type, values }) => ({ key, label, type, ...(values?.length ? { values } : {}) })),
    activities: parts.activities.map(({ key, label }) => ({ key, label })),
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
            }
          : { ...whenRule(rule), points: rule.points ?? 0 },
      ),
    },
    disqualifiers: inSection('disqualifier').map(whenRule),
    required: [...settings.required],
    fastTrack: inSection('fastTrack').map((rule) =>
      rule.activity ? { id: rule.ruleKey, label: rule.label, activity: rule.activity } : whenRule(rule),
    ),
    mql: { minFit: settings.mqlMinFit, minEngagement: settings.mqlMinEngagement },
    sql: { criteria: inSection('sql').map(whenRule), minMet: settings.sqlMinMet },
    grades: [...settings.grades].sort((a, b) => b.minFit - a.minFit),
    ...(parts.handoff ? { handoff: parts.handoff } : {}),
  }
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
