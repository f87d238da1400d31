import { parentPort, workerData } from 'node:worker_threads'
import { readBacktestFile, UnreadableFile, type ReadInput } from './read-file.server'

/*
 * The back-test worker thread: reads, maps, scores and counts one file off the server's event
 * loop, so the app keeps answering while a million leads are scored. It reports progress a few
 * times a second and, at the end, the aggregates only. Bundled to build/bin/backtest-worker.mjs
 * for production (scripts/build-bin.mjs); started from this source through tsx otherwise.
 */

export type WorkerInput = Omit<ReadInput, 'onProgress'>

export type WorkerMessage =
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof readBacktestFile>> }
  | { type: 'failed'; message: string; expected: boolean }

const PROGRESS_EVERY_MS = 200

async function main() {
  const port = parentPort
  if (!port) throw new Error('The back-test worker runs in a worker thread.')
  const send = (message: WorkerMessage) => port.postMessage(message)
  let lastProgress = 0
  try {
    const outcome = await readBacktestFile({
      ...(workerData as WorkerInput),
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
