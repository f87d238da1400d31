import { DateTime, IANAZone } from 'luxon'
import {
  describeSlaDuration,
  minutesOfDay,
  PRIORITIES,
  WEEKDAYS,
  type Handoff,
  type Priority,
  type SlaDuration,
} from './schema'

/**
 * The SLA clock: when first contact with an MQL is due, and whether handoffs met that promise.
 * Pure: every instant comes in as an argument, and wall-clock time is read in the SLA's time zone
 * through Luxon's zone data (never a hand-made offset). The semantics of business time and of
 * business days are documented at the top of ./schema.ts.
 */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

// UTC offsets in the tz database lie between −12 h and +14 h, so a wall-clock time W happens
// somewhere between W − 14 h and W + 12 h (W read as if it were UTC).
const MAX_OFFSET_AHEAD_MS = 14 * HOUR_MS
const MAX_OFFSET_BEHIND_MS = 12 * HOUR_MS

// Offsets are probed at both ends of chunks this long and bisected where they differ. No zone
// changes its offset twice within six hours, so a chunk with equal ends has one offset throughout.
const OFFSET_CHUNK_MS = 6 * HOUR_MS

/** A stretch of business time, in epoch milliseconds, belonging to the local date `day`. */
interface Piece {
  start: number
  end: number
  /** The local (wall-clock) date, as whole days since 1970-01-01. */
  day: number
}

interface BusinessCalendar {
  zone: IANAZone
  /** Business time of one local date, in time order (more than one piece when clocks change inside the opening hours). */
  piecesOf(day: number): Piece[]
  /** More consecutive dates than this without business time means the calendar has none. */
  maxClosedRun: number
}

function epochDayOfIsoDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number)
  return Date.UTC(year, month - 1, day) / DAY_MS
}

/** Index into WEEKDAYS (Monday first) of a local date; 1970-01-01 was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

function offsetMs(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE_MS
}

interface OffsetSegment {
  from: number
  to: number
  offsetMs: number
}

/** Splits [from, to) into stretches of constant UTC offset. */
function offsetSegments(zone: IANAZone, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = []
  const push = (segment: OffsetSegment) => {
    const last = segments.at(-1)
    if (last && last.to === segment.from && last.offsetMs === segment.offsetMs) last.to = segment.to
    else segments.push(segment)
  }
  for (let chunkStart = from; chunkStart < to; chunkStart += OFFSET_CHUNK_MS) {
    const chunkEnd = Math.min(to, chunkStart + OFFSET_CHUNK_MS)
    let start = chunkStart
    let offset = offsetMs(zone, start)
    for (;;) {
      if (offsetMs(zone, chunkEnd - 1) === offset) {
        push({ from: start, to: chunkEnd, offsetMs: offset })
        break
      }
      // Invariant: the offset at `low` is `offset`, the offset at `high` is not.
      let low = start
      let high = chunkEnd - 1
      while (high - low > 1) {
        const middle = low + Math.floor((high - low) / 2)
        if (offsetMs(zone, middle) === offset) low = middle
        else high = middle
      }
      push({ from: start, to: high, offsetMs: offset })
      start = high
      offset = offsetMs(zone, start)
    }
  }
  return segments
}

function businessCalendar(handoff: Handoff): BusinessCalendar {
  const zone = IANAZone.create(handoff.timeZone)
  if (!zone.isValid) throw new Error(`Unknown time zone "${handoff.timeZone}"; validate the handoff with HandoffSchema first.`)
  const hours = WEEKDAYS.map((weekday) => {
    const opening = handoff.businessHours[weekday]
    return opening ? { openMinutes: minutesOfDay(opening.open), closeMinutes: minutesOfDay(opening.close) } : null
  })
  if (!hours.some((opening) => opening !== null && opening.openMinutes < opening.closeMinutes)) {
    // The schema refuses this; without the check the clock would search for an opening forever.
    throw new Error('The handoff has no business hours on any day; validate it with HandoffSchema first.')
  }
  const holidays = new Set(handoff.holidays.map(epochDayOfIsoDate))
  const cache = new Map<number, Piece[]>()

  function computePieces(day: number): Piece[] {
    const opening = hours[weekdayIndex(day)]
    if (!opening || holidays.has(day)) return []
    // Opening hours as wall-clock milliseconds (local time written as if it were UTC).
    const wallOpen = day * DAY_MS + opening.openMinutes * MINUTE_MS
    const wallClose = day * DAY_MS + opening.closeMinutes * MINUTE_MS
    const pieces: Piece[] = []
    // Within a stretch of constant offset, wall time = instant + offset, so the instants whose
    // wall time lies in [wallOpen, wallClose) are [wallOpen − offset, wallClose − offset).
    for (const segment of offsetSegments(zone, wallOpen - MAX_OFFSET_AHEAD_MS, wallClose + MAX_OFFSET_BEHIND_MS)) {
      const start = Math.max(segment.from, wallOpen - segment.offsetMs)
      const end = Math.min(segment.to, wallClose - segment.offsetMs)
      if (start >= end) continue
      const last = pieces.at(-1)
      if (last && last.end === start) last.end = end
      else pieces.push({ start, end, day })
    }
    return pieces
  }

  return {
    zone,
    piecesOf(day) {
      let pieces = cache.get(day)
      if (!pieces) {
        pieces = computePieces(day)
        cache.set(day, pieces)
      }
      return pieces
    },
    maxClosedRun: 7 * (holidays.size + 2),
  }
}

/** The local dates whose business time can include instant `at`. */
function firstCandidateDay(at: number): number {
  return Math.floor((at - MAX_OFFSET_BEHIND_MS) / DAY_MS)
}

/**
 * Every piece of business time that ends after `from`, in time order, without end. Dates are read
 * one ahead of what is handed out, so a piece of a later date that happens earlier (a clock turned
 * back across midnight) still comes out in order.
 */
function* piecesFrom(calendar: BusinessCalendar, from: number): Generator<Piece, never> {
  let nextDay = firstCandidateDay(from)
  let closedRun = 0
  const buffer: Piece[] = []
  for (;;) {
    // A date's business time cannot start before its midnight (as UTC) minus the largest offset.
    while (buffer.length === 0 || buffer[0].start > nextDay * DAY_MS - MAX_OFFSET_AHEAD_MS) {
      const pieces = calendar.piecesOf(nextDay)
      if (pieces.length === 0) {
        closedRun += 1
        if (closedRun > calendar.maxClosedRun) throw new Error('No business hours found: check the opening hours and holidays.')
      } else {
        closedRun = 0
        buffer.push(...pieces)
        buffer.sort((a, b) => a.start - b.start)
      }
      nextDay += 1
    }
    const piece = buffer.shift()!
    if (piece.end > from) yield piece
  }
}

function addBusinessTime(calendar: BusinessCalendar, from: number, durationMs: number): number {
  let remaining = durationMs
  for (const piece of piecesFrom(calendar, from)) {
    const start = Math.max(piece.start, from)
    const available = piece.end - start
    if (remaining <= available) return start + remaining
    remaining -= available
  }
  throw new Error('unreachable: piecesFrom never ends')
}

/** Business days: the same point of the business day, `days` open days later (see ./schema.ts). */
function addBusinessDays(calendar: BusinessCalendar, from: number, days: number): number {
  const pieces = piecesFrom(calendar, from)
  const first = pieces.next().value
  // Business time already spent on the start date before `from`.
  let position = 0
  for (const piece of calendar.piecesOf(first.day)) position += Math.max(0, Math.min(piece.end, from) - piece.start)

  let dayIndex = 0
  let currentDay = first.day
  let lastEnd = first.end
  let reachedOnDueDay = 0
  for (const piece of pieces) {
    if (piece.day !== currentDay) {
      dayIndex += 1
      currentDay = piece.day
      reachedOnDueDay = 0
      // Starting at an opening: due when the (days − 1)th open day after it closes.
      if (position === 0 && dayIndex === days) return lastEnd
      // The due day was shorter than the position to reach: due at its closing.
      if (dayIndex > days) return lastEnd
    }
    if (dayIndex === days) {
      const length = piece.end - piece.start
      if (reachedOnDueDay + length >= position) return piece.start + (position - reachedOnDueDay)
      reachedOnDueDay += length
    }
    lastEnd = piece.end
  }
  throw new Error('unreachable: piecesFrom never ends')
}

function instantOf(at: Date, name: string): number {
  const ms = at.getTime()
  if (Number.isNaN(ms)) throw new Error(`${name} is not a valid date`)
  return ms
}

function addDuration(calendar: BusinessCalendar, from: number, duration: SlaDuration): number {
  switch (duration.unit) {
    case 'minutes':
      return from + duration.amount * MINUTE_MS
    case 'hours':
      return from + duration.amount * HOUR_MS
    case 'business-minutes':
      return addBusinessTime(calendar, from, duration.amount * MINUTE_MS)
    case 'business-hours':
      return addBusinessTime(calendar, from, duration.amount * HOUR_MS)
    case 'business-days':
      return addBusinessDays(calendar, from, duration.amount)
  }
}

function targetFor(handoff: Handoff, priority: Priority) {
  const target = handoff.responseTargets.find((candidate) => candidate.priority === priority)
  if (!target) throw new Error(`The handoff has no response target for ${priority} MQLs; validate it with HandoffSchema first.`)
  return target
}

/** The moment `duration` has passed after `from`, counted as the SLA counts it. */
export function addSlaDuration(handoff: Handoff, from: Date, duration: SlaDuration): Date {
  return new Date(addDuration(businessCalendar(handoff), instantOf(from, 'from'), duration))
}

/** When first contact with an MQL of this priority is due. */
export function slaDueAt(handoff: Handoff, priority: Priority, mqlAt: Date): Date {
  return addSlaDuration(handoff, mqlAt, targetFor(handoff, priority).within)
}

/** When sales must have accepted (SAL) or rejected a handed-over MQL. */
export function acceptanceDueAt(handoff: Handoff, handedOverAt: Date): Date {
  return addSlaDuration(handoff, handedOverAt, handoff.acceptanceWindow)
}

/** Whether `at` lies within business time (opening hours are half-open: 17:30 is closed). */
export function isBusinessTime(handoff: Handoff, at: Date): boolean {
  const calendar = businessCalendar(handoff)
  const ms = instantOf(at, 'at')
  const lastDay = Math.floor((ms + MAX_OFFSET_AHEAD_MS) / DAY_MS)
  for (let day = firstCandidateDay(ms); day <= lastDay; day++) {
    if (calendar.piecesOf(day).some((piece) => piece.start <= ms && ms < piece.end)) return true
  }
  return false
}

/** The first moment at or after `at` that is business time: when the business clock starts for an MQL arriving at `at`. */
export function nextBusinessMoment(handoff: Handoff, at: Date): Date {
  const ms = instantOf(at, 'at')
  const first = piecesFrom(businessCalendar(handoff), ms).next().value
  return new Date(Math.max(first.start, ms))
}

function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  let total = 0
  if (to <= from) return 0
  for (const piece of piecesFrom(calendar, from)) {
    if (piece.start >= to) break
    total += Math.min(piece.end, to) - Math.max(piece.start, from)
  }
  return total
}

/** Business minutes from `from` to `to` (0 when `to` is not after `from`). */
export function businessMinutesBetween(handoff: Handoff, from: Date, to: Date): number {
  return businessMsBetween(businessCalendar(handoff), instantOf(from, 'from'), instantOf(to, 'to')) / MINUTE_MS
}

export interface HandoffRow {
  id?: string | number | null
  priority: Priority
  mqlAt: Date
  /** null: nobody has contacted the lead yet. */
  firstContactAt: Date | null
}

interface HandoffCheckBase {
  id: string | number | null
  priority: Priority
  mqlAt: Date
  firstContactAt: Date | null
  dueAt: Date
  /** Clock minutes from MQL to first contact; null until contacted. A contact logged before the MQL time counts as 0. */
  responseMinutes: number | null
  /** The same span counted in business minutes. */
  responseBusinessMinutes: number | null
}

export type HandoffCheck = HandoffCheckBase &
  (
    | { met: true; /** whole minutes to spare, rounded down */ earlyByMinutes: number }
    | { met: false; /** whole minutes past due, rounded up; when not yet contacted, late as of `now` */ lateByMinutes: number }
    | { met: 'pending'; /** whole minutes until due, rounded down */ minutesLeft: number }
  )

export interface HandoffTally {
  total: number
  met: number
  missed: number
  pending: number
  /** met ÷ (met + missed) × 100; null while nothing is decided. */
  metPercent: number | null
}

export interface HandoffReport {
  rows: HandoffCheck[]
  summary: HandoffTally & {
    /** Median over contacted rows; null when none was contacted. */
    medianResponseMinutes: number | null
    medianResponseBusinessMinutes: number | null
    byPriority: Record<Priority, HandoffTally>
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function emptyTally(): HandoffTally {
  return { total: 0, met: 0, missed: 0, pending: 0, metPercent: null }
}

function count(tally: HandoffTally, met: HandoffCheck['met']) {
  tally.total += 1
  if (met === true) tally.met += 1
  else if (met === false) tally.missed += 1
  else tally.pending += 1
  const decided = tally.met + tally.missed
  tally.metPercent = decided === 0 ? null : (tally.met / decided) * 100
}

/**
 * Which handoffs met their response target and by how much. A contact at the due moment meets it;
 * a lead not yet contacted is pending until its due moment has passed `now`, then missed.
 */
export function checkHandoffs(handoff: Handoff, rows: readonly HandoffRow[], now: Date): HandoffReport {
  const calendar = businessCalendar(handoff)
  const nowMs = instantOf(now, 'now')
  const checks = rows.map((row): HandoffCheck => {
    const mqlMs = instantOf(row.mqlAt, 'mqlAt')
    const dueMs = addDuration(calendar, mqlMs, targetFor(handoff, row.priority).within)
    const base = { id: row.id ?? null, priority: row.priority, mqlAt: row.mqlAt, firstContactAt: row.firstContactAt, dueAt: new Date(dueMs) }
    if (row.firstContactAt === null) {
      const pending = { ...base, responseMinutes: null, responseBusinessMinutes: null }
      return nowMs <= dueMs
        ? { ...pending, met: 'pending', minutesLeft: Math.floor((dueMs - nowMs) / MINUTE_MS) }
        : { ...pending, met: false, lateByMinutes: Math.ceil((nowMs - dueMs) / MINUTE_MS) }
    }
    const contactMs = Math.max(instantOf(row.firstContactAt, 'firstContactAt'), mqlMs)
    const contacted = {
      ...base,
      responseMinutes: (contactMs - mqlMs) / MINUTE_MS,
      responseBusinessMinutes: businessMsBetween(calendar, mqlMs, contactMs) / MINUTE_MS,
    }
    return contactMs <= dueMs
      ? { ...contacted, met: true, earlyByMinutes: Math.floor((dueMs - contactMs) / MINUTE_MS) }
      : { ...contacted, met: false, lateByMinutes: Math.ceil((contactMs - dueMs) / MINUTE_MS) }
  })

  const overall = emptyTally()
  const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, emptyTally()])) as Record<Priority, HandoffTally>
  for (const check of checks) {
    count(overall, check.met)
    count(byPriority[check.priority], check.met)
  }
  const responses = checks.filter((check) => check.responseMinutes !== null)
  return {
    rows: checks,
    summary: {
      ...overall,
      medianResponseMinutes: median(responses.map((check) => check.responseMinutes!)),
      medianResponseBusinessMinutes: median(responses.map((check) => check.responseBusinessMinutes!)),
      byPriority,
    },
  }
}

/** "Fri 6 Mar 2026, 17:55 (UTC+01:00)": a moment as the SLA's team reads it on their wall clock. */
export function formatInZone(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale('en-GB')
  return `${local.toFormat('ccc d LLL yyyy, HH:mm')} (UTC${local.toFormat('ZZ')})`
}

export interface OffsetChange {
  /** The first instant on the new offset. */
  at: Date
  direction: 'forward' | 'back'
}

/** The zone's next change of UTC offset (daylight saving) within a year after `after`, or null. */
export function nextOffsetChange(timeZone: string, after: Date): OffsetChange | null {
  const zone = IANAZone.create(timeZone)
  const start = instantOf(after, 'after')
  const startOffset = offsetMs(zone, start)
  for (let day = 1; day <= 366; day++) {
    const probe = start + day * DAY_MS
    const probeOffset = offsetMs(zone, probe)
    if (probeOffset === startOffset) continue
    let low = probe - DAY_MS
    let high = probe
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2)
      if (offsetMs(zone, middle) === startOffset) low = middle
      else high = middle
    }
    return { at: new Date(high), direction: offsetMs(zone, high) > startOffset ? 'forward' : 'back' }
  }
  return null
}

export type WorkedExampleKey = 'now' | 'friday-evening' | 'sunday' | 'before-clock-change' | 'holiday'

export interface WorkedExample {
  key: WorkedExampleKey
  /** "Friday 17:55", "The night before the clocks go forward (Sat 28 Mar 2026, 22:00)" */
  label: string
  arrivesAt: Date
  arrivesAtLocal: string
  /** When the business clock starts counting for this MQL. */
  clockStartsAt: Date
  note: string
  due: { priority: Priority; label: string; within: string; dueAt: Date; dueAtLocal: string }[]
}

/**
 * The worked examples of the SLA step, all in the SLA's time zone: an MQL arriving now, on the
 * next Friday at 17:55, on the next Sunday, the night before the zone's next clock change (when it
 * has one within a year) and on the next holiday (when one is listed).
 */
export function workedExamples(handoff: Handoff, now: Date): WorkedExample[] {
  const calendar = businessCalendar(handoff)
  const zone = handoff.timeZone
  const nowMs = instantOf(now, 'now')
  const local = DateTime.fromMillis(nowMs, { zone }).setLocale('en-GB')

  /** The next date with this ISO weekday (1 = Monday) whose `hour:minute` is not before now. */
  const nextWeekdayAt = (weekday: number, hour: number, minute: number) => {
    let candidate = local.plus({ days: (weekday - local.weekday + 7) % 7 }).set({ hour, minute, second: 0, millisecond: 0 })
    if (candidate.toMillis() < nowMs) candidate = candidate.plus({ weeks: 1 }).set({ hour, minute })
    return candidate
  }

  const arrivals: { key: WorkedExampleKey; label: string; at: DateTime }[] = [
    { key: 'now', label: 'Now', at: local },
    { key: 'friday-evening', label: 'Friday 17:55', at: nextWeekdayAt(5, 17, 55) },
    { key: 'sunday', label: 'Sunday 11:00', at: nextWeekdayAt(7, 11, 0) },
  ]

  const change = nextOffsetChange(zone, now)
  if (change) {
    // Clocks usually change in the small hours: the example arrives at 22:00 the evening before.
    const eveningBefore = DateTime.fromMillis(change.at.getTime() - 12 * HOUR_MS, { zone }).set({ hour: 22, minute: 0, second: 0, millisecond: 0 })
    const at = eveningBefore.toMillis() < change.at.getTime() ? eveningBefore : DateTime.fromMillis(change.at.getTime() - 2 * HOUR_MS, { zone })
    arrivals.push({
      key: 'before-clock-change',
      label: `The night before the clocks go ${change.direction} (${at.setLocale('en-GB').toFormat('cccc d LLLL, HH:mm')})`,
      at,
    })
  }

  const holiday = [...handoff.holidays]
    .sort()
    .map((date) => DateTime.fromISO(date, { zone }).set({ hour: 10, minute: 0 }))
    .find((at) => at.toMillis() >= nowMs)
  if (holiday) {
    arrivals.push({ key: 'holiday', label: `A holiday (${holiday.setLocale('en-GB').toFormat('cccc d LLLL yyyy')}), 10:00`, at: holiday })
  }

  return arrivals.map(({ key, label, at }) => {
    const arrivesMs = at.toMillis()
    const first = piecesFrom(calendar, arrivesMs).next().value
    const clockStartsMs = Math.max(first.start, arrivesMs)
    const note =
      clockStartsMs === arrivesMs
        ? 'Arrives during business hours: business-time targets start counting at once.'
        : `Arrives outside business hours: business-time targets start counting ${formatInZone(new Date(clockStartsMs), zone)}.`
    return {
      key,
      label,
      arrivesAt: new Date(arrivesMs),
      arrivesAtLocal: formatInZone(new Date(arrivesMs), zone),
      clockStartsAt: new Date(clockStartsMs),
      note,
      due: PRIORITIES.map((priority) => {
        const target = targetFor(handoff, priority)
        const dueAt = new Date(addDuration(calendar, arrivesMs, target.within))
        return { priority, label: target.label, within: describeSlaDuration(target.within), dueAt, dueAtLocal: formatInZone(dueAt, zone) }
      }),
    }
  })
}
