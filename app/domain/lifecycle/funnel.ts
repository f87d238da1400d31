import { z } from 'zod'

/**
 * Funnel math for the lifecycle step (DESIGN §2.6). The reverse funnel works back from a revenue
 * target to the leads needed per month; the forward funnel says what a month's MQLs are expected
 * to produce.
 *
 * Rounding (reverse funnel): a stage's count is the smallest whole number that, at its conversion
 * rate, yields at least the next stage's whole count: customers = ⌈revenue ÷ deal size⌉, then
 * opportunities = ⌈customers ÷ rate⌉, and so on up to leads. Rounding therefore compounds on
 * purpose: each count is enough for the rounded count below it, so the leads asked for always
 * cover the target, and the table reads consistently (9 opportunities at 25% never claim to make
 * 3 customers). The unrounded chain is returned too (`exactPerMonth`). Values within 1e-9 (relative)
 * of a whole number count as that number, so 21 ÷ 0.35 (60.00000000000001 in floating point) asks for 60, not 61.
 *
 * SAL is optional: with SAL on, MQL → SAL and SAL → SQL are used; with it off, the single rate
 * MQL → SQL.
 */

export type FunnelStageKey = 'lead' | 'mql' | 'sal' | 'sql' | 'opportunity' | 'customer'

export interface FunnelRates {
  leadToMql: number
  /** Used when SAL is on. */
  mqlToSal?: number | null
  /** Used when SAL is on. */
  salToSql?: number | null
  /** Used when SAL is off. */
  mqlToSql?: number | null
  sqlToOpportunity: number
  opportunityToCustomer: number
}

export type FunnelRateKey = keyof FunnelRates

/** Form values arrive as text: blank means "not given". */
function blankToNull(value: unknown) {
  return value === '' || value === undefined ? null : value
}

function checkboxToBoolean(value: unknown) {
  return value === true || value === 'on' || value === 'true'
}

const RateSchema = z.coerce
  .number({ error: 'Enter a conversion rate between 0 and 1 (0.25 = 25%).' })
  .gt(0, 'Must be more than 0: at 0% nothing ever moves on to the next stage.')
  .max(1, 'At most 1 (100%).')

const OptionalRateSchema = z.preprocess(blankToNull, RateSchema.nullable())

const MoneySchema = (what: string) =>
  z.coerce
    .number({ error: `Enter the ${what} as a number.` })
    .positive(`The ${what} must be more than zero.`)
    .max(1e12, `The ${what} must be under 1,000,000,000,000.`)

export const FunnelRatesSchema = z.object({
  leadToMql: RateSchema,
  mqlToSal: OptionalRateSchema,
  salToSql: OptionalRateSchema,
  mqlToSql: OptionalRateSchema,
  sqlToOpportunity: RateSchema,
  opportunityToCustomer: RateSchema,
})

const SalEnabledSchema = z.preprocess(checkboxToBoolean, z.boolean())

function requireRatesForSal(input: { rates: z.infer<typeof FunnelRatesSchema>; salEnabled: boolean }, ctx: z.RefinementCtx) {
  const needed: [FunnelRateKey, string][] = input.salEnabled
    ? [
        ['mqlToSal', 'Enter the MQL → SAL rate, or switch the SAL stage off.'],
        ['salToSql', 'Enter the SAL → SQL rate, or switch the SAL stage off.'],
      ]
    : [['mqlToSql', 'Enter the MQL → SQL rate (the SAL stage is off).']]
  for (const [key, message] of needed) {
    if (input.rates[key] == null) ctx.addIssue({ code: 'custom', path: ['rates', key], message })
  }
}

/** The reverse funnel form: from a revenue target to the leads needed per month. */
export const FunnelInputSchema = z
  .object({
    revenueTarget: MoneySchema('revenue target'),
    periodMonths: z.coerce
      .number({ error: 'Enter the number of months the target covers.' })
      .int('Use a whole number of months.')
      .min(1, 'At least one month.')
      .max(60, 'At most 60 months.'),
    averageDealSize: MoneySchema('average deal size'),
    rates: FunnelRatesSchema,
    salEnabled: SalEnabledSchema,
  })
  .superRefine(requireRatesForSal)
export type FunnelInput = z.infer<typeof FunnelInputSchema>

/** The forward funnel: what a month's MQLs are expected to bring in. */
export const ForwardFunnelInputSchema = z
  .object({
    mqlsPerMonth: z.coerce
      .number({ error: 'Enter the number of MQLs per month.' })
      .min(0, 'Cannot be negative.')
      .max(Number.MAX_SAFE_INTEGER, 'More MQLs than can be counted.'),
    averageDealSize: MoneySchema('average deal size'),
    rates: FunnelRatesSchema,
    salEnabled: SalEnabledSchema,
  })
  .superRefine(requireRatesForSal)
export type ForwardFunnelInput = z.infer<typeof ForwardFunnelInputSchema>

export interface ReverseFunnelRequest {
  revenueTarget: number
  periodMonths: number
  averageDealSize: number
  rates: FunnelRates
  salEnabled: boolean
}

export interface ForwardFunnelRequest {
  mqlsPerMonth: number
  averageDealSize: number
  rates: FunnelRates
  salEnabled: boolean
}

export interface RateUsed {
  key: FunnelRateKey
  from: FunnelStageKey
  to: FunnelStageKey
  /** "MQL → SAL" */
  label: string
  rate: number
}

export interface FunnelCounts {
  leads: number
  mqls: number
  /** null when the SAL stage is off. */
  sals: number | null
  sqls: number
  opportunities: number
  customers: number
}

export interface ReverseFunnel {
  revenuePerMonth: number
  /** Whole counts, rounded up stage by stage (see the rounding note at the top of this file). */
  perMonth: FunnelCounts
  /** The unrounded chain: revenue ÷ deal size, divided by each rate in turn. */
  exactPerMonth: FunnelCounts
  /** Expected revenue per month from `perMonth.leads`; at least `revenuePerMonth`. */
  expectedRevenuePerMonth: number
  ratesUsed: RateUsed[]
}

export interface ForwardFunnel {
  /** Expected (average) numbers, not rounded: 7.5 customers means 15 every two months. */
  perMonth: Omit<FunnelCounts, 'leads'>
  revenuePerMonth: number
  ratesUsed: RateUsed[]
}

export type FunnelIssue = { path: string; message: string }

export type FunnelResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'invalid-input'; issues: FunnelIssue[] }
  | { ok: false; reason: 'out-of-range'; message: string }

const STAGE_LABELS: Record<FunnelStageKey, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
}

/** The rates along the funnel, top to bottom, with the SAL step or without it. */
function ratesAlongFunnel(rates: FunnelRates, salEnabled: boolean): RateUsed[] {
  const step = (key: FunnelRateKey, from: FunnelStageKey, to: FunnelStageKey): RateUsed => {
    const rate = rates[key]
    if (rate == null) throw new Error(`Rate ${key} is missing; validate with the funnel schema first.`)
    return { key, from, to, label: `${STAGE_LABELS[from]} → ${STAGE_LABELS[to]}`, rate }
  }
  return [
    step('leadToMql', 'lead', 'mql'),
    ...(salEnabled ? [step('mqlToSal', 'mql', 'sal'), step('salToSql', 'sal', 'sql')] : [step('mqlToSql', 'mql', 'sql')]),
    step('sqlToOpportunity', 'sql', 'opportunity'),
    step('opportunityToCustomer', 'opportunity', 'customer'),
  ]
}

/** How close (relative) to a whole number a count may be and still be taken as that number. */
export const WHOLE_NUMBER_TOLERANCE = 1e-9

/** ⌈value⌉, except that a value within floating-point noise of a whole number is that number. */
function wholeUp(value: number): number {
  const nearest = Math.round(value)
  return Math.abs(value - nearest) <= WHOLE_NUMBER_TOLERANCE * Math.max(1, Math.abs(value)) ? nearest : Math.ceil(value)
}

function issuesOf(error: z.ZodError): FunnelIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

function countsFrom(byStage: Partial<Record<FunnelStageKey, number>>): FunnelCounts {
  return {
    leads: byStage.lead!,
    mqls: byStage.mql!,
    sals: byStage.sal ?? null,
    sqls: byStage.sql!,
    opportunities: byStage.opportunity!,
    customers: byStage.customer!,
  }
}

/** From a revenue target per period to the customers, opportunities, SQLs, SALs, MQLs and leads needed per month. */
export function reverseFunnel(request: ReverseFunnelRequest): FunnelResult<ReverseFunnel> {
  const parsed = FunnelInputSchema.safeParse(request)
  if (!parsed.success) return { ok: false, reason: 'invalid-input', issues: issuesOf(parsed.error) }
  const input = parsed.data

  const ratesUsed = ratesAlongFunnel(input.rates, input.salEnabled)
  const revenuePerMonth = input.revenueTarget / input.periodMonths
  const exact: Partial<Record<FunnelStageKey, number>> = { customer: revenuePerMonth / input.averageDealSize }
  const whole: Partial<Record<FunnelStageKey, number>> = { customer: wholeUp(exact.customer!) }
  for (const step of [...ratesUsed].reverse()) {
    exact[step.from] = exact[step.to]! / step.rate
    whole[step.from] = wholeUp(whole[step.to]! / step.rate)
  }
  if (!Number.isSafeInteger(whole.lead)) {
    return { ok: false, reason: 'out-of-range', message: 'These rates and this target need more leads than can be counted: check the conversion rates and the revenue target.' }
  }
  const expectedRevenuePerMonth = ratesUsed.reduce((count, step) => count * step.rate, whole.lead!) * input.averageDealSize
  return {
    ok: true,
    value: { revenuePerMonth, perMonth: countsFrom(whole), exactPerMonth: countsFrom(exact), expectedRevenuePerMonth, ratesUsed },
  }
}

/** What a month's MQLs are expected to produce: SALs, SQLs, opportunities, customers and revenue. */
export function forwardFunnel(request: ForwardFunnelRequest): FunnelResult<ForwardFunnel> {
  const parsed = ForwardFunnelInputSchema.safeParse(request)
  if (!parsed.success) return { ok: false, reason: 'invalid-input', issues: issuesOf(parsed.error) }
  const input = parsed.data

  const ratesUsed = ratesAlongFunnel(input.rates, input.salEnabled).filter((step) => step.from !== 'lead')
  const expected: Partial<Record<FunnelStageKey, number>> = { mql: input.mqlsPerMonth }
  for (const step of ratesUsed) expected[step.to] = expected[step.from]! * step.rate
  const { leads: _leads, ...perMonth } = countsFrom({ ...expected, lead: 0 })
  return { ok: true, value: { perMonth, revenuePerMonth: expected.customer! * input.averageDealSize, ratesUsed } }
}
