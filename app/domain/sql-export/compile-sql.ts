import {
  DAY_MS,
  formatVersionOf,
  normaliseText,
  parseConfigDate,
  parseScoringConfig,
  ruleConditions,
  ScoringConfigError,
  toFiniteNumber,
  type ActivityCondition,
  type Condition,
  type FieldCondition,
  type FieldType,
  type ScoringConfig,
} from '~/domain/scoring'
import { DIALECTS, JS_WHITESPACE_CODE_POINTS, quoteIdentifier, type Dialect, type SqlDialect } from './dialects'

export { SQL_DIALECTS, type SqlDialect } from './dialects'

export interface CompileScoringSqlOptions {
  dialect: SqlDialect
}

/**
 * The scoring config compiled to one SQL query (DESIGN §5, §8), so that a data team scores leads
 * inside its warehouse and gets what the engine gives: the same fit and engagement (to rounding
 * in the last bits of decayed sums), grade, stage, disqualifiers, fast tracks, missing required
 * fields and SQL criteria met. The table contract and the parameter are documented in the
 * query's leading comment. Throws a ScoringConfigError for an invalid config, like `compile`.
 *
 * The query mirrors the engine step by step: each lead attribute is trimmed and normalised once
 * (text, email domain, number, timestamp) in a chain of CTEs, every rule's condition becomes one
 * boolean column, and the sums, clamps, grade and stage follow §5 in order. Numbers are doubles
 * throughout and summed in rule order, so fit is bit-identical to the engine's.
 *
 * Format 2 (docs/scoring-format-2.md): activity properties are normalised like attributes, once
 * per activity, each distinct `where` becomes one boolean column per activity, and activity rules,
 * activity conditions and fast tracks are all counted in one pass over a lead's activities; grade
 * and band then give the priority. A config that uses no format-2 construct compiles to the query
 * of before format 2, byte for byte (test/fixtures/sql-golden).
 */
export function compileScoringSql(input: ScoringConfig, options: CompileScoringSqlOptions): string {
  const parsed = parseScoringConfig(input)
  if (!parsed.ok) throw new ScoringConfigError(parsed.errors)
  const dialect = DIALECTS[options.dialect]
  if (!dialect) throw new RangeError(`Unknown SQL dialect: ${String(options.dialect)}`)
  return new QueryWriter(parsed.config, dialect).write()
}

// Lead text that JavaScript's Number() reads as a decimal number (normalise.ts NUMERIC_TEXT).
const NUMERIC_TEXT = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
// Epoch milliseconds (timestamps.ts), tried before ISO 8601.
const EPOCH_TEXT = '^-?[0-9]+$'
// The ISO 8601 forms timestamps.ts accepts; once text matches, its parts are read by position.
const ISO_TEXT = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'

/**
 * The significant digits of the two decimal values where reading text as a double stops giving a
 * finite, non-zero number: 0.D × 10^309 at or above 2^1024 − 2^970 rounds to infinity, and
 * 0.D × 10^-323 at or below 2^-1075 rounds to zero. PostgreSQL refuses both with an error, so
 * the query decides them on the digits before it casts.
 */
const OVERFLOW_DIGITS = significantDigits(2n ** 1024n - 2n ** 970n) // 309 digits: 0.D × 10^309
const UNDERFLOW_DIGITS = significantDigits(5n ** 1075n) // 752 digits: 2^-1075 = 0.D × 10^-323

/** Ages beyond this cannot occur between two timestamps the engine reads (±8.64e15 ms). */
const MAX_AGE_MS = 2 * 8.64e15

/**
 * The age after which an activity's decayed points stay below 2^-1000 of a point, and after which
 * both power(0.5, halvings) and points × that remain normal doubles (no underflow).
 */
function negligibleAgeMs(points: number, halfLifeDays: number): number {
  const magnitude = points === 0 ? 0 : Math.min(0, Math.floor(Math.log2(Math.abs(points))))
  const halvings = Math.max(0, 1000 + magnitude)
  return halvings * halfLifeDays * DAY_MS
}

function significantDigits(value: bigint): string {
  return value.toString().replace(/0+$/, '')
}

/** What the query must derive from one lead attribute (or activity property); like the engine's slots. */
interface Slot {
  key: string
  type: FieldType
  label: string
  /** Column prefix inside the query, e.g. `f3` (`p3` for a property): keys may hold any character. */
  name: string
  /**
   * Format 2: a property of an activity (read from activities.properties), not a lead attribute.
   * Its JSON kind decides how it reads, as in the engine: a JSON number always as a number.
   */
  property?: true
  text: boolean
  domain: boolean
  number: boolean
  /** The number's text as JavaScript writes it (text operators other than equality on number fields). */
  numberText: boolean
  /** A numeric comparison reads it (a property's text, not only a JSON number, must then be read as a number). */
  compared?: true
  time: boolean
  /** Its trimmed text is lower-cased in the first step (lead attributes a text or domain rule reads). */
  lowered?: boolean
}

interface Column {
  comment?: string
  expression: string
  name: string
}

/** Columns each step of the lead pipeline adds. */
interface Steps {
  /** Which form the text has (one regular expression each, tested once). */
  kinds: Column[]
  parts: Column[]
  digits: Column[]
  values: Column[]
  times: Column[]
}

interface Stage {
  name: string
  comment: string
  from: string
  columns: Column[]
}

/** Inside a `where`: the types of the properties it may read (those of the activity types it applies to). */
type PropertyScope = Map<string, FieldType>

/** Format 2: an activity condition, counted once per lead in activity_totals however often it is used. */
interface CountedCondition {
  condition: ActivityCondition
  /** Its count column in activity_totals. */
  name: string
  types: string[]
  /** The column of activity_checks holding its `where`, when it has one. */
  where?: string
}

/** Format 2: a distinct `where`, one boolean column per activity in activity_checks. */
interface WhereColumn {
  name: string
  condition: Condition
  scope: PropertyScope
}

/** A date window on activities (activity rules, activity conditions, activity fast tracks). */
interface ActivityWindow {
  time?: 'past' | 'future' | 'any'
  withinDays?: number
  since?: string
  until?: string
}

class QueryWriter {
  private readonly slots: Slot[] = []
  private readonly slotByKey = new Map<string, Slot>()
  private readonly fieldByKey: Map<string, ScoringConfig['fields'][number]>
  private readonly lines: string[] = []
  /** 1, byte for byte the query of before format 2, unless the config uses a format-2 construct. */
  private readonly version: 1 | 2
  private readonly propertySlots: Slot[] = []
  private readonly propertySlotByKey = new Map<string, Slot>()
  private readonly countedConditions = new Map<string, CountedCondition>()
  private readonly whereColumns = new Map<string, WhereColumn>()
  /** The activity rule's `where` column, by rule index. */
  private readonly ruleWheres = new Map<number, string>()
  /**
   * Whether activities are read the format-2 way (dates, properties and windows per activity);
   * otherwise exactly as before format 2, for format-1 rules.
   */
  private readonly datedActivities: boolean

  constructor(
    private readonly config: ScoringConfig,
    private readonly dialect: Dialect,
  ) {
    this.fieldByKey = new Map(config.fields.map((field) => [field.key, field]))
    this.version = formatVersionOf(config)
    for (const condition of this.conditions()) this.registerNeeds(condition)
    for (const key of config.required) this.slotFor(key)
    config.engagement.rules.forEach((rule, i) => {
      if ('activity' in rule && rule.where) this.ruleWheres.set(i, this.registerWhere(rule.where, [rule.activity]))
    })
    this.datedActivities =
      this.countedConditions.size > 0 ||
      this.activityRules().some(({ rule }) => rule.where !== undefined || rule.time !== undefined || rule.halfLifeDays !== undefined || rule.since !== undefined || rule.until !== undefined) ||
      this.activityFastTracks().some(({ rule }) => rule.withinDays !== undefined)
  }

  write(): string {
    this.header()
    this.line('WITH')
    const stages = this.leadStages()
    const ctes: string[][] = [...this.paramsCtes(), ...stages.map((stage) => this.stageCte(stage))]
    if (this.usesActivities()) ctes.push(...(this.datedActivities ? this.datedActivityCtes() : this.activityCtes()))
    ctes.push(this.checksCte(stages[stages.length - 1].name), this.totalsCte(), this.scoredCte())
    if (this.version === 2) ctes.push(this.gradedCte())
    ctes.forEach((cte, i) => {
      const last = cte.length - 1
      cte.forEach((line, j) => this.line(j === last && i < ctes.length - 1 ? `${line},` : line))
    })
    this.finalSelect()
    return `${this.lines.join('\n')}\n`
  }

  // ---------------------------------------------------------------- what the rules read

  private conditions(): Condition[] {
    return ruleConditions(this.config)
  }

  private slotFor(key: string): Slot {
    let slot = this.slotByKey.get(key)
    if (!slot) {
      const field = this.fieldByKey.get(key)!
      slot = {
        key,
        type: field.type,
        label: field.label,
        name: `f${this.slots.length + 1}`,
        text: false,
        domain: false,
        number: false,
        numberText: false,
        time: false,
      }
      this.slots.push(slot)
      this.slotByKey.set(key, slot)
    }
    return slot
  }

  /** A property of activities, one slot per key and declared type (the type decides its reading). */
  private propertySlotFor(key: string, type: FieldType): Slot {
    const id = JSON.stringify([key, type])
    let slot = this.propertySlotByKey.get(id)
    if (!slot) {
      slot = { key, type, label: key, name: `p${this.propertySlots.length + 1}`, property: true, text: false, domain: false, number: false, numberText: false, time: false }
      this.propertySlots.push(slot)
      this.propertySlotByKey.set(id, slot)
    }
    return slot
  }

  /** The types of the properties a `where` over these activity types may read (validation made them agree). */
  private propertyScope(types: string[]): PropertyScope {
    const scope: PropertyScope = new Map()
    for (const type of types) {
      for (const property of this.config.activities.find((activity) => activity.key === type)?.properties ?? []) {
        if (!scope.has(property.key)) scope.set(property.key, property.type)
      }
    }
    return scope
  }

  private registerWhere(where: Condition, types: string[]): string {
    const id = JSON.stringify([types, where])
    let column = this.whereColumns.get(id)
    if (!column) {
      column = { name: `w_${this.whereColumns.size + 1}`, condition: where, scope: this.propertyScope(types) }
      this.whereColumns.set(id, column)
      this.registerNeeds(where, column.scope)
    }
    return column.name
  }

  private registerCounted(condition: ActivityCondition): CountedCondition {
    const id = JSON.stringify(condition)
    let counted = this.countedConditions.get(id)
    if (!counted) {
      const types = Array.isArray(condition.activity) ? condition.activity : [condition.activity]
      counted = { condition, name: `ac_${this.countedConditions.size + 1}_count`, types }
      this.countedConditions.set(id, counted)
      if (condition.where) counted.where = this.registerWhere(condition.where, types)
    }
    return counted
  }

  private registerNeeds(condition: Condition, scope?: PropertyScope): void {
    if ('all' in condition) return condition.all.forEach((inner) => this.registerNeeds(inner, scope))
    if ('any' in condition) return condition.any.forEach((inner) => this.registerNeeds(inner, scope))
    if ('not' in condition) return this.registerNeeds(condition.not, scope)
    if ('activity' in condition) {
      this.registerCounted(condition)
      return
    }
    if (scope) {
      const slot = this.propertySlotFor(condition.field, scope.get(condition.field)!)
      this.markNeeds(slot, condition)
      // A JSON number reads as the engine reads a number value, whatever the property's type: its
      // text is the number's shortest form (the number pipeline), its date its epoch milliseconds.
      if (slot.text) slot.number = slot.numberText = true
      if (slot.time) slot.number = true
      return
    }
    this.markNeeds(this.slotFor(condition.field), condition)
  }

  private markNeeds(slot: Slot, condition: FieldCondition): void {
    switch (condition.op) {
      case 'present':
      case 'absent':
        return
      case 'withinDays':
      case 'before':
      case 'after':
      case 'olderThanDays':
        slot.time = true
        return
      case 'emailDomainIn':
      case 'emailDomainNotIn':
        slot.domain = true
        return
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between':
        slot.number = true
        slot.compared = true
        return
      case 'contains':
      case 'notContains':
      case 'startsWith':
      case 'endsWith':
        slot.text = true
        if (slot.type === 'number') slot.number = slot.numberText = true
        return
      case 'eq':
      case 'neq':
      case 'in':
      case 'notIn': {
        slot.text = true
        const values = Array.isArray(condition.value) ? condition.value : [condition.value]
        if (slot.type === 'number' && values.some((value) => canonicalNumber(this.ruleText(value, slot.type)) !== null)) slot.number = true
        return
      }
    }
  }

  private ruleText(value: string | number | boolean, type: FieldType): string {
    const text = normaliseText(value, type)
    // The schema refuses blank text values, so every rule value has a text form.
    if (text === null) throw new Error(`rule value ${JSON.stringify(value)} has no text form`)
    return text
  }

  private usesActivities(): boolean {
    return this.activityRules().length > 0 || this.activityFastTracks().length > 0 || this.countedConditions.size > 0
  }

  private activityRules() {
    return this.config.engagement.rules.flatMap((rule, i) => ('activity' in rule ? [{ rule, column: `eng_${i + 1}`, index: i }] : []))
  }

  private activityFastTracks() {
    return this.config.fastTrack.flatMap((rule, i) => ('activity' in rule ? [{ rule, column: `ft_${i + 1}` }] : []))
  }

  // ---------------------------------------------------------------- header

  private header() {
    const { config, dialect } = this
    const source = config.source
    this.line(`-- Leadpact lead scoring, compiled for ${dialect.title}.`)
    if (source) {
      this.line(`-- Config: ${comment(source.workshopName)} (workshop ${comment(source.workshopId)}), version ${source.version}, published ${comment(source.publishedAt)}.`)
    } else {
      this.line('-- Config: a draft (not a published version).')
    }
    this.line(`-- The same rules as the Leadpact scoring engine (scoring config format version ${this.version}): one row per`)
    this.line('-- lead with the same fit, engagement, grade and stage as the app, the API and the CLI.')
    this.line('--')
    this.line('-- Tables')
    this.line('--   leads       one row per lead: "id" (any type; activities.lead_id refers to it) and one')
    this.line('--               column per field below, named by its key (case matters). Attribute values are')
    this.line('--               TEXT, as a CRM or CSV export writes them: numbers ("50", "50.0", "5e1"),')
    this.line("--               booleans ('true'/'false'), dates (ISO 8601, UTC without an offset, or epoch")
    this.line('--               milliseconds). Other column types are read through CAST(... AS TEXT). NULL, empty')
    this.line('--               and blank text are absent. A field keyed "id" reads the lead id column.')
    if (this.slots.length === 0) this.line('--               (No rule reads a field.)')
    for (const slot of this.slots) this.line(`--                 ${quoteIdentifier(slot.key)}  ${comment(slot.label)} (${slot.type})`)
    if (this.datedActivities) {
      this.activitiesHeader()
    } else if (this.usesActivities()) {
      this.line('--   activities  one row per activity: "lead_id" (= leads.id), "type" (text, the activity key,')
      this.line('--               matched exactly), "at" (TIMESTAMP in UTC, or TIMESTAMPTZ; read to the millisecond;')
      this.line('--               NULL counts only for fast tracks, which hold whatever the date).')
      const used = new Set([...this.activityRules().map((a) => a.rule.activity), ...this.activityFastTracks().map((a) => a.rule.activity)])
      for (const activity of config.activities) {
        if (used.has(activity.key)) this.line(`--                 ${dialect.text(activity.key)}  ${comment(activity.label)}`)
      }
    } else {
      this.line('--   activities  not read: no rule counts activities.')
    }
    this.line('--')
    this.line('-- Parameter')
    for (const help of dialect.asOfHelp) this.line(`--   ${help}`)
    this.line('--')
    if (this.version === 1) {
      this.line('-- Output, one row per lead: lead_id, fit, engagement, grade (NULL when no grade applies),')
      this.line("-- stage ('disqualified', 'lead', 'mql' or 'sql'), and the ids of the disqualifiers that held")
      this.line('-- (disqualified_by), the fast tracks that held (fast_track), the required fields that are')
      this.line('-- absent (missing) and the SQL criteria met (sql_met).')
    } else {
      this.line('-- Output, one row per lead: lead_id, fit, engagement, grade (NULL when no grade applies), band')
      this.line('-- (the first engagement band whose minEngagement <= engagement; NULL when none or no bands),')
      this.line('-- priority (the priority of the priorities entry for grade and band; NULL when either is NULL')
      this.line("-- or there is no entry), stage ('disqualified', 'lead', 'mql' or 'sql'), and the ids of the")
      this.line('-- disqualifiers that held (disqualified_by), the fast tracks that held (fast_track), the')
      this.line('-- required fields that are absent (missing) and the SQL criteria met (sql_met).')
    }
    this.line('--')
    if (dialect.fences) {
      this.line('-- Each step (CTE) ends with OFFSET 0, which keeps the database from folding the steps into one')
      this.line('-- another and computing each attribute over again in every later step; activities are read once,')
      this.line('-- grouped by lead.')
    } else {
      this.line('-- Each attribute is normalised once, in one step (CTE) after another, and activities are read')
      this.line('-- once, grouped by lead.')
    }
    this.line('--')
    this.line('-- Text is compared trimmed (the whitespace JavaScript trims) and lower-cased by the database;')
    this.line('-- beyond ASCII, lower-casing follows its Unicode tables or locale and may differ from')
    this.line("-- JavaScript's in rare cases (Turkish dotted I, final sigma).")
    if (dialect.name === 'postgres') {
      this.line('-- PostgreSQL: needs a UTF-8 database, extra_float_digits >= 1 (the default) for number text')
      this.line('-- with more than 15 significant digits, and shortens identifiers to 63 bytes (keep field keys')
      this.line('-- shorter).')
    } else {
      this.line('-- DuckDB: identifiers match case-insensitively, so two field keys differing only in case')
      this.line('-- cannot both be columns of one table.')
    }
    this.line('')
  }

  /** The activities table as format 2 reads it: dates for every window, and properties when a `where` reads them. */
  private activitiesHeader() {
    const { config, dialect } = this
    this.line('--   activities  one row per activity: "lead_id" (= leads.id), "type" (text, the activity key,')
    this.line('--               matched exactly), "at" (TIMESTAMP in UTC, or TIMESTAMPTZ; read to the millisecond;')
    this.line('--               NULL is undated: it counts only where no date is asked for, i.e. for fast tracks')
    this.line("--               without withinDays and activity conditions without time 'past' or 'future',")
    if (this.propertySlots.length === 0) {
      this.line('--               withinDays, since or until; no rule reads "properties").')
    } else {
      this.line('--               withinDays, since or until), and "properties": the activity\'s properties as one')
      const types = dialect.name === 'postgres' ? 'jsonb, json or text' : 'JSON or VARCHAR'
      this.line(`--               JSON object (${types}; NULL: none), each value text, a number,`)
      this.line('--               true/false or null, read as the engine reads it: a JSON number as that number (its')
      this.line('--               shortest text for text operators, epoch milliseconds for date operators), text')
      this.line('--               trimmed, null or a missing key absent.')
    }
    this.line('--               The activity types counted, and the properties rules read:')
    const used = new Set([
      ...this.activityRules().map((a) => a.rule.activity),
      ...this.activityFastTracks().map((a) => a.rule.activity),
      ...[...this.countedConditions.values()].flatMap((counted) => counted.types),
    ])
    for (const activity of config.activities) {
      if (!used.has(activity.key)) continue
      const read = (activity.properties ?? []).filter((property) => this.propertySlotByKey.has(JSON.stringify([property.key, property.type])))
      const properties = read.length === 0 ? '' : ` (properties ${read.map((property) => `${comment(JSON.stringify(property.key))} ${property.type}`).join(', ')})`
      this.line(`--                 ${dialect.text(activity.key)}  ${comment(activity.label)}${properties}`)
    }
  }

  // ---------------------------------------------------------------- CTEs

  /**
   * The as-of parameter, read as the engine reads a timestamp (timestamps.ts): its text, trimmed,
   * as epoch milliseconds or ISO 8601, UTC when it has no offset, whatever the session's time
   * zone. A value the engine would refuse stops the query with a message rather than scoring
   * every lead as of nothing.
   */
  private paramsCtes(): string[][] {
    const { dialect } = this
    const slot: Slot = { key: 'as_of', type: 'date', label: 'as of', name: 'as_of', text: false, domain: false, number: false, numberText: false, time: true }
    const steps: Steps = { kinds: [], parts: [{ name: 'as_of_minus', expression: "left(as_of, 1) = '-'" }], digits: [], values: [], times: [] }
    this.timeColumns(slot, steps)
    const stages: Stage[] = [
      {
        name: 'as_of_text',
        comment: `The as-of parameter as text, trimmed: epoch milliseconds or ISO 8601 (UTC when it has no offset).`,
        from: `(SELECT CAST(${dialect.asOfParameter} AS TEXT) AS as_of_input) AS i`,
        columns: [
          { name: 'as_of_input', expression: 'i.as_of_input' },
          { name: 'as_of', expression: `NULLIF(${dialect.trim('i.as_of_input', whitespaceCharacters())}, '')` },
        ],
      },
    ]
    const add = (name: string, columns: Column[]) => stages.push({ name, comment: 'Its parts, as for a date attribute below.', from: `${stages[stages.length - 1].name} AS s`, columns })
    add('as_of_kinds', steps.kinds)
    add('as_of_parts', steps.parts)
    add('as_of_digits', steps.digits)
    add('as_of_values', steps.values)
    add('as_of_times', steps.times)
    const refused = dialect.text('Leadpact scoring: the as-of parameter is not a timestamp (ISO 8601, UTC without an offset, or epoch milliseconds): ')
    const columns: Column[] = [
      {
        name: 'as_of_ms',
        comment: 'the moment scores are computed for, in epoch milliseconds',
        expression: `CASE WHEN s.as_of_ms IS NULL THEN ${dialect.fail(`${refused} || COALESCE(s.as_of_input, 'NULL')`)} ELSE s.as_of_ms END`,
      },
    ]
    const params = ['params AS (', '  -- Constants of the query.', '  SELECT', ...columnLines(columns, '    '), `  FROM ${stages[stages.length - 1].name} AS s`, ')']
    return [...stages.filter((stage) => stage.columns.length > 0).map((stage) => this.stageCte(stage)), params]
  }

  private stageCte(stage: Stage): string[] {
    // Each step keeps the columns of the one before (s.*) and adds its own; the first has no "before".
    const first = stage.name === 'lead_text' || stage.name === 'as_of_text'
    return [
      `${stage.name} AS (`,
      `  -- ${stage.comment}`,
      '  SELECT',
      ...(first ? [] : ['    s.*,']),
      ...columnLines(stage.columns, '    '),
      `  FROM ${stage.from}`,
      ...fence(this.dialect),
      ')',
    ]
  }

  /** Each lead's attributes, normalised once, in as many steps as the rules need. */
  private leadStages(): Stage[] {
    const { dialect, slots } = this
    const stages: Stage[] = []
    const leadText: Stage = {
      name: 'lead_text',
      comment: 'Each attribute a rule reads, trimmed (and lower-cased when a rule compares its text); NULL when absent (missing, NULL, empty or blank).',
      from: 'leads AS l',
      columns: [{ name: 'lead_id', expression: 'l."id"' }],
    }
    for (const slot of slots) {
      // Lower-cased here, in the step that reads the leads table, when a rule compares its text: on
      // PostgreSQL only this first step runs in parallel workers (a subquery boundary stops a
      // parallel plan from reaching the steps above it), and lower() is one of the dearest calls
      // of the query. Every other form (number, date, domain) reads lower-cased text as it reads
      // the original: their patterns accept either case.
      slot.lowered = slot.text || slot.domain
      const trimmed = trimmedText(dialect, `CAST(l.${quoteIdentifier(slot.key)} AS TEXT)`)
      leadText.columns.push({
        name: slot.name,
        comment: `${quoteIdentifier(slot.key)} (${slot.type})${slot.lowered ? ', lower-cased' : ''}`,
        expression: slot.lowered ? `lower(${trimmed})` : trimmed,
      })
    }
    stages.push(leadText)
    this.normalisationStages(stages, slots, 'lead')
    return stages
  }

  /**
   * The steps that normalise each slot's trimmed text (lead attributes, or activity properties),
   * appended to `stages`: stage names start with `prefix`.
   */
  private normalisationStages(stages: Stage[], slots: Slot[], prefix: 'lead' | 'activity') {
    const steps: Steps = { kinds: [], parts: [], digits: [], values: [], times: [] }
    const { kinds, parts, digits, values, times } = steps
    for (const slot of slots) {
      const f = slot.name
      const lower = slot.lowered ? f : `lower(${f})`
      if (slot.text) parts.push({ name: `${f}_text`, comment: `${quoteIdentifier(slot.key)} lower-cased`, expression: lower })
      if (slot.domain) {
        parts.push({ name: `${f}_domain`, comment: 'the part after the last @, lower-cased', expression: `CASE WHEN strpos(${f}, '@') > 0 THEN NULLIF(split_part(${lower}, '@', -1), '') END` })
      }
      if (slot.number || slot.time) parts.push({ name: `${f}_minus`, expression: `left(${f}, 1) = '-'` })
      if (slot.number) this.numberColumns(slot, steps)
      if (slot.time) this.timeColumns(slot, steps)
    }
    const add = (step: string, comment: string, columns: Column[]) => {
      if (columns.length === 0) return
      const name = `${prefix}_${step}`
      stages.push({ name, comment: prefix === 'lead' ? comment : comment.replaceAll('attributes', 'properties').replaceAll('attribute', 'property'), from: `${stages[stages.length - 1].name} AS s`, columns })
    }
    add('kinds', 'Which form each attribute has: a decimal number (and a plain one, read by a cast), epoch milliseconds, ISO 8601.', kinds)
    add('parts', 'Forms of the attributes: lower-cased text, email domain, number text, date text.', parts)
    add('digits', 'Numbers as significant digits and a decimal point; the parts of ISO 8601 dates.', digits)
    add('values', 'Numbers (NULL when not finite); dates as days and milliseconds into the day.', values)
    add('times', 'Timestamps in epoch milliseconds (NULL when invalid).', times)

    // Text operators on number fields compare the number as JavaScript writes it: "50.0" is "50".
    const numberTexts = slots.filter((slot) => slot.numberText)
    if (numberTexts.length > 0) {
      add(
        'shortest',
        'Beyond 15 significant digits (or below the normal range) the shortest digits that read back as the same double, as the database writes them.',
        numberTexts.map((slot) => {
          const f = slot.name
          return {
            name: `${f}_shortest`,
            expression: `CASE WHEN ${f}_number <> 0 AND (length(${f}_digits) > 15 OR ${f}_point < -306) THEN lower(CAST(abs(${f}_number) AS TEXT)) END`,
          }
        }),
      )
      add(
        'shortest_digits',
        'The significant digits and decimal point of those numbers.',
        numberTexts.flatMap((slot) => {
          const f = slot.name
          const mantissa = `split_part(${f}_shortest, 'e', 1)`
          const allDigits = `replace(${mantissa}, '.', '')`
          return [
            { name: `${f}_js_digits`, expression: `CASE WHEN ${f}_shortest IS NULL THEN ${f}_digits ELSE rtrim(ltrim(${allDigits}, '0'), '0') END` },
            {
              name: `${f}_js_point`,
              expression: [
                'CASE',
                `  WHEN ${f}_shortest IS NULL THEN ${f}_point`,
                `  ELSE length(split_part(${mantissa}, '.', 1)) - (length(${allDigits}) - length(ltrim(${allDigits}, '0')))`,
                `    + COALESCE(CAST(NULLIF(split_part(${f}_shortest, 'e', 2), '') AS INTEGER), 0)`,
                'END',
              ].join('\n'),
            },
          ]
        }),
      )
      add(
        'number_text',
        "Numbers written as JavaScript's Number#toString writes them (50, 0.1, 1e+21, 1.5e-7).",
        numberTexts.map((slot) => {
          const f = slot.name
          const d = `${f}_js_digits`
          const q = `${f}_js_point`
          return {
            name: `${f}_js`,
            comment: `${quoteIdentifier(slot.key)} as normalised text`,
            expression: [
              'CASE',
              `  WHEN ${f}_number IS NULL THEN ${f}_text`,
              `  WHEN ${f}_number = 0 THEN '0'`,
              `  ELSE CASE WHEN ${f}_number < 0 THEN '-' ELSE '' END || CASE`,
              `    WHEN ${q} >= length(${d}) AND ${q} <= 21 THEN ${d} || repeat('0', ${q} - length(${d}))`,
              `    WHEN ${q} > 0 AND ${q} <= 21 THEN substr(${d}, 1, ${q}) || '.' || substr(${d}, ${q} + 1)`,
              `    WHEN ${q} > -6 AND ${q} <= 0 THEN '0.' || repeat('0', -${q}) || ${d}`,
              `    ELSE substr(${d}, 1, 1) || CASE WHEN length(${d}) > 1 THEN '.' || substr(${d}, 2) ELSE '' END`,
              `      || 'e' || CASE WHEN ${q} - 1 >= 0 THEN '+' ELSE '-' END || CAST(abs(${q} - 1) AS TEXT)`,
              '  END',
              'END',
            ].join('\n'),
          }
        }),
      )
    }
  }

  /**
   * Numeric text read as JavaScript's Number() reads it. Plain decimals (no exponent, at most 300
   * characters) cannot overflow or underflow, and both databases read them correctly rounded, as
   * JavaScript does: they are cast. Other numeric text is taken apart into significant digits and a
   * decimal point first, so that the query decides infinity and zero itself where PostgreSQL would
   * stop with an error.
   */
  private numberColumns(slot: Slot, { kinds, parts, digits, values }: Steps) {
    const { dialect } = this
    const f = slot.name
    // A property that is not a number and no comparison reads needs the number only of a JSON number
    // (its shortest text, its epoch milliseconds), whose text is always decimal number text.
    const jsonNumberOnly = slot.property && slot.type !== 'number' && !slot.compared
    kinds.push({
      name: `${f}_numeric`,
      comment: `${quoteIdentifier(slot.key)} is decimal number text${jsonNumberOnly ? ' (read only for a JSON number)' : ''}`,
      expression: jsonNumberOnly ? `${f}_kind = 'number'` : dialect.fullMatch(f, NUMERIC_TEXT),
    })
    // Two searches rather than one in lower(…), which PostgreSQL computes slowly in a UTF-8 locale
    // (this test runs for every lead; decimal number text is ASCII).
    const plain = `strpos(${f}, 'e') = 0 AND strpos(${f}, 'E') = 0 AND length(${f}) <= 300`
    parts.push({ name: `${f}_plain`, comment: 'a decimal number without an exponent, and short', expression: `${f}_numeric AND ${plain}` })
    // Text operators on the number's JavaScript text need its digits even when it is plain.
    const taken = slot.numberText ? `${f}_numeric` : `${f}_numeric AND NOT (${plain})`
    const mantissa = `ltrim(split_part(lower(${f}), 'e', 1), '+-')`
    parts.push(
      { name: `${f}_mantissa`, comment: 'decimal number text: the digits before the exponent (no sign, no point)', expression: `CASE WHEN ${taken} THEN replace(${mantissa}, '.', '') END` },
      { name: `${f}_integer_length`, comment: 'how many of them stand before the point', expression: `CASE WHEN ${taken} THEN length(split_part(${mantissa}, '.', 1)) END` },
      { name: `${f}_exponent_digits`, expression: `CASE WHEN ${taken} THEN ltrim(ltrim(split_part(lower(${f}), 'e', 2), '+-'), '0') END` },
      { name: `${f}_exponent_sign`, expression: `CASE WHEN ${taken} THEN CASE WHEN strpos(lower(${f}), 'e-') > 0 THEN -1 ELSE 1 END END` },
    )
    const exponentDigits = `${f}_exponent_digits`
    digits.push(
      { name: `${f}_digits`, comment: 'significant digits D and point P: the number is 0.D x 10^P', expression: `rtrim(ltrim(${f}_mantissa, '0'), '0')` },
      {
        name: `${f}_point`,
        expression: [
          `${f}_integer_length - (length(${f}_mantissa) - length(ltrim(${f}_mantissa, '0')))`,
          `  + ${f}_exponent_sign * CASE`,
          `    WHEN ${exponentDigits} = '' THEN 0`,
          `    WHEN length(${exponentDigits}) > 6 THEN 9999999`,
          `    ELSE CAST(CASE WHEN length(${exponentDigits}) <= 6 THEN ${exponentDigits} END AS INTEGER)`,
          '  END',
        ].join('\n'),
      },
    )
    values.push({
      name: `${f}_number`,
      comment: `${quoteIdentifier(slot.key)} as a finite number, else NULL`,
      expression: [
        'CASE',
        `  WHEN ${f}_plain THEN CAST(${f} AS DOUBLE PRECISION)`,
        `  WHEN ${f}_digits IS NULL THEN NULL`,
        `  WHEN ${f}_digits = '' THEN CAST(0 AS DOUBLE PRECISION)`,
        `  WHEN ${f}_point > 309 OR (${f}_point = 309 AND ${dialect.codePointOrder(`${f}_digits`)} >= ${dialect.text(OVERFLOW_DIGITS)}) THEN NULL`,
        `  WHEN ${f}_point < -323 OR (${f}_point = -323 AND ${dialect.codePointOrder(`${f}_digits`)} <= ${dialect.text(UNDERFLOW_DIGITS)}) THEN CAST(0 AS DOUBLE PRECISION)`,
        `  ELSE CAST(CASE WHEN ${f}_minus THEN '-' ELSE '' END || '0.' || ${f}_digits || 'e' || CAST(${f}_point AS TEXT) AS DOUBLE PRECISION)`,
        'END',
      ].join('\n'),
    })
  }

  /** Timestamps as timestamps.ts reads them: epoch milliseconds, or ISO 8601 with calendar checks. */
  private timeColumns(slot: Slot, { kinds, parts, digits, values, times }: Steps) {
    const { dialect } = this
    const f = slot.name
    const iso = `${f}_iso`
    const part = (from: number, length: number) => `CAST(substr(${f}, ${from}, ${length}) AS INTEGER)`
    kinds.push(
      { name: `${f}_is_epoch`, comment: `${quoteIdentifier(slot.key)} is epoch milliseconds text`, expression: dialect.fullMatch(f, EPOCH_TEXT) },
      { name: iso, comment: 'ISO 8601 text, YYYY-MM-DD[(T| )HH:mm[:ss[.fff]][Z|±HH[[:]mm]]]', expression: dialect.fullMatch(f, ISO_TEXT) },
    )
    parts.push({ name: `${f}_epoch`, comment: 'epoch milliseconds text: the digits without sign and leading zeros', expression: `CASE WHEN ${f}_is_epoch THEN ltrim(ltrim(${f}, '-'), '0') END` })
    digits.push(
      { name: `${f}_year`, expression: `CASE WHEN ${iso} THEN ${part(1, 4)} END` },
      { name: `${f}_month`, expression: `CASE WHEN ${iso} THEN ${part(6, 2)} END` },
      { name: `${f}_day`, expression: `CASE WHEN ${iso} THEN ${part(9, 2)} END` },
      { name: `${f}_hour`, expression: `CASE WHEN ${iso} AND length(${f}) > 10 THEN ${part(12, 2)} END` },
      { name: `${f}_minute`, expression: `CASE WHEN ${iso} AND length(${f}) > 10 THEN ${part(15, 2)} END` },
      { name: `${f}_second`, expression: `CASE WHEN ${iso} AND substr(${f}, 17, 1) = ':' THEN ${part(18, 2)} END` },
      { name: `${f}_fraction`, expression: `CASE WHEN ${iso} AND substr(${f}, 20, 1) IN ('.', ',') THEN ${dialect.capture(f, '^.{20}([0-9]+)', 1)} END` },
      { name: `${f}_offset`, comment: '±HH, ±HHmm or ±HH:mm (Z is no offset)', expression: `CASE WHEN ${iso} AND length(${f}) > 16 THEN ${dialect.capture(f, '([+-][0-9]{2}(:?[0-9]{2})?)$', 1)} END` },
    )
    const y = `${f}_year`
    const m = `${f}_month`
    const d = `${f}_day`
    // The offset's hours and minutes: ±HH, ±HHmm or ±HH:mm.
    const offsetHours = `CAST(substr(${f}_offset, 2, 2) AS INTEGER)`
    const offsetMinutes = `CAST(NULLIF(substr(replace(${f}_offset, ':', ''), 4, 2), '') AS INTEGER)`
    const daysInMonth = `CASE WHEN ${m} = 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`
    // Days since 1970-01-01 as timestamps.ts counts them (H. Hinnant's days_from_civil), in
    // years that start on 1 March, 400 years later so that every division has non-negative
    // operands (146097 days are 400 years).
    const year = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END + 400)`
    const div = (a: string, b: number) => dialect.intDiv(a, String(b))
    values.push(
      {
        name: `${f}_days`,
        comment: 'a valid ISO 8601 date: days since 1970-01-01',
        expression: [
          `CASE WHEN ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonth}`,
          `  AND COALESCE(${f}_hour <= 23 AND ${f}_minute <= 59, TRUE) AND COALESCE(${f}_second <= 59, TRUE)`,
          `  AND COALESCE(${offsetHours} <= 23, TRUE) AND COALESCE(${offsetMinutes} <= 59, TRUE)`,
          `  THEN 365 * ${year} + ${div(year, 4)} - ${div(year, 100)} + ${div(year, 400)}`,
          `    + ${div(`153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2`, 5)} + ${d} - 1 - ${719468 + 146097}`,
          'END',
        ].join('\n'),
      },
      {
        name: `${f}_clock_ms`,
        comment: 'milliseconds into that day (the fraction truncated to milliseconds), less the offset',
        expression:
          `COALESCE(${f}_hour, 0) * 3600000 + COALESCE(${f}_minute, 0) * 60000 + COALESCE(${f}_second, 0) * 1000` +
          ` + COALESCE(CAST(rpad(left(${f}_fraction, 3), 3, '0') AS INTEGER), 0)` +
          ` - CASE WHEN left(${f}_offset, 1) = '-' THEN -1 ELSE 1 END * (COALESCE(${offsetHours}, 0) * 60 + COALESCE(${offsetMinutes}, 0)) * 60000`,
      },
    )
    // Casts read only text they can hold: a query must not fail on one odd CRM value.
    const epochValue = `CAST(CASE WHEN length(${f}_epoch) <= 16 THEN ${f}_epoch END AS BIGINT)`
    times.push({
      name: `${f}_ms`,
      comment: `${quoteIdentifier(slot.key)} as epoch milliseconds, else NULL`,
      expression: [
        'CASE',
        `  WHEN ${f}_epoch IS NOT NULL THEN CASE`,
        `    WHEN ${f}_epoch = '' THEN CAST(0 AS BIGINT)`,
        `    WHEN length(${f}_epoch) > 16 THEN NULL`,
        `    WHEN ${epochValue} > 8640000000000000 THEN NULL`,
        `    WHEN ${f}_minus THEN -${epochValue}`,
        `    ELSE ${epochValue}`,
        '  END',
        `  ELSE CAST(${f}_days AS BIGINT) * 86400000 + ${f}_clock_ms`,
        'END',
      ].join('\n'),
    })
    if (slot.property) {
      // A JSON number is epoch milliseconds as it stands (a fraction too), as the engine reads a number value.
      const ms = times[times.length - 1]
      ms.expression = [
        'CASE',
        `  WHEN ${f}_kind = 'number' THEN CASE WHEN ${f}_number >= -8640000000000000 AND ${f}_number <= 8640000000000000 THEN ${f}_number END`,
        `  ELSE CAST(${ms.expression.split('\n').join('\n  ')} AS DOUBLE PRECISION)`,
        'END',
      ].join('\n')
    }
  }

  private activityCtes(): string[][] {
    const { dialect, config } = this
    const rules = this.activityRules()
    const fastTracks = this.activityFastTracks()
    const types = [...new Set([...rules.map((a) => a.rule.activity), ...fastTracks.map((a) => a.rule.activity)])]
    const ages = [
      'activity_ages AS (',
      '  -- The activities the rules count, with their age in milliseconds (an activity after as_of is age 0).',
      '  SELECT lead_id, activity_type, CASE WHEN age_ms < 0 THEN 0 ELSE age_ms END AS age_ms',
      '  FROM (',
      // An infinite timestamp has no age (PostgreSQL would fail to convert it).
      `    SELECT a."lead_id" AS lead_id, a."type" AS activity_type, CAST(p.as_of_ms - CASE WHEN isfinite(a."at") THEN ${dialect.epochMs('a."at"')} END AS DOUBLE PRECISION) AS age_ms`,
      '    FROM activities AS a',
      '    CROSS JOIN params AS p',
      `    WHERE a."type" IN (${types.map((type) => dialect.text(type)).join(', ')})`,
      '  ) AS dated',
      ...fence(this.dialect),
      ')',
    ]
    const halfLife = config.engagement.halfLifeDays
    const columns: Column[] = [{ name: 'lead_id', expression: 'lead_id' }]
    for (const { rule, column } of rules) {
      const windowMs = rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS
      // An unreadable date (NULL) fails every window, even an unlimited one, as in the engine.
      const window = Number.isFinite(windowMs) ? `age_ms <= ${num(windowMs)}` : 'age_ms IS NOT NULL'
      // points × 0.5^(ageMs / DAY_MS / halfLifeDays), evaluated in the engine's order.
      let earned = halfLife === null ? num(rule.points) : `${num(rule.points)} * power(CAST(0.5 AS DOUBLE PRECISION), age_ms / ${DAY_MS} / ${num(halfLife)})`
      const negligibleAfterMs = halfLife === null ? Infinity : negligibleAgeMs(rule.points, halfLife)
      if (negligibleAfterMs < Math.min(MAX_AGE_MS, windowMs)) {
        // PostgreSQL raises an error when power() or * underflows; this old, the points are below
        // 2^-1000 of a point (the engine's own value differs from 0 by less than that).
        earned = `CASE WHEN age_ms > ${num(negligibleAfterMs)} THEN 0 ELSE ${earned} END`
      }
      const within = rule.withinDays === undefined ? '' : ` within ${rule.withinDays} days`
      const decay = halfLife === null ? '' : `, halving every ${halfLife} days`
      const cap = rule.maxPoints === undefined ? '' : `, total capped at ±${rule.maxPoints}`
      columns.push({
        name: `${column}_total`,
        comment: `${ruleComment(rule.id, rule.label)}: ${rule.points} points per ${comment(rule.activity)}${within}${decay}${cap}; NULL when none counts`,
        expression: `SUM(CASE WHEN activity_type = ${dialect.text(rule.activity)} AND ${window} THEN ${earned} END)`,
      })
    }
    for (const { rule, column } of fastTracks) {
      columns.push({
        name: `${column}_any`,
        comment: `${ruleComment(rule.id, rule.label)}: any ${comment(rule.activity)}, whatever its date`,
        expression: `bool_or(activity_type = ${dialect.text(rule.activity)})`,
      })
    }
    const totals = [
      'activity_totals AS (',
      '  -- Per lead: what each activity rule earned, and which fast-track activities it has (all activities of a lead in one pass).',
      '  SELECT',
      ...columnLines(columns, '    '),
      '  FROM activity_ages',
      '  GROUP BY lead_id',
      ...fence(this.dialect),
      ')',
    ]
    return [ages, totals]
  }

  /**
   * Activities the format-2 way: each activity's date and signed age, its properties normalised
   * as lead attributes are (when a `where` reads them), each `where` once per activity, then one
   * pass per lead for every activity rule, activity condition and activity fast track.
   */
  private datedActivityCtes(): string[][] {
    const { dialect } = this
    const rules = this.activityRules()
    const fastTracks = this.activityFastTracks()
    const counted = [...this.countedConditions.values()]
    const types = [...new Set([...rules.map((a) => a.rule.activity), ...fastTracks.map((a) => a.rule.activity), ...counted.flatMap((c) => c.types)])]
    const readsProperties = this.propertySlots.length > 0
    const rows = [
      'activity_rows AS (',
      '  -- The activities the rules count: epoch milliseconds and age (as_of minus at: negative after as_of); NULL when undated.',
      `  SELECT lead_id, activity_type, at_ms, CAST(as_of_ms - at_ms AS DOUBLE PRECISION) AS age_ms${readsProperties ? ', properties' : ''}`,
      '  FROM (',
      // An infinite timestamp has no age (PostgreSQL would fail to convert it).
      `    SELECT a."lead_id" AS lead_id, a."type" AS activity_type, CASE WHEN isfinite(a."at") THEN ${dialect.epochMs('a."at"')} END AS at_ms, p.as_of_ms` +
        (readsProperties ? `, ${dialect.json('a."properties"')} AS properties` : ''),
      '    FROM activities AS a',
      '    CROSS JOIN params AS p',
      `    WHERE a."type" IN (${types.map((type) => dialect.text(type)).join(', ')})`,
      '  ) AS dated',
      ...fence(this.dialect),
      ')',
    ]
    const ctes = [rows]
    let source = 'activity_rows'
    if (readsProperties) {
      const stages: Stage[] = [
        {
          name: 'activity_properties',
          comment: 'Each property a where reads: its JSON kind (string, number, boolean, other; NULL when missing or null) and its text.',
          from: 'activity_rows AS s',
          columns: this.propertySlots.flatMap((slot) => [
            { name: `${slot.name}_kind`, comment: `${quoteIdentifier(slot.key)} (${slot.type})`, expression: dialect.jsonKind('properties', slot.key) },
            { name: `${slot.name}_raw`, expression: dialect.jsonText('properties', slot.key) },
          ]),
        },
        {
          name: 'activity_text',
          comment: 'Each property as text: text trimmed (NULL when blank), a number as written, true/false; NULL otherwise.',
          from: 'activity_properties AS s',
          columns: this.propertySlots.map((slot) => ({
            name: slot.name,
            expression: `CASE WHEN ${slot.name}_kind = 'string' THEN ${trimmedText(dialect, `${slot.name}_raw`)} WHEN ${slot.name}_kind IN ('number', 'boolean') THEN ${slot.name}_raw END`,
          })),
        },
      ]
      this.normalisationStages(stages, this.propertySlots, 'activity')
      ctes.push(...stages.map((stage) => this.stageCte(stage)))
      source = stages[stages.length - 1].name
    }
    // A where may read no property at all ({ all: [] }).
    if (this.whereColumns.size > 0) {
      const columns: Column[] = ['lead_id', 'activity_type', 'at_ms', 'age_ms'].map((name) => ({ name, expression: `v.${name}` }))
      for (const where of this.whereColumns.values()) columns.push({ name: where.name, expression: this.condition(where.condition, where.scope) })
      ctes.push([
        'activity_checks AS (',
        '  -- Each where once per activity: TRUE or FALSE (never NULL).',
        '  SELECT',
        ...columnLines(columns, '    '),
        `  FROM ${source} AS v`,
        '  CROSS JOIN params AS p',
        ...fence(this.dialect),
        ')',
      ])
      source = 'activity_checks'
    }

    const halfLife = this.config.engagement.halfLifeDays
    const columns: Column[] = [{ name: 'lead_id', expression: 'lead_id' }]
    for (const { rule, column, index } of rules) {
      const where = this.ruleWheres.get(index)
      const time = rule.time ?? 'any'
      const ruleHalfLife = rule.halfLifeDays === undefined ? halfLife : rule.halfLifeDays
      const tests = [`activity_type = ${dialect.text(rule.activity)}`, ...windowTests(rule, false), ...(where ? [where] : [])]
      let earned: string
      if (time === 'future' || ruleHalfLife === null) {
        // A future activity is age 0: full points.
        earned = num(rule.points)
      } else {
        // past: the window keeps ages >= 0; any: an activity after as_of is age 0.
        const age = time === 'past' ? 'age_ms' : '(CASE WHEN age_ms < 0 THEN 0 ELSE age_ms END)'
        earned = `${num(rule.points)} * power(CAST(0.5 AS DOUBLE PRECISION), ${age} / ${DAY_MS} / ${num(ruleHalfLife)})`
        const windowMs = rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS
        const negligibleAfterMs = negligibleAgeMs(rule.points, ruleHalfLife)
        if (negligibleAfterMs < Math.min(MAX_AGE_MS, windowMs)) earned = `CASE WHEN age_ms > ${num(negligibleAfterMs)} THEN 0 ELSE ${earned} END`
      }
      columns.push({
        name: `${column}_total`,
        comment: `${ruleComment(rule.id, rule.label)}: ${rule.points} points per ${comment(rule.activity)}${describeWindow(rule)}${where ? ', matching its where' : ''}${
          ruleHalfLife === null || time === 'future' ? '' : `, halving every ${ruleHalfLife} days`
        }${rule.maxPoints === undefined ? '' : `, total capped at ±${rule.maxPoints}`}; NULL when none counts`,
        expression: `SUM(CASE WHEN ${tests.join(' AND ')} THEN ${earned} END)`,
      })
    }
    for (const { condition, name, types: conditionTypes, where } of counted) {
      const typeTest = conditionTypes.length === 1 ? `activity_type = ${dialect.text(conditionTypes[0])}` : `activity_type IN (${conditionTypes.map((type) => dialect.text(type)).join(', ')})`
      const tests = [typeTest, ...windowTests(condition, true), ...(where ? [where] : [])]
      columns.push({
        name,
        comment: `how many activities of type ${comment(conditionTypes.join(', '))}${describeWindow(condition)}${where ? ', matching its where' : ''} count (an activity condition; it holds from ${condition.minCount ?? 1})`,
        expression: `count(CASE WHEN ${tests.join(' AND ')} THEN 1 END)`,
      })
    }
    for (const { rule, column } of fastTracks) {
      const type = `activity_type = ${dialect.text(rule.activity)}`
      if (rule.withinDays === undefined) {
        columns.push({ name: `${column}_any`, comment: `${ruleComment(rule.id, rule.label)}: any ${comment(rule.activity)}, whatever its date`, expression: `bool_or(${type})` })
      } else {
        const windowMs = rule.withinDays * DAY_MS
        const dated = Number.isFinite(windowMs) ? `COALESCE(age_ms <= ${num(windowMs)}, FALSE)` : 'age_ms IS NOT NULL'
        columns.push({
          name: `${column}_any`,
          comment: `${ruleComment(rule.id, rule.label)}: a ${comment(rule.activity)} no older than ${rule.withinDays} days (a future one too; not an undated one)`,
          expression: `bool_or(${type} AND ${dated})`,
        })
      }
    }
    ctes.push([
      'activity_totals AS (',
      '  -- Per lead: what each activity rule earned, how many activities each activity condition counts, which fast tracks hold (all activities of a lead in one pass).',
      '  SELECT',
      ...columnLines(columns, '    '),
      `  FROM ${source}`,
      '  GROUP BY lead_id',
      ...fence(this.dialect),
      ')',
    ])
    return ctes
  }

  private checksCte(leadValues: string): string[] {
    const { config } = this
    const columns: Column[] = [{ name: 'lead_id', expression: 'v.lead_id' }]
    config.fit.rules.forEach((rule, i) => {
      columns.push({ name: `fit_${i + 1}`, comment: `fit ${ruleComment(rule.id, rule.label)} (${signed(rule.points)})`, expression: this.condition(rule.when) })
    })
    config.engagement.rules.forEach((rule, i) => {
      const name = `eng_${i + 1}`
      if ('when' in rule) {
        columns.push({ name, comment: `engagement ${ruleComment(rule.id, rule.label)} (${signed(rule.points)})`, expression: this.condition(rule.when) })
      } else {
        const total = `a.${name}_total`
        const expression =
          rule.maxPoints === undefined
            ? total
            : `CASE WHEN ${total} > ${num(rule.maxPoints)} THEN ${num(rule.maxPoints)} WHEN ${total} < ${num(-rule.maxPoints)} THEN ${num(-rule.maxPoints)} ELSE ${total} END`
        columns.push({ name, comment: `engagement ${ruleComment(rule.id, rule.label)}: points earned, NULL when no activity counts`, expression })
      }
    })
    config.disqualifiers.forEach((rule, i) => {
      columns.push({ name: `dq_${i + 1}`, comment: `disqualifier ${ruleComment(rule.id, rule.label)}`, expression: this.condition(rule.when) })
    })
    config.required.forEach((key, i) => {
      columns.push({ name: `missing_${i + 1}`, comment: `required ${quoteIdentifier(key)} is absent`, expression: `v.${this.slotFor(key).name} IS NULL` })
    })
    config.fastTrack.forEach((rule, i) => {
      const name = `ft_${i + 1}`
      const expression = 'when' in rule ? this.condition(rule.when) : `COALESCE(a.${name}_any, FALSE)`
      columns.push({ name, comment: `fast track ${ruleComment(rule.id, rule.label)}`, expression })
    })
    config.sql.criteria.forEach((rule, i) => {
      columns.push({ name: `sql_${i + 1}`, comment: `SQL criterion ${ruleComment(rule.id, rule.label)}`, expression: this.condition(rule.when) })
    })
    const from = [`${leadValues} AS v`, '  CROSS JOIN params AS p']
    if (this.usesActivities()) from.push('  LEFT JOIN activity_totals AS a ON a.lead_id = v.lead_id')
    return ['checks AS (', '  -- Every rule once per lead: TRUE or FALSE (never NULL), or the points an activity rule earned.', '  SELECT', ...columnLines(columns, '    '), `  FROM ${from.join('\n')}`, ...fence(this.dialect), ')']
  }

  private totalsCte(): string[] {
    const { config, dialect } = this
    // Doubles added in rule order, as the engine adds them, so the sums agree to the last bit.
    const fit = ['CAST(0 AS DOUBLE PRECISION)', ...config.fit.rules.map((rule, i) => `CASE WHEN fit_${i + 1} THEN ${num(rule.points)} ELSE 0 END`)]
    const engagement = [
      'CAST(0 AS DOUBLE PRECISION)',
      ...config.engagement.rules.map((rule, i) => ('when' in rule ? `CASE WHEN eng_${i + 1} THEN ${num(rule.points)} ELSE 0 END` : `COALESCE(eng_${i + 1}, 0)`)),
    ]
    const any = (prefix: string, count: number) => (count === 0 ? 'FALSE' : range(count).map((i) => `${prefix}_${i + 1}`).join(' OR '))
    // Most leads hold none of these: the list is only built when one holds.
    const ids = (prefix: string, ids: string[]) =>
      ids.length === 0
        ? dialect.textList([])
        : `CASE WHEN ${any(prefix, ids.length)} THEN ${dialect.textList(ids.map((id, i) => `CASE WHEN ${prefix}_${i + 1} THEN ${dialect.text(id)} END`))} ELSE ${dialect.textList([])} END`
    const sqlMet = config.sql.criteria.length === 0 ? '0' : config.sql.criteria.map((_, i) => `CASE WHEN sql_${i + 1} THEN 1 ELSE 0 END`).join(' + ')
    const columns: Column[] = [
      { name: 'lead_id', expression: 'lead_id' },
      { name: 'fit_points', expression: fit.join('\n  + ') },
      { name: 'engagement_points', expression: engagement.join('\n  + ') },
      { name: 'disqualified', expression: any('dq', config.disqualifiers.length) },
      { name: 'missing_required', expression: any('missing', config.required.length) },
      { name: 'fast_tracked', expression: any('ft', config.fastTrack.length) },
      { name: 'sql_met_count', expression: sqlMet },
      { name: 'disqualified_by', expression: ids('dq', config.disqualifiers.map((rule) => rule.id)) },
      { name: 'fast_track', expression: ids('ft', config.fastTrack.map((rule) => rule.id)) },
      { name: 'missing', expression: ids('missing', config.required) },
      { name: 'sql_met', expression: ids('sql', config.sql.criteria.map((rule) => rule.id)) },
    ]
    const required = this.requiredCriteria()
    if (required.length > 0) columns.push({ name: 'sql_required_met', comment: 'every required SQL criterion holds', expression: required.map((i) => `sql_${i + 1}`).join(' AND ') })
    return ['totals AS (', '  -- Points per axis before clamping, and the stage inputs.', '  SELECT', ...columnLines(columns, '    '), '  FROM checks', ...fence(this.dialect), ')']
  }

  private scoredCte(): string[] {
    const { config } = this
    const clamp = (points: string, max: number) => `CASE WHEN ${points} < 0 THEN 0 WHEN ${points} > ${num(max)} THEN ${num(max)} ELSE ${points} END`
    const columns: Column[] = [
      { name: 'lead_id', expression: 'lead_id' },
      { name: 'fit', comment: `clamped to [0, ${config.fit.max}]`, expression: clamp('fit_points', config.fit.max) },
      { name: 'engagement', comment: `clamped to [0, ${config.engagement.max}]`, expression: clamp('engagement_points', config.engagement.max) },
      ...['disqualified', 'missing_required', 'fast_tracked', 'sql_met_count', 'disqualified_by', 'fast_track', 'missing', 'sql_met'].map((name) => ({ name, expression: name })),
    ]
    if (this.requiredCriteria().length > 0) columns.push({ name: 'sql_required_met', expression: 'sql_required_met' })
    return ['scored AS (', '  SELECT', ...columnLines(columns, '    '), '  FROM totals', ...fence(this.dialect), ')']
  }

  /** Indexes of the SQL criteria marked required (format 2). */
  private requiredCriteria(): number[] {
    return this.config.sql.criteria.flatMap((criterion, i) => (criterion.required ? [i] : []))
  }

  private gradeExpression(): string {
    const { config, dialect } = this
    const grades = [...config.grades].sort((a, b) => b.minFit - a.minFit)
    return grades.length === 0 ? 'CAST(NULL AS TEXT)' : ['CASE', ...grades.map((g) => `  WHEN fit >= ${num(g.minFit)} THEN ${dialect.text(g.grade)}`), 'END'].join('\n')
  }

  /** Format 2: grade and engagement band once per lead, which the priority reads. */
  private gradedCte(): string[] {
    const { config, dialect } = this
    // Bands are strictly descending: the first one reached is the highest.
    const bands = config.engagement.bands ?? []
    const band = bands.length === 0 ? 'CAST(NULL AS TEXT)' : ['CASE', ...bands.map((b) => `  WHEN engagement >= ${num(b.minEngagement)} THEN ${dialect.text(b.band)}`), 'END'].join('\n')
    const columns: Column[] = [
      { name: 'grade', comment: 'the highest grade whose minFit <= fit', expression: this.gradeExpression() },
      { name: 'band', comment: 'the first engagement band whose minEngagement <= engagement', expression: band },
    ]
    return ['graded AS (', '  SELECT', '    s.*,', ...columnLines(columns, '    '), '  FROM scored AS s', ...fence(this.dialect), ')']
  }

  private finalSelect() {
    const { config, dialect } = this
    const grade = this.gradeExpression()
    const required = this.requiredCriteria().length > 0 ? ' AND sql_required_met' : ''
    const qualifies = config.sql.criteria.length === 0 ? "'mql'" : `CASE WHEN sql_met_count >= ${config.sql.minMet}${required} THEN 'sql' ELSE 'mql' END`
    const stage = [
      'CASE',
      "  WHEN disqualified THEN 'disqualified'",
      "  WHEN missing_required THEN 'lead'",
      `  WHEN fit >= ${num(config.mql.minFit)} AND (engagement >= ${num(config.mql.minEngagement)} OR fast_tracked) THEN ${qualifies}`,
      "  ELSE 'lead'",
      'END',
    ].join('\n')
    const lists = ['disqualified_by', 'fast_track', 'missing', 'sql_met'].map((name) => ({ name, expression: name }))
    const scores = ['lead_id', 'fit', 'engagement'].map((name) => ({ name, expression: name }))
    let columns: Column[]
    if (this.version === 1) {
      columns = [...scores, { name: 'grade', comment: 'the highest grade whose minFit <= fit', expression: grade }, { name: 'stage', expression: stage }, ...lists]
    } else {
      const cells = config.priorities ?? []
      const priority =
        cells.length === 0
          ? 'CAST(NULL AS TEXT)'
          : ['CASE', ...cells.map((cell) => `  WHEN grade = ${dialect.text(cell.grade)} AND band = ${dialect.text(cell.band)} THEN ${dialect.text(cell.priority)}`), 'END'].join('\n')
      columns = [
        ...scores,
        { name: 'grade', expression: 'grade' },
        { name: 'band', expression: 'band' },
        { name: 'priority', comment: 'the priorities entry for grade and band', expression: priority },
        { name: 'stage', expression: stage },
        ...lists,
      ]
    }
    this.line('SELECT')
    for (const line of columnLines(columns, '  ')) this.line(line)
    this.line(this.version === 1 ? 'FROM scored' : 'FROM graded')
    this.line('ORDER BY lead_id;')
  }

  // ---------------------------------------------------------------- conditions

  /** A condition as a boolean expression that is never NULL, so NOT gives its exact complement. */
  private condition(condition: Condition, scope?: PropertyScope): string {
    if ('all' in condition) {
      if (condition.all.length === 0) return 'TRUE'
      return condition.all.length === 1 ? this.condition(condition.all[0], scope) : `(${condition.all.map((c) => this.condition(c, scope)).join(' AND ')})`
    }
    if ('any' in condition) {
      if (condition.any.length === 0) return 'FALSE'
      return condition.any.length === 1 ? this.condition(condition.any[0], scope) : `(${condition.any.map((c) => this.condition(c, scope)).join(' OR ')})`
    }
    if ('not' in condition) return `(NOT ${this.condition(condition.not, scope)})`
    if ('activity' in condition) {
      // Counted per lead in activity_totals; a lead without activities has no row there.
      const counted = this.registerCounted(condition)
      return `COALESCE(a.${counted.name}, 0) >= ${condition.minCount ?? 1}`
    }
    return this.fieldCondition(condition, scope)
  }

  /** A condition on a lead attribute, or (with a scope, inside `where`) on a property of the activity. */
  private fieldCondition(condition: FieldCondition, scope?: PropertyScope): string {
    const { dialect } = this
    const slot = scope ? this.propertySlotFor(condition.field, scope.get(condition.field)!) : this.slotFor(condition.field)
    const f = `v.${slot.name}`
    const holds = (expression: string) => `COALESCE(${expression}, FALSE)`
    const not = (expression: string) => `(NOT ${expression})`
    // On an absent value the positive operators are FALSE, so their negations are TRUE (DESIGN §5).
    // A property holding a JSON object or array is present but has no text, number or date (as in the engine).
    const present = slot.property ? `(${f}_kind IS NOT NULL AND (${f} IS NOT NULL OR ${f}_kind = 'other'))` : `${f} IS NOT NULL`
    switch (condition.op) {
      case 'present':
        return present
      case 'absent':
        return slot.property ? not(present) : `${f} IS NULL`
      case 'eq':
        return this.equality(slot, [condition.value])
      case 'neq':
        return not(this.equality(slot, [condition.value]))
      case 'in':
        return this.equality(slot, condition.value)
      case 'notIn':
        return not(this.equality(slot, condition.value))
      case 'contains':
      case 'notContains':
      case 'startsWith':
      case 'endsWith': {
        const text = slot.property ? propertyText(slot) : slot.numberText ? `${f}_js` : `${f}_text`
        const value = likeEscape(this.ruleText(condition.value, slot.type))
        const pattern = condition.op === 'startsWith' ? `${value}%` : condition.op === 'endsWith' ? `%${value}` : `%${value}%`
        const like = holds(`${text} LIKE ${dialect.text(pattern)} ESCAPE '!'`)
        return condition.op === 'notContains' ? not(like) : like
      }
      case 'gt':
        return holds(`${f}_number > ${num(condition.value)}`)
      case 'gte':
        return holds(`${f}_number >= ${num(condition.value)}`)
      case 'lt':
        return holds(`${f}_number < ${num(condition.value)}`)
      case 'lte':
        return holds(`${f}_number <= ${num(condition.value)}`)
      case 'between':
        return holds(`${f}_number BETWEEN ${num(condition.value[0])} AND ${num(condition.value[1])}`)
      case 'emailDomainIn':
      case 'emailDomainNotIn': {
        const domains = [...new Set(condition.value.map(normaliseDomain))]
        const positive = holds(`${f}_domain IN (${domains.map((domain) => dialect.text(domain)).join(', ')})`)
        return condition.op === 'emailDomainIn' ? positive : not(positive)
      }
      case 'withinDays': {
        // A future date has a negative age and holds; an invalid date is NULL and does not.
        const windowMs = condition.value * DAY_MS
        if (!Number.isFinite(windowMs)) return `${f}_ms IS NOT NULL`
        return holds(`CAST(p.as_of_ms - ${f}_ms AS DOUBLE PRECISION) <= ${num(windowMs)}`)
      }
      // Format 2: false on an absent or invalid date (NULL), unlike NOT withinDays.
      case 'before':
        return holds(`${f}_ms < ${num(parseConfigDate(condition.value))}`)
      case 'after':
        return holds(`${f}_ms > ${num(parseConfigDate(condition.value))}`)
      case 'olderThanDays': {
        const windowMs = condition.value * DAY_MS
        if (!Number.isFinite(windowMs)) return 'FALSE'
        return holds(`CAST(p.as_of_ms - ${f}_ms AS DOUBLE PRECISION) > ${num(windowMs)}`)
      }
    }
  }

  /**
   * Equality with normalised rule values. On a number field a lead's numeric text is compared as
   * the number it writes ("50.0" = 50) and other text as lower-cased text: a rule value that is a
   * number's shortest text can only equal the former, any other value only the latter.
   */
  private equality(slot: Slot, values: (string | number | boolean)[]): string {
    const { dialect } = this
    const f = `v.${slot.name}`
    const texts = [...new Set(values.map((value) => this.ruleText(value, slot.type)))]
    if (slot.property) {
      // The property's text is already the engine's normalised text (a JSON number in its shortest form).
      const text = propertyText(slot)
      if (texts.length === 1) return `COALESCE(${text} = ${dialect.text(texts[0])}, FALSE)`
      return `COALESCE(${text} IN (${texts.map((value) => dialect.text(value)).join(', ')}), FALSE)`
    }
    const numbers: number[] = []
    const others: string[] = []
    for (const text of texts) {
      const n = slot.type === 'number' ? canonicalNumber(text) : null
      if (n === null) others.push(text)
      else numbers.push(n)
    }
    const tests: string[] = []
    if (numbers.length === 1) tests.push(`${f}_number = ${num(numbers[0])}`)
    else if (numbers.length > 1) tests.push(`${f}_number IN (${numbers.map(num).join(', ')})`)
    if (others.length === 1) tests.push(`${f}_text = ${dialect.text(others[0])}`)
    else if (others.length > 1) tests.push(`${f}_text IN (${others.map((text) => dialect.text(text)).join(', ')})`)
    return `COALESCE(${tests.join(' OR ')}, FALSE)`
  }

  private line(text: string) {
    this.lines.push(text)
  }
}

/**
 * A property's normalised text, as the engine compares it: a JSON number (and numeric text on a
 * number property) in JavaScript's shortest form, anything else lower-cased.
 */
function propertyText(slot: Slot): string {
  const f = `v.${slot.name}`
  return slot.type === 'number' ? `${f}_js` : `CASE WHEN ${f}_kind = 'number' THEN ${f}_js ELSE ${f}_text END`
}

/** The characters JavaScript's trim removes, as one constant text expression the database folds once. */
function whitespaceCharacters(): string {
  return JS_WHITESPACE_CODE_POINTS.map((code) => `chr(${code})`).join(' || ')
}

/**
 * Text trimmed as JavaScript trims it, NULL when nothing is left. Trimming a set of Unicode
 * characters is slow in both databases, so text whose first and last characters are printable
 * (none of them whitespace) skips it: almost every CRM value.
 */
function trimmedText(dialect: Dialect, text: string): string {
  return `NULLIF(CASE WHEN ${dialect.printableEnds(text)} THEN ${text} ELSE ${dialect.trim(text, whitespaceCharacters())} END, '')`
}

/**
 * Ends each step of the query. PostgreSQL inlines a CTE used once into the query that uses it, so
 * an expression used by several later ones would be copied into each, and evaluated again and
 * again, step after step (an export once took minutes on 200,000 leads). OFFSET 0 keeps each step
 * a step of its own, computed once a row, without writing it aside as MATERIALIZED would. DuckDB
 * computes each column once however often later steps read it, and runs the query faster without
 * fences (about a sixth on the bench's leads, on two threads): its steps have none.
 */
function fence(dialect: Dialect): string[] {
  return dialect.fences ? ['  OFFSET 0'] : []
}

/**
 * The tests an activity must pass to be counted, on the columns of activity_rows (DESIGN §5,
 * format 2): `past` is at <= as_of, `future` at > as_of (withinDays ahead), `any` both (withinDays
 * limits the past only); since <= at <= until. An undated activity (NULL) passes only when nothing
 * is asked of its date and `undatedCounts` (activity conditions; activity rules never count it).
 */
function windowTests(window: ActivityWindow, undatedCounts: boolean): string[] {
  const time = window.time ?? 'any'
  if (time === 'any' && window.withinDays === undefined && window.since === undefined && window.until === undefined) return undatedCounts ? [] : ['age_ms IS NOT NULL']
  const tests: string[] = []
  const windowMs = window.withinDays === undefined ? Infinity : window.withinDays * DAY_MS
  if (time === 'past') tests.push('age_ms >= 0')
  if (time === 'future') tests.push('age_ms < 0')
  if (Number.isFinite(windowMs)) tests.push(time === 'future' ? `age_ms >= ${num(-windowMs)}` : `age_ms <= ${num(windowMs)}`)
  if (window.since !== undefined) tests.push(`at_ms >= ${num(parseConfigDate(window.since))}`)
  if (window.until !== undefined) tests.push(`at_ms <= ${num(parseConfigDate(window.until))}`)
  if (tests.length === 0) tests.push('age_ms IS NOT NULL')
  return tests
}

/** A window in words, for a column comment. */
function describeWindow(window: ActivityWindow): string {
  const parts: string[] = []
  if (window.time === 'past') parts.push('in the past')
  if (window.time === 'future') parts.push('in the future')
  if (window.withinDays !== undefined) parts.push(`within ${window.withinDays} days`)
  if (window.since !== undefined) parts.push(`since ${window.since}`)
  if (window.until !== undefined) parts.push(`until ${window.until}`)
  return parts.length === 0 ? '' : ` ${comment(parts.join(', '))}`
}

/** The number whose shortest text `text` is, or null: "50" → 50, "50.0" and "abc" → null. */
function canonicalNumber(text: string): number | null {
  const n = toFiniteNumber(text)
  return Number.isNaN(n) || String(n) !== text ? null : n
}

/** A domain as a rule lists it: "@Gmail.com " compares as "gmail.com" (normalise.ts). */
function normaliseDomain(domain: string): string {
  const text = domain.trim().toLowerCase()
  return text.startsWith('@') ? text.slice(1) : text
}

/** A LIKE pattern that matches `value` literally, with ! as the escape character. */
function likeEscape(value: string): string {
  return value.replace(/[!%_]/g, '!$&')
}

/**
 * A number literal that the database reads as exactly this double: whole numbers as they are
 * (exact in any numeric type), others through text, which both databases round correctly
 * (a DECIMAL literal would be converted by division, which can round differently).
 */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`)
  if (Number.isSafeInteger(value)) return String(value)
  return `CAST('${String(value)}' AS DOUBLE PRECISION)`
}

function signed(points: number): string {
  return points >= 0 ? `+${points}` : String(points)
}

/** Text for a `--` comment: a line break would end the comment and let the rest run as SQL. */
function comment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
}

function ruleComment(id: string, label: string): string {
  return `${comment(id)} "${comment(label)}"`
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i)
}

/** Column lines of a SELECT; continuation lines of an expression keep their indent relative to it. */
function columnLines(columns: Column[], indent: string): string[] {
  const lines: string[] = []
  columns.forEach((column, i) => {
    if (column.comment) lines.push(`${indent}-- ${comment(column.comment)}`)
    const alias = column.expression === column.name ? '' : ` AS ${column.name}`
    const text = `${column.expression}${alias}${i < columns.length - 1 ? ',' : ''}`
    for (const line of text.split('\n')) lines.push(`${indent}${line}`)
  })
  return lines
}
