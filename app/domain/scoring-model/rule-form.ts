import { z } from 'zod'
import {
  EMAIL_DOMAIN_OPERATORS,
  LIST_OPERATORS,
  NUMERIC_OPERATORS,
  PRESENCE_OPERATORS,
  TEXT_OPERATORS,
  type Condition,
  type FieldCondition,
  type FieldType,
} from '~/domain/scoring'
import { plainText } from '../text'
import { optionalRef, OUT_OF_DATE, rowId, rowRevision } from './form-refs'
import { POINTED_SECTIONS, RULE_SECTIONS, type RuleDraft, type RuleSection } from './model'

/*
 * The rule editor edits one rule at a time as a flat form that posts without JavaScript:
 * a combinator (all / any) over condition rows, each row "field operator value", optionally
 * negated. That covers all / any / not groups one level deep, which is what people write on
 * a whiteboard; deeper trees (from an imported config) are kept and shown read-only. The rows
 * are form input (text); ruleFromForm turns them into the engine's Condition.
 */

export const SECTION_LABELS: Record<RuleSection, string> = {
  fit: 'Fit rule',
  engagement: 'Engagement rule',
  disqualifier: 'Disqualifier',
  fastTrack: 'Fast-track',
  sql: 'SQL question',
}

const optionalInt = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`)
      .optional(),
  )

export const ClauseSchema = z.object({
  field: plainText({ max: 100, label: 'The field' }).optional().default(''),
  op: plainText({ max: 40, label: 'The operator' }).optional().default(''),
  value: plainText({ max: 2000, trim: false, label: 'The value', tooLong: 'A value has at most 2,000 characters.' }).optional().default(''),
  valueTo: plainText({ max: 200, trim: false, label: 'The upper bound' }).optional().default(''),
  // 'on' from a posted checkbox, a boolean from react-hook-form.
  negate: z.union([z.string(), z.boolean()]).optional(),
})

export const RuleFormSchema = z
  .object({
    section: z.enum(RULE_SECTIONS, { error: 'Pick what kind of rule this is.' }),
    label: plainText({ max: 120, label: 'The label', error: 'Describe the rule in a few words.', tooLong: 'A label has at most 120 characters.' }).min(
      1,
      'Describe the rule in a few words.',
    ),
    points: optionalInt('Points', -1000, 1000),
    basis: z.enum(['condition', 'activity']).default('condition'),
    activity: plainText({ max: 100, label: 'The activity' }).optional(),
    withinDays: optionalInt('Window', 1, 3650),
    maxPoints: optionalInt('Cap', 1, 10000),
    combinator: z.enum(['all', 'any']).default('all'),
    clauses: z.array(ClauseSchema).max(20, 'A rule has at most 20 conditions.').default([]),
  })
  .superRefine((rule, ctx) => {
    if (POINTED_SECTIONS.includes(rule.section) && rule.points === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'Give the rule its points (negative points are allowed).' })
    }
    const activityBased = rule.basis === 'activity' && (rule.section === 'engagement' || rule.section === 'fastTrack')
    if (activityBased && !rule.activity) ctx.addIssue({ code: 'custom', path: ['activity'], message: 'Pick the activity.' })
    if (!activityBased && !rule.clauses.some((clause) => clause.field || clause.op)) {
      ctx.addIssue({ code: 'custom', path: ['clauses', 0, 'field'], message: 'Add at least one condition: a field, an operator and a value.' })
    }
  })

export type RuleForm = z.output<typeof RuleFormSchema>
export type RuleFormInput = z.input<typeof RuleFormSchema>

type Scalar = string | number | boolean
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

function parseScalar(raw: string, type: FieldType): Parsed<Scalar> {
  const text = raw.trim()
  if (type === 'number') {
    const value = Number(text)
    return text !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `“${raw}” is not a number.` }
  }
  if (type === 'boolean') {
    const lower = text.toLowerCase()
    if (['true', 'yes'].includes(lower)) return { ok: true, value: true }
    if (['false', 'no'].includes(lower)) return { ok: true, value: false }
    return { ok: false, message: 'Use yes or no.' }
  }
  return text === '' ? { ok: false, message: 'Enter a value.' } : { ok: true, value: text }
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}

type Clause = RuleForm['clauses'][number]

/** One condition row as the engine's condition on `field`, or what is wrong with it (its operator or its value). */
function fieldCondition(clause: Clause, field: { key: string; type: FieldType }): { ok: true; condition: FieldCondition } | { ok: false; at: 'op' | 'value'; message: string } {
  const op = clause.op
  const key = field.key
  const wrong = (message: string) => ({ ok: false, at: 'value', message }) as const
  if (isOneOf(PRESENCE_OPERATORS, op)) return { ok: true, condition: { field: key, op } }
  if (isOneOf(LIST_OPERATORS, op) || isOneOf(EMAIL_DOMAIN_OPERATORS, op)) {
    const items = clause.value
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter(Boolean)
    if (items.length === 0) return wrong('Enter one or more values, separated by commas.')
    if (isOneOf(EMAIL_DOMAIN_OPERATORS, op)) return { ok: true, condition: { field: key, op, value: items } }
    const values: Scalar[] = []
    for (const item of items) {
      const parsed = parseScalar(item, field.type)
      if (!parsed.ok) return wrong(parsed.message)
      values.push(parsed.value)
    }
    return { ok: true, condition: { field: key, op, value: values } }
  }
  if (op === 'between') {
    // Without JavaScript there is one value box: accept "50–500", "50 - 500", "50 to 500".
    const range = /^\s*(-?\d+(?:\.\d+)?)\s*(?:–|—|-|,|to|and)\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(clause.value)
    const lowText = (clause.valueTo.trim() === '' && range ? range[1]! : clause.value).trim()
    const highText = (clause.valueTo.trim() === '' && range ? range[2]! : clause.valueTo).trim()
    const low = Number(lowText)
    const high = Number(highText)
    if (lowText === '' || !Number.isFinite(low)) return wrong('Enter a range such as 50–500.')
    if (highText === '' || !Number.isFinite(high)) return wrong('Enter the upper bound too, such as 50–500.')
    if (low > high) return wrong('The upper bound must not be below the lower bound.')
    return { ok: true, condition: { field: key, op, value: [low, high] } }
  }
  if (op === 'withinDays' || isOneOf(NUMERIC_OPERATORS, op)) {
    const text = clause.value.trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) return wrong('Enter a number.')
    if (op === 'withinDays') return value < 0 ? wrong('Enter a number of days, 0 or more.') : { ok: true, condition: { field: key, op, value } }
    return { ok: true, condition: { field: key, op, value } }
  }
  if (isOneOf(TEXT_OPERATORS, op)) {
    // An email or a date is compared as text.
    const parsed = parseScalar(clause.value, field.type === 'email' || field.type === 'date' ? 'string' : field.type)
    return parsed.ok ? { ok: true, condition: { field: key, op, value: parsed.value } } : wrong(parsed.message)
  }
  return { ok: false, at: 'op', message: 'Pick an operator.' }
}

/** Turns the posted rule form into a rule, checking values against the fields' types. */
export function ruleFromForm(
  form: RuleForm,
  fields: readonly { key: string; type: FieldType }[],
  activities: readonly { key: string }[],
): { ok: true; rule: RuleDraft } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const activityBased = form.basis === 'activity' && (form.section === 'engagement' || form.section === 'fastTrack')
  const pointed = POINTED_SECTIONS.includes(form.section)
  if (activityBased) {
    if (!activities.some((activity) => activity.key === form.activity)) return { ok: false, errors: { activity: 'Pick one of the workshop’s activities.' } }
    return {
      ok: true,
      rule: {
        section: form.section,
        label: form.label,
        points: pointed ? (form.points ?? 0) : null,
        condition: null,
        activity: form.activity!,
        withinDays: form.section === 'engagement' ? (form.withinDays ?? null) : null,
        maxPoints: form.section === 'engagement' ? (form.maxPoints ?? null) : null,
      },
    }
  }

  const conditions: Condition[] = []
  form.clauses.forEach((clause, index) => {
    if (!clause.field && !clause.op && !clause.value) return
    const field = fields.find((candidate) => candidate.key === clause.field)
    if (!field) {
      errors[`clauses.${index}.field`] = 'Pick a field.'
      return
    }
    const made = fieldCondition(clause, field)
    if (!made.ok) {
      errors[`clauses.${index}.${made.at}`] = made.message
      return
    }
    conditions.push(clause.negate === 'on' || clause.negate === 'true' || clause.negate === true ? { not: made.condition } : made.condition)
  })
  if (Object.keys(errors).length) return { ok: false, errors }
  if (conditions.length === 0) return { ok: false, errors: { 'clauses.0.field': 'Add at least one condition.' } }
  const condition: Condition = conditions.length === 1 ? conditions[0]! : form.combinator === 'any' ? { any: conditions } : { all: conditions }
  return {
    ok: true,
    rule: {
      section: form.section,
      label: form.label,
      points: pointed ? (form.points ?? 0) : null,
      condition,
      activity: null,
      withinDays: null,
      maxPoints: null,
    },
  }
}

/** A condition row as the form holds it: text, as typed or as a stored condition reads. */
export type ClauseValues = { field: string; op: string; value: string; valueTo: string; negate?: string }

function clauseFrom(condition: Condition): ClauseValues | undefined {
  let negate = false
  let node = condition
  if ('not' in node) {
    negate = true
    node = node.not
  }
  if (!('field' in node)) return undefined
  const value = 'value' in node ? node.value : undefined
  const clause: ClauseValues = { field: node.field, op: node.op, value: '', valueTo: '' }
  if (negate) clause.negate = 'on'
  if (node.op === 'between' && Array.isArray(value)) {
    clause.value = `${value[0]}–${value[1]}`
  } else if (Array.isArray(value)) clause.value = value.map(String).join(', ')
  else if (value !== undefined) clause.value = String(value)
  return clause
}

/**
 * The editor's values for a stored rule, or `editable: false` when its condition is deeper
 * than the editor's one level (it is then shown read-only and kept as it is).
 */
export function formFromRule(rule: RuleDraft): { editable: boolean; values: RuleFormInput & { clauses: ClauseValues[] } } {
  const base = {
    section: rule.section,
    label: rule.label,
    points: rule.points === null ? '' : String(rule.points),
    basis: rule.activity ? ('activity' as const) : ('condition' as const),
    activity: rule.activity ?? '',
    withinDays: rule.withinDays === null ? '' : String(rule.withinDays),
    maxPoints: rule.maxPoints === null ? '' : String(rule.maxPoints),
    combinator: 'all' as 'all' | 'any',
    clauses: [] as ClauseValues[],
  }
  if (!rule.condition) return { editable: true, values: base }
  const top = rule.condition
  const list = 'all' in top ? top.all : 'any' in top ? top.any : [top]
  if ('any' in top) base.combinator = 'any'
  const clauses = list.map(clauseFrom)
  if (clauses.some((clause) => clause === undefined)) return { editable: false, values: base }
  base.clauses = clauses as ClauseValues[]
  return { editable: true, values: base }
}

/**
 * Which rule the rule editor saves, beside its fields (RuleFormSchema): none for a new rule,
 * else the rule at the revision the editor was opened at.
 */
export const SaveRuleRefSchema = z
  .object({
    intent: z.literal('save-rule'),
    ruleId: optionalRef(rowId),
    revision: optionalRef(rowRevision),
  })
  .refine((ref) => !ref.ruleId || ref.revision !== undefined, { message: OUT_OF_DATE, path: ['revision'] })

/** The one-button delete in a rule table, at the revision the person saw. */
export const DeleteRuleSchema = z.object({ intent: z.literal('delete-rule'), ruleId: rowId, revision: rowRevision })
