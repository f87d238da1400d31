import type { Condition, Contribution, Lead, ScoringConfig, Stage } from '~/domain/scoring'

/**
 * A second implementation of scoring, written from the words of docs/scoring-format-2.md and
 * DESIGN §5 (what format 1 already said), not from the engine: it walks the config's JSON for
 * every lead, re-reads every value every time, parses dates with a regular expression, and
 * states each window the way the text does ("asOf − N days ≤ at ≤ asOf"). Format 2 is a superset
 * of format 1, so this one reading serves both formats. Slow on purpose; it shares no code with
 * the engine. The property tests (both formats) hold the engine to it, and the CLI/API test the
 * other JavaScript paths; the SQL export's tests may too.
 */

const DAY = 86_400_000

export interface NaiveResultV2 {
  fit: number
  engagement: number
  grade: string | null
  band: string | null
  priority: string | null
  stage: Stage
  contributions: Contribution[]
  disqualifiedBy: string[]
  fastTrack: string[]
  missing: string[]
  sqlMet: string[]
}

interface Window {
  time?: 'past' | 'future' | 'any'
  withinDays?: number
  since?: string
  until?: string
}

/** A config date: YYYY-MM-DD is midnight UTC, a date-time without an offset is UTC. */
function configDate(text: string): number {
  return timestampOf(text)
}

/** Is an activity dated `at` inside the window, as format2.md's "Dates" section says? */
function inWindow(at: number, window: Window, asOf: number): boolean {
  if (Number.isNaN(at)) return false
  const time = window.time ?? 'any'
  const n = window.withinDays
  if (time === 'past') {
    if (!(at <= asOf)) return false
    if (n !== undefined && !(asOf - n * DAY <= at)) return false
  } else if (time === 'future') {
    if (!(at > asOf)) return false
    if (n !== undefined && !(at <= asOf + n * DAY)) return false
  } else if (n !== undefined && !(asOf - n * DAY <= at)) return false
  if (window.since !== undefined && !(configDate(window.since) <= at)) return false
  if (window.until !== undefined && !(at <= configDate(window.until))) return false
  return true
}

function hasDateConstraint(window: Window): boolean {
  return (window.time !== undefined && window.time !== 'any') || window.withinDays !== undefined || window.since !== undefined || window.until !== undefined
}

export function naiveScoreV2(config: ScoringConfig, lead: Lead, asOf: number): NaiveResultV2 {
  const attributes = lead.attributes ?? {}
  const activities = lead.activities ?? []
  const fieldType = (key: string) => config.fields.find((f) => f.key === key)!.type
  /** The type a property key has on the given activity types (validation gives it one). */
  const propertyType = (types: string[]) => (key: string) => {
    for (const type of types) {
      const found = config.activities.find((a) => a.key === type)?.properties?.find((p) => p.key === key)
      if (found) return found.type
    }
    return 'string'
  }

  /** A `where` over one activity's properties: a property missing on the activity is absent. */
  const matchesWhere = (where: Condition | undefined, activity: Lead['activities'] extends (infer A)[] | undefined ? A : never, types: string[]) =>
    where === undefined || holds(where, activity.properties ?? {}, propertyType(types))

  function countActivities(condition: Window & { activity: string | string[]; where?: Condition }): number {
    const types = Array.isArray(condition.activity) ? condition.activity : [condition.activity]
    const dated = hasDateConstraint(condition)
    let count = 0
    for (const activity of activities) {
      if (!types.includes(activity.type)) continue
      // "An undated activity counts only when the condition has no date constraint at all."
      if (dated && !inWindow(timestampOf(activity.at), condition, asOf)) continue
      if (!matchesWhere(condition.where, activity, types)) continue
      count++
    }
    return count
  }

  function holds(condition: Condition, record: Record<string, unknown>, typeOf: (key: string) => string): boolean {
    if ('all' in condition) return condition.all.every((c) => holds(c, record, typeOf))
    if ('any' in condition) return condition.any.some((c) => holds(c, record, typeOf))
    if ('not' in condition) return !holds(condition.not, record, typeOf)
    if ('activity' in condition) return countActivities(condition) >= (condition.minCount ?? 1)

    const raw = Object.hasOwn(record, condition.field) ? record[condition.field] : undefined
    const type = typeOf(condition.field)
    if (isAbsent(raw)) return ['absent', 'neq', 'notIn', 'notContains', 'emailDomainNotIn'].includes(condition.op)
    const text = textOf(raw, type)
    const number = numberOf(raw)
    switch (condition.op) {
      case 'eq':
        return text !== null && text === textOf(condition.value, type)
      case 'neq':
        return !(text !== null && text === textOf(condition.value, type))
      case 'in':
        return text !== null && condition.value.some((v) => textOf(v, type) === text)
      case 'notIn':
        return !(text !== null && condition.value.some((v) => textOf(v, type) === text))
      case 'contains':
        return text !== null && text.indexOf(textOf(condition.value, type)!) >= 0
      case 'notContains':
        return !(text !== null && text.indexOf(textOf(condition.value, type)!) >= 0)
      case 'startsWith':
        return text !== null && text.slice(0, textOf(condition.value, type)!.length) === textOf(condition.value, type)
      case 'endsWith': {
        const suffix = textOf(condition.value, type)!
        return text !== null && text.length >= suffix.length && text.slice(text.length - suffix.length) === suffix
      }
      case 'gt':
        return Number.isFinite(number) && number > condition.value
      case 'gte':
        return Number.isFinite(number) && number >= condition.value
      case 'lt':
        return Number.isFinite(number) && number < condition.value
      case 'lte':
        return Number.isFinite(number) && number <= condition.value
      case 'between':
        return Number.isFinite(number) && number >= condition.value[0] && number <= condition.value[1]
      case 'present':
        return true
      case 'absent':
        return false
      case 'emailDomainIn':
        return domainIn(text, condition.value)
      case 'emailDomainNotIn':
        return !domainIn(text, condition.value)
      case 'withinDays': {
        const at = timestampOf(raw)
        return !Number.isNaN(at) && asOf - at <= condition.value * DAY
      }
      // "false on an absent or invalid date"
      case 'before': {
        const at = timestampOf(raw)
        return !Number.isNaN(at) && at < configDate(condition.value)
      }
      case 'after': {
        const at = timestampOf(raw)
        return !Number.isNaN(at) && at > configDate(condition.value)
      }
      case 'olderThanDays': {
        // "strictly more than N days before asOf (exactly N days: false)"
        const at = timestampOf(raw)
        return !Number.isNaN(at) && at < asOf - condition.value * DAY
      }
    }
  }
  const onLead = (condition: Condition) => holds(condition, attributes, fieldType)

  const contributions: Contribution[] = []
  let fitSum = 0
  for (const rule of config.fit.rules) {
    const matched = onLead(rule.when)
    contributions.push({ ruleId: rule.id, label: rule.label, axis: 'fit', points: matched ? rule.points : 0, matched })
    if (matched) fitSum += rule.points
  }
  const fit = Math.min(Math.max(fitSum, 0), config.fit.max)

  let engagementSum = 0
  for (const rule of config.engagement.rules) {
    if ('when' in rule) {
      const matched = onLead(rule.when)
      contributions.push({ ruleId: rule.id, label: rule.label, axis: 'engagement', points: matched ? rule.points : 0, matched })
      if (matched) engagementSum += rule.points
      continue
    }
    const halfLife = rule.halfLifeDays !== undefined ? rule.halfLifeDays : config.engagement.halfLifeDays
    let total = 0
    let counted = 0
    for (const activity of activities) {
      if (activity.type !== rule.activity) continue
      const at = timestampOf(activity.at)
      // An activity rule never counts an undated activity.
      if (!inWindow(at, rule, asOf)) continue
      if (!matchesWhere(rule.where, activity, [rule.activity])) continue
      // A future activity is age 0: full points.
      const ageDays = Math.max(0, asOf - at) / DAY
      total += halfLife === null ? rule.points : rule.points * Math.pow(0.5, ageDays / halfLife)
      counted++
    }
    if (rule.maxPoints !== undefined) total = Math.min(rule.maxPoints, Math.max(-rule.maxPoints, total))
    contributions.push({ ruleId: rule.id, label: rule.label, axis: 'engagement', points: total, matched: counted > 0 })
    engagementSum += total
  }
  const engagement = Math.min(Math.max(engagementSum, 0), config.engagement.max)

  let grade: string | null = null
  let gradeMin = -Infinity
  for (const g of config.grades) {
    if (g.minFit <= fit && g.minFit > gradeMin) {
      grade = g.grade
      gradeMin = g.minFit
    }
  }
  // "band = the first band whose minEngagement ≤ engagement" (bands descend, so the highest reached).
  let band: string | null = null
  let bandMin = -Infinity
  for (const b of config.engagement.bands ?? []) {
    if (b.minEngagement <= engagement && b.minEngagement > bandMin) {
      band = b.band
      bandMin = b.minEngagement
    }
  }
  const entry = grade === null || band === null ? undefined : (config.priorities ?? []).find((p) => p.grade === grade && p.band === band)
  const priority = entry ? entry.priority : null

  const disqualifiedBy = config.disqualifiers.filter((d) => onLead(d.when)).map((d) => d.id)
  const missing = config.required.filter((key) => !Object.hasOwn(attributes, key) || isAbsent(attributes[key]))
  const fastTrack = config.fastTrack
    .filter((f) => {
      if (!('activity' in f)) return onLead(f.when)
      if (f.withinDays === undefined) return activities.some((a) => a.type === f.activity)
      // "only activities dated no older than N days before asOf hold (a future one holds; undated ones do not)"
      return activities.some((a) => a.type === f.activity && !Number.isNaN(timestampOf(a.at)) && asOf - f.withinDays! * DAY <= timestampOf(a.at))
    })
    .map((f) => f.id)
  const met = config.sql.criteria.filter((c) => onLead(c.when))
  const sqlMet = met.map((c) => c.id)
  const requiredHold = config.sql.criteria.every((c) => !c.required || met.includes(c))

  let stage: Stage
  if (disqualifiedBy.length > 0) stage = 'disqualified'
  else if (missing.length > 0) stage = 'lead'
  else if (fit >= config.mql.minFit && (engagement >= config.mql.minEngagement || fastTrack.length > 0)) {
    stage = config.sql.criteria.length > 0 && requiredHold && sqlMet.length >= config.sql.minMet ? 'sql' : 'mql'
  } else stage = 'lead'

  return { fit, engagement, grade, band, priority, stage, contributions, disqualifiedBy, fastTrack, missing, sqlMet }
}

function domainIn(text: string | null, domains: string[]): boolean {
  if (text === null || !text.includes('@')) return false
  const domain = text.split('@').pop()!
  return domains.some((d) => d.trim().toLowerCase().replace(/^@/, '') === domain)
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0)
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

function textOf(value: unknown, type: string): string | null {
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return String(value).toLowerCase()
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (type === 'number' && DECIMAL.test(trimmed) && Number.isFinite(Number(trimmed))) return String(Number(trimmed))
    return trimmed.toLowerCase()
  }
  return null
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim())
  return NaN
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/

function timestampOf(value: unknown): number {
  const inRange = (ms: number) => (Math.abs(ms) <= 8.64e15 ? ms : NaN)
  if (typeof value === 'number') return Number.isFinite(value) ? inRange(value) : NaN
  if (value instanceof Date) return value.getTime()
  if (typeof value !== 'string') return NaN
  const text = value.trim()
  if (/^-?\d+$/.test(text)) return inRange(Number(text))
  const m = ISO.exec(text)
  if (!m) return NaN
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', , sign, oh = '0', om = '0'] = m
  if (+mo < 1 || +mo > 12 || +h > 23 || +mi > 59 || +s > 59 || +oh > 23 || +om > 59) return NaN
  const date = new Date(0)
  date.setUTCFullYear(+y, +mo - 1, +d)
  if (date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return NaN
  date.setUTCHours(+h, +mi, +s, Number((frac + '000').slice(0, 3)))
  const offset = sign ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000 : 0
  return inRange(date.getTime() - offset)
}
