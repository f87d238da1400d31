import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { cutAtRecordEnds } from '../setup/csv-pieces'
import { csvRowReader, type CsvRowReader } from '../../scripts/csv-rows'

/*
 * leadpact-score reads a chunk of CSV one row at a time (scripts/csv-rows.ts), plain rows by its
 * own reading and the others by papaparse: the rows, cells, line feeds and errors must be exactly
 * those of papaparse reading the whole chunk at once (what the CLI did before), whatever the text.
 */

type Newline = '\n' | '\r\n'
interface Read {
  rows: { cells: string[]; breaks: number; error: string | undefined }[]
  feeds: number
}

/** papaparse on the whole text: its rows, each row's first error, and the line feeds. */
function papaparseRead(text: string, delimiter: string, newline: Newline): Read {
  const parsed = new Papa.Parser({ delimiter, newline }).parse(text, 0, false) as Papa.ParseResult<string[]>
  const errors = new Map<number, string>()
  for (const error of parsed.errors) if (typeof error.row === 'number' && !errors.has(error.row)) errors.set(error.row, error.message)
  const rows = parsed.data.map((cells, r) => ({ cells, breaks: cells.join('').split('\n').length - 1, error: errors.get(r) }))
  return { rows, feeds: text.split('\n').length - 1 }
}

function rowReaderRead(text: string, delimiter: string, newline: Newline, reader: CsvRowReader): Read {
  const rows: Read['rows'] = []
  // The reader fills the same array again for the next row: copied here.
  const feeds = reader.read(text, (cells, breaks, error) => rows.push({ cells: [...cells], breaks, error }))
  return { rows, feeds }
}

/** One reader reads the whole text: exactly what papaparse reads at once. */
function expectAsPapaparse(text: string, delimiter: string, newline: Newline, alone: number | undefined) {
  expect(rowReaderRead(text, delimiter, newline, csvRowReader(delimiter, newline, alone)), JSON.stringify(text)).toEqual(papaparseRead(text, delimiter, newline))
}

const delimiters = fc.constantFrom(',', ';', '\t', '|')
const newlines = fc.constantFrom<Newline>('\n', '\r\n')
/** How many odd rows papaparse reads one by one before it reads the rest of a chunk at once: none, a few, the CLI's. */
const rowsAlone = fc.constantFrom(0, 1, 2, undefined)

/** Text made of the pieces CSV goes wrong on: quotes, doubled quotes, delimiters, CR, LF, blanks, non-ASCII (a surrogate pair too). */
const token = fc.constantFrom(
  'a',
  'bc',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'é',
  '€',
  '😀',
  '\u00a0',
  'x"y',
  '"a,b"',
  '" ,',
  '"\r\n',
  '"\n',
  '"x""y"',
  '""""',
  '[{""type"":""a""}]',
)

/** A cell as a CSV writer would write it (quoted when it must be, or not), or a broken one. */
const cellText = fc.array(fc.constantFrom('a', 'b', '"', ',', ';', '|', '\t', '\r', '\n', ' ', 'é', '😀'), { maxLength: 6 }).map((chars) => chars.join(''))
function cell(delimiter: string) {
  return fc.oneof(
    cellText.filter((text) => !/[",;|\t\r\n]/.test(text) || !text.includes(delimiter)).map((text) => (text.startsWith('"') ? text.slice(1) : text)),
    cellText.map((text) => `"${text.replaceAll('"', '""')}"`),
    cellText.map((text) => `"${text}"`),
    fc.constantFrom('', ' ', '"', '""', '"a" ', '"a"b', 'a"b', '"unclosed', '" "', '"a\nb"', '"a\r\nb"', '"a\rb"'),
  )
}
function rowsText(delimiter: string, newline: Newline) {
  return fc
    .tuple(fc.array(fc.array(cell(delimiter), { minLength: 1, maxLength: 5 }), { maxLength: 8 }), fc.constantFrom(newline, '', '\n', '\r\n', '\r'))
    .map(([rows, end]) => rows.map((cells) => cells.join(delimiter)).join(newline) + end)
}
/** A file of such rows, with the delimiter and line break it was written with. */
const csvFile = delimiters.chain((delimiter) => newlines.chain((newline) => rowsText(delimiter, newline).map((text) => ({ delimiter, newline, text }))))

describe('csvRowReader', () => {
  it('reads random text exactly as papaparse reads it at once: rows, cells, line feeds and errors', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60, size: 'max' }), delimiters, newlines, rowsAlone, (tokens, delimiter, newline, alone) => {
        expectAsPapaparse(tokens.join(''), delimiter, newline, alone)
      }),
      { numRuns: 5000 },
    )
  })

  it('reads random rows of quoted, unquoted and broken cells exactly as papaparse does', () => {
    fc.assert(
      fc.property(csvFile, rowsAlone, ({ delimiter, newline, text }, alone) => {
        expectAsPapaparse(text, delimiter, newline, alone)
      }),
      { numRuns: 5000 },
    )
  })

  it('gives the rows of the whole file when it reads the chunks the CLI cuts, one after the other, with one reader', () => {
    fc.assert(
      fc.property(
        csvFile,
        fc.integer({ min: 1, max: 40 }),
        rowsAlone,
        ({ delimiter, newline, text }, step, alone) => {
          const pieces = cutAtRecordEnds(text, delimiter, newline, step)
          expect(pieces.join('')).toBe(text)
          const reader = csvRowReader(delimiter, newline, alone)
          const rows = pieces.flatMap((piece, i) => {
            const read = rowReaderRead(piece, delimiter, newline, reader)
            expect(read.feeds).toBe(piece.split('\n').length - 1)
            // After a chunk's final line break papaparse reads an empty row; only the file's last one is the file's.
            return i < pieces.length - 1 && piece.endsWith(newline) ? read.rows.slice(0, -1) : read.rows
          })
          expect(rows).toEqual(papaparseRead(text, delimiter, newline).rows)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('reads these rows as papaparse does', () => {
    const cases: [string, string, Newline][] = [
      ['id,name,activities\nlead-1,"Smith, Jo","[{""type"":""demo"",""at"":""2026-01-01""}]"\n', ',', '\n'],
      ['a,"b\nc",d\ne,f,g\n', ',', '\n'],
      ['a,"b"  ,c\n"x" \n', ',', '\n'],
      ['a,"b\r\n"c"\r\n', ',', '\r\n'],
      ['a;b\r\nc\nd;e\r\n', ';', '\r\n'],
      ['a,b\r\n', ',', '\n'],
      ['a,"b"\r\n', ',', '\n'],
      ['a,"unclosed\nb,c\n', ',', '\n'],
      ['a,b"c,"d""",""""\n\n  \nlast', ',', '\n'],
      ['single\ncolumn\n', ',', '\n'],
      ['', ',', '\n'],
    ]
    for (const [text, delimiter, newline] of cases) for (const alone of [0, 1, undefined]) expectAsPapaparse(text, delimiter, newline, alone)
  })
})
