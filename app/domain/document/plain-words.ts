import type { Condition, FieldCondition, ScoringConfig } from '~/domain/scoring'

/*
 * Rules in the words of the people who agreed on them: field labels instead of keys, each value's
 * display label instead of its slug ("Seniority is C-level or VP", not `seniority in
 * ["c_level","vp"]`), numbers with separators, and conditions on one field folded together
 * ("Job title contains “data”, “analytics” or “business intelligence”").
 */

type Field = ScoringConfig['fields'][number]

export type Vocabulary = { fieldLabel: (key: string) => string; valueText: (fieldKey: string, value: unknown) => string }

const normalised = (value: unknown) => String(value).trim().toLowerCase()

export function formatNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value)
}

/** Labels for a config's fields and their values. */
export function vocabularyOf(config: Pick<ScoringConfig, 'fields'>): Vocabulary {
  const fields = new Map<string, Field>(config.fields.map((field) => [field.key, field]))
  return {
    fieldLabel: (key) => fields.get(key)?.label ?? key,
    valueText: (fieldKey, value) => {
      const field = fields.get(fieldKey)
      const labelled = field?.values?.find((entry) => normalised(entry.value) === normalised(value))
      if (labelled) return labelled.label
      if (typeof value === 'number') return formatNumber(value)
      if (typeof value === 'boolean') return value ? 'yes' : 'no'
      return `“${String(value)}”`
    },
  }
}

/** "A, B or C" */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' | 'nor' = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`
}

function fieldText(condition: FieldCondition, words: Vocabulary): string {
  const field = words.fieldLabel(condition.field)
  const value = (v: unknown) => words.valueText(condition.field, v)
  const list = (values: readonly unknown[], conjunction: 'or' | 'nor' = 'or') => joinWords(values.map(value), conjunction)
  switch (condition.op) {
    case 'eq':
      return typeof condition.value === 'boolean' ? `${field}: ${condition.value ? 'yes' : 'no'}` : `${field} is ${value(condition.value)}`
    case 'neq':
      return typeof condition.value === 'boolean' ? `${field}: not ${condition.value ? 'yes' : 'no'}` : `${field} is not ${value(condition.value)}`
    case 'in':
      return `${field} is ${list(condition.value)}`
    case 'notIn':
      return condition.value.length === 1 ? `${field} is not ${value(condition.value[0])}` : `${field} is neither ${list(condition.value, 'nor')}`
    case 'contains':
      return `${field} contains “${condition.value}”`
    case 'notContains':
      return `${field} does not contain “${condition.value}”`
    case 'startsWith':
      return `${field} starts with “${condition.value}”`
    case 'endsWith':
      return `${field} ends with “${condition.value}”`
    case 'gt':
      return `${field} is more than ${formatNumber(condition.value)}`
    case 'gte':
      return `${field} is at least ${formatNumber(condition.value)}`
    case 'lt':
      return `${field} is less than ${formatNumber(condition.value)}`
    case 'lte':
      return `${field} is at most ${formatNumber(condition.value)}`
    case 'between':
      return `${field} is between ${formatNumber(condition.value[0])} and ${formatNumber(condition.value[1])}`
    case 'present':
      return `${field} is known`
    case 'absent':
      return `${field} is missing`
    case 'emailDomainIn':
      return `${field} is at ${joinWords(condition.value, 'or')}`
    case 'emailDomainNotIn':
      return `${field} is not at ${joinWords(condition.value, 'or')}`
    case 'withinDays':
      return `${field} is within the last ${formatNumber(condition.value)} days`
  }
}

const isField = (condition: Condition): condition is FieldCondition => 'field' in condition

/** `any` of one field and one operator reads as one sentence: "Job title contains “a” or “b”". */
function foldAny(parts: readonly Condition[], words: Vocabulary): string | null {
  if (parts.length < 2 || !parts.every(isField)) return null
  const [first] = parts as FieldCondition[]
  if (!parts.every((part) => (part as FieldCondition).field === first!.field && (part as FieldCondition).op === first!.op)) return null
  const field = words.fieldLabel(first!.field)
  const values = (parts as FieldCondition[]).map((part) => ('value' in part ? part.value : undefined))
  if (first!.op === 'eq' && values.every((v) => typeof v !== 'boolean'))
    return `${field} is ${joinWords(
      values.map((v) => words.valueText(first!.field, v)),
      'or'
    )}`
  if (first!.op === 'contains')
    return `${field} contains ${joinWords(
      values.map((v) => `“${String(v)}”`),
      'or'
    )}`
  if (first!.op === 'startsWith')
    return `${field} starts with ${joinWords(
      values.map((v) => `“${String(v)}”`),
      'or'
    )}`
  return null
}

/** A condition as one sentence a salesperson reads. */
export function conditionInWords(condition: Condition, words: Vocabulary): string {
  if ('all' in condition) return condition.all.length ? condition.all.map((part) => nested(part, words)).join(' and ') : 'always'
  if ('any' in condition) return condition.any.length ? foldAny(condition.any, words) ?? condition.any.map((part) => nested(part, words)).join(' or ') : 'never'
  if ('not' in condition) return `not (${conditionInWords(condition.not, words)})`
  return fieldText(condition, words)
}

function nested(condition: Condition, words: Vocabulary): string {
  const text = conditionInWords(condition, words)
  const folded = 'any' in condition && foldAny(condition.any, words) !== null
  return ('all' in condition || 'any' in condition) && !folded ? `(${text})` : text
}
