import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { X_EDUCATION_CSV, X_EDUCATION_ROWS, xEducationConfig } from '../fixtures/x-education'
import { DEMO, snapshot, useApp } from './harness'

/*
 * Step 9 as a RevOps analyst uses it: a workshop with the X Education scoring model (imported
 * from a backup), the real export uploaded, its columns mapped (activities by hand), the run
 * watched to 100 %, the charts, a slider moved, the new thresholds saved to the model. Then the
 * demo's finished run without JavaScript, on a phone, and with axe-core.
 */

const app = useApp()
const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')
let backupFile = ''

/** A backup of a workshop whose scoring model is the fixture's, made with the app's own export in a scratch database. */
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-e2e-backtest-'))
  process.env.DATABASE_PATH = path.join(dir, 'scratch.db')
  const { getStore } = await import('#db/client.server')
  const { createUser } = await import('~/models/user.server')
  const { createWorkshop } = await import('~/models/workshop.server')
  const { replaceScoringModel } = await import('~/models/scoring-model.server')
  const { exportWorkshop } = await import('~/models/backup.server')
  const created = await createUser({ email: 'analyst@example.com', name: 'Ana Lyst', password: 'a long enough password' })
  if (!created.ok) throw new Error('could not create the scratch user')
  const workshop = await createWorkshop({ name: 'X Education lead definition', company: 'X Education', userId: created.value.id })
  await replaceScoringModel(workshop.id, xEducationConfig())
  backupFile = path.join(dir, 'x-education-backup.json')
  fs.writeFileSync(backupFile, await exportWorkshop(workshop.id))
  await (await getStore()).close()
})

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE_SOURCE })
  const result = await page.evaluate(async () => (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document))
  return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`)
}

const summaryText = (page: Page) => page.getByTestId('summary').innerText()

describe('a back-test of the real export', () => {
  it('uploads, maps, runs to 100 %, shows the charts, recomputes with a slider and saves the thresholds', { timeout: 240_000 }, async () => {
    const context = await app.newContext({ bypassCSP: true })
    const page = await app.logInAs(context, DEMO.facilitator)

    await page.goto('/workshops/import')
    await page.getByLabel('Backup file').setInputFiles(backupFile)
    await page.getByRole('button', { name: 'Import workshop' }).click()
    await page.getByRole('link', { name: 'Open the workshop →' }).click()
    await page.waitForURL((url) => /^\/workshops\/[^/]+$/.test(url.pathname) && url.pathname !== '/workshops/import')
    const workshopPath = new URL(page.url()).pathname
    await page.goto(`${workshopPath}/backtests`)
    await page.getByRole('heading', { name: 'Back-test', exact: true, level: 2 }).waitFor()

    await page.getByLabel('File of leads').setInputFiles(X_EDUCATION_CSV)
    await page.getByRole('button', { name: 'Upload and map columns' }).click()
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor()
    await expect.poll(() => page.locator('.flash').innerText()).toContain('Uploaded x-education-leads.csv')
    // Matched by name: the outcome and every field of the model.
    await expect.poll(() => page.getByLabel('Column that says whether the lead converted').inputValue()).toBe('Converted')
    await expect.poll(() => page.getByLabel('Lead source (string)').inputValue()).toBe('Lead Source')
    // Activities, by hand: visits counted, the last activity named.
    const activityRows = [
      ['TotalVisits', 'count', '', 'visit'],
      ['Last Activity', 'value', 'Email Opened', 'email_open'],
      ['Last Activity', 'value', 'Olark Chat Conversation', 'chat'],
    ] as const
    for (const [index, [column, kind, value, activity]] of activityRows.entries()) {
      await page.getByLabel(`Activity ${index + 1}: column`, { exact: true }).selectOption(column)
      await page.getByLabel(`Activity ${index + 1}: the column`, { exact: true }).selectOption(kind)
      if (value) await page.getByLabel(`Activity ${index + 1}: when the value is`).fill(value)
      await page.getByLabel(`Activity ${index + 1}: activity type`, { exact: true }).selectOption(activity)
    }
    await page.getByLabel('Values that mean “no answer”').fill('Select')
    await snapshot(page, 'backtest-mapping')
    await page.getByRole('button', { name: 'Start the back-test' }).click()

    const progress = page.getByRole('progressbar', { name: 'Share of the file read' })
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 120_000 }).toBe('100')
    await page.getByRole('heading', { name: 'In short' }).waitFor()
    expect(await summaryText(page)).toContain(`of ${X_EDUCATION_ROWS.toLocaleString('en-US')} leads would have been MQLs`)
    await expect.poll(() => page.getByText(`${X_EDUCATION_ROWS.toLocaleString('en-US')} rows read`).isVisible()).toBe(true)
    // The charts (and their tables), the heatmap, the evidence.
    await expect.poll(() => page.locator('figure.bt-chart svg.recharts-surface').count()).toBeGreaterThanOrEqual(4)
    await expect.poll(() => page.getByRole('table').filter({ hasText: 'Grade (fit)' }).isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('row', { name: /Started in the chat widget/ }).getByText('Points against the outcome').isVisible()).toBe(true)
    await page.getByText('Leads per stage as a table').click()
    await expect.poll(() => page.getByRole('row', { name: /^MQL/ }).first().isVisible()).toBe(true)
    await snapshot(page, 'backtest-results')

    // A stricter fit threshold, from the keyboard: the figures follow at once, without a request.
    const before = await summaryText(page)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    const fit = page.getByLabel(/^Minimum fit/)
    await fit.focus()
    for (let step = 0; step < 20; step++) await page.keyboard.press('ArrowRight')
    await expect.poll(() => fit.inputValue()).toBe('50')
    await expect.poll(() => summaryText(page)).toContain('(fit ≥ 50, engagement ≥ 30)')
    expect(await summaryText(page)).not.toBe(before)
    expect(requests.filter((url) => !url.includes('/build/'))).toEqual([])
    const timing = await page.getByTestId('recompute-time').innerText()
    expect(timing).toMatch(/^Recomputed in the browser in \d+\.\d ms\.$/)
    console.info(`back-test slider: ${timing}`)
    await snapshot(page, 'backtest-slider')

    await page.getByRole('button', { name: 'Save fit ≥ 50 and engagement ≥ 30 to the scoring model' }).click()
    await expect.poll(() => page.getByText('Saved the MQL thresholds to the scoring model: fit ≥ 50, engagement ≥ 30.').isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('button', { name: 'Save fit ≥ 50 and engagement ≥ 30 to the scoring model' }).isDisabled()).toBe(true)
    await page.goto(`${workshopPath}/scoring/thresholds`)
    await expect.poll(() => page.getByLabel('Minimum fit').inputValue()).toBe('50')
    await context.close()
  })
})

describe('the demo run', () => {
  it('reads without JavaScript: figures at the thresholds of the address, the comparison of v1 and v2, bad rows', { timeout: 120_000 }, async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.marketing)
    await page.getByRole('link', { name: /Acme Analytics/ }).first().click()
    await page.getByRole('link', { name: /Back-test/ }).first().click()
    await page.getByRole('link', { name: 'acme-leads-dec-2025-to-oct-2026.csv' }).click()
    await page.getByRole('heading', { name: 'In short' }).waitFor()
    expect(await summaryText(page)).toContain('(fit ≥ 50, engagement ≥ 40)')
    await page.getByLabel(/^Minimum engagement/).fill('20')
    await page.getByRole('button', { name: 'Show the figures at these thresholds' }).click()
    await expect.poll(() => summaryText(page)).toContain('(fit ≥ 50, engagement ≥ 20)')
    await expect.poll(() => page.getByRole('heading', { name: 'v1 against v2' }).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('line 519: Employees: "about 50" is not a number').isVisible()).toBe(true)
    // The months' table is folded under its chart (a <details>, which opens without JavaScript too).
    await expect.poll(() => page.locator('table', { hasText: 'MQL conversion' }).count()).toBe(1)
    await context.close()
  })

  it('fits a phone and has no serious accessibility violation', { timeout: 120_000 }, async () => {
    const context = await app.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })
    const page = await app.logInAs(context, DEMO.sales)
    await page.getByRole('link', { name: /Acme Analytics/ }).first().click()
    await page.waitForURL((url) => /^\/workshops\/[^/]+$/.test(url.pathname))
    const workshopPath = new URL(page.url()).pathname
    for (const where of ['backtests', 'run']) {
      if (where === 'backtests') await page.goto(`${workshopPath}/backtests`)
      else await page.getByRole('link', { name: 'acme-leads-dec-2025-to-oct-2026.csv' }).click()
      await page.getByRole('heading', { name: where === 'run' ? 'In short' : 'Runs' }).waitFor()
      expect(await axeViolations(page), where).toEqual([])
      // Nothing of the page's own content is wider than the phone (tables scroll inside their frame).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.parentElement?.closest('.table-wrap'))
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      )
      expect(wide, where).toEqual([])
      await snapshot(page, `backtest-${where}-phone`)
    }
    await context.close()
  })
})
