import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { configureApiRateLimit } from '~/http/api.server'
import { MAX_BODY_BYTES, MAX_LEADS_PER_REQUEST } from '~/domain/api/schemas'
import { SIGN_OFF_SECTIONS } from '~/domain/document/snapshot'
import { acmeScoringConfig, compile, type Lead } from '~/domain/scoring'
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from '~/models/api-token.server'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { replaceScoringModel } from '~/models/scoring-model.server'
import { signOffSection } from '~/models/sign-off.server'
import { publishVersion } from '~/models/version.server'
import { createWorkshop } from '~/models/workshop.server'
import { loader as catchAllLoader } from '~/routes/api.v1.$'
import { loader as openApiLoader } from '~/routes/api.v1.openapi[.]json'
import { loader as configLoader } from '~/routes/api.v1.workshops.$workshopId.versions.$version.config'
import { loader as documentLoader } from '~/routes/api.v1.workshops.$workshopId.versions.$version.document'
import { action as scoreAction, loader as scoreLoader } from '~/routes/api.v1.workshops.$workshopId.versions.$version.score'
import { action as versionsAction, loader as versionsLoader } from '~/routes/api.v1.workshops.$workshopId.versions'
import { readFlash } from '~/http/flash.server'
import { action as integrationsAction, loader as integrationsLoader } from '~/routes/workshops.$workshopId.integrations/route'
import { formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

useTestDatabase()

const root = fileURLToPath(new URL('../..', import.meta.url))
const AS_OF = '2026-06-01T12:00:00Z'

/** A workshop with the Acme scoring model, both teams signed in, `publish()` freezing the next version. */
async function setup(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const mia = await person(`mia-${tag}@example.com`)
  const sam = await person(`sam-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'Acme', userId: fran.id })
  for (const [who, role] of [
    [mia, 'marketing'],
    [sam, 'sales'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  await replaceScoringModel(workshop.id, acmeScoringConfig as never)
  let published = 0
  const publish = async () => {
    // A publish of unchanged content is refused: each later version raises the MQL engagement bar by one.
    if (published > 0) await replaceScoringModel(workshop.id, { ...acmeScoringConfig, mql: { ...acmeScoringConfig.mql, minEngagement: acmeScoringConfig.mql.minEngagement + published } } as never)
    for (const section of SIGN_OFF_SECTIONS) {
      await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
      await signOffSection({ workshopId: workshop.id, userId: sam.id, team: 'sales', section })
    }
    const result = await publishVersion({ workshopId: workshop.id, userId: fran.id, note: 'First version for the API tests.' })
    if (!result.ok) throw new Error(`not published: ${JSON.stringify(result)}`)
    published++
    return result.number
  }
  const token = async (scopes: ('read' | 'score')[] = ['read', 'score']) =>
    (await createApiToken({ workshopId: workshop.id, name: `tool ${scopes.join('+')}`, scopes, createdBy: fran.id })).token
  return { fran, mia, sam, workshop, publish, token }
}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>

const BASE = 'http://localhost:3000'

function call(route: RouteFunction, url: string, params: Record<string, string>, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  const request = new Request(`${BASE}${url}`, { ...init, headers, ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)
  return route({ request, params, context: {} })
}

function score(workshopId: string, version: string, body: unknown, init: RequestInit & { token?: string } = {}) {
  return call(scoreAction as RouteFunction, `/api/v1/workshops/${workshopId}/versions/${version}/score`, { workshopId, version }, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' || body instanceof ReadableStream ? body : JSON.stringify(body),
    ...init,
  })
}

async function errorOf(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
  const body = (await response.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }
  expect(Object.keys(body)).toEqual(['error'])
  return body.error
}

/** Leads over every branch of the Acme model: seniorities, sizes, free mail, missing fields, old and new activities. */
function generateLeads(count: number, seed = 7): Lead[] {
  let state = seed
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const seniorities = ['c_level', 'vp', 'director', 'head', 'manager', 'individual', 'student', '', null]
  const titles = ['Head of Data', 'VP Analytics', 'Marketing Intern', 'Business Intelligence Lead', 'Student', 'CFO', '  ', 'Sales assistant']
  const industries = ['Software', 'SaaS', 'fintech', 'Retail', 'E-Commerce', 'Financial Services', 'Education']
  const domains = ['gmail.com', 'nordwind.example', 'chartwise.io', 'web.de', 'acme.example', 'GMAIL.COM']
  const activityTypes = acmeScoringConfig.activities.map((activity) => activity.key)
  const asOfMs = Date.parse(AS_OF)
  return Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, unknown> = {
      jobTitle: pick(titles),
      seniority: pick(seniorities),
      industry: pick(industries),
      employees: pick([12, 60, 199, 200, 1200, '4000', '4,000', 5000, 5001, 20000, null]),
      country: pick(['US', 'de', 'GB ', 'br', 'FR', '']),
      email: random() < 0.9 ? `p${i}@${pick(domains)}` : null,
      company: pick(['Nordwind', 'Chartwise', 'Globex', '', 'Contoso']),
      budget: pick([0, 15000, 20000, '25000', 60000, undefined]),
      authority: pick([true, false, 'true', null]),
      need: pick(['critical', 'high', 'medium', 'low', 'HIGH']),
      timeline: pick(['this_quarter', 'next_quarter', 'this_year', 'later']),
    }
    const activities = Array.from({ length: Math.floor(random() * 6) }, () => ({
      type: pick(activityTypes),
      at: random() < 0.5 ? new Date(asOfMs - Math.floor(random() * 150) * 86_400_000).toISOString() : asOfMs - Math.floor(random() * 200) * 86_400_000 + 3_600_000,
    }))
    const id = i % 3 === 0 ? `lead-${i}` : i % 3 === 1 ? i : undefined
    return id === undefined ? { attributes, activities } : { id, attributes, activities }
  })
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['build/bin/leadpact-score.mjs', ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let dir = ''
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-api-'))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})
afterEach(() => configureApiRateLimit())

describe('API tokens', () => {
  it('are shown once, stored hashed, listed with their last use, and stop working when revoked', async () => {
    const { workshop, fran } = await setup('tokens')
    const created = await createApiToken({ workshopId: workshop.id, name: 'HubSpot sync', scopes: ['read'], createdBy: fran.id })
    expect(created.token).toMatch(/^lp_[A-Za-z0-9_-]{43}$/)
    const [listed] = await listApiTokens(workshop.id)
    expect(listed).toMatchObject({ name: 'HubSpot sync', scopes: ['read'], prefix: created.token.slice(0, 10), lastUsedAt: null, revokedAt: null, createdByName: 'fran-tokens' })
    expect(JSON.stringify(listed)).not.toContain(created.token)

    const usedAt = new Date('2026-11-23T10:00:00Z')
    expect(await authenticateApiToken(created.token, usedAt)).toMatchObject({ workshopId: workshop.id, scopes: ['read'] })
    expect((await listApiTokens(workshop.id))[0]!.lastUsedAt).toEqual(usedAt)
    expect(await authenticateApiToken(`${created.token.slice(0, -1)}x`)).toBeUndefined()

    expect(await revokeApiToken({ workshopId: 'another-workshop', tokenId: created.id })).toBe('not-found')
    expect(await revokeApiToken({ workshopId: workshop.id, tokenId: created.id })).toBe('revoked')
    expect(await revokeApiToken({ workshopId: workshop.id, tokenId: created.id })).toBe('already-revoked')
    expect(await authenticateApiToken(created.token)).toBeUndefined()
  })

  it('are created and revoked by the facilitator on the integrations page, and by nobody else; a new token shows once after the redirect, never in a URL', async () => {
    const { workshop, fran, mia } = await setup('page')
    const url = `/workshops/${workshop.id}/integrations`
    const post = (who: { cookie: string }, fields: Record<string, string>) =>
      integrationsAction({ request: formRequest(url, fields, who), params: { workshopId: workshop.id }, context: {} })
    const load = async (cookie: string) => {
      const response = await integrationsLoader({ request: getRequest(url, { cookie }), params: { workshopId: workshop.id }, context: {} })
      return { response, body: await response.json() }
    }
    const cookie = (response: Response, name: string) => response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`))
    const flashOf = async (response: Response) => (await readFlash(getRequest('/', { cookie: cookie(response, '__flash')!.split(';')[0]! }))).flash

    await expect(post(mia, { intent: 'create-token', name: 'Sneaky', 'scopes.read': 'on' })).rejects.toMatchObject({ status: 403 })
    await expect(post(fran, { intent: 'delete-everything' })).rejects.toMatchObject({ status: 400 })
    const refused = await post(fran, { intent: 'create-token', name: ' ' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      form: 'create-token',
      errors: { name: expect.stringContaining('Name the token'), scopes: 'Pick at least one scope.' },
      values: { intent: 'create-token', name: ' ' },
    })
    expect(await listApiTokens(workshop.id)).toEqual([])

    const created = await post(fran, { intent: 'create-token', name: 'dbt nightly', 'scopes.score': 'on' })
    expect(created.status).toBe(302)
    expect(created.headers.get('Location')).toBe(`${url}#new-token`)
    expect(await flashOf(created)).toEqual({ tone: 'success', text: 'Token “dbt nightly” created.' })
    const once = cookie(created, '__once')!
    expect(once).toMatch(new RegExp(`; Max-Age=300; Path=${url.replaceAll('/', '\\/')}; HttpOnly; SameSite=Strict$`))

    const shown = await load(`${fran.cookie}; ${once.split(';')[0]}`)
    const token = shown.body.created as { id: string; name: string; token: string; scopes: string[] }
    expect(token).toMatchObject({ name: 'dbt nightly', scopes: ['score'], token: expect.stringMatching(/^lp_[A-Za-z0-9_-]{43}$/) })
    expect(await authenticateApiToken(token.token)).toMatchObject({ workshopId: workshop.id, scopes: ['score'] })
    // Never in the clear outside the page: not in the Location, not in a cookie; the page is not kept.
    expect(created.headers.get('Location')).not.toContain(token.token)
    expect(created.headers.getSetCookie().join('\n')).not.toContain(token.token)
    expect(Buffer.from(decodeURIComponent(once.split(';')[0]!.split('=')[1]!), 'base64').toString('utf8')).not.toContain(token.token)
    expect(shown.response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(cookie(shown.response, '__once')).toMatch(/^__once=; Max-Age=0;/)

    const page = await load(fran.cookie)
    expect(page.body.created).toBeNull()
    expect(page.body.tokens).toEqual([expect.objectContaining({ name: 'dbt nightly', scopes: ['score'], revokedAt: null })])
    expect(JSON.stringify(page.body)).not.toContain(token.token)
    // Members see the page but no tokens, even with the facilitator's cookie.
    const asMember = await load(`${mia.cookie}; ${once.split(';')[0]}`)
    expect(asMember.body).toMatchObject({ canManage: false, tokens: [], created: null })

    const revoked = await post(fran, { intent: 'revoke-token', tokenId: token.id })
    expect(revoked.status).toBe(302)
    expect(revoked.headers.get('Location')).toBe(url)
    expect(await flashOf(revoked)).toEqual({ tone: 'success', text: 'Revoked “dbt nightly”: requests with it now get 401.' })
    expect(await authenticateApiToken(token.token)).toBeUndefined()
    const unknown = await post(fran, { intent: 'revoke-token', tokenId: 'nope' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ form: 'revoke-token', notice: { tone: 'error', text: 'That token does not exist.' } })
    const blank = await post(fran, { intent: 'revoke-token' })
    expect(blank.status).toBe(400)
    expect(await blank.json()).toMatchObject({ form: 'revoke-token', errors: { tokenId: expect.any(String) } })
  })
})

describe('/api/v1', () => {
  it('answers the auth matrix: no token 401, revoked 401, another workshop 403, read-only on score 403', async () => {
    const a = await setup('auth-a')
    const b = await setup('auth-b')
    await a.publish()
    const lead = { leads: [{ id: 1, attributes: {} }] }

    const none = await score(a.workshop.id, '1', lead)
    expect(none.status).toBe(401)
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="Leadpact API"')
    expect(await errorOf(none)).toMatchObject({ code: 'missing_token' })

    const malformed = await score(a.workshop.id, '1', lead, { headers: { 'Content-Type': 'application/json', Authorization: 'Basic Zm9vOmJhcg==' } })
    expect(malformed.status).toBe(401)

    const unknown = await score(a.workshop.id, '1', lead, { token: `lp_${'A'.repeat(43)}` })
    expect(unknown.status).toBe(401)
    expect(await errorOf(unknown)).toMatchObject({ code: 'invalid_token' })

    const revokedToken = await createApiToken({ workshopId: a.workshop.id, name: 'old', scopes: ['read', 'score'], createdBy: a.fran.id })
    expect((await score(a.workshop.id, '1', lead, { token: revokedToken.token })).status).toBe(200)
    await revokeApiToken({ workshopId: a.workshop.id, tokenId: revokedToken.id })
    const revoked = await score(a.workshop.id, '1', lead, { token: revokedToken.token })
    expect(revoked.status).toBe(401)
    expect(revoked.headers.get('WWW-Authenticate')).toContain('error="invalid_token"')
    expect(await errorOf(revoked)).toMatchObject({ code: 'invalid_token' })

    const otherWorkshop = await score(a.workshop.id, '1', lead, { token: await b.token() })
    expect(otherWorkshop.status).toBe(403)
    expect(await errorOf(otherWorkshop)).toMatchObject({ code: 'wrong_workshop' })
    // Also for a workshop that does not exist: nothing about other workshops leaks.
    expect((await score('no-such-workshop', '1', lead, { token: await b.token() })).status).toBe(403)

    const readOnly = await score(a.workshop.id, '1', lead, { token: await a.token(['read']) })
    expect(readOnly.status).toBe(403)
    expect(readOnly.headers.get('WWW-Authenticate')).toContain('error="insufficient_scope", scope="score"')
    expect(await errorOf(readOnly)).toMatchObject({ code: 'insufficient_scope' })

    const scoreOnly = await a.token(['score'])
    const versions = await call(versionsLoader as RouteFunction, `/api/v1/workshops/${a.workshop.id}/versions`, { workshopId: a.workshop.id }, { token: scoreOnly })
    expect(versions.status).toBe(403)
    expect((await score(a.workshop.id, '1', lead, { token: scoreOnly })).status).toBe(200)
  })

  it('lists versions and serves a version’s config and document; `latest` follows publishing', async () => {
    const { workshop, publish, token } = await setup('read')
    const read = await token(['read'])
    const get = (route: RouteFunction, suffix: string, params: Record<string, string>) =>
      call(route, `/api/v1/workshops/${workshop.id}/versions${suffix}`, { workshopId: workshop.id, ...params }, { token: read })

    const empty = await get(versionsLoader as RouteFunction, '', {})
    expect(await empty.json()).toEqual({ workshopId: workshop.id, latest: null, versions: [] })
    const nothingYet = await get(configLoader as RouteFunction, '/latest/config', { version: 'latest' })
    expect(nothingYet.status).toBe(404)
    expect(await errorOf(nothingYet)).toMatchObject({ code: 'not_found', message: 'This workshop has no published version yet.' })

    expect(await publish()).toBe(1)
    expect(await publish()).toBe(2)
    const list = await get(versionsLoader as RouteFunction, '', {})
    expect(list.status).toBe(200)
    expect(list.headers.get('Cache-Control')).toBe('no-store')
    expect(list.headers.get('RateLimit-Limit')).toBe('50000')
    const body = await list.json()
    expect(body).toMatchObject({ workshopId: workshop.id, latest: 2 })
    expect(body.versions.map((v: { number: number }) => v.number)).toEqual([2, 1])
    expect(body.versions[0].links.score).toBe(`/api/v1/workshops/${workshop.id}/versions/2/score`)

    const latest = await get(configLoader as RouteFunction, '/latest/config', { version: 'latest' })
    const config = JSON.parse(await latest.text())
    expect(config.source).toMatchObject({ workshopId: workshop.id, version: 2 })
    expect(config.fit.rules).toEqual(acmeScoringConfig.fit.rules)
    const v1 = JSON.parse(await (await get(configLoader as RouteFunction, '/1/config', { version: '1' })).text())
    expect(v1.source.version).toBe(1)

    for (const version of ['3', '0', 'abc', '1.5', '01']) {
      const missing = await get(configLoader as RouteFunction, `/${version}/config`, { version })
      expect(missing.status, version).toBe(404)
      expect((await errorOf(missing)).code).toBe('not_found')
    }

    const markdown = await get(documentLoader as RouteFunction, '/latest/document', { version: 'latest' })
    expect(markdown.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8')
    expect(await markdown.text()).toContain('# Acme: what an MQL and an SQL are')
    const html = await call(documentLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/2/document?format=html`, { workshopId: workshop.id, version: '2' }, { token: read })
    expect(html.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const page = await html.text()
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<h1>Acme: what an MQL and an SQL are</h1>')
    expect(page).not.toContain('<script')
    const pdf = await call(documentLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/2/document?format=pdf`, { workshopId: workshop.id, version: '2' }, { token: read })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(pdf.headers.get('Content-Disposition')).toBe('attachment; filename="acme-mql-sql-definition-v2.pdf"')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    const docx = await call(documentLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/2/document?format=docx`, { workshopId: workshop.id, version: '2' }, { token: read })
    expect(docx.status).toBe(400)
    expect(await errorOf(docx)).toMatchObject({ code: 'invalid_request', message: 'format: expected md, html or pdf' })
  })

  it('scores a batch exactly as the leadpact-score CLI does on the same config, leads and asOf', async () => {
    const { workshop, publish, token } = await setup('cli')
    await publish()
    const both = await token()
    const leads = generateLeads(600)
    const response = await score(workshop.id, 'latest', { asOf: AS_OF, leads }, { token: both })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ workshopId: workshop.id, version: 1, asOf: '2026-06-01T12:00:00.000Z', count: 600 })

    // The CLI on the config the API serves for the same version.
    const config = await call(configLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/1/config`, { workshopId: workshop.id, version: '1' }, { token: both })
    const configFile = path.join(dir, 'config.json')
    fs.writeFileSync(configFile, await config.text())
    const inputFile = path.join(dir, 'leads.jsonl')
    fs.writeFileSync(inputFile, leads.map((lead) => JSON.stringify(lead)).join('\n') + '\n')
    const cli = await runCli(['--config', configFile, '--input', inputFile, '--as-of', AS_OF])
    expect(cli.stderr).toBe('')
    expect(cli.code).toBe(0)
    const cliResults = cli.stdout.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(body.results).toEqual(cliResults)
    // Same keys in the same order, not only the same values.
    expect(Object.keys(body.results[0])).toEqual(Object.keys(cliResults[0]))
    expect(new Set(body.results.map((r: { stage: string }) => r.stage))).toEqual(new Set(['disqualified', 'lead', 'mql', 'sql']))

    // Epoch milliseconds name the same moment; without asOf the request time is used and reported.
    const epoch = await (await score(workshop.id, '1', { asOf: Date.parse(AS_OF), leads }, { token: both })).json()
    expect(epoch.results).toEqual(body.results)
    const before = Date.now()
    const now = await (await score(workshop.id, '1', { leads: leads.slice(0, 3) }, { token: both })).json()
    expect(Date.parse(now.asOf)).toBeGreaterThanOrEqual(before)
    expect(now.results).toEqual(leads.slice(0, 3).map((lead) => expect.objectContaining(pick(compile(acmeScoringConfig).score(lead, now.asOf)))))
  })

  it('refuses batches over 10,000 leads and bodies over the byte limit with 413, before parsing them', async () => {
    const { workshop, publish, token } = await setup('limits')
    await publish()
    const both = await token()
    const lead = { attributes: { email: 'a@b.example', company: 'B', country: 'de' } }

    const atLimit = await score(workshop.id, 'latest', { leads: Array.from({ length: MAX_LEADS_PER_REQUEST }, () => lead) }, { token: both })
    expect(atLimit.status).toBe(200)
    expect((await atLimit.json()).count).toBe(MAX_LEADS_PER_REQUEST)

    const overLimit = await score(workshop.id, 'latest', { leads: Array.from({ length: MAX_LEADS_PER_REQUEST + 1 }, () => lead) }, { token: both })
    expect(overLimit.status).toBe(413)
    expect(await errorOf(overLimit)).toMatchObject({ code: 'payload_too_large', details: { limit: 10_000, received: 10_001 } })

    // Declared too large: refused from the header, the body is never read.
    let pulled = 0
    const declared = await score(workshop.id, 'latest', new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) }), {
      token: both,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) },
    })
    expect(declared.status).toBe(413)
    expect(await errorOf(declared)).toMatchObject({ code: 'payload_too_large', details: { limitBytes: MAX_BODY_BYTES } })
    expect(pulled).toBeLessThanOrEqual(1)

    // Streamed without a length: reading stops at the limit, well before the end of the stream.
    const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024))
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        if (sent > 100 * 1024 * 1024) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const streamed = await score(workshop.id, 'latest', endless, { token: both })
    expect(streamed.status).toBe(413)
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 4 * chunk.byteLength)

    // A real oversized body, with its true length.
    const big = JSON.stringify({ leads: [{ attributes: { notes: 'x'.repeat(MAX_BODY_BYTES) } }] })
    const oversized = await score(workshop.id, 'latest', big, { token: both, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) } })
    expect(oversized.status).toBe(413)
  })

  it('answers 415 for a body that is not JSON, and 400 with the path of the problem', async () => {
    const { workshop, publish, token } = await setup('bad')
    await publish()
    const both = await token()
    const post = (body: string, contentType?: string, extra: Record<string, string> = {}) =>
      score(workshop.id, '1', body, { token: both, headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...extra } })

    for (const [type, extra] of [
      ['application/x-www-form-urlencoded', {}],
      ['text/plain', {}],
      [undefined, {}],
      ['application/json; charset=latin1', {}],
      ['application/json', { 'Content-Encoding': 'gzip' }],
    ] as const) {
      const response = await post('{"leads":[]}', type, extra)
      expect(response.status, String(type)).toBe(415)
      expect((await errorOf(response)).code).toBe('unsupported_media_type')
    }
    expect((await post('{"leads":[]}', 'application/vnd.api+json; charset=UTF-8')).status).toBe(200)

    // Decoded as it streams in: a character split between two chunks survives, a byte that is no UTF-8 is refused.
    const split = new TextEncoder().encode('{"leads":[{"id":"é","attributes":{}}]}')
    const at = split.indexOf(0xc3) + 1
    const chunked = (parts: Uint8Array[]) => new ReadableStream<Uint8Array>({ start: (controller) => (parts.forEach((part) => controller.enqueue(part)), controller.close()) })
    const joined = await score(workshop.id, '1', chunked([split.slice(0, at), split.slice(at)]), { token: both })
    expect(joined.status).toBe(200)
    expect((await joined.json()).results[0].id).toBe('é')
    const latin1 = await score(workshop.id, '1', chunked([new Uint8Array([0x7b, 0xe9, 0x7d])]), { token: both })
    expect(latin1.status).toBe(400)
    expect(await errorOf(latin1)).toMatchObject({ code: 'invalid_json', message: 'The body is not valid UTF-8.' })

    const notJson = await post('{"leads": [', 'application/json')
    expect(notJson.status).toBe(400)
    expect(await errorOf(notJson)).toMatchObject({ code: 'invalid_json' })
    expect((await errorOf(await post('', 'application/json'))).message).toBe('The body is empty: send a JSON object.')

    const leads = [{ attributes: {} }, { attributes: {} }, { attributes: {} }, { id: 'x', attributes: [1, 2] }]
    const invalid = await score(workshop.id, '1', { leads }, { token: both })
    expect(invalid.status).toBe(400)
    const error = await errorOf(invalid)
    expect(error.code).toBe('invalid_request')
    expect(error.message).toBe('leads[3].attributes: expected an object of attributes, got a list')
    expect(error.details).toEqual({ issues: [{ path: 'leads[3].attributes', message: 'leads[3].attributes: expected an object of attributes, got a list' }] })

    const several = await errorOf(
      await score(workshop.id, '1', { as_of: 'today', asOf: 'yesterday', leads: [{ attributes: {}, activities: [{ at: '2026-06-01' }] }, {}] }, { token: both }),
    )
    expect((several.details!.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual(['asOf', 'as_of', 'leads[0].activities[0].type', 'leads[1].attributes'])
    expect(several.message).toMatch(/\(and 3 more problems\)$/)
    expect((await errorOf(await score(workshop.id, '1', [], { token: both }))).message).toBe('the body expected object, got a list')
    expect((await errorOf(await score(workshop.id, '1', { leads: 'all' }, { token: both }))).message).toBe('leads: expected a list of leads, got "all"')
  })

  it('limits each token’s rate with a token bucket: 429 with Retry-After, then through again', async () => {
    const { workshop, publish, token } = await setup('rate')
    await publish()
    let now = Date.parse('2026-11-23T10:00:00Z')
    configureApiRateLimit({ capacity: 3, refillPerSecond: 0.5, now: () => now })
    const first = await token(['read'])
    const second = await token(['read'])
    const list = (bearer: string) => call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: bearer })

    expect((await list(first)).headers.get('RateLimit-Remaining')).toBe('2')
    expect((await list(first)).status).toBe(200)
    expect((await list(first)).status).toBe(200)
    const limited = await list(first)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('2')
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 2 } })
    // Another token has its own bucket.
    expect((await list(second)).status).toBe(200)

    now += 1_000
    expect((await list(first)).status).toBe(429)
    now += 1_000
    expect((await list(first)).status).toBe(200)
    expect((await list(first)).status).toBe(429)
    now += 60_000
    for (let i = 0; i < 3; i++) expect((await list(first)).status).toBe(200)
  })

  it('answers wrong methods with 405 and unknown paths with a JSON 404', async () => {
    const { workshop, token } = await setup('methods')
    const both = await token()
    const get = await call(scoreLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/1/score`, { workshopId: workshop.id, version: '1' }, { token: both })
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
    const post = await call(versionsAction as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { method: 'POST', token: both })
    expect(post.status).toBe(405)
    expect((await errorOf(post)).code).toBe('method_not_allowed')
    const nowhere = await call(catchAllLoader as RouteFunction, '/api/v1/workshop', { '*': 'workshop' })
    expect(nowhere.status).toBe(404)
    expect((await errorOf(nowhere)).message).toContain('/api/v1/openapi.json')
  })
})

describe('finding 7: the API limit counts leads scored, not requests, and one token cannot stall others', () => {
  const lead = { attributes: { email: 'a@b.example', company: 'B', country: 'de', seniority: 'vp' } }
  const batchOf = (count: number) => ({ asOf: AS_OF, leads: Array.from({ length: count }, (_, i) => ({ id: i, ...lead })) })

  it('charges a batch its leads (a 10,000-lead batch 10,000, a read 1), and refuses one over the budget whole with 429 and an honest Retry-After', async () => {
    const { workshop, publish, token } = await setup('leads')
    await publish()
    let now = Date.parse('2026-11-23T10:00:00Z')
    configureApiRateLimit({ capacity: 12_000, refillPerSecond: 1_000, now: () => now })
    const both = await token()
    const list = () => call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: both })

    const big = await score(workshop.id, '1', batchOf(MAX_LEADS_PER_REQUEST), { token: both })
    expect(big.status).toBe(200)
    expect((await big.json()).count).toBe(10_000)
    expect(big.headers.get('RateLimit-Limit')).toBe('12000')
    expect(big.headers.get('RateLimit-Remaining')).toBe('2000')
    expect((await list()).headers.get('RateLimit-Remaining')).toBe('1999')
    // An empty batch and a one-lead batch cost 1 each, like any request.
    expect((await score(workshop.id, '1', batchOf(0), { token: both })).headers.get('RateLimit-Remaining')).toBe('1998')
    expect((await score(workshop.id, '1', batchOf(1), { token: both })).headers.get('RateLimit-Remaining')).toBe('1997')

    // 4,000 leads with 1,997 left: refused before a lead is scored. Reading its body was work
    // (a unit per KiB, kept), and Retry-After says when the whole 4,000 fit.
    const body = JSON.stringify(batchOf(4_000))
    const kib = Math.ceil(Buffer.byteLength(body) / 1024)
    expect(kib).toBeGreaterThan(100)
    const refused = await score(workshop.id, '1', body, { token: both })
    expect(refused.status).toBe(429)
    const left = 1997 - kib
    expect(refused.headers.get('RateLimit-Remaining')).toBe(String(left))
    const wait = Math.ceil((4_000 - left) / 1_000)
    expect(refused.headers.get('Retry-After')).toBe(String(wait))
    const error = await errorOf(refused)
    expect(error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: wait } })
    expect(error.message).toBe(`This request costs 4,000 of this token’s budget (its 4,000 leads): more than it may spend now (up to 12,000 at once, 1,000 more each second). Retry in ${wait} seconds, or send smaller batches.`)
    // Waiting Retry-After seconds is enough.
    now += wait * 1_000
    const through = await score(workshop.id, '1', body, { token: both })
    expect(through.status).toBe(200)
    const afterThrough = left + wait * 1_000 - 4_000
    expect(through.headers.get('RateLimit-Remaining')).toBe(String(afterThrough))

    // Requests of any kind draw on the same budget: a token that spent it on leads cannot read either.
    expect((await score(workshop.id, '1', batchOf(afterThrough), { token: both })).headers.get('RateLimit-Remaining')).toBe('0')
    const empty = await list()
    expect(empty.status).toBe(429)
    expect((await errorOf(empty)).message).toBe('This token has used up its budget of requests and scored leads: retry in 1 second.')
    // Another token of the same workshop has its own budget.
    expect((await score(workshop.id, '1', batchOf(MAX_LEADS_PER_REQUEST), { token: await token() })).status).toBe(200)
  })

  it('charges a body at least a unit per KiB, from Content-Length before reading it when declared', async () => {
    const { workshop, publish, token } = await setup('bytes')
    await publish()
    configureApiRateLimit({ capacity: 1_000, refillPerSecond: 1, now: () => Date.parse('2026-11-23T10:00:00Z') })
    const both = await token()
    const heavy = JSON.stringify({ asOf: AS_OF, leads: [{ id: 1, attributes: { notes: 'x'.repeat(600 * 1024) } }] })
    const first = await score(workshop.id, '1', heavy, { token: both })
    expect(first.status).toBe(200)
    expect(first.headers.get('RateLimit-Remaining')).toBe(String(1_000 - Math.ceil(Buffer.byteLength(heavy) / 1024)))

    // The same body again, declared: refused before a byte of it is read, and not charged.
    let pulled = 0
    const declared = await score(
      workshop.id,
      '1',
      new ReadableStream<Uint8Array>({ pull: (controller) => void (pulled++, controller.enqueue(new TextEncoder().encode(heavy)), controller.close()) }, { highWaterMark: 0 }),
      { token: both, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(heavy)) } },
    )
    // (Once answered, the unread body is drained in a later turn, so the client sees the answer.)
    expect(pulled).toBe(0)
    expect(declared.status).toBe(429)
    expect((await errorOf(declared)).message).toMatch(/^This request costs 601 of this token’s budget \(its body of 601 KiB\)/)
    // Refused before its body was read: it cost its 1 only.
    expect(declared.headers.get('RateLimit-Remaining')).toBe('398')
  })

  /** A batch whose body arrives when `send()` is called; `reading` settles once the server has started to read it. */
  function heldBatch(workshopId: string, bearer: string, onRead?: () => void) {
    let send!: () => void
    let startedReading!: () => void
    const gate = new Promise<void>((resolve) => (send = resolve))
    const reading = new Promise<void>((resolve) => (startedReading = resolve))
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          onRead?.()
          startedReading()
          await gate
          controller.enqueue(new TextEncoder().encode(JSON.stringify(batchOf(3))))
          controller.close()
        },
      },
      { highWaterMark: 0 },
    )
    const response = score(workshopId, '1', body, { token: bearer })
    return { send, reading, response }
  }

  it('lets a token have at most 2 batches in flight: a third is refused at once, other tokens and reads go on', async () => {
    const { workshop, publish, token } = await setup('inflight')
    await publish()
    const both = await token()

    const first = heldBatch(workshop.id, both)
    const second = heldBatch(workshop.id, both)
    await Promise.all([first.reading, second.reading])

    const third = await score(workshop.id, '1', batchOf(1), { token: both })
    expect(third.status).toBe(429)
    expect(third.headers.get('Retry-After')).toBe('1')
    const error = await errorOf(third)
    expect(error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 1, batchesInFlight: 2 } })
    expect(error.message).toBe('This token already has 2 batches being scored, the most it may have at once: wait for one to finish, then retry in 1 second.')
    // The cap is per token, and only for batches.
    expect((await score(workshop.id, '1', batchOf(1), { token: await token() })).status).toBe(200)
    expect((await call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: both })).status).toBe(200)

    first.send()
    const done = await first.response
    expect(done.status).toBe(200)
    expect((await done.json()).count).toBe(3)
    // A slot is free again; a refused or failed batch frees its slot too.
    expect((await score(workshop.id, '1', '{"leads": [', { token: both })).status).toBe(400)
    expect((await score(workshop.id, '1', { leads: [{}] }, { token: both })).status).toBe(400)
    expect((await score(workshop.id, '1', batchOf(2), { token: both })).status).toBe(200)
    second.send()
    expect((await second.response).status).toBe(200)
    expect((await score(workshop.id, '1', batchOf(2), { token: both })).status).toBe(200)
  })

  it('works on at most MAX_BATCHES_IN_WORK batches server-wide; the next waits its turn with its body unread', async () => {
    const { workshop, publish, token } = await setup('queue')
    await publish()
    configureApiRateLimit({ maxBatchesInWork: 1 })
    const events: string[] = []
    const first = heldBatch(workshop.id, await token(), () => events.push('first read'))
    await first.reading
    const second = heldBatch(workshop.id, await token(), () => events.push('second read'))
    // A read is no batch: it goes straight through.
    const read = await call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: await token() })
    expect(read.status).toBe(200)
    events.push('read answered')
    expect(events).toEqual(['first read', 'read answered'])
    events.push('first sent')
    first.send()
    expect((await first.response).status).toBe(200)
    await second.reading
    second.send()
    expect((await second.response).status).toBe(200)
    expect(events).toEqual(['first read', 'read answered', 'first sent', 'second read'])
  })

  it('answers a small request started after a maximum batch before that batch is done', async () => {
    const { workshop, publish, token } = await setup('interleave')
    await publish()
    const both = await token()
    const leads = generateLeads(MAX_LEADS_PER_REQUEST)
    // Warm: the scorer is compiled and cached, the token's last use recorded.
    expect((await score(workshop.id, '1', { asOf: AS_OF, leads: leads.slice(0, 10) }, { token: both })).status).toBe(200)

    const finished: string[] = []
    const batch = score(workshop.id, '1', { asOf: AS_OF, leads }, { token: both })
      .then((response) => response.json())
      .then((body: { count: number }) => {
        finished.push('batch')
        return body
      })
    const read = call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: both }).then((response) => {
      finished.push('read')
      return response
    })
    const [body, list] = await Promise.all([batch, read])
    expect(list.status).toBe(200)
    expect(body.count).toBe(MAX_LEADS_PER_REQUEST)
    expect(finished).toEqual(['read', 'batch'])
  })
})

describe('/api/v1/openapi.json', () => {
  async function openApi() {
    const response = await openApiLoader({ request: new Request(`${BASE}/api/v1/openapi.json`) })
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    return (await response.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, object> } }
  }

  it('validates as OpenAPI 3.1 and describes every API route file', async () => {
    const document = await openApi()
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers[0]!.url).toBe(BASE)
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy()
    // The validator does check: a broken copy is refused.
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { responses?: unknown }>> }
    const parameters = (broken.paths['/api/v1/workshops/{workshopId}/versions']!.get as { parameters: { in: string }[] }).parameters
    parameters[0]!.in = 'body'
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/validation failed/)

    const routeFiles = fs.readdirSync(path.join(root, 'app/routes')).filter((file) => file.startsWith('api.v1.') && file !== 'api.v1.$.ts')
    expect(routeFiles.length).toBeGreaterThanOrEqual(5)
    for (const file of routeFiles) {
      const routePath = `/${file
        .replace(/\.tsx?$/, '')
        .replace(/\[\.\]/g, '\u0000')
        .split('.')
        .map((segment) => (segment.startsWith('$') ? `{${segment.slice(1)}}` : segment))
        .join('/')
        .replace(/\u0000/g, '.')}`
      expect(Object.keys(document.paths), file).toContain(routePath)
    }
    expect(Object.keys(document.paths)).toHaveLength(routeFiles.length)
  })

  it('describes what the API really answers: requests, responses, errors and examples validate against its schemas', async () => {
    const document = await openApi()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    ajv.addSchema({ $id: 'openapi', components: { schemas: document.components.schemas } })
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`openapi#/components/schemas/${name}`)!
      const ok = check(value)
      expect(ok, `${name}: ${JSON.stringify(check.errors?.slice(0, 3))}`).toBe(true)
    }
    const { workshop, publish, token } = await setup('openapi')
    await publish()
    const both = await token()

    // The documented examples.
    const operation = (route: string, method: string) =>
      document.paths[route]![method] as { requestBody?: { content: Record<string, { example: unknown }> }; responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
    const scoreOperation = operation('/api/v1/workshops/{workshopId}/versions/{version}/score', 'post')
    validate('ScoreRequest', scoreOperation.requestBody!.content['application/json']!.example)
    validate('ScoreResponse', scoreOperation.responses['200']!.content!['application/json']!.example)
    validate('VersionList', operation('/api/v1/workshops/{workshopId}/versions', 'get').responses['200']!.content!['application/json']!.example)
    validate('ScoringConfig', operation('/api/v1/workshops/{workshopId}/versions/{version}/config', 'get').responses['200']!.content!['application/json']!.example)
    for (const [status, response] of Object.entries(scoreOperation.responses)) {
      if (status !== '200') validate('Error', response.content!['application/json']!.example)
    }

    // What the endpoints really send.
    const example = scoreOperation.requestBody!.content['application/json']!.example as { leads: Lead[] }
    const scored = await (await score(workshop.id, 'latest', { ...example, leads: [...example.leads, ...generateLeads(50)] }, { token: both })).json()
    validate('ScoreResponse', scored)
    // The example response is the engine's true answer for the example request on the same config.
    expect(scored.results.slice(0, 2)).toEqual((scoreOperation.responses['200']!.content!['application/json']!.example as { results: unknown[] }).results)
    validate('VersionList', await (await call(versionsLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions`, { workshopId: workshop.id }, { token: both })).json())
    validate('ScoringConfig', await (await call(configLoader as RouteFunction, `/api/v1/workshops/${workshop.id}/versions/1/config`, { workshopId: workshop.id, version: '1' }, { token: both })).json())
    validate('Error', await (await score(workshop.id, '1', { leads: [{}] }, { token: both })).json())
    validate('Error', await (await score(workshop.id, '1', { leads: [] })).json())
  })
})

function pick(result: ReturnType<ReturnType<typeof compile>['score']>) {
  const { fit, engagement, grade, stage, disqualifiedBy, missing, fastTrack, contributions } = result
  return { fit, engagement, grade, stage, disqualifiedBy, missing, fastTrack, contributions }
}
