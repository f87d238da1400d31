import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatabaseFingerprint } from '../setup/database-fingerprint'
import { useProductionServer } from '../setup/production-server'
import { fillPattern, routeList, type RouteEntry } from '../setup/routes'

/*
 * Issue 12, "Fuzzing": hostile bodies against every action and API endpoint of the production
 * build, as the facilitator (the widest permissions) or with a valid API token. Not one answer
 * may be a 500; a refused request (4xx) must leave every table as it was; and the server's
 * Object.prototype must be untouched at the end.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const app = useProductionServer({ LEADPACT_RATE_LIMIT_MULTIPLIER: '100000', LEADPACT_TEST_DIAGNOSTICS: '1' })

const HOSTILE_NAMES = [
  '__proto__.body',
  '__proto__[body]',
  '__proto__.text',
  'constructor.prototype.body',
  'constructor.prototype.intent',
  'x.__proto__.isAdmin',
  'x.500000000',
  'clauses.4294967294.field',
  'a.b.c.d.e.f.g.h.i.j',
  'email.x',
  'toString',
  'valueOf',
  'hasOwnProperty',
]
const FIELD_NAMES = ['intent', 'body', 'text', 'name', 'email', 'password', 'revision', 'id', 'kind', 'label', 'value', 'points', 'role', 'redirectTo', 'clauses.0.field', 'clauses.0.op', 'clauses.0.value', 'section', 'comment', 'backup', 'fieldId', 'values.0.value', 'values.0.label', 'values.300.label']
const INTENTS = [
  'add-comment', 'save-context', 'add-trait', 'save-trait', 'delete-trait', 'reveal', 'link', 'separate', 'merge', 'save-agreed', 'delete-agreed', 'draft-criterion',
  'add-persona', 'save-persona', 'delete-persona', 'mark-closed-won', 'draft-disqualifier', 'save-required', 'save-sql-min-met', 'add-field', 'add-activity',
  'accept-suggestion', 'dismiss-suggestion', 'save-field-values', 'save-rule', 'delete-rule', 'save-thresholds', 'simulate', 'save-example', 'delete-example', 'save-stage', 'save-target',
  'calculate', 'save-sla', 'sign-off', 'withdraw', 'publish', 'change-role', 'remove-member', 'create-invite', 'revoke-invite', 'create-token', 'revoke-token',
  'create-share-link', 'revoke-share-link', 'change-password', 'logout-everywhere',
  'toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty', '', 'x'.repeat(300),
]
const NASTY_VALUES = ['', ' ', '\u0000', 'a\u0000b', '\u0007\u001b[2J', '-1', '0', '1e309', 'NaN', 'Infinity', '9'.repeat(400), '<script>alert(1)</script>', "'; DROP TABLE users;--", '{"a":1}', 'null', 'true', '\uD800', 'é'.repeat(2000)]

const nameArb = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 40 }))
const valueArb = fc.oneof(fc.constantFrom(...NASTY_VALUES), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.integer().map(String))
const bodyArb = fc.record({
  encoding: fc.constantFrom('urlencoded', 'urlencoded', 'multipart', 'broken-multipart', 'json', 'text', 'none'),
  intent: fc.option(fc.constantFrom(...INTENTS), { nil: undefined }),
  fields: fc.array(fc.tuple(nameArb, valueArb), { maxLength: 8 }),
})
type FuzzBody = typeof bodyArb extends fc.Arbitrary<infer T> ? T : never

function encode(body: FuzzBody): { headers: Record<string, string>; payload: BodyInit | undefined } {
  const fields: [string, string][] = [...(body.intent !== undefined ? [['intent', body.intent] as [string, string]] : []), ...body.fields]
  switch (body.encoding) {
    case 'urlencoded':
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() }
    case 'multipart': {
      const form = new FormData()
      for (const [name, value] of fields) form.append(name, value)
      return { headers: {}, payload: form }
    }
    case 'broken-multipart':
      return { headers: { 'Content-Type': 'multipart/form-data; boundary=fuzz' }, payload: `--fuzz\r\nContent-Disposition: form-data; name="${fields[0]?.[0] ?? 'x'}"\r\n\r\n${fields[0]?.[1] ?? ''}` }
    case 'json':
      return { headers: { 'Content-Type': 'application/json' }, payload: JSON.stringify(Object.fromEntries(fields)) }
    case 'text':
      return { headers: { 'Content-Type': 'text/plain' }, payload: fields.map(([k, v]) => `${k}=${v}`).join('\n') }
    case 'none':
      return { headers: {}, payload: undefined }
  }
}

let database: DatabaseFingerprint
let cookie = ''
let apiToken = ''
let params: Record<string, string> = {}
let actions: RouteEntry[] = []

beforeAll(async () => {
  database = await DatabaseFingerprint.open(app.databasePath)
  const [workshop] = await database.all<{ id: string }>("SELECT id FROM workshops WHERE company = 'Acme Analytics' LIMIT 1")
  // Real ids where the demo has them, so fuzzed posts reach the actions behind the lookups.
  const [round] = await database.all<{ id: string }>('SELECT id FROM assessment_rounds WHERE workshop_id = ? ORDER BY rowid DESC LIMIT 1', [workshop!.id])
  const [run] = await database.all<{ id: string }>('SELECT id FROM backtest_runs WHERE workshop_id = ? LIMIT 1', [workshop!.id])
  params = {
    workshopId: workshop!.id,
    number: '1',
    version: '1',
    a: '1',
    b: '2',
    token: 'no-such-token',
    step: 'context',
    roundId: round?.id ?? 'no-such-round',
    runId: run?.id ?? 'no-such-run',
    '*': 'anything',
  }

  apiToken = await createToken(workshop!.id)
  actions = (await routeList()).filter((route) => route.hasAction)
})

/** A fresh session per route: fuzzing /logout or /account may end the previous one. */
async function logIn() {
  const login = await fetch(`${app.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: app.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'facilitator@demo.leadpact.test', password: 'leadpact-demo' }),
  })
  expect(login.status).toBe(302)
  cookie = login.headers.get('set-cookie')!.split(';')[0]!
}

afterAll(async () => {
  await database?.close()
})

/** A read-and-score token through the models, against the server's own database file. */
async function createToken(workshopId: string) {
  process.env.DATABASE_PATH = app.databasePath
  const { createApiToken } = await import('~/models/api-token.server')
  const [facilitator] = await database.all<{ id: string }>("SELECT id FROM users WHERE email = 'facilitator@demo.leadpact.test'")
  const created = await createApiToken({ workshopId, name: 'fuzz', scopes: ['read', 'score'], createdBy: facilitator!.id })
  const { getStore } = await import('#db/client.server')
  await (await getStore()).close()
  return created.token
}

describe('fuzzing every action and API endpoint (issue 12)', () => {
  it('finds the actions of the build', () => {
    expect(actions.map((route) => route.id)).toEqual(expect.arrayContaining(['routes/login', 'routes/workshops.$workshopId.context', 'routes/api.v1.workshops.$workshopId.versions.$version.score']))
  })

  it(`answers ${RUNS} hostile bodies per action without a 500, and a refused one changes nothing`, { timeout: 900_000 }, async () => {
    let requests = 0
    const statuses = new Map<number, number>()
    for (const route of actions) {
      const url = `${app.baseUrl}${fillPattern(route.pattern, params)}`
      const isApi = route.pattern.startsWith('/api/')
      await logIn()
      let before = await database.fingerprint()
      let version = await database.dataVersion()
      await fc.assert(
        fc.asyncProperty(bodyArb, async (body) => {
          const { headers, payload } = encode(body)
          const response = await fetch(url, {
            method: 'POST',
            redirect: 'manual',
            headers: { Origin: app.baseUrl, ...(isApi ? { Authorization: `Bearer ${apiToken}` } : { Cookie: cookie }), ...headers },
            body: payload,
          })
          await response.arrayBuffer()
          requests++
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          expect(response.status, `${route.id}: ${JSON.stringify(body)}`).toBeLessThan(500)
          const nowVersion = await database.dataVersion()
          if (nowVersion === version) return
          version = nowVersion
          const after = await database.fingerprint()
          if (response.status >= 400) expect(after, `${route.id} changed the database and answered ${response.status}: ${JSON.stringify(body)}`).toBe(before)
          before = after
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      )
    }
    console.info(`fuzz: ${requests} requests over ${actions.length} actions; statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
    expect(requests).toBe(RUNS * actions.length)
  })

  it("leaves the server's Object.prototype as it was, and the pages answering", async () => {
    await logIn()
    const response = await fetch(`${app.baseUrl}/__test/prototype`)
    const seen = (await response.json()) as { ownNames: string[]; enumerable: string[] }
    expect(seen.enumerable).toEqual([])
    expect(seen.ownNames).toEqual(Object.getOwnPropertyNames(Object.prototype).sort())
    expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200)
    expect((await fetch(`${app.baseUrl}/workshops/${params.workshopId}/context`, { headers: { Cookie: cookie } })).status).toBe(200)
  })
})
