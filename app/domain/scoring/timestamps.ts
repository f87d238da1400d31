/**
 * Timestamps in scoring (DESIGN §5, ADR 005): ISO 8601 text, UTC when it carries no offset, or
 * epoch milliseconds. JavaScript's `Date` parses "2026-01-01T10:00:00" as *local* time, which
 * would make scores depend on the server's time zone, so the text is parsed here by hand (which
 * is also allocation-free: the engine parses every activity date of every lead).
 *
 * Accepted text, after trimming:
 * - epoch milliseconds as an integer: `1767225600000`, `-86400000`;
 * - `YYYY-MM-DD` (midnight UTC);
 * - `YYYY-MM-DD` + `T` (or `t` or a space) + `HH:mm`, optionally `:ss`, optionally a fraction
 *   `.fff` or `,fff` of any length (truncated to milliseconds), then optionally `Z`, `±HH:mm`,
 *   `±HHmm` or `±HH`.
 * Calendar dates are checked (no 2026-02-30, no hour 24, no leap second 60). Anything outside the
 * range of ECMAScript dates (±8.64e15 ms) is invalid.
 */

export const DAY_MS = 86_400_000

/** The range of ECMAScript dates, ±8.64e15 ms. */
export const MAX_EPOCH_MS = 8.64e15

/** Epoch milliseconds of a timestamp, or NaN when it is not a valid one. */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return value >= -MAX_EPOCH_MS && value <= MAX_EPOCH_MS ? value : NaN
  if (typeof value === 'string') return parseTimestampText(value)
  // Dates only reach the engine from code inside the app, never from JSON.
  if (value instanceof Date) return value.getTime()
  return NaN
}

/** Could be whitespace that String.prototype.trim removes (it also knows the Unicode spaces). */
function mayBeSpace(code: number): boolean {
  return code <= 32 || code >= 0x7f
}

/** Like parseTimestamp, for text. */
export function parseTimestampText(raw: string): number {
  const ms = parseCanonicalTimestamp(raw, -Infinity)
  return ms === ms ? ms : parseAnyTimestampText(raw)
}

/**
 * parseTimestamp for a reader that only wants timestamps from `fromMs` on (the activity loops of
 * the generated scorer: asOf less the widest window the activity could count in): the same
 * number, except that it may be NaN, as for an invalid timestamp, when its date alone
 * (YYYY-MM-DD) shows that it lies more than a day before fromMs. Whatever its time of day and
 * offset, a timestamp lies less than two days after its date's midnight (under a day of time, under
 * a day of negative offset), so the date settles it: an activity older than every window costs
 * the reading of its date, not of its time. With fromMs -Infinity, it is parseTimestamp.
 */
export function parseTimestampFrom(value: unknown, fromMs: number): number {
  if (typeof value !== 'string') return parseTimestamp(value)
  const ms = parseCanonicalTimestamp(value, fromMs)
  if (ms === ms) return ms === -Infinity ? NaN : ms
  return parseAnyTimestampText(value)
}

/**
 * The forms that toISOString and most exports write, and that activity dates almost always take:
 * `YYYY-MM-DDTHH:mm:ss`, optionally `.sss` (exactly three digits), then `Z`, `±HH:mm` or nothing,
 * with no surrounding space. Read by fixed positions, with the same checks as parseAnyTimestampText
 * (it was about a third of the engine's time on the bench's leads). NaN for anything else, which
 * parseAnyTimestampText then reads (or refuses): this is a shortcut, never a second reading.
 * Each digit is read once, as a number d, and all of a part are checked at once ((9 - d) | d is
 * negative unless 0 ≤ d ≤ 9; 5 for the tens of minutes and seconds): one test where there were two a digit.
 * -Infinity, before the time is read, when the date is valid and its midnight plus three days is
 * still before fromMs: the timestamp lies more than a day before fromMs (see parseTimestampFrom; a
 * day's margin, so that the reader's own subtractions, rounded, cannot bring it back in).
 */
function parseCanonicalTimestamp(text: string, fromMs: number): number {
  const n = text.length
  // 19: no offset; 20: Z; 23: .sss; 24: .sssZ; 25: ±HH:mm; 29: .sss±HH:mm.
  if (n < 19 || n > 29) return NaN
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return NaN
  // Digits as numbers; (9 - d) | d is negative unless 0 ≤ d ≤ 9, so one test checks them all.
  const y0 = text.charCodeAt(0) - 48
  const y1 = text.charCodeAt(1) - 48
  const y2 = text.charCodeAt(2) - 48
  const y3 = text.charCodeAt(3) - 48
  const m0 = text.charCodeAt(5) - 48
  const m1 = text.charCodeAt(6) - 48
  const d0 = text.charCodeAt(8) - 48
  const d1 = text.charCodeAt(9) - 48
  if (((9 - y0) | y0 | (9 - y1) | y1 | (9 - y2) | y2 | (9 - y3) | y3 | (9 - m0) | m0 | (9 - m1) | m1 | (9 - d0) | d0 | (9 - d1) | d1) < 0) return NaN
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return NaN
  const days = canonicalDays(year, month, day)
  if ((days + 3) * DAY_MS < fromMs) return -Infinity
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NaN
  const h0 = text.charCodeAt(11) - 48
  const h1 = text.charCodeAt(12) - 48
  const i0 = text.charCodeAt(14) - 48
  const i1 = text.charCodeAt(15) - 48
  const s0 = text.charCodeAt(17) - 48
  const s1 = text.charCodeAt(18) - 48
  if (((9 - h0) | h0 | (9 - h1) | h1 | (5 - i0) | i0 | (9 - i1) | i1 | (5 - s0) | s0 | (9 - s1) | s1) < 0) return NaN
  const hour = h0 * 10 + h1
  if (hour > 23) return NaN
  let ms = (days * 24 + hour) * 3_600_000 + (i0 * 10 + i1) * 60_000 + (s0 * 10 + s1) * 1000
  if (n === 19) return ms
  let i = 19
  let mark = text.charCodeAt(19)
  if (mark === 46) {
    if (n < 23) return NaN
    const f0 = text.charCodeAt(20) - 48
    const f1 = text.charCodeAt(21) - 48
    const f2 = text.charCodeAt(22) - 48
    if (((9 - f0) | f0 | (9 - f1) | f1 | (9 - f2) | f2) < 0) return NaN
    ms += f0 * 100 + f1 * 10 + f2
    if (n === 23) return ms
    i = 23
    mark = text.charCodeAt(23)
  }
  if (mark === 90) return i + 1 === n ? ms : NaN
  if ((mark !== 43 && mark !== 45) || i + 6 !== n || text.charCodeAt(i + 3) !== 58) return NaN
  const o0 = text.charCodeAt(i + 1) - 48
  const o1 = text.charCodeAt(i + 2) - 48
  const p0 = text.charCodeAt(i + 4) - 48
  const p1 = text.charCodeAt(i + 5) - 48
  if (((9 - o0) | o0 | (9 - o1) | o1 | (5 - p0) | p0 | (9 - p1) | p1) < 0) return NaN
  const offsetHours = o0 * 10 + o1
  if (offsetHours > 23) return NaN
  const offsetMs = (offsetHours * 60 + p0 * 10 + p1) * 60_000
  return mark === 43 ? ms - offsetMs : ms + offsetMs
}

/** Days before each month in a year that starts on 1 March (daysFromCivil's dayOfYear), by month 1–12. */
const DAYS_BEFORE_MONTH = [0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275]

/**
 * daysFromCivil for years 0–9999, in small integers: the year is moved one era (400 years,
 * 146,097 days) up so that every division is of a positive number and truncation is the floor.
 */
function canonicalDays(year: number, month: number, day: number): number {
  const y = (month <= 2 ? year - 1 : year) + 400
  return y * 365 + ((y / 4) | 0) - ((y / 100) | 0) + ((y / 400) | 0) + DAYS_BEFORE_MONTH[month]! + day - 1 - 865_565
}

/** parseTimestampText for every accepted form (see the top of this file); exported for the tests, as the reference of the shortcut. */
export function parseAnyTimestampText(raw: string): number {
  let text = raw
  const length = raw.length
  if (length === 0) return NaN
  if (mayBeSpace(raw.charCodeAt(0)) || mayBeSpace(raw.charCodeAt(length - 1))) text = raw.trim()
  const n = text.length
  if (n === 0) return NaN

  // Epoch milliseconds: an optional minus sign and digits only.
  let i = text.charCodeAt(0) === 45 ? 1 : 0
  if (i < n) {
    let allDigits = true
    for (let k = i; k < n; k++) {
      const d = text.charCodeAt(k) - 48
      if (d < 0 || d > 9) {
        allDigits = false
        break
      }
    }
    if (allDigits) {
      const ms = Number(text)
      return ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : NaN
    }
  }

  if (n < 10) return NaN
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN
  if (day > daysInMonth(year, month)) return NaN
  let ms = daysFromCivil(year, month, day) * DAY_MS
  if (n === 10) return ms

  // Time of day: T, t or a space, then HH:mm.
  i = 10
  const separator = text.charCodeAt(i)
  if (separator !== 84 && separator !== 116 && separator !== 32) return NaN
  if (n < i + 6 || text.charCodeAt(i + 3) !== 58) return NaN
  const hour = digits(text, i + 1, 2)
  const minute = digits(text, i + 4, 2)
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN
  ms += hour * 3_600_000 + minute * 60_000
  i += 6
  if (i < n && text.charCodeAt(i) === 58) {
    const second = digits(text, i + 1, 2)
    if (second < 0 || second > 59 || i + 3 > n) return NaN
    ms += second * 1000
    i += 3
    const mark = i < n ? text.charCodeAt(i) : 0
    if (mark === 46 || mark === 44) {
      i++
      const fractionStart = i
      let fraction = 0
      while (i < n) {
        const d = text.charCodeAt(i) - 48
        if (d < 0 || d > 9) break
        // Milliseconds: the first three digits, truncated as JavaScript does.
        if (i - fractionStart < 3) fraction = fraction * 10 + d
        i++
      }
      const fractionDigits = i - fractionStart
      if (fractionDigits === 0) return NaN
      if (fractionDigits === 1) fraction *= 100
      else if (fractionDigits === 2) fraction *= 10
      ms += fraction
    }
  }
  if (i === n) return inRange(ms)

  // Offset: Z, or ±HH, ±HHmm, ±HH:mm.
  const zone = text.charCodeAt(i)
  if (zone === 90 || zone === 122) return i + 1 === n ? inRange(ms) : NaN
  if (zone !== 43 && zone !== 45) return NaN
  const rest = n - i - 1
  const offsetHours = digits(text, i + 1, 2)
  let offsetMinutes = 0
  if (rest === 2) offsetMinutes = 0
  else if (rest === 4) offsetMinutes = digits(text, i + 3, 2)
  else if (rest === 5 && text.charCodeAt(i + 3) === 58) offsetMinutes = digits(text, i + 4, 2)
  else return NaN
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return NaN
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000
  // 10:00+02:00 is 08:00Z.
  return inRange(zone === 43 ? ms - offsetMs : ms + offsetMs)
}

function inRange(ms: number): number {
  return ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : NaN
}

/** The number written by `count` ASCII digits at `start`, or -1. */
function digits(text: string, start: number, count: number): number {
  let value = 0
  for (let k = start; k < start + count; k++) {
    const d = text.charCodeAt(k) - 48
    // charCodeAt past the end is NaN, which fails both comparisons.
    if (!(d >= 0 && d <= 9)) return -1
    value = value * 10 + d
  }
  return value
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/**
 * Epoch milliseconds of a date in the config (format 2: since, until, before, after), which
 * validation has checked: `YYYY-MM-DD` is 00:00 UTC, a date-time without an offset is UTC. NaN
 * for anything else, so an unchecked value can never hold by accident.
 */
export function parseConfigDate(text: string): number {
  return /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z?)?$/.test(text) ? parseTimestampText(text) : NaN
}
