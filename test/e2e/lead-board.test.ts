import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

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

async function addNote(page: Page, kind: 'good' | 'bad', text: string, why = '') {
  const form = page.getByRole('form', { name: `Add a ${kind}-lead trait` })
  await form.getByLabel(kind === 'good' ? 'New good-lead trait' : 'New bad-lead trait').fill(text)
  if (why) await form.getByLabel('Why (optional)').fill(why)
  await form.getByRole('button', { name: 'Add note' }).click()
  await expect.poll(() => page.getByText(text, { exact: true }).count()).toBe(1)
}

describe('the good/bad lead board, live, with a marketing and a sales member', () => {
  // The boards below change only through the live updates (server-sent events, then a revalidation):
  // none of them reloads. How fast they arrive is not asserted here: the machine may be loaded.
  it('keeps the lists apart until the reveal, then shows both on every open board without a reload, flags a contradiction and merges', async () => {
    // The facilitator works without JavaScript: every board form must work as a plain post.
    const facilitatorContext = await app.newContext({ javaScriptEnabled: false })
    const facilitator = await app.logInAs(facilitatorContext, DEMO.facilitator)
    await facilitator.goto('/workshops/new')
    await facilitator.getByLabel('Workshop name').fill('Board e2e: Acme 2027')
    await facilitator.getByLabel('Company').fill('Acme Analytics')
    await facilitator.getByRole('button', { name: 'Create workshop' }).click()
    // The new workshop's overview, whatever its headings say.
    await facilitator.waitForURL((url) => /^\/workshops\/[^/]+$/.test(url.pathname) && url.pathname !== '/workshops/new')
    const workshopPath = new URL(facilitator.url()).pathname
    const marketingLink = await invite(facilitator, workshopPath, 'marketing')
    const salesLink = await invite(facilitator, workshopPath, 'sales')

    const marketingContext = await app.newContext()
    const salesContext = await app.newContext()
    const marketing = await join(marketingContext, DEMO.marketing, marketingLink, workshopPath)
    const sales = await join(salesContext, DEMO.sales, salesLink, workshopPath)
    await marketing.setViewportSize({ width: 1280, height: 800 })
    await sales.setViewportSize({ width: 390, height: 844 })

    // The empty board says what to do and who does it.
    await marketing.goto(`${workshopPath}/leads`)
    await sales.goto(`${workshopPath}/leads`)
    await expect.poll(() => marketing.getByText('Sales cannot see your notes and you cannot see theirs').count()).toBe(1)
    await expect.poll(() => marketing.getByText('No notes yet. What does a lead look like that your team is glad to get?').count()).toBe(1)
    await expect.poll(() => marketing.getByTestId('live-status').filter({ hasText: 'Live' }).count()).toBe(1)
    await expect.poll(() => sales.getByTestId('live-status').filter({ hasText: 'Live' }).count()).toBe(1)
    // A mark on each open board's window: a reload would wipe it.
    for (const page of [marketing, sales]) await page.evaluate(() => Object.assign(window, { leadpactNotReloaded: true }))

    const mAgencies = 'Agencies that build dashboards for their clients'
    const mSize = 'Companies with 200–2,000 employees'
    const sAgencies = 'Marketing agencies reselling to their clients'
    const sSize = 'Mid-market: 250–5,000 employees'
    await addNote(marketing, 'good', mSize, 'Big enough for a data team')
    await addNote(marketing, 'good', mAgencies)
    await addNote(sales, 'good', sSize)
    await addNote(sales, 'bad', sAgencies, 'We lose agency deals on reseller terms')

    // Neither sees the other's notes, only how many there are (and the count arrives live).
    await expect.poll(() => marketing.getByTestId('count-sales').textContent()).toBe('1 good, 1 bad')
    await expect.poll(() => sales.getByTestId('count-marketing').textContent()).toBe('2 good, 0 bad')
    // Checked once the counts above have arrived, so the boards hold everything they will get.
    for (const text of [sSize, sAgencies, 'reseller terms']) await expect.poll(() => marketing.content()).not.toContain(text)
    for (const text of [mSize, mAgencies, 'data team']) await expect.poll(() => sales.content()).not.toContain(text)
    await facilitator.goto(`${workshopPath}/leads`)
    await expect.poll(() => facilitator.getByTestId('count-marketing').textContent()).toBe('2 good, 0 bad')
    for (const text of [mSize, mAgencies, sSize, sAgencies]) await expect.poll(() => facilitator.content()).not.toContain(text)
    await snapshot(marketing, 'lead-board-writing-marketing-1280')
    await snapshot(sales, 'lead-board-writing-sales-390')
    await snapshot(facilitator, 'lead-board-writing-facilitator')

    // The reveal: both open boards show both lists, without a reload.
    // Irreversible, so it asks first: the summary opens the question, the real submit is inside.
    await facilitator.locator('summary', { hasText: 'Reveal both lists' }).click()
    await facilitator.getByText('Reveal both lists now? Everyone sees both teams’ notes at once, and they cannot be hidden again.').waitFor()
    await snapshot(facilitator, 'lead-board-reveal-confirm')
    await facilitator.getByRole('button', { name: 'Yes, reveal both lists' }).click()
    await facilitator.getByText('Both lists are now visible to everyone.').waitFor()
    await expect.poll(() => marketing.getByTestId('col-bad-sales').getByText(sAgencies, { exact: true }).count()).toBe(1)
    await expect.poll(() => sales.getByTestId('col-good-marketing').getByText(mSize, { exact: true }).count()).toBe(1)

    // The contradiction is flagged on both boards, with the matcher's reason.
    for (const page of [marketing, sales]) {
      const contradiction = page.getByTestId('contradiction')
      await expect.poll(() => contradiction.count()).toBe(1)
      await expect.poll(() => contradiction.textContent()).toContain('good for marketing but bad for sales')
      await expect.poll(() => page.getByTestId('note-M2').getByText('contradicts S2').count()).toBe(1)
    }
    await snapshot(marketing, 'lead-board-revealed-marketing-1280')
    await snapshot(sales, 'lead-board-revealed-sales-390')

    // Marketing merges the company-size group; the agreed list appears on the sales phone live.
    const group = marketing.getByTestId('group-G1')
    await expect.poll(() => group.textContent()).toContain('company size')
    await group.getByLabel('Agreed wording for G1').fill('Companies with 200–5,000 employees')
    await group.getByRole('button', { name: 'Merge into the agreed list' }).click()
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(1)
    await expect.poll(() => sales.getByTestId('agreed-item').count()).toBe(1)
    const agreedOnPhone = sales.getByTestId('agreed-item')
    await expect.poll(() => agreedOnPhone.textContent()).toContain('Companies with 200–5,000 employees')
    await expect.poll(() => agreedOnPhone.textContent()).toContain(`M1 “${mSize}” (Marketing)`)
    await expect.poll(() => agreedOnPhone.textContent()).toContain(`S1 “${sSize}” (Sales)`)
    await expect.poll(() => agreedOnPhone.textContent()).toContain('agreed by Mia Marketing')

    // The facilitator (no JavaScript) agrees a single note as it is; both boards follow.
    await facilitator.reload()
    await facilitator.getByRole('button', { name: 'Agree M2 as it is' }).click()
    await facilitator.getByText(`Agreed: “${mAgencies}”.`).waitFor()
    await expect.poll(() => marketing.getByTestId('agreed-item').count()).toBe(2)
    await expect.poll(() => sales.getByTestId('agreed-item').count()).toBe(2)

    // The sales member edits the merged wording on the phone; marketing's board follows.
    const firstAgreed = sales.getByTestId('agreed-item').first()
    await firstAgreed.getByRole('link', { name: 'Edit' }).click()
    await firstAgreed.getByLabel('Agreed trait').fill('Companies with 200–5,000 employees (DACH and UK)')
    await firstAgreed.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => marketing.getByText('Companies with 200–5,000 employees (DACH and UK)', { exact: true }).count()).toBe(1)

    for (const page of [marketing, sales]) expect(await page.evaluate(() => 'leadpactNotReloaded' in window)).toBe(true)
    await snapshot(marketing, 'lead-board-agreed-marketing-1280')
    await snapshot(sales, 'lead-board-agreed-sales-390')
    await snapshot(facilitator, 'lead-board-agreed-facilitator-nojs')
    for (const context of [facilitatorContext, marketingContext, salesContext]) await context.close()
  })

  it('shows the demo workshop’s context and personas on a phone and a laptop', async () => {
    const context = await app.newContext()
    const page = await app.logInAs(context, DEMO.sales)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (const step of ['context', 'personas', 'leads']) {
        const response = await page.goto(`${workshopPath}/${step}`)
        expect(response?.status()).toBe(200)
        await snapshot(page, `demo-${step}-${width}`)
      }
    }
    await context.close()
  })
})
