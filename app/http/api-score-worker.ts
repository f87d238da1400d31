import { parentPort } from 'node:worker_threads'
import { invalidRequest, leadCount, readScoreBody, scoreResponseText, tooManyLeads, type ScoreJobRefusal } from '~/domain/api/score-job'
import { parseScoreRequest } from '~/domain/api/schemas'
import { compile, type CompiledScoring, type ScoringConfig } from '~/domain/scoring'

/*
 * The API's scoring worker (ADR 014): everything a scoring request costs that grows with its
 * batch runs here, off the server's event loop — decoding and parsing the JSON body, checking
 * every lead, scoring, and writing the answer's JSON. The server thread only moves bytes in and
 * out, so one token's maximum batches cannot make another request wait.
 *
 * A job takes two messages, so that the server can charge a batch by its leads before any is
 * scored: `read` (the body's bytes, transferred) answers the number of leads; then `score` (the
 * version's config and the moment) answers the response body, or `drop` forgets the batch.
 */

export type ScoreJobRequest =
  | { type: 'read'; id: number; body: ArrayBuffer }
  | { type: 'score'; id: number; scorerKey: string; config: ScoringConfig; workshopId: string; version: number; nowMs: number }
  | { type: 'drop'; id: number }

export type { ScoreJobRefusal }

export type ScoreJobReply =
  | { type: 'read'; id: number; count: number }
  | { type: 'scored'; id: number; body: ArrayBuffer }
  | { type: 'refused'; id: number; refusal: ScoreJobRefusal }
  | { type: 'failed'; id: number; message: string }

const port = parentPort
if (!port) throw new Error('api-score-worker.ts runs as a worker thread (app/http/score-pool.server.ts starts it).')

/** Bodies read and counted, waiting for their `score` or `drop`. */
const bodies = new Map<number, unknown>()

/** Compiled scorers by workshop and version: published versions never change. */
const scorers = new Map<string, CompiledScoring>()
const MAX_SCORERS = 100

function scorerFor(key: string, config: ScoringConfig): CompiledScoring {
  let scorer = scorers.get(key)
  if (!scorer) {
    scorer = compile(config)
    if (scorers.size >= MAX_SCORERS) scorers.delete(scorers.keys().next().value!)
    scorers.set(key, scorer)
  }
  return scorer
}

function reply(message: ScoreJobReply, transfer: ArrayBuffer[] = []) {
  port!.postMessage(message, transfer)
}

port.on('message', (message: ScoreJobRequest) => {
  const { id } = message
  try {
    if (message.type === 'drop') {
      bodies.delete(id)
    } else if (message.type === 'read') {
      const read = readScoreBody(new Uint8Array(message.body))
      if (!read.ok) return reply({ type: 'refused', id, refusal: read.refusal })
      const count = leadCount(read.json)
      // Counted before validation: a batch over the limit is refused whole, whatever its leads hold.
      const tooMany = tooManyLeads(count)
      if (tooMany) return reply({ type: 'refused', id, refusal: tooMany })
      bodies.set(id, read.json)
      reply({ type: 'read', id, count })
    } else {
      const body = bodies.get(id)
      bodies.delete(id)
      const parsed = parseScoreRequest(body)
      if (!parsed.ok) return reply({ type: 'refused', id, refusal: invalidRequest(parsed.issues) })
      const text = scoreResponseText(parsed.value, scorerFor(message.scorerKey, message.config), message)
      const bytes = new TextEncoder().encode(text)
      reply({ type: 'scored', id, body: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer])
    }
  } catch (error) {
    bodies.delete(id)
    reply({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  }
})
