import { afterAll, describe, expect, it, vi } from 'vitest'
import { scoreBatch } from '~/http/api.server'
import { openScoreJob, ScoreJobError, stopScorePool, type ScoreJob } from '~/http/score-pool.server'
import { scoreResponseText } from '~/domain/api/score-job'
import { parseScoreRequest } from '~/domain/api/schemas'
import { acmeScoringConfig, compile, type Lead } from '~/domain/scoring'

// The API's scoring worker threads (ADR 014), through the pool the score route uses.
afterAll(() => stopScorePool())

const leads: Lead[] = Array.from({ length: 2_500 }, (_, i) => ({
  id: `lead-${i}`,
  attributes: { country: i % 4 === 0 ? 'DE' : 'US', employees: i },
  activities: i % 3 === 0 ? [{ type: 'demo_request', at: '2026-05-30T09:00:00Z' }] : [],
}))
const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const job = { scorerKey: 'acme@1', config: acmeScoringConfig, workshopId: 'w-acme', version: 1, nowMs: Date.parse('2026-06-01T00:00:00Z') }

describe('the scoring worker pool', () => {
  it('reads, counts and scores a batch in a worker, with the same text the server thread would write', async () => {
    const request = { asOf: '2026-06-01T12:00:00Z', explain: 'matched', leads }
    const bytes = body(request)
    const opened = await openScoreJob(bytes)
    // The body was handed over, not copied: the server thread no longer holds it.
    expect(bytes.byteLength).toBe(0)
    expect(opened.count).toBe(leads.length)
    const answer = new TextDecoder().decode(await opened.score(job))
    const parsed = parseScoreRequest(request)
    if (!parsed.ok) throw new Error('the request should pass')
    expect(answer).toBe(scoreResponseText(parsed.value, compile(acmeScoringConfig), job))
  })

  it('refuses a body that is not JSON, and a lead that fails the schema, with the API’s own errors', async () => {
    const notJson = await openScoreJob(new TextEncoder().encode('{"leads": [')).catch((error: unknown) => error)
    expect(notJson).toBeInstanceOf(ScoreJobError)
    expect((notJson as ScoreJobError).refusal).toMatchObject({ status: 400, error: { code: 'invalid_json' } })

    const opened = await openScoreJob(body({ leads: [{ id: 'ok', attributes: {} }, { id: { nested: true }, attributes: {} }] }))
    expect(opened.count).toBe(2)
    const invalid = await opened.score(job).catch((error: unknown) => error)
    expect((invalid as ScoreJobError).refusal).toMatchObject({ status: 400, error: { code: 'invalid_request', details: { issues: [{ path: 'leads[1].id' }] } } })
  })

  it('fails the jobs of a worker that stopped (a 503 with Retry-After at the API), and starts a new worker for the next batch', async () => {
    const opened = await openScoreJob(body({ leads: leads.slice(0, 3) }))
    await stopScorePool()
    const failed = await opened.score(job).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(ScoreJobError)
    expect((failed as ScoreJobError).refusal).toBeNull()

    // The server logs why (the API answer does not say it): expected here.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const stoppedJob: ScoreJob = { count: 1, score: () => Promise.reject(new ScoreJobError(null, 'The scoring worker stopped (exit code 1).')), drop: () => undefined }
    const answer = await scoreBatch(stoppedJob, job).catch((thrown: unknown) => thrown)
    expect(answer).toBeInstanceOf(Response)
    expect((answer as Response).status).toBe(503)
    expect((answer as Response).headers.get('Retry-After')).toBe('5')
    expect(await (answer as Response).json()).toEqual({ error: { code: 'internal_error', message: 'Scoring is unavailable for a moment: retry in a few seconds.' } })
    expect(logged).toHaveBeenCalledWith('The scoring worker stopped (exit code 1).')

    const again = await openScoreJob(body({ leads: leads.slice(0, 3) }))
    expect(JSON.parse(new TextDecoder().decode(await again.score(job))).count).toBe(3)
  })
})
