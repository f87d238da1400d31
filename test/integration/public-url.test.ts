import { describe, expect, it } from 'vitest'
import { useProductionServer } from '../setup/production-server'

/*
 * Behind a reverse proxy the Host header is the proxy's upstream (127.0.0.1:port here), and the
 * origin people use is PUBLIC_URL. Forms from that origin must work (Remix compares Origin with
 * the host it is told), and the Host must not be trusted for anything.
 */
const PUBLIC_URL = 'https://leadpact.example.com'
const app = useProductionServer({ PUBLIC_URL })

function postLogin(origin: string) {
  return fetch(`${app.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'facilitator@demo.leadpact.test', password: 'not the password' }),
  })
}

describe('PUBLIC_URL behind a proxy that rewrites Host', () => {
  it('accepts a form posted from the public origin (no 500 from the Host mismatch)', async () => {
    const response = await postLogin(PUBLIC_URL)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Wrong email or password.')
  })

  it('refuses a form posted from the upstream address, which is not where people are', async () => {
    expect((await postLogin(app.baseUrl)).status).toBe(403)
  })

  it('builds links on the public origin whatever the Host header says', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/openapi.json`, { headers: { Host: 'evil.example' } })
    const document = (await response.json()) as { servers: { url: string }[] }
    expect(document.servers[0]!.url.startsWith(PUBLIC_URL)).toBe(true)
  })
})
