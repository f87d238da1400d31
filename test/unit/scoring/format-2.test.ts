import { describe, expect, it } from 'vitest'
import {
  compile,
  featuresOfVersion2,
  formatVersionOf,
  LeadSchema,
  parseScoringConfig,
  type ActivityRule,
  type Condition,
  type LeadActivity,
  type ScoringConfig,
} from '~/domain/scoring'
import { configJson } from '~/domain/exports/config-json'
import { AS_OF, AS_OF_MS, buildConfig, DAY_MS, daysAgo, score } from './build-config'

/*
 * Scoring format 2 (issue #19, docs/scoring-format-2.md) on hand-computed cases: every window at
 * its edges (exactly N days, asOf itself, one millisecond after), minCount over mixed types,
 * required criteria, bands and priorities at their boundaries, per-rule half-lives, the date
 * operators and `where`; then bad input, each refused with a path.
 */

/** asOf + `ms` as ISO text (negative: before asOf). */
const at = (ms: number) => new Date(AS_OF_MS + ms).toISOString()

const ACTIVITIES: ScoringConfig['activities'] = [
  {
    key: 'demo',
    label: 'Demo',
    properties: [
      { key: 'completed', label: 'Completed', type: 'boolean' },
      { key: 'seats', label: 'Seats', type: 'number' },
    ],
  },
  { key: 'meeting', label: 'Meeting', properties: [{ key: 'completed', label: 'Completed', type: 'boolean' }] },
  { key: 'page_view', label: 'Page view', properties: [{ key: 'url', label: 'URL', type: 'string' }, { key: 'seenOn', label: 'Seen on', type: 'date' }] },
]

function activityRule(rule: Partial<ActivityRule>): ScoringConfig {
  return buildConfig({
    activities: ACTIVITIES,
    engagement: { max: 1000, halfLifeDays: null, rules: [{ id: 'r', label: 'R', activity: 'demo', points: 10, ...rule } as ActivityRule] },
  })
}

/** The points activity rule `r` earns on these activities. */
function rulePoints(rule: Partial<ActivityRule>, activities: LeadActivity[]): number {
  return score(activityRule(rule), { activities }).contributions.find((c) => c.ruleId === 'r')!.points
}

/** Whether a condition holds for a lead with these activities (as a fit rule worth 1). */
function holdsOn(when: Condition, activities: LeadActivity[], attributes: Record<string, unknown> = {}): boolean {
  const config = buildConfig({ activities: ACTIVITIES, fit: { max: 100, rules: [{ id: 'c', label: 'C', points: 1, when }] } })
  return score(config, { attributes, activities }).fit === 1
}

describe('activity rules: time direction and windows at their edges', () => {
  it.each([
    // [time, withinDays, activity at (ms from asOf), counts]
    ['past', 7, -7 * DAY_MS, true],
    ['past', 7, -7 * DAY_MS - 1, false],
    ['past', 7, 0, true],
    ['past', 7, 1, false],
    ['past', undefined, -400 * DAY_MS, true],
    ['future', 7, 1, true],
    ['future', 7, 0, false],
    ['future', 7, 7 * DAY_MS, true],
    ['future', 7, 7 * DAY_MS + 1, false],
    ['future', undefined, 400 * DAY_MS, true],
    ['any', 7, -7 * DAY_MS, true],
    ['any', 7, -7 * DAY_MS - 1, false],
    ['any', 7, 400 * DAY_MS, true],
    [undefined, 7, 1, true],
  ] as const)('time %s, withinDays %s: an activity at asOf %+d ms counts: %s', (time, withinDays, offset, counts) => {
    expect(rulePoints({ time, withinDays }, [{ type: 'demo', at: at(offset) }])).toBe(counts ? 10 : 0)
  })

  it('an undated activity never counts for an activity rule, whatever its time', () => {
    for (const time of ['past', 'future', 'any', undefined] as const) expect(rulePoints({ time }, [{ type: 'demo' }, { type: 'demo', at: 'soon' }])).toBe(0)
  })

  it('since and until are inclusive: at = since counts, 1 ms before it does not; at = until counts, 1 ms after it does not', () => {
    const rule = { since: '2026-05-01', until: '2026-05-20T10:00:00' }
    expect(rulePoints(rule, [{ type: 'demo', at: '2026-05-01T00:00:00Z' }])).toBe(10)
    expect(rulePoints(rule, [{ type: 'demo', at: '2026-04-30T23:59:59.999Z' }])).toBe(0)
    expect(rulePoints(rule, [{ type: 'demo', at: '2026-05-20T10:00:00Z' }])).toBe(10)
    expect(rulePoints(rule, [{ type: 'demo', at: '2026-05-20T10:00:00.001Z' }])).toBe(0)
  })

  it('a future activity is age 0: full points under decay', () => {
    const config = buildConfig({
      activities: ACTIVITIES,
      engagement: { max: 1000, halfLifeDays: 10, rules: [{ id: 'r', label: 'R', activity: 'demo', points: 8, time: 'future', withinDays: 14 }] },
    })
    expect(score(config, { activities: [{ type: 'demo', at: at(3 * DAY_MS) }] }).engagement).toBe(8)
  })
})

describe('per-rule half-life', () => {
  const tenDaysOld = [{ type: 'demo', at: daysAgo(10) }]
  function withModelHalfLife(rule: Partial<ActivityRule>, model: number | null) {
    const config = activityRule(rule)
    config.engagement.halfLifeDays = model
    return score(config, { activities: tenDaysOld }).engagement
  }
  it.each([
    ['absent: the model’s 10 days', undefined, 10, 5],
    ['null: no decay, against a model half-life of 10', null, 10, 10],
    ['20 days, against the model’s 10', 20, 10, 10 * Math.pow(0.5, 0.5)],
    ['5 days, against a model without decay', 5, null, 2.5],
    ['absent, against a model without decay', undefined, null, 10],
  ] as const)('%s', (_name, halfLifeDays, model, expected) => {
    const rule = halfLifeDays === undefined ? {} : { halfLifeDays }
    expect(withModelHalfLife(rule, model)).toBeCloseTo(expected, 12)
  })
})

describe('where: conditions on activity properties', () => {
  it('counts only activities whose properties match, read as attributes are (trimmed, lower-cased, numbers in shortest form)', () => {
    const where: Condition = { all: [{ field: 'completed', op: 'eq', value: true }, { field: 'seats', op: 'eq', value: 50 }] }
    const activities = [
      { type: 'demo', at: daysAgo(1), properties: { completed: 'TRUE ', seats: '50.0' } },
      { type: 'demo', at: daysAgo(1), properties: { completed: false, seats: 50 } },
      { type: 'demo', at: daysAgo(1) },
    ]
    expect(rulePoints({ where }, activities)).toBe(10)
  })

  it('a property missing on the activity is absent: neq holds, eq does not', () => {
    expect(rulePoints({ where: { field: 'completed', op: 'neq', value: true } }, [{ type: 'demo', at: daysAgo(1), properties: {} }])).toBe(10)
    expect(rulePoints({ where: { field: 'completed', op: 'eq', value: true } }, [{ type: 'demo', at: daysAgo(1), properties: { completed: null } }])).toBe(0)
  })

  it('date operators work on date properties', () => {
    const config = buildConfig({
      activities: ACTIVITIES,
      engagement: { max: 100, halfLifeDays: null, rules: [{ id: 'r', label: 'R', activity: 'page_view', points: 3, where: { field: 'seenOn', op: 'after', value: '2026-05-01' } }] },
    })
    const views = [
      { type: 'page_view', at: daysAgo(1), properties: { seenOn: '2026-05-02' } },
      { type: 'page_view', at: daysAgo(1), properties: { seenOn: '2026-05-01' } },
      { type: 'page_view', at: daysAgo(1), properties: { seenOn: 'last week' } },
    ]
    expect(score(config, { activities: views }).engagement).toBe(3)
  })
})

describe('activity conditions, wherever a condition is', () => {
  it.each([
    // [condition, activities, holds]
    ['one of either type, minCount 2: a demo and a meeting', { activity: ['demo', 'meeting'], minCount: 2 }, [{ type: 'demo', at: daysAgo(1) }, { type: 'meeting', at: daysAgo(2) }], true],
    ['one of either type, minCount 2: a demo and a page view', { activity: ['demo', 'meeting'], minCount: 2 }, [{ type: 'demo', at: daysAgo(1) }, { type: 'page_view', at: daysAgo(2) }], false],
    ['minCount 2: two demos', { activity: 'demo', minCount: 2 }, [{ type: 'demo', at: daysAgo(1) }, { type: 'demo', at: daysAgo(2) }], true],
    ['minCount 3 of mixed types, one undated, no date constraint: it counts', { activity: ['demo', 'meeting'], minCount: 3 }, [{ type: 'demo', at: daysAgo(1) }, { type: 'meeting' }, { type: 'demo', at: 'tomorrow' }], true],
    ['minCount 2 of mixed types, one undated, withinDays 30: it does not count', { activity: ['demo', 'meeting'], minCount: 2, withinDays: 30 }, [{ type: 'demo', at: daysAgo(1) }, { type: 'meeting' }], false],
    ['time any (explicit) keeps undated ones', { activity: 'meeting', time: 'any' }, [{ type: 'meeting' }], true],
    ['time past drops undated ones', { activity: 'meeting', time: 'past' }, [{ type: 'meeting' }], false],
    ['past, withinDays 90: exactly 90 days ago', { activity: 'demo', time: 'past', withinDays: 90 }, [{ type: 'demo', at: daysAgo(90) }], true],
    ['past, withinDays 90: 90 days and 1 ms ago', { activity: 'demo', time: 'past', withinDays: 90 }, [{ type: 'demo', at: daysAgo(90, -1) }], false],
    ['past: asOf itself', { activity: 'demo', time: 'past' }, [{ type: 'demo', at: AS_OF }], true],
    ['past: 1 ms after asOf', { activity: 'demo', time: 'past' }, [{ type: 'demo', at: at(1) }], false],
    ['future, withinDays 14: 1 ms after asOf', { activity: 'meeting', time: 'future', withinDays: 14 }, [{ type: 'meeting', at: at(1) }], true],
    ['future, withinDays 14: asOf itself', { activity: 'meeting', time: 'future', withinDays: 14 }, [{ type: 'meeting', at: AS_OF }], false],
    ['future, withinDays 14: exactly 14 days ahead', { activity: 'meeting', time: 'future', withinDays: 14 }, [{ type: 'meeting', at: at(14 * DAY_MS) }], true],
    ['future, withinDays 14: 14 days and 1 ms ahead', { activity: 'meeting', time: 'future', withinDays: 14 }, [{ type: 'meeting', at: at(14 * DAY_MS + 1) }], false],
    ['with where: a held meeting', { activity: 'meeting', where: { field: 'completed', op: 'eq', value: true } }, [{ type: 'meeting', properties: { completed: true } }], true],
    ['with where: a planned meeting', { activity: 'meeting', where: { field: 'completed', op: 'eq', value: true } }, [{ type: 'meeting', properties: { completed: false } }], false],
    ['since: at = since', { activity: 'demo', since: '2026-05-31' }, [{ type: 'demo', at: '2026-05-31T00:00:00Z' }], true],
    ['until: 1 ms after until', { activity: 'demo', until: '2026-05-31' }, [{ type: 'demo', at: '2026-05-31T00:00:00.001Z' }], false],
  ] as [string, Condition, LeadActivity[], boolean][])('%s', (_name, when, activities, expected) => {
    expect(holdsOn(when, activities)).toBe(expected)
    expect(holdsOn({ not: when }, activities)).toBe(!expected)
  })

  it('disqualifies: unsubscribed in the last 90 days', () => {
    const config = buildConfig({
      activities: [...ACTIVITIES, { key: 'unsubscribe', label: 'Unsubscribe' }],
      disqualifiers: [{ id: 'dq', label: 'Unsubscribed lately', when: { activity: 'unsubscribe', time: 'past', withinDays: 90 } }],
    })
    expect(score(config, { activities: [{ type: 'unsubscribe', at: daysAgo(89) }] }).stage).toBe('disqualified')
    expect(score(config, { activities: [{ type: 'unsubscribe', at: daysAgo(91) }] }).stage).toBe('mql')
  })
})

describe('activity fast tracks with withinDays', () => {
  const config = (withinDays?: number) =>
    buildConfig({ activities: ACTIVITIES, mql: { minFit: 0, minEngagement: 50 }, fastTrack: [{ id: 'ft', label: 'Demo', activity: 'demo', ...(withinDays === undefined ? {} : { withinDays }) }] })
  it.each([
    [30, daysAgo(30), true],
    [30, daysAgo(30, -1), false],
    [30, at(5 * DAY_MS), true],
    [30, undefined, false],
    [undefined, undefined, true],
    [undefined, daysAgo(3000), true],
  ] as const)('withinDays %s, activity at %s: holds %s', (withinDays, when, holds) => {
    expect(score(config(withinDays), { activities: [{ type: 'demo', at: when }] }).fastTrack).toEqual(holds ? ['ft'] : [])
  })
})

describe('date operators: before, after, olderThanDays', () => {
  const on = (when: Condition, value: unknown) => holdsOn(when, [], { lastSeen: value })
  it.each([
    [{ field: 'lastSeen', op: 'olderThanDays', value: 30 }, daysAgo(30), false],
    [{ field: 'lastSeen', op: 'olderThanDays', value: 30 }, daysAgo(30, -1), true],
    [{ field: 'lastSeen', op: 'olderThanDays', value: 0 }, AS_OF, false],
    [{ field: 'lastSeen', op: 'olderThanDays', value: 30 }, at(DAY_MS), false],
    [{ field: 'lastSeen', op: 'olderThanDays', value: 30 }, undefined, false],
    [{ field: 'lastSeen', op: 'olderThanDays', value: 30 }, 'long ago', false],
    [{ field: 'lastSeen', op: 'before', value: '2026-06-01' }, '2026-05-31T23:59:59.999Z', true],
    [{ field: 'lastSeen', op: 'before', value: '2026-06-01' }, '2026-06-01', false],
    [{ field: 'lastSeen', op: 'after', value: '2026-06-01T12:00:00' }, '2026-06-01T12:00:00.001Z', true],
    [{ field: 'lastSeen', op: 'after', value: '2026-06-01T12:00:00' }, AS_OF, false],
    [{ field: 'lastSeen', op: 'after', value: '2025-01-01' }, null, false],
    [{ field: 'lastSeen', op: 'before', value: '2025-01-01' }, '   ', false],
  ] as [Condition, unknown, boolean][])('%j on %s: %s', (when, value, expected) => {
    expect(on(when, value)).toBe(expected)
  })

  it('not olderThanDays is true on an absent date, unlike olderThanDays itself', () => {
    expect(on({ not: { field: 'lastSeen', op: 'olderThanDays', value: 30 } }, undefined)).toBe(true)
  })
})

describe('required SQL criteria', () => {
  const criteria = (requiredHolds: boolean, otherHolds: boolean) => [
    { id: 'budget', label: 'Budget', when: { field: 'decisionMaker', op: 'eq', value: requiredHolds } as Condition, required: true },
    { id: 'size', label: 'Size', when: { field: 'employees', op: 'gte', value: otherHolds ? 0 : 1e9 } as Condition },
  ]
  const stage = (sql: ScoringConfig['sql']) => score(buildConfig({ sql }), { attributes: { decisionMaker: true, employees: 10 } }).stage
  it.each([
    ['minMet 0, the required one fails', criteria(false, true), 0, 'mql'],
    ['minMet 0, the required one holds', criteria(true, false), 0, 'sql'],
    ['minMet 2, both hold', criteria(true, true), 2, 'sql'],
    ['minMet 1, only the other holds', criteria(false, true), 1, 'mql'],
    ['minMet 1, only the required one holds (it counts toward minMet)', criteria(true, false), 1, 'sql'],
    ['no criteria, minMet 0', [], 0, 'mql'],
  ] as const)('%s: %s', (_name, list, minMet, expected) => {
    expect(stage({ criteria: [...list], minMet })).toBe(expected)
  })
})

describe('engagement bands and priorities at their boundaries', () => {
  const bands = [
    { band: '1', minEngagement: 60 },
    { band: '2', minEngagement: 35 },
    { band: '3', minEngagement: 15 },
    { band: '4', minEngagement: 0 },
  ]
  function resultAt(engagement: number, fit: number, withBands = bands) {
    const config = buildConfig({
      fit: { max: 100, rules: [{ id: 'f', label: 'F', points: fit, when: { all: [] } }] },
      engagement: { max: 100, halfLifeDays: null, rules: [{ id: 'e', label: 'E', points: engagement, when: { all: [] } }], bands: withBands },
      grades: [
        { grade: 'A', minFit: 75 },
        { grade: 'B', minFit: 50 },
      ],
      priorities: [
        { grade: 'A', band: '1', priority: 'A1', label: 'Call within 5 minutes', slaPriority: 'hot' as const },
        { grade: 'B', band: '4', priority: 'B4', label: 'Nurture' },
      ].filter((entry) => withBands.some((band) => band.band === entry.band)),
    })
    const result = score(config, {})
    return [result.band, result.priority]
  }
  it.each([
    [60, 75, ['1', 'A1']],
    [59.999, 75, ['2', null]],
    [35, 50, ['2', null]],
    [0, 50, ['4', 'B4']],
    [100, 74.999, ['1', null]],
    [100, 10, ['1', null]],
  ] as const)('engagement %s, fit %s → band and priority %j', (engagement, fit, expected) => {
    expect(resultAt(engagement, fit)).toEqual(expected)
  })
  it('no band reached (no band starts at 0): band and priority are null', () => {
    expect(resultAt(10, 80, bands.slice(0, 3))).toEqual([null, null])
  })
  it('without bands, every result says null', () => {
    expect(score(buildConfig(), {})).toMatchObject({ band: null, priority: null })
  })
})

describe('bad input: refused with a path', () => {
  function errors(config: unknown, options?: Parameters<typeof parseScoringConfig>[1]): string[] {
    const parsed = parseScoringConfig(config, options)
    return parsed.ok ? [] : parsed.errors.map((e) => e.message)
  }
  const base = () => activityRule({})

  it('a where naming an unknown operator', () => {
    const config = activityRule({ where: { field: 'completed', op: 'equals', value: true } as never })
    expect(errors(config)).toEqual(['engagement.rules[0].where.op: unknown operator "equals"'])
  })
  it('a where naming a property no activity of its type declares', () => {
    const config = activityRule({ where: { field: 'url', op: 'present' } })
    expect(errors(config)).toEqual(['engagement.rules[0].where.field: unknown property "url": no property of that key is declared on activity "demo" (activities[].properties)'])
  })
  it('an activity condition inside a where', () => {
    const config = activityRule({ where: { activity: 'meeting' } })
    expect(errors(config)).toEqual(['engagement.rules[0].where: an activity condition cannot be used inside where (where reads the properties of one activity)'])
  })
  it('a band list not descending', () => {
    const config = base()
    config.engagement.bands = [
      { band: '1', minEngagement: 60 },
      { band: '2', minEngagement: 60 },
    ]
    expect(errors(config)).toEqual(['engagement.bands[1].minEngagement: bands go from the highest minEngagement down: 60 must be below engagement.bands[0].minEngagement (60)'])
  })
  it('a priority for a grade that does not exist, and for a band that does not', () => {
    const config = base()
    config.grades = [{ grade: 'A', minFit: 50 }]
    config.engagement.bands = [{ band: '1', minEngagement: 0 }]
    config.priorities = [{ grade: 'Z', band: '9', priority: 'Z9', label: 'Never' }]
    expect(errors(config)).toEqual(['priorities[0].grade: unknown grade "Z" (grades are "A")', 'priorities[0].band: unknown band "9" (engagement.bands are "1")'])
  })
  it('two priorities for one cell', () => {
    const config = base()
    config.grades = [{ grade: 'A', minFit: 50 }]
    config.engagement.bands = [{ band: '1', minEngagement: 0 }]
    config.priorities = [
      { grade: 'A', band: '1', priority: 'A1', label: 'Call' },
      { grade: 'A', band: '1', priority: 'A1b', label: 'Call again' },
    ]
    expect(errors(config)).toEqual(['priorities[1]: grade "A" and band "1" already have a priority (priorities[0])'])
  })
  it('since after until, and a date that is not an ISO date or carries an offset', () => {
    expect(errors(activityRule({ since: '2026-06-01', until: '2026-05-01' }))).toEqual(['engagement.rules[0].until: until (2026-05-01) is before since (2026-06-01): no date is inside'])
    expect(errors(activityRule({ since: '2026-13-01' }))).toEqual(['engagement.rules[0].since: is not a date on the calendar'])
    expect(errors(activityRule({ since: '2026-06-01T10:00:00+02:00' }))).toEqual([
      'engagement.rules[0].since: expected an ISO 8601 date such as "2025-01-01" or a UTC date-time such as "2025-01-01T09:30:00" (no offset)',
    ])
  })
  it('a config that says schemaVersion 1 but uses a format-2 construct', () => {
    const config = activityRule({ time: 'past' })
    config.schemaVersion = 1
    expect(errors(config)).toContain('engagement.rules[0].time: a time direction (past, future or any) is scoring format 2: set schemaVersion to 2')
    expect(errors(config)).toContain('activities[0].properties: properties declared on an activity type is scoring format 2: set schemaVersion to 2')
  })
  it('a format-2 config given to a reader that knows format 1 only', () => {
    const config = activityRule({ where: { field: 'completed', op: 'eq', value: true } })
    expect(featuresOfVersion2(config)).toEqual(['activities[0].properties (properties declared on an activity type)', 'activities[1].properties (properties declared on an activity type)', 'activities[2].properties (properties declared on an activity type)', 'engagement.rules[0].where (a condition on activity properties)'])
    expect(parseScoringConfig(config, { formats: [1] })).toEqual({
      ok: false,
      errors: [{ path: 'activities[0].properties', message: 'This config uses scoring format 2 (activities[0].properties: properties declared on an activity type); this reader knows format 1 only.' }],
    })
    const rule = buildConfig({ engagement: { max: 100, halfLifeDays: null, rules: [{ id: 'r', label: 'R', activity: 'demo_request', points: 1, halfLifeDays: null }] } })
    expect(parseScoringConfig(rule, { formats: [1] })).toMatchObject({
      ok: false,
      errors: [{ message: 'This config uses scoring format 2 (engagement.rules[0].halfLifeDays: a half-life of its own on an activity rule); this reader knows format 1 only.' }],
    })
    expect(parseScoringConfig(buildConfig(), { formats: [1] }).ok).toBe(true)
  })
  it('a lead whose activity properties hold an object or a list', () => {
    const parsed = LeadSchema.safeParse({ attributes: {}, activities: [{ type: 'demo', properties: { url: { href: '/pricing' } } }] })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['activities.0.properties.url'])
  })
})

describe('the exported version', () => {
  it('is 1 for a config that uses no format-2 construct, even one that says 2, and 2 otherwise', () => {
    const plain = { ...buildConfig(), schemaVersion: 2 as const }
    expect(formatVersionOf(plain)).toBe(1)
    expect(JSON.parse(configJson(plain)).schemaVersion).toBe(1)
    const v2 = activityRule({ time: 'past' })
    expect(JSON.parse(configJson(v2)).schemaVersion).toBe(2)
    expect(compile(JSON.parse(configJson(v2))).score({ attributes: {}, activities: [{ type: 'demo', at: AS_OF }] }, AS_OF).engagement).toBe(10)
  })
  it('puts bands after the engagement rules and priorities after the grades', () => {
    const config = base2()
    expect(Object.keys(JSON.parse(configJson(config)).engagement)).toEqual(['max', 'halfLifeDays', 'rules', 'bands'])
    expect(Object.keys(JSON.parse(configJson(config))).slice(-2)).toEqual(['grades', 'priorities'])
  })
})

function base2(): ScoringConfig {
  return buildConfig({
    engagement: { max: 100, halfLifeDays: null, rules: [], bands: [{ band: '1', minEngagement: 0 }] },
    grades: [{ grade: 'A', minFit: 0 }],
    priorities: [{ grade: 'A', band: '1', priority: 'A1', label: 'Call' }],
  })
}

describe('featuresOfVersion2: each construct alone makes a config format 2, with its path', () => {
  const demoRule = (extra: Record<string, unknown>) => (c: ScoringConfig) => {
    c.engagement.rules = [{ id: 'r', label: 'R', activity: 'demo_request', points: 1, ...extra } as ActivityRule]
  }
  it.each([
    ['activities[0].properties', (c: ScoringConfig) => (c.activities[0]!.properties = [{ key: 'url', label: 'URL', type: 'string' }])],
    ['engagement.rules[0].where', demoRule({ where: { all: [] } })],
    ['engagement.rules[0].time', demoRule({ time: 'any' })],
    ['engagement.rules[0].halfLifeDays', demoRule({ halfLifeDays: null })],
    ['engagement.rules[0].since', demoRule({ since: '2025-01-01' })],
    ['engagement.rules[0].until', demoRule({ until: '2025-01-01' })],
    ['engagement.bands', (c: ScoringConfig) => (c.engagement.bands = [])],
    ['priorities', (c: ScoringConfig) => (c.priorities = [])],
    ['fastTrack[0].withinDays', (c: ScoringConfig) => (c.fastTrack = [{ id: 'f', label: 'F', activity: 'demo_request', withinDays: 3 }])],
    ['sql.criteria[0].required', (c: ScoringConfig) => (c.sql.criteria = [{ id: 's', label: 'S', when: { all: [] }, required: false }])],
    ['fit.rules[0].when.not.any[0]', (c: ScoringConfig) => (c.fit.rules = [{ id: 'f', label: 'F', points: 1, when: { not: { any: [{ activity: 'demo_request' }] } } }])],
    ['disqualifiers[0].when.op', (c: ScoringConfig) => (c.disqualifiers = [{ id: 'd', label: 'D', when: { field: 'lastSeen', op: 'olderThanDays', value: 3 } }])],
    ['fastTrack[0].when.all[0].op', (c: ScoringConfig) => (c.fastTrack = [{ id: 'f', label: 'F', when: { all: [{ field: 'lastSeen', op: 'before', value: '2025-01-01' }] } }])],
    ['engagement.rules[0].when.op', (c: ScoringConfig) => (c.engagement.rules = [{ id: 'e', label: 'E', points: 1, when: { field: 'lastSeen', op: 'after', value: '2025-01-01' } }])],
  ] as [string, (c: ScoringConfig) => void][])('%s', (path, change) => {
    const config = buildConfig({ schemaVersion: 1 })
    change(config)
    expect(findPaths(config)).toEqual([path])
    expect(formatVersionOf(config)).toBe(2)
    expect(parseScoringConfig(config).ok).toBe(false)
    expect(parseScoringConfig({ ...config, schemaVersion: 2 }).ok).toBe(true)
    expect(parseScoringConfig({ ...config, schemaVersion: 2 }, { formats: [1] })).toMatchObject({ ok: false, errors: [{ path }] })
  })
})

function findPaths(config: ScoringConfig): string[] {
  return featuresOfVersion2(config).map((text) => text.slice(0, text.indexOf(' (')))
}
