import { z } from 'zod'
import { plainText } from '../text'
import type { FunnelRates } from './funnel'

/**
 * Lifecycle stages (DESIGN §2.6): Lead → MQL → SAL (optional) → SQL → Opportunity → Customer,
 * plus the side stages Recycled/Nurture and Disqualified.
 *
 * `conversionRateToNext` is the target share that moves on to the next *enabled* funnel stage: with
 * SAL switched off, the MQL rate is MQL → SQL and the SAL rate is ignored. Recycled may carry the
 * share that comes back as MQLs (not used by the funnel calculator); Customer and Disqualified have
 * none.
 */

export const LIFECYCLE_STAGE_KEYS = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'] as const
export type LifecycleStageKey = (typeof LIFECYCLE_STAGE_KEYS)[number]

/** The stages a lead moves through towards revenue, in order; the others are side stages. */
export const FUNNEL_STAGE_KEYS = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const

export const STAGE_OWNERS = ['marketing', 'sales', 'shared'] as const
export type StageOwner = (typeof STAGE_OWNERS)[number]

/** Stages that end the journey: no conversion rate and no typical time in stage. */
export const TERMINAL_STAGES: readonly LifecycleStageKey[] = ['customer', 'disqualified']

/** Form values arrive as text: blank means "not given". */
function blankToNull(value: unknown) {
  return value === '' || value === undefined ? null : value
}

const TextSchema = (what: string, max: number, multiline = true) =>
  plainText({
    max,
    multiline,
    trim: false,
    label: `The ${what}`,
    error: `Describe the ${what}.`,
    tooLong: `Keep the ${what} under ${max.toLocaleString('en')} characters.`,
  }).regex(/\S/, `Describe the ${what}.`)

export const LifecycleStageSchema = z
  .object({
    key: z.enum(LIFECYCLE_STAGE_KEYS, { error: 'Unknown stage.' }),
    label: TextSchema('stage name', 80, false),
    definition: TextSchema('definition', 2000),
    entryCriteria: TextSchema('entry criteria', 2000),
    exitCriteria: TextSchema('exit criteria', 2000),
    owner: z.enum(STAGE_OWNERS, { error: 'Choose marketing, sales or shared.' }),
    conversionRateToNext: z.preprocess(
      blankToNull,
      z.coerce
        .number({ error: 'Enter a conversion rate between 0 and 1 (0.25 = 25%).' })
        .gt(0, 'Must be more than 0: at 0% nothing ever moves on to the next stage.')
        .max(1, 'At most 1 (100%).')
        .nullable(),
    ),
    typicalDays: z.preprocess(
      blankToNull,
      z.coerce
        .number({ error: 'Enter the typical number of days in this stage.' })
        .min(0, 'Cannot be negative.')
        .max(3650, 'At most 3,650 days.')
        .nullable(),
    ),
    enabled: z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean()),
  })
  .superRefine((stage, ctx) => {
    if (!stage.enabled && stage.key !== 'sal') {
      ctx.addIssue({ code: 'custom', path: ['enabled'], message: 'Only the SAL stage can be switched off.' })
    }
    const terminal = TERMINAL_STAGES.includes(stage.key)
    const needsRate = !terminal && stage.key !== 'recycled' && stage.enabled
    if (needsRate && stage.conversionRateToNext === null) {
      ctx.addIssue({ code: 'custom', path: ['conversionRateToNext'], message: 'Enter the target conversion rate to the next stage.' })
    }
    if (terminal && stage.conversionRateToNext !== null) {
      ctx.addIssue({ code: 'custom', path: ['conversionRateToNext'], message: `${stage.label} is where the journey ends: leave the conversion rate empty.` })
    }
    if (!terminal && stage.typicalDays === null) {
      ctx.addIssue({ code: 'custom', path: ['typicalDays'], message: 'Enter the typical number of days in this stage.' })
    }
  })
export type LifecycleStage = z.infer<typeof LifecycleStageSchema>

/** The full set: every stage exactly once. */
export const LifecycleStagesSchema = z.array(LifecycleStageSchema).superRefine((stages, ctx) => {
  const seen = new Set<LifecycleStageKey>()
  stages.forEach((stage, index) => {
    if (seen.has(stage.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `The ${stage.key} stage is listed twice.` })
    seen.add(stage.key)
  })
  const missing = LIFECYCLE_STAGE_KEYS.filter((key) => !seen.has(key))
  if (missing.length > 0) ctx.addIssue({ code: 'custom', path: [], message: `Missing stages: ${missing.join(', ')}.` })
})

/** Stages in lifecycle order (funnel first, then the side stages). */
export function inLifecycleOrder<T extends { key: LifecycleStageKey }>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => LIFECYCLE_STAGE_KEYS.indexOf(a.key) - LIFECYCLE_STAGE_KEYS.indexOf(b.key))
}

export type StageRatesResult =
  | { ok: true; value: { salEnabled: boolean; rates: FunnelRates } }
  | { ok: false; reason: 'missing-stage' | 'missing-rate'; stage: LifecycleStageKey; message: string }

/**
 * The funnel calculator's rates, read from the stages' target conversion rates. A missing SAL stage
 * counts as switched off.
 */
export function funnelRatesFromStages(stages: readonly LifecycleStage[]): StageRatesResult {
  const byKey = new Map(stages.map((stage) => [stage.key, stage]))
  const salEnabled = byKey.get('sal')?.enabled ?? false
  const chain: LifecycleStageKey[] = salEnabled ? ['lead', 'mql', 'sal', 'sql', 'opportunity'] : ['lead', 'mql', 'sql', 'opportunity']
  const rateOf = new Map<LifecycleStageKey, number>()
  for (const key of chain) {
    const stage = byKey.get(key)
    if (!stage) return { ok: false, reason: 'missing-stage', stage: key, message: `The ${key} stage is missing.` }
    if (stage.conversionRateToNext === null) {
      return { ok: false, reason: 'missing-rate', stage: key, message: `${stage.label} has no target conversion rate to the next stage.` }
    }
    rateOf.set(key, stage.conversionRateToNext)
  }
  const rate = (key: LifecycleStageKey) => rateOf.get(key)!
  return {
    ok: true,
    value: {
      salEnabled,
      rates: {
        leadToMql: rate('lead'),
        mqlToSal: salEnabled ? rate('mql') : null,
        salToSql: salEnabled ? rate('sal') : null,
        mqlToSql: salEnabled ? null : rate('mql'),
        sqlToOpportunity: rate('sql'),
        opportunityToCustomer: rate('opportunity'),
      },
    },
  }
}

/** What every workshop starts from: plain-language stage definitions for a B2B SaaS company. */
export const defaultStages: LifecycleStage[] = [
  {
    key: 'lead',
    label: 'Lead',
    definition:
      'Someone we can reach who has raised a hand in some way (a form, a newsletter or webinar sign-up, an event scan) but has not yet shown enough fit and interest to be worth a salesperson’s time.',
    entryCriteria: 'A new contact with a business email, created by a form, an import or an integration. Not a known customer, competitor or existing open deal.',
    exitCriteria:
      'Becomes an MQL when fit and engagement reach the MQL thresholds, or at once on a fast-track action (demo or trial request). Disqualified when a knock-out criterion holds.',
    owner: 'marketing',
    conversionRateToNext: 0.12,
    typicalDays: 30,
    enabled: true,
  },
  {
    key: 'mql',
    label: 'Marketing Qualified Lead (MQL)',
    definition:
      'A lead that fits our ideal customer profile and has shown real buying interest, so marketing hands it to sales. Marketing vouches for it; sales has not judged it yet.',
    entryCriteria: 'Fit and engagement scores reach the agreed MQL thresholds (or a fast-track action happens), and the required fields are filled in.',
    exitCriteria: 'Sales accepts it (SAL) or rejects it with a reason within the acceptance window. Rejected leads are recycled to nurture or disqualified.',
    owner: 'marketing',
    conversionRateToNext: 0.8,
    typicalDays: 1,
    enabled: true,
  },
  {
    key: 'sal',
    label: 'Sales Accepted Lead (SAL)',
    definition:
      'An MQL that sales has looked at and agreed is worth working: the right company and person, reachable, not already in a deal. Sales now owns the follow-up.',
    entryCriteria: 'A sales rep accepts the MQL within the acceptance window.',
    exitCriteria:
      'A discovery conversation confirms enough of the SQL criteria (SQL), or the follow-up attempts run out and the lead is recycled to nurture, or it is disqualified with a reason.',
    owner: 'sales',
    conversionRateToNext: 0.5,
    typicalDays: 7,
    enabled: true,
  },
  {
    key: 'sql',
    label: 'Sales Qualified Lead (SQL)',
    definition:
      'A prospect sales has spoken to and qualified: a need we solve, a budget, access to the person who decides and a timeline to buy.',
    entryCriteria: 'Enough of the agreed SQL questions hold after a conversation (for example 3 of 4: budget, authority, need, timeline).',
    exitCriteria: 'A deal is opened in the CRM with an amount and an expected close date (Opportunity), or the lead is recycled or disqualified with a reason.',
    owner: 'sales',
    conversionRateToNext: 0.6,
    typicalDays: 14,
    enabled: true,
  },
  {
    key: 'opportunity',
    label: 'Opportunity',
    definition: 'A qualified deal in the pipeline with an expected amount, a close date and a next step agreed with the buyer.',
    entryCriteria: 'Sales opens a deal after a successful discovery call or demo, with an amount and a close date.',
    exitCriteria: 'Closed won (Customer) or closed lost; lost deals go back to nurture with the loss reason.',
    owner: 'sales',
    conversionRateToNext: 0.25,
    typicalDays: 45,
    enabled: true,
  },
  {
    key: 'customer',
    label: 'Customer',
    definition: 'An account that has signed and pays. Marketing and sales both keep an eye on expansion and references.',
    entryCriteria: 'The deal is closed won and the contract is signed.',
    exitCriteria: 'None while the account is active; a churned account goes back to nurture for win-back.',
    owner: 'shared',
    conversionRateToNext: null,
    typicalDays: null,
    enabled: true,
  },
  {
    key: 'recycled',
    label: 'Recycled / Nurture',
    definition:
      'A lead that is not ready to buy now (no reply, bad timing, no current need) and goes back to marketing to be nurtured until it shows interest again.',
    entryCriteria:
      'A recycle rule applies: the follow-up attempts ran out, sales rejected it with a reason that recycles, or an opportunity was lost on timing.',
    exitCriteria: 'New engagement brings it back over the MQL thresholds (it re-enters as an MQL), or a knock-out criterion disqualifies it.',
    owner: 'marketing',
    conversionRateToNext: 0.1,
    typicalDays: 90,
    enabled: true,
  },
  {
    key: 'disqualified',
    label: 'Disqualified',
    definition:
      'A contact we will not sell to: a competitor, a student or job seeker, a country we do not serve, fake or unusable data, or a company too small to ever buy.',
    entryCriteria: 'A disqualifier holds, or sales rejects the lead with a reason that rules it out for good.',
    exitCriteria: 'None, unless the facts change (new company data, a new role); then it re-enters as a lead.',
    owner: 'shared',
    conversionRateToNext: null,
    typicalDays: null,
    enabled: true,
  },
]
