import { MAX_LEADS_PER_REQUEST, type ApiError, type ScoreRequestParse } from './schemas'
import { SCORE_RESPONSE_TAIL, scoreOutput, scoreResponseHead, scoreResultsJson } from './score-output'
import { parseTimestamp, type CompiledScoring } from '~/domain/scoring'

/*
 * The steps of an API scoring request that grow with its batch, as pure functions: the scoring
 * worker (app/http/api-score-worker.ts, ADR 014) runs them off the server's event loop.
 */

/** A refusal, as the API answers it (the server thread turns it into the response). */
export interface ScoreJobRefusal {
  status: 400 | 413
  error: ApiError
}

const refused = (status: ScoreJobRefusal['status'], code: ApiError['code'], message: string, details?: ApiError['details']): ScoreJobRefusal => ({
  status,
  error: details ? { code, message, details } : { code, message },
})

/** The body as JSON, or the 400 that says why not. */
export function readScoreBody(bytes: Uint8Array): { ok: true; json: unknown } | { ok: false; refusal: ScoreJobRefusal } {
  if (bytes.byteLength === 0) return { ok: false, refusal: refused(400, 'invalid_json', 'The body is empty: send a JSON object.') }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, refusal: refused(400, 'invalid_json', 'The body is not valid UTF-8.') }
  }
  try {
    return { ok: true, json: JSON.parse(text) }
  } catch (error) {
    return { ok: false, refusal: refused(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`) }
  }
}

/** How many leads a body holds, as the limit counts them (anything but a list of leads: 0). */
export function leadCount(body: unknown): number {
  return typeof body === 'object' && body !== null && 'leads' in body && Array.isArray(body.leads) ? body.leads.length : 0
}

/** The 400 for a request that does not pass the schema: the first problem, and how many more. */
export function invalidRequest(issues: readonly { path: string; message: string }[]): ScoreJobRefusal {
  const [first] = issues
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${issues.length === 2 ? 'problem' : 'problems'})` : ''
  return refused(400, 'invalid_request', `${first!.message}${more}`, { issues: [...issues] })
}

/** The 200 answer's text: exactly JSON.stringify of the whole ScoreResponse (score-output.ts). */
export function scoreResponseText(request: Extract<ScoreRequestParse, { ok: true }>['value'], scorer: CompiledScoring, meta: { workshopId: string; version: number; nowMs: number }): string {
  // The request's arrival is "now" for a batch without asOf: one moment for every lead.
  const asOfMs = request.asOf === undefined ? meta.nowMs : parseTimestamp(request.asOf)
  const { leads, explain } = request
  const pieces = [scoreResponseHead({ workshopId: meta.workshopId, version: meta.version, asOf: new Date(asOfMs).toISOString(), count: leads.length })]
  const CHUNK = 500
  for (let start = 0; start < leads.length; start += CHUNK) {
    const outputs = leads.slice(start, start + CHUNK).map((lead) => scoreOutput(lead, scorer.score(lead, asOfMs, explain), explain))
    pieces.push(scoreResultsJson(outputs, start === 0))
  }
  pieces.push(SCORE_RESPONSE_TAIL)
  return pieces.join('')
}

/** The 413 for a batch over the lead limit, or null. */
export function tooManyLeads(count: number): ScoreJobRefusal | null {
  if (count <= MAX_LEADS_PER_REQUEST) return null
  return refused(413, 'payload_too_large', `A request scores at most ${MAX_LEADS_PER_REQUEST} leads; this one has ${count}. Split the batch.`, {
    limit: MAX_LEADS_PER_REQUEST,
    received: count,
  })
}
