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
    // The new workshop's overview, whatever its headings say.
    await facilitator.waitForURL((url) => /^\/workshops\/[^/]+$/.test(url.pathname) && url.pathname !== '/workshops/new')
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
    // Irreversible, so it asks first: the summary opens the question, the real submit is inside.
    await facilitator.locator('summary', { hasText: 'Reveal both lists' }).click()
    await facilitator.getByRole('button', { name: 'Yes, reveal both lists' }).click()
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

/** Issue #15: a board that keeps its word while several people work on it. */
describe('a board that keeps its word', () => {
  it('keeps every other label when a note is deleted, and keeps a rewording when someone else merges the group', async () => {
    const fc = await app.newContext()
    const facilitator = await app.logInAs(fc, DEMO.facilitator)
    await facilitator.goto('/workshops/new')
    await facilitator.getByLabel('Workshop name').fill('Board word e2e')
    await facilitator.getByLabel('Company').fill('Acme')
    await facilitator.getByRole('button', { name: 'Create workshop' }).click()
    // The new workshop's overview, whatever its headings say.
    await facilitator.waitForURL((url) => /^\/workshops\/[^/]+$/.test(url.pathname) && url.pathname !== '/workshops/new')
    const workshopPath = new URL(facilitator.url()).pathname
    const mLink = await invite(facilitator, workshopPath, 'marketing')
    const sLink = await invite(facilitator, workshopPath, 'sales')
    const marketing = await join(await app.newContext(), DEMO.marketing, mLink, workshopPath)
    const sales = await join(await app.newContext(), DEMO.sales, sLink, workshopPath)
    await marketing.goto(`${workshopPath}/leads`)
    await sales.goto(`${workshopPath}/leads`)
    await expect.poll(() => marketing.getByTestId('live-status').filter({ hasText: 'Live' }).count()).toBe(1)

    await addNote(marketing, 'good', 'Companies with 200–2,000 employees')
    await addNote(marketing, 'bad', 'Students')
    await addNote(marketing, 'good', 'Based in DACH')
    await addNote(sales, 'good', 'Mid-market: 250–5,000 employees')
    const noteText = (page: Page, label: string) => page.getByTestId(`note-${label}`).locator('.note-text').textContent()
    await expect.poll(() => noteText(marketing, 'M3')).toBe('Based in DACH')

    // M2 goes: M1 and M3 keep their labels (no renumbering), and the next note is M4, not M2 or M3.
    // Deleting cannot be undone, so it asks first: the summary opens the question, the real submit is inside.
    const question = marketing.getByTestId('note-M2').getByText('Delete M2 “Students”? It cannot be undone')
    await expect
      .poll(async () => {
        // The note can show through a live revalidation before the post's own redirect lands, and that
        // re-render may close the question: open it again until it shows.
        if (!(await question.isVisible())) await marketing.getByTestId('note-M2').locator('summary', { hasText: 'Delete' }).click()
        return question.isVisible()
      })
      .toBe(true)
    await marketing.getByTestId('note-M2').getByRole('button', { name: 'Yes, delete M2' }).click()
    await expect.poll(() => marketing.getByTestId('note-M2').count()).toBe(0)
    await expect.poll(() => noteText(marketing, 'M3')).toBe('Based in DACH')
    await expect.poll(() => noteText(marketing, 'M1')).toBe('Companies with 200–2,000 employees')
    await addNote(marketing, 'bad', 'Free email address')
    await expect.poll(() => noteText(marketing, 'M4')).toBe('Free email address')
    await expect.poll(() => noteText(marketing, 'M3')).toBe('Based in DACH')

    // After the reveal, everyone sees the same labels.
    await facilitator.goto(`${workshopPath}/leads`)
    // Irreversible, so it asks first: the summary opens the question, the real submit is inside.
    await facilitator.locator('summary', { hasText: 'Reveal both lists' }).click()
    await facilitator.getByRole('button', { name: 'Yes, reveal both lists' }).click()
    for (const page of [marketing, sales, facilitator]) {
      await expect.poll(() => noteText(page, 'M3')).toBe('Based in DACH')
      await expect.poll(() => noteText(page, 'S1')).toBe('Mid-market: 250–5,000 employees')
      await expect.poll(() => page.getByTestId('note-M2').count()).toBe(0)
    }

    // Marketing rewords the size group and has not merged yet; sales merges it first, with other words.
    await expect.poll(() => marketing.getByTestId('group-G1').count()).toBe(1)
    await expect.poll(() => marketing.getByTestId('group-G1').textContent()).toContain('M1 and S1: “200–2,000 employees” and “Mid-market: 250–5,000 employees” are overlapping company sizes.')
    await marketing.getByLabel('Agreed wording for G1').fill('Companies with 200–5,000 people, any industry')
    await sales.getByLabel('Agreed wording for G1').fill('Companies with 200–5,000 employees')
    await sales.getByRole('button', { name: 'Merge into the agreed list' }).click()
    await expect.poll(() => sales.getByTestId('agreed-item').count()).toBe(1)

    // Marketing's board refreshes live: the typed words are still there, and it says who merged and how.
    const meanwhile = marketing.getByTestId('merged-meanwhile')
    await expect.poll(() => meanwhile.count()).toBe(1)
    await expect.poll(() => meanwhile.getByRole('status').textContent()).toContain('Sam Sales merged G1 while you were writing, as “Companies with 200–5,000 employees” (good lead, from M1 and S1).')
    await expect.poll(() => marketing.getByLabel('Your wording for G1').inputValue()).toBe('Companies with 200–5,000 people, any industry')
    await expect.poll(() => marketing.getByTestId('agreed-item').textContent()).toContain('Companies with 200–5,000 employees')

    // Marketing puts the kept wording on the agreed trait; both boards show it, and the notice goes.
    await marketing.getByRole('button', { name: 'Use my wording instead' }).click()
    await expect.poll(() => sales.getByTestId('agreed-item').textContent()).toContain('Companies with 200–5,000 people, any industry')
    await expect.poll(() => marketing.getByTestId('merged-meanwhile').count()).toBe(0)
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(1)

    // Removing it asks first, and works without JavaScript: the summary opens the question, the real submit is inside.
    const salesNoScript = await app.logInAs(await app.newContext({ javaScriptEnabled: false }), DEMO.sales)
    await salesNoScript.goto(`${workshopPath}/leads`)
    const agreed = salesNoScript.getByTestId('agreed-item')
    await agreed.locator('summary', { hasText: 'Remove' }).click()
    await agreed.getByText('Remove “Companies with 200–5,000 people, any industry” from the agreed list? Its wording cannot be brought back').waitFor()
    await agreed.getByRole('button', { name: 'Yes, remove it' }).click()
    await salesNoScript.getByText('Removed from the agreed list.').waitFor()
    await expect.poll(() => salesNoScript.getByTestId('agreed-item').count()).toBe(0)
    // The open board with JavaScript follows live; the notes stay and can be agreed again.
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(0)
    await expect.poll(() => marketing.getByTestId('group-G1').count()).toBe(1)
    await expect.poll(() => noteText(marketing, 'M1')).toBe('Companies with 200–2,000 employees')
  })
})
