import fs from 'node:fs'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { parse as parseCsv } from 'csv-parse'
import { stringify as stringifyCsv } from 'csv-stringify'
import type { z } from 'zod'
import {
  compile,
  formatPath,
  isLead,
  LeadSchema,
  parseScoringConfig,
  parseTimestamp,
  type CompiledScoring,
  type Lead,
  type ScoreResult,
  type ScoringConfig,
} from '../app/domain/scoring'
import type { BacktestMapping } from '../app/domain/backtest/mapping'
import { checkCsvHeader, csvLeadReader, jsonLeadMapper, mappingConfigProblems, readMapping, type LeadRead } from './score-input'

/**
 * leadpact-score (DESIGN §8): scores a JSON Lines or CSV file of leads with an exported scoring
 * config, streaming, for pipelines. Memory stays flat whatever the input size: lines are read
 * as the consumer of stdout takes results, never ahead of it.
 */

export const USAGE = `Usage: leadpact-score --config <config.json> --input <leads.jsonl | leads.csv | -> [--as-of <time>] [--format jsonl|csv] [--mapping <mapping.json>]

Scores leads with a Leadpact scoring config (format version 1), streaming.

Options:
  --config <file>    the scoring config (JSON), e.g. a published version's export.json
  --input <file>     the leads, by extension:
                       .jsonl, .ndjson, .json  JSON Lines: one lead a line, { "id"?, "attributes": {...}, "activities"?: [{ "type", "at" }] }
                       .csv                    one lead a row, columns named by field keys; optional columns "id" and
                                               "activities" (a JSON array); a cell is the same text as in JSON ("yes",
                                               "1,000" and "07/01/2025" stay text; an empty cell is absent)
                       -                       JSON Lines on stdin
                     An activity whose "at" is missing or not a timestamp is undated: it counts for activity fast
                     tracks only, and the lead is scored.
  --mapping <file>   conversions, declared: a back-test mapping (JSON) saying which column feeds which field and how
                     text reads ("Yes" is true, "1,000" is 1000, "Select" is absent, day-first dates); its outcome
                     is ignored. Without it nothing is converted.
  --as-of <time>     score as of this moment: ISO 8601 (UTC when it has no offset) or epoch milliseconds
                     (default: the time the command starts, the same for every lead)
  --format <fmt>     jsonl (default): one JSON result a line; csv: a header and one row a lead
                     (lists joined by spaces, contributions as compact JSON)
  -h, --help         show this help

Output (stdout), one result per lead in input order:
  id, fit, engagement, grade, stage, disqualifiedBy, missing, fastTrack, contributions
A bad line is reported on stderr with its line number and skipped.

Exit status: 0 every lead scored; 1 some lines were bad (the others were scored); 2 bad arguments, config or mapping.

Example:
  npm run score -- --config config.json --input leads.jsonl --as-of 2026-06-01T12:00:00Z > scores.jsonl
`

export const OUTPUT_COLUMNS = ['id', 'fit', 'engagement', 'grade', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', 'contributions'] as const

export type ExitCode = 0 | 1 | 2

export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  /** The moment "now" for a run without --as-of. */
  now: () => number
}

class UsageError extends Error {}

export async function runScoreCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let options: Options
  try {
    options = readOptions(argv, io)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr.write(`leadpact-score: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (options.help) {
    io.stdout.write(USAGE)
    return 0
  }

  const config = readConfig(options.configPath, io)
  if (!config) return 2
  const engine = compile(config)
  let mapping: BacktestMapping | undefined
  if (options.mappingPath !== undefined) {
    mapping = readMappingFile(options.mappingPath, io)
    if (!mapping) return 2
    const problems = options.inputFormat === 'jsonl' ? mappingConfigProblems(mapping, config) : []
    if (problems.length > 0) {
      io.stderr.write(`leadpact-score: ${options.mappingPath}: the mapping does not fit the config: ${problems.join(' ')}\n`)
      return 2
    }
  }

  const output = options.format === 'csv' ? csvOutput(io.stdout) : jsonLinesOutput(io.stdout, config)
  const run: Run = { engine, asOfMs: options.asOfMs, output, stderr: io.stderr, badLines: 0, scored: 0, mapLead: jsonLeadMapper(config, mapping, options.asOfMs) }
  try {
    const read = (file: string) => fs.createReadStream(file)
    if (options.inputFormat === 'csv') await scoreCsv(read(options.inputPath!), config, mapping, run)
    else await scoreJsonLines(options.inputPath === undefined ? io.stdin : read(options.inputPath), run)
    await output.end()
  } catch (error) {
    if (error instanceof OutputClosed) return run.badLines > 0 ? 1 : 0
    // An unreadable input (a CSV header naming a column twice, a read error) is like a bad argument.
    io.stderr.write(`leadpact-score: ${options.inputPath ?? 'stdin'}: ${(error as Error).message}\n`)
    return 2
  }
  if (run.badLines > 0) {
    io.stderr.write(`leadpact-score: ${run.badLines} bad ${run.badLines === 1 ? 'line' : 'lines'} skipped, ${run.scored} scored\n`)
    return 1
  }
  return 0
}

function processIo(): CliIo {
  // The CLI is a call boundary: it is where "now" is read, once, for the whole run.
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, now: () => Date.now() }
}

interface Options {
  help: boolean
  configPath: string
  /** undefined: stdin */
  inputPath: string | undefined
  inputFormat: 'jsonl' | 'csv'
  asOfMs: number
  format: 'jsonl' | 'csv'
  mappingPath: string | undefined
}

function readOptions(argv: readonly string[], io: CliIo): Options {
  let values: { config?: string; input?: string; 'as-of'?: string; format?: string; mapping?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        input: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        mapping: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return { help: true, configPath: '', inputPath: undefined, inputFormat: 'jsonl', asOfMs: 0, format: 'jsonl', mappingPath: undefined }
  if (!values.config) throw new UsageError('--config is required')
  if (!values.input) throw new UsageError('--input is required')
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`)

  const asOfMs = values['as-of'] === undefined ? io.now() : parseTimestamp(values['as-of'])
  if (Number.isNaN(asOfMs)) throw new UsageError(`--as-of "${values['as-of']}" is not a timestamp (ISO 8601 or epoch milliseconds)`)

  const mappingPath = values.mapping
  if (values.input === '-') return { help: false, configPath: values.config, inputPath: undefined, inputFormat: 'jsonl', asOfMs, format, mappingPath }
  const extension = path.extname(values.input).toLowerCase()
  const inputFormat = ['.jsonl', '.ndjson', '.json'].includes(extension) ? 'jsonl' : extension === '.csv' ? 'csv' : undefined
  if (!inputFormat) throw new UsageError(`cannot tell the format of "${values.input}": name it .jsonl, .ndjson, .json or .csv (or use - for JSON Lines on stdin)`)
  let stat: fs.Stats
  try {
    stat = fs.statSync(values.input)
  } catch {
    throw new UsageError(`cannot read --input "${values.input}": no such file`)
  }
  if (!stat.isFile()) throw new UsageError(`--input "${values.input}" is not a file`)
  return { help: false, configPath: values.config, inputPath: values.input, inputFormat, asOfMs, format, mappingPath }
}

function readConfig(configPath: string, io: CliIo): ScoringConfig | undefined {
  let text: string
  try {
    text = fs.readFileSync(configPath, 'utf8')
  } catch (error) {
    io.stderr.write(`leadpact-score: cannot read --config "${configPath}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`)
    return undefined
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    io.stderr.write(`leadpact-score: ${configPath} is not valid JSON: ${(error as Error).message}\n`)
    return undefined
  }
  const parsed = parseScoringConfig(json)
  if (parsed.ok) return parsed.config
  io.stderr.write(`leadpact-score: ${configPath} is not a valid scoring config:\n`)
  for (const error of parsed.errors) io.stderr.write(`  ${error.message}\n`)
  return undefined
}

function readMappingFile(mappingPath: string, io: CliIo): BacktestMapping | undefined {
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(mappingPath, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    io.stderr.write(`leadpact-score: cannot read --mapping "${mappingPath}": ${code === 'ENOENT' ? 'no such file' : code ?? `not valid JSON (${(error as Error).message})`}\n`)
    return undefined
  }
  const read = readMapping(json)
  if (read.ok) return read.mapping
  for (const error of read.errors) io.stderr.write(`leadpact-score: ${mappingPath}: ${error}\n`)
  return undefined
}

interface Run {
  engine: CompiledScoring
  /** With --mapping: a JSON line's lead read through the mapping. */
  mapLead: ((lead: Lead) => LeadRead) | undefined
  asOfMs: number
  output: Output
  stderr: Writable
  badLines: number
  scored: number
}

function reportBadLine(run: Run, line: number, message: string) {
  run.badLines++
  run.stderr.write(`line ${line}: ${message}\n`)
}

function describeLeadIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message))
    .join('; ')
}

/**
 * Scores one candidate lead and hands the result to the output. Synchronous unless the output
 * must wait for stdout to drain: an await per line would cost more than scoring the line.
 */
function scoreLead(run: Run, line: number, candidate: unknown, mapLead: Run['mapLead'] | null = run.mapLead): Promise<void> | void {
  let lead: Lead
  if (isLead(candidate)) lead = candidate
  else {
    const parsed = LeadSchema.safeParse(candidate, { error: leadMessage })
    if (!parsed.success) return reportBadLine(run, line, describeLeadIssues(parsed.error))
    lead = parsed.data
  }
  if (mapLead) {
    const mapped = mapLead(lead)
    if (typeof mapped === 'string') return reportBadLine(run, line, mapped)
    lead = mapped
  }
  const result = run.engine.score(lead, run.asOfMs)
  run.scored++
  return run.output.write(lead, result)
}

const leadMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `expected ${issue.expected}`
  return undefined
}

/** JSON Lines, split by hand: a readline interface would keep reading while stdout is full. */
async function scoreJsonLines(input: Readable, run: Run) {
  input.setEncoding('utf8')
  let pending = ''
  let line = 0
  let first = true
  for await (const chunk of input as AsyncIterable<string>) {
    let text = pending + chunk
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    let start = 0
    let end: number
    while ((end = text.indexOf('\n', start)) !== -1) {
      line++
      const waiting = scoreJsonLine(run, line, text, start, end)
      if (waiting) await waiting
      start = end + 1
    }
    pending = start === 0 ? text : text.slice(start)
  }
  if (pending.length > 0) await scoreJsonLine(run, line + 1, pending, 0, pending.length)
}

function scoreJsonLine(run: Run, line: number, text: string, start: number, end: number): Promise<void> | void {
  if (end > start && text.charCodeAt(end - 1) === 13) end-- // CRLF
  const source = text.slice(start, end)
  // Blank lines (a trailing newline, spacing) are not leads.
  if (source.charCodeAt(0) !== 123 && source.trim() === '') return
  let candidate: unknown
  try {
    candidate = JSON.parse(source)
  } catch (error) {
    return reportBadLine(run, line, `not valid JSON (${(error as Error).message})`)
  }
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return reportBadLine(run, line, 'expected a JSON object { "id"?, "attributes", "activities"? }')
  }
  return scoreLead(run, line, candidate)
}

/** CSV: a header of field keys (plus "id" and "activities") or of the mapping's columns, then one lead a row. */
async function scoreCsv(input: Readable, config: ScoringConfig, mapping: BacktestMapping | undefined, run: Run) {
  const parser = input.pipe(
    parseCsv({
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) reportBadLine(run, Number(error.lines), error.message)
        return undefined
      },
    }),
  )
  input.on('error', (error) => parser.destroy(error))
  let header: string[] | undefined
  let readLead: ((cells: readonly string[]) => LeadRead) | undefined
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header || !readLead) {
      header = record.map((name) => name.trim())
      const check = checkCsvHeader(header, config, mapping)
      if (check.problem) throw new Error(check.problem)
      if (check.ignored.length > 0) run.stderr.write(`leadpact-score: ignoring columns that feed no field: ${check.ignored.join(', ')}\n`)
      readLead = csvLeadReader(header, config, mapping, run.asOfMs)
      continue
    }
    if (record.length !== header.length) {
      reportBadLine(run, info.lines, `has ${record.length} cells, the header has ${header.length}`)
      continue
    }
    const lead = readLead(record)
    if (typeof lead === 'string') reportBadLine(run, info.lines, lead)
    else await scoreLead(run, info.lines, lead, null)
  }
}

// ── Output ────────────────────────────────────────────────────────────────────────────────

interface Output {
  write(lead: Lead, result: ScoreResult): Promise<void> | void
  end(): Promise<void>
}

class OutputClosed extends Error {}

/** Resolves once `stream` can take more, or rejects when the reader went away (EPIPE). */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.reject(new OutputClosed())
  return new Promise((resolve, reject) => {
    const settle = (closed: boolean) => {
      stream.off('drain', onDrain)
      stream.off('error', onClosed)
      stream.off('close', onClosed)
      if (closed) reject(new OutputClosed())
      else resolve()
    }
    const onDrain = () => settle(false)
    const onClosed = () => settle(true)
    stream.on('drain', onDrain)
    stream.on('error', onClosed)
    stream.on('close', onClosed)
  })
}

/** Resolves once everything written so far has been handed to the OS. */
function flushed(stream: Writable) {
  return new Promise<void>((resolve) => stream.write('', () => resolve()))
}

/**
 * JSON Lines output, encoded straight into byte buffers. Producing text is most of the CLI's
 * work (a result with its contributions is ~1.5 KB), and both JSON.stringify and encoding long
 * concatenated strings cost more than scoring. So every piece that only depends on the config
 * (a rule's contribution when it does not match, or matches with its fixed points; ids; grades)
 * is encoded once, and a line is mostly copies of prepared bytes. The output is byte for byte
 * what JSON.stringify writes for the same object (the integration test compares them).
 */
function jsonLinesOutput(stdout: Writable, config: ScoringConfig): Output {
  const encoder = new JsonLineEncoder(config)
  let closed = false
  stdout.on('error', () => {
    closed = true
  })
  async function flush() {
    if (closed) throw new OutputClosed()
    stdout.write(encoder.take())
    // Wait only when the stream really holds a backlog: a write to a pipe or file completes at
    // once, yet write() still answers false for every chunk larger than the high-water mark.
    if (stdout.writableLength > MAX_PENDING_OUTPUT_BYTES) await drained(stdout)
  }
  return {
    write(lead, result) {
      encoder.encode(lead, result)
      if (encoder.length >= 60_000) return flush()
    },
    async end() {
      if (encoder.length > 0) await flush()
      await flushed(stdout)
    },
  }
}

const BUFFER_BYTES = 64 * 1024
const MAX_PENDING_OUTPUT_BYTES = 1024 * 1024

interface EncodedRule {
  id: string
  /** The whole contribution (with the comma before it) when the rule did not match: points 0. */
  unmatched: Buffer
  /** The whole contribution when a condition rule matched: its own points. */
  matched: Buffer | null
  points: number
  /** Up to the points, for activity rules, whose points vary. */
  prefix: Buffer
}

class JsonLineEncoder {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  private position = 0
  private readonly quotedCache = new Map<string, Buffer>()
  private readonly rules: EncodedRule[]
  private readonly stages: Record<string, Buffer>
  private readonly pieces = {
    id: ascii('{"id":'),
    fit: ascii(',"fit":'),
    engagement: ascii(',"engagement":'),
    gradeNull: ascii(',"grade":null'),
    grade: ascii(',"grade":'),
    missing: ascii(',"missing":'),
    fastTrack: ascii(',"fastTrack":'),
    contributions: ascii(',"contributions":['),
    end: ascii(']}\n'),
    empty: ascii('[]'),
    matchedTrue: ascii(',"matched":true}'),
    matchedFalse: ascii(',"matched":false}'),
  }

  constructor(config: ScoringConfig) {
    const rules = [
      ...config.fit.rules.map((rule) => ({ rule, axis: 'fit', points: rule.points as number | null })),
      ...config.engagement.rules.map((rule) => ({ rule, axis: 'engagement', points: 'when' in rule ? rule.points : null })),
    ]
    this.rules = rules.map(({ rule, axis, points }, i) => {
      const prefix = `${i === 0 ? '' : ','}{"ruleId":${JSON.stringify(rule.id)},"label":${JSON.stringify(rule.label)},"axis":"${axis}","points":`
      return {
        id: rule.id,
        unmatched: Buffer.from(`${prefix}0,"matched":false}`),
        matched: points === null ? null : Buffer.from(`${prefix}${JSON.stringify(points)},"matched":true}`),
        points: points ?? NaN,
        prefix: Buffer.from(prefix),
      }
    })
    this.stages = Object.fromEntries(
      (['disqualified', 'lead', 'mql', 'sql'] as const).map((stage) => [stage, ascii(`,"stage":"${stage}","disqualifiedBy":`)]),
    )
  }

  get length() {
    return this.position
  }

  /** The bytes written so far; the encoder continues in a fresh buffer (the stream owns this one). */
  take(): Buffer {
    const full = this.buffer.subarray(0, this.position)
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES)
    this.position = 0
    return full
  }

  encode(lead: Lead, result: ScoreResult) {
    const pieces = this.pieces
    const id = lead.id
    this.copy(pieces.id)
    if (id === undefined || id === null) this.ascii('null')
    else if (typeof id === 'number') this.ascii(String(id))
    else this.text(JSON.stringify(id))
    this.copy(pieces.fit)
    this.ascii(String(result.fit))
    this.copy(pieces.engagement)
    this.ascii(String(result.engagement))
    if (result.grade === null) this.copy(pieces.gradeNull)
    else {
      this.copy(pieces.grade)
      this.copy(this.quoted(result.grade))
    }
    this.copy(this.stages[result.stage])
    this.list(result.disqualifiedBy)
    this.copy(pieces.missing)
    this.list(result.missing)
    this.copy(pieces.fastTrack)
    this.list(result.fastTrack)
    this.copy(pieces.contributions)
    const contributions = result.contributions
    const rules = this.rules
    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i]
      const rule = rules[i]
      if (rule === undefined || rule.id !== c.ruleId) {
        // Not the config's rule order: cannot happen with the engine, but stay correct.
        if (i > 0) this.ascii(',')
        this.text(JSON.stringify(c))
      } else if (!c.matched && c.points === 0) this.copy(rule.unmatched)
      else if (c.matched && rule.matched !== null && c.points === rule.points) this.copy(rule.matched)
      else {
        this.copy(rule.prefix)
        this.ascii(String(c.points))
        this.copy(c.matched ? pieces.matchedTrue : pieces.matchedFalse)
      }
    }
    this.copy(pieces.end)
  }

  private quoted(text: string): Buffer {
    let bytes = this.quotedCache.get(text)
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(text))
      this.quotedCache.set(text, bytes)
    }
    return bytes
  }

  private list(ids: string[]) {
    if (ids.length === 0) return this.copy(this.pieces.empty)
    this.ascii('[')
    for (let i = 0; i < ids.length; i++) {
      if (i > 0) this.ascii(',')
      this.copy(this.quoted(ids[i]))
    }
    this.ascii(']')
  }

  private room(bytes: number) {
    if (this.position + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes))
    this.buffer.copy(grown, 0, 0, this.position)
    this.buffer = grown
  }

  /** Text known to be ASCII: numbers and JSON punctuation. */
  private ascii(text: string) {
    const n = text.length
    this.room(n)
    const buffer = this.buffer
    let p = this.position
    for (let i = 0; i < n; i++) buffer[p++] = text.charCodeAt(i)
    this.position = p
  }

  private text(text: string) {
    this.room(text.length * 3)
    this.position += this.buffer.write(text, this.position, 'utf8')
  }

  private copy(bytes: Buffer) {
    this.room(bytes.length)
    this.buffer.set(bytes, this.position)
    this.position += bytes.length
  }
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1')
}

/** One result as a JSON line, the way JSON.stringify writes it; the CLI's encoder matches it byte for byte. */
export function formatJsonLine(lead: Lead, result: ScoreResult): string {
  return `${JSON.stringify({
    id: lead.id ?? null,
    fit: result.fit,
    engagement: result.engagement,
    grade: result.grade,
    stage: result.stage,
    disqualifiedBy: result.disqualifiedBy,
    missing: result.missing,
    fastTrack: result.fastTrack,
    contributions: result.contributions,
  })}\n`
}

/**
 * CSV via csv-stringify's stream. Its output comes a row at a time; it is gathered into ~64 KB
 * writes, since one write to stdout per row would cost more than scoring the row.
 */
function csvOutput(stdout: Writable): Output {
  const stringifier = stringifyCsv({ header: true, columns: [...OUTPUT_COLUMNS] })
  let pending: string[] = []
  let pendingLength = 0
  stringifier.setEncoding('utf8')
  stringifier.on('data', (chunk: string) => {
    pending.push(chunk)
    pendingLength += chunk.length
  })
  let closed = false
  stdout.on('error', () => {
    closed = true
  })
  async function flush() {
    if (closed) throw new OutputClosed()
    const text = pending.join('')
    pending = []
    pendingLength = 0
    stdout.write(text)
    if (stdout.writableLength > MAX_PENDING_OUTPUT_BYTES) await drained(stdout)
  }
  return {
    write(lead, result) {
      // Ids, keys and field keys never contain spaces (the config schema refuses them), so a
      // space separates list items unambiguously.
      const more = stringifier.write({
        id: lead.id ?? '',
        fit: result.fit,
        engagement: result.engagement,
        grade: result.grade ?? '',
        stage: result.stage,
        disqualifiedBy: result.disqualifiedBy.join(' '),
        missing: result.missing.join(' '),
        fastTrack: result.fastTrack.join(' '),
        contributions: JSON.stringify(result.contributions),
      })
      if (pendingLength >= 65_536) return flush()
      // The stringifier hands rows on asynchronously; let it catch up rather than queue rows.
      if (!more) return drained(stringifier).then(() => (pendingLength >= 65_536 ? flush() : undefined))
    },
    async end() {
      const ended = new Promise<void>((resolve, reject) => stringifier.on('end', resolve).on('error', reject))
      stringifier.end()
      await ended
      await flush()
      await flushed(stdout)
    },
  }
}
