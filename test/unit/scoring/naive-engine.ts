import type { Condition, Contribution, Lead, ScoringConfig, Stage } from '~/domain/scoring'

/**
 * A second implementation of DESIGN §5, written from the text and nothing else: it walks the
 * config's JSON for every lead, re-normalises every value every time and parses dates with
 * regular expressions. It is slow on purpose and shares no code with the engine, so that the
 * property test comparing the two catches a mistake in either.
 */

const DAY = 24 * 60 * 60 * 1000

export interface NaiveResult {
  fit: number
  engagement: number
  grade: string | null
  stage: Stage
  /** Every fit rule then every engagement rule, in config order (DESIGN §5). */
  contributions: Contribution[]
  disqualifiedBy: string[]
  fastTrack: string[]
  missing: string[]
  sqlMet: string[]
}

export function naiveScore(config: ScoringConfig, lead: Lead, asOf: number): NaiveResult {
  const attributes = lead.attributes ?? {}
  const activities = lead.activities ?? []
  const typeOf = (key: string) => config.fields.find((f) => f.key === key)!.type
  const contributions: Contribution[] = []

  let fitSum = 0
  for (const rule of config.fit.rules) {
    const matched = holds(rule.when, attributes, typeOf, asOf)
    const points = matched ? rule.points : 0
    contributions.push({ ruleId: rule.id, label: rule.label, axis: 'fit', points, matched })
    fitSum += points
  }
  const fit = Math.min(Math.max(fitSum, 0), config.fit.max)

  let engagementSum = 0
  for (const rule of config.engagement.rules) {
    if ('when' in rule) {
      const matched = holds(rule.when, attributes, typeOf, asOf)
      const points = matched ? rule.points : 0
      contributions.push({ ruleId: rule.id, label: rule.label, axis: 'engagement', points, matched })
      engagementSum += points
      continue
    }
    let total = 0
    let counted = 0
    for (const activity of activities) {
      if (activity.type !== rule.activity) continue
      const at = timestampOf(activity.at)
      if (Number.isNaN(at)) continue
      const ageMs = Math.max(0, asOf - at)
      if (rule.withinDays !== undefined && ageMs > rule.withinDays * DAY) continue
      const ageDays = ageMs / DAY
      const halfLife = config.engagement.halfLifeDays
      total += halfLife === null ? rule.points : rule.points * Math.pow(0.5, ageDays / halfLife)
      counted++
    }
    if (rule.maxPoints !== undefined) total = Math.min(rule.maxPoints, Math.max(-rule.maxPoints, total))
    // An activity rule matched when at least one activity counted, even one worth 0 points.
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

  const disqualifiedBy = config.disqualifiers.filter((d) => holds(d.when, attributes, typeOf, asOf)).map((d) => d.id)
  const missing = config.required.filter((key) => !Object.hasOwn(attributes, key) || isAbsent(attributes[key]))
  const fastTrack = config.fastTrack
    .filter((f) => ('activity' in f ? activities.some((a) => a.type === f.activity) : holds(f.when, attributes, typeOf, asOf)))
    .map((f) => f.id)
  const sqlMet = config.sql.criteria.filter((c) => holds(c.when, attributes, typeOf, asOf)).map((c) => c.id)

  let stage: Stage
  if (disqualifiedBy.length > 0) stage = 'disqualified'
  else if (missing.length > 0) stage = 'lead'
  else if (fit >= config.mql.minFit && (engagement >= config.mql.minEngagement || fastTrack.length > 0)) {
    stage = config.sql.criteria.length > 0 && sqlMet.length >= config.sql.minMet ? 'sql' : 'mql'
  } else stage = 'lead'

  return { fit, engagement, grade, stage, contributions, disqualifiedBy, fastTrack, missing, sqlMet }
}

function holds(condition: Condition, attributes: Record<string, unknown>, typeOf: (key: string) => string, asOf: number): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, attributes, typeOf, asOf))
  if ('any' in condition) return condition.any.some((c) => holds(c, attributes, typeOf, asOf))
  if ('not' in condition) return !holds(condition.not, attributes, typeOf, asOf)
  if ('activity' in condition) throw new Error('format 1 has no activity conditions (test/support/naive-format-2.ts reads format 2)')

  const raw = Object.hasOwn(attributes, condition.field) ? attributes[condition.field] : undefined
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
    default:
      throw new Error(`format 1 has no operator "${condition.op}" (test/support/naive-format-2.ts reads format 2)`)
  }
}

export function domainIn(text: string | null, domains: string[]): boolean {
  if (text === null || !text.includes('@')) return false
  const domain = text.split('@').pop()!
  return domains.some((d) => d.trim().toLowerCase().replace(/^@/, '') === domain)
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0)
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

export function textOf(value: unknown, type: string): string | null {
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return String(value).toLowerCase()
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (type === 'number' && DECIMAL.test(trimmed) && Number.isFinite(Number(trimmed))) return String(Number(trimmed))
    return trimmed.toLowerCase()
  }
  return null
}

export function numberOf(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim())
  return NaN
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/

export function timestampOf(value: unknown): number {
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
