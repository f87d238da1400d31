import fs from 'node:fs'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { parse as parseCsv } from 'csv-parse'
import type { z } from 'zod'
import {
  compile,
  EXPLAIN_MODES,
  formatPath,
  isLead,
  LeadSchema,
  parseScoringConfig,
  parseTimestamp,
  type CompiledScoring,
  type Explain,
  type Lead,
  type ScoreResult,
  type ScoringConfig,
} from '../app/domain/scoring'
import type { BacktestMapping } from '../app/domain/backtest/mapping'
import { resultEncoder, type OutputFormat, type ResultEncoder } from './score-output'
import { checkCsvHeader, csvLeadReader, jsonLeadMapper, mappingConfigProblems, readMapping, type LeadRead } from './score-input'

/**
 * leadpact-score (DESIGN §8): scores a JSON Lines or CSV file of leads with an exported scoring
 * config, streaming, for pipelines. Memory stays flat whatever the input size: lines are read
 * as the consumer of stdout takes results, never ahead of it.
 */

export const USAGE = `Usage: leadpact-score --config <config.json> --input <leads.jsonl | leads.csv | -> [--as-of <time>] [--format jsonl|csv]
                      [--explain all|matched|none] [--mapping <mapping.json>]

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
  --explain <what>   all (default): every rule's contribution; matched: only the rules that matched;
                     none: no contributions (scores, grade, stage and the lists only; the fastest)
  -h, --help         show this help

Output (stdout), one result per lead in input order:
  id, fit, engagement, grade, stage, disqualifiedBy, missing, fastTrack, contributions (unless --explain none)
A bad line is reported on stderr with its line number and skipped.

Exit status: 0 every lead scored; 1 some lines were bad (the others were scored); 2 bad arguments, config or mapping.

Example:
  npm run score -- --config config.json --input leads.jsonl --as-of 2026-06-01T12:00:00Z > scores.jsonl
`

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

  const output = encodedOutput(io.stdout, resultEncoder(options.format, config, options.explain))
  const run: Run = { engine, asOfMs: options.asOfMs, explain: options.explain, output, stderr: io.stderr, badLines: 0, scored: 0, mapLead: jsonLeadMapper(config, mapping, options.asOfMs) }
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
  format: OutputFormat
  explain: Explain
  mappingPath: string | undefined
}

function readOptions(argv: readonly string[], io: CliIo): Options {
  let values: { config?: string; input?: string; 'as-of'?: string; format?: string; explain?: string; mapping?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        input: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        mapping: { type: 'string' },
        explain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return { help: true, configPath: '', inputPath: undefined, inputFormat: 'jsonl', asOfMs: 0, format: 'jsonl', explain: 'all', mappingPath: undefined }
  if (!values.config) throw new UsageError('--config is required')
  if (!values.input) throw new UsageError('--input is required')
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`)
  const explain = (values.explain ?? 'all') as Explain
  if (!EXPLAIN_MODES.includes(explain)) throw new UsageError(`--explain must be all, matched or none, not "${values.explain}"`)

  const asOfMs = values['as-of'] === undefined ? io.now() : parseTimestamp(values['as-of'])
  if (Number.isNaN(asOfMs)) throw new UsageError(`--as-of "${values['as-of']}" is not a timestamp (ISO 8601 or epoch milliseconds)`)

  const mappingPath = values.mapping
  if (values.input === '-') return { help: false, configPath: values.config, inputPath: undefined, inputFormat: 'jsonl', asOfMs, format, explain, mappingPath }
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
  return { help: false, configPath: values.config, inputPath: values.input, inputFormat, asOfMs, format, explain, mappingPath }
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
  explain: Explain
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
  const result = run.engine.score(lead, run.asOfMs, run.explain)
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

const MAX_PENDING_OUTPUT_BYTES = 1024 * 1024

/** Results encoded into ~64 KB writes (score-output.ts): one write a result would cost more than scoring it. */
function encodedOutput(stdout: Writable, encoder: ResultEncoder): Output {
  let closed = false
  stdout.on('error', () => {
    closed = true
  })
  if (encoder.head.length > 0) stdout.write(encoder.head)
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
