import { describe, expect, it } from 'vitest'
import { invalidRequest, leadCount, readScoreBody, scoreResponseText, tooManyLeads } from '~/domain/api/score-job'
import { MAX_LEADS_PER_REQUEST, parseScoreRequest } from '~/domain/api/schemas'
import { scoreOutput } from '~/domain/api/score-output'
import { acmeScoringConfig, compile, type Lead } from '~/domain/scoring'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('reading a scoring body (the worker’s first step)', () => {
  it.each([
    ['an empty body', new Uint8Array(0), 'The body is empty: send a JSON object.'],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'The body is not valid UTF-8.'],
    ['text that is not JSON', bytes('{"leads": ['), 'The body is not valid JSON: '],
  ])('refuses %s with a 400 invalid_json', (_, body, message) => {
    const read = readScoreBody(body)
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.refusal.status).toBe(400)
    expect(read.refusal.error.code).toBe('invalid_json')
    expect(read.refusal.error.message.startsWith(message)).toBe(true)
  })

  it('parses UTF-8 JSON, names and all', () => {
    expect(readScoreBody(bytes('{"leads":[{"id":"Zoë"}]}'))).toEqual({ ok: true, json: { leads: [{ id: 'Zoë' }] } })
  })

  it('counts leads as the limit does, and refuses one over the limit with a 413', () => {
    expect(leadCount({ leads: [1, 2, 3] })).toBe(3)
    expect(leadCount({ leads: 'three' })).toBe(0)
    expect(leadCount(null)).toBe(0)
    expect(tooManyLeads(MAX_LEADS_PER_REQUEST)).toBeNull()
    expect(tooManyLeads(MAX_LEADS_PER_REQUEST + 1)).toEqual({
      status: 413,
      error: {
        code: 'payload_too_large',
        message: `A request scores at most ${MAX_LEADS_PER_REQUEST} leads; this one has ${MAX_LEADS_PER_REQUEST + 1}. Split the batch.`,
        details: { limit: MAX_LEADS_PER_REQUEST, received: MAX_LEADS_PER_REQUEST + 1 },
      },
    })
  })

  it('says the first problem of an invalid request and how many more', () => {
    const issues = [
      { path: 'leads[0].id', message: 'leads[0].id: expected text' },
      { path: 'leads[2]', message: 'leads[2]: expected an object' },
    ]
    expect(invalidRequest(issues)).toEqual({ status: 400, error: { code: 'invalid_request', message: 'leads[0].id: expected text (and 1 more problem)', details: { issues } } })
  })
})

describe('the answer’s text', () => {
  const leads: Lead[] = Array.from({ length: 1_203 }, (_, i) => ({
    id: `lead-${i}`,
    attributes: { country: i % 3 === 0 ? 'DE' : 'US', employees: i * 7 },
    activities: i % 2 === 0 ? [{ type: 'demo_request', at: '2026-05-20T10:00:00Z' }] : [],
  }))
  const scorer = compile(acmeScoringConfig)

  it.each(['all', 'none'] as const)('is exactly JSON.stringify of the whole response, across its chunks (explain %s)', (explain) => {
    const parsed = parseScoreRequest({ asOf: '2026-06-01T12:00:00Z', explain, leads })
    if (!parsed.ok) throw new Error('the request should pass')
    const text = scoreResponseText(parsed.value, scorer, { workshopId: 'w1', version: 3, nowMs: 0 })
    const asOf = '2026-06-01T12:00:00.000Z'
    expect(text).toBe(
      JSON.stringify({ workshopId: 'w1', version: 3, asOf, count: leads.length, results: leads.map((lead) => scoreOutput(lead, scorer.score(lead, asOf, explain), explain)) }),
    )
  })

  it('scores a batch without asOf as of the moment the request arrived', () => {
    const parsed = parseScoreRequest({ leads: leads.slice(0, 2) })
    if (!parsed.ok) throw new Error('the request should pass')
    const nowMs = Date.parse('2026-05-21T00:00:00Z')
    const answer = JSON.parse(scoreResponseText(parsed.value, scorer, { workshopId: 'w1', version: 1, nowMs })) as { asOf: string; results: { engagement: number }[] }
    expect(answer.asOf).toBe('2026-05-21T00:00:00.000Z')
    expect(answer.results[0]!.engagement).toBe(scorer.score(leads[0]!, nowMs).engagement)
  })
})
