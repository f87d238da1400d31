import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, seriousViolations } from './harness'

/*
 * Issue #15: a text field's allowed values with their labels, edited on the criteria page with
 * and without JavaScript; the simulator offers them as a list; rule sentences say the labels.
 */

const app = useApp()

async function demoWorkshop(page: Page) {
  return (await page.locator('a.workshop-card').first().getAttribute('href'))!
}

/** The demo's Seniority lists 7 values; three blank rows follow them. */
const seniority = (page: Page) => page.locator('details.field-values', { has: page.locator('summary', { hasText: 'Seniority' }) })

describe('allowed values (criteria page, simulator)', () => {
  it('are saved as a plain post without JavaScript; a duplicate is refused next to its row and the typed rows stay', async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = await demoWorkshop(page)
    await page.goto(`${workshopPath}/criteria`)
    await seniority(page).locator('summary').click()
    await expect.poll(() => seniority(page).getByLabel('Value, row 1', { exact: true }).inputValue()).toBe('c_level')
    await expect.poll(() => seniority(page).getByLabel('Label, row 1', { exact: true }).inputValue()).toBe('C-level')

    await seniority(page).getByLabel('Value, row 8', { exact: true }).fill(' C_LEVEL ')
    await seniority(page).getByLabel('Label, row 8', { exact: true }).fill('Chief')
    await seniority(page).getByRole('button', { name: 'Save allowed values' }).click()
    await expect.poll(() => page.getByText('“C_LEVEL” is already listed (row 1); values are compared ignoring case and spaces at either end.').count()).toBe(1)
    // The answered list stays open with what was typed.
    await expect.poll(() => seniority(page).getByLabel('Label, row 8', { exact: true }).inputValue()).toBe('Chief')

    await seniority(page).getByLabel('Value, row 8', { exact: true }).fill('founder')
    await seniority(page).getByLabel('Label, row 8', { exact: true }).fill('Founder')
    await seniority(page).getByRole('button', { name: 'Save allowed values' }).click()
    await expect.poll(() => page.getByText('Saved 8 allowed values for “Seniority”.').count()).toBe(1)
    await expect.poll(() => seniority(page).locator('summary').innerText()).toContain('8 allowed values')

    // The simulator offers them by their labels; a saved example's "DE" shows as the listed Germany.
    await page.goto(`${workshopPath}/simulator`)
    await expect.poll(() => page.getByLabel('Seniority', { exact: true }).locator('option', { hasText: 'Founder' }).count()).toBe(1)
    await page.getByRole('link', { name: 'CFO at a 400-person SaaS, asked for a demo' }).first().click()
    await expect.poll(() => page.getByLabel('Country', { exact: true }).inputValue()).toBe('de')
    await expect.poll(() => page.getByLabel('Seniority', { exact: true }).inputValue()).toBe('c_level')
    await context.close()
  }, 120_000)

  it('with JavaScript: checked before posting, rows added and removed, rule sentences in labels', async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.facilitator)
    const workshopPath = await demoWorkshop(page)
    await page.goto(`${workshopPath}/criteria`)
    // Hydrated: the row buttons act only once React runs.
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized))
    await seniority(page).locator('summary').click()
    // Whatever the other test left: the listed values, then blank rows; one more row is added.
    const listed = Number(/(\d+) allowed values/.exec(await seniority(page).locator('summary').innerText())![1])
    const added = `row ${(await seniority(page).locator('input[aria-label^="Value, row"]').count()) + 1}`
    await seniority(page).getByRole('button', { name: 'Add a row' }).click()
    await expect.poll(() => seniority(page).getByLabel(`Value, ${added}`, { exact: true }).count()).toBe(1)
    await seniority(page).getByLabel(`Value, ${added}`, { exact: true }).fill('vp')
    await seniority(page).getByLabel(`Label, ${added}`, { exact: true }).fill('Vice president')
    await seniority(page).getByRole('button', { name: 'Save allowed values' }).click()
    await expect.poll(() => page.getByText('“vp” is already listed (row 2); values are compared ignoring case and spaces at either end.').count()).toBe(1)
    // The open editor with its refusal passes axe and fits a phone.
    expect(await seriousViolations(page)).toEqual([])
    await page.setViewportSize({ width: 390, height: 844 })
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousViolations(page)).toEqual([])
    await snapshot(page, 'criteria-allowed-values-refused-390')
    await page.setViewportSize({ width: 1280, height: 800 })
    // The refused row goes with its remove button (named as its tooltip says); nothing was posted.
    await seniority(page).getByRole('button', { name: `Remove ${added}` }).click()
    await expect.poll(() => seniority(page).getByLabel(`Value, ${added}`, { exact: true }).count()).toBe(0)
    await seniority(page).getByLabel('Label, row 1', { exact: true }).fill('C-suite')
    await seniority(page).getByRole('button', { name: 'Save allowed values' }).click()
    await expect.poll(() => page.getByText(`Saved ${listed} allowed values for “Seniority”.`).count()).toBe(1)
    await snapshot(page, 'criteria-allowed-values-1280')

    // The scoring page says the rule in labels.
    await page.goto(`${workshopPath}/scoring`)
    await expect.poll(() => page.locator('table.rules td', { hasText: 'Seniority is one of C-suite, VP' }).count()).toBeGreaterThan(0)
    await context.close()
  }, 120_000)

  it("are suggested in the rule editor's value box for that field, by their labels", async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = await demoWorkshop(page)
    await page.goto(`${workshopPath}/scoring?add=fit`)
    await page.getByLabel('Condition 1: field', { exact: true }).selectOption({ label: 'Seniority' })
    const value = page.getByLabel('value', { exact: true }).first()
    await expect.poll(() => value.getAttribute('list')).toBeTruthy()
    const listId = (await value.getAttribute('list'))!
    await expect.poll(() => page.locator(`datalist[id="${listId}"] option[value="vp"]`).textContent()).toBe('VP')
    // A field without allowed values suggests nothing.
    await page.getByLabel('Condition 1: field', { exact: true }).selectOption({ label: 'Job title' })
    await expect.poll(() => value.getAttribute('list')).toBeNull()
    await context.close()
  }, 120_000)
})
