// One of leadpact-score's worker threads (bundled to build/bin/score-worker.cjs, which
// score-threads.ts runs from its code cache): it scores the chunks the main thread sends, in the
// order they come, and sends back each chunk's bytes.
import { parentPort } from 'node:worker_threads'
import { chunkScorer, outputMemory, type ChunkResult, type ChunkSetup } from './score-chunk'

/**
 * What to score (the first message: a thread starts before its run has read the config), or a
 * chunk to score, with the memory of results the main thread has written out since the last
 * chunk (`recycled`), given back for reuse.
 */
export type ToWorker = { kind: 'setup'; setup: ChunkSetup } | { kind: 'chunk'; seq: number; bytes: ArrayBuffer; length: number; recycled: ArrayBuffer[] }

export interface ResultMessage {
  seq: number
  output: ArrayBuffer
  outputLength: number
  /** The chunk's own memory, read: the main thread reads the next chunks into it. */
  input: ArrayBuffer
  bad: [number, string][]
  scored: number
  lines: number
}

const port = parentPort
if (!port) throw new Error('score-worker runs as a worker thread of leadpact-score')

/*
 * Encoded results travel to the main thread and, once written to stdout, come back here to be
 * written into again; the input's memory goes back the other way. A run's memory is a few
 * buffers, however long the input.
 */
const memory = outputMemory()
let scoreChunk: ((text: string) => ChunkResult) | undefined

port.on('message', (message: ToWorker) => {
  if (message.kind === 'setup') {
    scoreChunk = chunkScorer(message.setup, memory.take)
    return
  }
  if (!scoreChunk) throw new Error('score-worker: a chunk came before its setup')
  for (const bytes of message.recycled) memory.give(bytes)
  const text = Buffer.from(message.bytes, 0, message.length).toString('utf8')
  const result = scoreChunk(text)
  const bytes = result.output.buffer as ArrayBuffer
  const reply: ResultMessage = { seq: message.seq, output: bytes, outputLength: result.output.length, input: message.bytes, bad: result.bad, scored: result.scored, lines: result.lines }
  port.postMessage(reply, [bytes, message.bytes])
})
