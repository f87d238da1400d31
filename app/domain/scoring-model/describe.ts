import type { Condition } from '~/domain/scoring'
import type { ActivityCondition, TimeDirection } from '~/domain/scoring/config-schema'
import { OPERATOR_LABELS } from './operators'

/** A listed value's display label (`c_level` → “C-level”), or undefined for text nobody listed. */
export type ValueLabel = (fieldKey: string, value: string) => string | undefined

const noLabels: ValueLabel = () => undefined

/** Labels from the fields' allowed values, matched as scores compare text (trimmed, lower-cased). */
export function valueLabelsOf(fields: readonly { key: string; values?: readonly { value: string; label: string }[] | null }[]): ValueLabel {
  const byField = new Map(fields.map((field) => [field.key, new Map((field.values ?? []).map((entry) => [entry.value.trim().toLowerCase(), entry.label]))]))
  return (fieldKey, value) => byField.get(fieldKey)?.get(value.trim().toLowerCase())
}

/** A listed value reads as its label (C-level), any other text in quotes (“student”). */
function formatValue(value: unknown, label: (value: string) => string | undefined): string {
  if (Array.isArray(value)) return value.map((item) => formatValue(item, label)).join(', ')
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return label(value) ?? `“${value}”`
  return String(value)
}

/** Labels for what activity conditions name (format 2): activity types and their properties. */
export type ActivityNames = { activityLabel: (key: string) => string; propertyLabel: (key: string) => string }

const keysAsLabels: ActivityNames = { activityLabel: (key) => key, propertyLabel: (key) => key }

/** Activity and property labels from a model's activity types. */
export function activityNamesOf(activities: readonly { key: string; label: string; properties?: readonly { key: string; label: string }[] | null }[]): ActivityNames {
  return {
    activityLabel: (key) => activities.find((activity) => activity.key === key)?.label ?? key,
    propertyLabel: (key) => activities.flatMap((activity) => activity.properties ?? []).find((property) => property.key === key)?.label ?? key,
  }
}

/** A config date (2025-01-01, or the end of a day the editor writes for "until") as the editor shows it. */
export function shortDate(value: string): string {
  const day = value.slice(0, 10)
  const time = value.slice(11)
  if (!time || /^00:00(:00(\.0+)?)?Z?$/.test(time)) return day
  if (/^23:59:59(\.9+)?Z?$/.test(time)) return `${day} (end of day)`
  return `${day} ${time.replace(/Z$/, '')} UTC`
}

/** "in the last 90 days", "in the next 14 days", "from 2025-01-01 until 2025-03-31 (end of day)". */
export function windowWords(window: { time?: TimeDirection; withinDays?: number; since?: string; until?: string }): string {
  const parts: string[] = []
  const time = window.time ?? 'any'
  if (window.withinDays !== undefined) parts.push(time === 'future' ? `in the next ${window.withinDays} days` : `in the last ${window.withinDays} days`)
  else if (time === 'past') parts.push('up to now')
  else if (time === 'future') parts.push('scheduled after now')
  if (window.withinDays !== undefined && time === 'any') parts.push('or scheduled')
  if (window.since) parts.push(`from ${shortDate(window.since)}`)
  if (window.until) parts.push(`until ${shortDate(window.until)}`)
  return parts.join(' ')
}

function activityText(condition: ActivityCondition, names: ActivityNames): string {
  const types = (Array.isArray(condition.activity) ? condition.activity : [condition.activity]).map((key) => `“${names.activityLabel(key)}”`)
  const count = condition.minCount ?? 1
  const what = `${count === 1 ? 'did' : `did at least ${count} ×`} ${types.join(' or ')}`
  const where = condition.where ? ` with ${describeCondition(condition.where, names.propertyLabel, noLabels, names)}` : ''
  return [what, windowWords(condition)].filter(Boolean).join(' ') + where
}

/** A condition in words: "Employees is between 50 and 500 and Country is one of Germany, Austria". */
export function describeCondition(
  condition: Condition,
  labelOf: (fieldKey: string) => string = (key) => key,
  valueLabel: ValueLabel = noLabels,
  names: ActivityNames = keysAsLabels,
): string {
  if ('all' in condition) return condition.all.map((part) => wrap(part, labelOf, valueLabel, names)).join(' and ')
  if ('any' in condition) return condition.any.map((part) => wrap(part, labelOf, valueLabel, names)).join(' or ')
  if ('not' in condition) return `not (${describeCondition(condition.not, labelOf, valueLabel, names)})`
  if ('activity' in condition) return activityText(condition, names)
  const field = labelOf(condition.field)
  const op = OPERATOR_LABELS[condition.op]
  if (!('value' in condition)) return `${field} ${op}` // present, absent
  if (condition.op === 'between') return `${field} is between ${condition.value[0]} and ${condition.value[1]}`
  if (condition.op === 'withinDays') return `${field} is within the last ${condition.value} days`
  if (condition.op === 'olderThanDays') return `${field} is older than ${condition.value} days`
  if (condition.op === 'before') return `${field} is before ${shortDate(condition.value)}`
  if (condition.op === 'after') return `${field} is after ${shortDate(condition.value)}`
  // Only whole-value comparisons name a listed value; "contains" compares a part of the text.
  const listed = ['eq', 'neq', 'in', 'notIn'].includes(condition.op)
  return `${field} ${op} ${formatValue(condition.value, (value) => (listed ? valueLabel(condition.field, value) : undefined))}`
}

function wrap(condition: Condition, labelOf: (fieldKey: string) => string, valueLabel: ValueLabel, names: ActivityNames) {
  const text = describeCondition(condition, labelOf, valueLabel, names)
  return 'all' in condition || 'any' in condition ? `(${text})` : text
}
