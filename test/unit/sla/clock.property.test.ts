import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { businessMinutesBetween, slaDueAt } from '~/domain/sla/clock'
import { defaultHandoff, HandoffSchema, WEEKDAYS, type BusinessHours, type Handoff, type OpeningHours, type SlaDuration } from '~/domain/sla/schema'

const MINUTE = 60_000
const DAY = 86_400_000
const BLOCK = 15 * MINUTE

// Zones with daylight saving in both hemispheres, half-hour and 45-minute offsets, and a
// half-hour clock change (Lord Howe).
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
]

// Days on which some of these zones change their clocks, to make sure MQLs land around them.
const CLOCK_CHANGE_DAYS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01', '2027-03-14', '2027-03-28', '2027-04-04', '2027-10-03', '2027-10-31', '2027-11-07']

/**
 * The naive reference: reads the wall clock minute by minute with Luxon and asks "is this minute
 * within the opening hours of an open, non-holiday day?". It shares no code with the clock.
 */
function naiveCalendar(handoff: Handoff) {
  const offsets = new Map<number, number | null>()
  const holidays = new Set(handoff.holidays)
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))

  /** The wall clock at the start of the minute `at`, as a UTC-read Date. */
  function wall(at: number): Date {
    // Reading Luxon once per 15 minutes keeps 1,000 runs fast; a block whose two ends disagree
    // (a clock change inside it) is read minute by minute.
    const block = Math.floor(at / BLOCK) * BLOCK
    let offset = offsets.get(block)
    if (offset === undefined) {
      const first = DateTime.fromMillis(block, { zone: handoff.timeZone }).offset
      const last = DateTime.fromMillis(block + BLOCK - 1, { zone: handoff.timeZone }).offset
      offset = first === last ? first : null
      offsets.set(block, offset)
    }
    const minutes = offset ?? DateTime.fromMillis(at, { zone: handoff.timeZone }).offset
    return new Date(at + minutes * MINUTE)
  }

  function isBusinessMinute(at: number): boolean {
    const local = wall(at)
    const hours = handoff.businessHours[WEEKDAYS[(local.getUTCDay() + 6) % 7]]
    if (!hours || holidays.has(local.toISOString().slice(0, 10))) return false
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes()
    return toMinutes(hours.open) <= minute && minute < toMinutes(hours.close)
  }

  const dateOf = (at: number) => wall(at).toISOString().slice(0, 10)

  function businessMinutesBetween(from: number, to: number): number {
    let count = 0
    for (let at = from; at < to; at += MINUTE) if (isBusinessMinute(at)) count++
    return count
  }

  /** Same point of the business day `days` open days later (the rule documented in schema.ts). */
  function businessDaysDue(from: number, days: number): number {
    let start = from
    while (!isBusinessMinute(start)) start += MINUTE
    const startDate = dateOf(start)
    let position = 0
    for (let at = start - MINUTE; at > start - 2 * DAY; at -= MINUTE) if (dateOf(at) === startDate && isBusinessMinute(at)) position++

    let dayIndex = 0
    let currentDate = startDate
    let lastBusinessEnd = start
    let reached = 0
    for (let at = start; ; at += MINUTE) {
      if (!isBusinessMinute(at)) continue
      const date = dateOf(at)
      if (date !== currentDate) {
        dayIndex++
        currentDate = date
        reached = 0
        if ((position === 0 && dayIndex === days) || dayIndex > days) return lastBusinessEnd
      }
      if (dayIndex === days) {
        reached++
        if (reached === position) return at + MINUTE
      }
      lastBusinessEnd = at + MINUTE
    }
  }

  return { isBusinessMinute, businessMinutesBetween, businessDaysDue }
}

const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

const openingHoursArb: fc.Arbitrary<OpeningHours | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ open: '09:00', close: '17:30' }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant({ open: '00:00', close: '24:00' }) },
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 0, max: 1439 })
      .chain((open) => fc.integer({ min: open + 1, max: 1440 }).map((close) => ({ open: time(open), close: time(close) }))),
  },
)

const businessHoursArb: fc.Arbitrary<BusinessHours> = fc
  .record({ mon: openingHoursArb, tue: openingHoursArb, wed: openingHoursArb, thu: openingHoursArb, fri: openingHoursArb, sat: openingHoursArb, sun: openingHoursArb })
  .filter((hours) => WEEKDAYS.some((day) => hours[day] !== null))

const FIRST_MINUTE = Date.UTC(2026, 0, 1) / MINUTE
const LAST_MINUTE = Date.UTC(2027, 11, 31, 23, 59) / MINUTE

const mqlAtArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: FIRST_MINUTE, max: LAST_MINUTE }).map((minute) => minute * MINUTE),
  fc
    .tuple(fc.constantFrom(...CLOCK_CHANGE_DAYS), fc.integer({ min: -4 * 24 * 60, max: 2 * 24 * 60 }))
    .map(([day, minutes]) => Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE),
)

function weeklyBusinessMinutes(hours: BusinessHours): number {
  const toMinutes = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3))
  return WEEKDAYS.reduce((sum, day) => sum + (hours[day] ? toMinutes(hours[day].close) - toMinutes(hours[day].open) : 0), 0)
}

const caseArb = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    businessHours: businessHoursArb,
    mqlAt: mqlAtArb,
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -1, max: 20 }), { maxLength: 5 }),
  })
  .chain((base) => {
    // Keep targets within about a week of business time so the naive counter stays quick.
    const weekly = Math.min(weeklyBusinessMinutes(base.businessHours), 3000)
    const units: fc.Arbitrary<SlaDuration>[] = [
      fc.integer({ min: 1, max: weekly }).map((amount) => ({ amount, unit: 'business-minutes' as const })),
      fc.integer({ min: 1, max: 3 }).map((amount) => ({ amount, unit: 'business-days' as const })),
      fc.integer({ min: 1, max: 600 }).map((amount) => ({ amount, unit: 'minutes' as const })),
      fc.integer({ min: 1, max: 48 }).map((amount) => ({ amount, unit: 'hours' as const })),
    ]
    if (weekly >= 60) units.push(fc.integer({ min: 1, max: Math.floor(weekly / 60) }).map((amount) => ({ amount, unit: 'business-hours' as const })))
    return fc.record({ base: fc.constant(base), within: fc.oneof(...units) })
  })
  .map(({ base, within }) => {
    const mqlDay = Math.floor(base.mqlAt / DAY)
    const handoff: Handoff = {
      ...defaultHandoff,
      timeZone: base.timeZone,
      businessHours: base.businessHours,
      holidays: base.holidayOffsets.map((offset) => new Date((mqlDay + offset) * DAY).toISOString().slice(0, 10)),
      responseTargets: defaultHandoff.responseTargets.map((target) => (target.priority === 'warm' ? { ...target, within } : target)),
    }
    return { handoff, mqlAt: base.mqlAt, within }
  })

describe('slaDueAt, property', () => {
  it('is never before the MQL, never inside closed time, and leaves exactly the target in business time', () => {
    fc.assert(
      fc.property(caseArb, ({ handoff, mqlAt, within }) => {
        expect(HandoffSchema.safeParse(handoff).success).toBe(true)
        const naive = naiveCalendar(handoff)
        const dueAt = slaDueAt(handoff, 'warm', new Date(mqlAt)).getTime()

        expect(dueAt).toBeGreaterThanOrEqual(mqlAt)
        if (within.unit === 'minutes') return dueAt === mqlAt + within.amount * MINUTE
        if (within.unit === 'hours') return dueAt === mqlAt + within.amount * 60 * MINUTE

        // The minute that ends at the due time is business time: the due time never falls in a
        // night, weekend, holiday or clock-change gap (it may be the closing time itself).
        expect(naive.isBusinessMinute(dueAt - MINUTE)).toBe(true)
        if (within.unit === 'business-days') {
          expect(new Date(dueAt).toISOString()).toBe(new Date(naive.businessDaysDue(mqlAt, within.amount)).toISOString())
        } else {
          const targetMinutes = within.amount * (within.unit === 'business-hours' ? 60 : 1)
          expect(naive.businessMinutesBetween(mqlAt, dueAt)).toBe(targetMinutes)
          expect(businessMinutesBetween(handoff, new Date(mqlAt), new Date(dueAt))).toBe(targetMinutes)
        }
        return true
      }),
      { numRuns: 1000 },
    )
  }, 180_000)

  it('with equal opening hours every open day, N business days are N × the day’s length in business time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 1380 }).chain((open) => fc.integer({ min: open + 30, max: 1440 }).map((close) => ({ open: time(open), close: time(close) }))),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: FIRST_MINUTE, max: LAST_MINUTE }),
        (timeZone, hours, days, mqlMinute) => {
          const handoff: Handoff = {
            ...defaultHandoff,
            timeZone,
            holidays: [],
            businessHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: null, sun: null },
            responseTargets: defaultHandoff.responseTargets.map((target) => (target.priority === 'normal' ? { ...target, within: { amount: days, unit: 'business-days' as const } } : target)),
          }
          const mqlAt = new Date(mqlMinute * MINUTE)
          const dueAt = slaDueAt(handoff, 'normal', mqlAt)
          const dayLength = Number(hours.close.slice(0, 2)) * 60 + Number(hours.close.slice(3)) - (Number(hours.open.slice(0, 2)) * 60 + Number(hours.open.slice(3)))
          // Days whose clocks change inside the opening hours are an hour (or half) longer or
          // shorter, so allow for one such day in the span.
          const measured = businessMinutesBetween(handoff, mqlAt, dueAt)
          const changedInside = Math.abs(measured - days * dayLength) <= 60
          expect(changedInside).toBe(true)
          if (hours.open >= '04:00' && hours.close <= '23:00') {
            // No listed zone changes its clocks between 04:00 and 23:00.
            expect(measured).toBe(days * dayLength)
          }
        },
      ),
      { numRuns: 300 },
    )
  }, 60_000)
})
