import { describe, expect, it } from 'vitest'
import { useProductionServer } from '../setup/production-server'

/*
 * The request edge of the production server (issue 12, findings 1–4 and 8): hostile field
 * names, redirects, cross-site posts, body sizes and content types, security headers.
 */

const app = useProductionServer()
const FACILITATOR = { email: 'facilitator@demo.leadpact.test', password: 'leadpact-demo' }

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: app.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  })
}

async function logIn(fields: Record<string, string> = {}) {
  const response = await post('/login', new URLSearchParams({ ...FACILITATOR, ...fields }))
  expect(response.status).toBe(302)
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, location: response.headers.get('location') }
}

async function demoWorkshopId(cookie: string) {
  const page = await (await fetch(`${app.baseUrl}/workshops`, { headers: { Cookie: cookie } })).text()
  const id = [...page.matchAll(/href="\/workshops\/([\w-]+)"/g)].map((match) => match[1]!).find((id) => id !== 'new' && id !== 'import')
  if (!id) throw new Error('no demo workshop link on /workshops')
  return id
}

describe('finding 1: prototype pollution through dotted field names', () => {
  it('ignores __proto__ and constructor.prototype names, and a later post with a missing field is refused, not filled in', async () => {
    for (const name of ['__proto__.body', '__proto__[body]', 'constructor.prototype.body', 'x.__proto__.body']) {
      const response = await post('/login', `${encodeURIComponent(name)}=attacker&email=a%40b.c&password=x`)
      expect(response.status, name).toBe(400)
    }
    expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200)
    expect((await fetch(`${app.baseUrl}/signup`)).status).toBe(200)

    const { cookie } = await logIn()
    const id = await demoWorkshopId(cookie)
    const comment = await post(`/workshops/${id}/context`, 'intent=add-comment', { Cookie: cookie })
    expect(comment.status).toBe(400)
    expect(await comment.text()).not.toContain('attacker')
    const page = await (await fetch(`${app.baseUrl}/workshops/${id}/context`, { headers: { Cookie: cookie } })).text()
    expect(page).not.toContain('attacker')
  })
})

describe('finding 2: a huge array index in a field name', () => {
  it('is a 400 at once, and the server keeps answering', async () => {
    const response = await post('/login', `x.500000000=1&x.4294967294=1&email=a%40b.c&password=x`)
    expect(response.status).toBe(400)
    expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200)
  })
})

describe('finding 3: open redirect after log-in', () => {
  it.each([
    ['/%09/evil.example', '/%09/evil.example'],
    ['/\t/evil.example', '/workshops'],
    ['//evil.example', '/workshops'],
    ['/.//evil.example', '/workshops'],
    ['https://evil.example/', '/workshops'],
    ['/workshops\r\nSet-Cookie: x=1', '/workshopsSet-Cookie:%20x=1'],
    ['/wörkshops', '/w%C3%B6rkshops'],
    ['/api?x=1#top', '/api?x=1#top'],
  ])('redirectTo %j lands on %s', async (redirectTo, expected) => {
    const { location } = await logIn({ redirectTo })
    expect(location).toBe(expected)
  })
})

describe('finding 4: cross-site posts', () => {
  it('refuses a data request and a document post from another origin (another port of this host) with 403', async () => {
    const { cookie } = await logIn()
    const id = await demoWorkshopId(cookie)
    const otherPort = app.baseUrl.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`)
    for (const path of [`/workshops/${id}/context?_data=routes%2Fworkshops.%24workshopId.context`, `/workshops/${id}/context`]) {
      const response = await post(path, 'intent=add-comment&body=cross-site', { Cookie: cookie, Origin: otherPort })
      expect(response.status, path).toBe(403)
    }
    const sameSite = await post(`/workshops/${id}/context`, 'intent=add-comment&body=cross-site', { Cookie: cookie, Origin: '', 'Sec-Fetch-Site': 'same-site' })
    expect(sameSite.status).toBe(403)
    const page = await (await fetch(`${app.baseUrl}/workshops/${id}/context`, { headers: { Cookie: cookie } })).text()
    expect(page).not.toContain('cross-site')
  })

  it('accepts the same post from our own origin', async () => {
    const { cookie } = await logIn()
    const id = await demoWorkshopId(cookie)
    const response = await post(`/workshops/${id}/context?_data=routes%2Fworkshops.%24workshopId.context`, 'intent=add-comment&body=same-origin%20comment', { Cookie: cookie })
    expect(response.status).toBeLessThan(400)
    const page = await (await fetch(`${app.baseUrl}/workshops/${id}/context`, { headers: { Cookie: cookie } })).text()
    expect(page).toContain('same-origin comment')
  })
})

describe('finding 8: bodies the forms cannot read', () => {
  it('answers 413 for a form over the limit, judged before reading it', async () => {
    const response = await post('/login', `email=${'a'.repeat(2 * 1024 * 1024)}`)
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('larger than 1 MB')
  })

  it('answers 411 for a streamed form of unknown length', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('email=a'))
        controller.close()
      },
    })
    const response = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      headers: { Origin: app.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(411)
  })

  it.each([
    ['application/json', '{"email":"a"}', 415],
    ['text/plain', 'email=a', 415],
    ['', 'email=a', 415],
    ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\nunterminated', 400],
    ['multipart/form-data', 'no boundary at all', 400],
  ])('answers %j with %s, never 500', async (contentType, body, status) => {
    const response = await post('/login', body, { 'Content-Type': contentType })
    expect(response.status).toBe(status)
  })
})

describe('finding 8: security headers on every answer', () => {
  it.each(['/login', '/schemas/scoring-config.v1.json', '/api/v1/openapi.json', '/favicon.ico'])('%s', async (path) => {
    const response = await fetch(`${app.baseUrl}${path}`)
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('a version download carries them too', async () => {
    const { cookie } = await logIn()
    const id = await demoWorkshopId(cookie)
    const response = await fetch(`${app.baseUrl}/workshops/${id}/versions/1/export.json`, { headers: { Cookie: cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
