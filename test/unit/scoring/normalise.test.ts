import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberFromText } from '~/domain/scoring/normalise'
import { PROPERTY_RUNS } from '../../support/property-checks'

/** DESIGN §5's reading of number text, written plainly: the pattern, then Number(). */
function reference(trimmed: string): number {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return NaN
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : NaN
}

describe('numberFromText', () => {
  it('reads any text as the pattern and Number() do, digits-only text included', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '7', '9'), maxLength: 20 })
    const numberish = fc.string({ unit: fc.constantFrom('0', '5', '9', '.', '-', '+', 'e', 'x', ' ', ','), maxLength: 12 })
    fc.assert(
      fc.property(fc.oneof(digits, numberish, fc.string()), (text) => {
        expect(Object.is(numberFromText(text), reference(text))).toBe(true)
      }),
      { numRuns: PROPERTY_RUNS },
    )
  })

  it.each(['0', '007', '1532', '999999999999999', '9999999999999999', '2.5', '-3', '1e3', '', '0x10', '1,000', '١٢'])('reads %j as the reference does', (text) => {
    expect(Object.is(numberFromText(text), reference(text))).toBe(true)
  })
})
