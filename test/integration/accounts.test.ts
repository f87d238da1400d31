import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { sessions, users } from '#db/schema'
import { configureLoginThrottle, createSession, getSessionUser, verifyLogin } from '~/models/user.server'
import { action as accountAction, loader as accountLoader } from '~/routes/account'
import { action as loginAction } from '~/routes/login'
import { action as logoutAction } from '~/routes/logout'
import { action as signupAction } from '~/routes/signup'
import { getUser, sessionCookieFor } from '~/http/session.server'
import { resetPasswordCommand } from '../../scripts/reset-password'
import { cookieFrom, formRequest, getRequest, person, useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()
const args = (request: Request) => ({ request, params: {}, context: {} })
const countUsers = async () => (await store().db.select().from(users)).length
const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000
const PASSWORD = 'a long enough password' // what person() signs up with

type Body = { form?: string; errors?: Record<string, string>; values?: Record<string, string> }

async function errorsOf(response: Response, status = 400) {
  expect(response.status).toBe(status)
  return (await response.json()) as Body
}

async function logIn(email: string, password: string) {
  return (await loginAction(args(formRequest('/login', { email, password })))) as Response
}

async function sessionRow(id: string) {
  const [row] = await store().db.select().from(sessions).where(eq(sessions.id, id))
  return row
}

/** The session id behind a cookie (the id is not readable from the signed cookie in tests). */
async function sessionIdsOf(userId: string) {
  return (await store().db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((row) => row.id)
}

afterEach(() => configureLoginThrottle())

describe('sign up', () => {
  const valid = { name: 'Dana Demand', email: 'Dana@Example.com', password: 'correct horse battery' }

  it.each([
    ['empty name', { ...valid, name: '   ' }, 'name', 'Enter your name.'],
    ['name too long', { ...valid, name: 'x'.repeat(81) }, 'name', 'A name has at most 80 characters.'],
    ['empty email', { ...valid, email: '' }, 'email', 'Enter your email address.'],
    ['not an email', { ...valid, email: 'dana-at-example' }, 'email', 'Enter a valid email address, like dana@example.com.'],
    ['email too long', { ...valid, email: `${'a'.repeat(250)}@example.com` }, 'email', 'An email address has at most 254 characters.'],
    ['short password', { ...valid, password: 'short' }, 'password', 'Use at least 10 characters.'],
    ['password too long', { ...valid, password: 'p'.repeat(201) }, 'password', 'Use at most 200 characters.'],
  ])('refuses %s with a message next to the field and writes nothing', async (_case, fields, field, message) => {
    const before = await countUsers()
    const { errors } = await errorsOf((await signupAction(args(formRequest('/signup', fields)))) as Response)
    expect(errors?.[field]).toBe(message)
    expect(await countUsers()).toBe(before)
  })

  it('refuses a missing field (wrong type) rather than crashing', async () => {
    const { errors } = await errorsOf((await signupAction(args(formRequest('/signup', { email: 'x@example.com' })))) as Response)
    expect(errors?.name).toBe('Enter your name.')
    expect(errors?.password).toBe('Enter a password.')
  })

  it('creates the account, logs in, and refuses the same email twice (in any case)', async () => {
    const response = (await signupAction(args(formRequest('/signup', { ...valid, redirectTo: '/workshops/new' })))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/workshops/new')
    const user = await getUser(getRequest('/', { cookie: cookieFrom(response) }))
    expect(user).toMatchObject({ email: 'dana@example.com', name: 'Dana Demand' })

    const before = await countUsers()
    const again = (await signupAction(args(formRequest('/signup', { ...valid, email: 'DANA@example.com ' })))) as Response
    expect(again.status).toBe(400)
    expect(again.headers.get('Set-Cookie')).toBeNull()
    expect(await countUsers()).toBe(before)
  })

  it('never redirects off-site after sign-up', async () => {
    const response = (await signupAction(
      args(formRequest('/signup', { ...valid, email: 'other@example.com', redirectTo: '//evil.example/phish' })),
    )) as Response
    expect(response.headers.get('Location')).toBe('/workshops')
  })
})

describe('finding 6: sign-up does not say which emails have accounts', () => {
  const generic = 'We could not create an account with these details. If you already have an account, log in.'

  it('answers a taken email with one generic message that names no email and no reason', async () => {
    await person('taken-one@example.com')
    await person('taken-two@example.com')
    const answers = await Promise.all(
      ['taken-one@example.com', 'Taken-Two@Example.com'].map(async (email) => {
        const response = (await signupAction(args(formRequest('/signup', { name: 'Mallory', email, password: 'probing password 1' })))) as Response
        return { status: response.status, body: (await response.json()) as Body }
      }),
    )
    for (const { status, body } of answers) {
      expect(status).toBe(400)
      // A message for the form, nothing on the email field: that would point at the email as the problem.
      expect(body.errors).toEqual({ form: generic })
    }
    // Apart from echoing what was typed, both answers are the same.
    const withoutEcho = answers.map(({ status, body }) => ({ status, ...body, values: undefined }))
    expect(withoutEcho[0]).toEqual(withoutEcho[1])
  })

  it('the message for a taken email is the same whatever the password or name (nothing to compare across tries)', async () => {
    await person('taken-three@example.com')
    const first = await errorsOf((await signupAction(args(formRequest('/signup', { name: 'A', email: 'taken-three@example.com', password: PASSWORD })))) as Response)
    const second = await errorsOf((await signupAction(args(formRequest('/signup', { name: 'B', email: 'taken-three@example.com', password: 'something else 123' })))) as Response)
    expect(first.errors?.form).toBe(generic)
    expect(second.errors?.form).toBe(first.errors?.form)
  })
})

describe('log in and out', () => {
  it('gives one generic message for an unknown email and for a wrong password', async () => {
    const unknown = await errorsOf(await logIn('nobody@example.com', 'whatever it is'))
    const wrong = await errorsOf(await logIn('dana@example.com', 'wrong password!'))
    expect(unknown.errors?.form).toBe('Wrong email or password.')
    expect(wrong.errors?.form).toBe(unknown.errors?.form)
  })

  it('starts a new session id at log-in and ends it at log-out', async () => {
    const first = await logIn('dana@example.com', 'correct horse battery')
    expect(first.status).toBe(302)
    const cookie = cookieFrom(first)
    expect(first.headers.get('Set-Cookie')).toMatch(/HttpOnly/)
    expect(first.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/)

    const second = (await loginAction(
      args(formRequest('/login', { email: 'dana@example.com', password: 'correct horse battery' }, { cookie })),
    )) as Response
    const rotated = cookieFrom(second)
    expect(rotated).not.toBe(cookie)
    // The old session id no longer works.
    expect(await getUser(getRequest('/', { cookie }))).toBeUndefined()
    expect(await getUser(getRequest('/', { cookie: rotated }))).toBeDefined()

    const sessionsBefore = (await store().db.select().from(sessions)).length
    const out = await logoutAction(args(formRequest('/logout', {}, { cookie: rotated })))
    expect(out.status).toBe(302)
    expect(await getUser(getRequest('/', { cookie: rotated }))).toBeUndefined()
    expect((await store().db.select().from(sessions)).length).toBe(sessionsBefore - 1)
  })
})

describe('finding 6: failed log-ins are capped per account', () => {
  it('refuses the email with 429 and Retry-After after the limit, even with the right password', async () => {
    configureLoginThrottle({ maxFailures: 3 })
    const user = await person('lock-me@example.com')
    for (let i = 0; i < 3; i++) await errorsOf(await logIn('lock-me@example.com', `wrong guess ${i}xxxx`))

    const refused = await logIn('lock-me@example.com', PASSWORD)
    const body = await errorsOf(refused, 429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(body.errors?.form).toBe('Too many failed log-ins for this email. Try again in 15 minutes.')
    expect(refused.headers.get('Set-Cookie')).toBeNull()
    // The same email in another spelling is the same account.
    await errorsOf(await logIn(' LOCK-ME@example.com', PASSWORD), 429)
    // Other accounts are not affected.
    const other = await person('not-locked@example.com')
    expect((await logIn(other.email, PASSWORD)).status).toBe(302)

    // After the lockout the right password works again (a clock 16 minutes on).
    const later = await verifyLogin({ email: user.email, password: PASSWORD }, new Date(Date.now() + 16 * MINUTE))
    expect(later).toMatchObject({ ok: true, value: { id: user.id } })
  })

  it('locks unknown emails the same way, so a lock tells nothing about which emails exist', async () => {
    configureLoginThrottle({ maxFailures: 3 })
    for (let i = 0; i < 3; i++) await errorsOf(await logIn('ghost@example.com', `wrong guess ${i}xxxx`))
    const refused = await logIn('ghost@example.com', 'any password at all')
    expect((await errorsOf(refused, 429)).errors?.form).toMatch(/^Too many failed log-ins/)
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/)
  })

  it('counts failures inside the window only, and a success forgives them', async () => {
    configureLoginThrottle({ maxFailures: 3, windowMs: 15 * MINUTE })
    const user = await person('forgiven@example.com')
    const t0 = Date.now()
    const at = (minutes: number) => new Date(t0 + minutes * MINUTE)
    expect(await verifyLogin({ email: user.email, password: 'wrong one 1' }, at(0))).toMatchObject({ ok: false, reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: 'wrong one 2' }, at(1))).toMatchObject({ reason: 'wrong-credentials' })
    // 20 minutes on, the first two have left the window: two more failures do not lock.
    expect(await verifyLogin({ email: user.email, password: 'wrong one 3' }, at(20))).toMatchObject({ reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: 'wrong one 4' }, at(21))).toMatchObject({ reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: PASSWORD }, at(22))).toMatchObject({ ok: true })
    // The success reset the count.
    expect(await verifyLogin({ email: user.email, password: 'wrong one 5' }, at(23))).toMatchObject({ reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: 'wrong one 6' }, at(24))).toMatchObject({ reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: 'wrong one 7' }, at(25))).toMatchObject({ reason: 'wrong-credentials' })
    expect(await verifyLogin({ email: user.email, password: PASSWORD }, at(26))).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 14 * 60 })
  })

  it('lets no more than the limit through when guesses arrive in parallel', async () => {
    configureLoginThrottle({ maxFailures: 3 })
    await person('parallel@example.com')
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => logIn('parallel@example.com', `parallel guess ${i}`)))
    expect(answers.filter((response) => response.status === 400)).toHaveLength(3)
    expect(answers.filter((response) => response.status === 429)).toHaveLength(7)
  })

  it('the 60 wrong passwords of the probe: 10 answered, the other 50 refused with 429', async () => {
    await person('probe-target@example.com')
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await logIn('probe-target@example.com', `probe guess ${i}`)).status)
    expect(statuses.filter((status) => status === 400)).toHaveLength(10)
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true)
  })
})

describe('finding 8: sessions end after 12 idle hours and 30 days at most', () => {
  it('ends a session unused for 12 hours; each use moves the end on', async () => {
    const user = await person('idle@example.com')
    const t0 = new Date()
    const at = (ms: number) => new Date(t0.getTime() + ms)

    const unused = await createSession(user.id, t0)
    expect(unused.expiresAt.getTime()).toBe(t0.getTime() + 12 * HOUR)
    expect(await getSessionUser(unused.id, at(12 * HOUR - 1))).toMatchObject({ id: user.id })
    const idle = await createSession(user.id, t0)
    expect(await getSessionUser(idle.id, at(12 * HOUR))).toBeUndefined()

    const used = await createSession(user.id, t0)
    expect(await getSessionUser(used.id, at(11 * HOUR))).toMatchObject({ id: user.id })
    expect((await sessionRow(used.id))!.expiresAt.getTime()).toBe(t0.getTime() + 23 * HOUR)
    expect(await getSessionUser(used.id, at(22 * HOUR))).toMatchObject({ id: user.id })
    // 12 hours after the last use it is over.
    expect(await getSessionUser(used.id, at(34 * HOUR))).toBeUndefined()
  })

  it('does not write the session row on every page view (only when the stored end is 5 minutes stale)', async () => {
    const user = await person('quiet@example.com')
    const t0 = new Date()
    const session = await createSession(user.id, t0)
    await getSessionUser(session.id, new Date(t0.getTime() + 4 * MINUTE))
    expect((await sessionRow(session.id))!.expiresAt.getTime()).toBe(t0.getTime() + 12 * HOUR)
    await getSessionUser(session.id, new Date(t0.getTime() + 6 * MINUTE))
    expect((await sessionRow(session.id))!.expiresAt.getTime()).toBe(t0.getTime() + 6 * MINUTE + 12 * HOUR)
  })

  it('ends even a busy session 30 days after log-in', async () => {
    const user = await person('busy@example.com')
    const t0 = new Date()
    const session = await createSession(user.id, t0)
    for (let hours = 11; hours < 30 * 24; hours += 11) {
      expect(await getSessionUser(session.id, new Date(t0.getTime() + hours * HOUR)), `used at ${hours} h`).toBeDefined()
    }
    expect((await sessionRow(session.id))!.expiresAt.getTime()).toBe(t0.getTime() + 30 * 24 * HOUR)
    expect(await getSessionUser(session.id, new Date(t0.getTime() + 30 * 24 * HOUR))).toBeUndefined()
  })

  it('brings a session stored with the old 30-day expiry down to the idle timeout at its next use', async () => {
    const user = await person('legacy@example.com')
    const now = new Date()
    const [legacy] = await store()
      .db.insert(sessions)
      .values({ id: 'legacy-session-id', userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + 30 * 24 * HOUR) })
      .returning()
    await getSessionUser(legacy!.id, now)
    expect((await sessionRow(legacy!.id))!.expiresAt.getTime()).toBe(now.getTime() + 12 * HOUR)
  })

  it('a request with an idle session is logged out: the account page sends it to log in', async () => {
    const user = await person('idle-http@example.com')
    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toMatchObject({ id: user.id })
    const [id] = await sessionIdsOf(user.id)
    await store().db.update(sessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(sessions.id, id!))
    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toBeUndefined()
    const refused = await accountLoader(args(getRequest('/account', { cookie: user.cookie }))).catch((response: unknown) => response)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  })

  it('the cookie outlives the idle timeout (the server ends idle sessions) but not the 30 days', async () => {
    const user = await person('cookie@example.com')
    const response = await logIn(user.email, PASSWORD)
    const expires = /Expires=([^;]+)/i.exec(response.headers.get('Set-Cookie') ?? '')?.[1]
    expect(expires).toBeDefined()
    const days = (new Date(expires!).getTime() - Date.now()) / (24 * HOUR)
    expect(days).toBeGreaterThan(29)
    expect(days).toBeLessThanOrEqual(30)
    expect(response.headers.get('Set-Cookie')).not.toMatch(/Max-Age/i)
  })
})

describe('finding 8: change password on /account', () => {
  const change = (cookie: string, fields: Record<string, string>) =>
    accountAction(args(formRequest('/account', { intent: 'change-password', ...fields }, { cookie }))) as Promise<Response>

  it('changes the password, ends every other session and keeps this browser in a fresh one', async () => {
    const user = await person('changer@example.com')
    const otherDevice = (await sessionCookieFor(user.id)).split(';')[0]!
    const bystander = await person('bystander@example.com')

    const response = await change(user.cookie, { currentPassword: PASSWORD, newPassword: 'a brand new password', confirmPassword: 'a brand new password' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/account?changed=1')
    const fresh = cookieFrom(response)
    expect(fresh).not.toBe(user.cookie)

    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toBeUndefined()
    expect(await getUser(getRequest('/', { cookie: otherDevice }))).toBeUndefined()
    expect(await getUser(getRequest('/', { cookie: fresh }))).toMatchObject({ id: user.id })
    expect(await getUser(getRequest('/', { cookie: bystander.cookie }))).toMatchObject({ id: bystander.id })
    expect(await sessionIdsOf(user.id)).toHaveLength(1)

    const page = await (await accountLoader(args(getRequest('/account?changed=1', { cookie: fresh })))).json()
    expect(page).toEqual({ user: { name: 'changer', email: 'changer@example.com' }, activeSessions: 1, changed: true })

    await errorsOf(await logIn(user.email, PASSWORD))
    expect((await logIn(user.email, 'a brand new password')).status).toBe(302)
  })

  it('refuses a wrong current password next to its field and changes nothing', async () => {
    const user = await person('wrong-current@example.com')
    const otherDevice = (await sessionCookieFor(user.id)).split(';')[0]!
    const body = await errorsOf(await change(user.cookie, { currentPassword: 'not my password', newPassword: 'a brand new password', confirmPassword: 'a brand new password' }))
    expect(body.errors).toEqual({ currentPassword: 'This is not your current password.' })
    expect(await getUser(getRequest('/', { cookie: otherDevice }))).toMatchObject({ id: user.id })
    expect((await logIn(user.email, PASSWORD)).status).toBe(302)
  })

  it.each([
    ['no current password', { currentPassword: '', newPassword: 'a brand new password', confirmPassword: 'a brand new password' }, 'currentPassword', 'Enter your current password.'],
    ['a short new password', { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' }, 'newPassword', 'Use at least 10 characters.'],
    ['a new password too long', { currentPassword: PASSWORD, newPassword: 'p'.repeat(201), confirmPassword: 'p'.repeat(201) }, 'newPassword', 'Use at most 200 characters.'],
    ['a confirmation that differs', { currentPassword: PASSWORD, newPassword: 'a brand new password', confirmPassword: 'a brand new passw0rd' }, 'confirmPassword', 'This does not match the new password.'],
    ['no confirmation', { currentPassword: PASSWORD, newPassword: 'a brand new password' }, 'confirmPassword', 'Repeat the new password.'],
    ['the same password again', { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }, 'newPassword', 'Choose a password different from the current one.'],
  ])('refuses %s with a message next to the field and never echoes a password', async (_case, fields, field, message) => {
    const user = await person(`rules-${field}-${Math.random().toString(36).slice(2)}@example.com`)
    const body = await errorsOf(await change(user.cookie, fields))
    expect(body.errors?.[field]).toBe(message)
    expect(Object.keys(body.values ?? {}).filter((key) => /password/i.test(key))).toEqual([])
    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toMatchObject({ id: user.id })
  })

  it('refuses an unknown intent with a form message, and an anonymous post with a redirect to log in', async () => {
    const user = await person('intent@example.com')
    const body = await errorsOf((await accountAction(args(formRequest('/account', { intent: 'toString' }, { cookie: user.cookie })))) as Response)
    expect(body.errors?.form).toBe('This form is out of date: reload the page.')
    const anonymous = await accountAction(args(formRequest('/account', { intent: 'logout-everywhere' }))).catch((response: unknown) => response)
    expect((anonymous as Response).status).toBe(302)
    expect((anonymous as Response).headers.get('Location')).toMatch(/^\/login\?/)
  })

  it('counts wrong current passwords against the same per-account limit (429 + Retry-After)', async () => {
    configureLoginThrottle({ maxFailures: 2 })
    const user = await person('guessing-session@example.com')
    const guess = { newPassword: 'a brand new password', confirmPassword: 'a brand new password' }
    await errorsOf(await change(user.cookie, { ...guess, currentPassword: 'guess number one' }))
    await errorsOf(await change(user.cookie, { ...guess, currentPassword: 'guess number two' }))
    const refused = await change(user.cookie, { ...guess, currentPassword: PASSWORD })
    expect((await errorsOf(refused, 429)).errors?.form).toMatch(/^Too many wrong passwords/)
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    await errorsOf(await logIn(user.email, PASSWORD), 429)
  })
})

describe('finding 8: log out everywhere', () => {
  it('ends every session of the user and sends this browser to log in; other people stay logged in', async () => {
    const user = await person('everywhere@example.com')
    const laptop = (await sessionCookieFor(user.id)).split(';')[0]!
    const phone = (await sessionCookieFor(user.id)).split(';')[0]!
    const bystander = await person('stays@example.com')
    const page = await (await accountLoader(args(getRequest('/account', { cookie: user.cookie })))).json()
    expect(page.activeSessions).toBe(3)

    const response = (await accountAction(args(formRequest('/account', { intent: 'logout-everywhere' }, { cookie: user.cookie })))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login')
    expect(response.headers.get('Set-Cookie')).toMatch(/Expires=Thu, 01 Jan 1970/)
    for (const cookie of [user.cookie, laptop, phone]) expect(await getUser(getRequest('/', { cookie }))).toBeUndefined()
    expect(await sessionIdsOf(user.id)).toEqual([])
    expect(await getUser(getRequest('/', { cookie: bystander.cookie }))).toMatchObject({ id: bystander.id })
  })
})

describe('finding 8: operator password reset (scripts/reset-password.ts)', () => {
  function io(stdin = '') {
    const printed: string[] = []
    const failed: string[] = []
    return { printed, failed, io: { readStdin: async () => stdin, print: (line: string) => printed.push(line), fail: (line: string) => failed.push(line) } }
  }

  it('prints a new random password that works, and ends every session of the account', async () => {
    const user = await person('forgetful@example.com')
    await sessionCookieFor(user.id)
    const run = io()
    expect(await resetPasswordCommand(['Forgetful@Example.com'], run.io)).toBe(0)
    expect(run.failed).toEqual([])
    expect(run.printed[0]).toBe('Password of forgetful@example.com reset; 2 sessions ended.')
    const password = /: (\S+)$/.exec(run.printed[1] ?? '')?.[1]
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toBeUndefined()
    await errorsOf(await logIn(user.email, PASSWORD))
    expect((await logIn(user.email, password!)).status).toBe(302)
  })

  it('takes the new password from stdin with --stdin and does not print it', async () => {
    const user = await person('chosen@example.com')
    const run = io('the operator chose this\n')
    expect(await resetPasswordCommand([user.email, '--stdin'], run.io)).toBe(0)
    expect(run.printed.join('\n')).not.toContain('the operator chose this')
    expect((await logIn(user.email, 'the operator chose this')).status).toBe(302)
  })

  it('changes nothing for an unknown email, a short password or a wrong call', async () => {
    const user = await person('untouched@example.com')
    const unknown = io()
    expect(await resetPasswordCommand(['nobody-here@example.com'], unknown.io)).toBe(1)
    expect(unknown.failed).toEqual(['No account has the email nobody-here@example.com. Nothing was changed.'])
    const short = io('short\n')
    expect(await resetPasswordCommand([user.email, '--stdin'], short.io)).toBe(2)
    expect(short.failed[0]).toBe('The password from stdin is refused: Use at least 10 characters.')
    const usage = io()
    expect(await resetPasswordCommand([], usage.io)).toBe(2)
    expect(usage.failed[0]).toMatch(/^Usage: npm run reset-password/)
    expect(await resetPasswordCommand(['not-an-email'], io().io)).toBe(2)
    expect(await getUser(getRequest('/', { cookie: user.cookie }))).toMatchObject({ id: user.id })
    expect((await logIn(user.email, PASSWORD)).status).toBe(302)
  })
})
