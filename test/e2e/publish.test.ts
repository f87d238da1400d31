import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')

/** axe-core's serious and critical violations inside `selector` (evaluated through DevTools, so the page's CSP does not apply). */
async function seriousViolations(page: Page, selector: string) {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (context: string, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe
    const { violations } = await axe.run(within, { resultTypes: ['violations'] })
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`)
  }, selector)
}

/**
 * Elements of the printed document that stick out of the page or cut their text: laid out at the
 * width of an A4 page's printable area (210 mm less 2 × 15 mm margins = 680 CSS pixels) in print media.
 */
async function outOfPage(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('.definition-document')!
    const right = root.getBoundingClientRect().right + 0.5
    const problems: string[] = []
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.closest('.visually-hidden') || element.getClientRects().length === 0) continue
      const box = element.getBoundingClientRect()
      const name = `${element.tagName.toLowerCase()}.${element.className || ''} “${(element.textContent ?? '').trim().slice(0, 40)}”`
      if (box.right > right) problems.push(`${name} ends at ${Math.round(box.right)} > ${Math.round(right)}`)
      if (['TD', 'TH', 'P', 'LI', 'DD', 'DT', 'H1', 'H2', 'H3', 'H4', 'SPAN'].includes(element.tagName) && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') {
        problems.push(`${name} cuts its text (${element.scrollWidth} > ${element.clientWidth})`)
      }
    }
    const wraps = [...root.querySelectorAll<HTMLElement>('.doc-table-wrap')].filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
    for (const wrap of wraps) problems.push(`a table is ${wrap.scrollWidth} px wide in ${wrap.clientWidth} px`)
    return problems
  })
}

describe('two-sided sign-off and deliberate publishing', () => {
  it('voids a sign-off on change, collects both teams, publishes v3 with a required note, shows next steps, a coloured diff, and prints to A4', async () => {
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

    // Publishing is two steps: what changes, then a required note.
    await facilitator.reload()
    await facilitator.getByRole('link', { name: 'Publish version 3…' }).click()
    await facilitator.getByLabel('Note on version 3: what changed and why').waitFor()
    // The demo's draft after v2 also holds its format-2 changes, so the summary counts more than this one change.
    await expect.poll(() => facilitator.getByText(/\b\d+ rules? changed\b/).count()).toBeGreaterThan(0)
    await expect.poll(() => facilitator.locator('.doc-change.is-changed', { hasText: 'C-level or VP: 25 → 30 points' }).count()).toBe(1)
    await facilitator.getByRole('button', { name: 'Publish version 3' }).click()
    // Without a note the form says so, and nothing is published.
    await expect.poll(() => facilitator.getByText('Say in a sentence or two what changed and why: the note stays with the version for good.').count()).toBe(1)
    await facilitator.getByLabel('Note on version 3: what changed and why').fill('Executives close more often than we scored them: C-level and VP weigh 30.')
    await snapshot(facilitator, 'publish-confirm')
    await facilitator.getByRole('button', { name: 'Publish version 3' }).click()
    await facilitator.waitForURL(`**${workshopPath}/versions/3/published`)
    await facilitator.getByRole('heading', { name: 'Version 3 is published' }).waitFor()
    await expect.poll(() => facilitator.getByRole('link', { name: 'acme-analytics-mql-sql-definition-v3.pdf' }).count()).toBe(1)
    await expect.poll(() => facilitator.getByRole('link', { name: 'read-only share link' }).count()).toBe(1)
    await snapshot(facilitator, 'published-next-steps')

    // Nothing changed since: the button is off and says why, and the server refuses a post anyway.
    await facilitator.goto(`${workshopPath}/review`)
    await expect.poll(() => facilitator.getByRole('button', { name: 'Publish (nothing changed since version 3)' }).isDisabled()).toBe(true)
    const again = await facilitator.request.post(`${workshopPath}/review`, {
      form: { intent: 'publish', note: 'Once more', latestSeen: '3' },
      headers: { Origin: app.baseUrl },
      maxRedirects: 0,
    })
    expect(again.status()).toBe(409)

    // The version: the note on the cover and in the changelog, the change coloured by kind.
    await facilitator.goto(`${workshopPath}/versions/3`)
    await facilitator.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).waitFor()
    await expect.poll(() => facilitator.getByText('Executives close more often than we scored them: C-level and VP weigh 30.').count()).toBe(2)
    await expect.poll(() => facilitator.locator('#changelog .doc-change.is-changed', { hasText: 'C-level or VP: 25 → 30 points' }).count()).toBe(1)
    expect(await seriousViolations(facilitator, '.doc-cover')).toEqual([])

    // An older version says a newer one exists.
    await facilitator.goto(`${workshopPath}/versions/2`)
    await expect.poll(() => facilitator.getByText('This is version 2, not the latest.').count()).toBe(1)
    await facilitator.getByRole('link', { name: 'Read version 3' }).click()
    await facilitator.waitForURL(`**${workshopPath}/versions/3`)

    await facilitator.goto(`${workshopPath}/versions/2/diff/3`)
    await expect.poll(() => facilitator.getByTestId('diff-summary').textContent()).toMatch(/\b\d+ rules? changed\b/)
    await expect.poll(() => facilitator.locator('.doc-change.is-changed', { hasText: 'C-level or VP: 25 → 30 points' }).count()).toBe(1)
    await snapshot(facilitator, 'diff-2-3')

    // Print: navigation disappears, nothing is wider than an A4 page, the PDF has the footer on its pages.
    await facilitator.goto(`${workshopPath}/versions/3`)
    await facilitator.getByRole('heading', { name: 'Acme Analytics: what an MQL and an SQL are' }).waitFor()
    await facilitator.locator('.step-nav').waitFor({ state: 'visible' })
    await facilitator.setViewportSize({ width: 680, height: 1000 })
    await facilitator.emulateMedia({ media: 'print' })
    await facilitator.locator('.step-nav').waitFor({ state: 'hidden' })
    await expect.poll(() => facilitator.locator('.doc-cards').first().evaluate((element) => getComputedStyle(element).gridTemplateColumns.split(' ').length)).toBe(2)
    expect(await outOfPage(facilitator)).toEqual([])
    const pdf = await facilitator.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const printed = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
    expect(printed.numPages).toBeGreaterThan(4)
    const lastPage = await (await printed.getPage(printed.numPages)).getTextContent()
    // Compared without spaces: Chromium sets "fi" as a ligature, which text extraction splits off.
    const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')
    const lastText = squash((lastPage.items as { str: string }[]).map((item) => item.str).join(' '))
    expect(lastText).toContain(squash('Acme Analytics · MQL/SQL definition v3'))
    expect(lastText).toContain(squash(`page ${printed.numPages} of ${printed.numPages}`))
    await printed.destroy()

    // The downloads are served.
    const markdown = await facilitator.request.get(`${workshopPath}/versions/3/export.md`)
    expect(await markdown.text()).toContain('| C-level or VP |')
    for (const context of [marketingContext, facilitatorContext, salesContext]) await context.close()
  })
})
