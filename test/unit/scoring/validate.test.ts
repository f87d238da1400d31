import fc from 'fast-check'
import { defaultHandoff } from '~/domain/sla/schema'
import { describe, expect, it } from 'vitest'
import { acmeScoringConfig, isLead, LeadSchema, parseScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { buildConfig } from './build-config'

/** A deep copy of a valid config, loosened so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the point is to write invalid configs
type Loose = any

function errorsAfter(mutate: (config: Loose) => void, base: ScoringConfig = buildConfig()): string[] {
  const config: Loose = structuredClone(base)
  mutate(config)
  const result = parseScoringConfig(config)
  if (result.ok) return []
  for (const error of result.errors) expect(error.message.startsWith(error.path)).toBe(true)
  return result.errors.map((e) => e.message)
}

const rule = (when: unknown) => ({ id: 'r', label: 'Rule', points: 10, when })

describe('parseScoringConfig', () => {
  it('accepts the Acme example and returns it unchanged', () => {
    const result = parseScoringConfig(acmeScoringConfig)
    expect(result).toEqual({ ok: true, config: acmeScoringConfig })
  })

  it('accepts a draft without source and handoff, and validates a handoff with the SLA schema', () => {
    expect(parseScoringConfig(buildConfig()).ok).toBe(true)
    expect(parseScoringConfig({ ...buildConfig(), source: null, handoff: defaultHandoff }).ok).toBe(true)
    const bad = parseScoringConfig({ ...buildConfig(), handoff: { ...defaultHandoff, timeZone: 'Mars/Olympus' } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors.map((error) => error.path)).toContain('handoff.timeZone')
  })

  it.each<[string, (config: Loose) => void, string[]]>([
    ['an unknown operator', (c) => (c.fit.rules = [rule({ field: 'title', op: 'equals', value: 'x' })]), ['fit.rules[0].when.op: unknown operator "equals"']],
    [
      'an unknown operator deep in all / any / not',
      (c) => (c.fit.rules = [rule({ all: [{ field: 'title', op: 'present' }, { any: [{ not: { field: 'title', op: 'like', value: 'x' } }] }] })]),
      ['fit.rules[0].when.all[1].any[0].not.op: unknown operator "like"'],
    ],
    ['a missing operator', (c) => (c.fit.rules = [rule({ field: 'title', value: 'x' })]), ['fit.rules[0].when.op: is required']],
    [
      'an unknown field, with a suggestion',
      (c) => (c.fit.rules = [rule({ field: 'titel', op: 'present' })]),
      ['fit.rules[0].when.field: unknown field "titel" (did you mean "title"?)'],
    ],
    [
      'unknown fields anywhere a condition may be',
      (c) => {
        c.engagement.rules = [rule({ not: { field: 'a', op: 'present' } })]
        c.disqualifiers = [{ id: 'd', label: 'D', when: { any: [{ field: 'b', op: 'absent' }] } }]
        c.fastTrack = [{ id: 'f', label: 'F', when: { field: 'c', op: 'present' } }]
        c.sql = { criteria: [{ id: 's', label: 'S', when: { all: [{ field: 'zzzzzz', op: 'present' }] } }], minMet: 1 }
      },
      [
        'engagement.rules[0].when.not.field: unknown field "a"',
        'disqualifiers[0].when.any[0].field: unknown field "b"',
        'fastTrack[0].when.field: unknown field "c"',
        'sql.criteria[0].when.all[0].field: unknown field "zzzzzz"',
      ],
    ],
    [
      'unknown activities',
      (c) => {
        c.engagement.rules = [{ id: 'e', label: 'E', activity: 'webinar', points: 5 }]
        c.fastTrack = [{ id: 'f', label: 'F', activity: 'demo-request' }]
      },
      ['engagement.rules[0].activity: unknown activity "webinar"', 'fastTrack[0].activity: unknown activity "demo-request" (did you mean "demo_request"?)'],
    ],
    [
      'a rule id used twice across sections',
      (c) => {
        c.fit.rules = [rule({ field: 'title', op: 'present' })]
        c.sql = { criteria: [{ id: 'r', label: 'Again', when: { field: 'title', op: 'present' } }], minMet: 1 }
      },
      ['sql.criteria[0].id: duplicate rule id "r" (also fit.rules[0].id)'],
    ],
    [
      'a field key used twice',
      (c) => c.fields.push({ key: 'email', label: 'Email again', type: 'string' }),
      ['fields[5].key: duplicate field key "email" (also fields[2].key)'],
    ],
    [
      'an activity key used twice',
      (c) => c.activities.push({ key: 'demo_request', label: 'Again' }),
      ['activities[2].key: duplicate activity key "demo_request" (also activities[0].key)'],
    ],
    [
      'between with low > high',
      (c) => (c.fit.rules = [rule({ field: 'employees', op: 'between', value: [500, 50] })]),
      ['fit.rules[0].when.value: between needs low ≤ high, got [500, 50]'],
    ],
    ['between with one bound', (c) => (c.fit.rules = [rule({ field: 'employees', op: 'between', value: [5] })]), ['fit.rules[0].when.value: expected [low, high], got a list']],
    [
      'sql.minMet above the number of criteria',
      (c) => (c.sql = { criteria: [{ id: 's', label: 'S', when: { field: 'title', op: 'present' } }], minMet: 3 }),
      ['sql.minMet: 3 is more than the 1 SQL criterion'],
    ],
    ['sql.minMet that is not a whole number', (c) => (c.sql.minMet = 0.5), ['sql.minMet: must be a whole number']],
    [
      'required naming unknown or repeated fields',
      (c) => (c.required = ['email', 'phone', 'email']),
      ['required[1]: unknown field "phone"', 'required[2]: "email" is already required (required[0])'],
    ],
    [
      'a value where an operator takes none',
      (c) => (c.fit.rules = [rule({ field: 'title', op: 'present', value: true })]),
      ['fit.rules[0].when.value: operator "present" takes no value'],
    ],
    ['a list operator without a list', (c) => (c.fit.rules = [rule({ field: 'title', op: 'in', value: 'a' })]), ['fit.rules[0].when.value: expected a list of values, got "a"']],
    ['an empty list', (c) => (c.fit.rules = [rule({ field: 'title', op: 'notIn', value: [] })]), ['fit.rules[0].when.value: list at least one value']],
    [
      'blank and null comparison values',
      (c) => (c.fit.rules = [rule({ field: 'title', op: 'in', value: ['a', '  ', null] })]),
      [
        'fit.rules[0].when.value[1]: must not be blank (use the "absent" operator for missing values)',
        'fit.rules[0].when.value[2]: expected text, a number or true/false, got null',
      ],
    ],
    ['a numeric operator with text', (c) => (c.fit.rules = [rule({ field: 'employees', op: 'gt', value: '10' })]), ['fit.rules[0].when.value: expected a number, got "10"']],
    ['negative withinDays', (c) => (c.fit.rules = [rule({ field: 'lastSeen', op: 'withinDays', value: -1 })]), ['fit.rules[0].when.value: must be zero or more days']],
    [
      'an address where a domain is expected',
      (c) => (c.disqualifiers = [{ id: 'd', label: 'D', when: { field: 'email', op: 'emailDomainIn', value: ['ana@gmail.com'] } }]),
      ['disqualifiers[0].when.value[0]: expected an email domain such as "gmail.com", not an address'],
    ],
    ['a condition that is not an object', (c) => (c.fit.rules = [rule(5)]), ['fit.rules[0].when: expected a condition: { field, op, value }, { activity, ... }, { all: [...] }, { any: [...] } or { not: {...} }, got 5']],
    ['an unknown key (a typo)', (c) => (c.fit.rules = [{ id: 'r', label: 'R', points: 1, whenn: { field: 'title', op: 'present' } }]), ['fit.rules[0].when: is required', 'fit.rules[0].whenn: unknown key "whenn"']],
    [
      'an activity rule with a negative cap and a missing activity',
      (c) => (c.engagement.rules = [{ id: 'e', label: 'E', activity: 'demo_request', points: 5, maxPoints: -1 }, { id: 'f', label: 'F', points: 5, withinDays: 3 }]),
      ['engagement.rules[0].maxPoints: must be zero or more points', 'engagement.rules[1].activity: is required'],
    ],
    ['another schema version', (c) => (c.schemaVersion = 3), ['schemaVersion: expected 1 or 2, got 3']],
    ['an unknown field type', (c) => (c.fields[0].type = 'text'), ['fields[0].type: expected one of "string", "number", "boolean", "date", "email", got "text"']],
    ['a missing section', (c) => delete c.grades, ['grades: is required']],
    ['halfLifeDays 0', (c) => (c.engagement.halfLifeDays = 0), ['engagement.halfLifeDays: must be more than zero days (or null: no decay)']],
    ['points as text', (c) => (c.fit.rules = [{ ...rule({ field: 'title', op: 'present' }), points: '10' }]), ['fit.rules[0].points: expected a number of points, got "10"']],
    [
      'grades sharing a name or a threshold',
      (c) => (c.grades = [{ grade: 'A', minFit: 80 }, { grade: 'A', minFit: 60 }, { grade: 'B', minFit: 80 }]),
      ['grades[1].grade: duplicate grade "A" (also grades[0])', 'grades[2].minFit: grades[0] already starts at 80; give each grade its own minFit'],
    ],
    ['a key with spaces', (c) => (c.fields[0].key = 'job title'), ['fields[0].key: must not contain spaces']],
  ])('refuses %s', (_name, mutate, expected) => {
    expect(errorsAfter(mutate)).toEqual(expected)
  })

  it('refuses input that is not an object', () => {
    expect(parseScoringConfig('config')).toEqual({ ok: false, errors: [{ path: '', message: 'expected an object, got "config"' }] })
    expect(parseScoringConfig(null).ok).toBe(false)
  })

  it('refuses conditions nested too deep for the stack, before walking them', () => {
    let when: unknown = { field: 'title', op: 'present' }
    for (let i = 0; i < 10_000; i++) when = { not: when }
    const result = parseScoringConfig({ ...buildConfig(), fit: { max: 100, rules: [rule(when)] } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[0].message).toMatch(/^fit\.rules\[0\]\.when(\.not)+: nests more than 64 levels deep$/)
  })

  it('reports errors as { path, message } with the path in front of the message', () => {
    const result = parseScoringConfig({ ...buildConfig(), sql: { criteria: [], minMet: 1 } })
    expect(result).toEqual({ ok: false, errors: [{ path: 'sql.minMet', message: 'sql.minMet: 1 is more than the 0 SQL criteria' }] })
  })
})

describe('LeadSchema', () => {
  it('accepts a lead with and without id and activities', () => {
    expect(LeadSchema.safeParse({ attributes: { a: 1, b: null, c: { nested: true } } }).success).toBe(true)
    expect(LeadSchema.safeParse({ id: 7, attributes: {}, activities: [{ type: 'x', at: 1767225600000 }, { type: 'y', at: '2026-01-01T10:00:00' }] }).success).toBe(true)
  })
  it('accepts undated activities (DESIGN §5): no at, null, text that is no timestamp, a nested value', () => {
    for (const at of [undefined, null, '2026-02-30', '07/01/2025', 'last tuesday', '', {}, true]) {
      const activity = at === undefined ? { type: 'x' } : { type: 'x', at }
      expect(LeadSchema.safeParse({ attributes: {}, activities: [activity] }).success, JSON.stringify(at)).toBe(true)
      expect(isLead({ attributes: {}, activities: [activity] }), JSON.stringify(at)).toBe(true)
    }
  })
  it.each<[string, unknown, string]>([
    ['attributes that are a list', { attributes: [1] }, 'attributes'],
    ['missing attributes', { activities: [] }, 'attributes'],
    ['an activity without a type', { attributes: {}, activities: [{ at: 0 }] }, 'activities.0.type'],
  ])('refuses %s', (_name, lead, path) => {
    const result = LeadSchema.safeParse(lead)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path)
  })
})

describe('isLead', () => {
  const timestamp = fc.oneof(
    fc.constantFrom('2026-06-01T12:00:00Z', '2026-06-01', '2026-02-30', 'soon', '', ' 1767225600000 '),
    fc.integer(),
    fc.double(),
  )
  // Mostly well-formed leads with one thing wrong at a time, so both answers come up often.
  const activity = fc.oneof(
    { weight: 6, arbitrary: fc.record({ type: fc.string(), at: timestamp }) },
    // Format 2: properties, flat key → text, number, true/false or null (anything else refuses the lead).
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.string(),
        at: timestamp,
        properties: fc.oneof(
          { weight: 4, arbitrary: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY), fc.boolean(), fc.constant(null))) },
          { weight: 1, arbitrary: fc.dictionary(fc.string(), fc.jsonValue()) },
          { weight: 1, arbitrary: fc.jsonValue() },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), at: fc.jsonValue() }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue() },
  )
  const leadLike = fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5), fc.constant(null), fc.boolean()),
      attributes: fc.oneof({ weight: 6, arbitrary: fc.dictionary(fc.string(), fc.jsonValue()) }, { weight: 1, arbitrary: fc.jsonValue() }),
      activities: fc.oneof({ weight: 6, arbitrary: fc.array(activity, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.jsonValue() }),
      extra: fc.jsonValue(),
    },
    { requiredKeys: ['attributes'] },
  )
  it('accepts exactly what LeadSchema accepts', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: leadLike }, { weight: 1, arbitrary: fc.jsonValue() }), (value) => {
        const expected = LeadSchema.safeParse(value).success
        expect(isLead(value)).toBe(expected)
        if (expected) accepted++
      }),
      { numRuns: 3000 },
    )
    // The generator must reach both answers for the comparison to mean anything.
    expect(accepted).toBeGreaterThan(300)
    expect(accepted).toBeLessThan(2700)
  })
})
