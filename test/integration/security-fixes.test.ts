import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { memberships, versions } from '#db/schema'
import { newId } from '#db/ids'
import { SIGN_OFF_SECTIONS, type Snapshot } from '~/domain/document/snapshot'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getScoringModel, saveRule } from '~/models/scoring-model.server'
import { createShareLink, listShareLinks, resolveShareToken } from '~/models/share-link.server'
import { signOffSection } from '~/models/sign-off.server'
import { getVersion, listVersions } from '~/models/version.server'
import { createWorkshop, listMembers } from '~/models/workshop.server'
import { loader as apiDocsLoader } from '~/routes/api._index/route'
import { loader as openApiLoader } from '~/routes/api.v1.openapi[.]json'
import { action as inviteAction, loader as inviteLoader } from '~/routes/invites.$token'
import { loader as shareLoader } from '~/routes/share.$token'
import { loader as integrationsLoader } from '~/routes/workshops.$workshopId.integrations/route'
import { action as membersAction, loader as membersLoader } from '~/routes/workshops.$workshopId.members/route'
import { action as reviewAction, loader as reviewLoader } from '~/routes/workshops.$workshopId.review/route'
import { loader as csvExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]csv'
import { loader as htmlExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]html'
import { loader as jsonExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]json'
import { loader as mdExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]md'
import { loader as sqlExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]sql'
import { action as versionsAction, loader as versionsLoader } from '~/routes/workshops.$workshopId.versions._index/route'
import { useProductionServer } from '../setup/production-server'
import { person, useTestDatabase } from '../setup/test-database'

/*
 * Regression tests for the "everything else" of issue #12 (finding 8 and the review): each
 * `describe` is named after the finding it keeps closed.
 */

const PUBLIC_URL = 'https://leadpact.example.test'
const FORGED = 'evil.example'

const store = useTestDatabase()
// The app's absolute links come from configuration. Set before the first getEnv() of this file
// (it caches); each test file has its own modules, and the stub is undone after the file.
vi.stubEnv('PUBLIC_URL', PUBLIC_URL)
afterAll(() => vi.unstubAllEnvs())

/** A request as a client that forges the Host header sends it: the URL Remix builds carries that host. */
function forged(url: string, init: { cookie?: string; method?: string; fields?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Host: FORGED }
  if (init.cookie) headers.Cookie = init.cookie
  if (init.fields) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  return new Request(`http://${FORGED}${url}`, {
    method: init.method ?? (init.fields ? 'POST' : 'GET'),
    headers,
    body: init.fields ? new URLSearchParams(init.fields).toString() : undefined,
  })
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

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
  await saveRule({
    workshopId: workshop.id,
    userId: mia.id,
    draft: { section: 'fit', label: 'Mid-market', points: 20, condition: { field: 'employees', op: 'between', value: [200, 5000] }, activity: null, withinDays: null, maxPoints: null },
  })
  const signAll = async () => {
    for (const section of SIGN_OFF_SECTIONS) {
      await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
      await signOffSection({ workshopId: workshop.id, userId: sam.id, team: 'sales', section })
    }
  }
  return { fran, mia, sam, workshop, signAll }
}

async function publishedWorkshop(tag: string) {
  const context = await setup(tag)
  await context.signAll()
  const published = await reviewAction(args(forged(`/workshops/${context.workshop.id}/review`, { cookie: context.fran.cookie, fields: { intent: 'publish', note: 'First version.' } }), { workshopId: context.workshop.id }))
  expect((published as Response).status).toBe(302)
  return context
}

describe('finding 8: ten concurrent publishes made ten identical versions', () => {
  it('makes exactly one version of ten concurrent publishes; the other nine are refused as unchanged, and the review page says so', async () => {
    const { fran, mia, workshop, signAll } = await setup('publish')
    await signAll()
    const publish = () => reviewAction(args(forged(`/workshops/${workshop.id}/review`, { cookie: fran.cookie, fields: { intent: 'publish', note: 'What changed and why.' } }), { workshopId: workshop.id })) as Promise<Response>
    const answers = await Promise.all(Array.from({ length: 10 }, publish))
    expect(answers.filter((answer) => answer.status === 302).map((answer) => answer.headers.get('Location'))).toEqual([`/workshops/${workshop.id}/versions/1/published`])
    const refused = answers.filter((answer) => answer.status !== 302)
    expect(refused.map((answer) => answer.status)).toEqual(Array(9).fill(409))
    for (const answer of refused) {
      expect(((await answer.json()) as { errors: { form: string } }).errors.form).toMatch(/^Nothing has changed since version 1: publishing it again would only repeat it\./)
    }
    expect((await listVersions(workshop.id)).map((version) => version.number)).toEqual([1])

    // The review page says it before anyone presses the button, and the button says why it is off.
    const page = (await (await reviewLoader(args(forged(`/workshops/${workshop.id}/review`, { cookie: fran.cookie }), { workshopId: workshop.id }))).json()) as {
      publish: { unchangedSince: number | null; readyToPublish: boolean }
    }
    expect(page.publish).toMatchObject({ unchangedSince: 1, readyToPublish: false })

    // A change (signed again) publishes version 2.
    const rule = (await getScoringModel(workshop.id)).rules.find((candidate) => candidate.label === 'Mid-market')!
    await saveRule({ workshopId: workshop.id, userId: mia.id, ruleId: rule.id, revision: rule.revision, draft: { ...rule, points: 30 } })
    await signAll()
    expect((await publish()).headers.get('Location')).toBe(`/workshops/${workshop.id}/versions/2/published`)
    expect((await publish()).status).toBe(409)
  })
})

describe('finding 8: a removed member rejoins through a still-valid multi-use invite', () => {
  it('refuses the old invite to the removed person (403, with a message), lets others use it, and lets a new invite in', async () => {
    const { fran, workshop } = await setup('rejoin')
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
    const teamLink = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 30, singleUse: false, createdBy: fran.id, now: hourAgo })
    const rita = await person('rita-rejoin@example.com')
    expect(await acceptInvite({ token: teamLink.token, userId: rita.id })).toMatchObject({ ok: true, alreadyMember: false })

    // The facilitator removes Rita through the members page.
    const ritaMembership = (await listMembers(workshop.id)).find((member) => member.userId === rita.id)!
    const removed = (await membersAction(
      args(
        forged(`/workshops/${workshop.id}/members`, {
          cookie: fran.cookie,
          fields: { intent: 'remove-member', membershipId: ritaMembership.membershipId, revision: String(ritaMembership.revision) },
        }),
        { workshopId: workshop.id },
      ),
    )) as Response
    expect(removed.status).toBe(302)
    expect((await listMembers(workshop.id)).some((member) => member.userId === rita.id)).toBe(false)

    // The team link is still valid, but not for her.
    expect(await acceptInvite({ token: teamLink.token, userId: rita.id })).toEqual({ ok: false, reason: 'removed' })
    const page = (await (await inviteLoader(args(forged(`/invites/${teamLink.token}`, { cookie: rita.cookie }), { token: teamLink.token }))).json()) as { problem: string | null }
    expect(page.problem).toMatch(/You were removed from this workshop after this link was made/)
    const refused = (await inviteAction(args(forged(`/invites/${teamLink.token}`, { cookie: rita.cookie, fields: { intent: 'accept-invite' } }), { token: teamLink.token }))) as Response
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { errors: { form: string } }).errors.form).toMatch(/Ask the facilitator for a new invite/)
    expect((await listMembers(workshop.id)).some((member) => member.userId === rita.id)).toBe(false)

    // Anyone else still joins through it.
    const tom = await person('tom-rejoin@example.com')
    expect(await acceptInvite({ token: teamLink.token, userId: tom.id })).toMatchObject({ ok: true, alreadyMember: false })

    // A new invite, made after the removal, brings her back.
    const fresh = await createInvite({ workshopId: workshop.id, role: 'viewer', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    const joined = (await inviteAction(args(forged(`/invites/${fresh.token}`, { cookie: rita.cookie, fields: { intent: 'accept-invite' } }), { token: fresh.token }))) as Response
    expect(joined.status).toBe(302)
    expect((await listMembers(workshop.id)).find((member) => member.userId === rita.id)?.role).toBe('viewer')
  })
})

describe('finding 8: share links never expire', () => {
  it('creates a link that expires after the chosen days; an expired link answers 404 like a revoked one; the list shows the expiry', async () => {
    const { fran, workshop } = await publishedWorkshop('share')
    // A new link redirects (PRG) and is shown once on the page after, from a cookie for the versions page.
    const create = async (expiresInDays: string) => {
      const answer = (await versionsAction(
        args(forged(`/workshops/${workshop.id}/versions?index`, { cookie: fran.cookie, fields: { intent: 'create-share-link', expiresInDays } }), { workshopId: workshop.id }),
      )) as Response
      if (answer.status !== 302) return { status: answer.status, error: ((await answer.json()) as { errors?: Record<string, string> }).errors?.expiresInDays }
      const once = answer.headers.getSetCookie().find((header) => header.startsWith('__once='))!.split(';')[0]!
      const page = (await (await versionsLoader(args(forged(`/workshops/${workshop.id}/versions`, { cookie: `${fran.cookie}; ${once}` }), { workshopId: workshop.id }))).json()) as {
        newShareUrl: string | null
      }
      return { status: answer.status, url: page.newShareUrl! }
    }
    const week = await create('7')
    expect(week.status).toBe(302)
    const token = week.url!.split('/share/')[1]!
    expect((await shareLoader(args(forged(`/share/${token}`), { token }))).status).toBe(200)

    const listed = await listShareLinks(workshop.id)
    expect(listed).toHaveLength(1)
    expect(listed[0]!.status).toBe('active')
    const days = (listed[0]!.expiresAt!.getTime() - listed[0]!.createdAt.getTime()) / 86_400_000
    expect(days).toBe(7)
    // Eight days on, the link is as dead as a revoked one.
    expect(await resolveShareToken(token, new Date(Date.now() + 8 * 86_400_000))).toBeUndefined()
    expect(await resolveShareToken(token, new Date(Date.now() + 6 * 86_400_000))).toBe(workshop.id)

    // A link made nine days ago with a week's expiry: the share page answers 404, as for a revoked one.
    const old = await createShareLink({ workshopId: workshop.id, userId: fran.id, expiresInDays: 7, now: new Date(Date.now() - 9 * 86_400_000) })
    await expect(shareLoader(args(forged(`/share/${old}`), { token: old }))).rejects.toMatchObject({ status: 404 })
    await expect(shareLoader(args(forged('/share/unknown-token'), { token: 'unknown-token' }))).rejects.toMatchObject({ status: 404 })

    // "Never" keeps the old behaviour; a made-up choice is refused with a message.
    expect((await create('never')).status).toBe(302)
    expect(await create('5')).toEqual({ status: 400, error: 'Pick when the link expires: never, or after 7, 30 or 90 days.' })

    const page = (await (await versionsLoader(args(forged(`/workshops/${workshop.id}/versions`, { cookie: fran.cookie }), { workshopId: workshop.id }))).json()) as {
      shareLinks: { status: string; expiresAt: string | null }[]
    }
    expect(page.shareLinks.map((link) => link.status).sort()).toEqual(['active', 'active', 'expired'])
    expect(page.shareLinks.filter((link) => link.expiresAt === null)).toHaveLength(1)
  })
})

describe('finding 8: version exports cached immutable in the browser after logout', () => {
  it('answers every export with Cache-Control: private, no-store', async () => {
    const { fran, workshop } = await publishedWorkshop('exports')
    const request = (format: string) => forged(`/workshops/${workshop.id}/versions/1/export.${format}`, { cookie: fran.cookie })
    const params = { workshopId: workshop.id, number: '1' }
    for (const [format, loader] of [
      ['csv', csvExport],
      ['html', htmlExport],
      ['json', jsonExport],
      ['md', mdExport],
      ['sql', sqlExport],
    ] as const) {
      const response = await loader(args(request(format), params))
      expect(response.status, format).toBe(200)
      expect(response.headers.get('Cache-Control'), format).toBe('private, no-store')
      expect(response.headers.get('Content-Disposition'), format).toMatch(/^attachment; filename=/)
    }
  })

  it('answers 422 with the reasons, not 500, for the SQL of a version frozen with a NUL in a rule value', async () => {
    const { fran, workshop } = await publishedWorkshop('nul')
    // A version published before control characters were refused: inserted as it was stored then.
    const v1 = (await getVersion({ workshopId: workshop.id, number: 1 }))!
    const snapshot = structuredClone(v1.snapshot) as Snapshot
    snapshot.scoring.fit.rules.push({ id: 'fit-nul', label: 'NUL', points: 5, when: { field: 'employees', op: 'eq', value: 'ten\u0000' } })
    await store().db.insert(versions).values({ id: newId(), workshopId: workshop.id, number: 2, publishedAt: new Date(), publishedBy: fran.id, snapshot: JSON.stringify(snapshot), changelog: '[]' })
    const answer = await sqlExport(args(forged(`/workshops/${workshop.id}/versions/2/export.sql`, { cookie: fran.cookie }), { workshopId: workshop.id, number: '2' })).catch(
      (thrown: unknown) => thrown as Response,
    )
    expect(answer.status).toBe(422)
    expect(await answer.text()).toMatch(/cannot be exported as SQL:\n- .*control characters \(such as NUL\)/)
  })
})

describe('finding 8: the Host header reflected into openapi.json and share and invite URLs', () => {
  it('builds share, invite, API and integration URLs on PUBLIC_URL whatever Host the request names', async () => {
    const { fran, workshop } = await publishedWorkshop('host')
    const shared = (await versionsAction(
      args(forged(`/workshops/${workshop.id}/versions?index`, { cookie: fran.cookie, fields: { intent: 'create-share-link', expiresInDays: 'never' } }), { workshopId: workshop.id }),
    )) as Response
    expect(shared.status).toBe(302)
    const shareOnce = shared.headers.getSetCookie().find((header) => header.startsWith('__once='))!.split(';')[0]!
    const share = (await (
      (await versionsLoader(args(forged(`/workshops/${workshop.id}/versions`, { cookie: `${fran.cookie}; ${shareOnce}` }), { workshopId: workshop.id }))) as Response
    ).json()) as { newShareUrl: string }
    expect(share.newShareUrl).toMatch(new RegExp(`^${PUBLIC_URL}/share/[\\w-]+$`))

    const created = (await membersAction(
      args(
        forged(`/workshops/${workshop.id}/members`, { cookie: fran.cookie, fields: { intent: 'create-invite', role: 'viewer', expiresInDays: '7', uses: 'single' } }),
        { workshopId: workshop.id },
      ),
    )) as Response
    expect(created.status).toBe(302)
    // The new link is shown once, after the redirect, from a cookie for the members page.
    const once = created.headers.getSetCookie().find((header) => header.startsWith('__once='))!.split(';')[0]!
    const invite = (await (
      (await membersLoader(args(forged(`/workshops/${workshop.id}/members`, { cookie: `${fran.cookie}; ${once}` }), { workshopId: workshop.id }))) as Response
    ).json()) as { newInviteLink: { url: string } }
    expect(invite.newInviteLink.url).toMatch(new RegExp(`^${PUBLIC_URL}/invites/[\\w-]+$`))

    const openApi = (await (await openApiLoader({ request: forged('/api/v1/openapi.json') })).json()) as { servers: { url: string }[] }
    expect(openApi.servers).toEqual([{ url: PUBLIC_URL, description: 'This Leadpact instance' }])

    const docs = (await (await apiDocsLoader(args(forged('/api')))).json()) as { origin: string }
    expect(docs.origin).toBe(PUBLIC_URL)
    const integrations = (await (await integrationsLoader(args(forged(`/workshops/${workshop.id}/integrations`, { cookie: fran.cookie }), { workshopId: workshop.id }))).json()) as {
      origin: string
    }
    expect(integrations.origin).toBe(PUBLIC_URL)
    expect(JSON.stringify([share, invite, openApi, docs, integrations])).not.toContain(FORGED)
  })
})

describe('review: the session cookie is __Host- prefixed in production', () => {
  afterAll(() => {
    vi.unstubAllEnvs()
    vi.stubEnv('PUBLIC_URL', PUBLIC_URL)
  })

  it('names it __Host-session when Secure (Path=/, no Domain), __session on plain HTTP', async () => {
    const user = await person('cookie@example.com')
    const setCookie = async (env: Record<string, string | undefined>) => {
      vi.resetModules()
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
      const session = await import('~/http/session.server')
      const response = await session.createUserSession({ request: new Request(`${PUBLIC_URL}/login`, { method: 'POST' }), userId: user.id, redirectTo: '/workshops' })
      return response.headers.get('Set-Cookie')!
    }
    const production = await setCookie({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), COOKIE_SECURE: undefined })
    expect(production).toMatch(/^__Host-session=[^;]+;/)
    expect(production).toMatch(/; Secure/)
    expect(production).toMatch(/; Path=\//)
    expect(production).not.toMatch(/Domain=/i)
    const plainHttp = await setCookie({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), COOKIE_SECURE: 'false' })
    expect(plainHttp).toMatch(/^__session=/)
    expect(plainHttp).not.toMatch(/; Secure/)
  })
})

describe('finding 8: intent=toString and other Object.prototype names', () => {
  it('answers 400, never 500, for intents named after Object.prototype members', async () => {
    const { fran, workshop } = await publishedWorkshop('intents')
    for (const intent of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const [name, action, url] of [
        ['members', membersAction, `/workshops/${workshop.id}/members`],
        ['review', reviewAction, `/workshops/${workshop.id}/review`],
        ['versions', versionsAction, `/workshops/${workshop.id}/versions?index`],
      ] as const) {
        // Returned or thrown (readIntent throws its 400): either way a 400, never a 500.
        const answer = (await action(args(forged(url, { cookie: fran.cookie, fields: { intent } }), { workshopId: workshop.id })).catch((thrown: unknown) => thrown)) as Response
        expect(answer.status, `${name} ${intent}`).toBe(400)
      }
    }
    expect(await store().db.select({ id: memberships.id }).from(memberships).where(eq(memberships.workshopId, workshop.id))).toHaveLength(3)
  })
})

/** A GET on the production server with any Host header (fetch does not let us forge it). */
function getWithHost(baseUrl: string, pathname: string, host: string, cookie?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(pathname, baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.request(url, { headers: { Host: host, ...(cookie ? { Cookie: cookie } : {}) } }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('finding 8 on the production server: PUBLIC_URL, not the Host header; the __Host- cookie', () => {
  const app = useProductionServer({ PUBLIC_URL, COOKIE_SECURE: 'true' })

  it('serves openapi.json with the configured origin to a forged Host, and sets __Host-session at log-in', async () => {
    const openApi = await getWithHost(app.baseUrl, '/api/v1/openapi.json', FORGED)
    expect(openApi.status).toBe(200)
    expect((JSON.parse(openApi.body) as { servers: { url: string }[] }).servers[0]!.url).toBe(PUBLIC_URL)
    expect(openApi.body).not.toContain(FORGED)

    const login = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      // As the browser and a reverse proxy in front of PUBLIC_URL send it.
      headers: { Origin: PUBLIC_URL, 'X-Forwarded-Host': new URL(PUBLIC_URL).host, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'facilitator@demo.leadpact.test', password: 'leadpact-demo' }),
    })
    expect(login.status).toBe(302)
    const setCookie = login.headers.getSetCookie().find((cookie) => cookie.includes('session='))!
    expect(setCookie).toMatch(/^__Host-session=[^;]+;/)
    expect(setCookie).toMatch(/; Path=\/(;|$)/)
    expect(setCookie).toMatch(/; Secure(;|$)/)
    expect(setCookie).not.toMatch(/Domain=/i)
    const cookie = setCookie.split(';')[0]!
    const api = await getWithHost(app.baseUrl, '/api', FORGED, cookie)
    expect(api.status).toBe(200)
    expect(api.body).toContain(`${PUBLIC_URL}/api/v1/`)
    expect(api.body).not.toContain(FORGED)
  })
})

describe('finding 8 on the demo server without PUBLIC_URL: links on the address it listens on', () => {
  // The server inherits this process's environment: without the PUBLIC_URL stubbed for the in-process tests.
  beforeAll(() => vi.stubEnv('PUBLIC_URL', undefined))
  afterAll(() => vi.stubEnv('PUBLIC_URL', PUBLIC_URL))
  const app = useProductionServer()

  it('answers a forged Host with the address the server printed, not the forged one', async () => {
    const openApi = await getWithHost(app.baseUrl, '/api/v1/openapi.json', FORGED)
    expect(openApi.status).toBe(200)
    expect((JSON.parse(openApi.body) as { servers: { url: string }[] }).servers[0]!.url).toBe(app.baseUrl)
    expect(openApi.body).not.toContain(FORGED)
  })
})

describe('finding 8: PUBLIC_URL is required in production', () => {
  let dir = ''
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-no-public-url-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('refuses to start a production server without PUBLIC_URL (outside the demo), saying what to set', async () => {
    if (!fs.existsSync('build/index.js')) throw new Error('No production build: run `npm run build` (npm test does it for you).')
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'app.db'), SESSION_SECRET: randomBytes(32).toString('hex') }
    delete env.PUBLIC_URL
    delete env.LEADPACT_DEMO
    const server = spawn(process.execPath, ['scripts/serve.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => server.on('exit', resolve))
    expect(code).toBe(1)
    expect(output).toContain('Leadpact could not start')
    expect(output).toContain('PUBLIC_URL is required in production')
    expect(output).not.toContain('running at')
  })
})
