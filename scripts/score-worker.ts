// One of leadpact-score's worker threads (bundled to build/bin/score-worker.mjs): it scores the
// chunks the main thread sends, in the order they come, and sends back each chunk's bytes.
import { parentPort, workerData } from 'node:worker_threads'
import { chunkScorer, type ChunkSetup } from './score-chunk'

/** A chunk to score, or memory the main thread has written out and gives back for reuse. */
export type ToWorker = { kind: 'chunk'; seq: number; bytes: ArrayBuffer; length: number } | { kind: 'recycle'; bytes: ArrayBuffer }

export interface ResultMessage {
  seq: number
  output: ArrayBuffer
  outputLength: number
  bad: [number, string][]
  scored: number
  lines: number
}

const port = parentPort
if (!port) throw new Error('score-worker runs as a worker thread of leadpact-score')

/*
 * Encoded results travel to the main thread and, once written to stdout, come back here to be
 * written into again: a run's output memory is a few buffers, however long the input, rather
 * than a new one per chunk waiting for a garbage collection in another thread.
 */
const spare: ArrayBuffer[] = []
const MAX_SPARE = 4
function recycled(bytes: number): Buffer | undefined {
  const at = spare.findIndex((buffer) => buffer.byteLength >= bytes)
  if (at !== -1) return Buffer.from(spare.splice(at, 1)[0]!)
  // Room to grow: the next chunk's results are rarely exactly as long.
  return Buffer.from(new ArrayBuffer(Math.ceil((bytes * 1.25) / 65_536) * 65_536))
}

const scoreChunk = chunkScorer(workerData as ChunkSetup, recycled)

port.on('message', (message: ToWorker) => {
  if (message.kind === 'recycle') {
    if (spare.length < MAX_SPARE) spare.push(message.bytes)
    return
  }
  const text = Buffer.from(message.bytes, 0, message.length).toString('utf8')
  const result = scoreChunk(text)
  const bytes = result.output.buffer as ArrayBuffer
  const reply: ResultMessage = { seq: message.seq, output: bytes, outputLength: result.output.length, bad: result.bad, scored: result.scored, lines: result.lines }
  port.postMessage(reply, [bytes])
})
