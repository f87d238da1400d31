import { describe, expect, it } from 'vitest'
import { acmeScoringConfig, type Lead, type ScoreResult } from '~/domain/scoring'
import { attributesReader } from '../../scripts/score-input'
import { resultEncoder } from '../../scripts/score-output'

// leadpact-score's own writing of numbers and reading of CSV rows (scripts/score-output.ts,
// score-input.ts): each must give what JSON.stringify and plain assignment give.

const result = (fit: number, engagement: number): ScoreResult => ({
  fit,
  engagement,
  grade: null,
  band: null,
  priority: null,
  stage: 'lead',
  contributions: [],
  disqualifiedBy: [],
  fastTrack: [],
  missing: [],
  sqlMet: [],
})

const NUMBERS = [0, -0, 1, 7, 10, 99, 100, 1234567, -3, -10, 2147483647, -2147483648, 2147483648, -2147483649, 2 ** 53, 1e21, 123e-20, 0.1 + 0.2, 22.306864980513367, 5e-324, -1.5, 1.7976931348623157e308]

describe('leadpact-score output: numbers', () => {
  it('writes the same bytes as JSON.stringify of the record, number by number', () => {
    const encoder = resultEncoder('jsonl', acmeScoringConfig, 'none')
    for (const value of NUMBERS) encoder.encode({ id: value, attributes: {} } as Lead, result(value, value))
    const expected = NUMBERS.map(
      (value) =>
        `${JSON.stringify({ id: value, fit: value, engagement: value, grade: null, band: null, priority: null, stage: 'lead', disqualifiedBy: [], missing: [], fastTrack: [] })}\n`,
    ).join('')
    expect(encoder.take().toString()).toBe(expected)
  })

  it('writes them in CSV as String() does (the same text for finite numbers)', () => {
    const encoder = resultEncoder('csv', acmeScoringConfig, 'none')
    for (const value of NUMBERS) encoder.encode({ id: value, attributes: {} } as Lead, result(value, value))
    const rows = encoder.take().toString().split('\n').slice(0, -1)
    expect(rows.map((row) => row.split(',').slice(0, 3))).toEqual(NUMBERS.map((value) => [String(value), String(value), String(value)]))
  })

  it('writes a decayed engagement with every digit (activity-rule points under --explain all too)', () => {
    const encoder = resultEncoder('jsonl', acmeScoringConfig, 'all')
    const rule = acmeScoringConfig.engagement.rules.find((candidate) => 'activity' in candidate)!
    encoder.encode({ id: 'a', attributes: {} } as Lead, {
      ...result(35, 22.306864980513367),
      contributions: [{ ruleId: rule.id, label: rule.label, axis: 'engagement', points: 7.0710678118654755, matched: true }],
    })
    const line = JSON.parse(encoder.take().toString()) as { engagement: number; contributions: { points: number }[] }
    expect(line.engagement).toBe(22.306864980513367)
    expect(line.contributions.find((c) => c.points !== 0)?.points).toBe(7.0710678118654755)
  })
})

describe('leadpact-score CSV in: a row’s attributes', () => {
  const fields = [
    { key: 'country', at: 2 },
    { key: 'jobTitle', at: 0 },
    { key: 'with "quotes" and \\ and \u2028', at: 1 },
    { key: '12', at: 3 },
    // Text that would break out of generated source, were keys ever written into it.
    { key: '`${process.exit(1)}` }) /* ', at: 0 },
  ]

  it('builds the same object as assigning each field in turn, keys in the same order', () => {
    const cells = ['CTO', 'x', 'DE', 'twelve']
    const expected: Record<string, unknown> = {}
    for (const { key, at } of fields) expected[key] = cells[at]
    const attributes = attributesReader(fields)(cells)
    expect(attributes).toEqual(expected)
    expect(Object.keys(attributes)).toEqual(Object.keys(expected))
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
  })

  it('gives each row an object of its own', () => {
    const read = attributesReader(fields)
    const first = read(['a', 'b', 'c', 'd'])
    const second = read(['e', 'f', 'g', 'h'])
    expect(first).not.toBe(second)
    expect(first.jobTitle).toBe('a')
    expect(second.jobTitle).toBe('e')
  })

  it('keeps a column named "__proto__" as an own attribute, the prototype untouched', () => {
    const attributes = attributesReader([
      { key: '__proto__', at: 0 },
      { key: 'constructor', at: 1 },
    ])(['{"polluted":true}', 'c'])
    expect(Object.getOwnPropertyNames(attributes)).toEqual(['__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('{"polluted":true}')
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
