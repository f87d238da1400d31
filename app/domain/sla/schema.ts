import { isTimeZoneName } from '~/domain/time-zones'
import { z } from 'zod'
import { plainText } from '../text'

/**
 * The handoff SLA (DESIGN §2.7): what sales promises when marketing hands over an MQL, and what
 * marketing promises in return. It travels in the scoring config as `handoff` (DESIGN §5), so this
 * schema is the contract: plain JSON (no coercion, no transforms), strict objects, and messages a
 * RevOps lead understands when the form or an imported config gets something wrong.
 *
 * Time semantics (implemented in ./clock.ts):
 * - Business time is every instant whose wall-clock time in `timeZone` falls within the opening
 *   hours [open, close) of its weekday, on a date that is not in `holidays`. Minutes are real
 *   elapsed minutes, so a day whose clocks change inside its opening hours is an hour shorter or
 *   longer; with the usual night-time changes an open day keeps its length.
 * - `minutes` and `hours` count clock time around the clock (24/7: nights, weekends, holidays).
 * - `business-minutes` and `business-hours` count business time only.
 * - `business-days`: due at the same point of the business day N open days later (an MQL handed
 *   over on Tuesday at 11:00 with 2 business days is due on Thursday at 11:00). An MQL that
 *   arrives outside business hours starts the clock at the next opening, so it is due at closing
 *   time of the Nth open day (Friday 18:00 with 2 business days: Tuesday at closing). When the due
 *   day is shorter than the position reached on the start day, the due time is that day's closing.
 *   With equal opening hours every day this is exactly N × the business day's length.
 */

export const ROUTING_METHODS = ['round-robin', 'territory', 'account-owner', 'manual'] as const
export type RoutingMethod = (typeof ROUTING_METHODS)[number]

export const ROUTING_LABELS: Record<RoutingMethod, string> = {
  'round-robin': 'Round robin',
  territory: 'By territory',
  'account-owner': 'To the account owner',
  manual: 'Manual assignment',
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

export const PRIORITIES = ['hot', 'warm', 'normal'] as const
export type Priority = (typeof PRIORITIES)[number]

export const SLA_UNITS = ['minutes', 'hours', 'business-minutes', 'business-hours', 'business-days'] as const
export type SlaUnit = (typeof SLA_UNITS)[number]

/** Units counted in business time; the others run around the clock. */
export const BUSINESS_UNITS: readonly SlaUnit[] = ['business-minutes', 'business-hours', 'business-days']

export const FOLLOW_UP_CHANNELS = ['phone', 'email', 'linkedin', 'sms', 'video'] as const
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number]

export const REVIEW_CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const
export type ReviewCadence = (typeof REVIEW_CADENCES)[number]

/** Upper bounds keep a typo (5000 business days) from producing a meaningless SLA. */
const MAX_AMOUNT: Record<SlaUnit, number> = {
  minutes: 60 * 24 * 60,
  hours: 24 * 60,
  'business-minutes': 60 * 24 * 60,
  'business-hours': 24 * 60,
  'business-days': 60,
}

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/

/** Minutes after midnight of an 'HH:MM' time ('24:00' is the end of the day). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours * 60 + minutes
}

const TimeOfDaySchema = z
  .string({ error: 'Enter a time such as 09:00.' })
  .regex(TIME_OF_DAY, 'Use a 24-hour time such as 09:00 or 17:30 (24:00 for midnight at the end of the day).')

const OpeningHoursSchema = z
  .strictObject({ open: TimeOfDaySchema, close: TimeOfDaySchema })
  .refine((hours) => !TIME_OF_DAY.test(hours.open) || !TIME_OF_DAY.test(hours.close) || minutesOfDay(hours.open) < minutesOfDay(hours.close), {
    message: 'Closing time must be after opening time (hours that run past midnight are not supported: split them over two days).',
    path: ['close'],
  })
export type OpeningHours = z.infer<typeof OpeningHoursSchema>

const BusinessHoursSchema = z
  .strictObject({
    mon: OpeningHoursSchema.nullable(),
    tue: OpeningHoursSchema.nullable(),
    wed: OpeningHoursSchema.nullable(),
    thu: OpeningHoursSchema.nullable(),
    fri: OpeningHoursSchema.nullable(),
    sat: OpeningHoursSchema.nullable(),
    sun: OpeningHoursSchema.nullable(),
  })
  .refine((hours) => WEEKDAYS.some((day) => hours[day] !== null), {
    message: 'Open on at least one day of the week: with no business hours, a business-time target would never fall due.',
  })
export type BusinessHours = z.infer<typeof BusinessHoursSchema>

const TimeZoneSchema = z
  .string({ error: 'Choose a time zone.' })
  .refine(isTimeZoneName, 'Use a time zone name from the IANA list, such as Europe/Berlin or America/New_York.')

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const [year, month, day] = text.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const HolidaySchema = z.string({ error: 'Enter a date such as 2026-12-25.' }).refine(isCalendarDate, 'Use a real date written as YYYY-MM-DD, such as 2026-12-25.')

export const SlaDurationSchema = z.strictObject({
  amount: z
    .number({ error: 'Enter a number.' })
    .int('Use a whole number.')
    .positive('Must be more than zero: an SLA that is due the moment the lead arrives cannot be met.'),
  unit: z.enum(SLA_UNITS, { error: 'Choose minutes, hours, business minutes, business hours or business days.' }),
})
export type SlaDuration = z.infer<typeof SlaDurationSchema>

function refineDuration(duration: SlaDuration, ctx: z.RefinementCtx, path: PropertyKey[]) {
  const max = MAX_AMOUNT[duration.unit]
  if (duration.amount > max) {
    ctx.addIssue({ code: 'custom', path: [...path, 'amount'], message: `At most ${max} ${describeUnit(duration.unit, max)}.` })
  }
}

// Part of the scoring config: taken as it is (no trimming), like every other config value.
const LabelSchema = plainText({ max: 120, trim: false, label: 'The label', error: 'Enter a label.', tooLong: 'Keep it under 120 characters.' }).regex(/\S/, 'Enter a label.')

export const ResponseTargetSchema = z.strictObject({
  priority: z.enum(PRIORITIES, { error: 'Choose hot, warm or normal.' }),
  label: LabelSchema,
  /** Who falls into this priority, e.g. "Fast-tracked (demo request) or grade A MQL". */
  description: plainText({ max: 500, trim: false, label: 'The description', error: 'Describe which MQLs get this priority.', tooLong: 'Keep it under 500 characters.' }),
  within: SlaDurationSchema,
})
export type ResponseTarget = z.infer<typeof ResponseTargetSchema>

const FollowUpSchema = z.strictObject({
  attempts: z.number({ error: 'Enter a number of attempts.' }).int('Use a whole number.').min(1, 'Plan at least one attempt.').max(50, 'At most 50 attempts.'),
  /** Calendar days from the first attempt to the last. */
  overDays: z.number({ error: 'Enter a number of days.' }).int('Use a whole number of days.').min(1, 'At least one day.').max(90, 'At most 90 days.'),
  channels: z
    .array(z.enum(FOLLOW_UP_CHANNELS, { error: 'Choose phone, email, LinkedIn, SMS or video.' }), { error: 'Choose the channels.' })
    .min(1, 'Choose at least one channel.')
    .refine((channels) => new Set(channels).size === channels.length, 'Each channel once, please.'),
})

const ReasonSchema = plainText({ max: 200, trim: false, label: 'The reason', error: 'Enter a reason.', tooLong: 'Keep it under 200 characters.' }).regex(
  /\S/,
  'A rejection reason cannot be blank.',
)

const RecycleRuleSchema = z.discriminatedUnion(
  'after',
  [
    z.strictObject({
      after: z.literal('failed-attempts'),
      attempts: z.number({ error: 'Enter a number of attempts.' }).int('Use a whole number.').min(1, 'At least one attempt.'),
    }),
    z.strictObject({ after: z.literal('rejection'), reason: ReasonSchema }),
  ],
  { error: 'Recycle either after failed attempts or after a rejection with a reason.' },
)
export type RecycleRule = z.infer<typeof RecycleRuleSchema>

const CommitmentsSchema = z.strictObject({
  /** Marketing's promise: MQLs delivered per month. */
  mqlsPerMonth: z.number({ error: 'Enter a number of MQLs.' }).int('Use a whole number.').min(1, 'Commit to at least one MQL a month.'),
  /** Sales' promise: the share of MQLs contacted within their response target. */
  followUpWithinSlaPercent: z
    .number({ error: 'Enter a percentage.' })
    .gt(0, 'Must be more than 0%.')
    .max(100, 'At most 100%.'),
  /** Sales' promise in words, for the definition document. */
  salesFollowUp: plainText({
    max: 1000,
    multiline: true,
    trim: false,
    label: "Sales' follow-up commitment",
    error: "Describe sales' follow-up commitment.",
    tooLong: 'Keep it under 1,000 characters.',
  }),
})

export const HandoffSchema = z
  .strictObject({
    routing: z.enum(ROUTING_METHODS, { error: 'Choose round robin, territory, account owner or manual routing.' }),
    timeZone: TimeZoneSchema,
    businessHours: BusinessHoursSchema,
    holidays: z.array(HolidaySchema, { error: 'List holidays as dates such as 2026-12-25.' }).max(1000, 'At most 1,000 holidays.'),
    responseTargets: z.array(ResponseTargetSchema, { error: 'Set a response target for each priority.' }),
    /** How long sales has to accept (SAL) or reject a handed-over MQL. */
    acceptanceWindow: SlaDurationSchema,
    followUp: FollowUpSchema,
    rejectionReasons: z.array(ReasonSchema, { error: 'List the reasons sales may give when rejecting.' }).min(1, 'List at least one rejection reason: sales must give one when rejecting.'),
    recycleRules: z.array(RecycleRuleSchema, { error: 'List the recycle rules.' }),
    commitments: CommitmentsSchema,
    reviewCadence: z.enum(REVIEW_CADENCES, { error: 'Choose weekly, every two weeks, monthly or quarterly.' }),
  })
  .superRefine((handoff, ctx) => {
    const seenHolidays = new Set<string>()
    handoff.holidays.forEach((date, index) => {
      if (seenHolidays.has(date)) ctx.addIssue({ code: 'custom', path: ['holidays', index], message: `${date} is listed twice.` })
      seenHolidays.add(date)
    })

    const seenPriorities = new Set<Priority>()
    handoff.responseTargets.forEach((target, index) => {
      if (seenPriorities.has(target.priority)) {
        ctx.addIssue({ code: 'custom', path: ['responseTargets', index, 'priority'], message: `There is already a target for ${target.priority} MQLs.` })
      }
      seenPriorities.add(target.priority)
      refineDuration(target.within, ctx, ['responseTargets', index, 'within'])
    })
    const missing = PRIORITIES.filter((priority) => !seenPriorities.has(priority))
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['responseTargets'], message: `Set a response target for ${missing.join(' and ')} MQLs too.` })
    }
    refineDuration(handoff.acceptanceWindow, ctx, ['acceptanceWindow'])

    const reasons = new Map<string, number>()
    handoff.rejectionReasons.forEach((reason, index) => {
      const key = reason.trim().toLowerCase()
      if (reasons.has(key)) ctx.addIssue({ code: 'custom', path: ['rejectionReasons', index], message: `"${reason.trim()}" is listed twice.` })
      else reasons.set(key, index)
    })

    const seenRules = new Set<string>()
    handoff.recycleRules.forEach((rule, index) => {
      const key = rule.after === 'rejection' ? `rejection:${rule.reason}` : 'failed-attempts'
      if (seenRules.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recycleRules', index],
          message: rule.after === 'rejection' ? `There is already a recycle rule for "${rule.reason}".` : 'There is already a recycle rule for failed attempts.',
        })
      }
      seenRules.add(key)
      if (rule.after === 'rejection' && !handoff.rejectionReasons.includes(rule.reason)) {
        ctx.addIssue({ code: 'custom', path: ['recycleRules', index, 'reason'], message: `"${rule.reason}" is not one of the rejection reasons; pick one from the list.` })
      }
      if (rule.after === 'failed-attempts' && rule.attempts > handoff.followUp.attempts) {
        ctx.addIssue({
          code: 'custom',
          path: ['recycleRules', index, 'attempts'],
          message: `Sales makes only ${handoff.followUp.attempts} attempts, so this rule would never apply; recycle after at most ${handoff.followUp.attempts}.`,
        })
      }
    })
  })
export type Handoff = z.infer<typeof HandoffSchema>

const UNIT_WORDS: Record<SlaUnit, [singular: string, plural: string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  'business-minutes': ['business minute', 'business minutes'],
  'business-hours': ['business hour', 'business hours'],
  'business-days': ['business day', 'business days'],
}

function describeUnit(unit: SlaUnit, amount: number): string {
  const [singular, plural] = UNIT_WORDS[unit]
  return amount === 1 ? singular : plural
}

/** "4 business hours", "5 minutes around the clock". */
export function describeSlaDuration(duration: SlaDuration): string {
  const text = `${duration.amount} ${describeUnit(duration.unit, duration.amount)}`
  return BUSINESS_UNITS.includes(duration.unit) ? text : `${text} around the clock`
}

/**
 * A worked example for the SLA step: a Berlin team selling B2B SaaS. German public holidays valid
 * in every state, 2026–2027 (Easter: 5 April 2026, 28 March 2027).
 */
export const defaultHandoff: Handoff = {
  routing: 'round-robin',
  timeZone: 'Europe/Berlin',
  businessHours: {
    mon: { open: '09:00', close: '17:30' },
    tue: { open: '09:00', close: '17:30' },
    wed: { open: '09:00', close: '17:30' },
    thu: { open: '09:00', close: '17:30' },
    fri: { open: '09:00', close: '17:30' },
    sat: null,
    sun: null,
  },
  holidays: [
    '2026-01-01', // New Year's Day
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-01', // Labour Day
    '2026-05-14', // Ascension Day
    '2026-05-25', // Whit Monday
    '2026-10-03', // Day of German Unity
    '2026-12-25', // Christmas Day
    '2026-12-26', // Second day of Christmas
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-17',
    '2027-10-03',
    '2027-12-25',
    '2027-12-26',
  ],
  responseTargets: [
    {
      priority: 'hot',
      label: 'Hot',
      description: 'Fast-tracked (demo or trial request) or a grade A MQL. The odds of reaching a lead fall sharply after the first 5 minutes.',
      within: { amount: 5, unit: 'minutes' },
    },
    { priority: 'warm', label: 'Warm', description: 'Grade B MQLs.', within: { amount: 4, unit: 'business-hours' } },
    { priority: 'normal', label: 'Normal', description: 'Every other MQL.', within: { amount: 2, unit: 'business-days' } },
  ],
  acceptanceWindow: { amount: 1, unit: 'business-days' },
  followUp: { attempts: 6, overDays: 14, channels: ['phone', 'email', 'linkedin'] },
  rejectionReasons: [
    'Not the right contact',
    'No budget',
    'No current need',
    'Timing: buying later than 6 months',
    'Already a customer or in an open deal',
    'Competitor, partner or student',
    'Contact data wrong or missing',
  ],
  recycleRules: [
    { after: 'failed-attempts', attempts: 6 },
    { after: 'rejection', reason: 'No current need' },
    { after: 'rejection', reason: 'Timing: buying later than 6 months' },
  ],
  commitments: {
    mqlsPerMonth: 120,
    followUpWithinSlaPercent: 95,
    salesFollowUp:
      'Sales contacts every MQL within its response target, accepts or rejects it (with a reason) within one business day, and makes 6 attempts over 14 days before recycling it.',
  },
  reviewCadence: 'monthly',
}
