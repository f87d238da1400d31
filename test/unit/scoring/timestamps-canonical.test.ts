import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS, parseAnyTimestampText, parseTimestampFrom, parseTimestampText } from '~/domain/scoring/timestamps'
import { PROPERTY_RUNS } from '../../support/property-checks'

/*
 * parseTimestampText reads the canonical ISO forms (YYYY-MM-DDTHH:mm:ss, optionally .sss, then Z,
 * ±HH:mm or nothing) by a shortcut and everything else with parseAnyTimestampText. Whatever the
 * text, it must answer exactly as parseAnyTimestampText alone does; where the text is valid ISO
 * with an offset, also as Date.parse does.
 */

// (expect only on a difference: half a million expects would take half a minute)
const same = (text: string) => {
  if (!Object.is(parseTimestampText(text), parseAnyTimestampText(text))) expect(parseTimestampText(text), text).toBe(parseAnyTimestampText(text))
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0')
/** The six canonical forms of one date and time (the offset form shifted by `offset` minutes). */
const forms = (date: string, time: string, ms: number, offset: number) => {
  const sign = offset < 0 ? '-' : '+'
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return [`${date}T${time}`, `${date}T${time}Z`, `${date}T${time}.${pad(ms, 3)}`, `${date}T${time}.${pad(ms, 3)}Z`, `${date}T${time}${zone}`, `${date}T${time}.${pad(ms, 3)}${zone}`]
}

describe('parseTimestampText, canonical ISO forms', () => {
  it('reads every day of 1600–2499, and the ends of February and of every year 0000–9999, as the full parser and Date.parse do', () => {
    const check = (date: string, k: number) => {
      const time = `${pad(k % 24)}:${pad((k * 7) % 60)}:${pad((k * 13) % 60)}`
      const text = forms(date, time, k % 1000, ((k % 2 === 0 ? 1 : -1) * (k * 11)) % (24 * 60))[k % 6]!
      same(text)
      // Date.parse reads text without an offset as local time, so it gets a Z; it also takes 29 February of any year.
      const fast = parseTimestampText(text)
      const iso = text.length === 19 || text.length === 23 ? `${text}Z` : text
      if (!Number.isNaN(fast) && fast !== Date.parse(iso)) expect(fast, text).toBe(Date.parse(iso))
    }
    let checked = 0
    for (let day = Date.parse('1600-01-01T00:00:00Z'); day < Date.parse('2500-01-01T00:00:00Z'); day += 86_400_000) check(new Date(day).toISOString().slice(0, 10), checked++)
    expect(checked).toBe(328_719)
    for (let year = 0; year <= 9999; year++) {
      for (const monthDay of ['01-01', '02-28', '02-29', '03-01', '12-31']) check(`${pad(year, 4)}-${monthDay}`, checked++)
    }
  })

  it('reads every second of a day, and every offset, as the full parser does', () => {
    for (let second = 0; second < 86_400; second++) {
      const time = `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`
      for (const text of forms('2026-03-29', time, second % 1000, 120)) same(text)
    }
    for (let hours = 0; hours < 30; hours++) {
      for (let minutes = 0; minutes < 70; minutes++) {
        for (const sign of ['+', '-']) {
          same(`2026-06-01T10:00:00${sign}${pad(hours)}:${pad(minutes)}`)
          same(`2026-06-01T10:00:00.999${sign}${pad(hours)}:${pad(minutes)}`)
        }
      }
    }
  })

  it('refuses or reads any text of those shapes as the full parser does', () => {
    // Canonical shapes with each character drawn from digits, the separators and a few others,
    // so that bad months, days, hours, separators, fractions and offsets are common.
    const unit = fc.constantFrom('0', '1', '2', '3', '5', '9', '-', ':', 'T', 't', ' ', '.', ',', 'Z', 'z', '+', '/', 'a', '٣')
    const shaped = fc.constantFrom('0000-00-00T00:00:00', '0000-00-00T00:00:00Z', '0000-00-00T00:00:00.000', '0000-00-00T00:00:00.000Z', '0000-00-00T00:00:00+00:00', '0000-00-00T00:00:00.000+00:00')
    const valid = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 86_399_999 }), fc.integer({ min: 0, max: 5 }))
    const canonical = valid.map(([year, month, day, ms, form]) => {
      const time = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`
      return forms(`${pad(year, 4)}-${pad(month)}-${pad(day)}`, time, ms % 1000, (ms % 1440) - 720)[form]!
    })
    const text = fc.oneof(
      canonical,
      // A valid-looking timestamp with a few characters replaced.
      fc.tuple(canonical, fc.array(fc.tuple(fc.nat(), unit), { maxLength: 3 })).map(([valid, changes]) => {
        const chars = [...valid]
        for (const [at, char] of changes) chars[at % chars.length] = char
        return chars.join('')
      }),
      // Cut short, or with characters after it.
      fc.tuple(canonical, fc.nat({ max: 12 }), fc.string({ unit, maxLength: 6 })).map(([valid, cut, tail]) => `${valid.slice(0, valid.length - cut)}${tail}`),
      // A shape, every character possibly replaced.
      fc.tuple(shaped, fc.array(unit, { minLength: 29, maxLength: 29 }), fc.nat()).map(([shape, units, seed]) => [...shape].map((c, i) => ((seed >> i % 30) & 1 ? units[i]! : c)).join('')),
      // Lengths around the canonical ones.
      fc.string({ unit, minLength: 17, maxLength: 31 }),
      fc.string(),
    )
    fc.assert(
      fc.property(text, (t) => same(t)),
      { numRuns: PROPERTY_RUNS * 2 },
    )
  })

  it('parseTimestampFrom answers as parseTimestampText, or NaN only for a timestamp more than a day before fromMs', () => {
    let early = 0
    const check = (text: string, fromMs: number) => {
      const full = parseTimestampText(text)
      const from = parseTimestampFrom(text, fromMs)
      if (Object.is(from, full)) return
      // NaN in place of a valid timestamp: only one that lies more than a day before fromMs.
      if (!(Number.isNaN(from) && full < fromMs - DAY_MS)) expect([text, fromMs, from]).toEqual([text, fromMs, full])
      early++
    }
    for (const offset of ['Z', '', '.999', '+23:59', '-23:59', '.000-23:59', '+00:00']) {
      for (let hour = 0; hour < 24; hour += 23) {
        const text = `2026-03-${hour === 0 ? '01' : '31'}T${pad(hour)}:59:59${offset}`
        const ms = parseTimestampText(text)
        expect(ms, text).toBe(parseAnyTimestampText(text))
        for (let delta = -4 * DAY_MS; delta <= 4 * DAY_MS; delta += 3_600_000 + 1) check(text, ms + delta)
        // Far before fromMs: NaN without reading the time.
        expect(parseTimestampFrom(text, ms + 10 * DAY_MS), text).toBeNaN()
        expect(parseTimestampFrom(text, -Infinity)).toBe(ms)
      }
    }
    const day = fc.integer({ min: -800_000, max: 2_900_000 }).map((days) => days * DAY_MS)
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((date) => date.toISOString())), day, fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), (text, base, delta) => {
        const ms = parseTimestampText(text)
        check(text, Number.isNaN(ms) ? base + delta : ms + delta)
        check(text, -Infinity)
        check(text, Infinity)
      }),
      { numRuns: PROPERTY_RUNS * 2 },
    )
    expect(parseTimestampFrom(1_767_225_600_000, Infinity)).toBe(1_767_225_600_000)
    expect(early).toBeGreaterThan(100)
  })

  it.each([
    '2026-02-29T00:00:00Z',
    '2028-02-29T00:00:00Z',
    '2100-02-29T00:00:00',
    '2000-02-29T00:00:00.000+23:59',
    '2026-06-01T24:00:00Z',
    '2026-06-01T23:59:60Z',
    '2026-06-01T10:00:00.12Z',
    '2026-06-01T10:00:00.1234Z',
    '2026-06-01T10:00:00,123Z',
    '2026-06-01T10:00:00+0200',
    '2026-06-01T10:00:00+02',
    '2026-06-01t10:00:00z',
    '2026-06-01 10:00:00Z',
    ' 2026-06-01T10:00:00Z',
    '2026-06-01T10:00:00Z ',
    '0000-01-01T00:00:00-23:59',
    '9999-12-31T23:59:59.999+00:00',
    '9999-12-31T23:59:59.999-23:59',
    '2026-00-10T00:00:00Z',
    '2026-13-10T00:00:00Z',
    '2026-06-00T00:00:00Z',
  ])('reads %j as the full parser does', (text) => same(text))
})
