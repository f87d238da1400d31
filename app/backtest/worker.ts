import os from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { readBacktestFile, servePieces, UnreadableFile, type PieceSetup, type ReadInput } from './read-file.server'

/*
 * The back-test worker thread: reads, maps, scores and counts one file off the server's event
 * loop, so the app keeps answering while a million leads are scored. It reads on every core: it
 * starts copies of itself (role "pieces") that read pieces of the file beside it and count their
 * share, and merges their counts at the end. It reports progress a few times a second and, at the
 * end, the aggregates only. Bundled to build/bin/backtest-worker.mjs for production
 * (scripts/build-bin.mjs); bundled from this source for each run otherwise.
 */

export type WorkerInput = Omit<ReadInput, 'onProgress' | 'threads' | 'chunkBytes'>

export type WorkerMessage =
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof readBacktestFile>> }
  | { type: 'failed'; message: string; expected: boolean }

const PROGRESS_EVERY_MS = 200

async function main() {
  const port = parentPort
  if (!port) throw new Error('The back-test worker runs in a worker thread.')
  const data = workerData as WorkerInput | { role: 'pieces'; setup: PieceSetup }
  if ('role' in data) return servePieces(port, data.setup)
  const send = (message: WorkerMessage) => port.postMessage(message)
  let lastProgress = 0
  try {
    const outcome = await readBacktestFile({
      ...data,
      // This module again, in the threads that read pieces.
      threads: { count: os.availableParallelism(), file: new URL(import.meta.url), execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [] },
      onProgress(progress) {
        const now = performance.now()
        if (now - lastProgress < PROGRESS_EVERY_MS) return
        lastProgress = now
        send({ type: 'progress', ...progress })
      },
    })
    send({ type: 'done', outcome })
  } catch (error) {
    const expected = error instanceof UnreadableFile
    send({ type: 'failed', message: expected ? (error as Error).message : `The file could not be read: ${(error as Error).message}`, expected })
  }
}

await main()
