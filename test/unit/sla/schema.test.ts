import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defaultHandoff, describeSlaDuration, HandoffSchema, type Handoff } from '~/domain/sla/schema'

/** Returns a deep copy of the default handoff with a change applied. */
function variant(change: (handoff: Handoff) => void): unknown {
  const copy = structuredClone(defaultHandoff)
  change(copy)
  return copy
}

function problems(input: unknown) {
  const result = HandoffSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

describe('HandoffSchema', () => {
  it('accepts the default Berlin handoff', () => {
    expect(problems(defaultHandoff)).toEqual([])
  })

  it.each([
    { name: 'an unknown time zone', input: variant((h) => (h.timeZone = 'Europe/Berlinn')), path: 'timeZone', message: 'IANA' },
    { name: 'an offset instead of a zone name', input: variant((h) => (h.timeZone = '+01:00')), path: 'timeZone', message: 'IANA' },
    {
      name: 'no open day at all',
      input: variant((h) => (h.businessHours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null })),
      path: 'businessHours',
      message: 'Open on at least one day',
    },
    { name: 'closing before opening', input: variant((h) => (h.businessHours.mon = { open: '18:00', close: '09:00' })), path: 'businessHours.mon.close', message: 'after opening' },
    { name: 'closing at opening', input: variant((h) => (h.businessHours.mon = { open: '09:00', close: '09:00' })), path: 'businessHours.mon.close', message: 'after opening' },
    { name: 'a time without a leading zero', input: variant((h) => (h.businessHours.tue = { open: '9:00', close: '17:00' })), path: 'businessHours.tue.open', message: 'such as 09:00' },
    { name: 'opening at 24:00', input: variant((h) => (h.businessHours.tue = { open: '24:00', close: '24:00' })), path: 'businessHours.tue.close', message: 'after opening' },
    { name: 'a date that does not exist', input: variant((h) => h.holidays.push('2026-02-30')), path: 'holidays.18', message: 'real date' },
    { name: 'a holiday listed twice', input: variant((h) => h.holidays.push('2026-12-25')), path: 'holidays.18', message: 'listed twice' },
    { name: 'a missing priority', input: variant((h) => h.responseTargets.pop()), path: 'responseTargets', message: 'normal' },
    { name: 'a priority set twice', input: variant((h) => (h.responseTargets[2].priority = 'warm')), path: 'responseTargets.2.priority', message: 'already a target for warm' },
    { name: 'a zero target', input: variant((h) => (h.responseTargets[0].within.amount = 0)), path: 'responseTargets.0.within.amount', message: 'more than zero' },
    { name: 'a fractional target', input: variant((h) => (h.responseTargets[0].within.amount = 1.5)), path: 'responseTargets.0.within.amount', message: 'whole number' },
    { name: 'an endless target', input: variant((h) => (h.responseTargets[2].within.amount = 61)), path: 'responseTargets.2.within.amount', message: 'At most 60 business days' },
    { name: 'an unknown unit', input: variant((h) => ((h.responseTargets[2].within as { unit: string }).unit = 'weeks')), path: 'responseTargets.2.within.unit', message: 'business days' },
    { name: 'no rejection reasons', input: variant((h) => ((h.rejectionReasons = []), (h.recycleRules = []))), path: 'rejectionReasons', message: 'at least one rejection reason' },
    { name: 'a blank rejection reason', input: variant((h) => h.rejectionReasons.push('  ')), path: 'rejectionReasons.7', message: 'cannot be blank' },
    { name: 'a reason listed twice (ignoring case)', input: variant((h) => h.rejectionReasons.push('no budget ')), path: 'rejectionReasons.7', message: 'listed twice' },
    {
      name: 'recycling on a reason that is not in the list',
      input: variant((h) => h.recycleRules.push({ after: 'rejection', reason: 'Bad vibes' })),
      path: 'recycleRules.3.reason',
      message: 'not one of the rejection reasons',
    },
    {
      name: 'recycling after more attempts than sales makes',
      input: variant((h) => (h.recycleRules[0] = { after: 'failed-attempts', attempts: 7 })),
      path: 'recycleRules.0.attempts',
      message: 'only 6 attempts',
    },
    { name: 'two rules for the same reason', input: variant((h) => h.recycleRules.push({ after: 'rejection', reason: 'No current need' })), path: 'recycleRules.3', message: 'already a recycle rule' },
    { name: 'no follow-up channel', input: variant((h) => (h.followUp.channels = [])), path: 'followUp.channels', message: 'at least one channel' },
    { name: 'a channel twice', input: variant((h) => h.followUp.channels.push('phone')), path: 'followUp.channels', message: 'Each channel once' },
    { name: 'an unknown routing', input: variant((h) => ((h as { routing: string }).routing = 'lottery')), path: 'routing', message: 'round robin' },
    { name: 'an unknown review cadence', input: variant((h) => ((h as { reviewCadence: string }).reviewCadence = 'daily')), path: 'reviewCadence', message: 'weekly' },
    { name: 'a zero MQL commitment', input: variant((h) => (h.commitments.mqlsPerMonth = 0)), path: 'commitments.mqlsPerMonth', message: 'at least one MQL' },
    { name: 'a follow-up commitment over 100%', input: variant((h) => (h.commitments.followUpWithinSlaPercent = 120)), path: 'commitments.followUpWithinSlaPercent', message: '100%' },
    { name: 'an unknown key (typo)', input: variant((h) => Object.assign(h, { timezone: 'Europe/Berlin' })), path: '', message: 'timezone' },
  ])('refuses $name', ({ input, path, message }) => {
    const found = problems(input)
    expect(found.length).toBeGreaterThan(0)
    expect(found).toContainEqual({ path, message: expect.stringContaining(message) })
  })

  it('can express clock-time and business-time targets for every priority', () => {
    const input = variant((h) => {
      h.responseTargets = [
        { priority: 'hot', label: 'Hot', description: '', within: { amount: 5, unit: 'business-minutes' } },
        { priority: 'warm', label: 'Warm', description: '', within: { amount: 4, unit: 'hours' } },
        { priority: 'normal', label: 'Normal', description: '', within: { amount: 16, unit: 'business-hours' } },
      ]
      h.businessHours.sat = { open: '10:00', close: '24:00' }
    })
    expect(problems(input)).toEqual([])
  })

  it('produces a JSON Schema for the published config', () => {
    const jsonSchema = z.toJSONSchema(HandoffSchema) as { properties: Record<string, unknown>; additionalProperties: boolean }
    expect(Object.keys(jsonSchema.properties)).toEqual([
      'routing',
      'timeZone',
      'businessHours',
      'holidays',
      'responseTargets',
      'acceptanceWindow',
      'followUp',
      'rejectionReasons',
      'recycleRules',
      'commitments',
      'reviewCadence',
    ])
    expect(jsonSchema.additionalProperties).toBe(false)
  })
})

describe('defaultHandoff', () => {
  /** Easter Sunday (anonymous Gregorian algorithm), as a UTC date. */
  function easter(year: number): Date {
    const a = year % 19
    const b = Math.floor(year / 100)
    const c = year % 100
    const d = Math.floor(b / 4)
    const e = b % 4
    const f = Math.floor((b + 8) / 25)
    const g = Math.floor((b - f + 1) / 3)
    const h = (19 * a + b - d - g + 15) % 30
    const i = Math.floor(c / 4)
    const k = c % 4
    const l = (32 + 2 * e + 2 * i - h - k) % 7
    const m = Math.floor((a + 11 * h + 22 * l) / 451)
    const month = Math.floor((h + l - 7 * m + 114) / 31)
    const day = ((h + l - 7 * m + 114) % 31) + 1
    return new Date(Date.UTC(year, month - 1, day))
  }
  const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10)

  it.each([2026, 2027])('lists the nationwide German holidays of %i', (year) => {
    const sunday = easter(year)
    const expected = [
      `${year}-01-01`,
      plusDays(sunday, -2), // Good Friday
      plusDays(sunday, 1), // Easter Monday
      `${year}-05-01`,
      plusDays(sunday, 39), // Ascension Day
      plusDays(sunday, 50), // Whit Monday
      `${year}-10-03`,
      `${year}-12-25`,
      `${year}-12-26`,
    ]
    expect(defaultHandoff.holidays.filter((date) => date.startsWith(String(year)))).toEqual(expected)
  })

  it('promises 5 minutes around the clock for hot, 4 business hours for warm and 2 business days for normal', () => {
    expect(defaultHandoff.responseTargets.map((target) => `${target.priority}: ${describeSlaDuration(target.within)}`)).toEqual([
      'hot: 5 minutes around the clock',
      'warm: 4 business hours',
      'normal: 2 business days',
    ])
    expect(describeSlaDuration({ amount: 1, unit: 'business-days' })).toBe('1 business day')
  })
})
