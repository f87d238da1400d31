import fs from 'node:fs'
import Papa from 'papaparse'
import { BacktestTally, mergeAggregates, type BacktestAggregate } from '~/domain/backtest/aggregate'
import type { BacktestMapping } from '~/domain/backtest/mapping'
import { compileRowReader } from '~/domain/backtest/row-reader'
import { compile } from '~/domain/scoring/engine'
import type { ScoringConfig } from '~/domain/scoring/config-schema'
import { guessNewline, lastRecordEnd, linesOfRow, type Newline } from './csv-records.server'
import type { PieceLease, ReadingThreads } from './reading-threads.server'

/*
 * Reading a file of historical leads: papaparse for CSV (chosen by the bench: several times
 * faster than csv-parse on the real file), line by line for JSON Lines. Each row goes through
 * the mapping, is scored by every model of the run and counted; nothing of the row is kept.
 *
 * The file is read in pieces of whole records (cut where papaparse would end a row:
 * csv-records.server.ts) that are parsed, scored and counted in worker threads (worker.ts), one
 * per core: each counts its own share, the shares add up exactly at the end (mergeAggregates),
 * and each piece's bad rows get their line numbers in file order. The thread that calls this
 * only reads bytes, cuts pieces and hands them out (for a run, the server's thread: a little
 * I/O per piece, so it keeps answering requests); with `readHere` it parses pieces too, and
 * without threads it does everything (tests, the demo).
 */

export const FILE_FORMATS = ['csv', 'jsonl'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

/** The bad rows listed by line number; the rest are only counted. */
export const LISTED_BAD_ROWS = 100
/** A single row longer than this is an unmatched quote swallowing the file, not a lead. */
const MAX_ROW_CHARS = 1024 * 1024
/** Bytes read at a time: a piece of the file (one message to a worker) is this much, cut back to where its last record ends. */
const CHUNK_BYTES = 256 * 1024
/** A worker parses a piece in parts of about this much (pieceReader). */
const PARSE_BYTES = 64 * 1024
/** papaparse guessed the line break from the first piece of a stream this long (the back-test read it so before). */
const NEWLINE_GUESS_BYTES = 64 * 1024

export interface BadRow {
  line: number
  message: string
}

export interface ReadProgress {
  rows: number
  bytes: number
}

export interface ReadInput {
  path: string
  format: FileFormat
  /** CSV: the delimiter found when the file was inspected. */
  delimiter: string
  /** The header the mapping was made for (CSV: the file's first row, JSON Lines: the keys found). */
  columns: string[]
  mapping: BacktestMapping
  configs: ScoringConfig[]
  /** Leads without a created date are scored as of this moment. */
  asOfMs: number
  onProgress?: (progress: ReadProgress) => void
  /** Worker threads to share the work with; without, everything is read in this thread. */
  threads?: ReadThreads
  /** Stops the read: its worker threads are stopped at once, and the read rejects. */
  signal?: AbortSignal
  /** Bytes read at a time (tests make it small to cut a small file into many pieces). */
  chunkBytes?: number
}

export interface ReadThreads {
  /** The worker threads that parse, score and count pieces (kept between reads). */
  pool: ReadingThreads
  /** How many of them to read with; the pool's size unless said. */
  workers?: number
  /** Whether this thread also parses pieces, whenever every worker has its queue full. */
  readHere: boolean
}
/** Pieces waiting per worker: enough that none idles while its reports travel and the next piece is read (2 left each idle about 8 % of the run). */
const QUEUED_PER_WORKER = 4

/** What a thread needs to read pieces of one file. */
export type PieceSetup = Pick<ReadInput, 'format' | 'columns' | 'mapping' | 'configs' | 'asOfMs'> & { delimiter: string; newline: Newline }

/** One piece read: its rows, and its bad rows numbered from the piece's first line (1). */
export interface PieceReport {
  rows: number
  scored: number
  /** Lines the piece spans: where the next piece's numbering starts. */
  lines: number
  badRowCount: number
  badRows: BadRow[]
}

export interface ReadOutcome {
  /** Data rows read (blank lines are not rows). */
  rows: number
  scored: number
  badRowCount: number
  badRows: BadRow[]
  bytes: number
  aggregates: BacktestAggregate[]
}

/** A file that cannot be read on: the run fails with this message. */
export class UnreadableFile extends Error {}

/** Header cells as column names: trimmed, the byte-order mark dropped, blanks and repeats named so that each is distinct. */
export function headerNames(raw: readonly unknown[]): string[] {
  const seen = new Map<string, number>()
  return raw.map((cell, index) => {
    let name = String(cell ?? '')
      .replace(/^\uFEFF/, '')
      .trim()
    if (name === '') name = `Column ${index + 1}`
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    return count === 1 ? name : `${name} (${count})`
  })
}

/**
 * Maps, scores and counts one row at a time: the heart of a run, whatever reads the rows. Gives
 * null for a row that was scored and counted, or why it is no lead.
 */
function rowCounter(input: Pick<ReadInput, 'mapping' | 'columns' | 'configs' | 'asOfMs'>) {
  const engines = input.configs.map((config) => compile(config))
  const tallies = engines.map((engine) => new BacktestTally(engine.config))
  const matched = engines.map((engine) => new Uint8Array(engine.ruleCount))
  // Models of one run may differ in their fields: a column feeds the field of that key in each (typed as the first model that has it).
  const fields = [
    ...new Map(
      input.configs
        .flatMap((config) => config.fields)
        .reverse()
        .map((field) => [field.key, field]),
    ).values(),
  ]
  // Each row is scored and counted before the next is read, so one lead object serves every row.
  const reader = compileRowReader(input.mapping, input.columns, { fields }, input.asOfMs, { reuse: true })
  return {
    count(cells: readonly unknown[]): string | null {
      const mapped = reader(cells)
      if (!mapped.ok) return mapped.message
      // Which rules matched, as bytes: the counts need no more, and an explanation costs an object a rule.
      for (let k = 0; k < engines.length; k++)
        tallies[k].add(engines[k].scoreMatches(mapped.lead, mapped.asOfMs, matched[k]), matched[k], mapped.converted, mapped.month)
      return null
    },
    aggregates: () => tallies.map((tally) => tally.result()),
  }
}

/**
 * Maps, scores and counts rows one at a time, for a caller that has the rows already (the demo).
 * `take` is one data row (its cells in the order of `columns`), `refuse` one that is no lead.
 */
export function createRowScorer(input: Pick<ReadInput, 'mapping' | 'columns' | 'configs' | 'asOfMs'>) {
  const counter = rowCounter(input)
  const outcome: ReadOutcome = { rows: 0, scored: 0, badRowCount: 0, badRows: [], bytes: 0, aggregates: [] }
  const bad = (line: number, message: string) => {
    outcome.badRowCount++
    if (outcome.badRows.length < LISTED_BAD_ROWS) outcome.badRows.push({ line, message })
  }
  return {
    take(line: number, cells: readonly unknown[]) {
      outcome.rows++
      const problem = counter.count(cells)
      if (problem === null) outcome.scored++
      else bad(line, problem)
    },
    refuse(line: number, message: string) {
      outcome.rows++
      bad(line, message)
    },
    get rows() {
      return outcome.rows
    },
    /** What was counted, with each model's aggregate. */
    finish(bytes: number): ReadOutcome {
      return { ...outcome, bytes, aggregates: counter.aggregates() }
    },
  }
}

/**
 * Reads pieces of a file (whole records, or whole lines of JSON Lines) and counts their leads in
 * one running tally; each piece reports its rows and bad rows, `aggregates` the tally at the end.
 * The same function runs in this thread and in each worker thread.
 */
export function pieceReader(setup: PieceSetup) {
  const counter = rowCounter(setup)
  const width = setup.columns.length
  const columns = setup.columns
  // papaparse's own parser, as its stream reading runs it on each piece of a file (Papa.parse on a
  // string adds a wrapper that costs twice the parsing itself); quote and escape are its defaults.
  const parser = new Papa.Parser({ delimiter: setup.delimiter, newline: setup.newline })

  function readCsv(text: string): PieceReport {
    const report: PieceReport = { rows: 0, scored: 0, lines: 0, badRowCount: 0, badRows: [] }
    const bad = (line: number, message: string) => {
      report.rows++
      report.badRowCount++
      if (report.badRows.length < LISTED_BAD_ROWS) report.badRows.push({ line, message })
    }
    const parsed = parser.parse(text, 0, false) as Papa.ParseResult<string[]>
    const errorRows = new Map<number, string>()
    for (const error of parsed.errors) if (typeof error.row === 'number' && !errorRows.has(error.row)) errorRows.set(error.row, error.message)
    const anyError = errorRows.size > 0
    const rows = parsed.data
    // A piece ends with its last record's line break, after which papaparse reads one empty row that is not in the file.
    const endsWithBreak = text.endsWith(setup.newline)
    const count = endsWithBreak ? rows.length - 1 : rows.length
    // When every line feed of the piece ends a record, no cell holds one: each row is one line, and its cells need no looking into.
    const oneLineRows = countLineFeeds(text) === (setup.newline === '\r' ? 0 : endsWithBreak ? count : count - 1)
    let line = 1
    for (let r = 0; r < count; r++) {
      const cells = rows[r]
      const startLine = line
      line += oneLineRows ? 1 : linesOfRow(cells)
      // A blank line is no row at all.
      if (cells.length === 1 && cells[0].trim() === '') continue
      const error = anyError ? errorRows.get(r) : undefined
      if (error !== undefined) bad(startLine, `not valid CSV (${error.toLowerCase()})`)
      else if (cells.length !== width && !(cells.length > width && cells.slice(width).every((cell) => cell.trim() === ''))) {
        bad(startLine, `has ${cells.length} cells, the header has ${width}`)
      } else {
        const problem = counter.count(cells)
        if (problem === null) {
          report.rows++
          report.scored++
        } else bad(startLine, problem)
      }
    }
    report.lines = line - 1
    return report
  }

  function readJsonLines(text: string): PieceReport {
    const report: PieceReport = { rows: 0, scored: 0, lines: 0, badRowCount: 0, badRows: [] }
    const bad = (line: number, message: string) => {
      report.rows++
      report.badRowCount++
      if (report.badRows.length < LISTED_BAD_ROWS) report.badRows.push({ line, message })
    }
    let line = 0
    const handle = (source: string) => {
      line++
      if (source.endsWith('\r')) source = source.slice(0, -1)
      if (source.trim() === '') return
      let value: unknown
      try {
        value = JSON.parse(source)
      } catch (error) {
        return bad(line, `not valid JSON (${(error as Error).message})`)
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(line, 'not a JSON object')
      const record = value as Record<string, unknown>
      const cells = new Array<unknown>(columns.length)
      for (let i = 0; i < columns.length; i++) cells[i] = Object.hasOwn(record, columns[i]) ? record[columns[i]] : undefined
      const problem = counter.count(cells)
      if (problem !== null) return bad(line, problem)
      report.rows++
      report.scored++
    }
    let start = 0
    let end: number
    while ((end = text.indexOf('\n', start)) !== -1) {
      handle(text.slice(start, end))
      start = end + 1
    }
    if (start < text.length) handle(text.slice(start))
    report.lines = line
    return report
  }

  /** Where the part of `bytes` from `start` ends: the last record end within PARSE_BYTES, or the first one after (a long record), or the end. */
  function partEnd(bytes: Buffer, start: number): number {
    if (bytes.length - start <= PARSE_BYTES) return bytes.length
    for (let window = PARSE_BYTES; start + window < bytes.length; window *= 2) {
      const part = bytes.subarray(start, start + window)
      const end = setup.format === 'csv' ? lastRecordEnd(part, setup.delimiter, setup.newline) : part.lastIndexOf(10) + 1
      if (end > 0) return start + end
    }
    return bytes.length
  }

  return {
    /**
     * Reads a piece in parts of about PARSE_BYTES, each cut where a record ends: a part's rows are
     * all alive until it is counted, so small parts leave little for the garbage collector to
     * copy, while the piece itself (one message between threads) can be larger.
     */
    read(piece: Uint8Array): PieceReport {
      const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
      const whole: PieceReport = { rows: 0, scored: 0, lines: 0, badRowCount: 0, badRows: [] }
      for (let start = 0; start < bytes.length; ) {
        const end = partEnd(bytes, start)
        const text = bytes.toString('utf8', start, end)
        const part = setup.format === 'csv' ? readCsv(text) : readJsonLines(text)
        whole.rows += part.rows
        whole.scored += part.scored
        whole.badRowCount += part.badRowCount
        for (const bad of part.badRows) if (whole.badRows.length < LISTED_BAD_ROWS) whole.badRows.push({ line: whole.lines + bad.line, message: bad.message })
        whole.lines += part.lines
        start = end
      }
      return whole
    },
    aggregates: () => counter.aggregates(),
  }
}

function countLineFeeds(text: string): number {
  let feeds = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) feeds++
  return feeds
}

/** Messages between readBacktestFile and the worker threads reading pieces for it (worker.ts). */
export type ToPieceWorker = { kind: 'setup'; setup: PieceSetup } | { kind: 'piece'; seq: number; bytes: ArrayBuffer; length: number } | { kind: 'finish' }
export type FromPieceWorker = { kind: 'report'; seq: number; report: PieceReport } | { kind: 'aggregates'; aggregates: BacktestAggregate[] }

/**
 * Serves pieceReader in a worker thread, one read after another: a read's setup, then each
 * piece's report, then the thread's tally when asked to finish (and the read is forgotten).
 */
export function servePieces(port: { on(event: 'message', listener: (message: ToPieceWorker) => void): unknown; postMessage(message: FromPieceWorker): void }) {
  let reader: ReturnType<typeof pieceReader> | undefined
  const current = () => {
    if (!reader) throw new Error('A piece arrived before its read was set up.')
    return reader
  }
  port.on('message', (message) => {
    if (message.kind === 'setup') reader = pieceReader(message.setup)
    else if (message.kind === 'piece')
      port.postMessage({ kind: 'report', seq: message.seq, report: current().read(new Uint8Array(message.bytes, 0, message.length)) })
    else {
      port.postMessage({ kind: 'aggregates', aggregates: current().aggregates() })
      reader = undefined
    }
  })
}

export async function readBacktestFile(input: ReadInput): Promise<ReadOutcome> {
  const chunkBytes = input.chunkBytes ?? CHUNK_BYTES
  const { signal } = input
  signal?.throwIfAborted()
  const file = await fs.promises.open(input.path, 'r')
  let lease: PieceLease | undefined
  const stop = () => void lease?.close()
  signal?.addEventListener('abort', stop, { once: true })
  try {
    let position = 0
    /** Read and not yet handed out; always starts where a record starts. */
    let carry: Buffer = Buffer.allocUnsafeSlow(0)
    let atEnd = false
    const readMore = async () => {
      const buffer = Buffer.allocUnsafeSlow(carry.length + chunkBytes)
      carry.copy(buffer, 0)
      // From where the last read ended (no position: the file may be a pipe).
      const { bytesRead } = await file.read(buffer, carry.length, chunkBytes, null)
      signal?.throwIfAborted()
      position += bytesRead
      if (bytesRead === 0) atEnd = true
      carry = buffer.subarray(0, carry.length + bytesRead)
    }

    // The start: a byte-order mark, and a CSV's header record.
    let newline: Newline = '\n'
    let line = 0
    await readMore()
    if (input.format === 'csv') {
      while (!atEnd && carry.length < NEWLINE_GUESS_BYTES) await readMore()
      newline = guessNewline(carry.subarray(0, NEWLINE_GUESS_BYTES), input.delimiter)
      let headerEnd = lastRecordEnd(carry, input.delimiter, newline, { first: true })
      while (headerEnd === -1 && !atEnd) {
        if (carry.length > MAX_ROW_CHARS) throw unclosedQuote(1)
        await readMore()
        headerEnd = lastRecordEnd(carry, input.delimiter, newline, { first: true })
      }
      if (headerEnd === -1) headerEnd = carry.length
      const header = Papa.parse<string[]>(carry.toString('utf8', 0, headerEnd), { delimiter: input.delimiter, newline, skipEmptyLines: false }).data[0] ?? ['']
      line = linesOfRow(header)
      carry = own(carry.subarray(headerEnd))
    } else if (carry.length >= 3 && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf) {
      carry = own(carry.subarray(3))
    }
    const startBytes = position - carry.length

    const setup: PieceSetup = {
      format: input.format,
      delimiter: input.delimiter,
      newline,
      columns: input.columns,
      mapping: input.mapping,
      configs: input.configs,
      asOfMs: input.asOfMs,
    }
    const workers = Math.max(0, input.threads ? input.threads.workers ?? input.threads.pool.size : 0)
    if (input.threads && workers > 0) lease = await input.threads.pool.lease(workers, setup)
    signal?.throwIfAborted()
    const readHere = !lease || input.threads!.readHere
    let local: ReturnType<typeof pieceReader> | undefined

    const outcome: ReadOutcome = { rows: 0, scored: 0, badRowCount: 0, badRows: [], bytes: 0, aggregates: [] }
    let bytesDone = startBytes
    // Reports arrive out of order (a worker's piece ends after this thread's next one); they are
    // counted in file order, for the line numbers, as soon as every earlier piece has reported.
    const reported = new Map<number, { report: PieceReport; bytes: number }>()
    let nextToCount = 0
    const countIn = () => {
      for (let piece = reported.get(nextToCount); piece !== undefined; piece = reported.get(nextToCount)) {
        reported.delete(nextToCount++)
        const { report } = piece
        outcome.rows += report.rows
        outcome.scored += report.scored
        outcome.badRowCount += report.badRowCount
        for (const bad of report.badRows) {
          if (outcome.badRows.length >= LISTED_BAD_ROWS) break
          outcome.badRows.push({ line: line + bad.line, message: bad.message })
        }
        line += report.lines
        bytesDone += piece.bytes
      }
      input.onProgress?.({ rows: outcome.rows, bytes: bytesDone })
    }
    const sentToWorkers = new Set<Promise<void>>()
    let seq = 0
    // A worker gets the piece while one has room in its queue. Otherwise this thread parses it
    // at once when it parses too (it never idles while a worker finishes), or waits for a worker.
    const handOut = async (piece: Buffer) => {
      const bytes = piece.length
      const at = seq++
      if (lease && !readHere) while (lease.queued >= QUEUED_PER_WORKER * workers) await Promise.race(sentToWorkers)
      if (lease && lease.queued < QUEUED_PER_WORKER * workers) {
        const counted = lease.read(at, piece).then((report) => {
          sentToWorkers.delete(counted)
          reported.set(at, { report, bytes })
          countIn()
        })
        counted.catch(() => undefined) // a failed worker is reported by allCounted
        sentToWorkers.add(counted)
      } else {
        local ??= pieceReader(setup)
        reported.set(at, { report: local.read(piece), bytes })
        countIn()
      }
    }
    const allCounted = async () => {
      while (sentToWorkers.size > 0) await Promise.all(sentToWorkers)
    }

    for (;;) {
      if (carry.length > 0) {
        const end = input.format === 'csv' ? lastRecordEnd(carry, input.delimiter, newline) : carry.lastIndexOf(10) + 1
        if (end > 0) {
          const rest = own(carry.subarray(end))
          await handOut(carry.subarray(0, end))
          carry = rest
        } else if (carry.length > MAX_ROW_CHARS) {
          // One record longer than any lead: count in what came before, for the line number.
          await allCounted()
          throw input.format === 'csv' ? unclosedQuote(line + 1) : new UnreadableFile(`Line ${line + 1} is longer than 1 MB: not a lead.`)
        }
      }
      if (atEnd) break
      await readMore()
    }
    if (carry.length > 0) await handOut(carry)
    await allCounted()
    signal?.throwIfAborted()

    // Without workers this thread counts, even a file with no rows (its tally is then all zeros).
    if (!lease) local ??= pieceReader(setup)
    const shares = [...(local ? [local.aggregates()] : []), ...(lease ? await lease.aggregates() : [])]
    outcome.aggregates = shares.reduce((whole, share) => whole.map((aggregate, k) => mergeAggregates(aggregate, share[k])))
    outcome.bytes = position
    return outcome
  } finally {
    signal?.removeEventListener('abort', stop)
    await lease?.close()
    await file.close()
  }
}

/** A copy in memory of its own (never Node's shared pool of small buffers), which can move to another thread. */
function own(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length)
  bytes.copy(copy)
  return copy
}

function unclosedQuote(line: number) {
  return new UnreadableFile(`From line ${line} on, a quoted cell never ends (a lone " character): the rest of the file cannot be read as CSV.`)
}
