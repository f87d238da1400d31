import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  acceptanceDueAt,
  businessMinutesBetween,
  checkHandoffs,
  formatInZone,
  isBusinessTime,
  nextBusinessMoment,
  nextOffsetChange,
  slaDueAt,
  workedExamples,
  type HandoffRow,
} from '~/domain/sla/clock'
import { defaultHandoff, type BusinessHours, type Handoff, type OpeningHours, type Priority } from '~/domain/sla/schema'

const at = (iso: string) => new Date(iso)

function week(weekdays: OpeningHours | null, weekend: OpeningHours | null = null): BusinessHours {
  return { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: weekend, sun: weekend }
}

// Berlin: Mon–Fri 09:00–17:30, German holidays; hot 5 minutes around the clock, warm 4 business
// hours, normal 2 business days. Clocks go forward on 29 Mar 2026 and back on 25 Oct 2026.
const berlin = defaultHandoff

// New York: Mon–Fri 08:00–17:00. Clocks go forward on 8 Mar 2026 and back on 1 Nov 2026.
const newYork: Handoff = {
  ...defaultHandoff,
  timeZone: 'America/New_York',
  businessHours: week({ open: '08:00', close: '17:00' }),
  holidays: ['2026-07-03', '2026-11-26', '2026-12-25'],
}

// A support desk open around the clock, so the clock changes fall inside business hours.
const allDayBerlin: Handoff = { ...defaultHandoff, businessHours: week({ open: '00:00', close: '24:00' }, { open: '00:00', close: '24:00' }), holidays: [] }

type Case = { name: string; handoff: Handoff; priority: Priority; mqlAt: string; dueAt: string }

describe('slaDueAt', () => {
  const cases: Case[] = [
    // Daylight saving, Europe/Berlin
    { name: 'Berlin spring forward: Fri 16:00 CET + 4 business hours = Mon 11:30 CEST', handoff: berlin, priority: 'warm', mqlAt: '2026-03-27T15:00:00Z', dueAt: '2026-03-30T09:30:00Z' },
    { name: 'Berlin spring forward: 2 business days from Fri 16:00 CET = Tue 16:00 CEST', handoff: berlin, priority: 'normal', mqlAt: '2026-03-27T15:00:00Z', dueAt: '2026-03-31T14:00:00Z' },
    { name: 'Berlin fall back: Fri 16:00 CEST + 4 business hours = Mon 11:30 CET', handoff: berlin, priority: 'warm', mqlAt: '2026-10-23T14:00:00Z', dueAt: '2026-10-26T10:30:00Z' },
    { name: 'Berlin fall back: 2 business days from Fri 16:00 CEST = Tue 16:00 CET', handoff: berlin, priority: 'normal', mqlAt: '2026-10-23T14:00:00Z', dueAt: '2026-10-27T15:00:00Z' },
    { name: 'Berlin: 5 clock minutes across the spring-forward gap (01:58 CET → 03:03 CEST)', handoff: berlin, priority: 'hot', mqlAt: '2026-03-29T00:58:00Z', dueAt: '2026-03-29T01:03:00Z' },
    { name: 'Berlin: 5 clock minutes across the repeated hour (02:58 CEST → 02:03 CET)', handoff: berlin, priority: 'hot', mqlAt: '2026-10-25T00:58:00Z', dueAt: '2026-10-25T01:03:00Z' },
    // Daylight saving, America/New_York
    { name: 'New York spring forward: Fri 15:00 EST + 4 business hours = Mon 10:00 EDT', handoff: newYork, priority: 'warm', mqlAt: '2026-03-06T20:00:00Z', dueAt: '2026-03-09T14:00:00Z' },
    { name: 'New York spring forward: 2 business days from Thu 10:00 EST = Mon 10:00 EDT', handoff: newYork, priority: 'normal', mqlAt: '2026-03-05T15:00:00Z', dueAt: '2026-03-09T14:00:00Z' },
    { name: 'New York fall back: Fri 15:00 EDT + 4 business hours = Mon 10:00 EST', handoff: newYork, priority: 'warm', mqlAt: '2026-10-30T19:00:00Z', dueAt: '2026-11-02T15:00:00Z' },
    { name: 'New York: Thanksgiving is skipped (Wed 15:00 + 4 business hours = Fri 10:00)', handoff: newYork, priority: 'warm', mqlAt: '2026-11-25T20:00:00Z', dueAt: '2026-11-27T15:00:00Z' },
    // Holidays
    { name: 'Christmas: Thu 24 Dec 16:00 + 4 business hours skips 25 Dec and the weekend', handoff: berlin, priority: 'warm', mqlAt: '2026-12-24T15:00:00Z', dueAt: '2026-12-28T10:30:00Z' },
    { name: '1 May on a Friday: Thu 17:00 + 4 business hours = Mon 12:30', handoff: berlin, priority: 'warm', mqlAt: '2026-04-30T15:00:00Z', dueAt: '2026-05-04T10:30:00Z' },
    { name: 'arriving on Easter Monday: 4 business hours from Tue 09:00', handoff: berlin, priority: 'warm', mqlAt: '2026-04-06T08:00:00Z', dueAt: '2026-04-07T11:00:00Z' },
    { name: 'arriving on Easter Monday: 2 business days = closing on Wednesday', handoff: berlin, priority: 'normal', mqlAt: '2026-04-06T08:00:00Z', dueAt: '2026-04-08T15:30:00Z' },
    { name: 'Easter: Thu 15:00 before Good Friday + 2 business days = Wed 15:00', handoff: berlin, priority: 'normal', mqlAt: '2026-04-02T13:00:00Z', dueAt: '2026-04-08T13:00:00Z' },
    // Targets spanning a weekend
    { name: 'Fri 16:00 + 4 business hours = Mon 11:30', handoff: berlin, priority: 'warm', mqlAt: '2026-03-06T15:00:00Z', dueAt: '2026-03-09T10:30:00Z' },
    { name: 'Fri 16:00 + 2 business days = Tue 16:00', handoff: berlin, priority: 'normal', mqlAt: '2026-03-06T15:00:00Z', dueAt: '2026-03-10T15:00:00Z' },
    { name: 'Fri 17:55 (after closing) + 5 clock minutes = Fri 18:00', handoff: berlin, priority: 'hot', mqlAt: '2026-03-06T16:55:00Z', dueAt: '2026-03-06T17:00:00Z' },
    { name: 'Fri 17:55 (after closing) + 4 business hours = Mon 13:00', handoff: berlin, priority: 'warm', mqlAt: '2026-03-06T16:55:00Z', dueAt: '2026-03-09T12:00:00Z' },
    { name: 'Fri 17:55 (after closing) + 2 business days = Tue 17:30', handoff: berlin, priority: 'normal', mqlAt: '2026-03-06T16:55:00Z', dueAt: '2026-03-10T16:30:00Z' },
    // Outside business hours
    { name: 'Sunday 11:00 + 4 business hours = Mon 13:00', handoff: berlin, priority: 'warm', mqlAt: '2026-03-08T10:00:00Z', dueAt: '2026-03-09T12:00:00Z' },
    { name: 'Tue 06:30 (before opening) + 4 business hours = Tue 13:00', handoff: berlin, priority: 'warm', mqlAt: '2026-03-10T05:30:00Z', dueAt: '2026-03-10T12:00:00Z' },
    { name: 'Tue 06:30 (before opening) + 2 business days = Wed 17:30', handoff: berlin, priority: 'normal', mqlAt: '2026-03-10T05:30:00Z', dueAt: '2026-03-11T16:30:00Z' },
    { name: 'Tue 17:30 (at closing, which is closed) + 4 business hours = Wed 13:00', handoff: berlin, priority: 'warm', mqlAt: '2026-03-10T16:30:00Z', dueAt: '2026-03-11T12:00:00Z' },
    { name: 'Tue 20:00 + 2 business days = Thu 17:30', handoff: berlin, priority: 'normal', mqlAt: '2026-03-10T19:00:00Z', dueAt: '2026-03-12T16:30:00Z' },
    { name: 'Tue 11:00 + 2 business days = Thu 11:00', handoff: berlin, priority: 'normal', mqlAt: '2026-03-10T10:00:00Z', dueAt: '2026-03-12T10:00:00Z' },
    { name: 'Tue 15:00 + 4 business hours runs into Wednesday (10:30)', handoff: berlin, priority: 'warm', mqlAt: '2026-03-10T14:00:00Z', dueAt: '2026-03-11T09:30:00Z' },
    // Clock changes inside business hours count real minutes
    { name: 'open around the clock: 00:30 CET + 4 business hours = 05:30 CEST (the lost hour is not business time)', handoff: allDayBerlin, priority: 'warm', mqlAt: '2026-03-28T23:30:00Z', dueAt: '2026-03-29T03:30:00Z' },
    { name: 'open around the clock: 00:30 CEST + 4 business hours = 03:30 CET (the repeated hour counts twice)', handoff: allDayBerlin, priority: 'warm', mqlAt: '2026-10-24T22:30:00Z', dueAt: '2026-10-25T02:30:00Z' },
  ]

  it.each(cases)('$name', ({ handoff, priority, mqlAt, dueAt }) => {
    expect(slaDueAt(handoff, priority, at(mqlAt)).toISOString()).toBe(at(dueAt).toISOString())
  })

  it('counts clock hours in real elapsed time across a clock change', () => {
    const handoff: Handoff = {
      ...berlin,
      responseTargets: berlin.responseTargets.map((target) => (target.priority === 'hot' ? { ...target, within: { amount: 24, unit: 'hours' as const } } : target)),
    }
    // Sat 12:00 CET + 24 hours = Sun 13:00 CEST: the wall clock moved 25 hours.
    expect(slaDueAt(handoff, 'hot', at('2026-03-28T11:00:00Z')).toISOString()).toBe('2026-03-29T11:00:00.000Z')
  })

  it('ends a business day at the closing of a shorter due day', () => {
    const shortFriday: Handoff = {
      ...berlin,
      businessHours: { ...week({ open: '09:00', close: '17:00' }), fri: { open: '09:00', close: '13:00' } },
      responseTargets: berlin.responseTargets.map((target) => (target.priority === 'normal' ? { ...target, within: { amount: 1, unit: 'business-days' as const } } : target)),
    }
    // Thu 16:00 is 7 business hours into Thursday; Friday has only 4, so the MQL is due at Friday's closing.
    expect(slaDueAt(shortFriday, 'normal', at('2026-03-05T15:00:00Z')).toISOString()).toBe('2026-03-06T12:00:00.000Z')
    // Thu 11:00 (2 hours in) is due Fri 11:00.
    expect(slaDueAt(shortFriday, 'normal', at('2026-03-05T10:00:00Z')).toISOString()).toBe('2026-03-06T10:00:00.000Z')
    // Arriving exactly at Thursday's opening: a full business day later is Thursday's closing.
    expect(slaDueAt(shortFriday, 'normal', at('2026-03-05T08:00:00Z')).toISOString()).toBe('2026-03-05T16:00:00.000Z')
  })

  it('refuses a handoff without any business hours instead of searching forever', () => {
    const closed = { ...berlin, businessHours: week(null) }
    expect(() => slaDueAt(closed, 'warm', at('2026-03-10T10:00:00Z'))).toThrow(/no business hours/)
  })

  it('skips holidays on the only open weekday, however many there are', () => {
    // Open on Mondays only; the Mondays from 9 Mar 2026 on are holidays.
    const mondays = Array.from({ length: 1000 }, (_, index) => DateTime.fromISO('2026-03-09', { zone: 'utc' }).plus({ weeks: index }).toISODate()!)
    const handoff: Handoff = { ...berlin, businessHours: { ...week(null), mon: { open: '09:00', close: '17:00' } }, holidays: mondays.slice(0, 5) }
    // 9 Mar … 6 Apr are holidays: Monday 13 Apr 09:00 CEST + 4 hours.
    expect(slaDueAt(handoff, 'warm', at('2026-03-09T08:00:00Z')).toISOString()).toBe('2026-04-13T11:00:00.000Z')
    const firstOpenMonday = DateTime.fromISO('2026-03-09', { zone: 'Europe/Berlin' }).plus({ weeks: 1000 }).set({ hour: 13 })
    expect(slaDueAt({ ...handoff, holidays: mondays }, 'warm', at('2026-03-09T08:00:00Z')).toISOString()).toBe(firstOpenMonday.toUTC().toISO())
  })

  it('rejects an invalid MQL time', () => {
    expect(() => slaDueAt(berlin, 'warm', new Date('not a date'))).toThrow(/not a valid date/)
  })

  it('computes the acceptance window with the same clock', () => {
    // One business day from Fri 16:00 is Mon 16:00.
    expect(acceptanceDueAt(berlin, at('2026-03-06T15:00:00Z')).toISOString()).toBe('2026-03-09T15:00:00.000Z')
  })
})

describe('business time', () => {
  it.each([
    { when: '2026-03-10T08:00:00Z', business: true, label: 'Tue 09:00 (opening)' },
    { when: '2026-03-10T16:29:00Z', business: true, label: 'Tue 17:29' },
    { when: '2026-03-10T16:30:00Z', business: false, label: 'Tue 17:30 (closing)' },
    { when: '2026-03-08T10:00:00Z', business: false, label: 'Sunday' },
    { when: '2026-12-25T10:00:00Z', business: false, label: 'Christmas Day' },
    { when: '2026-03-30T07:00:00Z', business: true, label: 'Mon 09:00 CEST after the change' },
    { when: '2026-03-30T06:59:00Z', business: false, label: 'Mon 08:59 CEST after the change' },
  ])('$label is business time: $business', ({ when, business }) => {
    expect(isBusinessTime(berlin, at(when))).toBe(business)
  })

  it('measures days whose clock change falls inside the opening hours in real minutes', () => {
    const sundayNight = (open: string, close: string): Handoff => ({ ...berlin, holidays: [], businessHours: { ...week(null), sun: { open, close } } })
    // 29 Mar 2026: 01:00–04:00 on the wall clock is 2 real hours (02:00–03:00 never happens).
    expect(businessMinutesBetween(sundayNight('01:00', '04:00'), at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(120)
    // 25 Oct 2026: 01:00–04:00 is 4 real hours (02:00–03:00 happens twice).
    expect(businessMinutesBetween(sundayNight('01:00', '04:00'), at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(240)
    // Opening at 02:30, a time that does not exist that night: open from the change (03:00 CEST) until 05:00.
    const gapOpening = sundayNight('02:30', '05:00')
    expect(businessMinutesBetween(gapOpening, at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(120)
    expect(nextBusinessMoment(gapOpening, at('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z')
    // Closing at 02:30, a time that happens twice: 00:00–02:30 CEST, then again 02:00–02:30 CET.
    const repeatedClosing = sundayNight('00:00', '02:30')
    expect(businessMinutesBetween(repeatedClosing, at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(180)
    expect(isBusinessTime(repeatedClosing, at('2026-10-25T00:45:00Z'))).toBe(false) // 02:45 CEST
    expect(isBusinessTime(repeatedClosing, at('2026-10-25T01:15:00Z'))).toBe(true) // 02:15 CET
  })

  it('counts a weekend as no business time and a plain day as its opening hours', () => {
    // Fri 17:00 CET → Mon 10:00 CET: half an hour on Friday, an hour on Monday.
    expect(businessMinutesBetween(berlin, at('2026-03-06T16:00:00Z'), at('2026-03-09T09:00:00Z'))).toBe(30 + 60)
    expect(businessMinutesBetween(berlin, at('2026-03-10T00:00:00Z'), at('2026-03-11T00:00:00Z'))).toBe(8.5 * 60)
    expect(businessMinutesBetween(berlin, at('2026-03-11T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(0)
  })

  it('finds the next business moment', () => {
    expect(nextBusinessMoment(berlin, at('2026-03-06T16:55:00Z')).toISOString()).toBe('2026-03-09T08:00:00.000Z')
    expect(nextBusinessMoment(berlin, at('2026-03-10T10:00:00Z')).toISOString()).toBe('2026-03-10T10:00:00.000Z')
    expect(nextBusinessMoment(berlin, at('2026-12-24T17:00:00Z')).toISOString()).toBe('2026-12-28T08:00:00.000Z')
  })
})

describe('checkHandoffs', () => {
  const rows: HandoffRow[] = [
    // due Tue 14:00, contacted 13:30
    { id: 'on-time', priority: 'warm', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: at('2026-03-10T12:30:00Z') },
    // due Mon 11:30, contacted 12:00
    { id: 'late', priority: 'warm', mqlAt: at('2026-03-06T15:00:00Z'), firstContactAt: at('2026-03-09T11:00:00Z') },
    // due 10:05, not contacted at 10:03
    { id: 'waiting', priority: 'hot', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: null },
    // due Wed 4 Mar 10:00, still not contacted on Tue 10 Mar
    { id: 'forgotten', priority: 'normal', mqlAt: at('2026-03-02T09:00:00Z'), firstContactAt: null },
    // contacted exactly when due
    { id: 'just-in-time', priority: 'hot', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: at('2026-03-10T09:05:00Z') },
    // already in touch before the lead became an MQL
    { id: 'already-talking', priority: 'hot', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: at('2026-03-09T15:00:00Z') },
  ]
  const now = at('2026-03-10T09:03:00Z')
  const report = checkHandoffs(berlin, rows, now)
  const row = (id: string) => report.rows.find((check) => check.id === id)!

  it('says which handoffs met the SLA and by how much', () => {
    expect(row('on-time')).toMatchObject({ met: true, earlyByMinutes: 30, dueAt: at('2026-03-10T13:00:00Z'), responseMinutes: 210, responseBusinessMinutes: 210 })
    expect(row('late')).toMatchObject({ met: false, lateByMinutes: 30, dueAt: at('2026-03-09T10:30:00Z'), responseMinutes: 68 * 60, responseBusinessMinutes: 90 + 180 })
    expect(row('waiting')).toMatchObject({ met: 'pending', minutesLeft: 2, responseMinutes: null, responseBusinessMinutes: null })
    expect(row('forgotten')).toMatchObject({ met: false, lateByMinutes: 6 * 24 * 60 + 3, dueAt: at('2026-03-04T09:00:00Z'), responseMinutes: null })
    expect(row('just-in-time')).toMatchObject({ met: true, earlyByMinutes: 0, responseMinutes: 5 })
    expect(row('already-talking')).toMatchObject({ met: true, responseMinutes: 0, responseBusinessMinutes: 0 })
  })

  it('keeps rows in input order and ids as given', () => {
    expect(report.rows.map((check) => check.id)).toEqual(rows.map((input) => input.id))
    expect(checkHandoffs(berlin, [{ priority: 'hot', mqlAt: now, firstContactAt: null }], now).rows[0].id).toBeNull()
  })

  it('rounds lateness up and time to spare down', () => {
    const late = checkHandoffs(berlin, [{ priority: 'hot', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: at('2026-03-10T09:05:01Z') }], now)
    expect(late.rows[0]).toMatchObject({ met: false, lateByMinutes: 1 })
    const early = checkHandoffs(berlin, [{ priority: 'hot', mqlAt: at('2026-03-10T09:00:00Z'), firstContactAt: at('2026-03-10T09:03:59Z') }], now)
    expect(early.rows[0]).toMatchObject({ met: true, earlyByMinutes: 1 })
  })

  it('summarises met %, median response and each priority', () => {
    expect(report.summary).toMatchObject({ total: 6, met: 3, missed: 2, pending: 1, metPercent: 60, medianResponseMinutes: 107.5, medianResponseBusinessMinutes: 107.5 })
    expect(report.summary.byPriority).toEqual({
      hot: { total: 3, met: 2, missed: 0, pending: 1, metPercent: 100 },
      warm: { total: 2, met: 1, missed: 1, pending: 0, metPercent: 50 },
      normal: { total: 1, met: 0, missed: 1, pending: 0, metPercent: 0 },
    })
  })

  it('summarises nothing as unknown rather than 0%', () => {
    expect(checkHandoffs(berlin, [], now).summary).toMatchObject({ total: 0, metPercent: null, medianResponseMinutes: null, medianResponseBusinessMinutes: null })
  })
})

describe('workedExamples', () => {
  it('shows Friday 17:55, a Sunday, the night before the clocks change and a holiday in the SLA zone', () => {
    const examples = workedExamples(berlin, at('2026-03-04T10:00:00Z'))
    const summary = examples.map((example) => ({
      key: example.key,
      arrivesAt: example.arrivesAt.toISOString(),
      due: Object.fromEntries(example.due.map((due) => [due.priority, due.dueAt.toISOString()])),
    }))
    expect(summary).toEqual([
      { key: 'now', arrivesAt: '2026-03-04T10:00:00.000Z', due: { hot: '2026-03-04T10:05:00.000Z', warm: '2026-03-04T14:00:00.000Z', normal: '2026-03-06T10:00:00.000Z' } },
      { key: 'friday-evening', arrivesAt: '2026-03-06T16:55:00.000Z', due: { hot: '2026-03-06T17:00:00.000Z', warm: '2026-03-09T12:00:00.000Z', normal: '2026-03-10T16:30:00.000Z' } },
      { key: 'sunday', arrivesAt: '2026-03-08T10:00:00.000Z', due: { hot: '2026-03-08T10:05:00.000Z', warm: '2026-03-09T12:00:00.000Z', normal: '2026-03-10T16:30:00.000Z' } },
      { key: 'before-clock-change', arrivesAt: '2026-03-28T21:00:00.000Z', due: { hot: '2026-03-28T21:05:00.000Z', warm: '2026-03-30T11:00:00.000Z', normal: '2026-03-31T15:30:00.000Z' } },
      { key: 'holiday', arrivesAt: '2026-04-03T08:00:00.000Z', due: { hot: '2026-04-03T08:05:00.000Z', warm: '2026-04-07T11:00:00.000Z', normal: '2026-04-08T15:30:00.000Z' } },
    ])
  })

  it('labels the examples in words', () => {
    const examples = workedExamples(berlin, at('2026-03-04T10:00:00Z'))
    const byKey = Object.fromEntries(examples.map((example) => [example.key, example]))
    expect(byKey['friday-evening'].label).toBe('Friday 17:55')
    expect(byKey['friday-evening'].arrivesAtLocal).toBe('Fri 6 Mar 2026, 17:55 (UTC+01:00)')
    expect(byKey['friday-evening'].note).toBe('Arrives outside business hours: business-time targets start counting Mon 9 Mar 2026, 09:00 (UTC+01:00).')
    expect(byKey['friday-evening'].due.map((due) => due.within)).toEqual(['5 minutes around the clock', '4 business hours', '2 business days'])
    expect(byKey['before-clock-change'].label).toBe('The night before the clocks go forward (Saturday 28 March, 22:00)')
    expect(byKey['before-clock-change'].due[1].dueAtLocal).toBe('Mon 30 Mar 2026, 13:00 (UTC+02:00)')
    expect(byKey.holiday.label).toBe('A holiday (Friday 3 April 2026), 10:00')
    expect(byKey.now.note).toBe('Arrives during business hours: business-time targets start counting at once.')
  })

  it('uses the autumn change in autumn and this Friday when it is still ahead', () => {
    const examples = workedExamples(berlin, at('2026-10-02T08:00:00Z')) // Friday 10:00 CEST
    expect(examples.find((example) => example.key === 'friday-evening')!.arrivesAt.toISOString()).toBe('2026-10-02T15:55:00.000Z')
    const night = examples.find((example) => example.key === 'before-clock-change')!
    expect(night.label).toBe('The night before the clocks go back (Saturday 24 October, 22:00)')
    expect(night.arrivesAt.toISOString()).toBe('2026-10-24T20:00:00.000Z')
  })

  it('leaves out the clock change and holiday rows when the zone has neither', () => {
    const kolkata: Handoff = { ...berlin, timeZone: 'Asia/Kolkata', holidays: [] }
    expect(workedExamples(kolkata, at('2026-03-04T10:00:00Z')).map((example) => example.key)).toEqual(['now', 'friday-evening', 'sunday'])
  })
})

describe('nextOffsetChange and formatInZone', () => {
  it.each([
    { zone: 'Europe/Berlin', after: '2026-01-01T00:00:00Z', change: { at: '2026-03-29T01:00:00.000Z', direction: 'forward' } },
    { zone: 'Europe/Berlin', after: '2026-04-01T00:00:00Z', change: { at: '2026-10-25T01:00:00.000Z', direction: 'back' } },
    { zone: 'America/New_York', after: '2026-01-01T00:00:00Z', change: { at: '2026-03-08T07:00:00.000Z', direction: 'forward' } },
    { zone: 'Australia/Sydney', after: '2026-01-01T00:00:00Z', change: { at: '2026-04-04T16:00:00.000Z', direction: 'back' } },
    { zone: 'Asia/Kolkata', after: '2026-01-01T00:00:00Z', change: null },
  ])('$zone after $after', ({ zone, after, change }) => {
    const found = nextOffsetChange(zone, at(after))
    expect(found && { at: found.at.toISOString(), direction: found.direction }).toEqual(change)
  })

  it('formats a moment on the zone’s wall clock', () => {
    expect(formatInZone(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('Sun 29 Mar 2026, 03:00 (UTC+02:00)')
    expect(formatInZone(at('2026-03-29T01:00:00Z'), 'America/New_York')).toBe('Sat 28 Mar 2026, 21:00 (UTC-04:00)')
  })
})

// The fixed expectations, on a plain Berlin 09:00–17:00 week without holidays.
describe('slaDueAt: the worked cases of the handoff issue', () => {
  const nineToFive: Handoff = {
    ...defaultHandoff,
    businessHours: week({ open: '09:00', close: '17:00' }),
    holidays: [],
    responseTargets: [
      { priority: 'hot', label: 'Hot', description: 'Demo requests', within: { amount: 5, unit: 'business-minutes' } },
      { priority: 'warm', label: 'Warm', description: 'Grade B', within: { amount: 4, unit: 'business-hours' } },
      { priority: 'normal', label: 'Normal', description: 'Others', within: { amount: 10, unit: 'business-days' } },
    ],
  }
  it('4 business hours from Friday 16:30 is Monday 12:30', () => {
    expect(slaDueAt(nineToFive, 'warm', at('2026-11-20T15:30:00Z')).toISOString()).toBe('2026-11-23T11:30:00.000Z')
  })
  it('5 business minutes from 16:58 is 09:03 the next business day', () => {
    expect(slaDueAt(nineToFive, 'hot', at('2026-11-19T15:58:00Z')).toISOString()).toBe('2026-11-20T08:03:00.000Z')
  })
  it('a target longer than a week: 10 business days from a Monday 10:00 is two weeks later, 10:00', () => {
    expect(slaDueAt(nineToFive, 'normal', at('2026-11-09T09:00:00Z')).toISOString()).toBe('2026-11-23T09:00:00.000Z')
  })
  it('a 24×7 SLA counts every minute, weekends and nights included', () => {
    const always: Handoff = { ...nineToFive, businessHours: week({ open: '00:00', close: '24:00' }, { open: '00:00', close: '24:00' }) }
    expect(slaDueAt(always, 'warm', at('2026-11-21T23:30:00Z')).toISOString()).toBe('2026-11-22T03:30:00.000Z')
  })
})
