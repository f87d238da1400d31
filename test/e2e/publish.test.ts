import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

describe('two-sided sign-off and publishing', () => {
  it('voids a sign-off on change, collects both teams, publishes v3 with a readable diff, and prints cleanly', async () => {
    const marketingContext = await app.newContext({ javaScriptEnabled: false })
    const marketing = await app.logInAs(marketingContext, DEMO.marketing)
    const workshopPath = (await marketing.locator('a.workshop-card').first().getAttribute('href'))!

    // The demo has v2 published; marketing re-points a fit rule.
    await marketing.goto(`${workshopPath}/scoring`)
    await marketing.getByRole('link', { name: 'Edit C-level or VP' }).click()
    await marketing.getByLabel('Points', { exact: true }).fill('30')
    await marketing.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(() => marketing.getByText('Saved “C-level or VP”.').count()).toBe(1)

    await marketing.goto(`${workshopPath}/review`)
    const scoringSection = marketing.locator('section', { has: marketing.getByRole('heading', { name: 'Criteria and scoring' }) })
    await expect.poll(() => scoringSection.getByText('Missing: Marketing and Sales').count()).toBe(1)
    await expect.poll(() => scoringSection.getByText(/no longer counts: changed by Mia Marketing/).count()).toBeGreaterThan(0)
    await scoringSection.getByRole('button', { name: 'Sign off for Marketing' }).click()
    await expect.poll(() => marketing.getByText('Signed “Criteria and scoring” for marketing.').count()).toBe(1)
    await snapshot(marketing, 'publish-review-marketing')

    // The facilitator cannot publish yet: the button says what is missing.
    const facilitatorContext = await app.newContext()
    const facilitator = await app.logInAs(facilitatorContext, DEMO.facilitator)
    await facilitator.goto(`${workshopPath}/review`)
    await expect.poll(() => facilitator.getByRole('button', { name: 'Publish (waiting for sign-offs)' }).isDisabled()).toBe(true)
    await expect.poll(() => facilitator.getByText(/Still missing: Sales for “Criteria and scoring”/).count()).toBe(1)

    const salesContext = await app.newContext()
    const sales = await app.logInAs(salesContext, DEMO.sales)
    await sales.goto(`${workshopPath}/review`)
    await sales
      .locator('section', { has: sales.getByRole('heading', { name: 'Criteria and scoring' }) })
      .getByRole('button', { name: 'Sign off for Sales' })
      .click()
    await expect.poll(() => sales.getByText('Signed “Criteria and scoring” for sales.').count()).toBe(1)

    await facilitator.reload()
    await facilitator.getByRole('button', { name: 'Publish version 3' }).click()
    await facilitator.waitForURL(`**${workshopPath}/versions/3`)
    await facilitator.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).waitFor()
    await expect.poll(() => facilitator.getByText('Fit rules: C-level or VP: 25 → 30 points').count()).toBe(1)

    await facilitator.goto(`${workshopPath}/versions/2/diff/3`)
    await expect.poll(() => facilitator.getByText('C-level or VP: 25 → 30 points').count()).toBe(1)

    // Print: navigation disappears; the PDF renders.
    await facilitator.goto(`${workshopPath}/versions/3`)
    await facilitator.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).waitFor()
    await facilitator.locator('.step-nav').waitFor({ state: 'visible' })
    await facilitator.emulateMedia({ media: 'print' })
    await facilitator.locator('.step-nav').waitFor({ state: 'hidden' })
    const pdf = await facilitator.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(20_000)

    // The downloads are served.
    const markdown = await facilitator.request.get(`${workshopPath}/versions/3/export.md`)
    expect(await markdown.text()).toContain('| C-level or VP |')
    for (const context of [marketingContext, facilitatorContext, salesContext]) await context.close()
  })
})
