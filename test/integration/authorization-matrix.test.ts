import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatabaseFingerprint } from '../setup/database-fingerprint'
import { useProductionServer } from '../setup/production-server'
import { fillPattern, routeList, type RouteEntry } from '../setup/routes'

/*
 * Issue 12, "Authorization matrix": every loader (GET) and action (POST) of the production build,
 * asked by ten actors, against the demo workshop. The answer each actor should get is written in
 * EXPECTED, one cell per actor; a (route, method) of the build without a row fails, and so does a
 * row for a route that is gone.
 *
 * Posts carry a body that no action accepts (`intent=__matrix_probe`, or an empty batch for the
 * API), so an answer tells who got past authorization: 302 to /login, 404 (not a member), 403 (a
 * member without the capability the action asks for up front), 401/403 (API tokens), or the
 * action's own refusal of the body (400, 415) meaning "got in". Pages are asked twice: as a
 * document (what a browser gets) and as a Remix data request for that route alone (what
 * client-side navigation gets, where no parent layout's check stands in front of the route's own).
 */

const SESSION_SECRET = randomBytes(32).toString('hex')
const app = useProductionServer({ SESSION_SECRET, LEADPACT_RATE_LIMIT_MULTIPLIER: '100000' })

const ACTORS = ['anonymous', 'outsider', 'viewer', 'marketing', 'sales', 'facilitator', 'otherFacilitator', 'token', 'otherToken', 'revokedToken'] as const
type Actor = (typeof ACTORS)[number]
type Method = 'GET' | 'POST'

/**
 * An expected answer: a status, a 302 to a path (`:workshopId` filled in) or L; or, where a
 * document and a data request rightly differ, one of each.
 */
type Expected = number | { redirect: string }
type Cell = Expected | { document: Expected; data: Expected }
/** 302 to /login?redirectTo=<the path asked for>, exactly as requireUser builds it. */
const L: Expected = { redirect: ':login' }
const to = (path: string): Expected => ({ redirect: path })
const W = to('/workshops')
const DIFF = to('/workshops/:workshopId/versions/1/diff/2')
const HOME = to('/')
const LOGGED_OUT = to('/login')
/**
 * A logged-in actor posting a wrong log-in or sign-up form: the action refuses it (400); a
 * browser's document post then renders the page, whose loader sends a logged-in user on.
 */
const REFUSED_THEN_ON = { document: W, data: 400 } as const satisfies Cell

/** One cell per actor, in the order of ACTORS. */
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]

// Columns: anonymous, outsider (logged in, no membership), viewer, marketing, sales, facilitator,
// facilitator of another workshop, API token of this workshop, of another workshop, revoked token.
// Outside /api/v1 a token is no credential: its bearer is anonymous. Inside, a cookie is none.
// prettier-ignore
const EXPECTED: Record<string, Partial<Record<Method, Row>>> = {
  //                                                                 anon  outsdr viewer mktg   sales  facil  otherF token  otherT revoked
  'routes/_index':                                             { GET:  [200,  W,     W,     W,     W,     W,     W,     200,   200,   200] },
  // A closed round's public link: anyone sees that it is closed; a probe post is refused as a form (400).
  'routes/a.$token':                                           { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200],
                                                                 POST: [400,  400,   400,   400,   400,   400,   400,   400,   400,   400] },
  'routes/account':                                            { GET:  [L,    200,   200,   200,   200,   200,   200,   L,     L,     L],
                                                                 POST: [L,    400,   400,   400,   400,   400,   400,   L,     L,     L] },
  'routes/api._index':                                         { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/api.v1.$':                                           { GET:  [404,  404,   404,   404,   404,   404,   404,   404,   404,   404],
                                                                 POST: [404,  404,   404,   404,   404,   404,   404,   404,   404,   404] },
  'routes/api.v1.openapi[.]json':                              { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/api.v1.workshops.$workshopId.versions':              { GET:  [401,  401,   401,   401,   401,   401,   401,   200,   403,   401],
                                                                 POST: [405,  405,   405,   405,   405,   405,   405,   405,   405,   405] },
  'routes/api.v1.workshops.$workshopId.versions.$version.config': {
                                                                 GET:  [401,  401,   401,   401,   401,   401,   401,   200,   403,   401],
                                                                 POST: [405,  405,   405,   405,   405,   405,   405,   405,   405,   405] },
  'routes/api.v1.workshops.$workshopId.versions.$version.document': {
                                                                 GET:  [401,  401,   401,   401,   401,   401,   401,   200,   403,   401],
                                                                 POST: [405,  405,   405,   405,   405,   405,   405,   405,   405,   405] },
  'routes/api.v1.workshops.$workshopId.versions.$version.score': {
                                                                 GET:  [405,  405,   405,   405,   405,   405,   405,   405,   405,   405],
                                                                 POST: [401,  401,   401,   401,   401,   401,   401,   200,   403,   401] },
  // GET: a live invite, which anyone may look at. POST: a revoked one (accepting a live one would
  // make the outsider a member); anyone logged in may post, and the probe's intent is refused
  // (400) before the invite is looked at (what each actor gets for a real accept: workshops.test.ts).
  'routes/invites.$token':                                     { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200],
                                                                 POST: [L,    400,   400,   400,   400,   400,   400,   L,     L,     L] },
  'routes/login':                                              { GET:  [200,  W,     W,     W,     W,     W,     W,     200,   200,   200],
                                                                 POST: [400,  REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, 400, 400, 400] },
  // Each logged-in actor posts with a session of its own for the purpose (see `cookieFor`).
  'routes/logout':                                             { GET:  [HOME, HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME],
                                                                 POST: [LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT, LOGGED_OUT] },
  'routes/schemas.scoring-config[.]v1[.]json':                 { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/schemas.scoring-config[.]v2[.]json':                 { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/share.$token':                                       { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/share.$token.document[.]pdf':                        { GET:  [200,  200,   200,   200,   200,   200,   200,   200,   200,   200] },
  'routes/signup':                                             { GET:  [200,  W,     W,     W,     W,     W,     W,     200,   200,   200],
                                                                 POST: [400,  REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, REFUSED_THEN_ON, 400, 400, 400] },
  'routes/workshops._index':                                   { GET:  [L,    200,   200,   200,   200,   200,   200,   L,     L,     L] },
  'routes/workshops.assessments':                             { GET:  [L,    200,   200,   200,   200,   200,   200,   L,     L,     L] },
  'routes/workshops.import':                                   { GET:  [L,    200,   200,   200,   200,   200,   200,   L,     L,     L],
                                                                 POST: [L,    415,   415,   415,   415,   415,   415,   L,     L,     L] },
  'routes/workshops.new':                                      { GET:  [L,    200,   200,   200,   200,   200,   200,   L,     L,     L],
                                                                 POST: [L,    400,   400,   400,   400,   400,   400,   L,     L,     L] },
  'routes/workshops.$workshopId':                              { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId._index':                       { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.$step':                        { GET:  [L,    404,   404,   404,   404,   404,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.assessment._index':            { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.assessment.answers[.]csv':     { GET:  [L,    404,   403,   403,   403,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.assessment.export[.]md':       { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.assessment.report':            { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  // Participants answer a round; the facilitator runs it and does not answer.
  'routes/workshops.$workshopId.assessment.rounds.$roundId':   { GET:  [L,    404,   200,   200,   200,   403,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   403,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.backtests._index':             { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   400,   400,   400,   404,   L,     L,     L] },
  // The demo's finished back-test run: a viewer reads its results, only the room acts on it.
  'routes/workshops.$workshopId.backtests.$runId':             { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.backup[.]json':                { GET:  [L,    404,   403,   403,   403,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.context':                      { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.criteria':                     { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.draft':                        { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.integrations':                 { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   403,   403,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.leads':                        { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.leads.events':                 { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.members':                      { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   403,   403,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.personas':                     { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.review':                       { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.scoring':                      { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.scoring.config[.]json':       { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.scoring_.thresholds':           { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.simulator':                    { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.sla':                          { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.stages':                       { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   400,   400,   400,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions._index':              { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L],
                                                                 POST: [L,    404,   403,   403,   403,   400,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$a.diff.$b':          { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number._index':      { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]csv': { GET: [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]html': { GET: [L,   404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]json': { GET: [L,   404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]md':  { GET: [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]pdf': { GET: [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.published':   { GET:  [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.$number.export[.]sql': { GET: [L,    404,   200,   200,   200,   200,   404,   L,     L,     L] },
  'routes/workshops.$workshopId.versions.compare':             { GET:  [L,    404,   DIFF,  DIFF,  DIFF,  DIFF,  404,   L,     L,     L] },
}

interface Fixtures {
  workshopId: string
  cookies: Partial<Record<Actor, string>>
  /** A second session per logged-in actor, for posts that end the session they come with. */
  spareCookies: Partial<Record<Actor, string>>
  tokens: Partial<Record<Actor, string>>
  liveInvite: string
  revokedInvite: string
  shareToken: string
  backtestRunId: string
  /** The demo's latest assessment round (closed) and its public link. */
  assessmentRoundId: string
  assessmentToken: string
}

let fixtures: Fixtures
let database: DatabaseFingerprint
let routes: RouteEntry[] = []

/** Ends the session they come with: asked with the actor's spare session, so the others go on. */
const SESSION_ENDING: ReadonlySet<string> = new Set(['routes/logout POST'])

/** Where a route is asked, when the shared parameters do not fit it. */
function targetOf(route: RouteEntry, method: Method): { path: string; query: string } {
  const params: Record<string, string> = {
    workshopId: fixtures.workshopId,
    number: '1',
    version: '1',
    a: '1',
    b: '2',
    // Every step has its own page now: the catch-all step route only answers a slug that is no step.
    step: 'no-such-step',
    runId: fixtures.backtestRunId,
    roundId: fixtures.assessmentRoundId,
    token: route.id.startsWith('routes/share.$token')
      ? fixtures.shareToken
      : route.id === 'routes/a.$token'
        ? fixtures.assessmentToken
        : method === 'GET'
          ? fixtures.liveInvite
          : fixtures.revokedInvite,
    '*': 'no-such-endpoint',
  }
  const query = route.id === 'routes/workshops.$workshopId.versions.compare' ? 'a=1&b=2' : ''
  return { path: fillPattern(route.pattern, params), query }
}

function cookieFor(actor: Actor, key: string): string | undefined {
  return SESSION_ENDING.has(key) ? fixtures.spareCookies[actor] : fixtures.cookies[actor]
}

type Transport = 'plain' | 'document' | 'data'
interface Answer {
  status: number
  location?: string
}

/** One request as `actor`; a data request's redirect (204 + X-Remix-Redirect) is read as the 302 it stands for. */
async function ask(route: RouteEntry, method: Method, actor: Actor, transport: Transport): Promise<{ answer: Answer; asked: string }> {
  const key = `${route.id} ${method}`
  const { path, query } = targetOf(route, method)
  const search = new URLSearchParams(query)
  // An index route shares its path with its parent layout; `?index` names the index route.
  if (/(^|[./])_index$/.test(route.id) && transport !== 'plain') search.set('index', '')
  if (transport === 'data') search.set('_data', route.id)
  const url = `${app.baseUrl}${path}${search.size ? `?${search}` : ''}`

  const headers: Record<string, string> = {}
  const cookie = cookieFor(actor, key)
  if (cookie) headers.Cookie = cookie
  const token = fixtures.tokens[actor]
  if (token) headers.Authorization = `Bearer ${token}`
  let body: string | undefined
  if (method === 'POST') {
    headers.Origin = app.baseUrl
    if (route.pattern.startsWith('/api/')) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify({ leads: [] })
    } else {
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams({ intent: '__matrix_probe' }).toString()
    }
  }
  const response = await fetch(url, { method, headers, body, redirect: 'manual' })
  // The board's event stream never ends: its headers are the answer.
  if (response.headers.get('Content-Type')?.startsWith('text/event-stream')) await response.body?.cancel()
  else await response.arrayBuffer()

  // What the route saw (Remix takes `index` and `_data` off): where a login sends it back to.
  const asked = `${path}${query ? `?${query}` : ''}`
  const remixRedirect = response.headers.get('X-Remix-Redirect')
  if (transport === 'data' && response.status === 204 && remixRedirect) {
    return { answer: { status: Number(response.headers.get('X-Remix-Status') ?? 302), location: remixRedirect }, asked }
  }
  return { answer: { status: response.status, location: response.headers.get('Location') ?? undefined }, asked }
}

/** The cell's answer for this transport (a resource route's plain request is its document). */
function expectedFor(cell: Cell, transport: Transport): Expected {
  if (typeof cell === 'object' && 'document' in cell) return transport === 'data' ? cell.data : cell.document
  return cell
}

function describeCell(cell: Expected): string {
  return typeof cell === 'number' ? String(cell) : `302 → ${cell.redirect === ':login' ? '/login?redirectTo=…' : cell.redirect}`
}

function matches(cell: Expected, answer: Answer, askedPath: string): boolean {
  if (typeof cell === 'number') return answer.status === cell
  const location =
    cell.redirect === ':login' ? `/login?${new URLSearchParams({ redirectTo: askedPath })}` : cell.redirect.replace(':workshopId', encodeURIComponent(fixtures.workshopId))
  return answer.status === 302 && answer.location === location
}

beforeAll(async () => {
  // The models below write the server's own database file; sessions they sign must be the server's.
  process.env.DATABASE_PATH = app.databasePath
  process.env.SESSION_SECRET = SESSION_SECRET
  process.env.COOKIE_SECURE = 'false'
  database = await DatabaseFingerprint.open(app.databasePath)
  routes = await routeList()

  const { createUser } = await import('~/models/user.server')
  const { createWorkshop } = await import('~/models/workshop.server')
  const { acceptInvite, createInvite, revokeInvite } = await import('~/models/invite.server')
  const { createApiToken, revokeApiToken } = await import('~/models/api-token.server')
  const { createShareLink } = await import('~/models/share-link.server')
  const { publicLinkToken } = await import('~/models/assessment.server')
  const { sessionCookieFor } = await import('~/http/session.server')
  const { getStore } = await import('#db/client.server')
  try {
    const [demo] = await database.all<{ id: string }>("SELECT id FROM workshops WHERE company = 'Acme Analytics'")
    const workshopId = demo!.id
    const [latestRound] = await database.all<{ id: string }>('SELECT id FROM assessment_rounds WHERE workshop_id = ? ORDER BY opened_at DESC LIMIT 1', [workshopId])
    const assessmentRoundId = latestRound!.id
    const demoUser = async (email: string) => (await database.all<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]))[0]!.id
    const newUser = async (email: string) => {
      const created = await createUser({ email, name: email.split('@')[0]!, password: 'matrix probe password' })
      if (!created.ok) throw new Error(`Could not create ${email}`)
      return created.value.id
    }

    const userIds: Partial<Record<Actor, string>> = {
      outsider: await newUser('outsider@matrix.leadpact.test'),
      viewer: await newUser('viewer@matrix.leadpact.test'),
      marketing: await demoUser('marketing@demo.leadpact.test'),
      sales: await demoUser('sales@demo.leadpact.test'),
      facilitator: await demoUser('facilitator@demo.leadpact.test'),
      otherFacilitator: await newUser('other-facilitator@matrix.leadpact.test'),
    }
    const facilitatorId = userIds.facilitator!
    const otherWorkshop = await createWorkshop({ name: 'Another workshop', company: 'Other Company', userId: userIds.otherFacilitator! })

    const viewerInvite = await createInvite({ workshopId, role: 'viewer', expiresInDays: 1, singleUse: true, createdBy: facilitatorId })
    const joined = await acceptInvite({ token: viewerInvite.token, userId: userIds.viewer! })
    if (!joined.ok) throw new Error(`The viewer could not join: ${joined.reason}`)
    const liveInvite = await createInvite({ workshopId, role: 'marketing', expiresInDays: 7, singleUse: false, createdBy: facilitatorId })
    const revokedInvite = await createInvite({ workshopId, role: 'marketing', expiresInDays: 7, singleUse: false, createdBy: facilitatorId })
    expect(await revokeInvite({ workshopId, inviteId: revokedInvite.id })).toBeTruthy()

    const scopes = ['read', 'score'] as const
    const token = await createApiToken({ workshopId, name: 'matrix', scopes, createdBy: facilitatorId })
    const otherToken = await createApiToken({ workshopId: otherWorkshop.id, name: 'matrix', scopes, createdBy: userIds.otherFacilitator! })
    const revokedToken = await createApiToken({ workshopId, name: 'matrix revoked', scopes, createdBy: facilitatorId })
    expect(await revokeApiToken({ workshopId, tokenId: revokedToken.id })).toBe('revoked')

    const cookies: Fixtures['cookies'] = {}
    const spareCookies: Fixtures['spareCookies'] = {}
    for (const [actor, userId] of Object.entries(userIds) as [Actor, string][]) {
      cookies[actor] = (await sessionCookieFor(userId)).split(';')[0]!
      spareCookies[actor] = (await sessionCookieFor(userId)).split(';')[0]!
    }
    fixtures = {
      workshopId,
      cookies,
      spareCookies,
      tokens: { token: token.token, otherToken: otherToken.token, revokedToken: revokedToken.token },
      liveInvite: liveInvite.token,
      revokedInvite: revokedInvite.token,
      shareToken: await createShareLink({ workshopId, userId: facilitatorId }),
      backtestRunId: (await database.all<{ id: string }>('SELECT id FROM backtest_runs WHERE workshop_id = ?', [workshopId]))[0]!.id,
      assessmentRoundId,
      assessmentToken: publicLinkToken(assessmentRoundId),
    }
  } finally {
    await (await getStore()).close()
    ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
  }
})

afterAll(async () => {
  await database?.close()
})

/** Every (route, method) the build answers: GET for a loader or a page, POST for an action. */
function buildKeys(): string[] {
  return routes.flatMap((route) => [...(route.hasLoader || route.isPage ? [`${route.id} GET`] : []), ...(route.hasAction ? [`${route.id} POST`] : [])])
}

function tableKeys(): string[] {
  return Object.entries(EXPECTED).flatMap(([id, methods]) => Object.keys(methods).map((method) => `${id} ${method}`))
}

describe('authorization matrix (issue 12)', () => {
  it('has a row for every loader and action of the build, and none for a route that is gone', () => {
    const inBuild = new Set(buildKeys())
    const inTable = new Set(tableKeys())
    expect({
      'routes of the build without a row in EXPECTED': [...inBuild].filter((key) => !inTable.has(key)),
      'rows in EXPECTED for routes (or methods) the build no longer has': [...inTable].filter((key) => !inBuild.has(key)),
    }).toEqual({ 'routes of the build without a row in EXPECTED': [], 'rows in EXPECTED for routes (or methods) the build no longer has': [] })
  })

  it('signs sessions the server accepts, for every logged-in actor', async () => {
    for (const [actor, cookie] of Object.entries(fixtures.cookies)) {
      const response = await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: 'manual' })
      await response.arrayBuffer()
      expect(response.status, `${actor}'s session`).toBe(200)
    }
  })

  it('answers every cell as written, and changes nothing', { timeout: 600_000 }, async () => {
    const before = await database.fingerprint()
    const rows = routes
      .flatMap((route) => (['GET', 'POST'] as const).map((method) => ({ route, method, row: EXPECTED[route.id]?.[method] })))
      .filter((entry): entry is { route: RouteEntry; method: Method; row: Row } => entry.row !== undefined)
      // Posts that end a session run last, although each uses a spare session of its own.
      .sort((a, b) => Number(SESSION_ENDING.has(`${a.route.id} ${a.method}`)) - Number(SESSION_ENDING.has(`${b.route.id} ${b.method}`)))

    const mismatches: string[] = []
    let cells = 0
    let requests = 0
    for (const { route, method, row } of rows) {
      const transports: Transport[] = route.isPage ? ['document', 'data'] : ['plain']
      for (const transport of transports) {
        // Each actor's request is independent of the others': ask all ten at once.
        const answers = await Promise.all(ACTORS.map((actor) => ask(route, method, actor, transport)))
        requests += answers.length
        answers.forEach(({ answer, asked }, index) => {
          const cell = expectedFor(row[index]!, transport)
          if (!matches(cell, answer, asked)) {
            const got = `${answer.status}${answer.location ? ` → ${answer.location}` : ''}`
            mismatches.push(`${route.id} ${method} as ${ACTORS[index]} (${transport}): expected ${describeCell(cell)}, got ${got}`)
          }
        })
      }
      cells += ACTORS.length
    }
    console.info(`authorization matrix: ${cells} cells (${rows.length} route × method pairs × ${ACTORS.length} actors), ${requests} requests, ${mismatches.length} mismatches`)
    expect(mismatches).toEqual([])
    expect(cells).toBe(tableKeys().length * ACTORS.length)

    // The probes were refused or changed nothing; the actors' own sessions still work.
    expect(await database.fingerprint(), 'a probe changed the database').toBe(before)
    for (const [actor, cookie] of Object.entries(fixtures.cookies)) {
      const response = await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: 'manual' })
      await response.arrayBuffer()
      expect(response.status, `${actor}'s session after the run`).toBe(200)
    }
  })
})
