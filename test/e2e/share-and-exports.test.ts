import { parse } from 'csv-parse/sync'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

describe('exports and share links', () => {
  it('serves every export of a version; the JSON validates against the served schema', async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(`${workshopPath}/versions/2`)
    await snapshot(page, 'version-2')
    const get = (path: string) => page.request.get(`${workshopPath}/versions/2/${path}`)

    const json = await get('export.json')
    expect(json.headers()['content-disposition']).toContain('scoring-config-v2.json')
    const schema = await (await page.request.get('/schemas/scoring-config.v1.json')).json()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    const config = await json.json()
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    expect(config.source).toMatchObject({ version: 2 })

    const csv = await (await get('export.csv')).text()
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect((parse(csv.slice(1), { columns: true }) as unknown[]).length).toBeGreaterThan(20)
    expect(await (await get('export.md')).text()).toContain('## MQL criteria')
    const html = await (await get('export.html')).text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toContain('<script')
    expect(await (await get('export.sql')).text()).toMatch(/select/i)
    expect(await (await get('export.sql?dialect=duckdb')).text()).toMatch(/select/i)
    expect((await get('export.sql?dialect=oracle')).status()).toBe(400)
    expect((await page.request.get(`${workshopPath}/versions/99/export.json`)).status()).toBe(404)
    await context.close()
  })

  it('opens a share link logged out, shows only the document, and 404s at once after revoke', async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.facilitator)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(`${workshopPath}/versions`)
    await page.getByRole('button', { name: 'Create share link' }).click()
    const shareUrl = await page.getByTestId('share-link').inputValue()
    expect(shareUrl).toContain('/share/')

    const visitor = await app.newContext()
    const shared = await visitor.newPage()
    const response = await shared.goto(shareUrl)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['x-robots-tag']).toContain('noindex')
    await expect.poll(() => shared.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).count()).toBe(1)
    await expect.poll(() => shared.getByText('Version 2').count()).toBeGreaterThan(0)
    await expect.poll(() => shared.locator('.step-nav').count()).toBe(0)
    await expect.poll(() => shared.locator('a[href*="/workshops/"]').count()).toBe(0)
    await snapshot(shared, 'share-link')

    await page.goto(`${workshopPath}/versions`)
    await page.getByRole('button', { name: 'Revoke' }).first().click()
    await expect.poll(() => page.getByText('revoked').count()).toBeGreaterThan(0)
    expect((await shared.goto(shareUrl))?.status()).toBe(404)
    await context.close()
    await visitor.close()
  })
})
