import { z } from 'zod'
import { CONFIG_DATE_PATTERN, isConfigDate, TIME_DIRECTIONS, type ActivityCondition, type TimeDirection } from '~/domain/scoring/config-schema'
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
import { POINTED_SECTIONS, RULE_SECTIONS, type RuleDraft, type RuleSection, type StoredActivityProperty, type StoredRuleOptions } from './model'

/*
 * The rule editor edits one rule at a time as a flat form that posts without JavaScript:
 * a combinator (all / any) over condition rows, each row "field operator value", optionally
 * negated. That covers all / any / not groups one level deep, which is what people write on
 * a whiteboard; deeper trees (from an imported config) are kept and shown read-only. The rows
 * are form input (text); ruleFromForm turns them into the engine's Condition.
 *
 * Format 2 adds, in the same flat way: activity conditions beside the field conditions ("at
 * least 2 webinars in the last 90 days, Completed is yes"), each with its own property rows; an
 * activity rule's property rows (`where`), time direction, own half-life and date bounds; a
 * fast-track's window; "required" on an SQL question. Dates are typed as days (a date input):
 * "since" is that day's start and "until" its end, both in UTC.
 *
 * A stored bound need not be what the editor writes (an imported "until": "2026-03-31" is that
 * day's 00:00 UTC; "2026-03-31T12:00:00Z" has a time), and a date input shows only its day. So the
 * form carries each stored bound in a hidden field (`sinceStored`, `untilStored`) and a bound whose
 * day was left as shown is saved back exactly as stored: re-saving a rule never moves its window.
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A day as a date input posts it (2025-01-01), or nothing. */
const dayText = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((value) => value === '' || (ISO_DAY.test(value) && CONFIG_DATE_PATTERN.test(value) && isCalendarDay(value)), `${label}: enter a date such as 2025-01-01.`)

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * A bound as stored, carried through the form in a hidden field so an unchanged day keeps it
 * (storedBound). Checked against the config's reading of dates where the rule's refinement can
 * put a message beside the date it belongs to (badStoredBounds).
 */
const storedText = z.string().trim().max(40).optional().default('')

/** A ticked box: 'on' when posted without JavaScript, true from react-hook-form. */
const ticked = (value: unknown) => value === 'on' || value === 'true' || value === true

/** Checkboxes named `<name>.<key>`: the keys of the ticked ones. */
const tickedKeys = z
  .record(z.string(), z.union([z.string(), z.boolean()]))
  .optional()
  .default({})
  .transform((boxes) => Object.keys(boxes).filter((key) => ticked(boxes[key])))

/** What the editor calls each time direction. */
export const TIME_LABELS: Record<TimeDirection, string> = {
  past: 'in the past (up to now)',
  future: 'scheduled (after now)',
  any: 'any date (past or scheduled)',
}

/** How an activity rule's points fade: the model's half-life, its own, or not at all. */
export const DECAY_CHOICES = ['model', 'own', 'none'] as const
export type DecayChoice = (typeof DECAY_CHOICES)[number]

/** One activity condition row: "at least N of these activities, in this window, with these properties". */
export const ActivityClauseSchema = z.object({
  types: tickedKeys,
  minCount: optionalInt('At least', 1, 1000),
  time: z.enum(TIME_DIRECTIONS).optional().default('past'),
  withinDays: optionalInt('Window', 1, 3650),
  since: dayText('From'),
  until: dayText('Until'),
  sinceStored: storedText,
  untilStored: storedText,
  where: z.array(ClauseSchema).max(10, 'At most 10 property conditions.').optional().default([]),
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
    activityClauses: z.array(ActivityClauseSchema).max(10, 'A rule has at most 10 activity conditions.').optional().default([]),
    // An activity rule's format-2 parts (absent from a format-1 post: it keeps format 1's reading).
    time: z.enum(TIME_DIRECTIONS).optional().default('any'),
    decay: z.enum(DECAY_CHOICES).optional().default('model'),
    halfLifeDays: optionalInt('The half-life', 1, 3650),
    since: dayText('From'),
    until: dayText('Until'),
    sinceStored: storedText,
    untilStored: storedText,
    where: z.array(ClauseSchema).max(10, 'At most 10 property conditions.').optional().default([]),
    required: z.union([z.string(), z.boolean()]).optional(),
  })
  .superRefine((rule, ctx) => {
    if (POINTED_SECTIONS.includes(rule.section) && rule.points === undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'Give the rule its points (negative points are allowed).' })
    }
    const activityBased = rule.basis === 'activity' && (rule.section === 'engagement' || rule.section === 'fastTrack')
    if (activityBased && !rule.activity) ctx.addIssue({ code: 'custom', path: ['activity'], message: 'Pick the activity.' })
    const anyActivityClause = rule.activityClauses.some((clause) => clause.types.length > 0)
    if (!activityBased && !anyActivityClause && !rule.clauses.some((clause) => clause.field || clause.op)) {
      ctx.addIssue({ code: 'custom', path: ['clauses', 0, 'field'], message: 'Add at least one condition: a field, an operator and a value (or an activity).' })
    }
    if (activityBased && rule.section === 'engagement') {
      if (rule.decay === 'own' && rule.halfLifeDays === undefined) ctx.addIssue({ code: 'custom', path: ['halfLifeDays'], message: 'Enter this rule’s half-life in days.' })
      if (rule.since && rule.until && rule.since > rule.until) ctx.addIssue({ code: 'custom', path: ['until'], message: '“Until” must not be before “From”.' })
    }
    for (const at of badStoredBounds(rule)) ctx.addIssue({ code: 'custom', path: [at], message: STORED_BOUND_UNREADABLE })
    rule.activityClauses.forEach((clause, index) => {
      if (clause.since && clause.until && clause.since > clause.until)
        ctx.addIssue({ code: 'custom', path: ['activityClauses', index, 'until'], message: '“Until” must not be before “From”.' })
      for (const at of badStoredBounds(clause)) ctx.addIssue({ code: 'custom', path: ['activityClauses', index, at], message: STORED_BOUND_UNREADABLE })
    })
  })

const STORED_BOUND_UNREADABLE = 'The date this rule had could not be read back; reload the page and set the date again.'

/** The bounds whose hidden stored value is not a date the config accepts (only a tampered or broken post). */
function badStoredBounds(bounds: { sinceStored: string; untilStored: string }): ('since' | 'until')[] {
  return (['since', 'until'] as const).filter((at) => {
    const stored = at === 'since' ? bounds.sinceStored : bounds.untilStored
    return stored !== '' && !isConfigDate(stored)
  })
}

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

type Clause = z.output<typeof ClauseSchema>

/** A date value as typed: a day (2025-01-01) or a UTC date-time without offset (2025-01-01T09:30). */
function configDate(text: string): string | null {
  const value = text.trim()
  if (!CONFIG_DATE_PATTERN.test(value) || value.endsWith('Z')) return null
  const day = value.slice(0, 10)
  if (!isCalendarDay(day)) return null
  if (value.length > 10 && Number.isNaN(Date.parse(`${value}Z`))) return null
  return value
}

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
  if (op === 'before' || op === 'after') {
    const value = configDate(clause.value)
    return value ? { ok: true, condition: { field: key, op, value } } : wrong('Enter a date such as 2025-01-01.')
  }
  if (op === 'withinDays' || op === 'olderThanDays' || isOneOf(NUMERIC_OPERATORS, op)) {
    const text = clause.value.trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) return wrong('Enter a number.')
    if (op === 'withinDays' || op === 'olderThanDays') return value < 0 ? wrong('Enter a number of days, 0 or more.') : { ok: true, condition: { field: key, op, value } }
    return { ok: true, condition: { field: key, op, value } }
  }
  if (isOneOf(TEXT_OPERATORS, op)) {
    // An email or a date is compared as text.
    const parsed = parseScalar(clause.value, field.type === 'email' || field.type === 'date' ? 'string' : field.type)
    return parsed.ok ? { ok: true, condition: { field: key, op, value: parsed.value } } : wrong(parsed.message)
  }
  return { ok: false, at: 'op', message: 'Pick an operator.' }
}

const isBlankClause = (clause: Clause) => !clause.field && !clause.op && !clause.value

/**
 * Condition rows as conditions, errors by dotted name under `prefix` (`clauses`, `where`,
 * `activityClauses.0.where`). `what` names the thing a row picks ("field", "property").
 */
function conditionsFrom(
  rows: readonly Clause[],
  candidates: readonly { key: string; type: FieldType }[],
  prefix: string,
  errors: Record<string, string>,
  missing: string,
): Condition[] {
  const conditions: Condition[] = []
  rows.forEach((clause, index) => {
    if (isBlankClause(clause)) return
    const field = candidates.find((candidate) => candidate.key === clause.field)
    if (!field) {
      errors[`${prefix}.${index}.field`] = missing
      return
    }
    const made = fieldCondition(clause, field)
    if (!made.ok) {
      errors[`${prefix}.${index}.${made.at}`] = made.message
      return
    }
    conditions.push(ticked(clause.negate) ? { not: made.condition } : made.condition)
  })
  return conditions
}

/** Every row must hold: one condition as it is, several under `all`. */
const allOf = (conditions: Condition[]): Condition | undefined => (conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { all: conditions })

/** The end of a day typed into "until", inclusive: the window is since ≤ at ≤ until. */
export const endOfDay = (day: string) => `${day}T23:59:59.999`
/** The day a "since" or "until" value is shown as in the form (its date part, whatever its time). */
const dayOf = (value: string | undefined) => (value ? value.slice(0, 10) : '')

/**
 * The bound to save for the day in a date input: the stored text while the day shown for it is
 * unchanged (whatever time, `Z` or bare date it carries), else the day as the editor writes it
 * (since: the day itself, 00:00 UTC; until: its end). An emptied input drops the bound.
 */
export function boundFromForm(at: 'since' | 'until', day: string, stored: string): string | undefined {
  if (day === '') return undefined
  if (stored !== '' && dayOf(stored) === day) return stored
  return at === 'since' ? day : endOfDay(day)
}

/**
 * The hint beside a "From" or "Until" date input. When the stored bound is not what the editor
 * would write for the day shown (an imported bare "until" is that day's 00:00 UTC, not its end),
 * it says so, and that saving keeps it.
 */
export function boundHint(at: 'since' | 'until', stored: string | undefined): string {
  const empty = at === 'since' ? 'Empty: no start.' : 'Empty: no end.'
  if (!stored || !isConfigDate(stored)) return empty
  const day = dayOf(stored)
  if (stored === (at === 'since' ? day : endOfDay(day))) return empty
  const time = stored.length === 10 ? '00:00' : stored.slice(11).replace(/Z$/, '')
  return `Stored as ${day} ${time} UTC, kept unless you change the date. ${empty}`
}

type ActivityOption = { key: string; properties?: readonly StoredActivityProperty[] | null }

/** The properties `where` may name: those declared on any of the activity types (the first declaration of a key wins). */
export function propertiesOf(activities: readonly ActivityOption[], keys: readonly string[]): StoredActivityProperty[] {
  const seen = new Map<string, StoredActivityProperty>()
  for (const activity of activities) if (keys.includes(activity.key)) for (const property of activity.properties ?? []) if (!seen.has(property.key)) seen.set(property.key, property)
  return [...seen.values()]
}

type ActivityClause = z.output<typeof ActivityClauseSchema>

function activityCondition(clause: ActivityClause, index: number, activities: readonly ActivityOption[], errors: Record<string, string>): Condition | undefined {
  const prefix = `activityClauses.${index}`
  const unknown = clause.types.filter((key) => !activities.some((activity) => activity.key === key))
  if (unknown.length) {
    errors[`${prefix}.types`] = 'Pick the workshop’s activities.'
    return undefined
  }
  // In the workshop's order of activities, whatever order the boxes were posted in.
  const types = activities.filter((activity) => clause.types.includes(activity.key)).map((activity) => activity.key)
  const properties = propertiesOf(activities, types)
  const where = allOf(conditionsFrom(clause.where, properties, `${prefix}.where`, errors, 'Pick a property these activities carry.'))
  const condition: ActivityCondition = { activity: types.length === 1 ? types[0]! : types }
  if (clause.time !== 'any') condition.time = clause.time
  if (clause.withinDays !== undefined) condition.withinDays = clause.withinDays
  const since = boundFromForm('since', clause.since, clause.sinceStored)
  const until = boundFromForm('until', clause.until, clause.untilStored)
  if (since) condition.since = since
  if (until) condition.until = until
  if (where) condition.where = where
  if (clause.minCount !== undefined && clause.minCount > 1) condition.minCount = clause.minCount
  return ticked(clause.negate) ? { not: condition } : condition
}

/** Turns the posted rule form into a rule, checking values against the fields' (and activity properties') types. */
export function ruleFromForm(
  form: RuleForm,
  fields: readonly { key: string; type: FieldType }[],
  activities: readonly ActivityOption[],
): { ok: true; rule: RuleDraft } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const activityBased = form.basis === 'activity' && (form.section === 'engagement' || form.section === 'fastTrack')
  const pointed = POINTED_SECTIONS.includes(form.section)
  if (activityBased) {
    if (!activities.some((activity) => activity.key === form.activity)) return { ok: false, errors: { activity: 'Pick one of the workshop’s activities.' } }
    const engagement = form.section === 'engagement'
    const options: StoredRuleOptions = {}
    if (engagement) {
      const where = allOf(conditionsFrom(form.where, propertiesOf(activities, [form.activity!]), 'where', errors, 'Pick a property this activity carries.'))
      if (Object.keys(errors).length) return { ok: false, errors }
      if (where) options.where = where
      if (form.time !== 'any') options.time = form.time
      if (form.decay === 'own') options.halfLifeDays = form.halfLifeDays ?? null
      if (form.decay === 'none') options.halfLifeDays = null
      const since = boundFromForm('since', form.since, form.sinceStored)
      const until = boundFromForm('until', form.until, form.untilStored)
      if (since) options.since = since
      if (until) options.until = until
    }
    return {
      ok: true,
      rule: {
        section: form.section,
        label: form.label,
        points: pointed ? (form.points ?? 0) : null,
        condition: null,
        activity: form.activity!,
        // A fast-track's window (format 2): only an activity that recent holds.
        withinDays: form.withinDays ?? null,
        maxPoints: engagement ? (form.maxPoints ?? null) : null,
        options: Object.keys(options).length ? options : null,
      },
    }
  }

  const conditions = conditionsFrom(form.clauses, fields, 'clauses', errors, 'Pick a field.')
  form.activityClauses.forEach((clause, index) => {
    if (clause.types.length === 0) return
    const made = activityCondition(clause, index, activities, errors)
    if (made) conditions.push(made)
  })
  if (Object.keys(errors).length) return { ok: false, errors }
  if (conditions.length === 0) return { ok: false, errors: { 'clauses.0.field': 'Add at least one condition.' } }
  const condition: Condition = conditions.length === 1 ? conditions[0]! : form.combinator === 'any' ? { any: conditions } : { all: conditions }
  const required = form.section === 'sql' && ticked(form.required)
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
      options: required ? { required: true } : null,
    },
  }
}

/** A condition row as the form holds it: text, as typed or as a stored condition reads. */
export type ClauseValues = { field: string; op: string; value: string; valueTo: string; negate?: string }

/** An activity condition row as the form holds it. */
export type ActivityClauseValues = {
  types: Record<string, string>
  minCount: string
  time: TimeDirection
  withinDays: string
  since: string
  until: string
  sinceStored: string
  untilStored: string
  where: ClauseValues[]
  negate?: string
}

export const BLANK_CLAUSE: ClauseValues = { field: '', op: '', value: '', valueTo: '' }
/** A new activity condition starts in the past, as every new activity rule does. */
export const BLANK_ACTIVITY_CLAUSE: ActivityClauseValues = {
  types: {},
  minCount: '',
  time: 'past',
  withinDays: '',
  since: '',
  until: '',
  sinceStored: '',
  untilStored: '',
  where: [],
}

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

/** A `where` as rows: one field condition or `all` of them (each maybe negated); undefined when deeper. */
function whereRows(where: Condition | undefined): ClauseValues[] | undefined {
  if (!where) return []
  const list = 'all' in where ? where.all : [where]
  const rows = list.map(clauseFrom)
  return rows.some((row) => row === undefined) ? undefined : (rows as ClauseValues[])
}

function activityClauseFrom(condition: Condition): ActivityClauseValues | undefined {
  let negate = false
  let node = condition
  if ('not' in node) {
    negate = true
    node = node.not
  }
  if (!('activity' in node)) return undefined
  const where = whereRows(node.where)
  if (!where) return undefined
  const types = Array.isArray(node.activity) ? node.activity : [node.activity]
  return {
    types: Object.fromEntries(types.map((key) => [key, 'on'])),
    minCount: node.minCount === undefined ? '' : String(node.minCount),
    time: node.time ?? 'any',
    withinDays: node.withinDays === undefined ? '' : String(node.withinDays),
    since: dayOf(node.since),
    until: dayOf(node.until),
    sinceStored: node.since ?? '',
    untilStored: node.until ?? '',
    where,
    ...(negate ? { negate: 'on' } : {}),
  }
}

export type RuleFormValues = RuleFormInput & {
  clauses: ClauseValues[]
  activityClauses: ActivityClauseValues[]
  where: ClauseValues[]
}

/**
 * The editor's values for a stored rule, or `editable: false` when its condition is deeper
 * than the editor's one level (it is then shown read-only and kept as it is).
 */
export function formFromRule(rule: RuleDraft): { editable: boolean; values: RuleFormValues } {
  const options = rule.options ?? {}
  const halfLife = 'halfLifeDays' in options ? options.halfLifeDays : undefined
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
    activityClauses: [] as ActivityClauseValues[],
    time: options.time ?? ('any' as TimeDirection),
    decay: ('halfLifeDays' in options ? (halfLife === null ? 'none' : 'own') : 'model') as DecayChoice,
    halfLifeDays: typeof halfLife === 'number' ? String(halfLife) : '',
    since: dayOf(options.since),
    until: dayOf(options.until),
    sinceStored: options.since ?? '',
    untilStored: options.until ?? '',
    where: [] as ClauseValues[],
    ...(options.required ? { required: 'on' } : {}),
  }
  if (rule.activity) {
    const where = whereRows(options.where)
    if (!where) return { editable: false, values: base }
    base.where = where
    return { editable: true, values: base }
  }
  if (!rule.condition) return { editable: true, values: base }
  const top = rule.condition
  const list = 'all' in top ? top.all : 'any' in top ? top.any : [top]
  if ('any' in top) base.combinator = 'any'
  for (const item of list) {
    const clause = clauseFrom(item)
    if (clause) {
      base.clauses.push(clause)
      continue
    }
    const activityClause = activityClauseFrom(item)
    if (!activityClause) return { editable: false, values: base }
    base.activityClauses.push(activityClause)
  }
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

/**
 * A new rule's starting values: an engagement or fast-track rule is usually about what the lead
 * did (it starts from an activity), and a new activity rule counts past activities only.
 */
export function newRuleValues(section: RuleSection): RuleFormValues {
  return {
    section,
    label: '',
    points: '',
    basis: section === 'engagement' || section === 'fastTrack' ? 'activity' : 'condition',
    combinator: 'all',
    clauses: [],
    activityClauses: [],
    time: 'past',
    decay: 'model',
    halfLifeDays: '',
    since: '',
    until: '',
    sinceStored: '',
    untilStored: '',
    where: [],
  }
}
