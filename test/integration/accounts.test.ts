import { describe, expect, it } from 'vitest'
import { sessions, users } from '#db/schema'
import { action as loginAction } from '~/routes/login'
import { action as logoutAction } from '~/routes/logout'
import { action as signupAction } from '~/routes/signup'
import { getUser } from '~/session.server'
import { cookieFrom, formRequest, getRequest, useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()
const args = (request: Request) => ({ request, params: {}, context: {} })
const countUsers = async () => (await store().db.select().from(users)).length

async function errorsOf(response: Response) {
  expect(response.status).toBe(400)
  return ((await response.json()) as { errors?: Record<string, string>; formError?: string })
}

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
    const again = await errorsOf((await signupAction(args(formRequest('/signup', { ...valid, email: 'DANA@example.com ' })))) as Response)
    expect(again.errors?.email).toBe('An account with this email already exists. Log in instead.')
    expect(await countUsers()).toBe(before)
  })

  it('never redirects off-site after sign-up', async () => {
    const response = (await signupAction(
      args(formRequest('/signup', { ...valid, email: 'other@example.com', redirectTo: '//evil.example/phish' })),
    )) as Response
    expect(response.headers.get('Location')).toBe('/workshops')
  })
})

describe('log in and out', () => {
  it('gives one generic message for an unknown email and for a wrong password', async () => {
    const unknown = await errorsOf((await loginAction(args(formRequest('/login', { email: 'nobody@example.com', password: 'whatever it is' })))) as Response)
    const wrong = await errorsOf((await loginAction(args(formRequest('/login', { email: 'dana@example.com', password: 'wrong password!' })))) as Response)
    expect(unknown.formError).toBe('Wrong email or password.')
    expect(wrong.formError).toBe(unknown.formError)
  })

  it('starts a new session id at log-in and ends it at log-out', async () => {
    const first = (await loginAction(args(formRequest('/login', { email: 'dana@example.com', password: 'correct horse battery' })))) as Response
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
