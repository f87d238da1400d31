import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { getEnv } from './env.server'
import { createSession, deleteSession, deleteUserSessions, getSessionUser, type User } from '~/models/user.server'
import { readOncePerRequest } from './request-memo.server'
import { safeRedirect } from './redirect'

const SESSION_KEY = 'sessionId'

type SessionData = { sessionId: string }

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined

function sessionStorage() {
  if (storage) return storage
  const env = getEnv()
  const secure = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  storage = createCookieSessionStorage<SessionData>({
    cookie: {
      // __Host-: the browser accepts it only over HTTPS, for this exact host and path / — no
      // subdomain or plain-HTTP page can plant or overwrite a session (session fixation).
      name: secure ? '__Host-session' : '__session',
      httpOnly: true,
      path: '/',
      // Lax: the cookie rides on top-level navigations (invite links from email) but not on
      // cross-site POSTs, which is our CSRF defence for form posts.
      sameSite: 'lax',
      secrets: [env.SESSION_SECRET ?? 'leadpact-development-only-secret'],
      secure,
      // No maxAge here: each commit sets `expires` to the session's absolute limit (30 days
      // after log-in). The 12-hour idle timeout is enforced on the server's session row.
    },
  })
  return storage
}

async function getSessionId(request: Request): Promise<string | undefined> {
  const session = await sessionStorage().getSession(request.headers.get('Cookie'))
  const id = session.get(SESSION_KEY)
  return typeof id === 'string' ? id : undefined
}

export async function getUser(request: Request): Promise<User | undefined> {
  const cookie = request.headers.get('Cookie')
  if (!cookie) return undefined
  return readOncePerRequest(`user ${cookie}`, async () => {
    const sessionId = await getSessionId(request)
    return sessionId ? getSessionUser(sessionId) : undefined
  })
}

function loginUrl(request: Request) {
  const url = new URL(request.url)
  return `/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`
}

/** The signed-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request)
  if (!user) throw redirect(loginUrl(request))
  return user
}

/** Starts a fresh session (a new id at every log-in, so a planted id is useless). */
export async function createUserSession({ request, userId, redirectTo }: { request: Request; userId: string; redirectTo: string }) {
  const previous = await getSessionId(request)
  if (previous) await deleteSession(previous)
  const created = await createSession(userId)
  const session = await sessionStorage().getSession()
  session.set(SESSION_KEY, created.id)
  return redirect(safeRedirect(redirectTo, '/workshops'), {
    headers: { 'Set-Cookie': await sessionStorage().commitSession(session, { expires: created.absoluteExpiresAt }) },
  })
}

export async function logout(request: Request) {
  const sessionId = await getSessionId(request)
  if (sessionId) await deleteSession(sessionId)
  const session = await sessionStorage().getSession(request.headers.get('Cookie'))
  return redirect('/login', { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
}

/** Ends every session of the user, on every device, this one included. */
export async function logoutEverywhere(request: Request, userId: string) {
  await deleteUserSessions(userId)
  const session = await sessionStorage().getSession(request.headers.get('Cookie'))
  return redirect('/login', { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
}

/** Used by tests and the e2e harness to log in without the form. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const created = await createSession(userId)
  const session = await sessionStorage().getSession()
  session.set(SESSION_KEY, created.id)
  return sessionStorage().commitSession(session, { expires: created.absoluteExpiresAt })
}
