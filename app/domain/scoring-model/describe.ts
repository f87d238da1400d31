import type { Condition } from '~/domain/scoring'
import { OPERATOR_LABELS } from './operators'

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ')
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return `“${value}”`
  return String(value)
}

/** A condition in words: "Employees is between 50 and 500 and Country is one of “Germany”, “Austria”". */
export function describeCondition(condition: Condition, labelOf: (fieldKey: string) => string = (key) => key): string {
  if ('all' in condition) return condition.all.map((part) => wrap(part, labelOf)).join(' and ')
  if ('any' in condition) return condition.any.map((part) => wrap(part, labelOf)).join(' or ')
  if ('not' in condition) return `not (${describeCondition(condition.not, labelOf)})`
  const field = labelOf(condition.field)
  const op = OPERATOR_LABELS[condition.op]
  if (!('value' in condition)) return `${field} ${op}` // present, absent
  if (condition.op === 'between') return `${field} is between ${condition.value[0]} and ${condition.value[1]}`
  if (condition.op === 'withinDays') return `${field} is within the last ${condition.value} days`
  return `${field} ${op} ${formatValue(condition.value)}`
}

function wrap(condition: Condition, labelOf: (fieldKey: string) => string) {
  const text = describeCondition(condition, labelOf)
  return 'all' in condition || 'any' in condition ? `(${text})` : text
}
