import { parse } from 'csv-parse/sync'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, seriousViolations } from './harness'

const app = useApp()

describe('exports and share links', () => {
  it('serves every export of a version under the company’s name; the JSON validates against the served schema; the PDF is a PDF', async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(`${workshopPath}/versions/2`)
    await snapshot(page, 'version-2')
    const get = (path: string) => page.request.get(`${workshopPath}/versions/2/${path}`)

    const json = await get('export.json')
    expect(json.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-scoring-config-v2.json"')
    const schema = await (await page.request.get('/schemas/scoring-config.v1.json')).json()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    const config = await json.json()
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    expect(config.source).toMatchObject({ version: 2 })

    const csv = await get('export.csv')
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-scoring-rules-v2.csv"')
    const csvText = await csv.text()
    expect(csvText.charCodeAt(0)).toBe(0xfeff)
    expect((parse(csvText.slice(1), { columns: true }) as unknown[]).length).toBeGreaterThan(20)
    const markdown = await get('export.md')
    expect(markdown.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-mql-sql-definition-v2.md"')
    expect(await markdown.text()).toContain('## MQL criteria')
    const html = await get('export.html')
    expect(html.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-mql-sql-definition-v2.html"')
    const htmlText = await html.text()
    expect(htmlText).toMatch(/^<!doctype html>/)
    expect(htmlText).not.toContain('<script')
    const pdf = await get('export.pdf')
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect(pdf.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-mql-sql-definition-v2.pdf"')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    const sql = await get('export.sql')
    expect(sql.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-scoring-v2.postgres.sql"')
    expect(await sql.text()).toMatch(/select/i)
    expect(await (await get('export.sql?dialect=duckdb')).text()).toMatch(/select/i)
    expect((await get('export.sql?dialect=oracle')).status()).toBe(400)
    expect((await page.request.get(`${workshopPath}/versions/99/export.json`)).status()).toBe(404)
    await context.close()
  })

  it('opens a share link logged out: the document alone, readable on a phone, with a PDF; a turned-off link gets its own page', async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.facilitator)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    await page.goto(`${workshopPath}/versions`)
    await page.getByRole('button', { name: 'Create share link' }).click()
    // Post/Redirect/Get: the link is shown once, on the page after the redirect.
    await page.waitForURL(`**${workshopPath}/versions#share`)
    const shareUrl = await page.getByTestId('share-link').inputValue()
    expect(shareUrl).toContain('/share/')
    await page.reload()
    await expect.poll(() => page.getByTestId('share-link').count()).toBe(0)

    const visitor = await app.newContext()
    const shared = await visitor.newPage()
    await shared.setViewportSize({ width: 390, height: 844 })
    const response = await shared.goto(shareUrl)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['x-robots-tag']).toContain('noindex')
    await expect.poll(() => shared.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).count()).toBe(1)
    await expect.poll(() => shared.getByText('Version 2').count()).toBeGreaterThan(0)
    // No app chrome: no top bar, no step menu, no link into the workshop; only a small "Made with Leadpact".
    await expect.poll(() => shared.locator('.topbar').count()).toBe(0)
    await expect.poll(() => shared.locator('.step-nav').count()).toBe(0)
    await expect.poll(() => shared.locator('a[href*="/workshops/"]').count()).toBe(0)
    await expect.poll(() => shared.getByText('Made with Leadpact').count()).toBe(1)
    await expect.poll(() => shared.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    await expect.poll(() => shared.locator('meta[property="og:title"]').getAttribute('content')).toBe('Acme Analytics: what an MQL and an SQL are (version 2)')
    await expect.poll(() => shared.locator('meta[property="og:description"]').getAttribute('content')).toMatch(/^An MQL is a lead with fit ≥ 50/)
    expect(await seriousViolations(shared)).toEqual([])
    await snapshot(shared, 'share-link-390')
    const sharedPdf = await visitor.request.get(`${shareUrl}/document.pdf`)
    expect(sharedPdf.headers()['content-type']).toBe('application/pdf')
    expect(sharedPdf.headers()['content-disposition']).toBe('attachment; filename="acme-analytics-mql-sql-definition-v2.pdf"')

    await page.goto(`${workshopPath}/versions`)
    // Revoking cannot be undone, so it asks first: the summary opens the question, the real submit is inside.
    await page.locator('summary', { hasText: 'Revoke' }).first().click()
    await page.getByRole('button', { name: 'Yes, revoke' }).first().click()
    await expect.poll(() => page.getByText('revoked', { exact: true }).count()).toBeGreaterThan(0)
    expect((await shared.goto(shareUrl))?.status()).toBe(404)
    await expect.poll(() => shared.getByRole('heading', { name: 'This link was turned off' }).count()).toBe(1)
    await expect.poll(() => shared.getByText("This link was turned off by the workshop's facilitator.").count()).toBe(1)
    const deadText = (await shared.locator('body').textContent()) ?? ''
    expect(deadText).not.toMatch(/member|my workshops|log in/i)
    expect(await seriousViolations(shared)).toEqual([])
    await snapshot(shared, 'share-link-turned-off')
    expect((await visitor.request.get(`${shareUrl}/document.pdf`)).status()).toBe(404)
    await context.close()
    await visitor.close()
  })

  it('shows the logged-out top bar’s Sign up button in white on the brand colour (contrast at least 4.5:1)', async () => {
    const context = await app.newContext()
    const page = await context.newPage()
    await page.goto('/login')
    const signUp = page.locator('.topbar').getByRole('link', { name: 'Sign up' })
    await signUp.waitFor()
    const [color, background] = await signUp.evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/\d+/g)!.slice(0, 3).map((part) => Number(part) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const [light, dark] = [luminance(color!), luminance(background!)].sort((a, b) => b - a)
    expect((light! + 0.05) / (dark! + 0.05)).toBeGreaterThanOrEqual(4.5)
    await context.close()
  })
})
