import { parseScoringConfig, type ActivityCondition, type Condition, type FieldCondition, type FieldType, type Lead, type ScoringConfig } from '~/domain/scoring'

/*
 * Random format-2 configs and leads for the SQL export's differential test (engine = DuckDB =
 * PostgreSQL), from a seeded generator so a failure can be replayed. They lean on what format 2
 * adds: activity properties of every kind (text, JSON numbers, booleans, null, missing, dates),
 * where on them, activity conditions everywhere with minCount and past/future/any windows,
 * since/until, per-rule half-lives, fast-track windows, date operators, bands, priorities and
 * required SQL criteria; activities sit on window edges (exactly N days, as_of, 1 ms after) and
 * some are undated.
 */

export const FORMAT2_AS_OF = '2026-06-01T12:00:00.000Z'
const AS_OF_MS = Date.parse(FORMAT2_AS_OF)
const DAY_MS = 86_400_000

export interface Random {
  next(): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  int(min: number, max: number): number
}

/** mulberry32 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  }
}

const FIELDS: { key: string; label: string; type: FieldType }[] = [
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'employees', label: 'Employees', type: 'number' },
  { key: 'created', label: 'Created', type: 'date' },
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'active', label: 'Active', type: 'boolean' },
]

const PROPERTIES: Record<string, { key: string; label: string; type: FieldType }[]> = {
  visit: [
    { key: 'url', label: 'URL', type: 'string' },
    { key: 'seconds', label: 'Seconds', type: 'number' },
    { key: 'when', label: 'When', type: 'date' },
    { key: 'note', label: 'Note', type: 'string' },
  ],
  meeting: [
    { key: 'completed', label: 'Completed', type: 'boolean' },
    { key: 'note', label: 'Note', type: 'string' },
    { key: 'owner', label: 'Owner', type: 'email' },
  ],
  call: [],
}
const ACTIVITY_KEYS = ['visit', 'meeting', 'call']

const TEXTS = ['acme', ' ACME ', 'CTO', 'cto', '/pricing', 'https://x.io/Pricing', '50', '50.0', ' 5e1 ', '1e21', '-0', 'true', 'TRUE', 'false', 'yes', '1,000', '0x2710', 'x@gmail.com', 'Y@Acme.IO ']
const NUMBERS = [0, 1, -1, 50, 50.5, 60, 0.1, 1e21, 100]
const DAYS = [0, 0.5, 1, 7, 14, 30, 1e6]
const CONFIG_DATES = ['2026-05-01', '2026-05-25', '2026-05-25T12:00:00', '2026-06-01T12:00:00', '2026-06-08', '2026-07-01']

/** Dates near as_of, on and one millisecond around the windows' edges, in the forms the engine reads. */
function dateAround(rng: Random): { text: string; ms: number } {
  const days = rng.pick([0, 0.5, 1, 7, 14, 30, -0.5, -1, -7, -14, -40])
  const ms = AS_OF_MS - days * DAY_MS + rng.pick([0, 0, 1, -1, 3_600_000])
  const iso = new Date(ms).toISOString()
  return { text: rng.pick([iso, iso.replace('Z', ''), String(ms), iso.slice(0, 10)]), ms }
}

function fieldCondition(rng: Random, key: string, type: FieldType): FieldCondition {
  const ops: FieldCondition['op'][] =
    type === 'number'
      ? ['eq', 'in', 'gt', 'gte', 'lt', 'between', 'present', 'absent', 'contains', 'neq']
      : type === 'date'
        ? ['withinDays', 'before', 'after', 'olderThanDays', 'present', 'startsWith']
        : type === 'email'
          ? ['emailDomainIn', 'emailDomainNotIn', 'eq', 'absent']
          : type === 'boolean'
            ? ['eq', 'neq', 'present']
            : ['eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'absent']
  const op = rng.pick(ops)
  const text = () => (type === 'boolean' ? rng.pick([true, false, 'TRUE']) : rng.pick([...TEXTS.filter((t) => t.trim() !== ''), 50, 50.5]))
  switch (op) {
    case 'eq':
    case 'neq':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
      return { field: key, op, value: text() }
    case 'in':
    case 'notIn':
      return { field: key, op, value: [text(), text()] }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { field: key, op, value: rng.pick(NUMBERS) }
    case 'between': {
      const [low, high] = [rng.pick(NUMBERS), rng.pick(NUMBERS)].sort((a, b) => a - b)
      return { field: key, op, value: [low!, high!] }
    }
    case 'present':
    case 'absent':
      return { field: key, op }
    case 'emailDomainIn':
    case 'emailDomainNotIn':
      return { field: key, op, value: [rng.pick(['gmail.com', '@Acme.io ', 'acme.io'])] }
    case 'withinDays':
    case 'olderThanDays':
      return { field: key, op, value: rng.pick(DAYS) }
    case 'before':
    case 'after':
      return { field: key, op, value: rng.pick(CONFIG_DATES) }
  }
}

function combine(rng: Random, depth: number, leaf: () => Condition): Condition {
  if (depth >= 2 || rng.chance(0.6)) return leaf()
  const roll = rng.next()
  if (roll < 0.4) return { all: [combine(rng, depth + 1, leaf), combine(rng, depth + 1, leaf)] }
  if (roll < 0.8) return { any: [combine(rng, depth + 1, leaf), combine(rng, depth + 1, leaf)] }
  return { not: combine(rng, depth + 1, leaf) }
}

function window(rng: Random): { time?: 'past' | 'future' | 'any'; withinDays?: number; since?: string; until?: string } {
  const result: { time?: 'past' | 'future' | 'any'; withinDays?: number; since?: string; until?: string } = {}
  const time = rng.pick([undefined, undefined, 'past', 'future', 'any'] as const)
  if (time) result.time = time
  if (rng.chance(0.5)) result.withinDays = rng.pick(DAYS)
  if (rng.chance(0.2)) {
    const [since, until] = [rng.pick(CONFIG_DATES), rng.pick(CONFIG_DATES)].sort((a, b) => Date.parse(a.length === 10 ? `${a}T00:00:00Z` : `${a}Z`) - Date.parse(b.length === 10 ? `${b}T00:00:00Z` : `${b}Z`))
    if (rng.chance(0.7)) result.since = since
    if (rng.chance(0.7)) result.until = until
  }
  return result
}

function whereFor(rng: Random, types: string[]): Condition | undefined {
  const properties = types.flatMap((type) => PROPERTIES[type]!)
  if (properties.length === 0 || rng.chance(0.35)) return undefined
  return combine(rng, 1, () => {
    const property = rng.pick(properties)
    return fieldCondition(rng, property.key, property.type)
  })
}

function activityCondition(rng: Random): ActivityCondition {
  const types = rng.chance(0.7) ? [rng.pick(ACTIVITY_KEYS)] : ['visit', 'meeting']
  const condition: ActivityCondition = { activity: types.length === 1 && rng.chance(0.5) ? types[0]! : types, ...window(rng) }
  const where = whereFor(rng, types)
  if (where) condition.where = where
  if (rng.chance(0.3)) condition.minCount = rng.int(1, 3)
  return condition
}

function condition(rng: Random): Condition {
  return combine(rng, 0, () => {
    if (rng.chance(0.45)) return activityCondition(rng)
    const field = rng.pick(FIELDS)
    return fieldCondition(rng, field.key, field.type)
  })
}

export function randomFormat2Config(rng: Random): ScoringConfig {
  let id = 0
  const next = (prefix: string) => `${prefix}-${++id}`
  const grades = rng.chance(0.85)
    ? [
        { grade: 'A', minFit: 30 },
        { grade: 'B', minFit: 10 },
        { grade: 'C', minFit: rng.pick([0, -5]) },
      ]
    : []
  const bands = rng.chance(0.85)
    ? [
        { band: '1', minEngagement: rng.pick([40, 60]) },
        { band: '2', minEngagement: 20 },
        { band: '3', minEngagement: rng.pick([0, 5]) },
      ]
    : undefined
  const priorities = bands && grades.length > 0 ? grades.flatMap((g) => bands.filter(() => rng.chance(0.6)).map((b) => ({ grade: g.grade, band: b.band, priority: `${g.grade}${b.band}`, label: `${g.grade}${b.band}` }))) : undefined
  const criteria = Array.from({ length: rng.int(0, 3) }, () => ({ id: next('sql'), label: 'criterion', when: condition(rng), ...(rng.chance(0.4) ? { required: true } : {}) }))
  const config: ScoringConfig = {
    schemaVersion: 2,
    fields: FIELDS,
    activities: ACTIVITY_KEYS.map((key) => ({ key, label: key, ...(PROPERTIES[key]!.length > 0 ? { properties: PROPERTIES[key] } : {}) })),
    fit: { max: rng.pick([40, 100]), rules: Array.from({ length: rng.int(1, 5) }, () => ({ id: next('fit'), label: 'fit rule', points: rng.pick([5, 10, 20, -5, 12.5]), when: condition(rng) })) },
    engagement: {
      max: 100,
      halfLifeDays: rng.pick([null, 7, 30, 0.5]),
      rules: Array.from({ length: rng.int(1, 5) }, () => {
        if (rng.chance(0.25)) return { id: next('eng'), label: 'engagement condition', points: rng.pick([5, 15, -5]), when: condition(rng) }
        const activity = rng.pick(ACTIVITY_KEYS)
        const rule: ScoringConfig['engagement']['rules'][number] = { id: next('eng'), label: 'activity rule', activity, points: rng.pick([5, 10, 25, -8, 7.5]), ...window(rng) }
        const where = whereFor(rng, [activity])
        if (where) rule.where = where
        if (rng.chance(0.3)) rule.halfLifeDays = rng.pick([null, 3.5, 14])
        if (rng.chance(0.3)) rule.maxPoints = rng.pick([10, 30])
        return rule
      }),
      ...(bands ? { bands } : {}),
    },
    disqualifiers: rng.chance(0.5) ? [{ id: next('dq'), label: 'disqualifier', when: rng.chance(0.6) ? activityCondition(rng) : condition(rng) }] : [],
    required: rng.chance(0.3) ? ['email'] : [],
    fastTrack: Array.from({ length: rng.int(0, 2) }, () =>
      rng.chance(0.6)
        ? { id: next('ft'), label: 'fast track', activity: rng.pick(ACTIVITY_KEYS), ...(rng.chance(0.6) ? { withinDays: rng.pick(DAYS) } : {}) }
        : { id: next('ft'), label: 'fast track', when: condition(rng) },
    ),
    mql: { minFit: rng.pick([0, 10, 20]), minEngagement: rng.pick([0, 10, 30]) },
    sql: { criteria, minMet: rng.int(0, criteria.length) },
    grades,
    ...(priorities && priorities.length > 0 ? { priorities } : {}),
  }
  const parsed = parseScoringConfig(config)
  if (!parsed.ok) throw new Error(`The generator made an invalid config: ${parsed.errors.map((error) => error.message).join('; ')}`)
  return parsed.config
}

function propertyValue(rng: Random, type: FieldType): string | number | boolean | null {
  const roll = rng.next()
  if (roll < 0.1) return null
  if (type === 'date') return roll < 0.5 ? dateAround(rng).text : roll < 0.8 ? dateAround(rng).ms : rng.pick(['not a date', '07/01/2025'])
  if (type === 'boolean') return rng.pick([true, false, 'TRUE', ' false ', 'yes', 1])
  if (roll < 0.4) return rng.pick(NUMBERS)
  if (roll < 0.5) return rng.pick([true, false])
  return rng.pick([...TEXTS, '', '   '])
}

export function randomFormat2Leads(rng: Random, config: ScoringConfig, count: number, prefix: string): Lead[] {
  return Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, string> = {}
    for (const field of config.fields) {
      const roll = rng.next()
      if (roll < 0.15) continue
      attributes[field.key] = roll < 0.4 ? dateAround(rng).text : rng.pick([...TEXTS, '', '7'])
    }
    const activities: NonNullable<Lead['activities']> = Array.from({ length: rng.int(0, 6) }, () => {
      const type = rng.pick([...ACTIVITY_KEYS, 'other'])
      const activity: NonNullable<Lead['activities']>[number] = { type }
      const roll = rng.next()
      if (roll < 0.15) activity.at = rng.pick([undefined, 'not a date', '07/01/2025'])
      else activity.at = dateAround(rng).text
      if (activity.at === undefined) delete activity.at
      const declared = PROPERTIES[type] ?? []
      if (declared.length > 0 && rng.chance(0.85)) {
        const properties: Record<string, string | number | boolean | null> = {}
        for (const property of declared) if (rng.chance(0.8)) properties[property.key] = propertyValue(rng, property.type)
        activity.properties = properties
      }
      return activity
    })
    return { id: `${prefix}-${i}`, attributes, activities }
  })
}
