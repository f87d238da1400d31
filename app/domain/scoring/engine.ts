import type {
  Condition,
  Contribution,
  FieldCondition,
  FieldType,
  Lead,
  LeadActivity,
  ScoreResult,
  ScoringConfig,
  Stage,
} from './config-schema'
import { emailDomainOf, normaliseDomain, normaliseText, numberFromText, textFromText } from './normalise'
import { DAY_MS, parseTimestamp, parseTimestampText } from './timestamps'
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

export interface CompiledScoring {
  /** The validated config this scorer was compiled from. */
  readonly config: ScoringConfig
  /**
   * Scores one lead as of `asOf` (default: now). Throws a RangeError for an invalid asOf. With
   * `explain` other than `all`, `contributions` holds only the matched rules, or is empty (one
   * shared, frozen list: the scores-only path allocates no contribution at all).
   */
  score(lead: Lead, asOf?: AsOf, explain?: Explain): ScoreResult
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

type Test = () => boolean

/** What the compiled conditions need to know about one attribute, computed once per lead. */
interface Slot {
  key: string
  type: FieldType
  inherited: boolean
  needsText: boolean
  needsNumber: boolean
  needsTime: boolean
  needsDomain: boolean
}

const EMPTY_ATTRIBUTES: Record<string, unknown> = Object.freeze({})
const NO_ACTIVITIES: readonly LeadActivity[] = Object.freeze([])
/** What a scores-only result carries where nothing is listed: shared, so it costs no allocation. */
const NOTHING: never[] = Object.freeze([]) as never[]

/**
 * Compiles a scoring config (DESIGN §5) into a scorer. The config is validated first (a
 * ScoringConfigError lists every problem). Conditions become closures over rule values that are
 * normalised once, here (sets, or arrays for short lists). Per lead, each attribute a rule reads
 * is normalised once into a slot that every rule then reads, and each activity date is parsed
 * once; beyond that, scoring allocates only its result.
 *
 * The slots are scratch state shared by all calls of one scorer. Scoring is synchronous, so one
 * scorer can still serve every request of a process.
 */
export function compile(input: ScoringConfig): CompiledScoring {
  const parsed = parseScoringConfig(input)
  if (!parsed.ok) throw new ScoringConfigError(parsed.errors)
  const config = parsed.config
  const fieldTypes = new Map(config.fields.map((field) => [field.key, field.type]))

  // Pass 1: which attributes are read, and in which forms.
  const slots: Slot[] = []
  const slotIndex = new Map<string, number>()
  function slotFor(key: string): number {
    let index = slotIndex.get(key)
    if (index === undefined) {
      index = slots.length
      // A field named like an Object.prototype member ("constructor") must not read the inherited one.
      const inherited = key in Object.prototype
      slots.push({ key, type: fieldTypes.get(key)!, inherited, needsText: false, needsNumber: false, needsTime: false, needsDomain: false })
      slotIndex.set(key, index)
    }
    return index
  }
  function registerNeeds(condition: Condition) {
    if ('all' in condition) return condition.all.forEach(registerNeeds)
    if ('any' in condition) return condition.any.forEach(registerNeeds)
    if ('not' in condition) return registerNeeds(condition.not)
    const slot = slots[slotFor(condition.field)]
    switch (condition.op) {
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between':
        slot.needsNumber = true
        break
      case 'withinDays':
        slot.needsTime = true
        break
      case 'emailDomainIn':
      case 'emailDomainNotIn':
        slot.needsText = true
        slot.needsDomain = true
        break
      case 'present':
      case 'absent':
        break
      default:
        slot.needsText = true
    }
  }
  const conditions = [
    ...config.fit.rules.map((rule) => rule.when),
    ...config.engagement.rules.flatMap((rule) => ('when' in rule ? [rule.when] : [])),
    ...config.disqualifiers.map((rule) => rule.when),
    ...config.fastTrack.flatMap((rule) => ('when' in rule ? [rule.when] : [])),
    ...config.sql.criteria.map((rule) => rule.when),
  ]
  conditions.forEach(registerNeeds)
  const requiredSlots = config.required.map(slotFor)

  // Per-lead state, filled by loadAttributes / loadActivities and read by the closures.
  const slotCount = slots.length
  const absent = new Uint8Array(slotCount)
  const texts: (string | null)[] = new Array<string | null>(slotCount).fill(null)
  const domains: (string | null)[] = new Array<string | null>(slotCount).fill(null)
  const numbers = new Float64Array(slotCount)
  const times = new Float64Array(slotCount)
  let asOfMs = 0

  function loadAttributes(attributes: Record<string, unknown>) {
    for (let s = 0; s < slotCount; s++) {
      const slot = slots[s]
      const raw = slot.inherited && !Object.hasOwn(attributes, slot.key) ? undefined : attributes[slot.key]
      if (typeof raw === 'string') {
        const trimmed = raw.trim()
        if (trimmed.length === 0) {
          clearSlot(s, 1)
          continue
        }
        absent[s] = 0
        if (slot.needsText) {
          const text = textFromText(trimmed, slot.type)
          texts[s] = text
          if (slot.needsDomain) domains[s] = emailDomainOf(text)
        }
        if (slot.needsNumber) numbers[s] = numberFromText(trimmed)
        if (slot.needsTime) times[s] = parseTimestampText(trimmed)
      } else if (typeof raw === 'number') {
        absent[s] = 0
        if (slot.needsText) {
          texts[s] = normaliseText(raw, slot.type)
          domains[s] = null
        }
        numbers[s] = Number.isFinite(raw) ? raw : NaN
        if (slot.needsTime) times[s] = parseTimestamp(raw)
      } else if (raw === undefined || raw === null) {
        clearSlot(s, 1)
      } else if (typeof raw === 'boolean') {
        clearSlot(s, 0)
        texts[s] = raw ? 'true' : 'false'
      } else {
        // Objects and arrays are present but have no text or number; a Date has a time.
        clearSlot(s, 0)
        if (slot.needsTime) times[s] = parseTimestamp(raw)
      }
    }
  }
  function clearSlot(s: number, isAbsent: 0 | 1) {
    absent[s] = isAbsent
    texts[s] = null
    domains[s] = null
    numbers[s] = NaN
    times[s] = NaN
  }

  // Pass 2: conditions become closures.
  function compileCondition(condition: Condition): Test {
    if ('all' in condition) {
      const tests = condition.all.map(compileCondition)
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
      const tests = condition.any.map(compileCondition)
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
      const inner = compileCondition(condition.not)
      return () => !inner()
    }
    return compileFieldCondition(condition)
  }

  function compileFieldCondition(condition: FieldCondition): Test {
    const s = slotIndex.get(condition.field)!
    const type = fieldTypes.get(condition.field)!
    const text = (value: string | number | boolean) => normaliseText(value, type)!
    // Negative operators are the exact complement of their positive twin: on an absent value
    // (text null) the positive one is false, so the negative one is true, as DESIGN §5 requires.
    switch (condition.op) {
      case 'eq': {
        const value = text(condition.value)
        return () => texts[s] === value
      }
      case 'neq': {
        const value = text(condition.value)
        return () => texts[s] !== value
      }
      case 'in':
      case 'notIn': {
        const positive = condition.op === 'in'
        const list = [...new Set(condition.value.map(text))]
        // A short list is scanned: comparing a few strings beats hashing a new one for a Set.
        if (list.length <= 8) {
          return () => {
            const t = texts[s]
            if (t === null) return !positive
            for (let i = 0; i < list.length; i++) if (list[i] === t) return positive
            return !positive
          }
        }
        const values = new Set(list)
        return () => {
          const t = texts[s]
          return (t !== null && values.has(t)) === positive
        }
      }
      case 'contains':
      case 'notContains': {
        const value = text(condition.value)
        const positive = condition.op === 'contains'
        return () => {
          const t = texts[s]
          return (t !== null && t.includes(value)) === positive
        }
      }
      case 'startsWith': {
        const value = text(condition.value)
        return () => {
          const t = texts[s]
          return t !== null && t.startsWith(value)
        }
      }
      case 'endsWith': {
        const value = text(condition.value)
        return () => {
          const t = texts[s]
          return t !== null && t.endsWith(value)
        }
      }
      // NaN (absent or not a number) fails every comparison.
      case 'gt': {
        const value = condition.value
        return () => numbers[s] > value
      }
      case 'gte': {
        const value = condition.value
        return () => numbers[s] >= value
      }
      case 'lt': {
        const value = condition.value
        return () => numbers[s] < value
      }
      case 'lte': {
        const value = condition.value
        return () => numbers[s] <= value
      }
      case 'between': {
        const [low, high] = condition.value
        return () => {
          const n = numbers[s]
          return n >= low && n <= high
        }
      }
      case 'present':
        return () => absent[s] === 0
      case 'absent':
        return () => absent[s] === 1
      case 'emailDomainIn':
      case 'emailDomainNotIn': {
        const positive = condition.op === 'emailDomainIn'
        const list = [...new Set(condition.value.map(normaliseDomain))]
        if (list.length <= 8) {
          return () => {
            const domain = domains[s]
            if (domain === null) return !positive
            for (let i = 0; i < list.length; i++) if (list[i] === domain) return positive
            return !positive
          }
        }
        const values = new Set(list)
        return () => {
          const domain = domains[s]
          return (domain !== null && values.has(domain)) === positive
        }
      }
      case 'withinDays': {
        // Future dates hold (a negative age); an invalid or absent date is NaN and fails.
        const windowMs = condition.value * DAY_MS
        return () => asOfMs - times[s] <= windowMs
      }
    }
  }

  // Activities: each lead's activity dates are parsed once into these buffers.
  const activityIndex = new Map(config.activities.map((activity, i) => [activity.key, i]))
  const halfLifeDays = config.engagement.halfLifeDays
  let activityCount = 0
  let activityTypes = new Int32Array(16)
  let activityAges = new Float64Array(16)

  function loadActivities(activities: readonly LeadActivity[]) {
    const count = activities.length
    if (count > activityTypes.length) {
      const size = Math.max(count, activityTypes.length * 2)
      activityTypes = new Int32Array(size)
      activityAges = new Float64Array(size)
    }
    activityCount = count
    for (let j = 0; j < count; j++) {
      const activity = activities[j]
      const index = activity == null ? undefined : activityIndex.get(activity.type)
      if (index === undefined) {
        activityTypes[j] = -1
        continue
      }
      activityTypes[j] = index
      // Activities after asOf count as age 0; an unreadable date stays NaN and counts for nothing
      // but a fast track (which holds "whatever its date").
      const ageMs = asOfMs - parseTimestamp(activity.at)
      activityAges[j] = ageMs < 0 ? 0 : ageMs
    }
  }

  interface CompiledRule {
    id: string
    label: string
    axis: 'fit' | 'engagement'
    points: number
    test: Test | null
    activity: number
    windowMs: number
    maxPoints: number
  }
  const fitRules: CompiledRule[] = config.fit.rules.map((rule) => ({
    id: rule.id,
    label: rule.label,
    axis: 'fit',
    points: rule.points,
    test: compileCondition(rule.when),
    activity: -1,
    windowMs: Infinity,
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
          windowMs: rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS,
          maxPoints: rule.maxPoints ?? Infinity,
        }
      : {
          id: rule.id,
          label: rule.label,
          axis: 'engagement',
          points: rule.points,
          test: compileCondition(rule.when),
          activity: -1,
          windowMs: Infinity,
          maxPoints: Infinity,
        },
  )
  const disqualifiers = config.disqualifiers.map((rule) => ({ id: rule.id, test: compileCondition(rule.when) }))
  const fastTracks = config.fastTrack.map((rule) =>
    'activity' in rule
      ? { id: rule.id, test: null, activity: activityIndex.get(rule.activity)! }
      : { id: rule.id, test: compileCondition(rule.when), activity: -1 },
  )
  const sqlCriteria = config.sql.criteria.map((rule) => ({ id: rule.id, test: compileCondition(rule.when) }))
  const needsActivities = engagementRules.some((rule) => rule.activity >= 0) || fastTracks.some((rule) => rule.activity >= 0)
  const requiredKeys = config.required
  const fitMax = config.fit.max
  const engagementMax = config.engagement.max
  const { minFit, minEngagement } = config.mql
  const minMet = config.sql.minMet
  const hasSqlCriteria = sqlCriteria.length > 0
  const contributionCount = fitRules.length + engagementRules.length
  // Highest threshold first: the first grade whose minFit ≤ fit is the highest one.
  const grades = [...config.grades].sort((a, b) => b.minFit - a.minFit)

  /** Points one activity rule earns: decayed points of each counted activity, capped at ±maxPoints. */
  function scoreActivityRule(rule: CompiledRule): number {
    let total = 0
    let counted = false
    for (let j = 0; j < activityCount; j++) {
      // NaN ages (unreadable dates) fail the window test even when the window is Infinity.
      if (activityTypes[j] === rule.activity) {
        const ageMs = activityAges[j]
        if (ageMs <= rule.windowMs) {
          // The same expression as DESIGN §5 writes it, so that results match other implementations bit for bit.
          total += rule.points * (halfLifeDays === null ? 1 : Math.pow(0.5, ageMs / DAY_MS / halfLifeDays))
          counted = true
        }
      }
    }
    if (!counted) return NaN
    if (total > rule.maxPoints) return rule.maxPoints
    if (total < -rule.maxPoints) return -rule.maxPoints
    return total
  }

  function hasActivity(activity: number): boolean {
    for (let j = 0; j < activityCount; j++) if (activityTypes[j] === activity) return true
    return false
  }

  function gradeFor(fit: number): string | null {
    for (let i = 0; i < grades.length; i++) if (grades[i].minFit <= fit) return grades[i].grade
    return null
  }

  function score(lead: Lead, asOf?: AsOf, explain: Explain = 'all'): ScoreResult {
    asOfMs = resolveAsOf(asOf)
    loadAttributes(lead.attributes ?? EMPTY_ATTRIBUTES)
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
      if (absent[requiredSlots[i]] === 1) (missing === NOTHING ? (missing = []) : missing).push(requiredKeys[i])
    }
    let fastTrack: string[] = all ? [] : NOTHING
    for (let i = 0; i < fastTracks.length; i++) {
      const rule = fastTracks[i]
      if (rule.test === null ? hasActivity(rule.activity) : rule.test()) (fastTrack === NOTHING ? (fastTrack = []) : fastTrack).push(rule.id)
    }
    let sqlMet: string[] = all ? [] : NOTHING
    for (let i = 0; i < sqlCriteria.length; i++) {
      if (sqlCriteria[i].test()) (sqlMet === NOTHING ? (sqlMet = []) : sqlMet).push(sqlCriteria[i].id)
    }

    const stage = decideStage(
      disqualifiedBy.length > 0,
      missing.length > 0,
      fit >= minFit && (engagement >= minEngagement || fastTrack.length > 0),
      hasSqlCriteria && sqlMet.length >= minMet,
    )
    return { fit, engagement, grade: gradeFor(fit), stage, contributions, disqualifiedBy, fastTrack, missing, sqlMet }
  }

  return { config, score }
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
