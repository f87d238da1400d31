import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compile, type Lead, type ScoringConfig } from '~/domain/scoring'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

const AS_OF = '2026-11-20T12:00:00Z'
const daysAgo = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString()

/** The demo workshop's example leads (app/demo/scoring.ts), as a CRM would send them. */
const demoLeads: Lead[] = [
  {
    id: 'cfo-nordwind',
    attributes: { jobTitle: 'Chief Financial Officer', seniority: 'c_level', industry: 'Software', employees: 400, country: 'DE', email: 'c.weber@nordwind-saas.de', company: 'Nordwind SaaS', budget: 60000, authority: true, need: 'high', timeline: 'this_quarter' },
    activities: [
      { type: 'pricing_view', at: daysAgo(3) },
      { type: 'demo_request', at: daysAgo(1) },
    ],
  },
  {
    id: 'marketing-manager',
    attributes: { jobTitle: 'Marketing Manager', seniority: 'manager', industry: 'Retail', employees: 120, country: 'GB', email: 'sam@shopfront.co.uk', company: 'Shopfront' },
    activities: [
      { type: 'content_download', at: daysAgo(40) },
      { type: 'email_click', at: daysAgo(10) },
    ],
  },
  {
    id: 'student',
    attributes: { jobTitle: 'Student', seniority: 'student', email: 'jo.student@gmail.com', company: 'University' },
    activities: [{ type: 'webinar', at: daysAgo(5) }],
  },
]

function api(path: string, token: string, init: RequestInit = {}) {
  return fetch(`${app.baseUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } })
}

async function createToken(page: Page, name: string) {
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Create token' }).click()
  const field = page.getByTestId('api-token')
  await field.waitFor()
  return field.inputValue()
}

describe.each([{ javaScriptEnabled: true }, { javaScriptEnabled: false }])('API tokens in the browser (JavaScript: $javaScriptEnabled)', ({ javaScriptEnabled }) => {
  it('the facilitator creates a token, a tool scores the demo leads with it, revoking it locks the tool out', async () => {
    const context: BrowserContext = await app.newContext({ javaScriptEnabled })
    const page = await app.logInAs(context, DEMO.facilitator)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(workshopPath)
    await page.getByRole('link', { name: 'Integrations' }).click()
    await page.waitForURL(`**${workshopPath}/integrations`)
    const workshopId = (await page.getByTestId('workshop-id').textContent())!
    expect(workshopPath).toBe(`/workshops/${workshopId}`)

    // A name is needed; nothing is created without one.
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect.poll(() => page.getByText('Name the token after the tool').count()).toBe(1)

    const name = `CRM sync ${javaScriptEnabled ? 'js' : 'no-js'}`
    const token = await createToken(page, name)
    expect(token).toMatch(/^lp_[A-Za-z0-9_-]{43}$/)
    await snapshot(page, `integrations-created-${javaScriptEnabled ? 'js' : 'nojs'}`)
    // Shown once: coming back shows only its prefix. (goto, not reload: without JavaScript a reload would post again.)
    await page.goto(`${workshopPath}/integrations`)
    const row = page.getByTestId(`token-${name}`)
    await expect.poll(() => row.textContent()).toContain(`${token.slice(0, 10)}…`)
    await expect.poll(() => page.getByTestId('api-token').count()).toBe(0)
    await expect.poll(() => row.getByTestId('last-used').textContent()).toBe('never')

    const versions = await api(`/api/v1/workshops/${workshopId}/versions`, token)
    expect(versions.status).toBe(200)
    // The demo publishes v1 and v2; a token reads the newest.
    expect((await versions.json()).latest).toBe(2)

    // The curl-equivalent request: the demo's example leads against the latest version.
    const scored = await api(`/api/v1/workshops/${workshopId}/versions/latest/score`, token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: AS_OF, leads: demoLeads }),
    })
    expect(scored.status).toBe(200)
    const body = await scored.json()
    expect(body).toMatchObject({ workshopId, version: 2, asOf: '2026-11-20T12:00:00.000Z', count: 3 })
    expect(body.results.map((result: { id: string }) => result.id)).toEqual(['cfo-nordwind', 'marketing-manager', 'student'])
    expect(body.results[2]).toMatchObject({ stage: 'disqualified', disqualifiedBy: expect.arrayContaining(['dq-student']) })
    expect(['mql', 'sql']).toContain(body.results[0].stage)
    // Exactly the engine's answer on the config the API serves for that version.
    const config = (await (await api(`/api/v1/workshops/${workshopId}/versions/${body.version}/config`, token)).json()) as ScoringConfig
    const engine = compile(config)
    for (const [i, lead] of demoLeads.entries()) {
      const { fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions } = engine.score(lead, AS_OF)
      expect(body.results[i]).toEqual({ id: lead.id, fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions })
    }

    await page.goto(`${workshopPath}/integrations`)
    await expect.poll(() => row.getByTestId('last-used').textContent()).not.toBe('never')
    // Revoking cannot be undone: the first click asks, the second revokes.
    await row.locator('summary', { hasText: 'Revoke' }).click()
    await row.getByRole('button', { name: 'Yes, revoke' }).click()
    await expect.poll(() => page.getByText(`Revoked “${name}”`).count()).toBe(1)
    await expect.poll(() => row.textContent()).toContain('revoked')
    await snapshot(page, `integrations-revoked-${javaScriptEnabled ? 'js' : 'nojs'}`)

    const after = await api(`/api/v1/workshops/${workshopId}/versions/latest/score`, token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: AS_OF, leads: demoLeads }),
    })
    expect(after.status).toBe(401)
    expect((await after.json()).error.code).toBe('invalid_token')
    await context.close()
  })
})

describe('the /api page', () => {
  it('documents every endpoint, and its curl commands work against the running app', async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.facilitator)
    await page.goto('/api')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Leadpact API')
    const description = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> }
    for (const methods of Object.values(description.paths)) {
      for (const operation of Object.values(methods)) await expect.poll(() => page.locator(`section#${operation.operationId}`).count()).toBe(1)
    }
    await snapshot(page, 'api-docs')

    const curlAvailable = await promisify(execFile)('curl', ['--version']).then(
      () => true,
      () => false,
    )
    if (!curlAvailable) return
    await page.goto('/workshops')
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(`${workshopPath}/integrations`)
    const token = await createToken(page, 'curl from the docs')
    const workshopId = workshopPath.split('/').pop()!

    await page.goto('/api')
    const command = (await page.getByLabel('curl command for Score a batch of leads').textContent())!
    expect(command).toContain(`${app.baseUrl}/api/v1/workshops/$WORKSHOP_ID/versions/latest/score`)
    const script = `${fs.mkdtempSync('/tmp/leadpact-curl-')}/run.sh`
    fs.writeFileSync(script, `${command} --silent --show-error\n`)
    const { stdout } = await promisify(execFile)('bash', [script], { env: { ...process.env, LEADPACT_TOKEN: token, WORKSHOP_ID: workshopId } })
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({ workshopId, count: 2 })
    expect(result.results.map((r: { id: string }) => r.id)).toEqual(['crm-1001', 'crm-1002'])
    fs.rmSync(script.replace(/\/run\.sh$/, ''), { recursive: true, force: true })
    await context.close()
  })
})
