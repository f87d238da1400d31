import { z } from 'zod'
import { plainText } from '../text'
import { LIST_VALUE_OPERATORS, OPERATORS, VALUELESS_OPERATORS, type Operator } from './operators'

/*
 * The rule editor edits one rule at a time as a flat form that posts without JavaScript:
 * a combinator (all / any) over condition rows, each row "field operator value", optionally
 * negated. That covers all / any / not groups one level deep, which is what people write on
 * a whiteboard; deeper trees (from an imported config) are kept and shown read-only.
 */

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'email'
export type FieldCondition = { field: string; op: Operator; value?: unknown }
export type Condition = FieldCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition }

export const RULE_SECTIONS = ['fit', 'engagement', 'disqualifier', 'fastTrack', 'sql'] as const
export type RuleSection = (typeof RULE_SECTIONS)[number]

export const SECTION_LABELS: Record<RuleSection, string> = {
  fit: 'Fit rule',
  engagement: 'Engagement rule',
  disqualifier: 'Disqualifier',
  fastTrack: 'Fast-track',
  sql: 'SQL question',
}

/** Sections whose rules carry points. */
export const POINTED_SECTIONS: readonly RuleSection[] = ['fit', 'engagement']

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

export type RuleDraft = {
  section: RuleSection
  label: string
  points: number | null
  condition: Condition | null
  activity: string | null
  withinDays: number | null
  maxPoints: number | null
}

function parseScalar(raw: string, type: FieldType | undefined): { ok: true; value: unknown } | { ok: false; message: string } {
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
    if (!activities.some((activity) => activity.key === form.activity)) errors.activity = 'Pick one of the workshop’s activities.'
    if (Object.keys(errors).length) return { ok: false, errors }
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
    const at = (name: string) => `clauses.${index}.${name}`
    const field = fields.find((candidate) => candidate.key === clause.field)
    if (!field) {
      errors[at('field')] = 'Pick a field.'
      return
    }
    if (!(OPERATORS as readonly string[]).includes(clause.op)) {
      errors[at('op')] = 'Pick an operator.'
      return
    }
    const op = clause.op as Operator
    let condition: FieldCondition
    if (VALUELESS_OPERATORS.includes(op)) {
      condition = { field: field.key, op }
    } else if (LIST_VALUE_OPERATORS.includes(op)) {
      const items = clause.value
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean)
      if (items.length === 0) {
        errors[at('value')] = 'Enter one or more values, separated by commas.'
        return
      }
      const type = op.startsWith('emailDomain') ? 'string' : field.type
      const parsed = items.map((item) => parseScalar(item, type))
      const bad = parsed.find((item) => !item.ok)
      if (bad && !bad.ok) {
        errors[at('value')] = bad.message
        return
      }
      condition = { field: field.key, op, value: parsed.map((item) => (item.ok ? item.value : null)) }
    } else if (op === 'between') {
      // Without JavaScript there is one value box: accept "50–500", "50 - 500", "50 to 500".
      const range = /^\s*(-?\d+(?:\.\d+)?)\s*(?:–|—|-|,|to|and)\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(clause.value)
      const lowText = clause.valueTo.trim() === '' && range ? range[1]! : clause.value
      const highText = clause.valueTo.trim() === '' && range ? range[2]! : clause.valueTo
      const low = Number(lowText.trim())
      const high = Number(highText.trim())
      if (lowText.trim() === '' || !Number.isFinite(low)) {
        errors[at('value')] = 'Enter a range such as 50–500.'
        return
      }
      if (highText.trim() === '' || !Number.isFinite(high)) {
        errors[at('value')] = 'Enter the upper bound too, such as 50–500.'
        return
      }
      if (low > high) {
        errors[at('value')] = 'The upper bound must not be below the lower bound.'
        return
      }
      condition = { field: field.key, op, value: [low, high] }
    } else if (op === 'withinDays' || op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
      const value = Number(clause.value.trim())
      if (clause.value.trim() === '' || !Number.isFinite(value)) {
        errors[at('value')] = 'Enter a number.'
        return
      }
      if (op === 'withinDays' && value < 0) {
        errors[at('value')] = 'Enter a number of days, 0 or more.'
        return
      }
      condition = { field: field.key, op, value }
    } else {
      const parsed = parseScalar(clause.value, field.type === 'email' || field.type === 'date' ? 'string' : field.type)
      if (!parsed.ok) {
        errors[at('value')] = parsed.message
        return
      }
      condition = { field: field.key, op, value: parsed.value }
    }
    conditions.push(clause.negate === 'on' || clause.negate === 'true' || clause.negate === true ? { not: condition } : condition)
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

export type ClauseValues = { field: string; op: string; value: string; valueTo: string; negate?: string }

function clauseFrom(condition: Condition): ClauseValues | undefined {
  let negate = false
  let node = condition
  if ('not' in node) {
    negate = true
    node = node.not
  }
  if (!('field' in node)) return undefined
  const value = node.value
  const clause: ClauseValues = { field: node.field, op: node.op, value: '', valueTo: '' }
  if (negate) clause.negate = 'on'
  if (node.op === 'between' && Array.isArray(value)) {
    clause.value = `${value[0]}–${value[1]}`
  } else if (Array.isArray(value)) clause.value = value.map(String).join(', ')
  else if (value !== undefined && value !== null) clause.value = String(value)
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
