/**
 * Is `zone` a time zone this runtime knows (an IANA name such as Europe/Berlin)? Asking Intl
 * builds a formatter, a fraction of a millisecond, and every workshop page and every read of a
 * stored handoff asks again: each verdict is kept, up to a bound (what a form posts is bounded,
 * but a list of every wrong guess would not be).
 */
const verdicts = new Map<string, boolean>()
const MAX_VERDICTS = 1000

export function isTimeZoneName(zone: string): boolean {
  const known = verdicts.get(zone)
  if (known !== undefined) return known
  let valid = zone.length > 0
  try {
    if (valid) new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    valid = false
  }
  if (verdicts.size < MAX_VERDICTS) verdicts.set(zone, valid)
  return valid
}
