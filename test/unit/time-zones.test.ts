import { describe, expect, it } from 'vitest'
import { knownZone } from '~/components/dates'
import { isTimeZoneName } from '~/domain/time-zones'

describe('time zone names', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'UTC'])('knows %s, asked twice', (zone) => {
    expect(isTimeZoneName(zone)).toBe(true)
    expect(isTimeZoneName(zone)).toBe(true)
  })

  it.each(['Mars/Olympus_Mons', '', 'Europe/Berlin; DROP TABLE'])('refuses %j, asked twice', (zone) => {
    expect(isTimeZoneName(zone)).toBe(false)
    expect(isTimeZoneName(zone)).toBe(false)
  })

  it('dates fall back to UTC for a zone the runtime does not know', () => {
    expect(knownZone('Europe/Berlin')).toBe('Europe/Berlin')
    expect(knownZone('Mars/Olympus_Mons')).toBe('UTC')
    expect(knownZone(null)).toBe('UTC')
  })
})
