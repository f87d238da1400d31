import fc from 'fast-check'
import { VERSION_1_OPERATORS, type Condition, type FieldType, type Lead, type Operator, type ScoringConfig } from '~/domain/scoring'

/**
 * fast-check generators of valid scoring configs and of leads, for the property tests. Values
 * are drawn from small shared pools so that rules often match, and chosen to hit every rule of
 * DESIGN §5: case, padding, numeric text, booleans as text, email domains, absent values, dates
 * on and around window boundaries in every accepted timestamp form.
 */

export const AS_OF = Date.parse('2026-06-01T12:00:00.000Z')
const DAY = 86_400_000
// 'toString' checks that a field named like an Object.prototype member is not read from the prototype.
const FIELD_KEYS = ['f0', 'f1', 'f2', 'f3', 'toString']
const ACTIVITY_KEYS = ['a0', 'a1', 'a2']
const TYPES: FieldType[] = ['string', 'number', 'boolean', 'date', 'email']

// Values shared by rules and leads, so that conditions often match, and chosen to hit every
// normalisation rule: case, padding, numeric text, booleans as text, email domains.
const TEXTS = ['acme', 'Acme', ' ACME ', 'ac', 'ME', 'beta corp', '50', '50.0', ' 50 ', '5e1', '0050', '-0', 'true', 'TRUE', 'false']
const EMAILS = ['x@gmail.com', 'Y@Gmail.COM ', 'z@acme.io', 'a@b@gmail.com', 'nodomain', 'q@', '@gmail.com']
const NUMBERS = [0, 1, -1, 50, 50.5, 49.999, 100, 0.1, 1e21, -0]

export function isoAround(offsetMs: number, style: number): string | number {
  const at = AS_OF + offsetMs
  const iso = new Date(at).toISOString()
  switch (style) {
    case 0:
      return iso
    case 1:
      return iso.slice(0, 19) // no offset: UTC
    case 2: {
      // the same instant written in UTC+02:00
      const local = new Date(at + 2 * 3_600_000).toISOString()
      return `${local.slice(0, 23)}+02:00`
    }
    case 3:
      return at // epoch ms
    case 4:
      return String(at) // epoch ms as text
    default:
      return ` ${iso.slice(0, 10)} ` // date only, padded
  }
}
const OFFSETS = [0, 1, -1, DAY, -DAY, 7 * DAY, -7 * DAY, -7 * DAY - 1, -30 * DAY, -30 * DAY - 1, -30 * DAY + 1, -45 * DAY, -400 * DAY, -1.5 * DAY]
export const dateArb = fc.oneof(
  fc.tuple(fc.constantFrom(...OFFSETS), fc.integer({ min: 0, max: 5 })).map(([offset, style]) => isoAround(offset, style)),
  fc.integer({ min: -120 * DAY, max: 10 * DAY }).map((offset) => isoAround(offset, 0)),
  fc.constantFrom('2026-02-30', 'yesterday', '2026-13-01T00:00:00Z', '2026-06-01T24:00:00Z', '2026-06-01T12:00:00+0200', '2026-05-31t12:00:00,5z'),
)
export const absentArb = fc.constantFrom(null, undefined, '', '   ', '\t \n')
export const scalarArb = fc.oneof(fc.constantFrom(...TEXTS), fc.constantFrom(...EMAILS), fc.constantFrom(...NUMBERS), fc.boolean())
export const attributeArb = fc.oneof(
  { weight: 4, arbitrary: scalarArb },
  { weight: 2, arbitrary: absentArb },
  { weight: 2, arbitrary: dateArb },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, [1], { a: 1 }) },
)

const ruleTextArb = fc.oneof(fc.constantFrom(...TEXTS, 'gmail.com', '@gmail', 'corp'), fc.constantFrom(...NUMBERS), fc.boolean())
const ruleNumberArb = fc.constantFrom(...NUMBERS, 2, 25, 1000)

export function valueFor(op: Operator): fc.Arbitrary<unknown> {
  switch (op) {
    case 'eq':
    case 'neq':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
      return ruleTextArb
    case 'in':
    case 'notIn':
      return fc.array(ruleTextArb, { minLength: 1, maxLength: 4 })
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ruleNumberArb
    case 'between':
      return fc.tuple(ruleNumberArb, ruleNumberArb).map(([a, b]) => (a <= b ? [a, b] : [b, a]))
    case 'present':
    case 'absent':
      return fc.constant(undefined)
    case 'emailDomainIn':
    case 'emailDomainNotIn':
      return fc.array(fc.constantFrom('gmail.com', ' GMAIL.com', '@acme.io', 'b.com'), { minLength: 1, maxLength: 3 })
    case 'withinDays':
    case 'olderThanDays':
      return fc.constantFrom(0, 1, 1.5, 7, 30, 365)
    case 'before':
    case 'after':
      return fc.constantFrom('2025-01-01', '2026-05-02T12:00:00', '2026-06-01', '2026-06-01T12:00:00', '2026-06-01T12:00:00.001Z', '2026-06-08')
  }
}

/** Conditions built from `leaf` under all / any / not, at most `maxDepth` deep with up to `maxLength` children. */
export function conditionTreeArb(leaf: fc.Arbitrary<Condition>, { maxDepth = 3, maxLength = 3, leafWeight = 6 } = {}): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', maxDepth },
      { weight: leafWeight, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie('condition'), { maxLength }).map((all) => ({ all })) },
      { weight: 1, arbitrary: fc.array(tie('condition'), { maxLength }).map((any) => ({ any })) },
      { weight: 1, arbitrary: tie('condition').map((not) => ({ not })) },
    ),
  }))
  return condition
}

function conditionArb(fieldKeys: string[]): fc.Arbitrary<Condition> {
  const leaf = fc
    .tuple(fc.constantFrom(...fieldKeys), fc.constantFrom(...VERSION_1_OPERATORS))
    .chain(([field, op]) => valueFor(op).map((value) => (value === undefined ? { field, op } : { field, op, value }) as Condition))
  return conditionTreeArb(leaf)
}

/** The model's numbers that every generated config draws alike: maxima, half-life, MQL thresholds. */
export const modelNumbersArbs = {
  fitMax: fc.constantFrom(0, 20, 50, 100),
  engagementMax: fc.constantFrom(0, 30, 100),
  halfLifeDays: fc.constantFrom(null, 1, 7, 30, 0.5),
  minFit: fc.constantFrom(0, 10, 25, 50),
  minEngagement: fc.constantFrom(0, 5, 10, 20, 40),
}

export const pointsArb = fc.oneof(fc.integer({ min: -30, max: 50 }), fc.constantFrom(0.5, 12.5, -7.25))

export const configArb: fc.Arbitrary<ScoringConfig> = fc
  .record({
    types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: FIELD_KEYS.length }),
    activityCount: fc.integer({ min: 1, max: ACTIVITY_KEYS.length }),
  })
  .chain(({ types, activityCount }) => {
    const fieldKeys = FIELD_KEYS.slice(0, types.length)
    const activityKeys = ACTIVITY_KEYS.slice(0, activityCount)
    const when = conditionArb(fieldKeys)
    const activityRule = fc.record(
      {
        activity: fc.constantFrom(...activityKeys),
        points: pointsArb,
        withinDays: fc.constantFrom(0, 1, 7, 30, 2.5),
        maxPoints: fc.constantFrom(0, 5, 10, 30, 1000),
      },
      { requiredKeys: ['activity', 'points'] },
    )
    return fc
      .record({
        fit: fc.array(fc.record({ points: pointsArb, when }), { maxLength: 5 }),
        engagement: fc.array(fc.oneof(activityRule, fc.record({ points: pointsArb, when })), { maxLength: 5 }),
        disqualifiers: fc.array(when, { maxLength: 2 }),
        fastTrack: fc.array(fc.oneof(fc.record({ activity: fc.constantFrom(...activityKeys) }), fc.record({ when })), { maxLength: 2 }),
        criteria: fc.array(when, { maxLength: 4 }),
        minMetShare: fc.double({ min: 0, max: 1, noNaN: true }),
        required: fc.subarray(fieldKeys),
        ...modelNumbersArbs,
        grades: fc.subarray([
          { grade: 'A', minFit: 75 },
          { grade: 'B', minFit: 50 },
          { grade: 'C', minFit: 25 },
          { grade: 'D', minFit: 0 },
          { grade: 'E', minFit: -5 },
        ]),
      })
      .map(
        (parts): ScoringConfig => ({
          schemaVersion: 1,
          fields: fieldKeys.map((key, i) => ({ key, label: key, type: types[i] })),
          activities: activityKeys.map((key) => ({ key, label: key })),
          fit: { max: parts.fitMax, rules: parts.fit.map((rule, i) => ({ id: `fit-${i}`, label: `Fit ${i}`, ...rule })) },
          engagement: {
            max: parts.engagementMax,
            halfLifeDays: parts.halfLifeDays,
            rules: parts.engagement.map((rule, i) => ({ id: `eng-${i}`, label: `Engagement ${i}`, ...rule })),
          },
          disqualifiers: parts.disqualifiers.map((when, i) => ({ id: `dq-${i}`, label: `DQ ${i}`, when })),
          required: parts.required,
          fastTrack: parts.fastTrack.map((rule, i) => ({ id: `ft-${i}`, label: `FT ${i}`, ...rule })),
          mql: { minFit: parts.minFit, minEngagement: parts.minEngagement },
          sql: {
            criteria: parts.criteria.map((when, i) => ({ id: `sql-${i}`, label: `SQL ${i}`, when })),
            minMet: Math.floor(parts.minMetShare * (parts.criteria.length + 0.999)),
          },
          grades: parts.grades,
        }),
      )
  })

export const leadArb: fc.Arbitrary<Lead> = fc.record({
  // Keys left out are missing; absentArb also gives explicit null, undefined and blank text.
  attributes: fc.dictionary(fc.constantFrom(...FIELD_KEYS, 'other'), attributeArb, { maxKeys: 6 }),
  activities: fc.array(fc.record({ type: fc.constantFrom(...ACTIVITY_KEYS, 'other'), at: dateArb }), { maxLength: 6 }),
})

