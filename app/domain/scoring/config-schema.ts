import { z } from 'zod'
import { HandoffSchema, PRIORITIES } from '~/domain/sla/schema'
import { plainText } from '~/domain/text'
import { expecting } from './config-messages'

/**
 * The scoring config, format versions 1 and 2 (DESIGN §5, docs/scoring-format-2.md): the
 * contract with other tools. Format 2 is a strict superset of format 1. This zod
 * schema is the single copy of its shape: the app's forms, the API, the CLI and the served JSON
 * Schema (json-schema.ts) all derive from it. Cross-references (unknown fields, duplicate ids…),
 * which JSON Schema cannot express, are checked by config-checks.ts; validate.ts joins the two
 * into ScoringConfigSchema. (This file imports neither, so the checks can name its types.)
 */

/**
 * Ids and descriptions for the published JSON Schema. A registry of our own rather than zod's
 * global one, so that they shape this schema's JSON Schema only, not that of every other schema
 * the app converts (the API's OpenAPI description, for one).
 */
export const scoringSchemaRegistry = z.registry<{ id?: string; title?: string; description?: string }>()

function documented<T extends z.ZodType>(schema: T, meta: { id?: string; title?: string; description?: string }): T {
  scoringSchemaRegistry.add(schema, meta)
  return schema
}

export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'email'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** Text operators compare normalised text (trimmed, lower-cased, numbers in shortest form). */
export const TEXT_OPERATORS = ['eq', 'neq', 'contains', 'notContains', 'startsWith', 'endsWith'] as const
export const LIST_OPERATORS = ['in', 'notIn'] as const
export const NUMERIC_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const
export const PRESENCE_OPERATORS = ['present', 'absent'] as const
export const EMAIL_DOMAIN_OPERATORS = ['emailDomainIn', 'emailDomainNotIn'] as const

export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'present',
  'absent',
  'emailDomainIn',
  'emailDomainNotIn',
  'withinDays',
  'before',
  'after',
  'olderThanDays',
] as const
export type Operator = (typeof OPERATORS)[number]

/** Date operators of format 2: false on an absent or invalid date (unlike `not withinDays`). */
export const DATE_OPERATORS = ['before', 'after', 'olderThanDays'] as const
/** The operators format 1 knows; the others need `schemaVersion: 2`. */
export const VERSION_1_OPERATORS = OPERATORS.filter((op) => !(DATE_OPERATORS as readonly string[]).includes(op))

/** The config formats this code reads. */
export const SCHEMA_VERSIONS = [1, 2] as const
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number]

/**
 * Which activities an activity rule or condition counts by date (format 2): `past` only those at
 * or before asOf, `future` only those after it (scheduled), `any` both (format 1's reading; the
 * default when absent).
 */
export const TIME_DIRECTIONS = ['past', 'future', 'any'] as const
export type TimeDirection = (typeof TIME_DIRECTIONS)[number]

/**
 * The operators that hold on an absent value (DESIGN §5). Each is the exact negation of a
 * positive operator, which is how the engine evaluates them on present values too.
 */
export const OPERATORS_TRUE_WHEN_ABSENT = ['absent', 'neq', 'notIn', 'notContains', 'emailDomainNotIn'] as const

/**
 * Text in the config: no control characters other than tab and line breaks (a NUL in a rule
 * value once made a version's SQL export fail for good), taken as it is (no trimming: the config
 * is data, not a form). Labels may have lines; keys refuse all whitespace below.
 */
const CONTROL_CHARACTERS = 'must not contain control characters (such as NUL)'
const configText = (max: number, error: ReturnType<typeof expecting>) =>
  plainText({ max, multiline: true, trim: false, error, tooLong: `has at most ${max} characters`, invalid: CONTROL_CHARACTERS })

/** A new instance each time, so that each use can carry its own description. */
function keySchema() {
  return configText(100, expecting('a key (text without spaces)'))
    .min(1, 'must not be empty')
    .regex(/^\S+$/, 'must not contain spaces')
}
const KeySchema = keySchema()

const LabelSchema = configText(200, expecting('a label (text)')).regex(/\S/, 'must not be blank')

const RuleIdSchema = documented(keySchema(), { description: 'Unique across the whole config; results name rules by it.' })

const PointsSchema = z.number({ error: expecting('a number of points') })

/** A comparison value for text operators. Blank text would never match (blank means absent). */
const TextValueSchema = z.union(
  [configText(2000, expecting('text, a number or true/false')).regex(/\S/, 'must not be blank (use the "absent" operator for missing values)'), z.number(), z.boolean()],
  { error: expecting('text, a number or true/false') },
)

const EmailDomainSchema = configText(253, expecting('an email domain such as "gmail.com"'))
  .regex(/^\s*@?[^\s@]+\s*$/, 'expected an email domain such as "gmail.com", not an address')

const FieldRef = documented(keySchema(), { description: 'The key of one of `fields`.' })
const ActivityRef = documented(keySchema(), { description: 'The key of one of `activities`.' })

const TextCondition = z.strictObject({ field: FieldRef, op: z.enum(TEXT_OPERATORS), value: TextValueSchema })
const ListCondition = z.strictObject({
  field: FieldRef,
  op: z.enum(LIST_OPERATORS),
  value: z.array(TextValueSchema, { error: expecting('a list of values') }).min(1, 'list at least one value'),
})
const NumericCondition = z.strictObject({ field: FieldRef, op: z.enum(NUMERIC_OPERATORS), value: z.number({ error: expecting('a number') }) })
const BetweenCondition = z.strictObject({
  field: FieldRef,
  op: z.literal('between'),
  value: z.tuple([z.number(), z.number()], { error: expecting('[low, high]') }),
})
const PresenceCondition = z.strictObject({ field: FieldRef, op: z.enum(PRESENCE_OPERATORS) })
const EmailDomainCondition = z.strictObject({
  field: FieldRef,
  op: z.enum(EMAIL_DOMAIN_OPERATORS),
  value: z.array(EmailDomainSchema, { error: expecting('a list of email domains') }).min(1, 'list at least one domain'),
})
const WithinDaysCondition = z.strictObject({
  field: FieldRef,
  op: z.literal('withinDays'),
  value: z.number({ error: expecting('a number of days') }).nonnegative('must be zero or more days'),
})

/**
 * An absolute date in the config (format 2: since, until, before, after): `YYYY-MM-DD` (00:00 UTC)
 * or `YYYY-MM-DDTHH:mm[:ss[.fff]]` in UTC, without an offset (a trailing `Z` is allowed). One
 * reading on every path: parseConfigDate (timestamps.ts).
 */
export const CONFIG_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z?)?$/
const ConfigDateSchema = documented(
  z
    .string({ error: expecting('an ISO 8601 date such as "2025-01-01" or date-time such as "2025-01-01T09:30:00"') })
    .regex(CONFIG_DATE_PATTERN, 'expected an ISO 8601 date such as "2025-01-01" or a UTC date-time such as "2025-01-01T09:30:00" (no offset)')
    .refine((text) => !CONFIG_DATE_PATTERN.test(text) || isCalendarDate(text), 'is not a date on the calendar'),
  { description: 'YYYY-MM-DD (00:00 UTC) or YYYY-MM-DDTHH:mm[:ss[.fff]] in UTC, without an offset.' },
)
/** A date the config accepts (since, until, before, after): the pattern, and a day on the calendar. */
export const isConfigDate = (text: string) => CONFIG_DATE_PATTERN.test(text) && isCalendarDate(text)
/** The year, month and day (and time, when there is one) exist: no 2025-02-30, no hour 24. */
function isCalendarDate(text: string): boolean {
  const [date, time] = text.split('T')
  const [year, month, day] = date!.split('-').map(Number) as [number, number, number]
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
  if (month < 1 || month > 12 || day < 1 || day > days) return false
  if (time === undefined) return true
  const [hour, minute, second] = time.replace('Z', '').split(':').map(Number) as [number, number, number | undefined]
  return hour <= 23 && minute <= 59 && (second === undefined || second < 60)
}
const BeforeAfterCondition = z.strictObject({ field: FieldRef, op: z.enum(['before', 'after']), value: ConfigDateSchema })
const OlderThanDaysCondition = z.strictObject({
  field: FieldRef,
  op: z.literal('olderThanDays'),
  value: z.number({ error: expecting('a number of days') }).nonnegative('must be zero or more days'),
})

export const FieldConditionSchema = documented(
  z.discriminatedUnion('op', [
    TextCondition,
    ListCondition,
    NumericCondition,
    BetweenCondition,
    PresenceCondition,
    EmailDomainCondition,
    WithinDaysCondition,
    BeforeAfterCondition,
    OlderThanDaysCondition,
  ]),
  {
    id: 'FieldCondition',
    description:
      'Compares one lead attribute. Text operators compare trimmed, lower-cased text; numeric operators convert numeric strings; ' +
      'on an absent value (missing, null, blank text) only absent, neq, notIn, notContains and emailDomainNotIn hold.',
  },
)
export type FieldCondition = z.infer<typeof FieldConditionSchema>

/**
 * Format 2: "at least minCount (default 1) of the lead's activities of these types, matching
 * `where` (over the activity's properties), dated inside the window". Usable wherever a condition
 * is, except inside a `where`.
 */
export interface ActivityCondition {
  activity: string | string[]
  time?: TimeDirection
  withinDays?: number
  since?: string
  until?: string
  where?: Condition
  minCount?: number
}

export type Condition = FieldCondition | ActivityCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition }

const TimeSchema = documented(z.enum(TIME_DIRECTIONS), {
  description: 'past: only activities at or before asOf; future: only those after asOf (scheduled); any (the default): both, a future one counting as age 0.',
})
const DaysSchema = z.number({ error: expecting('a number of days') }).nonnegative('must be zero or more days')

export const ActivityConditionSchema: z.ZodType<ActivityCondition> = documented(
  z.lazy(() =>
    z.strictObject({
      activity: z.union([ActivityRef, z.array(ActivityRef, { error: expecting('an activity key or a list of them') }).min(1, 'list at least one activity')], {
        error: expecting('an activity key or a list of them'),
      }),
      time: TimeSchema.optional(),
      withinDays: DaysSchema.optional(),
      since: ConfigDateSchema.optional(),
      until: ConfigDateSchema.optional(),
      where: documented(ConditionSchema.optional(), { description: 'A condition over the activity\'s properties (field = property key); it cannot contain an activity condition.' }),
      minCount: z.number({ error: expecting('a whole number') }).int('must be a whole number').min(1, 'must be at least 1').optional(),
    }),
  ),
  {
    id: 'ActivityCondition',
    description:
      'Format 2. Holds when at least minCount (default 1) of the lead\'s activities have one of these types, match `where` and are dated inside the window ' +
      '(withinDays back from asOf for past/any, ahead of it for future; since ≤ at ≤ until). An undated activity counts only when there is no date constraint at all.',
  },
)

export const ConditionSchema: z.ZodType<Condition> = documented(
  z.lazy(() =>
    z.union([
      FieldConditionSchema,
      ActivityConditionSchema,
      z.strictObject({ all: z.array(ConditionSchema, { error: expecting('a list of conditions') }) }),
      z.strictObject({ any: z.array(ConditionSchema, { error: expecting('a list of conditions') }) }),
      z.strictObject({ not: ConditionSchema }),
    ], { error: expecting('a condition: { field, op, value }, { activity, ... }, { all: [...] }, { any: [...] } or { not: {...} }') }),
  ),
  {
    id: 'Condition',
    description:
      '{ field, op, value? }, { activity, time?, withinDays?, since?, until?, where?, minCount? } (format 2), or { all: [...] } (every one holds; true when empty), { any: [...] } (one holds; false when empty), { not: ... }.',
  },
)

/** A display label for one value a field takes: documents say “C-level” where the lead carries `c_level`. */
const FieldValueSchema = z.strictObject({
  value: configText(2000, expecting('the value as leads carry it (text)')).regex(/\S/, 'must not be blank'),
  label: LabelSchema,
})
const FieldSchema = z.strictObject({
  key: KeySchema,
  label: LabelSchema,
  type: z.enum(FIELD_TYPES),
  values: documented(z.array(FieldValueSchema, { error: expecting('a list of { value, label }') }).max(500, 'at most 500 values').optional(), {
    description: 'Optional display labels for values this field takes (compared as text, trimmed and lower-cased). Scores never depend on them: documents and tools show the label instead of the value.',
  }),
})
/** Format 2: a property an activity of this type carries (the same shape as a field). */
const ActivityPropertySchema = FieldSchema
const ActivityTypeSchema = z.strictObject({
  key: KeySchema,
  label: LabelSchema,
  properties: documented(z.array(ActivityPropertySchema, { error: expecting('a list of { key, label, type }') }).optional(), {
    description: 'Format 2: the properties activities of this type carry (lead.activities[].properties), which a `where` may read.',
  }),
})
export type ActivityType = z.infer<typeof ActivityTypeSchema>
export type ActivityProperty = z.infer<typeof ActivityPropertySchema>

export const ConditionRuleSchema = z.strictObject({ id: RuleIdSchema, label: LabelSchema, points: PointsSchema, when: ConditionSchema })
export type ConditionRule = z.infer<typeof ConditionRuleSchema>

export const ActivityRuleSchema = documented(
  z.strictObject({
    id: RuleIdSchema,
    label: LabelSchema,
    activity: ActivityRef,
    points: PointsSchema,
    withinDays: z.number({ error: expecting('a number of days') }).nonnegative('must be zero or more days').optional(),
    maxPoints: z.number({ error: expecting('a number of points') }).nonnegative('must be zero or more points').optional(),
    where: documented(ConditionSchema.optional(), { description: 'Format 2: only activities whose properties match (field = property key); no activity condition inside.' }),
    time: TimeSchema.optional(),
    halfLifeDays: documented(z.number({ error: expecting('a number of days or null') }).positive('must be more than zero days (or null: no decay)').nullable().optional(), {
      description: 'Format 2: this rule\'s half-life, overriding engagement.halfLifeDays; null means no decay; absent means the model\'s.',
    }),
    since: ConfigDateSchema.optional(),
    until: ConfigDateSchema.optional(),
  }),
  {
    description:
      'Earns points × 0.5^(ageDays / halfLifeDays) for each activity of this type no older than withinDays (an activity after asOf is age 0; an undated one never counts), then the total is capped at ±maxPoints. ' +
      'Format 2: only activities matching `where`, in the `time` direction (future: withinDays ahead of asOf) and since ≤ at ≤ until count; halfLifeDays overrides the model\'s.',
  },
)
export type ActivityRule = z.infer<typeof ActivityRuleSchema>

export const EngagementRuleSchema = z.union([ConditionRuleSchema, ActivityRuleSchema], {
  error: expecting('a condition rule { id, label, points, when } or an activity rule { id, label, activity, points }'),
})
export type EngagementRule = z.infer<typeof EngagementRuleSchema>

const CheckSchema = z.strictObject({ id: RuleIdSchema, label: LabelSchema, when: ConditionSchema })
export type Check = z.infer<typeof CheckSchema>

/** An SQL criterion: a check that format 2 can mark `required` (the lead is SQL only when it holds). */
const SqlCriterionSchema = z.strictObject({
  id: RuleIdSchema,
  label: LabelSchema,
  when: ConditionSchema,
  required: documented(z.boolean({ error: expecting('true or false') }).optional(), {
    description: 'Format 2: the lead is an SQL only when this criterion holds, whatever minMet says (it counts toward minMet).',
  }),
})
export type SqlCriterion = z.infer<typeof SqlCriterionSchema>

const ActivityFastTrackSchema = z.strictObject({
  id: RuleIdSchema,
  label: LabelSchema,
  activity: ActivityRef,
  withinDays: documented(DaysSchema.optional(), {
    description: 'Format 2: only an activity no older than this many days before asOf holds (a future one does; an undated one does not).',
  }),
})
export const FastTrackSchema = z.union([CheckSchema, ActivityFastTrackSchema], {
  error: expecting('{ id, label, when } or { id, label, activity }'),
})
export type FastTrack = z.infer<typeof FastTrackSchema>

/** Format 2: an engagement band, e.g. { band: "1", minEngagement: 60 }. */
const BandSchema = z.strictObject({
  band: configText(40, expecting('a band name (text)')).regex(/\S/, 'must not be blank'),
  minEngagement: z.number({ error: expecting('a number') }),
})
export type EngagementBand = z.infer<typeof BandSchema>

/** Format 2: one cell of the grade × band matrix, e.g. { grade: "A", band: "1", priority: "A1", label: "Call within 5 minutes" }. */
const PrioritySchema = z.strictObject({
  grade: LabelSchema,
  band: configText(40, expecting('a band name (text)')).regex(/\S/, 'must not be blank'),
  priority: configText(40, expecting('a priority name such as "A1" (text)')).regex(/\S/, 'must not be blank'),
  label: LabelSchema,
  slaPriority: documented(z.enum(PRIORITIES, { error: expecting(`one of ${PRIORITIES.map((p) => `"${p}"`).join(', ')}`) }).optional(), {
    description: 'The handoff SLA priority (its response target) leads in this cell get.',
  }),
})
export type PriorityEntry = z.infer<typeof PrioritySchema>

const SourceSchema = z.strictObject({
  workshopId: z.string().min(1),
  workshopName: configText(200, expecting('the workshop name (text)')),
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime({ offset: true, error: expecting('an ISO 8601 date-time') }),
})

/**
 * The handoff SLA (DESIGN §2.7) travels in the config as data but does not affect scores.
 * Its schema belongs to the SLA domain; the config validates it with that very schema.
 */
export { HandoffSchema }

export const ScoringConfigShapeSchema = z.strictObject({
  schemaVersion: documented(z.union([z.literal(1), z.literal(2)], { error: expecting('1 or 2') }), {
    description: 'The format: 1, or 2 when the config uses any format-2 construct (a config saying 1 must use none).',
  }),
  source: documented(SourceSchema.nullable().optional(), { description: 'The published workshop version this config was exported from; absent or null for a draft.' }),
  fields: documented(z.array(FieldSchema), { description: 'The lead attributes rules may read, by key.' }),
  activities: documented(z.array(ActivityTypeSchema), {
    description:
      'The activity types (lead.activities[].type) rules may count, by key. A lead\'s activity is { type, at }, `at` being ISO 8601 text ' +
      '(UTC when it has no offset) or epoch milliseconds; an activity whose `at` is missing or not a valid timestamp is undated: it ' +
      'counts for activity fast tracks only, and the lead is scored, not refused.',
  }),
  fit: documented(
    z.strictObject({
      max: z.number().nonnegative('must be zero or more'),
      rules: z.array(ConditionRuleSchema),
    }),
    { description: 'Who the lead is. fit = clamp(sum of the points of matching rules, 0, max).' },
  ),
  engagement: documented(
    z.strictObject({
      max: z.number().nonnegative('must be zero or more'),
      halfLifeDays: documented(z.number().positive('must be more than zero days (or null: no decay)').nullable(), {
        description: 'Activity points halve every halfLifeDays; null means no decay.',
      }),
      rules: z.array(EngagementRuleSchema),
      bands: documented(z.array(BandSchema, { error: expecting('a list of { band, minEngagement }') }).optional(), {
        description: 'Format 2: engagement bands, strictly descending by minEngagement; a lead\'s band is the first whose minEngagement ≤ engagement (none when none).',
      }),
    }),
    { description: 'What the lead did. engagement = clamp(condition-rule points + activity-rule totals, 0, max).' },
  ),
  disqualifiers: documented(z.array(CheckSchema), { description: 'Any one that holds makes the lead disqualified, whatever else fits.' }),
  required: documented(z.array(keySchema()), { description: 'Field keys that must be present before a lead can be an MQL.' }),
  fastTrack: documented(z.array(FastTrackSchema), {
    description: 'Stand in for minEngagement: { when } holds when its condition does, { activity } when the lead has one such activity, of any date (undated ones too).',
  }),
  mql: documented(z.strictObject({ minFit: z.number(), minEngagement: z.number() }), {
    description: 'An MQL has fit ≥ minFit and (engagement ≥ minEngagement or a fast track), no disqualifier and no missing required field.',
  }),
  sql: documented(
    z.strictObject({
      criteria: z.array(SqlCriterionSchema),
      minMet: z.number().int('must be a whole number').nonnegative('must be zero or more'),
    }),
    { description: 'An MQL is an SQL when at least minMet criteria hold (and there are criteria), every required one among them.' },
  ),
  grades: documented(z.array(z.strictObject({ grade: LabelSchema, minFit: z.number() })), {
    description: 'The grade of a lead is the one with the highest minFit ≤ fit (none when every minFit is above fit).',
  }),
  priorities: documented(z.array(PrioritySchema, { error: expecting('a list of { grade, band, priority, label }') }).optional(), {
    description: 'Format 2: the grade × engagement band matrix; a lead\'s priority is the entry for its grade and band (none when either is none or there is no entry).',
  }),
  handoff: documented(HandoffSchema.nullable().optional(), { description: 'The handoff SLA as data; it does not affect scores.' }),
})

/** A valid config has this shape and passes the cross-reference checks (validate.ts). */
export type ScoringConfig = z.infer<typeof ScoringConfigShapeSchema>
export type ScoringConfigField = ScoringConfig['fields'][number]

/*
 * Format 1, frozen: the shape of a version-1 config exactly as it was before format 2, from which
 * the served /schemas/scoring-config.v1.json is generated (byte for byte the schema it always
 * was). Validation reads both formats with ScoringConfigShapeSchema above; this copy exists only
 * so that the published version-1 contract cannot change.
 */
const FieldConditionV1Schema = documented(
  z.discriminatedUnion('op', [
    TextCondition,
    ListCondition,
    NumericCondition,
    BetweenCondition,
    PresenceCondition,
    EmailDomainCondition,
    WithinDaysCondition,
  ]),
  {
    id: 'FieldCondition',
    description:
      'Compares one lead attribute. Text operators compare trimmed, lower-cased text; numeric operators convert numeric strings; ' +
      'on an absent value (missing, null, blank text) only absent, neq, notIn, notContains and emailDomainNotIn hold.',
  },
)

const ConditionV1Schema: z.ZodType = documented(
  z.lazy(() =>
    z.union([
      FieldConditionV1Schema,
      z.strictObject({ all: z.array(ConditionV1Schema, { error: expecting('a list of conditions') }) }),
      z.strictObject({ any: z.array(ConditionV1Schema, { error: expecting('a list of conditions') }) }),
      z.strictObject({ not: ConditionV1Schema }),
    ], { error: expecting('a condition: { field, op, value }, { all: [...] }, { any: [...] } or { not: {...} }') }),
  ),
  {
    id: 'Condition',
    description: '{ field, op, value? }, or { all: [...] } (every one holds; true when empty), { any: [...] } (one holds; false when empty), { not: ... }.',
  },
)

const ActivityTypeV1Schema = z.strictObject({ key: KeySchema, label: LabelSchema })

const ConditionRuleV1Schema = z.strictObject({ id: RuleIdSchema, label: LabelSchema, points: PointsSchema, when: ConditionV1Schema })

const ActivityRuleV1Schema = documented(
  z.strictObject({
    id: RuleIdSchema,
    label: LabelSchema,
    activity: ActivityRef,
    points: PointsSchema,
    withinDays: z.number({ error: expecting('a number of days') }).nonnegative('must be zero or more days').optional(),
    maxPoints: z.number({ error: expecting('a number of points') }).nonnegative('must be zero or more points').optional(),
  }),
  {
    description:
      'Earns points × 0.5^(ageDays / halfLifeDays) for each activity of this type no older than withinDays (an activity after asOf is age 0; an undated one never counts), then the total is capped at ±maxPoints.',
  },
)

const EngagementRuleV1Schema = z.union([ConditionRuleV1Schema, ActivityRuleV1Schema], {
  error: expecting('a condition rule { id, label, points, when } or an activity rule { id, label, activity, points }'),
})

const CheckV1Schema = z.strictObject({ id: RuleIdSchema, label: LabelSchema, when: ConditionV1Schema })

const FastTrackV1Schema = z.union([CheckV1Schema, z.strictObject({ id: RuleIdSchema, label: LabelSchema, activity: ActivityRef })], {
  error: expecting('{ id, label, when } or { id, label, activity }'),
})



export const ScoringConfigV1ShapeSchema = z.strictObject({
  schemaVersion: z.literal(1),
  source: documented(SourceSchema.nullable().optional(), { description: 'The published workshop version this config was exported from; absent or null for a draft.' }),
  fields: documented(z.array(FieldSchema), { description: 'The lead attributes rules may read, by key.' }),
  activities: documented(z.array(ActivityTypeV1Schema), {
    description:
      'The activity types (lead.activities[].type) rules may count, by key. A lead\'s activity is { type, at }, `at` being ISO 8601 text ' +
      '(UTC when it has no offset) or epoch milliseconds; an activity whose `at` is missing or not a valid timestamp is undated: it ' +
      'counts for activity fast tracks only, and the lead is scored, not refused.',
  }),
  fit: documented(
    z.strictObject({
      max: z.number().nonnegative('must be zero or more'),
      rules: z.array(ConditionRuleV1Schema),
    }),
    { description: 'Who the lead is. fit = clamp(sum of the points of matching rules, 0, max).' },
  ),
  engagement: documented(
    z.strictObject({
      max: z.number().nonnegative('must be zero or more'),
      halfLifeDays: documented(z.number().positive('must be more than zero days (or null: no decay)').nullable(), {
        description: 'Activity points halve every halfLifeDays; null means no decay.',
      }),
      rules: z.array(EngagementRuleV1Schema),
    }),
    { description: 'What the lead did. engagement = clamp(condition-rule points + activity-rule totals, 0, max).' },
  ),
  disqualifiers: documented(z.array(CheckV1Schema), { description: 'Any one that holds makes the lead disqualified, whatever else fits.' }),
  required: documented(z.array(keySchema()), { description: 'Field keys that must be present before a lead can be an MQL.' }),
  fastTrack: documented(z.array(FastTrackV1Schema), {
    description: 'Stand in for minEngagement: { when } holds when its condition does, { activity } when the lead has one such activity, of any date (undated ones too).',
  }),
  mql: documented(z.strictObject({ minFit: z.number(), minEngagement: z.number() }), {
    description: 'An MQL has fit ≥ minFit and (engagement ≥ minEngagement or a fast track), no disqualifier and no missing required field.',
  }),
  sql: documented(
    z.strictObject({
      criteria: z.array(CheckV1Schema),
      minMet: z.number().int('must be a whole number').nonnegative('must be zero or more'),
    }),
    { description: 'An MQL is an SQL when at least minMet criteria hold (and there are criteria).' },
  ),
  grades: documented(z.array(z.strictObject({ grade: LabelSchema, minFit: z.number() })), {
    description: 'The grade of a lead is the one with the highest minFit ≤ fit (none when every minFit is above fit).',
  }),
  handoff: documented(HandoffSchema.nullable().optional(), { description: 'The handoff SLA as data; it does not affect scores.' }),
})

/**
 * One thing a lead did. `at` is when: ISO 8601 text (UTC when it has no offset) or epoch
 * milliseconds. An activity whose `at` is missing, null or not a valid timestamp is *undated*
 * (DESIGN §5): it counts for activity fast tracks, which hold whatever the date, and for nothing
 * that needs its age; the lead is scored, not refused, on every path (engine, CLI, API, SQL).
 */
export const ActivitySchema = z.object({
  type: z.string({ error: expecting('an activity type (text)') }),
  at: z.unknown().optional(),
  properties: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null()], { error: expecting('text, a number, true/false or null') }),
      { error: expecting('an object of properties') },
    )
    .optional(),
})
/** A property value an activity carries (format 2). */
export type ActivityPropertyValue = string | number | boolean | null
export type LeadActivity = z.infer<typeof ActivitySchema>

/**
 * A lead to score. Attribute values are usually text, numbers, booleans or null; anything else
 * is kept (it counts as present) but never equals, contains or compares to a value.
 */
export const LeadSchema = z.object({
  id: z.union([z.string(), z.number()]).nullable().optional(),
  attributes: z.record(z.string(), z.unknown(), { error: expecting('an object of attributes') }),
  activities: z.array(ActivitySchema, { error: expecting('a list of activities') }).optional(),
})
export type Lead = z.infer<typeof LeadSchema>

/**
 * Whether LeadSchema would accept `value`, without building the copy zod returns: the CLI and
 * the back-test check millions of leads and only need zod's messages for the bad ones. A
 * property test holds the two to the same answer.
 */
export function isLead(value: unknown): value is Lead {
  if (!isPlainObject(value)) return false
  const { id, attributes, activities } = value
  if (id !== undefined && id !== null && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return false
  if (!isPlainObject(attributes)) return false
  if (activities === undefined) return true
  if (!Array.isArray(activities)) return false
  for (let i = 0; i < activities.length; i++) {
    const activity: unknown = activities[i]
    if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) return false
    if (typeof (activity as Record<string, unknown>).type !== 'string') return false
    const properties = (activity as Record<string, unknown>).properties
    if (properties !== undefined && !isProperties(properties)) return false
  }
  return true
}

function isProperties(value: unknown): boolean {
  if (!isPlainObject(value)) return false
  for (const key in value) {
    const item = value[key]
    // As z.number(): NaN and ±Infinity are refused (JSON cannot carry them anyway).
    if (item !== null && typeof item !== 'string' && typeof item !== 'boolean' && !(typeof item === 'number' && Number.isFinite(item))) return false
  }
  return true
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

export type Stage = 'disqualified' | 'lead' | 'mql' | 'sql'

export interface Contribution {
  ruleId: string
  label: string
  axis: 'fit' | 'engagement'
  /** Points this rule added before the axis was clamped to [0, max]; 0 when it did not match. */
  points: number
  /** The condition held, or (activity rules) at least one activity counted. */
  matched: boolean
}

export interface ScoreResult {
  /** clamp(sum of matching fit rules' points, 0, fit.max) */
  fit: number
  /** clamp(condition-rule points + activity-rule totals, 0, engagement.max) */
  engagement: number
  grade: string | null
  /** Format 2: the engagement band (the first of engagement.bands whose minEngagement ≤ engagement); null without bands or when none is reached. */
  band: string | null
  /** Format 2: the `priority` of the priorities entry for (grade, band); null when grade or band is null or there is no entry. */
  priority: string | null
  stage: Stage
  /** Every fit rule then every engagement rule, in config order. */
  contributions: Contribution[]
  /** Ids of the disqualifiers that held. */
  disqualifiedBy: string[]
  /** Ids of the fast-track entries that held. */
  fastTrack: string[]
  /** Keys of required fields whose value is absent. */
  missing: string[]
  /** Ids of the SQL criteria that held. */
  sqlMet: string[]
}

/** Every condition a config's rules hold, in config order: fit, engagement, disqualifiers, fast tracks, SQL criteria. */
export function ruleConditions(config: ScoringConfig): Condition[] {
  return [
    ...config.fit.rules.map((rule) => rule.when),
    ...config.engagement.rules.flatMap((rule) => ('when' in rule ? [rule.when] : [])),
    ...config.disqualifiers.map((rule) => rule.when),
    ...config.fastTrack.flatMap((rule) => ('when' in rule ? [rule.when] : [])),
    ...config.sql.criteria.map((rule) => rule.when),
  ]
}
