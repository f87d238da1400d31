import Papa from 'papaparse'

/*
 * leadpact-score's reading of a chunk of CSV records: exactly the rows papaparse reads from it
 * (papaparse is the CSV library, shared with the back-test), one row at a time. Reading a chunk
 * with papaparse at once kept all its rows alive until the last was scored, and the young
 * generation's collector copied them (a fifth of a worker's time on 1M rows, against almost
 * nothing for JSON Lines, whose objects die a line later); it also copied and unquoted each
 * quoted cell through a regular expression.
 *
 * So a plain row is read here, with papaparse's own rules for it, and nothing else: cells
 * separated by the delimiter, a cell that starts with a quote runs to a quote followed at once by
 * the delimiter or the row's line break, `""` inside it is a quote, and a quote anywhere else is
 * text. A row this reading is not sure of (a quoted cell that holds a line break, does not close,
 * or closes with anything after its quote; a line feed inside a CRLF row; the last row, with no
 * line break after it) is read by papaparse itself, from that row's start: papaparse carries
 * nothing from one row to the next but where the row starts, so it reads the row as it would in
 * the whole chunk (after a few such rows in a chunk, papaparse reads the rest of it at once). test/unit/csv-rows.test.ts checks the two readings give the same rows, cells
 * and errors on random text made of quotes, doubled quotes, delimiters, CR, LF, blanks and
 * non-ASCII text.
 */

/**
 * One row, as papaparse reads it: its cells, the line feeds inside them (`breaks`: the row spans
 * 1 + breaks lines), and papaparse's first error on it, if any. `cells` is the reader's own array,
 * filled again for the next row: keep none of it beyond the call (its strings are yours).
 */
export type CsvRowVisitor = (cells: string[], breaks: number, error: string | undefined) => void

export interface CsvRowReader {
  /** Reads every row of `text` (whole records: a chunk that starts where a record starts), in order; returns the line feeds in `text`. */
  read(text: string, visit: CsvRowVisitor): number
}

const QUOTE = 0x22
const CR = 0x0d

/**
 * `rowsAlone`: how many rows of a chunk papaparse reads one by one; from the next on, it reads the
 * rest of the chunk at once (as it read every chunk before). Reading one row, papaparse searches
 * the rest of the chunk for the next delimiter and quote: a chunk of odd rows (line breaks in
 * every row's quoted cell, in a file with one column) read row by row would search it once a row.
 */
export function csvRowReader(delimiter: string, newline: '\n' | '\r\n', rowsAlone = 16): CsvRowReader {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n')
    throw new Error(`csvRowReader: the delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}`)
  const delim = delimiter.charCodeAt(0)
  const crlf = newline === '\r\n'
  // papaparse reading one row: the same options as a whole chunk's reading (quote and escape are
  // its defaults, "), and never its "fast mode" (a split on line breaks, for a text without
  // quotes: the same rows, but with `preview` it reads one row too many).
  const rowParser = new Papa.Parser({ delimiter, newline, preview: 1, fastMode: false })
  const restParser = new Papa.Parser({ delimiter, newline })
  const cells: string[] = []
  const papaRow: string[] = ['']

  return {
    read(text, visit) {
      const length = text.length
      if (length === 0) return 0
      let feeds = 0
      let start = 0
      let alone = 0
      // Where the next delimiter is, from `start` on, or -1: kept across cells and rows, so that a
      // file whose rows hold no delimiter is not searched to its end for each row.
      let nextDelim = text.indexOf(delimiter)
      for (;;) {
        // After a row's line break (the text's last), papaparse reads one empty row.
        if (start === length) {
          papaRow[0] = ''
          visit(papaRow, 0, undefined)
          return feeds
        }
        // The row's line break, if its cells hold none.
        const lf = text.indexOf('\n', start)
        let end = lf
        if (crlf) end = lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : -1
        let count = 0
        let at = start
        let plain = end !== -1
        while (plain) {
          if (text.charCodeAt(at) === QUOTE) {
            // A quoted cell: to the first quote that is not doubled. Its text is the pieces between
            // the doubled quotes, each with one quote, joined as they are found (papaparse replaced
            // every "" in a copy of the cell through a regular expression: ~2x the time on a JSON cell).
            let close = at
            let from = at + 1
            let unquoted = ''
            for (;;) {
              close = text.indexOf('"', close + 1)
              if (close === -1 || close >= end) break
              if (text.charCodeAt(close + 1) !== QUOTE) break
              close++
              unquoted += text.slice(from, close)
              from = close + 1
            }
            // Not closed before the row's line break: a line break inside it, or no closing quote.
            if (close === -1 || close >= end) {
              plain = false
              break
            }
            const after = close + 1
            if (after !== end && text.charCodeAt(after) !== delim) {
              // Blanks or text after the closing quote: papaparse's own rules (it skips blanks, or reports the quote).
              plain = false
              break
            }
            cells[count++] = from === at + 1 ? text.slice(from, close) : unquoted + text.slice(from, close)
            if (after === end) break
            at = after + 1
            if (nextDelim !== -1 && nextDelim < at) nextDelim = text.indexOf(delimiter, at)
            continue
          }
          // A cell without quotes: to the next delimiter in the row, or to the row's line break.
          if (nextDelim !== -1 && nextDelim < at) nextDelim = text.indexOf(delimiter, at)
          if (nextDelim !== -1 && nextDelim < end) {
            cells[count++] = text.slice(at, nextDelim)
            at = nextDelim + 1
            continue
          }
          cells[count++] = text.slice(at, end)
          break
        }
        if (plain) {
          if (cells.length !== count) cells.length = count
          visit(cells, 0, undefined)
          feeds++
          start = lf + 1
          continue
        }
        if (alone === rowsAlone) {
          const restFeeds = lineFeedsIn(text, start, length)
          feeds += restFeeds
          // papaparse reads the rest of the chunk, from this row's start.
          const parsed = restParser.parse(start === 0 ? text : text.slice(start), 0, false) as Papa.ParseResult<string[]>
          const errors = new Map<number, string>()
          for (const error of parsed.errors) if (typeof error.row === 'number' && !errors.has(error.row)) errors.set(error.row, error.message)
          const rows = parsed.data
          // Every row but the last ends with a line break: when those are all the line feeds, no cell holds one.
          const oneLineRows = restFeeds === rows.length - 1
          for (let r = 0; r < rows.length; r++) visit(rows[r], oneLineRows ? 0 : lineFeeds(rows[r]), errors.size > 0 ? errors.get(r) : undefined)
          return feeds
        }
        // papaparse reads this row, from its start.
        alone++
        const parsed = rowParser.parse(start === 0 ? text : text.slice(start), 0, false) as Papa.ParseResult<string[]>
        const row = parsed.data[0] ?? ['']
        const consumed = parsed.meta.cursor
        visit(row, lineFeeds(row), parsed.errors.length > 0 ? parsed.errors[0].message : undefined)
        feeds += lineFeedsIn(text, start, start + consumed)
        // A row that did not end with a line break ended the text.
        if (!parsed.meta.truncated) return feeds
        start += consumed
      }
    },
  }
}

function lineFeedsIn(text: string, start: number, end: number): number {
  let feeds = 0
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) feeds++
  return feeds
}

function lineFeeds(cells: readonly string[]): number {
  let breaks = 0
  for (const cell of cells) for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++
  return breaks
}
