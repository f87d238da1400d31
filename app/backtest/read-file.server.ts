import fs from 'node:fs'
import Papa from 'papaparse'
import { BacktestTally, type BacktestAggregate } from '~/domain/backtest/aggregate'
import { compileRowReader, type BacktestMapping } from '~/domain/backtest/mapping'
import { compile, type ScoringConfig } from '~/domain/scoring'

/*
 * Reading a file of historical leads, streaming: papaparse for CSV (chosen by the bench: several
 * times faster than csv-parse on the real file), line by line for JSON Lines. Each row goes
 * through the mapping, is scored by every model of the run and counted; nothing of the row is
 * kept. Runs in the back-test worker thread (worker.ts); the bench and the tests call it directly.
 */

export const FILE_FORMATS = ['csv', 'jsonl'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

/** The bad rows listed by line number; the rest are only counted. */
export const LISTED_BAD_ROWS = 100
/** A single row longer than this is an unmatched quote swallowing the file, not a lead. */
const MAX_ROW_CHARS = 1024 * 1024
const CHUNK_BYTES = 64 * 1024

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
    let name = String(cell ?? '').replace(/^\uFEFF/, '').trim()
    if (name === '') name = `Column ${index + 1}`
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    return count === 1 ? name : `${name} (${count})`
  })
}

/**
 * Maps, scores and counts rows one at a time: the heart of a run, whatever reads the rows.
 * `take` is one data row (its cells in the order of `columns`), `refuse` one that is no lead.
 */
export function createRowScorer(input: Pick<ReadInput, 'mapping' | 'columns' | 'configs' | 'asOfMs'>) {
  const engines = input.configs.map((config) => compile(config))
  const tallies = engines.map((engine) => new BacktestTally(engine.config))
  // Models of one run may differ in their fields: a column feeds the field of that key in each (typed as the first model that has it).
  const fields = [...new Map(input.configs.flatMap((config) => config.fields).reverse().map((field) => [field.key, field])).values()]
  const reader = compileRowReader(input.mapping, input.columns, { fields }, input.asOfMs)
  const outcome: ReadOutcome = { rows: 0, scored: 0, badRowCount: 0, badRows: [], bytes: 0, aggregates: [] }
  const bad = (line: number, message: string) => {
    outcome.badRowCount++
    if (outcome.badRows.length < LISTED_BAD_ROWS) outcome.badRows.push({ line, message })
  }
  return {
    take(line: number, cells: readonly unknown[]) {
      outcome.rows++
      const mapped = reader(cells)
      if (!mapped.ok) return bad(line, mapped.message)
      for (let k = 0; k < engines.length; k++) tallies[k].add(engines[k].score(mapped.lead, mapped.asOfMs), mapped.converted, mapped.month)
      outcome.scored++
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
      return { ...outcome, bytes, aggregates: tallies.map((tally) => tally.result()) }
    },
  }
}

export async function readBacktestFile(input: ReadInput): Promise<ReadOutcome> {
  const scorer = createRowScorer(input)
  const stream = fs.createReadStream(input.path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })
  const progress = () => input.onProgress?.({ rows: scorer.rows, bytes: stream.bytesRead })
  const take: Take = (line, cells) => scorer.take(line, cells)
  const refuse: Bad = (line, message) => scorer.refuse(line, message)
  if (input.format === 'csv') await readCsv(stream, input, take, refuse, progress)
  else await readJsonLines(stream, input, take, refuse, progress)
  return scorer.finish(stream.bytesRead)
}

type Take = (line: number, cells: readonly unknown[]) => void
type Bad = (line: number, message: string) => void

function readCsv(stream: fs.ReadStream, input: ReadInput, take: Take, bad: Bad, progress: () => void): Promise<void> {
  const width = input.columns.length
  let header = true
  // The line each row starts on: rows end at line breaks, plus those inside quoted cells.
  let line = 1
  let bytesAtLastRow = 0
  return new Promise<void>((resolve, reject) => {
    let failure: Error | null = null
    Papa.parse<string[]>(stream, {
      delimiter: input.delimiter,
      skipEmptyLines: false,
      chunk(results, parser) {
        const rows = results.data
        const errorRows = new Map<number, string>()
        for (const error of results.errors) if (typeof error.row === 'number' && !errorRows.has(error.row)) errorRows.set(error.row, error.message)
        for (let r = 0; r < rows.length; r++) {
          const cells = rows[r]
          const startLine = line
          let breaks = 0
          for (let c = 0; c < cells.length; c++) {
            const cell = cells[c]
            if (cell.length > 0 && cell.indexOf('\n') !== -1) breaks += cell.split('\n').length - 1
          }
          line += 1 + breaks
          if (header) {
            header = false
            continue
          }
          // A blank line is no row at all.
          if (cells.length === 1 && cells[0].trim() === '') continue
          const error = errorRows.get(r)
          if (error !== undefined) bad(startLine, `not valid CSV (${error.toLowerCase()})`)
          else if (cells.length !== width && !(cells.length > width && cells.slice(width).every((cell) => cell.trim() === ''))) {
            bad(startLine, `has ${cells.length} cells, the header has ${width}`)
          } else {
            take(startLine, cells)
            continue
          }
        }
        if (rows.length > 0) bytesAtLastRow = stream.bytesRead
        else if (stream.bytesRead - bytesAtLastRow > MAX_ROW_CHARS) {
          failure = new UnreadableFile(`From line ${line} on, a quoted cell never ends (a lone " character): the rest of the file cannot be read as CSV.`)
          parser.abort()
          return
        }
        progress()
      },
      complete() {
        stream.destroy()
        if (failure) reject(failure)
        else resolve()
      },
      error(error: Error) {
        stream.destroy()
        reject(error)
      },
    })
  })
}

async function readJsonLines(stream: fs.ReadStream, input: ReadInput, take: Take, bad: Bad, progress: () => void) {
  const columns = input.columns
  let pending = ''
  let line = 0
  const handle = (text: string) => {
    line++
    const source = text.endsWith('\r') ? text.slice(0, -1) : text
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
    take(line, cells)
  }
  let first = true
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = pending + chunk
    if (first) {
      text = text.replace(/^\uFEFF/, '')
      first = false
    }
    let start = 0
    let end: number
    while ((end = text.indexOf('\n', start)) !== -1) {
      handle(text.slice(start, end))
      start = end + 1
    }
    pending = text.slice(start)
    if (pending.length > MAX_ROW_CHARS) throw new UnreadableFile(`Line ${line + 1} is longer than 1 MB: not a lead.`)
    progress()
  }
  if (pending.length > 0) handle(pending)
}
