import fs from 'node:fs'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import type { Worker } from 'node:worker_threads'
import Papa from 'papaparse'
import type { BacktestMapping } from '../app/domain/backtest/mapping'
import { EXPLAIN_MODES, parseScoringConfig, parseTimestamp, SCHEMA_VERSIONS, type Explain, type SchemaVersion, type ScoringConfig } from '../app/domain/scoring'
import { compileScoringSql, SQL_DIALECTS, type SqlDialect } from '../app/domain/sql-export/compile-sql'
import { lastRecordEnd } from '../app/backtest/csv-records.server'
import { chunkScorer, outputMemory, type ChunkResult, type ChunkSetup } from './score-chunk'
import { checkCsvHeader, mappingConfigProblems, readMapping } from './score-input'
import { resultEncoder, type OutputFormat } from './score-output'
import { CHUNK_BYTES, defaultWorkers, MAX_WORKERS, startWorker, type StartedWorker } from './score-threads'
import type { ResultMessage, ToWorker } from './score-worker'

/**
 * leadpact-score (DESIGN §8): scores a JSON Lines or CSV file of leads with an exported scoring
 * config, streaming, for pipelines, on every core. The main thread only cuts the input into
 * chunks of whole lines (whole records for CSV) and writes results; worker threads read, score
 * and encode the chunks (score-chunk.ts), and their bytes go out in input order. At most three
 * chunks per worker are in flight and stdout's backlog is waited for, so memory stays flat
 * whatever the input size. The bin starts the worker threads before it loads this file
 * (score-threads.ts).
 */

export { CHUNK_BYTES }
/**
 * Chunks waiting for each worker thread: one being scored and two ready, ~3 ms of work. With every
 * core scoring, the main thread waits its turn for one before it hands out the next chunk, and one
 * ready chunk (~1 ms of JSON Lines) left workers idle meanwhile (1M JSON Lines ~20 ms faster with two).
 */
const WORKER_QUEUE = 3
/** Chunks' memory kept to be read into again. */
const MAX_SPARE_CHUNKS = 8
/** A CSV record (or a JSON line) longer than this is an unclosed quote swallowing the file, not a lead. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024
/** Encoded results waiting in stdout beyond this: the next chunk waits. */
const MAX_PENDING_OUTPUT_BYTES = 4 * 1024 * 1024

export const USAGE = `Usage: leadpact-score --config <config.json> --input <leads.jsonl | leads.csv | -> [--as-of <time>] [--format jsonl|csv]
                      [--explain all|matched|none] [--mapping <mapping.json>] [--workers <n>] [--config-format 1|2]
       leadpact-score --config <config.json> --emit-sql postgres|duckdb

Scores leads with a Leadpact scoring config (format version 1 or 2), streaming, on every core.

Options:
  --config <file>        the scoring config (JSON), e.g. a published version's export.json
  --input <file>         the leads, by extension:
                           .jsonl, .ndjson, .json  JSON Lines: one lead a line, { "id"?, "attributes": {...}, "activities"?: [{ "type", "at", "properties"? }] }
                           .csv                    one lead a row, columns named by field keys; optional columns "id" and
                                                   "activities" (a JSON array); a cell is the same text as in JSON ("yes",
                                                   "1,000" and "07/01/2025" stay text; an empty cell is absent)
                           -                       JSON Lines on stdin
                         An activity whose "at" is missing or not a timestamp is undated: it counts for activity fast
                         tracks only, and the lead is scored.
  --mapping <file>       conversions, declared: a back-test mapping (JSON) saying which column feeds which field and how
                         text reads ("Yes" is true, "1,000" is 1000, "Select" is absent, day-first dates); its outcome
                         is ignored. With JSON Lines, a lead's attributes are the columns. Without it nothing is converted.
  --as-of <time>         score as of this moment: ISO 8601 (UTC when it has no offset) or epoch milliseconds
                         (default: the time the command starts, the same for every lead)
  --format <fmt>         jsonl (default): one JSON result a line; csv: a header and one row a lead
                         (lists joined by spaces, contributions as compact JSON)
  --explain <what>       all (default): every rule's contribution; matched: only the rules that matched;
                         none: no contributions (scores, grade, stage and the lists only; the fastest)
  --workers <n>          threads that score (default: one per core, ${defaultWorkers()} here); 1 scores in the main thread
  --config-format <n>    the newest scoring format to accept (default 2): a pipeline certified for format 1 says 1,
                         and a format-2 config is then refused with the first construct that needs format 2
  --emit-sql <dialect>   print the config compiled to one SQL query (postgres or duckdb), the same text as a
                         version's SQL download, and score nothing
  -h, --help             show this help

Output (stdout), one result per lead in input order:
  id, fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions (unless --explain none)
  (band and priority: scoring format 2, null in JSON Lines when the config defines none; CSV has those two columns
  only when the config has engagement.bands)
A bad line is reported on stderr with its line number and skipped.

Exit status: 0 every lead scored; 1 some lines were bad (the others were scored); 2 bad arguments, config, mapping
or input (such as a CSV whose columns name no field).

Examples:
  leadpact-score --config config.json --input leads.jsonl --as-of 2026-06-01T12:00:00Z > scores.jsonl
  leadpact-score --config config.json --emit-sql postgres > scoring.sql
`

export type ExitCode = 0 | 1 | 2

export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  /** The moment "now" for a run without --as-of. */
  now: () => number
}

/**
 * Runs leadpact-score. `started`: worker threads the bin started before it loaded this file
 * (score-threads.ts); the run takes them when it wants as many, and those it does not take are stopped.
 */
export async function runScoreCli(argv: readonly string[], io: CliIo = processIo(), started: StartedWorker[] = []): Promise<ExitCode> {
  const early = new EarlyWorkers(started)
  try {
    return await scoreCli(argv, io, early)
  } finally {
    early.stop()
  }
}

async function scoreCli(argv: readonly string[], io: CliIo, early: EarlyWorkers): Promise<ExitCode> {
  const read = readOptions(argv, io)
  if (!read.ok) {
    // Each problem on its own line, then the usage once.
    for (const problem of read.problems) io.stderr.write(`leadpact-score: ${problem}\n`)
    io.stderr.write(`\n${USAGE}`)
    return 2
  }
  const options = read.options
  if (options.help) {
    await written(io.stdout, USAGE)
    return 0
  }

  const config = readConfig(options.configPath, options.configFormats, io)
  if (!config) return 2
  if (options.emitSql) {
    await written(io.stdout, compileScoringSql(config, { dialect: options.emitSql }))
    return 0
  }
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

  const run = new Run(io, options, config, mapping, early)
  let input: InputReader | undefined
  try {
    input = options.inputPath === undefined ? streamInput(io.stdin) : fileInput(options.inputPath)
    await run.score(input)
  } catch (error) {
    if (error instanceof OutputClosed) return run.badLines > 0 ? 1 : 0
    const reason = error instanceof InputError ? error.message : describeReadError(error)
    io.stderr.write(`leadpact-score: ${options.inputPath ?? 'stdin'}: ${reason}\n`)
    return 2
  } finally {
    await input?.close().catch(() => undefined)
    await run.close()
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

// ── Arguments ─────────────────────────────────────────────────────────────────────────────

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
  /** undefined: one per core, or the main thread alone for an input of one chunk. */
  workers: number | undefined
  emitSql: SqlDialect | undefined
  /** The scoring formats this run accepts: a pipeline certified for format 1 pins it with --config-format 1. */
  configFormats: readonly SchemaVersion[]
}

type OptionsRead = { ok: true; options: Options } | { ok: false; problems: string[] }

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return (code && ERRNO_WORDS[code]) ?? (error as Error).message.split('\n')[0]
}

function readOptions(argv: readonly string[], io: CliIo): OptionsRead {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        input: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        explain: { type: 'string' },
        mapping: { type: 'string' },
        workers: { type: 'string' },
        'emit-sql': { type: 'string' },
        'config-format': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    // parseArgs explains in a sentence and a hint on the next line; the sentence says it.
    return { ok: false, problems: [(error as Error).message.split('\n')[0]] }
  }
  const text = (name: string) => values[name] as string | undefined
  const problems: string[] = []
  const options: Options = {
    help: values.help === true,
    configPath: text('config') ?? '',
    inputPath: undefined,
    inputFormat: 'jsonl',
    asOfMs: 0,
    format: 'jsonl',
    explain: 'all',
    mappingPath: text('mapping'),
    workers: undefined,
    emitSql: undefined,
    configFormats: SCHEMA_VERSIONS,
  }
  if (options.help) return { ok: true, options }
  if (!text('config')) problems.push('--config is required')
  const configFormat = text('config-format')
  if (configFormat !== undefined) {
    const pinned = SCHEMA_VERSIONS.find((version) => String(version) === configFormat)
    if (pinned === undefined) problems.push(`--config-format must be ${SCHEMA_VERSIONS.join(' or ')}, not "${configFormat}"`)
    else options.configFormats = SCHEMA_VERSIONS.filter((version) => version <= pinned)
  }

  const emitSql = text('emit-sql')
  if (emitSql !== undefined) {
    options.emitSql = SQL_DIALECTS.find((dialect) => dialect === emitSql)
    if (!options.emitSql) problems.push(`--emit-sql must be ${SQL_DIALECTS.join(' or ')}, not "${emitSql}"`)
    if (text('input') !== undefined) problems.push('--emit-sql prints the SQL and scores nothing: leave out --input')
    return problems.length > 0 ? { ok: false, problems } : { ok: true, options }
  }

  const format = text('format') ?? 'jsonl'
  if (format === 'jsonl' || format === 'csv') options.format = format
  else problems.push(`--format must be jsonl or csv, not "${format}"`)
  const explain = text('explain') ?? 'all'
  if ((EXPLAIN_MODES as readonly string[]).includes(explain)) options.explain = explain as Explain
  else problems.push(`--explain must be all, matched or none, not "${explain}"`)
  const workers = text('workers')
  if (workers !== undefined) {
    const n = Number(workers)
    if (/^\d+$/.test(workers) && n >= 1 && n <= MAX_WORKERS) options.workers = n
    else problems.push(`--workers must be a whole number from 1 to ${MAX_WORKERS}, not "${workers}"`)
  }
  const asOf = text('as-of')
  options.asOfMs = asOf === undefined ? io.now() : parseTimestamp(asOf)
  if (Number.isNaN(options.asOfMs)) problems.push(`--as-of "${asOf}" is not a timestamp (ISO 8601, UTC when it has no offset, or epoch milliseconds)`)

  const input = text('input')
  if (!input) problems.push('--input is required (or --emit-sql)')
  else if (input !== '-') {
    const extension = path.extname(input).toLowerCase()
    const inputFormat = ['.jsonl', '.ndjson', '.json'].includes(extension) ? 'jsonl' : extension === '.csv' ? 'csv' : undefined
    if (!inputFormat) problems.push(`cannot tell the format of --input "${input}": name it .jsonl, .ndjson, .json or .csv (or use - for JSON Lines on stdin)`)
    else {
      options.inputFormat = inputFormat
      options.inputPath = input
      try {
        if (!fs.statSync(input).isFile()) problems.push(`--input "${input}" is not a file`)
      } catch (error) {
        problems.push(`cannot read --input "${input}": ${describeReadError(error)}`)
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options }
}

function readConfig(configPath: string, formats: readonly SchemaVersion[], io: CliIo): ScoringConfig | undefined {
  let text: string
  try {
    text = fs.readFileSync(configPath, 'utf8')
  } catch (error) {
    io.stderr.write(`leadpact-score: cannot read --config "${configPath}": ${describeReadError(error)}\n`)
    return undefined
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    io.stderr.write(`leadpact-score: ${configPath}: not valid JSON (${(error as Error).message})\n`)
    return undefined
  }
  const parsed = parseScoringConfig(json, { formats })
  if (parsed.ok) return parsed.config
  // One line a problem, each naming the file and the path in it.
  for (const error of parsed.errors) io.stderr.write(`leadpact-score: ${configPath}: not a valid scoring config: ${error.message}\n`)
  return undefined
}

function readMappingFile(mappingPath: string, io: CliIo): BacktestMapping | undefined {
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(mappingPath, 'utf8'))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ? describeReadError(error) : `not valid JSON (${(error as Error).message})`
    io.stderr.write(`leadpact-score: cannot read --mapping "${mappingPath}": ${reason}\n`)
    return undefined
  }
  const read = readMapping(json)
  if (read.ok) return read.mapping
  for (const error of read.errors) io.stderr.write(`leadpact-score: ${mappingPath}: ${error}\n`)
  return undefined
}

// ── Cutting the input into chunks ─────────────────────────────────────────────────────────

/** Input that cannot be read on (the CLI exits 2 with the message). */
class InputError extends Error {}

const NEWLINE = 10
const QUOTE = 34

/** Where the complete records of `bytes` end: the index after the last one's line break, or 0 or -1 when none does. */
type RecordEnd = (bytes: Buffer) => number

/**
 * Cuts the input into chunks of about CHUNK_BYTES that end where a record ends. Each chunk is
 * read straight into memory of its own, from its first byte, so it moves to a worker thread
 * without a copy; only the unfinished record after its end is copied, to start the next one.
 * Memory a worker gives back (`reuse`) is read into again.
 */
class Chunker {
  private buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES)
  private filled = 0
  private readonly spare: ArrayBuffer[] = []
  /** Unset until the byte-order mark and the CSV header are read: until then the bytes are only held. */
  private recordEnd: RecordEnd | undefined

  /** The bytes read and not yet handed out. */
  get held(): Buffer {
    return this.buffer.subarray(0, this.filled)
  }

  /** From now on the bytes are records, cut where `recordEnd` says: a chunk, if the memory is full already. */
  records(recordEnd: RecordEnd): Buffer | undefined {
    this.recordEnd = recordEnd
    return this.filled === this.buffer.length ? this.cut() : undefined
  }

  /** Where the next read goes. */
  room(): Buffer {
    // Full before the records start: a header longer than a chunk.
    if (this.filled === this.buffer.length) this.grow()
    return this.buffer.subarray(this.filled)
  }

  /** `bytes` were read into room(): a chunk, once the memory is full. */
  grew(bytes: number): Buffer | undefined {
    this.filled += bytes
    return this.filled === this.buffer.length && this.recordEnd ? this.cut() : undefined
  }

  /** Bytes from a stream, copied in; every chunk they complete goes to `chunks`. */
  push(bytes: Buffer, chunks: Buffer[]) {
    for (let at = 0; at < bytes.length; ) {
      const copied = bytes.copy(this.room(), 0, at)
      at += copied
      const chunk = this.grew(copied)
      if (chunk) chunks.push(chunk)
    }
  }

  /** Drops the first `bytes` held (a byte-order mark, the CSV header). */
  drop(bytes: number) {
    this.buffer.copy(this.buffer, 0, bytes, this.filled)
    this.filled -= bytes
  }

  /** What is left at the end of the input: the last records, the last one perhaps without a line break. */
  end(): Buffer | undefined {
    const rest = this.filled > 0 ? this.held : undefined
    this.filled = 0
    return rest
  }

  /** Memory of a chunk, read: the next chunks are read into it. */
  reuse(bytes: ArrayBuffer) {
    if (bytes.byteLength === CHUNK_BYTES && this.spare.length < MAX_SPARE_CHUNKS) this.spare.push(bytes)
  }

  private cut(): Buffer | undefined {
    const full = this.buffer
    const end = this.recordEnd!(full)
    if (end <= 0) {
      // Not one record ends in it: a record longer than a chunk.
      this.grow()
      return undefined
    }
    const rest = full.length - end
    const spare = rest < CHUNK_BYTES ? this.spare.pop() : undefined
    this.buffer = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(rest < CHUNK_BYTES ? CHUNK_BYTES : rest + CHUNK_BYTES)
    full.copy(this.buffer, 0, end)
    this.filled = rest
    return full.subarray(0, end)
  }

  /** Twice the memory, the bytes held kept. */
  private grow() {
    const full = this.buffer
    if (full.length >= MAX_RECORD_BYTES) {
      throw new InputError(
        this.recordEnd
          ? `a record runs on for more than ${MAX_RECORD_BYTES / 1024 / 1024} MB (a quoted cell that never ends, a lone " character?): the rest cannot be read`
          : `the header runs on for more than ${MAX_RECORD_BYTES / 1024 / 1024} MB: not a CSV header`,
      )
    }
    this.buffer = Buffer.allocUnsafeSlow(Math.min(full.length * 2, MAX_RECORD_BYTES))
    full.copy(this.buffer, 0, 0, this.filled)
  }
}

/** Where the input comes from: reads into a Chunker; false once the input has ended. */
interface InputReader {
  read(chunker: Chunker, chunks: Buffer[]): Promise<boolean>
  close(): Promise<void>
}

/**
 * A file, read straight into the chunks' memory, synchronously: a chunk from the page cache takes
 * tens of microseconds, and the thread pool of an asynchronous read woke two more threads per
 * chunk on the cores the workers score on (measured: 1M JSON Lines ~60 ms faster this way).
 */
function fileInput(file: string): InputReader {
  const fd = fs.openSync(file, 'r')
  return {
    async read(chunker, chunks) {
      const room = chunker.room()
      const bytesRead = fs.readSync(fd, room, 0, room.length, null)
      if (bytesRead === 0) return false
      const chunk = chunker.grew(bytesRead)
      if (chunk) chunks.push(chunk)
      return true
    },
    async close() {
      fs.closeSync(fd)
    },
  }
}

/** A stream (stdin): what it gives is copied into the chunks' memory. */
function streamInput(stream: Readable): InputReader {
  const reads = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]()
  let ended = false
  return {
    async read(chunker, chunks) {
      const next = await reads.next()
      if (next.done) {
        ended = true
        return false
      }
      chunker.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value, chunks)
      return true
    },
    async close() {
      // Stopped early (a bad input, stdout closed): the stream is let go.
      if (!ended) await reads.return?.()
    },
  }
}

const DELIMITERS = [',', ';', '\t', '|']

interface CsvHeader {
  names: string[]
  delimiter: string
  newline: '\n' | '\r\n'
  /** Line breaks in the header record. */
  lines: number
  /** Bytes of the header record, its line break included. */
  length: number
}

/** The header record of a CSV (the first one, quotes respected) once `bytes` holds it, or undefined. */
function readCsvHeader(bytes: Buffer, ended: boolean): CsvHeader | undefined {
  let end = -1
  let quoted = false
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte === QUOTE) quoted = !quoted
    else if (byte === NEWLINE && !quoted) {
      end = i
      break
    }
  }
  if (end === -1 && !ended) {
    if (bytes.length > MAX_RECORD_BYTES) throw new InputError('the header runs on for more than 16 MB: not a CSV header')
    return undefined
  }
  const recordEnd = end === -1 ? bytes.length : end + 1
  const text = bytes.subarray(0, recordEnd).toString('utf8')
  const newline = text.endsWith('\r\n') ? '\r\n' : '\n'
  const parsed = Papa.parse<string[]>(text, { newline, delimitersToGuess: DELIMITERS, preview: 1 })
  const delimiter = DELIMITERS.includes(parsed.meta.delimiter) ? parsed.meta.delimiter : ','
  const names = (parsed.data[0] ?? []).map((name) => name.trim())
  let lines = 0
  for (let i = 0; i < recordEnd; i++) if (bytes[i] === NEWLINE) lines++
  return { names, delimiter, newline, lines, length: recordEnd }
}

function hasBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

// ── Scoring the chunks ────────────────────────────────────────────────────────────────────

class OutputClosed extends Error {}

/** A chunk's results; `release` (after they are written) lets their memory be used again. */
type Scored = ChunkResult & { release?: () => void }

/** Worker threads the bin started early: taken by the run that wants as many, or stopped. */
class EarlyWorkers {
  constructor(private started: StartedWorker[]) {}

  take(count: number): StartedWorker[] | undefined {
    if (this.started.length !== count) return undefined
    const taken = this.started
    this.started = []
    return taken
  }

  stop() {
    // Nothing waits for them: the process ends once they have stopped.
    for (const { worker } of this.started) worker.terminate().catch(() => undefined)
    this.started = []
  }
}

/** Worker threads running score-worker.ts; each chunk goes to the least busy one. */
class WorkerPool {
  private readonly workers: { worker: Worker; busy: number; stopping?: Promise<number> }[] = []
  private readonly pending = new Map<number, { resolve: (result: Scored) => void; reject: (error: Error) => void }>()
  private seq = 0
  private failure: Error | undefined
  private closing = false
  /** Results' memory written out, to go back with the next chunk (a message of its own woke a worker for it). */
  private recycled: ArrayBuffer[] = []
  /** No more chunks will come (`end`). */
  private ended = false

  /** `reuse` takes each chunk's input memory back once its worker has read it; `started`: threads already starting, or new ones. */
  constructor(count: number, setup: ChunkSetup, reuse: (bytes: ArrayBuffer) => void, started = Array.from({ length: count }, startWorker)) {
    for (const { worker, failure } of started) {
      if (failure) this.fail(failure)
      worker.postMessage({ kind: 'setup', setup } satisfies ToWorker)
      const slot: (typeof this.workers)[number] = { worker, busy: 0 }
      worker.on('message', (message: ResultMessage) => {
        slot.busy--
        if (this.ended && slot.busy === 0) this.stop(slot)
        reuse(message.input)
        const waiter = this.pending.get(message.seq)
        this.pending.delete(message.seq)
        const output = Buffer.from(message.output, 0, message.outputLength)
        const release = () => {
          if (!this.closing) this.recycled.push(message.output)
        }
        waiter?.resolve({ output, bad: message.bad, scored: message.scored, lines: message.lines, release })
      })
      worker.on('error', (error) => this.fail(new Error(`a worker thread failed: ${error.message}`)))
      worker.on('exit', (code) => {
        if (!this.closing && !slot.stopping && this.pending.size > 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`))
      })
      this.workers.push(slot)
    }
  }

  /**
   * No more chunks: each worker thread stops once it has sent its last results, while the others
   * finish theirs (a thread takes ~10 ms to stop).
   */
  end() {
    this.ended = true
    for (const slot of this.workers) if (slot.busy === 0) this.stop(slot)
  }

  private stop(slot: (typeof this.workers)[number]) {
    slot.stopping ??= slot.worker.terminate()
  }

  /** Worker threads. */
  get size(): number {
    return this.workers.length
  }

  score(chunk: Buffer): Promise<Scored> {
    if (this.failure) return Promise.reject(this.failure)
    const slot = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least))
    slot.busy++
    const seq = this.seq++
    // A chunk starts its own memory (Chunker), so that memory moves to the worker without a copy.
    const own = chunk.byteOffset === 0 && !isPooled(chunk)
    const bytes = own ? (chunk.buffer as ArrayBuffer) : new Uint8Array(chunk).buffer
    const recycled = this.recycled
    this.recycled = []
    const message: ToWorker = { kind: 'chunk', seq, bytes, length: chunk.length, recycled }
    const result = new Promise<Scored>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject })
      slot.worker.postMessage(message, [bytes, ...recycled])
    })
    // Chunks still in flight when the run stops early (stdout closed, a bad input) are nobody's concern.
    result.catch(() => undefined)
    return result
  }

  private fail(error: Error) {
    this.failure ??= error
    for (const waiter of this.pending.values()) waiter.reject(this.failure)
    this.pending.clear()
  }

  async close() {
    this.closing = true
    this.pending.clear()
    await Promise.all(this.workers.map((slot) => slot.stopping ?? slot.worker.terminate()))
  }
}

/** Node's small-buffer pool is shared: such memory is never handed to another thread. */
function isPooled(chunk: Buffer): boolean {
  return chunk.buffer.byteLength === Buffer.poolSize
}

/** A chunk on its way out, in input order: its results once scored. */
interface Slot {
  result?: Scored
  scoring?: Promise<Scored>
}

class Run {
  badLines = 0
  scored = 0
  /** Lines before the next chunk (the CSV header's among them). */
  private lineOffset = 0
  private readonly chunker = new Chunker()
  private pool: WorkerPool | undefined
  private inline: ((chunk: Buffer) => Scored) | undefined
  /** Chunks handed out and not yet written, in input order. */
  private readonly queue: Slot[] = []
  private closed = false

  constructor(
    private readonly io: CliIo,
    private readonly options: Options,
    private readonly config: ScoringConfig,
    private readonly mapping: BacktestMapping | undefined,
    private readonly early: EarlyWorkers,
  ) {
    io.stdout.on('error', () => {
      this.closed = true
    })
  }

  async score(input: InputReader) {
    const { options, chunker } = this
    const chunks: Buffer[] = []
    let more = true
    const read = async () => {
      if (this.closed) throw new OutputClosed()
      more = await input.read(chunker, chunks)
    }

    // A byte-order mark is no part of the data.
    while (more && chunker.held.length < 3) await read()
    if (hasBom(chunker.held)) chunker.drop(3)
    let setup: ChunkSetup
    if (options.inputFormat === 'csv') {
      const header = () => (chunker.held.length > 0 ? readCsvHeader(chunker.held, !more) : undefined)
      let csv = header()
      while (!csv && more) {
        await read()
        csv = header()
      }
      if (!csv) throw new InputError('the file is empty: expected a header of field keys, then one lead a row')
      const check = checkCsvHeader(csv.names, this.config, this.mapping)
      if (check.problem) throw new InputError(check.problem)
      if (check.ignored.length > 0) this.io.stderr.write(`leadpact-score: ignoring columns that feed no field: ${check.ignored.join(', ')}\n`)
      this.lineOffset = csv.lines
      chunker.drop(csv.length)
      const { delimiter, newline } = csv
      // Cut where papaparse ends a record (the back-test's reading of the same rule), so each chunk reads alone as it reads in the whole file.
      const first = chunker.records((bytes) => lastRecordEnd(bytes, delimiter, newline))
      if (first) chunks.push(first)
      setup = this.setup({ kind: 'csv', header: csv.names, delimiter, newline })
    } else {
      const first = chunker.records((bytes) => bytes.lastIndexOf(NEWLINE) + 1)
      if (first) chunks.push(first)
      setup = this.setup({ kind: 'jsonl' })
    }

    // By default a small input is scored in the main thread: starting workers would cost more.
    let held: Buffer | undefined
    const dispatch = async (chunk: Buffer) => {
      if (!this.inline && !this.pool) {
        if (options.workers === undefined && held === undefined) {
          held = chunk
          return
        }
        this.start(setup, options.workers ?? defaultWorkers())
        if (held) this.enqueue(held)
        held = undefined
      }
      this.enqueue(chunk)
      await this.flush(this.maxQueued())
    }
    for (;;) {
      for (const chunk of chunks) await dispatch(chunk)
      chunks.length = 0
      if (!more) break
      await read()
    }
    const last = chunker.end()
    if (last) await dispatch(last)
    if (held) {
      // The input was one chunk in all: scored here.
      this.inline = this.inlineScorer(setup)
      this.enqueue(held)
    }
    this.pool?.end()
    await this.flush(0)
    await this.flushed()
  }

  private setup(input: ChunkSetup['input']): ChunkSetup {
    const { options } = this
    const setup = { config: this.config, asOfMs: options.asOfMs, explain: options.explain, format: options.format, mapping: this.mapping, input }
    const head = resultEncoder(options.format, this.config, options.explain).head
    if (head.length > 0) this.io.stdout.write(head)
    return setup
  }

  /**
   * With more than one thread, the main thread only reads, hands out and writes: --workers N
   * starts N worker threads, each with a core of its own to score on. (A main thread that also
   * scored took one chunk in three and then waited for the oldest, so its one worker scored the
   * rest: measured on a million lines, 2 cores, the busiest thread's CPU went from 2.0 s to 1.5 s
   * with the main thread reading only.) --workers 1 scores in the main thread.
   */
  private start(setup: ChunkSetup, workers: number) {
    if (workers > 1) this.pool = new WorkerPool(workers, setup, (bytes) => this.chunker.reuse(bytes), this.early.take(workers))
    else this.inline = this.inlineScorer(setup)
  }

  private inlineScorer(setup: ChunkSetup): (chunk: Buffer) => Scored {
    const memory = outputMemory()
    const scoreChunk = chunkScorer(setup, memory.take)
    return (chunk) => {
      const result = scoreChunk(chunk.toString('utf8'))
      if (chunk.byteOffset === 0) this.chunker.reuse(chunk.buffer as ArrayBuffer)
      const output = result.output
      return { ...result, release: () => memory.give(output.buffer as ArrayBuffer) }
    }
  }

  private enqueue(chunk: Buffer) {
    const { pool } = this
    if (pool) {
      const slot: Slot = { scoring: pool.score(chunk) }
      slot.scoring!.then((result) => (slot.result = result), () => undefined)
      this.queue.push(slot)
    } else this.queue.push({ result: this.inline!(chunk) })
  }

  /** Writes the scored chunks at the head of the queue, and waits for the head while more than `limit` are queued. */
  private async flush(limit: number) {
    const { queue } = this
    for (;;) {
      while (queue.length > 0 && queue[0].result) await this.write(queue.shift()!.result!)
      if (queue.length <= limit) return
      await queue[0].scoring
    }
  }

  /**
   * Chunks left waiting to be written when the main thread goes on reading: with one more, it
   * waits for the oldest. Each worker then has WORKER_QUEUE chunks (one it scores, the others ready),
   * so it never waits for the main thread, and memory holds a few chunks whatever the input.
   */
  private maxQueued() {
    return this.pool ? WORKER_QUEUE * this.pool.size - 1 : 0
  }

  /** One chunk's results out, its bad lines reported with their line numbers in the file. */
  private async write(result: Scored) {
    const { io } = this
    if (this.closed) throw new OutputClosed()
    // Once written out, the memory is used again (by the worker that filled it).
    if (result.output.length > 0) io.stdout.write(result.output, result.release)
    else result.release?.()
    if (result.bad.length > 0) io.stderr.write(result.bad.map(([line, message]) => `line ${this.lineOffset + line}: ${message}\n`).join(''))
    this.badLines += result.bad.length
    this.scored += result.scored
    this.lineOffset += result.lines
    // Wait only when the stream really holds a backlog: a write to a pipe or file completes at
    // once, yet write() still answers false for every chunk larger than the high-water mark.
    if (io.stdout.writableLength > MAX_PENDING_OUTPUT_BYTES) await drained(io.stdout)
  }

  private flushed() {
    if (this.closed) return Promise.reject(new OutputClosed())
    return new Promise<void>((resolve) => this.io.stdout.write('', () => resolve()))
  }

  async close() {
    await this.pool?.close()
  }
}

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

function written(stream: Writable, text: string) {
  return new Promise<void>((resolve) => stream.write(text, () => resolve()))
}
