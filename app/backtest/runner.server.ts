import fs from 'node:fs'
import os from 'node:os'
import {
  cancelRun,
  completeRun,
  deleteAbandonedUploads,
  failRun,
  getRunForRunner,
  listUnfinishedRuns,
  markRunning,
  recordProgress,
} from '~/models/backtest.server'
import { workerFile } from '~/http/worker-file.server'
import { readBacktestFile, UnreadableFile } from './read-file.server'
import { ReadingThreads } from './reading-threads.server'

/*
 * Runs back-tests one at a time and writes their progress to the run's row so that any page
 * load, in any tab, shows it. This thread reads the file and hands pieces of it to worker
 * threads, one per core, that parse, score and count them (read-file.server.ts, worker.ts); the
 * threads start when a file is uploaded and are kept between runs (reading-threads.server.ts). The
 * queue and the workers live in this process: a run that is queued or running in the database
 * but unknown here was cut off by a restart, and the sweep says so.
 */

/** One run at a time: a run reads on every core (read-file.server.ts), and a second one would only queue behind it for CPU. */
const MAX_RUNNING = 1
/** How often progress is written to the database. */
const PROGRESS_WRITE_MS = 500
/** An upload whose columns were never mapped is deleted after this long. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000

interface RunnerState {
  /** Runs this process holds, from enqueueing until they leave (queued, starting or running). */
  live: Set<string>
  queue: string[]
  /** A pump is starting runs: another call leaves it to that one (starting is async). */
  pumping: boolean
  /** Stops a running run's read and its worker threads. */
  running: Map<string, AbortController>
  /** Resolves when the run leaves the runner (done, failed or cancelled); for tests and the bench. */
  settled: Map<string, { promise: Promise<void>; resolve: () => void }>
  /** The worker threads runs read with, one per core. */
  threads: ReadingThreads
}

// One runner per process, kept across development rebuilds (the module is re-imported, the workers are not).
const state: RunnerState = ((globalThis as { __leadpactBacktestRunner?: RunnerState }).__leadpactBacktestRunner ??= {
  live: new Set(),
  queue: [],
  pumping: false,
  running: new Map(),
  settled: new Map(),
  threads: new ReadingThreads(os.availableParallelism(), () => workerFile('backtest-worker')),
})

/**
 * Starts the reading threads ahead of a run (on an upload, while its columns are mapped), so
 * that the run does not wait for them to boot.
 */
export function warmReadingThreads(): void {
  state.threads.warm().catch(() => undefined) // a thread that cannot start fails the run that needs it, with its message
}

function settledEntry(runId: string) {
  let entry = state.settled.get(runId)
  if (!entry) {
    let resolve = () => {}
    const promise = new Promise<void>((done) => (resolve = done))
    entry = { promise, resolve }
    state.settled.set(runId, entry)
  }
  return entry
}

function settle(runId: string) {
  state.live.delete(runId)
  state.settled.get(runId)?.resolve()
  state.settled.delete(runId)
}

async function removeFile(file: string | null | undefined) {
  if (file) await fs.promises.rm(file, { force: true })
}

/** Puts a run the database has queued into this process' queue, and starts it when a slot is free. */
export function enqueueRun(runId: string): Promise<void> {
  const entry = settledEntry(runId)
  if (!state.live.has(runId)) {
    state.live.add(runId)
    state.queue.push(runId)
  }
  void pump()
  return entry.promise
}

/** Whether this process holds the run (queued or running). */
export function isRunLive(runId: string): boolean {
  return state.live.has(runId)
}

/** Resolves once the run has left the runner; at once when it is not in it. */
export function runSettled(runId: string): Promise<void> {
  return isRunLive(runId) ? settledEntry(runId).promise : Promise.resolve()
}

async function pump() {
  if (state.pumping) return
  state.pumping = true
  try {
    while (state.running.size < MAX_RUNNING && state.queue.length > 0) {
      const runId = state.queue.shift()!
      try {
        await start(runId)
      } catch (error) {
        await failRun(runId, `The run could not start: ${(error as Error).message}`, new Date())
        settle(runId)
      }
    }
  } finally {
    state.pumping = false
  }
}

async function start(runId: string) {
  const run = await getRunForRunner(runId)
  if (!run || run.status !== 'queued') return settle(runId)
  const startedAt = new Date()
  if (!run.tempPath || !fs.existsSync(run.tempPath)) {
    await failRun(runId, 'The uploaded file is no longer on the server: upload it again.', startedAt)
    return settle(runId)
  }
  if (!run.mapping || run.models.length === 0) {
    await failRun(runId, 'The run has no mapping or no model to score with.', startedAt)
    await removeFile(run.tempPath)
    return settle(runId)
  }
  if (!(await markRunning(runId, startedAt))) return settle(runId)

  const controller = new AbortController()
  state.running.set(runId, controller)
  const started = performance.now()
  const rate = (rows: number) => {
    const seconds = (performance.now() - started) / 1000
    return seconds > 0 ? rows / seconds : null
  }
  let lastWrite = 0
  let writing: Promise<void> = Promise.resolve()
  const finish = async (record: () => Promise<void>) => {
    state.running.delete(runId)
    await writing
    try {
      await record()
    } finally {
      await removeFile(run.tempPath)
      settle(runId)
      void pump()
    }
  }

  // Not awaited: the run goes on while the queue moves (a cancel settles it at once).
  void readBacktestFile({
    path: run.tempPath,
    format: run.format,
    delimiter: run.delimiter,
    columns: run.columns,
    mapping: run.mapping,
    configs: run.models.map((model) => model.config),
    asOfMs: (run.asOf ?? startedAt).getTime(),
    threads: { pool: state.threads, readHere: false },
    signal: controller.signal,
    onProgress(progress) {
      const now = performance.now()
      if (now - lastWrite < PROGRESS_WRITE_MS) return
      lastWrite = now
      writing = writing
        .then(() => recordProgress(runId, { rowsDone: progress.rows, bytesDone: progress.bytes, rowsPerSecond: rate(progress.rows) }))
        .catch(() => undefined)
    },
  }).then(
    (outcome) =>
      finish(() =>
        completeRun(runId, {
          rows: outcome.rows,
          bytes: outcome.bytes,
          rowsPerSecond: rate(outcome.rows),
          badRowCount: outcome.badRowCount,
          badRows: outcome.badRows,
          results: outcome.aggregates,
          finishedAt: new Date(),
        }),
      ),
    // A cancelled run is cancelled in the database already, which ignores this.
    (error: unknown) => finish(() => failRun(runId, failureMessage(error), new Date())),
  )
}

/** What a run that stopped with this error tells its users. */
function failureMessage(error: unknown): string {
  if (error instanceof UnreadableFile) return error.message
  if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'The run needed more memory than a back-test may use.'
  return `The file could not be read: ${(error as Error).message}`
}

/**
 * Cancels a run that waits for its mapping, is queued or runs: the database first (so the
 * read's last words are ignored), then the read and its worker threads, then the file.
 */
export async function cancelBacktest(input: { workshopId: string; runId: string }) {
  const cancelled = await cancelRun({ ...input, at: new Date() })
  if (!cancelled.ok) return cancelled
  state.queue = state.queue.filter((id) => id !== input.runId)
  const read = state.running.get(input.runId)
  if (read) {
    state.running.delete(input.runId)
    read.abort()
    void pump()
  }
  await removeFile(cancelled.tempPath)
  settle(input.runId)
  return cancelled
}

/**
 * Tidies up after restarts and forgotten uploads: a run queued or running in the database but
 * not in this process failed (its worker died with the old process); an upload never mapped in
 * a day is deleted. Their files go with them. Called before a new upload is taken.
 */
export async function sweepBacktests(now: Date) {
  for (const run of await listUnfinishedRuns()) {
    if (run.status === 'mapping' || isRunLive(run.id)) continue
    await failRun(run.id, 'The server restarted while this run was going. Upload the file again to run it.', now)
    await removeFile(run.tempPath)
  }
  for (const run of await deleteAbandonedUploads(new Date(now.getTime() - ABANDONED_UPLOAD_MS))) await removeFile(run.tempPath)
}
