import { StringDecoder } from 'node:string_decoder'
import Papa from 'papaparse'

/*
 * Where CSV records end, found in the raw bytes, so that a file can be cut into pieces that
 * papaparse reads one by one (in several threads) into exactly the rows it reads from the whole
 * stream. This does not parse: it follows papaparse's own rules (papaparse.js, Parser.parse) for
 * where a row ends, and nothing else. A quote opens a quoted cell only at the start of a cell; a
 * quoted cell ends at a quote followed (after blanks) by the delimiter or the line break, `""` is
 * a quote inside it, and any other quote inside it is part of the text. The delimiter, quote and
 * line breaks are ASCII, which no byte of a multi-byte UTF-8 character can be, so scanning bytes
 * is scanning characters.
 */

export type Newline = '\n' | '\r\n' | '\r'

const QUOTE = 0x22

/**
 * The line break papaparse picks for a file streamed in pieces of `firstBytes.length` bytes: it
 * guesses from the first piece it is given (ParserHandle.guessLineEndings).
 */
export function guessNewline(firstBytes: Buffer, delimiter: string): Newline {
  const text = new StringDecoder('utf8').write(firstBytes)
  const linebreak = Papa.parse<string[]>(text, { delimiter, preview: 1 }).meta.linebreak
  return linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n'
}

/** JavaScript's String.prototype.trim() would leave nothing of these bytes (papaparse's blanks after a closing quote). */
function blank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i]
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue
    // Non-ASCII blanks (no-break space, line separator, …): rare, so read as text.
    if (byte >= 0x80) return bytes.toString('utf8', start, end).trim() === ''
    return false
  }
  return true
}

/**
 * Finds where complete records end in `bytes`, which starts at the start of a record. Returns
 * the index just after the last complete record's line break (with `first`, the first one's), or
 * -1 when no record is complete. `atEnd`: nothing follows these bytes.
 */
export function lastRecordEnd(bytes: Buffer, delimiter: string, newline: Newline, options: { atEnd?: boolean; first?: boolean } = {}): number {
  const atEnd = options.atEnd ?? false
  const first = options.first ?? false
  const length = bytes.length
  const delim = delimiter.charCodeAt(0)
  const delimLength = 1
  const newlineBytes = Buffer.from(newline, 'latin1')
  const newlineLength = newlineBytes.length
  // A one-byte line break is searched for as a number: Buffer's search for a Buffer costs more.
  const needle = newlineLength === 1 ? newlineBytes[0] : newlineBytes
  const isNewlineAt = (at: number) =>
    at + newlineLength <= length && bytes[at] === newlineBytes[0] && (newlineLength === 1 || bytes[at + 1] === newlineBytes[1])
  let last = -1
  // `region` starts a stretch outside quotes that begins at the start of a cell; `from` is where to look for the next quote.
  let region = 0
  let from = 0
  for (;;) {
    if (from >= length) return last
    const quote = bytes.indexOf(QUOTE, from)
    const stop = quote === -1 ? length : quote
    // Outside quotes, every line break ends a record.
    if (stop > region) {
      const feed = first ? bytes.indexOf(needle, region) : bytes.lastIndexOf(needle, stop - newlineLength)
      if (feed >= region && feed + newlineLength <= stop) {
        last = feed + newlineLength
        if (first) return last
      }
    }
    if (quote === -1) return last
    // A quote opens a cell only where a cell starts: at the region's start or right after a delimiter or a line break in it.
    const startsCell =
      quote === region ||
      (quote - delimLength >= region && bytes[quote - 1] === delim) ||
      (quote - newlineLength >= region && isNewlineAt(quote - newlineLength))
    if (!startsCell) {
      from = quote + 1
      continue
    }
    // Inside a quoted cell: find its closing quote as papaparse does.
    let search = quote
    for (;;) {
      search = bytes.indexOf(QUOTE, search + 1)
      // Never closed in these bytes, or closed by their last byte: what follows decides.
      if (search === -1 || search === length - 1) return last
      if (bytes[search + 1] === QUOTE) {
        search++
        continue
      }
      // Closed by the delimiter or the line break right after it (most cells): what the rules
      // below find, without searching the bytes after it for both.
      if (bytes[search + 1] === delim) {
        region = from = search + 1 + delimLength
        break
      }
      if (isNewlineAt(search + 1)) {
        last = region = from = search + 1 + newlineLength
        if (first) return last
        break
      }
      const nextDelim = bytes.indexOf(delim, search + 1)
      const nextNewline = bytes.indexOf(newlineBytes, search + 1)
      // Without a delimiter and a line break after it, bytes still to come could change the reading.
      if (!atEnd && nextDelim === -1 && nextNewline === -1) return last
      const checkUpTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline)
      const afterDelimBlanks = checkUpTo > search + 1 && blank(bytes, search + 1, checkUpTo) ? checkUpTo : search + 1
      if (afterDelimBlanks < length && bytes[afterDelimBlanks] === delim) {
        region = from = afterDelimBlanks + delimLength
        break
      }
      const afterNewlineBlanks = nextNewline > search + 1 && blank(bytes, search + 1, nextNewline) ? nextNewline : search + 1
      if (isNewlineAt(afterNewlineBlanks)) {
        last = region = from = afterNewlineBlanks + newlineLength
        if (first) return last
        break
      }
      // A quote inside the cell's text (papaparse: "InvalidQuotes"): the cell goes on.
      if (!atEnd && nextNewline === -1) return last
    }
  }
}

/** How many lines a row of cells spans: its own, plus the line feeds inside its quoted cells (as the run counts lines). */
export function linesOfRow(cells: readonly string[]): number {
  let breaks = 0
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]
    if (cell.length > 0 && cell.indexOf('\n') !== -1) breaks += cell.split('\n').length - 1
  }
  return 1 + breaks
}
