import { describe, expect, it } from 'vitest'
import { ConcurrencyLimiter, TokenBucketLimiter, WorkQueue } from '~/domain/api/rate-limit'
import { CreateTokenSchema, MAX_LEADS_PER_REQUEST, parseScoreRequest, RATE_LIMIT, readVersionParam } from '~/domain/api/schemas'
import { SCORE_RESPONSE_TAIL, scoreOutput, SCORE_OUTPUT_FIELDS, scoreResponseHead, scoreResultsJson } from '~/domain/api/score-output'
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

describe('TokenBucketLimiter counting leads', () => {
  it('charges a batch its number of leads, refuses a batch over what is left whole, and says honestly when it fits', () => {
    const limiter = new TokenBucketLimiter({ capacity: 50_000, refillPerSecond: 5_000 })
    const t0 = 2_000_000
    expect(limiter.take('a', t0, 10_000)).toEqual({ ok: true, limit: 50_000, remaining: 40_000, resetSeconds: 2 })
    expect(limiter.take('a', t0, 1)).toMatchObject({ ok: true, remaining: 39_999 })
    for (let i = 0; i < 3; i++) expect(limiter.take('a', t0, 10_000).ok).toBe(true)
    // 9,999 left: a maximum batch is refused and nothing is taken; 1 lead short refills in 1 second.
    expect(limiter.take('a', t0, 10_000)).toEqual({ ok: false, limit: 50_000, remaining: 9_999, retryAfterSeconds: 1, resetSeconds: 9 })
    expect(limiter.take('a', t0, 9_999)).toMatchObject({ ok: true, remaining: 0 })
    expect(limiter.take('a', t0, 10_000)).toMatchObject({ ok: false, retryAfterSeconds: 2 })
    expect(limiter.take('a', t0 + 2_000, 10_000)).toMatchObject({ ok: true, remaining: 0 })
    // Another token is untouched by all of it.
    expect(limiter.take('b', t0 + 2_000, 10_000)).toMatchObject({ ok: true, remaining: 40_000 })
  })

  it('says when the whole of a request charged in steps fits, and refuses a cost no bucket could ever pay', () => {
    const limiter = new TokenBucketLimiter({ capacity: 10, refillPerSecond: 1 })
    expect(limiter.take('a', 0, 4)).toMatchObject({ ok: true, remaining: 6 })
    // The first 3 of a 9-unit request went through; the other 6 do not fit 3: 6 seconds until all 9 do.
    expect(limiter.take('a', 0, 3, 9)).toMatchObject({ ok: true, remaining: 3 })
    expect(limiter.take('a', 0, 6, 9)).toMatchObject({ ok: false, remaining: 3, retryAfterSeconds: 6 })
    expect(limiter.take('a', 6_000, 9)).toMatchObject({ ok: true, remaining: 0 })
    expect(() => limiter.take('a', 0, 11)).toThrow(RangeError)
    expect(() => limiter.take('a', 0, 5, 11)).toThrow(RangeError)
    expect(() => limiter.take('a', 0, 5, 4)).toThrow(RangeError)
    expect(() => limiter.take('a', 0, -1)).toThrow(RangeError)
    // The defaults fit five maximum batches.
    expect(RATE_LIMIT.capacity).toBeGreaterThanOrEqual(5 * MAX_LEADS_PER_REQUEST)
  })
})

describe('ConcurrencyLimiter', () => {
  it('holds at most `limit` slots per key; a release frees one slot once, however often it is called', () => {
    const batches = new ConcurrencyLimiter(2)
    const first = batches.acquire('a')!
    const second = batches.acquire('a')!
    expect(batches.acquire('a')).toBeUndefined()
    expect(batches.inFlight('a')).toBe(2)
    expect(batches.acquire('b')).toBeTypeOf('function')
    first()
    first()
    expect(batches.inFlight('a')).toBe(1)
    const third = batches.acquire('a')!
    expect(batches.acquire('a')).toBeUndefined()
    second()
    third()
    expect(batches.inFlight('a')).toBe(0)
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError)
    expect(() => new ConcurrencyLimiter(1.5)).toThrow(RangeError)
  })
})

describe('WorkQueue', () => {
  it('lets `limit` in at once and the rest in arrival order, each as a place is handed over', async () => {
    const queue = new WorkQueue(2)
    const order: string[] = []
    const a = await queue.enter()
    const b = await queue.enter()
    const waiting = ['c', 'd', 'e'].map((name) => queue.enter().then((release) => (order.push(name), release)))
    await Promise.resolve()
    expect(order).toEqual([])
    expect(queue.size).toEqual({ running: 2, waiting: 3 })
    b()
    b()
    const c = await waiting[0]!
    expect(order).toEqual(['c'])
    expect(queue.size).toEqual({ running: 2, waiting: 2 })
    a()
    c()
    const [d, e] = await Promise.all([waiting[1]!, waiting[2]!])
    expect(order).toEqual(['c', 'd', 'e'])
    d()
    e()
    expect(queue.size).toEqual({ running: 0, waiting: 0 })
    expect(() => new WorkQueue(0)).toThrow(RangeError)
  })
})

describe('score response pieces', () => {
  it.each([0, 1, 2, 499, 500, 501, 1_234])('joined, are JSON.stringify of the whole response (%i leads, slices of 500)', (count) => {
    const engine = compile(acmeScoringConfig)
    const leads = Array.from({ length: count }, (_, i) => ({ id: i % 2 ? i : `lead-${i}`, attributes: { seniority: ['vp', 'student', 'manager'][i % 3], email: `p${i}@acme.io` } }))
    const outputs = leads.map((lead) => scoreOutput(lead, engine.score(lead, 0)))
    const meta = { workshopId: 'w"1', version: 3, asOf: '2026-06-01T12:00:00.000Z', count }
    let text = scoreResponseHead(meta)
    for (let start = 0; start < count; start += 500) text += scoreResultsJson(outputs.slice(start, start + 500), start === 0)
    text += SCORE_RESPONSE_TAIL
    expect(text).toBe(JSON.stringify({ ...meta, results: outputs }))
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
