import type { FunnelTargetValues } from '~/domain/lifecycle/forms'
import { defaultHandoff, type Handoff } from '~/domain/sla/schema'
import { defaultStages, type LifecycleStage, type LifecycleStageKey } from '~/domain/lifecycle/stages'

/**
 * The demo workshop's lifecycle step (Acme Analytics, a Berlin B2B analytics vendor): stages with
 * its own rates and days, a yearly revenue target, and an SLA in Europe/Berlin business hours with
 * a short Friday, so the worked examples show nights, weekends, holidays and the clock change.
 */

const DEMO_STAGE_CHANGES: Partial<Record<LifecycleStageKey, Partial<LifecycleStage>>> = {
  lead: { conversionRateToNext: 0.15, typicalDays: 21 },
  mql: {
    conversionRateToNext: 0.85,
    typicalDays: 1,
    definition:
      'A lead from a company of 50–5,000 people in our markets whose fit and engagement reach the agreed thresholds, or who asked for a demo or started a trial. Marketing vouches for it; sales has not judged it yet.',
  },
  sal: { conversionRateToNext: 0.55, typicalDays: 5 },
  sql: { conversionRateToNext: 0.6, typicalDays: 10 },
  opportunity: { conversionRateToNext: 0.28, typicalDays: 60 },
  recycled: { conversionRateToNext: 0.08, typicalDays: 120 },
}

export const demoStages: LifecycleStage[] = defaultStages.map((stage) => ({ ...stage, ...DEMO_STAGE_CHANGES[stage.key] }))

/** €2.4 M a year at €24,000 a deal: 100 new customers a year. */
export const demoFunnelTarget: FunnelTargetValues = { revenueTarget: 2_400_000, periodMonths: 12, averageDealSize: 24_000, currency: 'EUR' }

const berlinHours = { open: '08:30', close: '17:30' }

export const demoHandoff: Handoff = {
  ...defaultHandoff,
  routing: 'territory',
  timeZone: 'Europe/Berlin',
  businessHours: { mon: berlinHours, tue: berlinHours, wed: berlinHours, thu: berlinHours, fri: { open: '08:30', close: '16:00' }, sat: null, sun: null },
  holidays: [
    ...defaultHandoff.holidays,
    // Berlin's own public holiday (International Women's Day) and the office's closing days.
    '2026-03-08',
    '2026-12-24',
    '2026-12-31',
    '2027-03-08',
    '2027-12-24',
    '2027-12-31',
  ].sort(),
  responseTargets: [
    {
      priority: 'hot',
      label: 'Hot',
      description: 'Demo or trial request, or a grade A MQL. Called within 5 minutes of business time: the odds of reaching a lead fall sharply after that.',
      within: { amount: 5, unit: 'business-minutes' },
    },
    { priority: 'warm', label: 'Warm', description: 'Grade B MQLs and pricing-page visitors.', within: { amount: 4, unit: 'business-hours' } },
    { priority: 'normal', label: 'Normal', description: 'Every other MQL.', within: { amount: 1, unit: 'business-days' } },
  ],
  acceptanceWindow: { amount: 1, unit: 'business-days' },
  followUp: { attempts: 6, overDays: 14, channels: ['phone', 'email', 'linkedin'] },
  commitments: {
    mqlsPerMonth: 120,
    followUpWithinSlaPercent: 95,
    salesFollowUp:
      'The DACH, UK and Nordics territory reps contact every MQL within its response target, accept or reject it with a reason within one business day, and make 6 attempts over 14 days by phone, email and LinkedIn before recycling it.',
  },
  reviewCadence: 'biweekly',
}
