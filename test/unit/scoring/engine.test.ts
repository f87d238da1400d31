import { afterEach, describe, expect, it, vi } from 'vitest'
import { compile, ScoringConfigError, type Lead, type ScoringConfig, type Stage } from '~/domain/scoring'
import { AS_OF, AS_OF_MS, buildConfig, DAY_MS, daysAgo, score } from './build-config'

function activityConfig(rule: Partial<{ points: number; withinDays: number; maxPoints: number }>, halfLifeDays: number | null = 10): ScoringConfig {
  return buildConfig({
    engagement: { max: 1000, halfLifeDays, rules: [{ id: 'demo', label: 'Demo', activity: 'demo_request', points: 40, ...rule }] },
  })
}
const demosAt = (...ats: (string | number)[]): Partial<Lead> => ({ activities: ats.map((at) => ({ type: 'demo_request', at })) })

describe('activity decay: points × 0.5^(ageDays / halfLifeDays)', () => {
  it.each<[string, string | number, number]>([
    ['age 0', AS_OF, 40],
    ['one half-life', daysAgo(10), 20],
    ['two half-lives', daysAgo(20), 10],
    ['half a half-life', daysAgo(5), 40 * Math.SQRT1_2],
    ['dated after asOf counts as age 0', daysAgo(-3), 40],
    ['epoch ms, one half-life', AS_OF_MS - 10 * DAY_MS, 20],
    ['no offset is UTC: one half-life', '2026-05-22T12:00:00', 20],
    ['+02:00 offset: one half-life', '2026-05-22T14:00:00+02:00', 20],
  ])('%s', (_name, at, expected) => {
    const result = score(activityConfig({}), demosAt(at))
    expect(result.engagement).toBeCloseTo(expected, 12)
    expect(result.contributions[0]).toMatchObject({ ruleId: 'demo', axis: 'engagement', matched: true })
    expect(result.contributions[0].points).toBeCloseTo(expected, 12)
  })

  it('does not decay when halfLifeDays is null', () => {
    expect(score(activityConfig({}, null), demosAt(daysAgo(400))).engagement).toBe(40)
  })

  it('sums each matching activity and ignores other activity types', () => {
    const lead: Partial<Lead> = {
      activities: [
        { type: 'demo_request', at: AS_OF },
        { type: 'demo_request', at: daysAgo(10) },
        { type: 'pricing_view', at: AS_OF },
        { type: 'not_in_config', at: AS_OF },
      ],
    }
    expect(score(activityConfig({}), lead).engagement).toBe(60)
  })

  it('gives nothing for an activity whose date cannot be read', () => {
    const result = score(activityConfig({}), demosAt('last tuesday'))
    expect(result.engagement).toBe(0)
    expect(result.contributions[0]).toMatchObject({ points: 0, matched: false })
  })
})

describe('activity windows: withinDays', () => {
  it.each<[string, string, number]>([
    ['exactly withinDays old counts', daysAgo(30), 40],
    ['withinDays + 1 ms is too old', daysAgo(30, -1), 0],
    ['withinDays - 1 ms counts', daysAgo(30, 1), 40],
    ['a future activity counts', daysAgo(-1), 40],
  ])('%s', (_name, at, expected) => {
    expect(score(activityConfig({ withinDays: 30 }, null), demosAt(at)).engagement).toBe(expected)
  })

  it('withinDays 0 counts only activities at or after asOf', () => {
    expect(score(activityConfig({ withinDays: 0 }, null), demosAt(AS_OF, daysAgo(0, -1), daysAgo(-1))).engagement).toBe(80)
  })
})

describe('caps', () => {
  it('caps an activity rule total at +maxPoints', () => {
    expect(score(activityConfig({ points: 10, maxPoints: 25 }, null), demosAt(AS_OF, AS_OF, AS_OF)).contributions[0].points).toBe(25)
  })
  it('caps a negative activity rule total at -maxPoints', () => {
    const config = buildConfig({
      fit: { max: 100, rules: [] },
      engagement: {
        max: 100,
        halfLifeDays: null,
        rules: [
          { id: 'base', label: 'Base', points: 50, when: { all: [] } },
          { id: 'unsubscribe', label: 'Unsubscribes', activity: 'pricing_view', points: -10, maxPoints: 15 },
        ],
      },
    })
    const result = score(config, { activities: [0, 1, 2].map(() => ({ type: 'pricing_view', at: AS_OF })) })
    expect(result.contributions.map((c) => c.points)).toEqual([50, -15])
    expect(result.engagement).toBe(35)
  })
  it('maxPoints 0 earns nothing but still reports the activity', () => {
    expect(score(activityConfig({ maxPoints: 0 }), demosAt(AS_OF)).contributions[0]).toMatchObject({ points: 0, matched: true })
  })

  const fitConfig = (max: number, points: number[]) =>
    buildConfig({
      fit: { max, rules: points.map((p, i) => ({ id: `r${i}`, label: `Rule ${i}`, points: p, when: { field: 'title', op: 'present' } })) },
    })
  it.each<[string, number, number[], number]>([
    ['fit is capped at fit.max', 100, [60, 70], 100],
    ['fit never goes below 0', 100, [10, -40], 0],
    ['negative points subtract', 100, [60, -15], 45],
    ['fit.max 0 keeps fit at 0', 0, [10], 0],
  ])('%s', (_name, max, points, expected) => {
    const result = score(fitConfig(max, points), { attributes: { title: 'CTO' } })
    expect(result.fit).toBe(expected)
    // Contributions explain the raw points; the axis is clamped afterwards.
    expect(result.contributions.map((c) => c.points)).toEqual(points)
  })

  it('engagement is clamped to [0, engagement.max]', () => {
    const config = (max: number, points: number) =>
      buildConfig({
        engagement: {
          max,
          halfLifeDays: null,
          rules: [
            { id: 'c', label: 'Condition', points, when: { field: 'title', op: 'present' } },
            { id: 'a', label: 'Activity', activity: 'demo_request', points: 30 },
          ],
        },
      })
    const lead = { attributes: { title: 'x' }, ...demosAt(AS_OF) }
    expect(score(config(50, 40), lead).engagement).toBe(50)
    expect(score(config(100, -80), lead).engagement).toBe(0)
    expect(score(config(100, 5), lead).engagement).toBe(35)
  })
})

describe('grades: the highest grade whose minFit ≤ fit', () => {
  const config = (grades: { grade: string; minFit: number }[], fit: number) =>
    buildConfig({ grades, fit: { max: 100, rules: [{ id: 'f', label: 'F', points: fit, when: { all: [] } }] } })
  const abcd = [
    { grade: 'C', minFit: 25 },
    { grade: 'A', minFit: 75 },
    { grade: 'D', minFit: 10 },
    { grade: 'B', minFit: 50 },
  ]
  it.each<[number, string | null]>([
    [100, 'A'],
    [75, 'A'],
    [74.5, 'B'],
    [50, 'B'],
    [25, 'C'],
    [10, 'D'],
    [9, null],
    [0, null],
  ])('fit %s gives %s (grades listed in any order)', (fit, grade) => {
    expect(score(config(abcd, fit), {}).grade).toBe(grade)
  })
  it('no grades, no grade', () => expect(score(config([], 80), {}).grade).toBeNull())
})

describe('stage (DESIGN §5)', () => {
  const config = buildConfig({
    fit: { max: 100, rules: [{ id: 'fit-title', label: 'Title', points: 60, when: { field: 'title', op: 'contains', value: 'data' } }] },
    engagement: { max: 100, halfLifeDays: 30, rules: [{ id: 'eng-pricing', label: 'Pricing', activity: 'pricing_view', points: 50, withinDays: 90 }] },
    disqualifiers: [{ id: 'dq-gmail', label: 'Free mail', when: { field: 'email', op: 'emailDomainIn', value: ['gmail.com'] } }],
    required: ['email'],
    fastTrack: [
      { id: 'ft-demo', label: 'Demo', activity: 'demo_request' },
      { id: 'ft-dm', label: 'Decision maker', when: { field: 'decisionMaker', op: 'eq', value: true } },
    ],
    mql: { minFit: 50, minEngagement: 40 },
    sql: {
      criteria: [
        { id: 'sql-size', label: 'Size', when: { field: 'employees', op: 'gte', value: 100 } },
        { id: 'sql-dm', label: 'Decision maker', when: { field: 'decisionMaker', op: 'eq', value: true } },
        { id: 'sql-recent', label: 'Seen this week', when: { field: 'lastSeen', op: 'withinDays', value: 7 } },
      ],
      minMet: 2,
    },
  })
  const fits = { title: 'Data lead', email: 'dana@acme.io' }
  const engaged = [{ type: 'pricing_view', at: AS_OF }]
  it.each<[string, Lead, Stage, Partial<{ disqualifiedBy: string[]; missing: string[]; fastTrack: string[]; sqlMet: string[] }>]>([
    ['a disqualifier wins over everything', { attributes: { ...fits, email: 'dana@gmail.com', employees: 500, decisionMaker: true }, activities: engaged }, 'disqualified', { disqualifiedBy: ['dq-gmail'], fastTrack: ['ft-dm'], sqlMet: ['sql-size', 'sql-dm'] }],
    ['a disqualifier wins over a missing required field', { attributes: { title: 'data', email: ' x@GMAIL.com' } }, 'disqualified', { disqualifiedBy: ['dq-gmail'] }],
    ['a missing required field keeps a qualified lead a lead', { attributes: { ...fits, email: '  ' }, activities: engaged }, 'lead', { missing: ['email'] }],
    ['a missing required field wins over a fast track', { attributes: { title: 'data' }, activities: [{ type: 'demo_request', at: AS_OF }] }, 'lead', { missing: ['email'], fastTrack: ['ft-demo'] }],
    ['fit below minFit', { attributes: { title: 'Sales', email: 'a@b.io' }, activities: engaged }, 'lead', {}],
    ['fits but not engaged', { attributes: fits }, 'lead', {}],
    ['fits but engagement decayed below minEngagement', { attributes: fits, activities: [{ type: 'pricing_view', at: daysAgo(30) }] }, 'lead', {}],
    ['fits and engaged: MQL', { attributes: fits, activities: engaged }, 'mql', {}],
    ['fits and fast-tracked by an old activity (any date)', { attributes: fits, activities: [{ type: 'demo_request', at: daysAgo(900) }] }, 'mql', { fastTrack: ['ft-demo'] }],
    ['fits and fast-tracked by an undated activity (no at, or one that is no timestamp)', { attributes: fits, activities: [{ type: 'demo_request' }, { type: 'demo_request', at: '07/01/2025' }] } as Lead, 'mql', { fastTrack: ['ft-demo'] }],
    ['fits and fast-tracked by a condition, which also meets one SQL criterion', { attributes: { ...fits, decisionMaker: 'TRUE' } }, 'mql', { fastTrack: ['ft-dm'], sqlMet: ['sql-dm'] }],
    ['an MQL meeting minMet SQL criteria is an SQL', { attributes: { ...fits, employees: '250', decisionMaker: true }, activities: engaged }, 'sql', { fastTrack: ['ft-dm'], sqlMet: ['sql-size', 'sql-dm'] }],
    ['SQL criteria and a fast track without fit are not enough', { attributes: { title: 'Sales', email: 'a@b.io', employees: 250, decisionMaker: true, lastSeen: AS_OF }, activities: engaged }, 'lead', { fastTrack: ['ft-dm'], sqlMet: ['sql-size', 'sql-dm', 'sql-recent'] }],
  ])('%s', (_name, lead, stage, lists) => {
    const result = compile(config).score(lead, AS_OF)
    expect(result.stage).toBe(stage)
    expect(result).toMatchObject({ disqualifiedBy: [], missing: [], fastTrack: [], sqlMet: [], ...lists })
  })

  const withSql = (criteria: number, minMet: number) =>
    buildConfig({
      sql: { criteria: Array.from({ length: criteria }, (_, i) => ({ id: `s${i}`, label: `S${i}`, when: { field: 'title', op: 'present' } })), minMet },
    })
  it('is never SQL without SQL criteria, even with minMet 0', () => {
    expect(score(withSql(0, 0), { attributes: { title: 'x' } }).stage).toBe('mql')
  })
  it('is SQL with minMet 0 when criteria exist', () => {
    expect(score(withSql(2, 0), { attributes: {} }).stage).toBe('sql')
  })
  it('needs at least minMet criteria', () => {
    expect(score(withSql(2, 2), { attributes: { title: 'x' } }).stage).toBe('sql')
    const oneOfTwo = buildConfig({
      sql: {
        criteria: [
          { id: 'a', label: 'A', when: { field: 'title', op: 'present' } },
          { id: 'b', label: 'B', when: { field: 'employees', op: 'present' } },
        ],
        minMet: 2,
      },
    })
    expect(score(oneOfTwo, { attributes: { title: 'x' } }).stage).toBe('mql')
  })
})

describe('the result explains itself', () => {
  const config = buildConfig({
    fit: {
      max: 100,
      rules: [
        { id: 'f1', label: 'Data title', points: 30, when: { field: 'title', op: 'contains', value: 'data' } },
        { id: 'f2', label: 'Big', points: 20, when: { field: 'employees', op: 'gt', value: 1000 } },
        { id: 'f3', label: 'Zero-point marker', points: 0, when: { field: 'title', op: 'present' } },
      ],
    },
    engagement: {
      max: 100,
      halfLifeDays: 10,
      rules: [
        { id: 'e1', label: 'Demo', activity: 'demo_request', points: 40 },
        { id: 'e2', label: 'Decision maker', points: 5, when: { field: 'decisionMaker', op: 'eq', value: true } },
      ],
    },
  })
  it('lists every fit rule then every engagement rule, in config order, matched or not', () => {
    const result = score(config, { attributes: { title: 'Data lead' }, ...demosAt(daysAgo(10)) })
    expect(result.contributions).toEqual([
      { ruleId: 'f1', label: 'Data title', axis: 'fit', points: 30, matched: true },
      { ruleId: 'f2', label: 'Big', axis: 'fit', points: 0, matched: false },
      { ruleId: 'f3', label: 'Zero-point marker', axis: 'fit', points: 0, matched: true },
      { ruleId: 'e1', label: 'Demo', axis: 'engagement', points: 20, matched: true },
      { ruleId: 'e2', label: 'Decision maker', axis: 'engagement', points: 0, matched: false },
    ])
    expect(result).toMatchObject({ fit: 30, engagement: 20, grade: null, stage: 'mql' })
  })
  it('returns fresh arrays for every lead', () => {
    const engine = compile(config)
    const first = engine.score({ attributes: { title: 'data' } }, AS_OF)
    const second = engine.score({ attributes: { title: 'sales' } }, AS_OF)
    expect(first.contributions[0].matched).toBe(true)
    expect(second.contributions[0].matched).toBe(false)
    expect(first.contributions).not.toBe(second.contributions)
  })
  it('does not carry one lead’s values into the next', () => {
    const engine = compile(config)
    engine.score({ attributes: { title: 'data', employees: 5000, decisionMaker: true }, ...demosAt(AS_OF, AS_OF) }, AS_OF)
    const next = engine.score({ attributes: {} }, AS_OF)
    expect(next).toMatchObject({ fit: 0, engagement: 0 })
    expect(next.contributions.every((c) => !c.matched)).toBe(true)
  })
})

describe('asOf', () => {
  const config = activityConfig({ withinDays: 1 }, null)
  const lead = demosAt('2026-05-31T12:00:00Z')
  it.each<[string, string | number | Date, number]>([
    ['ISO with Z', '2026-06-01T12:00:00Z', 40],
    ['ISO without offset is UTC', '2026-06-01T12:00:00', 40],
    ['ISO without offset, 1 s later: out of the window', '2026-06-01T12:00:01', 0],
    ['ISO with an offset', '2026-06-01T14:00:00+02:00', 40],
    ['ISO with an offset, 1 s later', '2026-06-01T14:00:01+02:00', 0],
    ['epoch ms', AS_OF_MS, 40],
    ['epoch ms + 1', AS_OF_MS + 1, 0],
    ['a Date', new Date(AS_OF_MS), 40],
  ])('%s', (_name, asOf, expected) => {
    expect(score(config, lead, asOf).engagement).toBe(expected)
  })
  it('refuses an invalid asOf', () => {
    expect(() => score(config, lead, 'tomorrow')).toThrow(RangeError)
  })
  describe('defaults to now', () => {
    afterEach(() => {
      vi.useRealTimers()
    })
    it('reads the clock once per call when asOf is omitted', () => {
      vi.useFakeTimers()
      const engine = compile(config)
      vi.setSystemTime(new Date(AS_OF_MS))
      expect(engine.score({ attributes: {}, ...lead }).engagement).toBe(40)
      vi.setSystemTime(new Date(AS_OF_MS + 1))
      expect(engine.score({ attributes: {}, ...lead }).engagement).toBe(0)
    })
  })
})

describe('compile', () => {
  it('validates first and throws a ScoringConfigError listing every problem with its path', () => {
    const config = buildConfig({
      fit: { max: 100, rules: [{ id: 'a', label: 'A', points: 1, when: { field: 'nope', op: 'present' } }] },
      disqualifiers: [{ id: 'a', label: 'Again', when: { field: 'title', op: 'present' } }],
    })
    let caught: unknown
    try {
      compile(config)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ScoringConfigError)
    const errors = (caught as ScoringConfigError).errors
    expect(errors.map((e) => e.path)).toEqual(['fit.rules[0].when.field', 'disqualifiers[0].id'])
    expect((caught as Error).message).toContain('fit.rules[0].when.field: unknown field "nope"')
  })
  it('scores leads without attributes or activities', () => {
    const engine = compile(buildConfig({ required: ['title'] }))
    expect(engine.score({ attributes: {} }, AS_OF)).toEqual({
      fit: 0,
      engagement: 0,
      grade: null,
      band: null,
      priority: null,
      stage: 'lead',
      contributions: [],
      disqualifiedBy: [],
      fastTrack: [],
      missing: ['title'],
      sqlMet: [],
    })
  })
  it('does not read a field named like an Object.prototype member from the prototype', () => {
    const config = buildConfig({
      fields: [{ key: 'constructor', label: 'Constructor', type: 'string' }],
      required: ['constructor'],
      fit: { max: 100, rules: [{ id: 'f', label: 'F', points: 10, when: { field: 'constructor', op: 'present' } }] },
    })
    expect(score(config, { attributes: {} })).toMatchObject({ fit: 0, missing: ['constructor'] })
    expect(score(config, { attributes: JSON.parse('{"constructor":"Bob"}') })).toMatchObject({ fit: 10, missing: [] })
  })
  it('gives the same result for the same config, lead and asOf', () => {
    const config = buildConfig({
      fit: { max: 100, rules: [{ id: 'f', label: 'F', points: 10, when: { field: 'employees', op: 'between', value: [1, 10] } }] },
    })
    const lead = { attributes: { employees: '5' } }
    expect(compile(config).score(lead, AS_OF)).toEqual(compile(structuredClone(config)).score(structuredClone(lead), AS_OF))
  })
})
