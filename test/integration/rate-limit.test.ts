import { describe, expect, it } from 'vitest'
import { useProductionServer } from '../setup/production-server'

// finding 6: per-IP limits at the edge, with the production tiers (no multiplier).
const app = useProductionServer({ LEADPACT_RATE_LIMIT_MULTIPLIER: '1' })

describe('finding 6: brute force and sign-up floods are rate limited', () => {
  it('refuses the 11th log-in attempt in a minute from one address with 429 and Retry-After', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await fetch(`${app.baseUrl}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: app.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: `nobody${attempt}@example.com`, password: 'wrong password here' }),
      })
      statuses.push(response.status)
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(await response.text()).toContain('Too many requests')
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 400 || status === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
    // Reading pages is a separate, larger budget.
    expect((await fetch(`${app.baseUrl}/workshops`, { redirect: 'manual' })).status).toBe(302)
  })
})
