import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

describe.each([
  { javaScriptEnabled: false, marker: 'otter' },
  { javaScriptEnabled: true, marker: 'heron' },
])('a format-2 engagement rule built in the editor (JavaScript: $javaScriptEnabled)', ({ javaScriptEnabled, marker }) => {
  it('a held demo with its own half-life: saved, listed in words, and described by the draft document', async () => {
    const context = await app.newContext({ javaScriptEnabled })
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!

    await page.goto(`${workshopPath}/scoring?add=engagement`)
    const label = `${marker} held demo`
    await page.getByLabel('Label', { exact: true }).fill(label)
    await page.getByLabel('Points', { exact: true }).fill('12')
    await page.getByLabel('Activity', { exact: true }).selectOption('demo_request')
    // A new activity rule counts past activities only.
    await expect.poll(() => page.getByLabel('Counts activities').inputValue()).toBe('past')
    await page.getByLabel('Within (days)').first().fill('120')
    await page.getByLabel('Points fade').selectOption('own')
    await page.getByLabel('This rule’s half-life (days)').fill('45')
    await page.getByLabel('Property condition 1').first().selectOption('completed')
    await page.getByLabel('operator').first().selectOption('eq')
    await page.getByLabel('value').first().fill('yes')
    await snapshot(page, `format-2-editor-${marker}`)
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.getByText(`Saved “${label}”.`).count()).toBe(1)
    const row = page.getByRole('row').filter({ hasText: label })
    await expect.poll(() => row.textContent()).toContain('Each “Requested a demo” with Completed is yes')
    await expect.poll(() => row.textContent()).toContain('in the last 120 days')
    await expect.poll(() => row.textContent()).toContain('halving every 45 days (its own)')

    // The draft document says it in words.
    await page.goto(`${workshopPath}/draft`)
    await expect.poll(() => page.getByText('requested a demo (Completed: yes) in the last 120 days (done, not scheduled); fades with a 45-day half-life', { exact: false }).count()).toBeGreaterThan(0)

    // Bad input: its own half-life without days is refused beside the field, nothing saved.
    await page.goto(`${workshopPath}/scoring?add=engagement`)
    await page.getByLabel('Label', { exact: true }).fill(`${marker} broken`)
    await page.getByLabel('Points', { exact: true }).fill('1')
    await page.getByLabel('Activity', { exact: true }).selectOption('webinar')
    await page.getByLabel('Points fade').selectOption('own')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.getByText('Enter this rule’s half-life in days.').count()).toBe(1)
    await page.goto(`${workshopPath}/scoring`)
    await expect.poll(() => page.getByText(`${marker} broken`).count()).toBe(0)
    await context.close()
  })
})
