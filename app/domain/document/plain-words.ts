import type { Condition, FieldCondition, ScoringConfig } from '~/domain/scoring'
import type { ActivityCondition, TimeDirection } from '~/domain/scoring/config-schema'
import { documentDate } from './dates'

/*
 * Rules in the words of the people who agreed on them: field labels instead of keys, each value's
 * display label instead of its slug ("Seniority is C-level or VP", not `seniority in
 * ["c_level","vp"]`), numbers with separators, and conditions on one field folded together
 * ("Job title contains “data”, “analytics” or “business intelligence”").
 */

type Field = ScoringConfig['fields'][number]

export type Vocabulary = {
  fieldLabel: (key: string) => string
  valueText: (fieldKey: string, value: unknown) => string
  /** Format 2: activity types and the properties they declare. */
  activityLabel?: (key: string) => string
  /** The words for a `where` over these activity types' properties. */
  propertyWords?: (activityKeys: readonly string[]) => Vocabulary
}

const normalised = (value: unknown) => String(value).trim().toLowerCase()

export function formatNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value)
}

/** Labels for a config's fields and their values, and (format 2) its activities and their properties. */
export function vocabularyOf(config: Pick<ScoringConfig, 'fields'> & Partial<Pick<ScoringConfig, 'activities'>>): Vocabulary {
  const fields = new Map<string, Field>(config.fields.map((field) => [field.key, field]))
  const activities = config.activities ?? []
  return {
    activityLabel: (key) => activities.find((activity) => activity.key === key)?.label ?? key,
    propertyWords: (keys) => vocabularyOf({ fields: activities.filter((activity) => keys.includes(activity.key)).flatMap((activity) => activity.properties ?? []) }),
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
    case 'olderThanDays':
      return `${field} is more than ${formatNumber(condition.value)} days ago`
    case 'before':
      return `${field} is before ${configDateWords(condition.value)}`
    case 'after':
      return `${field} is later than ${configDateWords(condition.value, true)}`
  }
}

/**
 * A config date (UTC) in words: "1 Jan 2025"; a time when it has one ("1 Jan 2025, 14:30 UTC");
 * the end of a day, which the editor writes for "until", as that day. `exact` spells midnight
 * out where "after 1 Jan 2025" would mislead (after means later than 00:00 on that day).
 */
export function configDateWords(value: string, exact = false): string {
  const day = documentDate(`${value.slice(0, 10)}T12:00:00Z`, 'UTC')
  const time = value.slice(11).replace(/Z$/, '')
  if (/^23:59:59(\.9+)?$/.test(time)) return `the end of ${day}`
  if (!time || /^00:00(:00(\.0+)?)?$/.test(time)) return exact ? `${day}, 00:00 UTC` : day
  return `${day}, ${time.slice(0, 5)} UTC`
}

/** "in the last 90 days", "in the next 14 days", "up to today", "from 1 Jan 2025 until the end of 31 Mar 2025". */
export function windowInWords(window: { time?: TimeDirection; withinDays?: number; since?: string; until?: string }): string {
  const parts: string[] = []
  const time = window.time ?? 'any'
  if (window.withinDays !== undefined)
    parts.push(time === 'future' ? `in the next ${formatNumber(window.withinDays)} days` : `in the last ${formatNumber(window.withinDays)} days`)
  else if (time === 'past') parts.push('up to today')
  else if (time === 'future') parts.push('scheduled from now on')
  if (time === 'past' && window.withinDays !== undefined) parts.push('(done, not scheduled)')
  if (time === 'any' && window.withinDays !== undefined) parts.push('(or scheduled)')
  if (window.since) parts.push(`from ${configDateWords(window.since)}`)
  if (window.until) parts.push(`until ${configDateWords(window.until)}`)
  return parts.join(' ')
}

/** "Attended a webinar at least 2 times in the last 90 days (Completed: yes)". */
function activityConditionText(condition: ActivityCondition, words: Vocabulary): string {
  const keys = Array.isArray(condition.activity) ? condition.activity : [condition.activity]
  const label = words.activityLabel ?? ((key: string) => key)
  const what = joinWords(keys.map((key, index) => (index === 0 ? label(key) : label(key).toLowerCase())), 'or')
  const count = condition.minCount ?? 1
  const times = count === 1 ? 'at least once' : `at least ${formatNumber(count)} times`
  const where = condition.where ? ` (${conditionInWords(condition.where, words.propertyWords?.(keys) ?? words)})` : ''
  return [what.charAt(0).toLowerCase() + what.slice(1), times, windowInWords(condition)].filter(Boolean).join(' ') + where
}

const isField = (condition: Condition): condition is FieldCondition => 'field' in condition && 'op' in condition

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
  if ('activity' in condition) return activityConditionText(condition, words)
  return fieldText(condition, words)
}

function nested(condition: Condition, words: Vocabulary): string {
  const text = conditionInWords(condition, words)
  const folded = 'any' in condition && foldAny(condition.any, words) !== null
  return ('all' in condition || 'any' in condition) && !folded ? `(${text})` : text
}
