import os from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ScoringConfig } from '~/domain/scoring'
import type { ScoreJobRefusal, ScoreJobReply, ScoreJobRequest } from './api-score-worker'
import { workerFile } from './worker-file.server'

/*
 * The worker threads that score API batches (ADR 014; the worker is api-score-worker.ts). One per
 * core but one, at least one: the server thread keeps a core for every other request. Workers
 * start with the first batch and are replaced when one stops; a job is bound to the worker that
 * read its body, because that worker holds the parsed batch until it is scored or dropped.
 */

/** A worker that needs more than this heap is stopped (its jobs answer 503) rather than let grow. */
const WORKER_HEAP_MB = 512

/** A job's refusal (400 or 413, from the worker) or a worker that failed or stopped. */
export class ScoreJobError extends Error {
  constructor(
    readonly refusal: ScoreJobRefusal | null,
    message: string,
  ) {
    super(message)
    this.name = 'ScoreJobError'
  }
}

interface Pending {
  resolve: (reply: ScoreJobReply) => void
  reject: (error: ScoreJobError) => void
}

interface PoolWorker {
  worker: Promise<Worker>
  /** Jobs bound to this worker (read and not yet scored or dropped). */
  jobs: number
  pending: Map<number, Pending>
  /** Why the worker stopped, once it has: its later messages fail at once. */
  stopped: string | null
}

const size = Math.max(1, os.availableParallelism() - 1)
const pool: PoolWorker[] = []
let nextId = 1

function start(): PoolWorker {
  const entry: PoolWorker = { worker: null as never, jobs: 0, pending: new Map(), stopped: null }
  const stopped = (message: string) => {
    entry.stopped ??= message
    const index = pool.indexOf(entry)
    if (index >= 0) pool.splice(index, 1)
    for (const pending of entry.pending.values()) pending.reject(new ScoreJobError(null, message))
    entry.pending.clear()
  }
  entry.worker = workerFile('api-score-worker').then((file) => {
    const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } })
    // Idle workers do not keep the process alive (a request waiting on one does).
    worker.unref()
    worker.on('message', (reply: ScoreJobReply) => {
      const pending = entry.pending.get(reply.id)
      if (!pending) return
      entry.pending.delete(reply.id)
      if (reply.type === 'refused') pending.reject(new ScoreJobError(reply.refusal, reply.refusal.error.message))
      else if (reply.type === 'failed') pending.reject(new ScoreJobError(null, reply.message))
      else pending.resolve(reply)
    })
    worker.on('error', (error) => stopped(`The scoring worker failed: ${error.message}`))
    worker.on('exit', (code) => stopped(`The scoring worker stopped (exit code ${code}).`))
    return worker
  })
  entry.worker.catch((error: Error) => stopped(`The scoring worker could not start: ${error.message}`))
  pool.push(entry)
  return entry
}

/** The least busy worker, starting one while the pool is not full. */
function pick(): PoolWorker {
  const idle = pool.find((entry) => entry.jobs === 0)
  if (idle) return idle
  if (pool.length < size) return start()
  return pool.reduce((best, entry) => (entry.jobs < best.jobs ? entry : best))
}

async function send(entry: PoolWorker, message: ScoreJobRequest, transfer: ArrayBuffer[] = []): Promise<ScoreJobReply> {
  const worker = await entry.worker
  return new Promise((resolve, reject) => {
    if (entry.stopped !== null) return reject(new ScoreJobError(null, entry.stopped))
    entry.pending.set(message.id, { resolve, reject })
    worker.postMessage(message, transfer)
  })
}

export interface ScoreJob {
  /** How many leads the body holds (its JSON read and counted, nothing scored yet). */
  count: number
  /** Scores the batch: the 200 answer's body (JSON), or a ScoreJobError (400 for a lead that does not pass the schema). */
  score(input: { scorerKey: string; config: ScoringConfig; workshopId: string; version: number; nowMs: number }): Promise<Uint8Array<ArrayBuffer>>
  /** Forgets the batch (call when the request is refused before scoring). */
  drop(): void
}

/**
 * Hands a body's bytes to a worker, which decodes and parses it and counts its leads. Throws a
 * ScoreJobError with the refusal for a body that is not JSON or holds too many leads.
 */
export async function openScoreJob(body: Uint8Array): Promise<ScoreJob> {
  const entry = pick()
  const id = nextId++
  entry.jobs++
  let open = true
  const close = () => {
    if (open) {
      open = false
      entry.jobs--
    }
  }
  try {
    // A fresh buffer of exactly the body, so that it can be transferred rather than copied.
    const buffer = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? (body.buffer as ArrayBuffer) : body.slice().buffer
    const read = await send(entry, { type: 'read', id, body: buffer }, [buffer])
    if (read.type !== 'read') throw new ScoreJobError(null, `The scoring worker answered ${read.type} to read.`)
    return {
      count: read.count,
      async score(input) {
        try {
          const scored = await send(entry, { type: 'score', id, ...input })
          if (scored.type !== 'scored') throw new ScoreJobError(null, `The scoring worker answered ${scored.type} to score.`)
          return new Uint8Array(scored.body)
        } finally {
          close()
        }
      },
      drop() {
        if (!open) return
        close()
        void entry.worker.then((worker) => worker.postMessage({ type: 'drop', id } satisfies ScoreJobRequest)).catch(() => undefined)
      },
    }
  } catch (error) {
    close()
    throw error
  }
}

/** Stops every worker (tests; the server's shutdown). */
export async function stopScorePool(): Promise<void> {
  const entries = pool.splice(0)
  for (const entry of entries) entry.stopped ??= 'The scoring workers were stopped.'
  await Promise.all(entries.map(async (entry) => (await entry.worker.catch(() => null))?.terminate()))
}
