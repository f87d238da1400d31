import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, useApp } from './harness'

const app = useApp()

async function invite(page: Page, workshopPath: string, role: 'marketing' | 'sales') {
  await page.goto(`${workshopPath}/members`)
  await page.getByLabel('Role', { exact: true }).selectOption(role)
  await page.getByRole('button', { name: 'Create invite link' }).click()
  return page.getByTestId('invite-link').inputValue()
}
async function join(context: BrowserContext, email: string, link: string, workshopPath: string) {
  const page = await app.logInAs(context, email)
  await page.goto(link)
  await page.getByRole('button', { name: 'Join the workshop' }).click()
  await page.waitForURL((url) => url.pathname === workshopPath)
  return page
}
async function addNote(page: Page, kind: 'good' | 'bad', text: string) {
  const form = page.getByRole('form', { name: `Add a ${kind}-lead trait` })
  await form.getByLabel(kind === 'good' ? 'New good-lead trait' : 'New bad-lead trait').fill(text)
  await form.getByRole('button', { name: 'Add note' }).click()
  await expect.poll(() => page.getByText(text, { exact: true }).count()).toBe(1)
}

/**
 * The board revalidates on every change anyone makes (server-sent events, then the loaders run
 * again): a half-typed note, an open edit or a merge form being prepared must survive that.
 */
describe('live updates keep what someone is typing', () => {
  it('keeps half-typed notes, edits and merge wording when the board revalidates', async () => {
    const fc = await app.newContext()
    const facilitator = await app.logInAs(fc, DEMO.facilitator)
    await facilitator.goto('/workshops/new')
    await facilitator.getByLabel('Workshop name').fill('Typing e2e')
    await facilitator.getByLabel('Company').fill('Acme')
    await facilitator.getByRole('button', { name: 'Create workshop' }).click()
    await facilitator.getByRole('heading', { name: 'Typing e2e', exact: true }).waitFor()
    const workshopPath = new URL(facilitator.url()).pathname
    const mLink = await invite(facilitator, workshopPath, 'marketing')
    const sLink = await invite(facilitator, workshopPath, 'sales')
    const marketing = await join(await app.newContext(), DEMO.marketing, mLink, workshopPath)
    const sales = await join(await app.newContext(), DEMO.sales, sLink, workshopPath)
    await marketing.goto(`${workshopPath}/leads`)
    await sales.goto(`${workshopPath}/leads`)
    await expect.poll(() => marketing.getByTestId('live-status').filter({ hasText: 'Live' }).count()).toBe(1)
    await addNote(marketing, 'good', 'Companies with 200–2,000 employees')

    // Marketing starts an edit and a new note, and does not submit them.
    await marketing.getByRole('link', { name: 'Edit M1' }).click()
    await marketing.getByLabel('Trait M1').fill('Companies with 300–3,000 employees')
    await marketing.getByRole('form', { name: 'Add a bad-lead trait' }).getByLabel('New bad-lead trait').fill('Half-typed new note')
    // Sales adds a note: marketing's board revalidates (the count changes)…
    await addNote(sales, 'good', 'Mid-market: 250–5,000 employees')
    await expect.poll(() => marketing.getByTestId('count-sales').textContent()).toBe('1 good, 0 bad')
    // …and what marketing typed is still there.
    await expect.poll(() => marketing.getByLabel('Trait M1').inputValue()).toBe('Companies with 300–3,000 employees')
    await expect.poll(() => marketing.getByLabel('New bad-lead trait').inputValue()).toBe('Half-typed new note')
    // Saving the edit still works, at the revision it started from.
    await marketing.getByRole('button', { name: 'Save note' }).click()
    await expect.poll(() => marketing.getByText('Companies with 300–3,000 employees', { exact: true }).count()).toBe(1)
    await expect.poll(() => marketing.getByLabel('New bad-lead trait').inputValue()).toBe('Half-typed new note')

    await facilitator.goto(`${workshopPath}/leads`)
    await facilitator.getByRole('button', { name: 'Reveal both lists' }).click()
    await expect.poll(() => marketing.getByTestId('group-G1').count()).toBe(1)
    await marketing.getByLabel('Agreed wording for G1').fill('Typed merge wording')
    await marketing.getByTestId('group-G1').getByLabel('S1').uncheck()
    // The facilitator agrees something else: marketing's board revalidates.
    await facilitator.getByText('Add a trait the room agreed on in discussion').click()
    await facilitator.getByLabel('New agreed trait').fill('Has a data team')
    await facilitator.getByRole('button', { name: 'Add to the agreed list' }).click()
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(1)
    await expect.poll(() => marketing.getByLabel('Agreed wording for G1').inputValue()).toBe('Typed merge wording')
    await expect.poll(() => marketing.getByTestId('group-G1').getByLabel('S1').isChecked()).toBe(false)
    // The merge posts only the ticked note.
    await marketing.getByRole('button', { name: 'Merge into the agreed list' }).click()
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(2)
    await expect.poll(() => marketing.getByTestId('agreed-item').filter({ hasText: 'Typed merge wording' }).textContent()).toContain('From M1 “Companies with 300–3,000 employees” (Marketing) · agreed by')
  })
})
