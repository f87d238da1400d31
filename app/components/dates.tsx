import { createContext, useContext, type ReactNode } from 'react'
import { isTimeZoneName } from '~/domain/time-zones'

/*
 * The app's one date format: "14 Sept 2026" and "14 Sept 2026, 09:05" (24-hour clock), in the
 * workshop's time zone, the zone the room agreed its handoff SLA in. The workshop layout names
 * that zone once (`TimeZoneNote`) and provides it; dates then carry no zone of their own. Outside
 * a workshop (the dashboard, the account page) there is no agreed zone: dates are in UTC and say
 * so. The zone comes from the loader, so the server and the browser render the same text.
 */

const UTC = 'UTC'
const TimeZoneContext = createContext<string | null>(null)

/** The zone if the runtime knows it, else UTC. */
export function knownZone(zone: string | null | undefined): string {
  return zone && isTimeZoneName(zone) ? zone : UTC
}

const formats = new Map<string, Intl.DateTimeFormat>()
function formatter(zone: string, withTime: boolean) {
  const key = `${zone}|${withTime}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      timeZone: zone,
    })
    formats.set(key, format)
  }
  return format
}

/** "14 Sept 2026" or "14 Sept 2026, 09:05" in `zone`: for text that is not a <time> element. */
export function formatDate(value: string | Date, { zone, withTime = false }: { zone: string; withTime?: boolean }): string {
  return formatter(knownZone(zone), withTime).format(new Date(value))
}

/** The zone as people say it: "Berlin time"; UTC stays UTC. */
export function shortZoneName(zone: string): string {
  if (zone === UTC) return 'UTC'
  return `${zone.split('/').at(-1)!.replaceAll('_', ' ')} time`
}

/** The zone with its identifier, once per page: "Berlin time (Europe/Berlin)". */
export function zoneName(zone: string): string {
  return zone === UTC ? 'UTC' : `${shortZoneName(zone)} (${zone})`
}

export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={knownZone(zone)}>{children}</TimeZoneContext.Provider>
}

/** The zone dates on this page are shown in (UTC outside a workshop). */
export function useTimeZone(): { zone: string; named: boolean } {
  const zone = useContext(TimeZoneContext)
  return zone ? { zone, named: true } : { zone: UTC, named: false }
}

/** "All times in Berlin time (Europe/Berlin)": said once per page by the workshop layout. */
export function TimeZoneNote({ className = 'muted small' }: { className?: string }) {
  const { zone } = useTimeZone()
  return <p className={className}>All times in {zoneName(zone)}.</p>
}

export function FormattedDate({ value, withTime = false }: { value: string | Date; withTime?: boolean }) {
  const { zone, named } = useTimeZone()
  const date = new Date(value)
  const text = formatDate(date, { zone, withTime })
  return <time dateTime={date.toISOString()}>{withTime && !named ? `${text} UTC` : text}</time>
}
