import { describe, expect, it } from 'vitest'
import { TokenBucketLimiter } from '~/domain/api/rate-limit'
import { CreateTokenSchema, MAX_LEADS_PER_REQUEST, parseScoreRequest, readVersionParam } from '~/domain/api/schemas'
import { scoreOutput, SCORE_OUTPUT_FIELDS } from '~/domain/api/score-output'
import { acmeScoringConfig, compile } from '~/domain/scoring'

describe('TokenBucketLimiter', () => {
  it('lets a burst of `capacity` through, then one request per refill, with an honest Retry-After', () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5 })
    const t0 = 1_000_000
    expect([1, 2, 3].map(() => limiter.take('a', t0))).toEqual([
      { ok: true, limit: 3, remaining: 2, resetSeconds: 2 },
      { ok: true, limit: 3, remaining: 1, resetSeconds: 4 },
      { ok: true, limit: 3, remaining: 0, resetSeconds: 6 },
    ])
    expect(limiter.take('a', t0)).toEqual({ ok: false, limit: 3, remaining: 0, retryAfterSeconds: 2, resetSeconds: 6 })
    expect(limiter.take('a', t0 + 1_000)).toMatchObject({ ok: false, retryAfterSeconds: 1 })
    expect(limiter.take('a', t0 + 2_000)).toMatchObject({ ok: true, remaining: 0 })
    // Keys are independent; a long pause refills to capacity and no further.
    expect(limiter.take('b', t0)).toMatchObject({ ok: true, remaining: 2 })
    expect(limiter.take('a', t0 + 3_600_000)).toMatchObject({ ok: true, remaining: 2 })
  })

  it('never drains on a clock that steps back, and refuses nonsense limits', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1 })
    expect(limiter.take('a', 10_000).ok).toBe(true)
    expect(limiter.take('a', 5_000)).toMatchObject({ ok: false, retryAfterSeconds: 1 })
    expect(limiter.take('a', 11_000).ok).toBe(true)
    expect(() => new TokenBucketLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError)
    expect(() => new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError)
  })
})

describe('CreateTokenSchema', () => {
  it.each([
    [{ intent: 'create-token', name: ' HubSpot ', scopes: { read: 'on', score: 'on' } }, { ok: true, scopes: ['read', 'score'], name: 'HubSpot' }],
    [{ intent: 'create-token', name: 'dbt', scopes: { score: true, read: false } }, { ok: true, scopes: ['score'], name: 'dbt' }],
    [{ intent: 'create-token', name: 'dbt' }, { ok: false, errors: ['scopes'] }],
    [{ intent: 'create-token', name: '', scopes: { read: false } }, { ok: false, errors: ['name', 'scopes'] }],
    [{ intent: 'create-token', name: 'x'.repeat(81), scopes: { read: 'on' } }, { ok: false, errors: ['name'] }],
  ] as [unknown, { ok: boolean; name?: string; scopes?: string[]; errors?: string[] }][])('%j', (input, expected) => {
    const parsed = CreateTokenSchema.safeParse(input)
    if (expected.ok) expect(parsed.data).toEqual({ intent: 'create-token', name: expected.name, scopes: expected.scopes })
    else expect(parsed.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(expected.errors)
  })
})

describe('parseScoreRequest', () => {
  it('passes valid batches through untouched (the CLI scores the same objects)', () => {
    const leads = [{ id: 1, attributes: { __proto__: 'kept', email: 'a@b.example' } }]
    const parsed = parseScoreRequest(JSON.parse(JSON.stringify({ asOf: 0, leads }).replace('"email"', '"__proto__":"x","email"')))
    expect(parsed.ok).toBe(true)
    expect(parsed.ok && Object.keys(parsed.value.leads[0]!.attributes)).toEqual(['__proto__', 'email'])
  })

  it.each([
    [{ leads: [{ attributes: 'x' }] }, 'leads[0].attributes: expected an object of attributes, got "x"'],
    [{ leads: [{ attributes: {}, activities: {} }] }, 'leads[0].activities: expected a list of activities, got an object'],
    [{ leads: [{ attributes: {}, id: true }] }, 'leads[0].id: expected text or a number, got true'],
    [{ asOf: 'soon', leads: [] }, 'asOf: expected a timestamp: ISO 8601 text (UTC when it has no offset) or epoch milliseconds, got "soon"'],
    [{}, 'leads: is required'],
    [null, 'the body expected object, got null'],
  ])('%j → %s', (input, message) => {
    const parsed = parseScoreRequest(input)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.issues[0]!.message).toBe(message)
  })

  it('caps the issues it reports', () => {
    const parsed = parseScoreRequest({ leads: Array.from({ length: 100 }, () => ({})) })
    expect(!parsed.ok && parsed.issues).toHaveLength(20)
    expect(MAX_LEADS_PER_REQUEST).toBe(10_000)
  })
})

describe('readVersionParam', () => {
  it.each([
    ['latest', 'latest'],
    ['1', 1],
    ['42', 42],
    ['0', undefined],
    ['01', undefined],
    ['-1', undefined],
    ['1.0', undefined],
    ['LATEST', undefined],
    ['99999999999999999999', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, expected) => expect(readVersionParam(text)).toBe(expected))
})

describe('scoreOutput', () => {
  it('is the CLI record: id (or null) then the engine’s explanation, without sqlMet', () => {
    const result = compile(acmeScoringConfig).score({ attributes: {} }, 0)
    const output = scoreOutput({ attributes: {} }, result)
    expect(Object.keys(output)).toEqual([...SCORE_OUTPUT_FIELDS])
    expect(output.id).toBeNull()
  })
})
