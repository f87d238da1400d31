import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { mergeAggregates, type BacktestAggregate } from '~/domain/backtest/aggregate'
import { guessNewline, lastRecordEnd, type Newline } from '~/backtest/csv-records.server'
import { cutAtRecordEnds } from '../../setup/csv-pieces'

/*
 * The back-test cuts a file into pieces where a record ends, and papaparse reads each piece on
 * its own: the rows must be exactly those papaparse reads from the whole text, whatever the text
 * (quotes that open and close, "" inside them, quotes in the middle of a cell, quotes never
 * closed, blanks after a closing quote, line breaks inside quoted cells, non-ASCII text).
 */

function rowsOf(text: string, delimiter: string, newline: Newline): string[][] {
  return new Papa.Parser({ delimiter, newline }).parse(text, 0, false).data as string[][]
}

/** The rows of the pieces, each read alone, without the empty row papaparse reads after a piece's final line break. */
function rowsOfPieces(pieces: string[], delimiter: string, newline: Newline): string[][] {
  return pieces.flatMap((piece, i) => {
    const rows = rowsOf(piece, delimiter, newline)
    return i < pieces.length - 1 && piece.endsWith(newline) ? rows.slice(0, -1) : rows
  })
}

const token = fc.constantFrom('a', 'bc', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', '\t', 'é', '€', '\u00a0', 'x"y', '"a,b"', '" ,', '"\r\n')

describe('lastRecordEnd', () => {
  it('cuts where papaparse ends a record: the pieces read alone give the rows of the whole', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80, size: 'max' }), fc.constantFrom(',', ';', '\t'), fc.constantFrom<Newline>('\n', '\r\n', '\r'), fc.integer({ min: 1, max: 24 }), (tokens, delimiter, newline, step) => {
        const text = tokens.join('')
        const pieces = cutAtRecordEnds(text, delimiter, newline, step)
        expect(pieces.join('')).toBe(text)
        expect(rowsOfPieces(pieces, delimiter, newline)).toEqual(rowsOf(text, delimiter, newline))
      }),
      { numRuns: 3000 },
    )
  })

  it('finds the first record for the header, across line breaks inside quotes', () => {
    const text = '"a\r\nb",c\r\nd,e\r\n'
    expect(lastRecordEnd(Buffer.from(text), ',', '\r\n', { first: true })).toBe(text.indexOf('d'))
    expect(lastRecordEnd(Buffer.from(text), ',', '\r\n')).toBe(text.length)
  })

  it('does not cut inside a quoted cell that is not closed yet, nor after a closing quote whose next byte is unknown', () => {
    expect(lastRecordEnd(Buffer.from('a,b\n"c\nd'), ',', '\n')).toBe(4)
    expect(lastRecordEnd(Buffer.from('a,b\n"c\nd"'), ',', '\n')).toBe(4)
    expect(lastRecordEnd(Buffer.from('a,b\n"c\nd"  '), ',', '\n')).toBe(4)
    expect(lastRecordEnd(Buffer.from('a,b\n"c\nd"  \n'), ',', '\n')).toBe(12)
    // A quote in the middle of a cell is text: the line break after it ends the record.
    expect(lastRecordEnd(Buffer.from('5\'11",x\ny'), ',', '\n')).toBe(8)
  })

  it('guesses the line break as papaparse does from the start of a stream', () => {
    expect(guessNewline(Buffer.from('a,b\r\nc,d\r\n'), ',')).toBe('\r\n')
    expect(guessNewline(Buffer.from('a,b\nc,d\n'), ',')).toBe('\n')
    expect(guessNewline(Buffer.from('"x\r\ny",b\nc,d\n'), ',')).toBe('\n')
  })
})

describe('mergeAggregates', () => {
  const base = (cells: BacktestAggregate['cells'], months: BacktestAggregate['months'], matched: number): BacktestAggregate => ({
    format: 1,
    leads: cells.reduce((sum, cell) => sum + cell[4], 0),
    converted: cells.reduce((sum, cell) => sum + cell[5], 0),
    dated: months.reduce((sum, cell) => sum + cell[4], 0),
    fitMax: 100,
    engagementMax: 100,
    grades: [{ grade: 'A', minFit: 50 }],
    thresholds: { minFit: 50, minEngagement: 30 },
    sqlMinMet: 1,
    cells,
    months,
    rules: [{ id: 'r', label: 'R', kind: 'fit', points: 10, matched, converted: 1 }],
  })

  it('adds the counts of equal cells, keeps the others, and sorts as one tally does', () => {
    const a = base([[10, 5, 0, 0, 2, 1], [20, 0, -1, 1, 1, 0]], [['2026-02', 10, 5, 0, 2, 1]], 3)
    const b = base([[10, 5, 0, 0, 3, 2], [0, 0, -1, 0, 4, 0]], [['2026-01', 0, 0, 0, 1, 0], ['2026-02', 10, 5, 0, 1, 1]], 2)
    const merged = mergeAggregates(a, b)
    expect(merged.cells).toEqual([[0, 0, -1, 0, 4, 0], [10, 5, 0, 0, 5, 3], [20, 0, -1, 1, 1, 0]])
    expect(merged.months).toEqual([['2026-01', 0, 0, 0, 1, 0], ['2026-02', 10, 5, 0, 3, 2]])
    expect([merged.leads, merged.converted, merged.dated]).toEqual([10, 3, 4])
    expect(merged.rules[0]).toMatchObject({ matched: 5, converted: 2 })
    // The parts are left as they were.
    expect(a.cells[0]).toEqual([10, 5, 0, 0, 2, 1])
  })

  it('refuses aggregates of different configs', () => {
    const a = base([], [], 0)
    expect(() => mergeAggregates(a, { ...a, rules: [{ ...a.rules[0]!, id: 'other' }] })).toThrow('different configs')
  })
})
