import { afterEach, describe, expect, it } from 'vitest'
import { parseTimestamp } from '~/domain/scoring'

const UTC = Date.UTC

describe('parseTimestamp', () => {
  it.each<[string, unknown, number]>([
    ['ISO with Z', '2026-06-01T12:00:00Z', UTC(2026, 5, 1, 12)],
    ['ISO with lower-case t and z', '2026-06-01t12:00:00z', UTC(2026, 5, 1, 12)],
    ['ISO with milliseconds', '2026-06-01T12:00:00.123Z', UTC(2026, 5, 1, 12, 0, 0, 123)],
    ['a fraction is truncated to milliseconds', '2026-06-01T12:00:00.98765Z', UTC(2026, 5, 1, 12, 0, 0, 987)],
    ['one fraction digit is tenths', '2026-06-01T12:00:00.5Z', UTC(2026, 5, 1, 12, 0, 0, 500)],
    ['a comma fraction', '2026-06-01T12:00:00,25Z', UTC(2026, 5, 1, 12, 0, 0, 250)],
    ['without an offset it is UTC', '2026-01-01T10:00:00', UTC(2026, 0, 1, 10)],
    ['without seconds', '2026-01-01T10:30', UTC(2026, 0, 1, 10, 30)],
    ['a space instead of T', '2026-01-01 10:00:00', UTC(2026, 0, 1, 10)],
    ['date only is midnight UTC', '2026-01-01', UTC(2026, 0, 1)],
    ['+02:00', '2026-01-01T10:00:00+02:00', UTC(2026, 0, 1, 8)],
    ['-05:30', '2026-01-01T10:00:00-05:30', UTC(2026, 0, 1, 15, 30)],
    ['+0200', '2026-01-01T10:00:00+0200', UTC(2026, 0, 1, 8)],
    ['+02', '2026-01-01T10:00+02', UTC(2026, 0, 1, 8)],
    ['an offset across midnight', '2026-01-01T01:00:00+03:00', UTC(2025, 11, 31, 22)],
    ['29 February in a leap year', '2028-02-29T00:00:00Z', UTC(2028, 1, 29)],
    ['2000 was a leap year', '2000-02-29', UTC(2000, 1, 29)],
    ['padded text', '  2026-01-01T10:00:00Z \n', UTC(2026, 0, 1, 10)],
    ['epoch ms', 1_767_225_600_000, 1_767_225_600_000],
    ['epoch ms before 1970', -86_400_000, -86_400_000],
    ['epoch ms as text', '1767225600000', 1_767_225_600_000],
    ['negative epoch ms as text', ' -1000 ', -1000],
    ['a year before 100 is not shifted to 19xx', '0050-01-01', new Date('0050-01-01T00:00:00Z').getTime()],
    ['a Date', new Date(UTC(2026, 0, 1)), UTC(2026, 0, 1)],
  ])('%s', (_name, input, expected) => {
    expect(parseTimestamp(input)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ['30 February', '2026-02-30'],
    ['29 February in a common year', '2026-02-29T00:00:00Z'],
    ['2100 is not a leap year', '2100-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-01-00'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['leap second', '2026-12-31T23:59:60Z'],
    ['offset hour 24', '2026-01-01T10:00:00+24:00'],
    ['an offset without a time', '2026-01-01Z'],
    ['a dot without digits', '2026-01-01T10:00:00.Z'],
    ['trailing text', '2026-01-01T10:00:00Z please'],
    ['a two-digit year', '26-01-01'],
    ['a US date', '01/02/2026'],
    ['words', 'yesterday'],
    ['empty', ''],
    ['blank', '   '],
    ['decimal epoch text', '1767225600000.5'],
    ['epoch ms beyond the range of dates', 8.64e15 + 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a boolean', true],
    ['null', null],
    ['an object', {}],
    ['an invalid Date', new Date('nope')],
  ])('refuses %s', (_name, input) => {
    expect(parseTimestamp(input)).toBeNaN()
  })

  describe('does not depend on the time zone of the process', () => {
    const original = process.env.TZ
    afterEach(() => {
      process.env.TZ = original
    })
    it.each(['Asia/Kolkata', 'America/Los_Angeles', 'UTC'])('in %s', (zone) => {
      process.env.TZ = zone
      expect(parseTimestamp('2026-01-01T10:00:00')).toBe(UTC(2026, 0, 1, 10))
      expect(parseTimestamp('2026-07-01T10:00:00')).toBe(UTC(2026, 6, 1, 10))
    })
  })
})
