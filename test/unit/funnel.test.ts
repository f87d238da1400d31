import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  forwardFunnel,
  ForwardFunnelInputSchema,
  FunnelInputSchema,
  reverseFunnel,
  type FunnelRates,
  type ReverseFunnel,
  type ReverseFunnelRequest,
  WHOLE_NUMBER_TOLERANCE,
} from '~/domain/lifecycle/funnel'
import { defaultStages, funnelRatesFromStages, inLifecycleOrder, LifecycleStageSchema, LifecycleStagesSchema, type LifecycleStage } from '~/domain/lifecycle/stages'

const withSal: FunnelRates = { leadToMql: 0.1, mqlToSal: 0.8, salToSql: 0.5, sqlToOpportunity: 0.5, opportunityToCustomer: 0.25 }
const withoutSal: FunnelRates = { leadToMql: 0.1, mqlToSql: 0.4, sqlToOpportunity: 0.5, opportunityToCustomer: 0.25 }

function reverse(request: ReverseFunnelRequest): ReverseFunnel {
  const result = reverseFunnel(request)
  if (!result.ok) throw new Error(`expected a funnel, got ${JSON.stringify(result)}`)
  return result.value
}

describe('reverseFunnel', () => {
  it.each([
    {
      name: 'a quarter’s target with SAL',
      request: { revenueTarget: 300_000, periodMonths: 3, averageDealSize: 10_000, rates: withSal, salEnabled: true },
      // 100k a month = 10 customers → 40 opportunities → 80 SQLs → 160 SALs → 200 MQLs → 2,000 leads
      perMonth: { customers: 10, opportunities: 40, sqls: 80, sals: 160, mqls: 200, leads: 2000 },
    },
    {
      name: 'the same without SAL (one MQL → SQL rate)',
      request: { revenueTarget: 300_000, periodMonths: 3, averageDealSize: 10_000, rates: withoutSal, salEnabled: false },
      perMonth: { customers: 10, opportunities: 40, sqls: 80, sals: null, mqls: 200, leads: 2000 },
    },
    {
      name: 'a yearly target that does not divide evenly: every count rounds up',
      request: { revenueTarget: 1_000_000, periodMonths: 12, averageDealSize: 30_000, rates: withSal, salEnabled: true },
      // 83,333.33 a month ÷ 30k = 2.78 → 3 customers → 12 → 24 → 48 → 60 → 600
      perMonth: { customers: 3, opportunities: 12, sqls: 24, sals: 48, mqls: 60, leads: 600 },
    },
    {
      name: 'rounding compounds: each stage covers the rounded stage below it',
      request: { revenueTarget: 21_000, periodMonths: 1, averageDealSize: 10_000, rates: { ...withoutSal, opportunityToCustomer: 0.3, sqlToOpportunity: 0.7, mqlToSql: 0.35, leadToMql: 0.15 }, salEnabled: false },
      // 2.1 → 3 customers; 3 ÷ 0.3 = 10; 10 ÷ 0.7 = 14.29 → 15; 15 ÷ 0.35 = 42.86 → 43; 43 ÷ 0.15 = 286.67 → 287
      perMonth: { customers: 3, opportunities: 10, sqls: 15, sals: null, mqls: 43, leads: 287 },
    },
    {
      name: 'floating-point noise does not add a lead',
      request: { revenueTarget: 210_000, periodMonths: 1, averageDealSize: 10_000, rates: { ...withoutSal, opportunityToCustomer: 0.35 }, salEnabled: false },
      // 21 ÷ 0.35 is 60.00000000000001 in floating point: 60 opportunities, not 61
      perMonth: { customers: 21, opportunities: 60, sqls: 120, sals: null, mqls: 300, leads: 3000 },
    },
  ])('$name', ({ request, perMonth }) => {
    expect(reverse(request).perMonth).toEqual(perMonth)
  })

  it('returns the unrounded chain and the rates it used, in funnel order', () => {
    const funnel = reverse({ revenueTarget: 1_000_000, periodMonths: 12, averageDealSize: 30_000, rates: withSal, salEnabled: true })
    expect(funnel.revenuePerMonth).toBeCloseTo(83_333.333, 3)
    expect(funnel.exactPerMonth.customers).toBeCloseTo(2.7778, 4)
    expect(funnel.exactPerMonth.leads).toBeCloseTo(2.7778 / (0.25 * 0.5 * 0.5 * 0.8 * 0.1), 2)
    expect(funnel.ratesUsed.map((step) => [step.label, step.rate])).toEqual([
      ['Lead → MQL', 0.1],
      ['MQL → SAL', 0.8],
      ['SAL → SQL', 0.5],
      ['SQL → Opportunity', 0.5],
      ['Opportunity → Customer', 0.25],
    ])
    expect(reverse({ revenueTarget: 1, periodMonths: 1, averageDealSize: 1, rates: withoutSal, salEnabled: false }).ratesUsed.map((step) => step.key)).toEqual([
      'leadToMql',
      'mqlToSql',
      'sqlToOpportunity',
      'opportunityToCustomer',
    ])
  })

  // A count within WHOLE_NUMBER_TOLERANCE of a whole number is taken as that number, so a rounded
  // count may fall short of the exact one by that much; the chain of products adds a few ulps more.
  // (Found by a run at seed 874669832: short by the tolerance plus one ulp.)
  const atLeast = 1 - WHOLE_NUMBER_TOLERANCE - 1e-12

  const requestArb = fc.record({
    revenueTarget: fc.double({ min: 1, max: 1e8, noNaN: true }),
    periodMonths: fc.constantFrom(1, 3, 6, 12),
    averageDealSize: fc.double({ min: 100, max: 1e6, noNaN: true }),
    salEnabled: fc.boolean(),
    rates: fc.record({
      leadToMql: fc.double({ min: 0.01, max: 1, noNaN: true }),
      mqlToSal: fc.double({ min: 0.01, max: 1, noNaN: true }),
      salToSql: fc.double({ min: 0.01, max: 1, noNaN: true }),
      mqlToSql: fc.double({ min: 0.01, max: 1, noNaN: true }),
      sqlToOpportunity: fc.double({ min: 0.01, max: 1, noNaN: true }),
      opportunityToCustomer: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
  })

  it('asks for enough at every stage, and no more than one short of enough', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const funnel = reverse(request)
        const counts = funnel.perMonth
        const byStage: Record<string, number | null> = { lead: counts.leads, mql: counts.mqls, sal: counts.sals, sql: counts.sqls, opportunity: counts.opportunities, customer: counts.customers }
        expect(counts.customers * request.averageDealSize).toBeGreaterThanOrEqual(funnel.revenuePerMonth * atLeast)
        expect((counts.customers - 1) * request.averageDealSize).toBeLessThan(funnel.revenuePerMonth)
        for (const step of funnel.ratesUsed) {
          const from = byStage[step.from]!
          const to = byStage[step.to]!
          expect(Number.isInteger(from)).toBe(true)
          expect(from * step.rate).toBeGreaterThanOrEqual(to * (1 - 1e-9))
          expect((from - 1) * step.rate).toBeLessThan(to)
        }
        expect(funnel.expectedRevenuePerMonth).toBeGreaterThanOrEqual(funnel.revenuePerMonth * atLeast)
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with the forward funnel: the exact MQLs give the target, the rounded MQLs at least the target', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const funnel = reverse(request)
        const forward = (mqlsPerMonth: number) => {
          const result = forwardFunnel({ mqlsPerMonth, averageDealSize: request.averageDealSize, rates: request.rates, salEnabled: request.salEnabled })
          if (!result.ok) throw new Error(JSON.stringify(result))
          return result.value
        }
        const exact = forward(funnel.exactPerMonth.mqls)
        expect(exact.revenuePerMonth).toBeCloseTo(funnel.revenuePerMonth, 6)
        expect(exact.perMonth.customers).toBeCloseTo(funnel.exactPerMonth.customers, 9)
        expect(forward(funnel.perMonth.mqls).revenuePerMonth).toBeGreaterThanOrEqual(funnel.revenuePerMonth * atLeast)
      }),
      { numRuns: 500 },
    )
  })

  it.each([
    { name: 'a zero conversion rate', change: { rates: { ...withSal, salToSql: 0 } }, path: 'rates.salToSql', message: 'more than 0' },
    { name: 'a rate above 100%', change: { rates: { ...withSal, leadToMql: 1.2 } }, path: 'rates.leadToMql', message: 'At most 1' },
    { name: 'a missing SAL rate with SAL on', change: { rates: { ...withSal, mqlToSal: null } }, path: 'rates.mqlToSal', message: 'switch the SAL stage off' },
    { name: 'a missing MQL → SQL rate with SAL off', change: { salEnabled: false }, path: 'rates.mqlToSql', message: 'MQL → SQL' },
    { name: 'no revenue target', change: { revenueTarget: 0 }, path: 'revenueTarget', message: 'more than zero' },
    { name: 'a negative deal size', change: { averageDealSize: -5 }, path: 'averageDealSize', message: 'more than zero' },
    { name: 'an infinite target', change: { revenueTarget: Infinity }, path: 'revenueTarget', message: 'as a number' },
    { name: 'NaN', change: { averageDealSize: NaN }, path: 'averageDealSize', message: 'number' },
    { name: 'half a month', change: { periodMonths: 1.5 }, path: 'periodMonths', message: 'whole number' },
  ])('refuses $name with a typed result instead of NaN or Infinity', ({ change, path, message }) => {
    const result = reverseFunnel({ revenueTarget: 100_000, periodMonths: 1, averageDealSize: 10_000, rates: withSal, salEnabled: true, ...change })
    expect(result.ok).toBe(false)
    if (result.ok || result.reason !== 'invalid-input') throw new Error('expected invalid input')
    expect(result.issues).toContainEqual({ path, message: expect.stringContaining(message) })
  })

  it('refuses a funnel whose leads cannot be counted', () => {
    const tiny = { leadToMql: 1e-6, mqlToSal: 1e-6, salToSql: 1e-6, sqlToOpportunity: 1e-6, opportunityToCustomer: 1e-6 }
    const result = reverseFunnel({ revenueTarget: 1e12, periodMonths: 1, averageDealSize: 1, rates: tiny, salEnabled: true })
    expect(result).toMatchObject({ ok: false, reason: 'out-of-range' })
  })
})

describe('forwardFunnel', () => {
  it('says what this month’s MQLs are expected to produce', () => {
    const result = forwardFunnel({ mqlsPerMonth: 200, averageDealSize: 10_000, rates: withSal, salEnabled: true })
    expect(result).toEqual({
      ok: true,
      value: {
        perMonth: { mqls: 200, sals: 160, sqls: 80, opportunities: 40, customers: 10 },
        revenuePerMonth: 100_000,
        ratesUsed: expect.any(Array),
      },
    })
    if (result.ok) expect(result.value.ratesUsed.map((step) => step.key)).toEqual(['mqlToSal', 'salToSql', 'sqlToOpportunity', 'opportunityToCustomer'])
  })

  it('skips SAL when it is off and keeps fractions (expected values)', () => {
    const result = forwardFunnel({ mqlsPerMonth: 45, averageDealSize: 12_000, rates: withoutSal, salEnabled: false })
    expect(result.ok && result.value.perMonth).toEqual({ mqls: 45, sals: null, sqls: 18, opportunities: 9, customers: 2.25 })
    expect(result.ok && result.value.revenuePerMonth).toBe(27_000)
  })

  it('refuses negative MQLs', () => {
    expect(forwardFunnel({ mqlsPerMonth: -1, averageDealSize: 1, rates: withSal, salEnabled: true })).toMatchObject({ ok: false, reason: 'invalid-input' })
  })
})

describe('funnel form schemas', () => {
  it('read posted text: numbers, blank rates and the SAL checkbox', () => {
    const posted = {
      revenueTarget: '300000',
      periodMonths: '3',
      averageDealSize: '10000',
      salEnabled: 'on',
      rates: { leadToMql: '0.1', mqlToSal: '0.8', salToSql: '0.5', mqlToSql: '', sqlToOpportunity: '0.5', opportunityToCustomer: '0.25' },
    }
    expect(FunnelInputSchema.parse(posted)).toEqual({
      revenueTarget: 300_000,
      periodMonths: 3,
      averageDealSize: 10_000,
      salEnabled: true,
      rates: { ...withSal, mqlToSql: null },
    })
    const unchecked = ForwardFunnelInputSchema.safeParse({ mqlsPerMonth: '200', averageDealSize: '10000', rates: posted.rates })
    expect(unchecked.success).toBe(false)
    expect(unchecked.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['rates.mqlToSql'])
  })

  it('says what is wrong with an empty money field', () => {
    const result = FunnelInputSchema.safeParse({ revenueTarget: '', periodMonths: '1', averageDealSize: '1', rates: withSal, salEnabled: true })
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['revenueTarget'], message: 'The revenue target must be more than zero.' })])
  })
})

describe('lifecycle stages', () => {
  it('the defaults are valid, complete and in lifecycle order', () => {
    expect(LifecycleStagesSchema.safeParse(defaultStages).success).toBe(true)
    expect(inLifecycleOrder([...defaultStages].reverse()).map((stage) => stage.key)).toEqual(['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'])
  })

  const stage = (key: LifecycleStage['key']) => defaultStages.find((candidate) => candidate.key === key)!

  it.each([
    { name: 'switching off a stage other than SAL', input: { ...stage('sql'), enabled: false }, path: 'enabled', message: 'Only the SAL stage' },
    { name: 'a funnel stage without a rate', input: { ...stage('mql'), conversionRateToNext: null }, path: 'conversionRateToNext', message: 'target conversion rate' },
    { name: 'a rate on Customer', input: { ...stage('customer'), conversionRateToNext: 0.5 }, path: 'conversionRateToNext', message: 'leave the conversion rate empty' },
    { name: 'a rate above 1', input: { ...stage('lead'), conversionRateToNext: 1.5 }, path: 'conversionRateToNext', message: 'At most 1' },
    { name: 'negative days', input: { ...stage('lead'), typicalDays: -1 }, path: 'typicalDays', message: 'negative' },
    { name: 'no typical days on a stage people pass through', input: { ...stage('sql'), typicalDays: null }, path: 'typicalDays', message: 'typical number of days' },
    { name: 'a blank definition', input: { ...stage('sql'), definition: '  ' }, path: 'definition', message: 'Describe the definition' },
  ])('refuses $name', ({ input, path, message }) => {
    const result = LifecycleStageSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))).toContainEqual({ path, message: expect.stringContaining(message) })
  })

  it('accepts SAL switched off without a rate, and form text', () => {
    expect(LifecycleStageSchema.safeParse({ ...stage('sal'), enabled: 'false', conversionRateToNext: '' }).data).toMatchObject({ enabled: false, conversionRateToNext: null })
    expect(LifecycleStageSchema.parse({ ...stage('lead'), conversionRateToNext: '0.2', typicalDays: '14', enabled: 'on' })).toMatchObject({ conversionRateToNext: 0.2, typicalDays: 14, enabled: true })
  })

  it('refuses a list with a stage missing or twice', () => {
    const result = LifecycleStagesSchema.safeParse([...defaultStages.filter((candidate) => candidate.key !== 'recycled'), stage('lead')])
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['The lead stage is listed twice.', 'Missing stages: recycled.'])
  })

  it('feeds the funnel calculator with the stages’ rates', () => {
    expect(funnelRatesFromStages(defaultStages)).toEqual({
      ok: true,
      value: { salEnabled: true, rates: { leadToMql: 0.12, mqlToSal: 0.8, salToSql: 0.5, mqlToSql: null, sqlToOpportunity: 0.6, opportunityToCustomer: 0.25 } },
    })
    const salOff = defaultStages.map((candidate) => (candidate.key === 'sal' ? { ...candidate, enabled: false } : candidate))
    // With SAL off, the MQL stage's rate is the rate straight to SQL.
    expect(funnelRatesFromStages(salOff)).toEqual({
      ok: true,
      value: { salEnabled: false, rates: { leadToMql: 0.12, mqlToSal: null, salToSql: null, mqlToSql: 0.8, sqlToOpportunity: 0.6, opportunityToCustomer: 0.25 } },
    })
    const result = funnelRatesFromStages(salOff)
    if (!result.ok) throw new Error('expected rates')
    expect(reverseFunnel({ revenueTarget: 120_000, periodMonths: 12, averageDealSize: 10_000, ...result.value })).toMatchObject({ ok: true })
  })

  it('says which stage is missing a rate', () => {
    expect(funnelRatesFromStages(defaultStages.filter((candidate) => candidate.key !== 'opportunity'))).toMatchObject({ ok: false, reason: 'missing-stage', stage: 'opportunity' })
    expect(funnelRatesFromStages(defaultStages.map((candidate) => (candidate.key === 'sql' ? { ...candidate, conversionRateToNext: null } : candidate)))).toMatchObject({
      ok: false,
      reason: 'missing-rate',
      stage: 'sql',
    })
  })
})
