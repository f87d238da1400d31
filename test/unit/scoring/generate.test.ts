import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { acmeScoringConfig, compile, EXPLAIN_MODES, parseScoringConfig, type Lead, type ScoringConfig } from '~/domain/scoring'
import { AS_OF, configArb, leadArb } from '../../support/format-1-arbitraries'
import { configArbV2, leadArbV2 } from '../../support/format-2-arbitraries'
import { PROPERTY_RUNS as RUNS } from '../../support/property-checks'

/*
 * The generated scorer (app/domain/scoring/generate.ts) against the closures it replaces
 * (compile with generateCode: false): the same results, to the bit and in the same order, in
 * every explanation mode; no config text in the generated source; and the closures wherever
 * code cannot be generated.
 */

/** Results as bytes: JSON keeps key order, and -0 and NaN would show as differences below. */
function expectSameResults(config: ScoringConfig, leads: readonly Lead[]) {
  const generated = compile(config)
  const closures = compile(config, { generateCode: false })
  // Twice over, so that any state a scorer keeps between leads is exercised.
  for (const lead of [...leads, ...leads]) {
    for (const explain of EXPLAIN_MODES) {
      const actual = generated.score(lead, AS_OF, explain)
      const expected = closures.score(lead, AS_OF, explain)
      expect(actual).toStrictEqual(expected)
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
      expect(Object.is(actual.engagement, expected.engagement)).toBe(true)
      expect(Object.is(actual.fit, expected.fit)).toBe(true)
    }
    // scoreMatches: the scores-only result, and each rule's byte as the full explanation tells it.
    const explained = closures.score(lead, AS_OF, 'all')
    const held = (ids: string[]) => (id: string) => (ids.includes(id) ? 1 : 0)
    const expectedBytes = [
      ...explained.contributions.map((contribution) => (contribution.matched ? 1 : 0)),
      ...config.disqualifiers.map((rule) => held(explained.disqualifiedBy)(rule.id)),
      ...config.fastTrack.map((rule) => held(explained.fastTrack)(rule.id)),
      ...config.sql.criteria.map((criterion) => held(explained.sqlMet)(criterion.id)),
    ]
    for (const scorer of [generated, closures]) {
      // Bytes left from an earlier lead must be overwritten.
      const matched = new Uint8Array(scorer.ruleCount).fill(7)
      expect(scorer.scoreMatches(lead, AS_OF, matched)).toStrictEqual(closures.score(lead, AS_OF, 'none'))
      expect([...matched]).toStrictEqual(expectedBytes)
    }
  }
  expect(generated.generated).toBe(true)
  expect(closures.generated).toBe(false)
}

afterEach(() => {
  vi.unstubAllGlobals()
})

/** The sources the engine generates (new Function) while `run` runs. */
function generatedSources(run: () => void): string[] {
  const sources: string[] = []
  const RealFunction = Function
  vi.stubGlobal(
    'Function',
    new Proxy(RealFunction, {
      construct(target, args: string[]) {
        sources.push(args.join('\n'))
        return Reflect.construct(target, args) as object
      },
    }),
  )
  try {
    run()
  } finally {
    vi.unstubAllGlobals()
  }
  return sources
}

/** The source the engine generates for scores only. */
function scoresOnlySource(config: ScoringConfig): string {
  return generatedSources(() => compile(config).score({ attributes: {}, activities: [] }, AS_OF, 'none')).join('\n')
}

describe('the generated scorer', () => {
  it(`equals the closures on ${RUNS} random format-1 configs and leads, in every explanation mode`, () => {
    fc.assert(
      fc.property(configArb, fc.array(leadArb, { minLength: 1, maxLength: 4 }), (config, leads) => {
        expectSameResults(config, leads)
      }),
      { numRuns: RUNS },
    )
  }, Math.max(120_000, RUNS * 20))

  it(`equals the closures on ${RUNS} random format-2 configs and leads (activity conditions, where, windows, bands)`, () => {
    fc.assert(
      fc.property(configArbV2, fc.array(leadArbV2, { minLength: 1, maxLength: 4 }), (config, leads) => {
        expectSameResults(config, leads)
      }),
      { numRuns: RUNS },
    )
  }, Math.max(120_000, RUNS * 20))

  it('remembers values per attribute without changing a result: past its limit, mostly-new values (emails) and mostly-seen ones (titles)', () => {
    const generated = compile(acmeScoringConfig)
    const closures = compile(acmeScoringConfig, { generateCode: false })
    // A long text is never kept, and scores as any other.
    const titles = ['VP Data', ' data ENGINEER', 'Intern', 'Head of Business Intelligence', '', 'Student', 'cto', `${'x'.repeat(300)} Analytics`]
    const domains = ['gmail.com', 'GMAIL.COM', 'northwind.example', 'datadash.com', 'x@gmail.com', 'hotmail.com ', '']
    let disqualified = 0
    // 5,000 leads: every email is new (the memory of emails fills and is given up), a title is
    // one of a few until lead 2,000, then new each time for 1,500 leads, then one of a few again.
    for (let i = 0; i < 5_000; i++) {
      const title = i >= 2_000 && i < 3_500 ? `Data person ${i}` : titles[i % titles.length]!
      const lead: Lead = {
        attributes: { jobTitle: title, seniority: i % 3 === 0 ? 'VP' : 'manager', email: `p${i}@${domains[i % domains.length]}`, company: 'Northwind', country: i % 2 ? 'us' : 'BR', employees: i % 7 === 0 ? '900' : 900 },
        activities: [],
      }
      for (const explain of EXPLAIN_MODES) expect(generated.score(lead, AS_OF, explain)).toStrictEqual(closures.score(lead, AS_OF, explain))
      if (generated.score(lead, AS_OF, 'none').stage === 'disqualified') disqualified++
    }
    expect(disqualified).toBeGreaterThan(1_000)
  })

  it('remembers conditions on email domains per domain without changing a result: case, spaces, several or no @, non-ASCII, many domains', () => {
    // Domains drawn from few characters, so that remembered ones recur with other local parts, in
    // other case and with spaces around; Σ, İ and ß change length or meaning when lower-cased.
    const domainArb = fc.oneof(
      fc.constantFrom('gmail.com', 'GMAIL.COM', 'gmail.com ', ' gmail.com', 'gmai l.com', 'acme.io', 'Acme.IO', 'σ.gr', 'Σ.gr', 'İ.tr', 'i̇.tr', 'ß.de', 'ss.de', '', '@gmail.com', 'x@acme.io'),
      fc.string({ unit: fc.constantFrom('a', 'B', '.', '-', '@', ' ', '\u00a0', 'Σ'), maxLength: 6 }),
    )
    const emailArb = fc.oneof(
      fc.tuple(fc.constantFrom('p', 'P', ' q', 'a.b', '', 'x@y'), domainArb).map(([local, domain]) => `${local}@${domain}`),
      fc.constantFrom('nodomain', '   ', 'GMAIL.COM', 'p@gmail.com\t'),
      fc.constantFrom(null, 7, true),
    )
    const listArb = fc.array(fc.constantFrom('gmail.com', '@Gmail.com', 'acme.io', 'σ.gr', 'Σ.GR', 'i̇.tr', 'ss.de', 'a.b', 'ab', 'B'), { minLength: 1, maxLength: 10 })
    fc.assert(
      fc.property(listArb, listArb, fc.boolean(), fc.array(emailArb, { minLength: 1, maxLength: 40 }), (inList, notInList, required, emails) => {
        const config: ScoringConfig = {
          ...acmeScoringConfig,
          fit: { max: 100, rules: [{ id: 'in', label: 'In', points: 30, when: { field: 'email', op: 'emailDomainIn', value: inList } }] },
          disqualifiers: [{ id: 'not-in', label: 'Not in', when: { field: 'email', op: 'emailDomainNotIn', value: notInList } }],
          fastTrack: [{ id: 'present', label: 'Present', when: { field: 'email', op: 'present' } }],
          required: required ? ['email'] : [],
        }
        expectSameResults(
          config,
          emails.map((email) => ({ attributes: { email }, activities: [] }) as Lead),
        )
      }),
      { numRuns: Math.max(20, RUNS / 5) },
    )
  }, Math.max(120_000, RUNS * 20))

  it('reads activities in one pass as the closures do: two rules on one type, dated fast tracks, undated, unknown and empty entries', () => {
    const config: ScoringConfig = {
      ...acmeScoringConfig,
      schemaVersion: 2,
      engagement: {
        max: 100,
        halfLifeDays: 30,
        rules: [
          { id: 'demo-recent', label: 'Demo, recent', activity: 'demo_request', points: 40, withinDays: 7 },
          { id: 'demo-any', label: 'Demo, any time', activity: 'demo_request', points: -5, maxPoints: 12, halfLifeDays: null },
          { id: 'pricing', label: 'Pricing', activity: 'pricing_view', points: 10, withinDays: 30, maxPoints: 25 },
        ],
      },
      fastTrack: [
        { id: 'ft-trial-week', label: 'Trial this week', activity: 'trial_start', withinDays: 7 },
        { id: 'ft-demo', label: 'Demo', activity: 'demo_request' },
      ],
    }
    const at = (days: number) => new Date(AS_OF - days * 86_400_000).toISOString()
    const activities: unknown[][] = [
      [],
      [{ type: 'demo_request', at: at(3) }, { type: 'demo_request', at: at(-2) }, { type: 'demo_request', at: at(40) }],
      [{ type: 'demo_request' }, { type: 'demo_request', at: 'not a date' }, null, 7, { type: 'unknown', at: at(1) }],
      [{ type: 'trial_start', at: at(8) }, { type: 'pricing_view', at: at(1) }, { type: 'pricing_view', at: at(2) }, { type: 'pricing_view', at: at(3) }],
      [{ type: 'trial_start', at: at(6.9) }, { type: 'trial_start' }, { type: 'pricing_view', at: String(AS_OF - 86_400_000) }],
    ]
    const leads = activities.map((list) => ({ attributes: { seniority: 'vp', employees: 2000, email: 'a@northwind.example', company: 'N', country: 'us' }, activities: list }) as Lead)
    expectSameResults(config, leads)
    const scorer = compile(config)
    expect(scorer.score(leads[1]!, AS_OF).contributions.filter((c) => c.matched).map((c) => c.ruleId)).toEqual(['fit-exec', 'fit-midmarket', 'fit-region', 'demo-recent', 'demo-any'])
    expect(scorer.score(leads[2]!, AS_OF).fastTrack).toEqual(['ft-demo'])
    expect(scorer.score(leads[3]!, AS_OF).fastTrack).toEqual([])
    expect(scorer.score(leads[4]!, AS_OF).fastTrack).toEqual(['ft-trial-week'])
  })

  it('reads activities by table as the closures do: one rule a type, half-lives (none, the model\'s, the rule\'s), undated fast tracks, types of one place', () => {
    // 'ax' and 'qx' share a place (length 2, first character's low bits 1), so configs counting both
    // read activities by switch; 'ax', 'bx', 'longer_type' differ, so by table. 'qx' and 'ay' in a lead
    // are compared with the key of their place and refused when they are not it.
    const TYPES = ['ax', 'bx', 'qx', 'longer_type']
    const at = (days: number, form: number): unknown => {
      const ms = AS_OF - days * 86_400_000
      const iso = new Date(ms).toISOString()
      return [iso, iso.slice(0, 19), `${new Date(ms + 7_200_000).toISOString().slice(0, 19)}+02:00`, ms, String(ms), 'not a date', undefined][form]
    }
    const ruleArb = (activity: string, i: number) =>
      fc.record(
        {
          id: fc.constant(`r${i}`),
          label: fc.constant(`Rule ${i}`),
          activity: fc.constant(activity),
          points: fc.constantFrom(10, -3, 2.5, 40, 0),
          withinDays: fc.constantFrom(1, 30, 90, 0.5),
          maxPoints: fc.constantFrom(5, 40, 12.5),
          halfLifeDays: fc.constantFrom(null, 0.5, 7, 30),
        },
        { requiredKeys: ['id', 'label', 'activity', 'points'] },
      )
    const configArb = fc
      .tuple(fc.subarray(TYPES, { minLength: 1 }), fc.subarray(TYPES), fc.constantFrom(null, 30, 0.5))
      .chain(([ruled, fastTracked, halfLifeDays]) =>
        fc.tuple(fc.tuple(...ruled.map(ruleArb)), fc.constant(fastTracked), fc.constant(halfLifeDays)),
      )
      .map(([rules, fastTracked, halfLifeDays]): ScoringConfig => ({
        ...acmeScoringConfig,
        schemaVersion: 2,
        activities: TYPES.map((key) => ({ key, label: key })),
        engagement: { max: 100, halfLifeDays, rules },
        fastTrack: fastTracked.map((activity, i) => ({ id: `ft${i}`, label: `Fast ${i}`, activity })),
      }))
    const activityArb = fc.record({ type: fc.constantFrom(...TYPES, 'ay', 'qx ', ''), at: fc.tuple(fc.integer({ min: -3, max: 100 }), fc.nat({ max: 6 })).map(([days, form]) => at(days, form)) })
    const leadArb = fc.array(activityArb, { maxLength: 8 }).map((activities): Lead => ({ attributes: { seniority: 'vp', employees: 2000, email: 'a@northwind.example', company: 'N', country: 'us' }, activities }))
    let byTable = 0
    fc.assert(
      fc.property(configArb, fc.array(leadArb, { minLength: 1, maxLength: 6 }), (config, leads) => {
        expectSameResults(config, leads)
        if (scoresOnlySource(config).includes('PA[')) byTable++
      }),
      { numRuns: Math.max(50, RUNS / 4) },
    )
    expect(byTable).toBeGreaterThan(10)
  }, Math.max(120_000, RUNS * 20))

  it('counts activities about the edge of each window as the closures do, though it reads the time only of those whose date may be inside', () => {
    // Dates from a week inside to a week outside each window, in every form (offsets up to ±23:59
    // move a timestamp most of a day from its date), by table (one rule a type, an undated fast
    // track) and by switch (two rules on one type, a dated fast track).
    const windowed = (rules: ScoringConfig['engagement']['rules'], fastTrack: ScoringConfig['fastTrack']): ScoringConfig => ({
      ...acmeScoringConfig,
      schemaVersion: 2,
      engagement: { max: 100, halfLifeDays: 30, rules },
      fastTrack,
    })
    const byTable = windowed(
      [
        { id: 'demo', label: 'Demo', activity: 'demo_request', points: 40, withinDays: 10 },
        { id: 'pricing', label: 'Pricing', activity: 'pricing_view', points: 10, withinDays: 0.5, maxPoints: 25 },
        { id: 'trial', label: 'Trial', activity: 'trial_start', points: 5 },
      ],
      [{ id: 'ft-demo', label: 'Demo', activity: 'demo_request' }],
    )
    const bySwitch = windowed(
      [
        { id: 'demo-recent', label: 'Demo, recent', activity: 'demo_request', points: 40, withinDays: 3 },
        { id: 'demo-month', label: 'Demo, this month', activity: 'demo_request', points: 5, withinDays: 30 },
        { id: 'pricing', label: 'Pricing', activity: 'pricing_view', points: 10, withinDays: 1 },
      ],
      [{ id: 'ft-pricing-week', label: 'Pricing this week', activity: 'pricing_view', withinDays: 7 }],
    )
    expect(scoresOnlySource(byTable)).toContain('PA[')
    expect(scoresOnlySource(bySwitch)).not.toContain('PA[')
    const pad = (n: number) => String(n).padStart(2, '0')
    const forms = (ms: number, offsetMinutes: number): string[] => {
      const iso = new Date(ms).toISOString()
      const sign = offsetMinutes < 0 ? '-' : '+'
      const zone = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
      const local = new Date(ms + offsetMinutes * 60_000).toISOString()
      return [iso, iso.slice(0, 19), iso.slice(0, 23), `${local.slice(0, 19)}${zone}`, `${local.slice(0, 23)}${zone}`, `${local.slice(0, 16)}${zone.replace(':', '')}`, iso.slice(0, 10)]
    }
    const leads: Lead[] = []
    for (const windowDays of [0.5, 1, 3, 7, 10, 30]) {
      for (let hours = -24 * 7; hours <= 24 * 7; hours += 5) {
        const ms = AS_OF - windowDays * 86_400_000 + hours * 3_600_000 + (hours % 7) * 61_001
        for (const offset of [0, 120, -300, 23 * 60 + 59, -(23 * 60 + 59)]) {
          const texts = forms(ms, offset)
          leads.push({
            attributes: { seniority: 'vp', employees: 2000, email: 'a@northwind.example', company: 'N', country: 'us' },
            activities: texts.flatMap((at, i) => [{ type: ['demo_request', 'pricing_view', 'trial_start'][i % 3]!, at }]),
          } as Lead)
        }
      }
    }
    for (const config of [byTable, bySwitch]) expectSameResults(config, leads)
    // Some leads count an activity and some do not (the edges are crossed).
    const engagements = new Set(leads.map((lead) => compile(byTable).score(lead, AS_OF, 'none').engagement))
    expect(engagements.size).toBeGreaterThan(10)
  }, 60_000)

  it('finds activity types as a Map of the keys would: by length, then text (keys of one length, other values, declared types no rule counts)', () => {
    // acme's pricing_view and demo_request are both 12 characters; page_view is declared by no rule.
    const at = new Date(AS_OF - 86_400_000).toISOString()
    const types: unknown[] = ['pricing_view', 'demo_request', 'trial_start', 'PRICING_VIEW', 'pricing_view ', 'pricing_vie', 'demo_requesT', 'page_view', '', 12, null, undefined, ['demo_request'], { length: 12 }, new String('demo_request'), 'constructor']
    const leads = types.map((type, i) => ({ attributes: { seniority: 'vp' }, activities: [{ type, at }, { type: types[(i * 5) % types.length], at }] }) as Lead)
    expectSameResults(acmeScoringConfig, leads)
    const both = { attributes: {}, activities: [{ type: 'pricing_view', at }, { type: 'demo_request', at }, { type: ['demo_request'], at }] } as unknown as Lead
    expect(compile(acmeScoringConfig).score(both, AS_OF, 'matched').contributions.map((c) => c.ruleId)).toEqual(compile(acmeScoringConfig, { generateCode: false }).score(both, AS_OF, 'matched').contributions.map((c) => c.ruleId))
    expect(compile(acmeScoringConfig).score(both, AS_OF, 'matched').contributions.length).toBeGreaterThanOrEqual(2)
  })

  it('gives fresh lists in full explanations and shared, frozen ones otherwise', () => {
    const scorer = compile(acmeScoringConfig)
    const lead: Lead = { attributes: { seniority: 'vp' }, activities: [] }
    const first = scorer.score(lead, AS_OF)
    const second = scorer.score(lead, AS_OF)
    expect(first.missing).toEqual(['email', 'company', 'country'])
    expect(first.disqualifiedBy).not.toBe(second.disqualifiedBy)
    expect(first.contributions).not.toBe(second.contributions)
    const none = scorer.score(lead, AS_OF, 'none')
    const noneAgain = scorer.score(lead, AS_OF, 'none')
    expect(none.contributions).toBe(noneAgain.contributions)
    expect(none.disqualifiedBy).toBe(noneAgain.disqualifiedBy)
    expect(Object.isFrozen(none.disqualifiedBy)).toBe(true)
    expect(none.missing).toEqual(['email', 'company', 'country'])
    // Outside `all`, a list that is not empty is shared too: made once per set of rules that held, frozen.
    expect(none.missing).toBe(noneAgain.missing)
    expect(Object.isFrozen(none.missing)).toBe(true)
    expect(first.missing).not.toBe(second.missing)
    expect(Object.isFrozen(first.missing)).toBe(false)
    const student: Lead = { attributes: { seniority: 'student', email: 'a@gmail.com' }, activities: [] }
    expect(scorer.score(student, AS_OF, 'none').disqualifiedBy).toEqual(['dq-student', 'dq-free-mail'])
    expect(scorer.score(student, AS_OF, 'matched').disqualifiedBy).toBe(scorer.score(student, AS_OF, 'matched').disqualifiedBy)
  })
})

describe('a config cannot inject code into the generated scorer', () => {
  /** Text that would break out of a string, a template, a comment or a line if it reached the source. */
  const HOSTILE = [`'`, `"`, '`', '*/', '/*', '${process.exit(1)}', '\\', '</script>', 'x\u2028', 'x\u2029']
  /** A key: no whitespace (so no line breaks) is allowed in one. */
  const hostile = (name: string) => `cfg${name}'"\`*/\${globalThis.injected=1}\\/*`
  const multiline = (name: string) => `${hostile(name)}\u2028\n}); globalThis.injected = 2; ({\u2029`

  const title = hostile('title')
  const size = hostile('size')
  const mail = hostile('mail')
  const visit = hostile('visit')
  const config: ScoringConfig = {
    schemaVersion: 2,
    fields: [
      { key: title, label: multiline('Title'), type: 'string' },
      { key: size, label: multiline('Size'), type: 'number' },
      { key: mail, label: multiline('Mail'), type: 'email' },
      { key: 'constructor', label: 'An Object.prototype name', type: 'string' },
    ],
    activities: [{ key: visit, label: multiline('Visit'), properties: [{ key: hostile('page'), label: multiline('Page'), type: 'string' }] }],
    fit: {
      max: 100,
      rules: [
        { id: hostile('r1'), label: multiline('Rule 1'), points: 10, when: { field: title, op: 'eq', value: multiline('Value') } },
        { id: hostile('r2'), label: multiline('Rule 2'), points: 20, when: { field: title, op: 'in', value: [...HOSTILE, multiline('x')] } },
        { id: hostile('r3'), label: multiline('Rule 3'), points: 30, when: { field: title, op: 'contains', value: '${' } },
        { id: hostile('r4'), label: multiline('Rule 4'), points: 5, when: { field: size, op: 'gte', value: 10 } },
        { id: hostile('r5'), label: multiline('Rule 5'), points: 7, when: { field: 'constructor', op: 'present' } },
      ],
    },
    engagement: {
      max: 100,
      halfLifeDays: 30,
      rules: [
        { id: hostile('e1'), label: multiline('Engagement 1'), activity: visit, points: 10, withinDays: 30 },
        {
          id: hostile('e2'),
          label: multiline('Engagement 2'),
          activity: visit,
          points: 5,
          where: { field: hostile('page'), op: 'startsWith', value: multiline('/pricing') },
        },
      ],
    },
    disqualifiers: [{ id: hostile('dq'), label: multiline('Disqualifier'), when: { field: mail, op: 'emailDomainIn', value: ["o'brien.example", 'x`y.example', '${z}.example'] } }],
    required: [title, mail],
    fastTrack: [{ id: hostile('ft'), label: multiline('Fast track'), when: { activity: visit, minCount: 2 } }],
    mql: { minFit: 10, minEngagement: 5 },
    sql: { criteria: [{ id: hostile('sql'), label: multiline('SQL'), when: { field: title, op: 'neq', value: '*/' } }], minMet: 1 },
    grades: [
      { grade: hostile('A'), minFit: 50 },
      { grade: multiline('B'), minFit: 0 },
    ],
  }
  const leads: Lead[] = [
    { attributes: { [title]: multiline('Value'), [size]: '12', [mail]: "me@O'Brien.example", constructor: 'x' }, activities: [{ type: visit, at: '2026-05-20T00:00:00Z' }] },
    { attributes: { [title]: '${', [mail]: 'a@${z}.example' }, activities: [{ type: visit, at: '2026-05-30', properties: { [hostile('page')]: `${multiline('/pricing')}/plans` } }, { type: visit }] },
    { attributes: { [title]: '`' }, activities: [] },
    { attributes: {}, activities: [] },
  ]

  it('is a valid config, and the generated source holds none of its text', () => {
    const parsed = parseScoringConfig(config)
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.message)).toEqual([])
    const scorer = compile(config)
    const sources = generatedSources(() => {
      for (const explain of EXPLAIN_MODES) scorer.score(leads[0]!, AS_OF, explain)
    })
    expect(sources).toHaveLength(3)
    expect(scorer.generated).toBe(true)
    for (const source of sources) {
      // Nothing a config says: no key, id, label, value or grade name, and none of the characters that could break out.
      for (const text of ['cfg', 'Rule', 'Value', 'pricing', 'brien', 'injected', 'constructor', 'Disqualifier']) expect(source).not.toContain(text)
      for (const text of ['"', '`', '*/', '/*', '${', '\\', '\u2028', '\u2029']) expect(source).not.toContain(text)
    }
    expect((globalThis as { injected?: unknown }).injected).toBeUndefined()
  })

  it('scores such a config exactly as the closures do', () => {
    const scorer = compile(config)
    const first = scorer.score(leads[0]!, AS_OF)
    expect(first.fit).toBe(10 + 30 + 5 + 7)
    expect(first.contributions.map((c) => c.ruleId)).toEqual([hostile('r1'), hostile('r2'), hostile('r3'), hostile('r4'), hostile('r5'), hostile('e1'), hostile('e2')])
    expect(first.disqualifiedBy).toEqual([hostile('dq')])
    const second = scorer.score(leads[1]!, AS_OF)
    expect(second.fit).toBe(30)
    expect(second.fastTrack).toEqual([hostile('ft')])
    expect(second.contributions.find((c) => c.ruleId === hostile('e2'))?.matched).toBe(true)
    expect(scorer.score(leads[2]!, AS_OF).fit).toBe(20)
    expect(scorer.score(leads[3]!, AS_OF).missing).toEqual([title, mail])
    expectSameResults(config, leads)
    expect((globalThis as { injected?: unknown }).injected).toBeUndefined()
  })
})

describe('where code cannot be generated', () => {
  it('falls back to the closures when the platform refuses to evaluate code (a Content-Security-Policy)', () => {
    const expected = compile(acmeScoringConfig, { generateCode: false })
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          throw new EvalError('Refused to evaluate a string as JavaScript because unsafe-eval is not allowed')
        },
      }),
    )
    const scorer = compile(acmeScoringConfig)
    const lead: Lead = {
      attributes: { seniority: 'VP', industry: 'SaaS', employees: 800, country: 'us', email: 'a@northwind.example', company: 'Northwind', budget: 30_000, need: 'high', timeline: 'this_quarter' },
      activities: [{ type: 'demo_request', at: '2026-05-20T10:00:00Z' }],
    }
    for (const explain of EXPLAIN_MODES) expect(scorer.score(lead, AS_OF, explain)).toStrictEqual(expected.score(lead, AS_OF, explain))
    expect(scorer.score(lead, AS_OF).stage).toBe('sql')
    expect(scorer.generated).toBe(false)
  })

  it('does not hide other errors of generation', () => {
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          throw new TypeError('something else')
        },
      }),
    )
    const scorer = compile(acmeScoringConfig)
    expect(() => scorer.score({ attributes: {}, activities: [] }, AS_OF)).toThrow('something else')
  })
})
