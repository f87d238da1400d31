import fs from 'node:fs'
import os from 'node:os'
import Module, { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { parseArgs } from 'node:util'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/*
 * leadpact-score's worker threads, and starting them before the rest of the CLI is loaded. A
 * worker thread takes ~80 ms to start (its isolate, node's bootstrap, then its ~1 MB bundle),
 * and the main thread about as long to load its own bundle and read the config. Started one
 * after the other, that was a tenth of a million-line run. So the bin (leadpact-score.ts) looks
 * at its arguments with node's own modules only, starts the threads a file will need, and only
 * then loads the CLI (score-cli.ts): both start-ups run at once. This file imports nothing else,
 * so that the bin's bundle stays small.
 */

/** Bytes of input per chunk: enough to make handing it to a worker cheap, small enough to keep every core busy (256 KB measured slower and ~20 MB larger). */
export const CHUNK_BYTES = 128 * 1024
export const MAX_WORKERS = 64

export function defaultWorkers(): number {
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()))
}

/** A worker thread started before its run needed it: what went wrong while nobody listened. */
export interface StartedWorker {
  worker: Worker
  /** It failed or stopped before the run took it. */
  failure?: Error
}

/** A worker thread of score-worker.ts, told what to score (its setup) in its first message. */
export function startWorker(): StartedWorker {
  // A young generation of a few chunks' garbage: collected often rather than piling up in each
  // thread, yet larger than what a chunk keeps alive: at 8 MB a third of a CSV run was the
  // collector copying a chunk's rows, then read all at once (measured 5.9 s against 4.9 s CPU).
  // (32 MB for CSV: 1M rows 3% faster, peak RSS 159 → 190 MB; JSON Lines gain nothing above 16.)
  // CSV rows are now read one at a time (csv-rows.ts), and die as young as JSON lines.
  const options: WorkerOptions = { resourceLimits: { maxYoungGenerationSizeMb: 16 } }
  const here = import.meta.url
  const worker = here.endsWith('.ts')
    ? // The TypeScript source, run through tsx's require hook (development: `npx tsx scripts/leadpact-score.ts`).
      // A worker does not inherit the main thread's --import hooks, so the thread registers tsx itself.
      new Worker(`require('tsx/cjs'); require(${JSON.stringify(fileURLToPath(new URL('./score-worker.ts', here)))})`, { ...options, eval: true })
    : new Worker(RUN_WORKER_BUNDLE, { ...options, eval: true, workerData: { file: fileURLToPath(new URL('./score-worker.cjs', here)) } })
  const started: StartedWorker = { worker }
  // Until a run listens, an 'error' without a listener would end the process.
  const failed = (error: Error) => (started.failure ??= error)
  worker.on('error', (error) => failed(new Error(`a worker thread failed: ${error.message}`)))
  worker.on('exit', (code) => failed(new Error(`a worker thread stopped (exit code ${code})`)))
  return started
}

/**
 * The exports of a CommonJS bundle beside the bin (build/bin/score-cli.cjs, score-worker.cjs),
 * run from the V8 code cache that build-bin.mjs writes beside it (<file>.cache): compiling a ~1 MB
 * bundle, and the functions its start runs, took ~15 ms of each thread's start, and node 20
 * caches no module's code. V8 takes the cache only for the same source wrapped the same way
 * (module.wrap), the same V8 and the same flags; otherwise, or without the file, the bundle
 * compiles as it would anyway. RUN_WORKER_BUNDLE below does the same in a worker thread.
 */
export function runBundle(file: string): unknown {
  let cachedData: Buffer | undefined
  try {
    cachedData = fs.readFileSync(`${file}.cache`)
  } catch {
    // No cache: compiled as usual.
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData })
  const module = { exports: {} }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file))
  return module.exports
}

/** runBundle, as the source of a worker thread (workerData.file: the bundle). */
const RUN_WORKER_BUNDLE = `
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { wrap } = require('node:module')
const { file } = require('node:worker_threads').workerData
let cachedData
try {
  cachedData = fs.readFileSync(file + '.cache')
} catch {}
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData })
const module = { exports: {} }
script.runInThisContext()(module.exports, require, module, file, path.dirname(file))
`

/**
 * The worker threads a run with these arguments will score on, started now: for a file of more
 * than one chunk and more than one thread. Anything else (stdin, whose length is unknown; --help,
 * --emit-sql; arguments the CLI will refuse) starts none here, and the CLI starts what it needs
 * as before. A guess that turns out wrong costs threads the CLI then stops, never a different
 * result: the CLI decides, and takes these only when it wants as many.
 */
export function startWorkersFor(argv: readonly string[]): StartedWorker[] {
  let values: { input?: string; workers?: string; help?: boolean; 'emit-sql'?: string }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: { input: { type: 'string' }, workers: { type: 'string' }, 'emit-sql': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: false,
      allowPositionals: true,
    }) as { values: typeof values })
  } catch {
    return []
  }
  const { input, workers } = values
  if (values.help || values['emit-sql'] !== undefined || typeof input !== 'string' || input === '-' || (workers !== undefined && typeof workers !== 'string')) return []
  if (!['.jsonl', '.ndjson', '.json', '.csv'].includes(path.extname(input).toLowerCase())) return []
  const count = workers === undefined ? defaultWorkers() : /^\d+$/.test(workers) ? Number(workers) : 0
  if (count < 2 || count > MAX_WORKERS) return []
  try {
    const stat = fs.statSync(input)
    if (!stat.isFile() || stat.size <= CHUNK_BYTES) return []
  } catch {
    return []
  }
  return Array.from({ length: count }, startWorker)
}
