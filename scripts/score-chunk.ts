import type { z } from 'zod'
import type { BacktestMapping } from '../app/domain/backtest/mapping'
import { compile, formatPath, isLead, LeadSchema, type Explain, type Lead, type ScoringConfig } from '../app/domain/scoring'
import { describeValue } from '../app/domain/scoring/config-messages'
import { csvRowReader, type CsvRowVisitor } from './csv-rows'
import { csvLeadReader, jsonLeadMapper, type LeadRead } from './score-input'
import { resultEncoder, type OutputFormat } from './score-output'

/*
 * The work of leadpact-score on one chunk of its input: whole lines of JSON Lines, or whole
 * records of CSV (the main thread cuts the input only where a record ends). Read, check, score,
 * encode: the same function runs in each worker thread (score-worker.ts) and, with --workers 1,
 * in the main thread, so both give the same bytes.
 */

export interface ChunkSetup {
  config: ScoringConfig
  asOfMs: number
  explain: Explain
  format: OutputFormat
  mapping: BacktestMapping | undefined
  input: { kind: 'jsonl' } | { kind: 'csv'; header: string[]; delimiter: string; newline: '\n' | '\r\n' }
}

/** A line the chunk could not score: its line number counted from the chunk's first line (1), and why. */
export type BadLine = [line: number, message: string]

export interface ChunkResult {
  /** The encoded results, in input order. */
  output: Buffer
  bad: BadLine[]
  scored: number
  /** Line breaks in the chunk: where the next chunk's line numbers start. */
  lines: number
}

/** Memory for a chunk's encoded results: a recycled buffer of at least `bytes`, or undefined for a new one. */
export type OutputMemory = (bytes: number) => Buffer | undefined

/**
 * Encoded results are written out and their memory comes back (`give`) to be written into again
 * (`take`): a run's output memory is a few buffers, however long the input, rather than a new one
 * per chunk waiting for a garbage collection.
 */
export function outputMemory(max = 4): { take: OutputMemory; give: (bytes: ArrayBuffer) => void } {
  const spare: ArrayBuffer[] = []
  return {
    take(bytes) {
      const at = spare.findIndex((buffer) => buffer.byteLength >= bytes)
      if (at !== -1) return Buffer.from(spare.splice(at, 1)[0]!)
      // Room to grow: the next chunk's results are rarely exactly as long.
      return Buffer.from(new ArrayBuffer(Math.ceil((bytes * 1.25) / 65_536) * 65_536))
    },
    give(bytes) {
      if (spare.length < max) spare.push(bytes)
    },
  }
}

export function chunkScorer(setup: ChunkSetup, memory?: OutputMemory): (text: string) => ChunkResult {
  const engine = compile(setup.config)
  const encoder = resultEncoder(setup.format, setup.config, setup.explain)
  const { asOfMs, explain } = setup

  function scoreOne(lead: Lead) {
    encoder.encode(lead, engine.score(lead, asOfMs, explain))
  }

  if (setup.input.kind === 'csv') {
    const { header, delimiter, newline } = setup.input
    const width = header.length
    const readLead = csvLeadReader(header, setup.config, setup.mapping, asOfMs)
    // papaparse's reading of the chunk, one row at a time (csv-rows.ts).
    const rows = csvRowReader(delimiter, newline)
    let bad: BadLine[] = []
    let scored = 0
    let line = 1
    const visit: CsvRowVisitor = (cells, breaks, error) => {
      const startLine = line
      // A row spans its line plus the line breaks inside its quoted cells.
      line += 1 + breaks
      // A blank line is no row at all.
      if (cells.length === 1 && cells[0].trim() === '') return
      if (error !== undefined) {
        bad.push([startLine, `not valid CSV (${error.toLowerCase()})`])
        return
      }
      if (cells.length !== width && !(cells.length > width && cells.slice(width).every((cell) => cell.trim() === ''))) {
        bad.push([startLine, `has ${cells.length} cells, the header has ${width}`])
        return
      }
      const lead = readLead(cells)
      if (typeof lead === 'string') bad.push([startLine, lead])
      else {
        scoreOne(lead)
        scored++
      }
    }
    return (text) => {
      bad = []
      scored = 0
      line = 1
      const lines = rows.read(text, visit)
      return { output: encoder.take(memory), bad, scored, lines }
    }
  }

  const mapLead = jsonLeadMapper(setup.config, setup.mapping, asOfMs)
  return (text) => {
    const bad: BadLine[] = []
    let scored = 0
    let line = 0
    let start = 0
    const length = text.length
    while (start < length) {
      let end = text.indexOf('\n', start)
      if (end === -1) end = length
      line++
      const read = readJsonLine(text, start, end, mapLead)
      start = end + 1
      if (read === null) continue
      if (typeof read === 'string') bad.push([line, read])
      else {
        scoreOne(read)
        scored++
      }
    }
    // The loop met every line break, and a last line without one.
    const lines = length > 0 && text.charCodeAt(length - 1) !== 10 ? line - 1 : line
    return { output: encoder.take(memory), bad, scored, lines }
  }
}

/** One JSON line as a lead, why it is not one, or null for a blank line. */
function readJsonLine(text: string, start: number, end: number, mapLead: ((lead: Lead) => LeadRead) | undefined): LeadRead | null {
  if (end > start && text.charCodeAt(end - 1) === 13) end-- // CRLF
  const source = text.slice(start, end)
  // Blank lines (a trailing newline, spacing) are not leads.
  if (source.charCodeAt(0) !== 123 && source.trim() === '') return null
  let candidate: unknown
  try {
    candidate = JSON.parse(source)
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`
  }
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return 'expected a JSON object { "id"?, "attributes", "activities"? }'
  let lead: Lead
  if (isLead(candidate)) lead = candidate
  else {
    const parsed = LeadSchema.safeParse(candidate, { error: leadMessage })
    if (!parsed.success) return describeLeadIssues(parsed.error)
    lead = parsed.data
  }
  return mapLead ? mapLead(lead) : lead
}

function describeLeadIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message))
    .join('; ')
}

const leadMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `expected ${issue.expected}, got ${describeValue(issue.input)}`
  // The one union of a lead without a message of its own is its id.
  if (issue.code === 'invalid_union') return `expected text or a number, got ${describeValue(issue.input)}`
  return undefined
}
