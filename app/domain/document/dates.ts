/*
 * Dates in a definition document: one human format ("5 Oct 2026, 17:30 CEST"), in the workshop's
 * time zone, everywhere the document shows a moment (cover, sign-offs, changelog). The workshop's
 * zone is the one its handoff SLA counts business hours in: the only zone the room agreed on.
 */

const FALLBACK_ZONE = 'UTC'

/** The zone if the runtime knows it, else UTC (a version frozen with a zone a later runtime dropped still renders). */
export function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return FALLBACK_ZONE
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return zone
  } catch {
    return FALLBACK_ZONE
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function format(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let formatter = cache.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone })
    cache.set(zone, formatter)
  }
  return formatter
}

/** "5 Oct 2026, 17:30 CEST": a moment as the workshop's people read it. */
export function documentDateTime(at: string | Date, zone: string): string {
  const tz = knownTimeZone(zone)
  return format(dateTimeFormats, tz, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(
    new Date(at)
  )
}

/** "5 Oct 2026": the day of a moment in the workshop's zone. */
export function documentDate(at: string | Date, zone: string): string {
  return format(dateFormats, knownTimeZone(zone), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at))
}
