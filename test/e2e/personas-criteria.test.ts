import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, useApp } from './harness'

const app = useApp()

async function demoWorkshop(page: Page) {
  return (await page.locator('a.workshop-card').first().getAttribute('href'))!
}

describe('personas and criteria (steps 3 and 4)', () => {
  it('work as plain posts without JavaScript, and a reload after a save posts nothing twice', async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = await demoWorkshop(page)

    // A persona: refused without a name (the form keeps what was typed), then added.
    await page.goto(`${workshopPath}/personas`)
    await page.getByRole('link', { name: 'Add buyer persona' }).click()
    const editor = page.getByRole('region', { name: 'Add a buyer persona' })
    await editor.getByLabel('Title or role').fill('Head of Finance Operations')
    await editor.getByRole('button', { name: 'Add buyer persona' }).click()
    await expect.poll(() => page.getByText('Name the persona, e.g. “Operations Olivia”.').count()).toBe(1)
    await expect.poll(() => editor.getByLabel('Title or role').inputValue()).toBe('Head of Finance Operations')
    await editor.getByLabel('Persona name').fill('Treasury Tessa')
    await editor.getByRole('button', { name: 'Add buyer persona' }).click()
    await expect.poll(() => page.getByText('Added the persona “Treasury Tessa”.').count()).toBe(1)
    // Post/Redirect/Get: the page was loaded afresh, so a reload shows one Fiona and no second message.
    await page.reload()
    await expect.poll(() => page.getByTestId('persona-Treasury Tessa').count()).toBe(1)
    await expect.poll(() => page.getByText('Added the persona “Treasury Tessa”.').count()).toBe(0)

    // A qualifying criterion through the shared rule editor.
    await page.goto(`${workshopPath}/criteria`)
    await page.getByRole('link', { name: 'Add qualifying criterion' }).click()
    await page.getByLabel('Label', { exact: true }).fill('Finance operations teams')
    await page.getByLabel('Condition 1: field').selectOption('jobTitle')
    await page.getByLabel('operator').first().selectOption('contains')
    await page.getByLabel('value').first().fill('finance')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.getByText('Saved “Finance operations teams”.').count()).toBe(1)
    await page.reload()
    await expect.poll(() => page.getByText('Finance operations teams', { exact: true }).count()).toBe(1)

    // The required information: a box changed and saved stays changed.
    const phone = () => page.getByRole('group', { name: 'Required fields' }).getByLabel('Phone', { exact: true })
    const wasRequired = await phone().isChecked()
    await phone().setChecked(!wasRequired)
    await page.getByRole('button', { name: 'Save required information' }).click()
    await expect.poll(() => page.getByText('Saved the required information.').count()).toBe(1)
    await expect.poll(() => phone().isChecked()).toBe(!wasRequired)

    // A field with a key the exports cannot use is refused by the server, next to the key.
    await page.getByLabel('New field label').fill('Annual revenue')
    await page.getByLabel('Key', { exact: true }).fill('annual revenue')
    await page.getByRole('button', { name: 'Add field' }).click()
    await expect.poll(() => page.getByText('Use letters, digits and _ only, starting with a letter (it is the column name in exports).').count()).toBe(1)
    await expect.poll(() => page.getByLabel('New field label').inputValue()).toBe('Annual revenue')
    await context.close()
  })

  it('with JavaScript, checks forms in the browser first and empties them after a save', async () => {
    const context = await app.newContext({ javaScriptEnabled: true })
    const page = await app.logInAs(context, DEMO.sales)
    const workshopPath = await demoWorkshop(page)

    // Sales checks the first buyer persona against its closed-won deals.
    await page.goto(`${workshopPath}/personas`)
    const card = page.locator('.persona-card').first()
    const details = card.locator('details.closed-won-edit')
    if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click()
    await card.getByLabel('No', { exact: true }).check()
    await card.getByLabel('Note').fill('None of our last 12 deals')
    await card.getByRole('button', { name: 'Save check' }).click()
    await expect.poll(() => page.getByText('Saved the closed-won check.').count()).toBe(1)
    await expect.poll(() => page.locator('.persona-card').first().getByTestId('closed-won').textContent()).toBe('No — None of our last 12 deals')

    // An activity with a bad key: refused before anything is posted; a good one is added and the form empties.
    await page.goto(`${workshopPath}/criteria`)
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url())
    })
    await page.getByLabel('New activity label').fill('Event visit')
    await page.getByLabel('Activity key').fill('9 events')
    await page.getByRole('button', { name: 'Add activity' }).click()
    await expect.poll(() => page.getByText('Use letters, digits and _ only, starting with a letter (it is the column name in exports).').count()).toBe(1)
    expect(posts).toEqual([])
    await page.getByLabel('Activity key').fill('event_visit')
    await page.getByRole('button', { name: 'Add activity' }).click()
    await expect.poll(() => page.getByText('Added the activity “Event visit”.').count()).toBe(1)
    expect(posts).toHaveLength(1)
    await expect.poll(() => page.getByLabel('New activity label').inputValue()).toBe('')
    await expect.poll(() => page.locator('.tag-list li', { hasText: 'event_visit' }).count()).toBe(1)
    await context.close()
  })
})
