import type { StoredActivity, StoredField, StoredRule } from './model'
import { describeCondition } from './describe'

/** A stored rule as a row of the rule tables: its condition in words, its window and cap. */
export function ruleView(
  rule: StoredRule & { id: string; revision: number },
  fields: readonly StoredField[],
  activities: readonly StoredActivity[],
  halfLifeDays: number | null,
) {
  const fieldLabel = (key: string) => fields.find((field) => field.key === key)?.label ?? key
  const activityLabel = (key: string) => activities.find((activity) => activity.key === key)?.label ?? key
  let description: string
  let detail: string | undefined
  if (rule.activity) {
    description = rule.section === 'fastTrack' ? `Did “${activityLabel(rule.activity)}” (any time)` : `Each “${activityLabel(rule.activity)}”`
    if (rule.section === 'engagement') {
      const parts = [
        rule.withinDays !== null ? `in the last ${rule.withinDays} days` : 'of any age',
        halfLifeDays !== null ? `halving every ${halfLifeDays} days` : 'no decay',
        rule.maxPoints !== null ? `capped at ±${rule.maxPoints}` : 'no cap',
      ]
      detail = parts.join(' · ')
    }
  } else {
    description = rule.condition ? describeCondition(rule.condition, fieldLabel) : '—'
  }
  return { id: rule.id, ruleKey: rule.ruleKey, revision: rule.revision, label: rule.label, points: rule.points, description, detail }
}
