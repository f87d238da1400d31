import fc from 'fast-check'
import { formatVersionOf, OPERATORS, parseConfigDate, type Condition, type EngagementBand, type FieldType, type Lead, type Operator, type PriorityEntry, type ScoringConfig } from '~/domain/scoring'
import { AS_OF, attributeArb, conditionTreeArb, dateArb, isoAround, modelNumbersArbs, pointsArb, scalarArb, valueFor } from './format-1-arbitraries'

/**
 * fast-check generators of valid format-2 scoring configs and of leads whose activities carry
 * properties, are dated in the future, on window edges or not at all. Every format-2 construct
 * appears: activity properties and `where`, activity conditions in every place a condition goes,
 * time past/future/any, per-rule halfLifeDays (null too), since/until, fast-track withinDays,
 * before/after/olderThanDays, bands, priorities, required SQL criteria. Values come from small
 * pools shared by rules and leads so that conditions often hold, and bands sit where the leads'
 * engagement lands, with a priority in most grade × band cells, so that most leads have a band and
 * many a priority (the property test counts them). `schemaVersion` is what an export would say
 * (formatVersionOf), so some configs are format 1.
 *
 * Shared: the engine's property test, the CLI/API differential test and the SQL export's tests.
 */

export { AS_OF }
const DAY = 86_400_000

const FIELD_KEYS = ['f0', 'f1', 'f2', 'f3', 'toString']
const FIELD_TYPES: FieldType[] = ['string', 'number', 'boolean', 'date', 'email']
export const ACTIVITY_KEYS = ['a0', 'a1', 'a2']
/** One type per property key across activity types (validation refuses a key typed two ways in one where). */
// 'constructor' checks that a property named like an Object.prototype member is not read from the prototype.
export const PROPERTY_TYPES: Record<string, FieldType> = Object.fromEntries([
  ['url', 'string'],
  ['score', 'number'],
  ['done', 'boolean'],
  ['due', 'date'],
  ['owner', 'email'],
  ['constructor', 'string'],
])
const PROPERTY_KEYS = Object.keys(PROPERTY_TYPES)

/** Config dates on and around asOf (2026-06-01T12:00:00Z): midnight, asOf itself, 1 ms after, a week each way. */
export const CONFIG_DATES = ['2025-01-01', '2026-05-02T12:00:00', '2026-05-25T12:00:00Z', '2026-06-01', '2026-06-01T12:00:00', '2026-06-01T12:00:00.001Z', '2026-06-08', '2026-06-15T12:00']

/** Activity dates: the format-1 pool plus the future, exactly N days ahead, 1 ms after asOf, and undated. */
const OFFSETS_V2 = [0, 1, -1, DAY, 7 * DAY, 7 * DAY + 1, 14 * DAY, -7 * DAY, -30 * DAY, -30 * DAY - 1, -7 * DAY + 1, -90 * DAY, -400 * DAY]
export const activityDateArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...OFFSETS_V2), fc.integer({ min: 0, max: 5 })).map(([offset, style]) => isoAround(offset, style)) },
  { weight: 2, arbitrary: dateArb },
  { weight: 1, arbitrary: fc.integer({ min: -60 * DAY, max: 30 * DAY }).map((offset) => new Date(AS_OF + offset).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 'not a date', '') },
)

const propertyValueArb = fc.oneof(
  { weight: 3, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.constantFrom('/pricing', 'https://x.io/Pricing ', '/blog', 'held', 'planned') },
  { weight: 1, arbitrary: fc.constantFrom(null, '', '  ') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...OFFSETS_V2), fc.constantFrom(0, 1, 3)).map(([offset, style]) => isoAround(offset, style)) },
)

const DATE_OPS: Operator[] = ['before', 'after', 'olderThanDays']

function fieldLeaf(keys: string[], ops: readonly Operator[]): fc.Arbitrary<Condition> {
  return fc
    .tuple(fc.constantFrom(...keys), fc.constantFrom(...ops))
    .chain(([field, op]) =>
      (op === 'contains' || op === 'startsWith' || op === 'endsWith' ? fc.oneof(valueFor(op), fc.constantFrom('/pricing', 'pricing', 'held')) : valueFor(op)).map(
        (value) => (value === undefined ? { field, op } : { field, op, value }) as Condition,
      ),
    )
}

/** A condition over properties (a `where`): any operator, no activity condition. */
function whereArb(propertyKeys: string[]): fc.Arbitrary<Condition> {
  return conditionTreeArb(fieldLeaf(propertyKeys, OPERATORS), { maxDepth: 2, maxLength: 2, leafWeight: 5 })
}

/** since ≤ until, either or both absent. */
const boundsArb = fc
  .record({ since: fc.constantFrom(...CONFIG_DATES), until: fc.constantFrom(...CONFIG_DATES) }, { requiredKeys: [] })
  .map((bounds) => (bounds.since !== undefined && bounds.until !== undefined && parseConfigDate(bounds.since) > parseConfigDate(bounds.until) ? { since: bounds.until, until: bounds.since } : bounds))

/** The most activities a generated lead has. */
const LEAD_ACTIVITIES_MAX = 7

type PointedRule = { points: number; activity?: string; maxPoints?: number }

/**
 * The most engagement the rules can give a generated lead: each rule with positive points at its
 * most (an activity rule once per activity a lead can have, within its cap), within the model's max.
 */
function reachableEngagement(rules: readonly PointedRule[], max: number): number {
  let total = 0
  for (const rule of rules) {
    if (rule.points <= 0) continue
    const most = rule.activity === undefined ? rule.points : rule.points * LEAD_ACTIVITIES_MAX
    total += rule.maxPoints === undefined ? most : Math.min(rule.maxPoints, most)
  }
  return Math.min(total, max)
}

/**
 * Bands where the generated engagement lands. Most configs have a bottom band (0, or -1, the same
 * for an engagement that is never below 0) that every lead reaches, since most leads' engagement
 * is 0, and up to three above it. Their thresholds are what one matched rule gives (its points,
 * or its cap), so a lead lands exactly on a boundary, or whole numbers up to what the rules can
 * give, mostly in the lower quarter (windows, decay and caps keep most leads low). Some configs
 * have no bottom band, so a lead can be in none.
 */
function bandsArb(rules: readonly PointedRule[], max: number): fc.Arbitrary<EngagementBand[]> {
  const top = Math.floor(reachableEngagement(rules, max))
  const onePrize = [...new Set(rules.flatMap((rule) => (rule.points > 0 ? [Math.min(rule.points, rule.maxPoints ?? rule.points)] : [])))].filter((points) => points > 0 && points <= max)
  const wholeNumbers = [
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.floor(top / 4)) }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.max(1, top) }) },
  ]
  const threshold = onePrize.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...onePrize) }, ...wholeNumbers) : fc.oneof(...wholeNumbers)
  const upper = top < 1 ? fc.constant<number[]>([]) : fc.uniqueArray(threshold, { maxLength: 3 })
  return fc.tuple(upper, fc.constantFrom<number | null>(0, 0, 0, -1, null)).map(([thresholds, bottom]) =>
    [...thresholds, ...(bottom === null ? [] : [bottom])].sort((a, b) => b - a).map((minEngagement, i) => ({ band: String(i + 1), minEngagement })),
  )
}

/** A priority in most grade × band cells (each cell with probability `share`), none in the rest. */
function prioritiesArb(grades: readonly { grade: string }[], bands: readonly EngagementBand[], share: number): fc.Arbitrary<PriorityEntry[]> {
  const cells = grades.flatMap(({ grade }) => bands.map(({ band }) => ({ grade, band, priority: `${grade}${band}`, label: `Call ${grade}${band}` })))
  return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: cells.length, maxLength: cells.length }).map((draws) => cells.filter((_, i) => draws[i]! < share))
}

const timeArb = fc.constantFrom<'past' | 'future' | 'any'>('past', 'future', 'any')
const daysArb = fc.constantFrom(0, 1, 1.5, 7, 14, 30)

export const configArbV2: fc.Arbitrary<ScoringConfig> = fc
  .record({
    types: fc.array(fc.constantFrom(...FIELD_TYPES), { minLength: 1, maxLength: FIELD_KEYS.length }),
    activityProperties: fc.array(fc.subarray(PROPERTY_KEYS), { minLength: 1, maxLength: ACTIVITY_KEYS.length }),
  })
  .chain(({ types, activityProperties }) => {
    const fieldKeys = FIELD_KEYS.slice(0, types.length)
    const activityKeys = ACTIVITY_KEYS.slice(0, activityProperties.length)
    const declared = new Map(activityKeys.map((key, i) => [key, activityProperties[i]!]))
    const declaredOn = (keys: string[]) => [...new Set(keys.flatMap((key) => declared.get(key) ?? []))]
    const optionalWhere = (keys: string[]) => {
      const properties = declaredOn(keys)
      return properties.length === 0 ? fc.constant(undefined) : fc.option(whereArb(properties), { nil: undefined, freq: 2 })
    }

    const activityConditionArb: fc.Arbitrary<Condition> = fc
      .tuple(fc.oneof(fc.constantFrom(...activityKeys), fc.subarray(activityKeys, { minLength: 1 })), fc.constantFrom(0, 1, 2, 3))
      .chain(([activity, shape]) => {
        const keys = Array.isArray(activity) ? activity : [activity]
        return fc
          .record(
            {
              time: timeArb,
              withinDays: daysArb,
              bounds: shape === 0 ? fc.constant({}) : boundsArb,
              where: optionalWhere(keys),
              minCount: fc.constantFrom(1, 2, 3),
            },
            { requiredKeys: [] },
          )
          .map(({ bounds, where, ...rest }) => {
            const condition: Record<string, unknown> = { activity, ...rest, ...(bounds ?? {}) }
            if (where !== undefined) condition.where = where
            return condition as unknown as Condition
          })
      })

    const leaf = fc.oneof(
      { weight: 5, arbitrary: fieldLeaf(fieldKeys, OPERATORS) },
      { weight: 1, arbitrary: fieldLeaf(fieldKeys, DATE_OPS) },
      { weight: 2, arbitrary: activityConditionArb },
    )
    const when = conditionTreeArb(leaf)

    const activityRule = fc.constantFrom(...activityKeys).chain((activity) =>
      fc
        .record(
          {
            points: pointsArb,
            withinDays: daysArb,
            maxPoints: fc.constantFrom(0, 5, 10, 30, 1000),
            time: timeArb,
            halfLifeDays: fc.constantFrom(null, 1, 7, 30),
            bounds: boundsArb,
            where: optionalWhere([activity]),
          },
          { requiredKeys: ['points'] },
        )
        .map(({ bounds, where, ...rest }) => {
          const rule: Record<string, unknown> = { activity, ...rest, ...(bounds ?? {}) }
          if (where !== undefined) rule.where = where
          return rule as { activity: string; points: number }
        }),
    )

    // Grade D (minFit 0) most of the time, so that leads have a grade and so a priority.
    const gradesArb = fc
      .tuple(fc.subarray([{ grade: 'A', minFit: 75 }, { grade: 'B', minFit: 50 }, { grade: 'C', minFit: 25 }]), fc.integer({ min: 0, max: 4 }))
      .map(([upper, d]) => (d === 0 ? upper : [...upper, { grade: 'D', minFit: 0 }]))

    return fc
      .record({
        fit: fc.array(fc.record({ points: pointsArb, when }), { maxLength: 4 }),
        engagement: fc.array(fc.oneof({ weight: 2, arbitrary: activityRule }, { weight: 1, arbitrary: fc.record({ points: pointsArb, when }) }), { maxLength: 5 }),
        disqualifiers: fc.array(when, { maxLength: 2 }),
        fastTrack: fc.array(
          fc.oneof(fc.record({ activity: fc.constantFrom(...activityKeys), withinDays: daysArb }, { requiredKeys: ['activity'] }), fc.record({ when })),
          { maxLength: 2 },
        ),
        criteria: fc.array(fc.record({ when, required: fc.boolean() }, { requiredKeys: ['when'] }), { maxLength: 4 }),
        minMetShare: fc.double({ min: 0, max: 1, noNaN: true }),
        required: fc.subarray(fieldKeys),
        ...modelNumbersArbs,
        grades: gradesArb,
      })
      .chain((parts) => {
        // Bands (in most configs) where this config's engagement lands; a priority matrix (in most of those) filled in most cells.
        const bands = fc.option(bandsArb(parts.engagement, parts.engagementMax), { nil: undefined, freq: 7 })
        const withPriorities = bands.chain((chosen) =>
          fc.tuple(fc.constant(chosen), chosen === undefined ? fc.constant(undefined) : fc.option(prioritiesArb(parts.grades, chosen, 0.85), { nil: undefined, freq: 10 })),
        )
        return withPriorities.map(([bands, priorities]) => ({ ...parts, bands, priorities }))
      })
      .map((parts): ScoringConfig => {
        const { priorities } = parts
        const config: ScoringConfig = {
          schemaVersion: 2,
          fields: fieldKeys.map((key, i) => ({ key, label: key, type: types[i]! })),
          activities: activityKeys.map((key) => {
            const properties = declared.get(key)!
            return properties.length === 0 ? { key, label: key } : { key, label: key, properties: properties.map((p) => ({ key: p, label: p, type: PROPERTY_TYPES[p]! as FieldType })) }
          }),
          fit: { max: parts.fitMax, rules: parts.fit.map((rule, i) => ({ id: `fit-${i}`, label: `Fit ${i}`, ...rule })) },
          engagement: {
            max: parts.engagementMax,
            halfLifeDays: parts.halfLifeDays,
            rules: parts.engagement.map((rule, i) => ({ id: `eng-${i}`, label: `Engagement ${i}`, ...rule })) as ScoringConfig['engagement']['rules'],
            ...(parts.bands !== undefined ? { bands: parts.bands } : {}),
          },
          disqualifiers: parts.disqualifiers.map((when, i) => ({ id: `dq-${i}`, label: `DQ ${i}`, when })),
          required: parts.required,
          fastTrack: parts.fastTrack.map((rule, i) => ({ id: `ft-${i}`, label: `FT ${i}`, ...rule })) as ScoringConfig['fastTrack'],
          mql: { minFit: parts.minFit, minEngagement: parts.minEngagement },
          sql: {
            criteria: parts.criteria.map((criterion, i) => ({ id: `sql-${i}`, label: `SQL ${i}`, ...criterion })),
            minMet: Math.floor(parts.minMetShare * (parts.criteria.length + 0.999)),
          },
          grades: parts.grades,
          ...(priorities !== undefined ? { priorities } : {}),
        }
        config.schemaVersion = formatVersionOf(config)
        return config
      })
  })

/** Leads whose activities carry properties (declared, undeclared, absent) and are dated in the past, the future, on edges or not at all. */
export const leadArbV2: fc.Arbitrary<Lead> = fc.record({
  attributes: fc.dictionary(fc.constantFrom(...FIELD_KEYS, 'other'), attributeArb, { maxKeys: 6 }),
  activities: fc.array(
    fc
      .record(
        {
          type: fc.constantFrom(...ACTIVITY_KEYS, 'other'),
          at: activityDateArb,
          properties: fc.dictionary(fc.constantFrom(...PROPERTY_KEYS, 'other'), propertyValueArb, { maxKeys: 4 }),
        },
        { requiredKeys: ['type'] },
      )
      .map((activity) => activity as Lead['activities'] extends (infer A)[] | undefined ? A : never),
    { maxLength: LEAD_ACTIVITIES_MAX },
  ),
})
