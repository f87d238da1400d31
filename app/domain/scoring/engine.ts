import type {
  ActivityCondition,
  Condition,
  Contribution,
  FieldType,
  Lead,
  LeadActivity,
  ScoreResult,
  ScoringConfig,
  Stage,
  TimeDirection,
} from './config-schema'
import { ruleConditions } from './config-schema'
import { forEachFieldCondition, generateScorer, type GeneratedScore, type GeneratedScorer } from './generate'
import { createSlotTable, type SlotTable, type Test } from './slots'
import { DAY_MS, MAX_EPOCH_MS, parseConfigDate, parseTimestamp } from './timestamps'
import { parseScoringConfig, type ConfigError } from './validate'

/** A config that failed validation; `errors` say where and why. */
export class ScoringConfigError extends Error {
  readonly errors: ConfigError[]
  constructor(errors: ConfigError[]) {
    super(`Invalid scoring config:\n${errors.map((e) => `  ${e.message}`).join('\n')}`)
    this.name = 'ScoringConfigError'
    this.errors = errors
  }
}

/** When a lead is scored: a Date, epoch milliseconds or ISO 8601 text (UTC without an offset). */
export type AsOf = Date | string | number

/**
 * How much of the explanation a result carries: every rule's contribution (`all`, the default),
 * only the rules that matched (`matched`), or none (`none`: scores, grade, stage and the lists of
 * disqualifiers, fast tracks and missing fields only). Scores are the same whichever is asked.
 */
export const EXPLAIN_MODES = ['all', 'matched', 'none'] as const
export type Explain = (typeof EXPLAIN_MODES)[number]

export interface CompileOptions {
  /**
   * Whether to generate one JavaScript function per config and explanation mode (generate.ts: the
   * fast path, default true). Where the platform refuses to evaluate code, or with false, the
   * scorer runs on closures: the same results, more slowly.
   */
  generateCode?: boolean
}

export interface CompiledScoring {
  /** The validated config this scorer was compiled from. */
  readonly config: ScoringConfig
  /** Whether this scorer runs generated code (see CompileOptions), once it has scored a lead in a mode. */
  readonly generated: boolean
  /**
   * Scores one lead as of `asOf` (default: now). Throws a RangeError for an invalid asOf. With
   * `explain` other than `all`, `contributions` holds only the matched rules, or is empty (one
   * shared, frozen list: the scores-only path allocates no contribution at all), and the lists of
   * ids (disqualifiedBy, fastTrack, missing, sqlMet) are read-only: shared and frozen, made once
   * per set of rules that can hold, so that scoring allocates nothing but the result.
   */
  score(lead: Lead, asOf?: AsOf, explain?: Explain): ScoreResult
  /**
   * Scores one lead for counting (the back-test): the result of `score` with explain `none`, and
   * in `matched` one byte per rule, 1 when it held and 0 when not, in the order fit rules,
   * engagement rules, disqualifiers, fast tracks, SQL criteria (`ruleCount` bytes). Allocates no
   * contribution.
   */
  scoreMatches(lead: Lead, asOfMs: number, matched: Uint8Array): ScoreResult
  /** How many rules `scoreMatches` marks. */
  readonly ruleCount: number
}

/**
 * Resolves `asOf` to epoch milliseconds. This is the only place the scoring engine reads the
 * clock: a caller that names no moment means "now" (DESIGN §5). Everything below takes the
 * moment as an argument.
 */
function resolveAsOf(asOf: AsOf | undefined): number {
  if (asOf === undefined) return Date.now()
  const ms = parseTimestamp(asOf)
  if (Number.isNaN(ms)) throw new RangeError(`asOf is not a valid timestamp: ${String(asOf)}`)
  return ms
}

const EMPTY_RECORD: Record<string, unknown> = Object.freeze({})
const NO_ACTIVITIES: readonly LeadActivity[] = Object.freeze([])

/** What a scores-only result carries where nothing is listed: shared, so it costs no allocation. */
const NOTHING: never[] = Object.freeze([]) as never[]

/** Time directions, as numbers for the activity loops. */
const ANY = 0
const PAST = 1
const FUTURE = 2
const TIME_CODES: Record<TimeDirection, number> = { any: ANY, past: PAST, future: FUTURE }

/**
 * Compiles a scoring config (DESIGN §5, format 2 in docs/scoring-format-2.md) into a scorer. The
 * config is validated first (a ScoringConfigError lists every problem). Conditions become closures
 * over rule values that are normalised once, here (sets, or arrays for short lists). Per lead, each
 * attribute a rule reads is normalised once into a slot that every rule then reads, and each
 * activity date is parsed once; beyond that, scoring allocates only its result (and, for format 2's
 * `where`, the normalised text of the activity properties it reads).
 *
 * On first use of an explanation mode, the scorer generates one JavaScript function for it from
 * the config (generate.ts, ADR 016): the same semantics written out inline, about twice as fast.
 * The closures stay, for format 2's activity conditions and windows (which the generated code
 * calls) and wherever code cannot be generated.
 *
 * The slots (and the generated code's remembered values) are scratch state shared by all calls of
 * one scorer. Scoring is synchronous, so one scorer can still serve every request of a process.
 */
export function compile(input: ScoringConfig, options: CompileOptions = {}): CompiledScoring {
  const parsed = parseScoringConfig(input)
  if (!parsed.ok) throw new ScoringConfigError(parsed.errors)
  const config = parsed.config
  const fieldTypes = new Map(config.fields.map((field) => [field.key, field.type]))
  let asOfMs = 0
  const asOf = () => asOfMs

  // Activities: each lead's activity types and dates are read once into these buffers.
  const activityIndex = new Map(config.activities.map((activity, i) => [activity.key, i]))
  let currentActivities: readonly LeadActivity[] = NO_ACTIVITIES
  let activityCount = 0
  let activityTypes = new Int32Array(16)
  let activityTimes = new Float64Array(16)
  let needsActivities = false

  /** A format-2 window on activity dates, in epoch milliseconds. */
  interface ActivityWindow {
    time: number
    windowMs: number
    sinceMs: number
    untilMs: number
  }
  function windowOf(spec: { time?: TimeDirection; withinDays?: number; since?: string; until?: string }): ActivityWindow {
    return {
      time: TIME_CODES[spec.time ?? 'any'],
      windowMs: spec.withinDays === undefined ? Infinity : spec.withinDays * DAY_MS,
      sinceMs: spec.since === undefined ? -Infinity : parseConfigDate(spec.since),
      untilMs: spec.until === undefined ? Infinity : parseConfigDate(spec.until),
    }
  }
  /**
   * Whether activity j is dated inside a window: any — no older than the window (a future one
   * holds); past — at or before asOf and no older; future — after asOf and no further ahead than
   * the window. Then since ≤ at ≤ until. An undated activity (NaN) fails every comparison.
   */
  function inWindow(j: number, w: ActivityWindow): boolean {
    const at = activityTimes[j]
    const ageMs = asOfMs - at
    if (w.time === ANY) {
      if (!(ageMs <= w.windowMs)) return false
    } else if (w.time === PAST) {
      if (!(ageMs >= 0 && ageMs <= w.windowMs)) return false
    } else if (!(ageMs < 0 && -ageMs <= w.windowMs)) return false
    return at >= w.sinceMs && at <= w.untilMs
  }

  /** Property types of the given activity types (the first declaration of a key wins; validation keeps them equal). */
  function propertyTypeOf(activities: readonly string[]): (key: string) => FieldType {
    const types = new Map<string, FieldType>()
    for (const key of activities) {
      const declared = config.activities.find((activity) => activity.key === key)?.properties ?? []
      for (const property of declared) if (!types.has(property.key)) types.set(property.key, property.type)
    }
    return (key) => types.get(key) ?? 'string'
  }
  /** A `where`: a condition over one activity's properties, with slots of its own. */
  function compileWhere(where: Condition, activities: readonly string[]): (j: number) => boolean {
    const table = createSlotTable(propertyTypeOf(activities), asOf)
    forEachFieldCondition(where, (condition) => table.registerNeeds(condition))
    table.seal()
    const test = compileCondition(where, table)
    return (j) => {
      table.load(currentActivities[j]!.properties ?? EMPTY_RECORD)
      return test()
    }
  }

  /** Format 2's activity condition: at least minCount activities of these types, matching where, in the window. */
  function compileActivityCondition(condition: ActivityCondition): Test {
    needsActivities = true
    const keys = Array.isArray(condition.activity) ? condition.activity : [condition.activity]
    const counted = new Uint8Array(config.activities.length)
    for (const key of keys) counted[activityIndex.get(key)!] = 1
    const minCount = condition.minCount ?? 1
    const dated = (condition.time !== undefined && condition.time !== 'any') || condition.withinDays !== undefined || condition.since !== undefined || condition.until !== undefined
    const window = windowOf(condition)
    const where = condition.where ? compileWhere(condition.where, keys) : null
    return () => {
      let count = 0
      for (let j = 0; j < activityCount; j++) {
        const type = activityTypes[j]
        if (type < 0 || counted[type] === 0) continue
        if (dated && !inWindow(j, window)) continue
        if (where !== null && !where(j)) continue
        if (++count >= minCount) return true
      }
      return false
    }
  }

  // Pass 1: which attributes are read, and in which forms.
  const attributes = createSlotTable((key) => fieldTypes.get(key)!, asOf)
  const conditions = ruleConditions(config)
  for (const condition of conditions) forEachFieldCondition(condition, (field) => attributes.registerNeeds(field))
  const requiredSlots = config.required.map((key) => attributes.slotFor(key))
  attributes.seal()

  // Pass 2: conditions become closures.
  function compileCondition(condition: Condition, table: SlotTable): Test {
    if ('all' in condition) {
      const tests = condition.all.map((inner) => compileCondition(inner, table))
      if (tests.length === 1) return tests[0]
      if (tests.length === 2) {
        const [first, second] = tests
        return () => first() && second()
      }
      return () => {
        for (let i = 0; i < tests.length; i++) if (!tests[i]()) return false
        return true
      }
    }
    if ('any' in condition) {
      const tests = condition.any.map((inner) => compileCondition(inner, table))
      if (tests.length === 1) return tests[0]
      if (tests.length === 2) {
        const [first, second] = tests
        return () => first() || second()
      }
      return () => {
        for (let i = 0; i < tests.length; i++) if (tests[i]()) return true
        return false
      }
    }
    if ('not' in condition) {
      const inner = compileCondition(condition.not, table)
      return () => !inner()
    }
    if ('activity' in condition) return compileActivityCondition(condition)
    return table.compile(condition)
  }

  function loadActivities(activities: readonly LeadActivity[]) {
    const count = activities.length
    if (count > activityTypes.length) {
      const size = Math.max(count, activityTypes.length * 2)
      activityTypes = new Int32Array(size)
      activityTimes = new Float64Array(size)
    }
    currentActivities = activities
    activityCount = count
    for (let j = 0; j < count; j++) {
      const activity = activities[j]
      const index = activity == null ? undefined : activityIndex.get(activity.type)
      if (index === undefined) {
        activityTypes[j] = -1
        continue
      }
      activityTypes[j] = index
      // An unreadable date stays NaN: the activity is undated and counts for nothing that needs
      // its date (an activity fast track without withinDays holds "whatever its date").
      activityTimes[j] = parseTimestamp(activity.at)
    }
  }

  interface CompiledRule {
    id: string
    label: string
    axis: 'fit' | 'engagement'
    points: number
    test: Test | null
    activity: number
    window: ActivityWindow
    /** The half-life of this rule's decay in days, or null for none. */
    halfLifeDays: number | null
    where: ((j: number) => boolean) | null
    maxPoints: number
  }
  const modelHalfLife = config.engagement.halfLifeDays
  const noWindow = windowOf({})
  const fitRules: CompiledRule[] = config.fit.rules.map((rule) => ({
    id: rule.id,
    label: rule.label,
    axis: 'fit',
    points: rule.points,
    test: compileCondition(rule.when, attributes),
    activity: -1,
    window: noWindow,
    halfLifeDays: null,
    where: null,
    maxPoints: Infinity,
  }))
  const engagementRules: CompiledRule[] = config.engagement.rules.map((rule) =>
    'activity' in rule
      ? {
          id: rule.id,
          label: rule.label,
          axis: 'engagement',
          points: rule.points,
          test: null,
          activity: activityIndex.get(rule.activity)!,
          window: windowOf(rule),
          halfLifeDays: rule.halfLifeDays === undefined ? modelHalfLife : rule.halfLifeDays,
          where: rule.where ? compileWhere(rule.where, [rule.activity]) : null,
          maxPoints: rule.maxPoints ?? Infinity,
        }
      : {
          id: rule.id,
          label: rule.label,
          axis: 'engagement',
          points: rule.points,
          test: compileCondition(rule.when, attributes),
          activity: -1,
          window: noWindow,
          halfLifeDays: null,
          where: null,
          maxPoints: Infinity,
        },
  )
  const disqualifiers = config.disqualifiers.map((rule) => ({ id: rule.id, test: compileCondition(rule.when, attributes) }))
  const fastTracks = config.fastTrack.map((rule) =>
    'activity' in rule
      ? { id: rule.id, test: null, activity: activityIndex.get(rule.activity)!, windowMs: rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS }
      : { id: rule.id, test: compileCondition(rule.when, attributes), activity: -1, windowMs: Infinity },
  )
  const sqlCriteria = config.sql.criteria.map((rule) => ({ id: rule.id, test: compileCondition(rule.when, attributes), required: rule.required === true }))
  if (engagementRules.some((rule) => rule.activity >= 0) || fastTracks.some((rule) => rule.activity >= 0)) needsActivities = true
  const requiredKeys = config.required
  const fitMax = config.fit.max
  const engagementMax = config.engagement.max
  const { minFit, minEngagement } = config.mql
  const minMet = config.sql.minMet
  const hasSqlCriteria = sqlCriteria.length > 0
  const contributionCount = fitRules.length + engagementRules.length
  // Highest threshold first: the first grade whose minFit ≤ fit is the highest one.
  const grades = [...config.grades].sort((a, b) => b.minFit - a.minFit)
  // Format 2: bands are validated strictly descending, so the first one reached is the band.
  const bands = config.engagement.bands ?? []
  // priorityOf[grade][band]: the priority of each cell (grades sorted as above), or null.
  const priorityOf = grades.map((grade) =>
    bands.map((band) => config.priorities?.find((entry) => entry.grade === grade.grade && entry.band === band.band)?.priority ?? null),
  )

  /** Points one activity rule earns: decayed points of each counted activity, capped at ±maxPoints; NaN when none counted. */
  function scoreActivityRule(rule: CompiledRule): number {
    let total = 0
    let counted = false
    const { windowMs, time } = rule.window
    const plain = time === ANY && rule.window.sinceMs === -Infinity && rule.window.untilMs === Infinity && rule.where === null
    const halfLifeDays = rule.halfLifeDays
    for (let j = 0; j < activityCount; j++) {
      if (activityTypes[j] !== rule.activity) continue
      // Activities after asOf count as age 0. NaN (undated) fails the window test even when the window is Infinity.
      const diffMs = asOfMs - activityTimes[j]
      if (plain) {
        if (!(diffMs <= windowMs)) continue
      } else if (!inWindow(j, rule.window) || (rule.where !== null && !rule.where(j))) continue
      const ageMs = diffMs < 0 ? 0 : diffMs
      // The same expression as DESIGN §5 writes it, so that results match other implementations bit for bit.
      total += rule.points * (halfLifeDays === null ? 1 : Math.pow(0.5, ageMs / DAY_MS / halfLifeDays))
      counted = true
    }
    if (!counted) return NaN
    if (total > rule.maxPoints) return rule.maxPoints
    if (total < -rule.maxPoints) return -rule.maxPoints
    return total
  }

  /** An activity fast track: any activity of the type (undated too), or with a window one no older than it (a future one holds). */
  function hasActivity(activity: number, windowMs: number): boolean {
    if (windowMs === Infinity) {
      for (let j = 0; j < activityCount; j++) if (activityTypes[j] === activity) return true
      return false
    }
    for (let j = 0; j < activityCount; j++) if (activityTypes[j] === activity && asOfMs - activityTimes[j] <= windowMs) return true
    return false
  }

  function gradeIndexFor(fit: number): number {
    for (let i = 0; i < grades.length; i++) if (grades[i].minFit <= fit) return i
    return -1
  }

  function bandIndexFor(engagement: number): number {
    for (let i = 0; i < bands.length; i++) if (bands[i].minEngagement <= engagement) return i
    return -1
  }

  // The fast path (generate.ts), one generated function per explanation mode, made on first use.
  // A platform that refuses `new Function` (a Content-Security-Policy) leaves the closures below.
  let generationWorks = options.generateCode !== false
  const generatedScorers: (GeneratedScorer | undefined)[] = [undefined, undefined, undefined, undefined]
  const plan = {
    config,
    typeOf: (key: string) => fieldTypes.get(key)!,
    activityIndex,
    grades,
    bands,
    priorityOf,
    activityTest: (condition: ActivityCondition) => compileActivityCondition(condition),
    activityRuleTotal: (ruleIndex: number) => {
      const rule = engagementRules[ruleIndex]!
      return () => scoreActivityRule(rule)
    },
    nothing: NOTHING,
  }
  const MODES = ['all', 'matched', 'none', 'flags'] as const
  /** The generated scores-only function once made, when it reads the lead's activities itself (score's shortcut). */
  let scoresOnly: GeneratedScore | undefined
  function generatedScorer(mode: 0 | 1 | 2 | 3): GeneratedScorer | undefined {
    const existing = generatedScorers[mode]
    if (existing !== undefined || !generationWorks) return existing
    try {
      const generated = (generatedScorers[mode] = generateScorer(plan, MODES[mode]))
      if (mode === 2 && generated.readsActivities) scoresOnly = generated.score
      return generated
    } catch (error) {
      if (!(error instanceof EvalError)) throw error
      generationWorks = false
      return undefined
    }
  }

  function score(lead: Lead, asOf?: AsOf, explain: Explain = 'all'): ScoreResult {
    // Epoch milliseconds in range (what the CLI, the back-test and the bench pass), without a call.
    asOfMs = typeof asOf === 'number' && asOf >= -MAX_EPOCH_MS && asOf <= MAX_EPOCH_MS ? asOf : resolveAsOf(asOf)
    // Scores only from a generated scorer that reads its own activities: nothing else to do.
    if (explain === 'none' && scoresOnly !== undefined) return scoresOnly(lead.attributes ?? EMPTY_RECORD, asOfMs, activityTypes, activityTimes, 0, lead.activities ?? NO_ACTIVITIES)
    if (generationWorks) {
      const generated = generatedScorer(explain === 'all' ? 0 : explain === 'matched' ? 1 : 2)
      if (generated !== undefined) {
        const activities = lead.activities ?? NO_ACTIVITIES
        if (needsActivities && !generated.readsActivities) loadActivities(activities)
        return generated.score(lead.attributes ?? EMPTY_RECORD, asOfMs, activityTypes, activityTimes, activityCount, activities)
      }
    }
    attributes.load(lead.attributes ?? EMPTY_RECORD)
    if (needsActivities) loadActivities(lead.activities ?? NO_ACTIVITIES)
    const all = explain === 'all'
    const matchedOnly = explain === 'matched'
    // Explanations are built only when asked for; the scores-only path below allocates none.
    const contributions: Contribution[] = all ? new Array<Contribution>(contributionCount) : matchedOnly ? [] : NOTHING

    let fitSum = 0
    for (let i = 0; i < fitRules.length; i++) {
      const rule = fitRules[i]
      const matched = rule.test!()
      if (matched) fitSum += rule.points
      if (all) contributions[i] = { ruleId: rule.id, label: rule.label, axis: 'fit', points: matched ? rule.points : 0, matched }
      else if (matchedOnly && matched) contributions.push({ ruleId: rule.id, label: rule.label, axis: 'fit', points: rule.points, matched })
    }
    let engagementSum = 0
    for (let i = 0; i < engagementRules.length; i++) {
      const rule = engagementRules[i]
      let points: number
      let matched: boolean
      if (rule.test === null) {
        const total = scoreActivityRule(rule)
        matched = total === total
        points = matched ? total : 0
      } else {
        matched = rule.test()
        points = matched ? rule.points : 0
      }
      if (matched) engagementSum += points
      if (all) contributions[fitRules.length + i] = { ruleId: rule.id, label: rule.label, axis: 'engagement', points, matched }
      else if (matchedOnly && matched) contributions.push({ ruleId: rule.id, label: rule.label, axis: 'engagement', points, matched })
    }
    const fit = clamp(fitSum, fitMax)
    const engagement = clamp(engagementSum, engagementMax)

    // Lists start as the shared empty one (outside `all`, whose results callers may keep and change).
    let disqualifiedBy: string[] = all ? [] : NOTHING
    for (let i = 0; i < disqualifiers.length; i++) {
      if (disqualifiers[i].test()) (disqualifiedBy === NOTHING ? (disqualifiedBy = []) : disqualifiedBy).push(disqualifiers[i].id)
    }
    let missing: string[] = all ? [] : NOTHING
    for (let i = 0; i < requiredSlots.length; i++) {
      if (attributes.isAbsent(requiredSlots[i])) (missing === NOTHING ? (missing = []) : missing).push(requiredKeys[i])
    }
    let fastTrack: string[] = all ? [] : NOTHING
    for (let i = 0; i < fastTracks.length; i++) {
      const rule = fastTracks[i]
      if (rule.test === null ? hasActivity(rule.activity, rule.windowMs) : rule.test()) (fastTrack === NOTHING ? (fastTrack = []) : fastTrack).push(rule.id)
    }
    let sqlMet: string[] = all ? [] : NOTHING
    let requiredFailed = false
    for (let i = 0; i < sqlCriteria.length; i++) {
      const criterion = sqlCriteria[i]
      if (criterion.test()) (sqlMet === NOTHING ? (sqlMet = []) : sqlMet).push(criterion.id)
      else if (criterion.required) requiredFailed = true
    }

    const stage = decideStage(
      disqualifiedBy.length > 0,
      missing.length > 0,
      fit >= minFit && (engagement >= minEngagement || fastTrack.length > 0),
      hasSqlCriteria && sqlMet.length >= minMet && !requiredFailed,
    )
    const gradeIndex = gradeIndexFor(fit)
    const bandIndex = bandIndexFor(engagement)
    return {
      fit,
      engagement,
      grade: gradeIndex < 0 ? null : grades[gradeIndex].grade,
      band: bandIndex < 0 ? null : bands[bandIndex].band,
      priority: gradeIndex < 0 || bandIndex < 0 ? null : priorityOf[gradeIndex][bandIndex],
      stage,
      contributions,
      disqualifiedBy,
      fastTrack,
      missing,
      sqlMet,
    }
  }

  // scoreMatches on closures: each rule's byte read off the full explanation, in rule order.
  const ruleCount = fitRules.length + engagementRules.length + disqualifiers.length + fastTracks.length + sqlCriteria.length
  function markMatches(result: ScoreResult, matched: Uint8Array) {
    let r = 0
    for (const contribution of result.contributions) matched[r++] = contribution.matched ? 1 : 0
    for (const rule of disqualifiers) matched[r++] = result.disqualifiedBy.includes(rule.id) ? 1 : 0
    for (const rule of fastTracks) matched[r++] = result.fastTrack.includes(rule.id) ? 1 : 0
    for (const rule of sqlCriteria) matched[r++] = result.sqlMet.includes(rule.id) ? 1 : 0
  }

  function scoreMatches(lead: Lead, asOf: number, matched: Uint8Array): ScoreResult {
    if (matched.length < ruleCount) throw new RangeError(`scoreMatches needs ${ruleCount} bytes, not ${matched.length}`)
    if (generationWorks) {
      const generated = generatedScorer(3)
      if (generated !== undefined) {
        asOfMs = resolveAsOf(asOf)
        const activities = lead.activities ?? NO_ACTIVITIES
        if (needsActivities && !generated.readsActivities) loadActivities(activities)
        return generated.score(lead.attributes ?? EMPTY_RECORD, asOfMs, activityTypes, activityTimes, activityCount, activities, matched)
      }
    }
    const result = score(lead, asOf, 'all')
    markMatches(result, matched)
    return { ...result, contributions: NOTHING }
  }

  return {
    config,
    get generated() {
      return generationWorks && generatedScorers.some((scorer) => scorer !== undefined)
    },
    score,
    scoreMatches,
    ruleCount,
  }
}

function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value
}

/**
 * DESIGN §5, in order: any disqualifier wins; a missing required field keeps a lead a lead; then a
 * lead that fits and is engaged (or fast-tracked) is an MQL, or an SQL once enough SQL criteria hold.
 */
export function decideStage(disqualified: boolean, missingRequired: boolean, isMql: boolean, qualifiesForSql: boolean): Stage {
  if (disqualified) return 'disqualified'
  if (missingRequired) return 'lead'
  if (!isMql) return 'lead'
  return qualifiesForSql ? 'sql' : 'mql'
}
