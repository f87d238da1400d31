import type { StoredActivity, StoredField, StoredRule } from './model'
import { activityNamesOf, describeCondition, valueLabelsOf, windowWords } from './describe'

/** A stored rule as a row of the rule tables: its condition in words, its window and cap. */
export function ruleView(
  rule: StoredRule & { id: string; revision: number },
  fields: readonly StoredField[],
  activities: readonly StoredActivity[],
  halfLifeDays: number | null,
) {
  const fieldLabel = (key: string) => fields.find((field) => field.key === key)?.label ?? key
  const names = activityNamesOf(activities)
  const activityLabel = names.activityLabel
  const options = rule.options ?? {}
  let description: string
  let detail: string | undefined
  if (rule.activity) {
    description =
      rule.section === 'fastTrack'
        ? `Did “${activityLabel(rule.activity)}” ${rule.withinDays !== null ? `in the last ${rule.withinDays} days (or scheduled)` : '(any time)'}`
        : `Each “${activityLabel(rule.activity)}”${options.where ? ` with ${describeCondition(options.where, names.propertyLabel)}` : ''}`
    if (rule.section === 'engagement') {
      const window = windowWords({ time: options.time, withinDays: rule.withinDays ?? undefined, since: options.since, until: options.until })
      const ownHalfLife = 'halfLifeDays' in options
      const halfLife = ownHalfLife ? (options.halfLifeDays ?? null) : halfLifeDays
      const parts = [
        window || 'of any age',
        halfLife !== null ? `halving every ${halfLife} days${ownHalfLife ? ' (its own)' : ''}` : ownHalfLife ? 'no decay (its own)' : 'no decay',
        rule.maxPoints !== null ? `capped at ±${rule.maxPoints}` : 'no cap',
      ]
      detail = parts.join(' · ')
    }
  } else {
    description = rule.condition ? describeCondition(rule.condition, fieldLabel, valueLabelsOf(fields), names) : '—'
    if (options.required) detail = 'Required: an SQL only when this holds'
  }
  return { id: rule.id, ruleKey: rule.ruleKey, revision: rule.revision, label: rule.label, points: rule.points, description, detail }
}
