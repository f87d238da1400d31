import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from './harness'

const app = useApp()

describe.each([
  { javaScriptEnabled: false, marker: 'zebra' },
  { javaScriptEnabled: true, marker: 'yak' },
])('a marketing member changes the model (JavaScript: $javaScriptEnabled)', ({ javaScriptEnabled, marker }) => {
  it('adds a fit rule in the editor; the simulator and the saved example table follow', async () => {
    const context = await app.newContext({ javaScriptEnabled })
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!

    // A lead the current model gives no fit points.
    await page.goto(`${workshopPath}/simulator`)
    await page.getByLabel('Job title').fill(`Head of ${marker} operations`)
    await page.getByLabel('Business email').fill(`pat@${marker}-corp.example`)
    await page.getByLabel('Company', { exact: true }).fill(`${marker} corp`)
    // Country lists its allowed values (the demo's are all target countries): Brazil is another value, typed.
    await page.getByLabel('Country', { exact: true }).selectOption({ label: 'Another value…' })
    await page.getByLabel('Country: another value').fill('BR')
    await page.getByLabel('Score as of').fill('2026-11-20T12:00')
    await page.getByRole('button', { name: 'Score this lead' }).click()
    await expect.poll(() => page.getByTestId('result-fit').textContent()).toBe('0')
    await expect.poll(() => page.locator('.why').textContent()).toContain('below the MQL threshold')

    await page.getByLabel('Name (to save as an example)').fill(`${marker} lead`)
    await page.getByRole('button', { name: 'Save as example' }).click()
    const row = page.getByTestId(`example-${marker} lead`)
    await expect.poll(() => row.getByTestId('example-fit').textContent()).toBe('0')

    // Add a fit rule through the editor.
    await page.goto(`${workshopPath}/scoring?add=fit`)
    await page.getByLabel('Label', { exact: true }).fill(`${marker} operations leaders`)
    await page.getByLabel('Points', { exact: true }).fill('7')
    await page.getByLabel('Condition 1: field').selectOption('jobTitle')
    await page.getByLabel('operator').first().selectOption('contains')
    await page.getByLabel('value').first().fill(marker.toUpperCase())
    await snapshot(page, `scoring-editor-${marker}`)
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.getByText(`Saved “${marker} operations leaders”.`).count()).toBe(1)
    await expect.poll(() => page.getByText(`${marker} operations leaders`, { exact: true }).count()).toBe(1)

    // The saved example is re-scored with the new model, and so is a fresh simulation.
    await page.goto(`${workshopPath}/simulator`)
    await expect.poll(() => page.getByTestId(`example-${marker} lead`).getByTestId('example-fit').textContent()).toBe('7')
    await page.getByRole('link', { name: `${marker} lead` }).click()
    await expect.poll(() => page.getByTestId('result-fit').textContent()).toBe('7')
    await expect.poll(() => page.getByRole('cell', { name: `${marker} operations leaders` }).count()).toBe(1)
    await snapshot(page, `scoring-simulator-${marker}`)

    // Bad input: a rule without points or condition is refused next to its fields, nothing saved.
    await page.goto(`${workshopPath}/scoring?add=fit`)
    await page.getByLabel('Label', { exact: true }).fill(`${marker} broken`)
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.getByText('Give the rule its points (negative points are allowed).').count()).toBe(1)
    await page.goto(`${workshopPath}/scoring`)
    await expect.poll(() => page.getByText(`${marker} operations leaders`, { exact: true }).count()).toBe(1)
    await expect.poll(() => page.getByText(`${marker} broken`).count()).toBe(0)

    // Deleting asks first, in the rule's own row: Cancel keeps the rule, "Yes, delete" removes it.
    const ruleRow = page.getByRole('row', { name: new RegExp(`${marker} operations leaders`) })
    await ruleRow.getByRole('link', { name: `Delete ${marker} operations leaders` }).click()
    const question = page.getByRole('group', { name: `Delete ${marker} operations leaders?` })
    await expect.poll(() => question.getByRole('button', { name: 'Yes, delete' }).count()).toBe(1)
    await question.getByRole('link', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByRole('group', { name: `Delete ${marker} operations leaders?` }).count()).toBe(0)
    await expect.poll(() => page.getByText(`${marker} operations leaders`, { exact: true }).count()).toBe(1)
    await ruleRow.getByRole('link', { name: `Delete ${marker} operations leaders` }).click()
    await question.getByRole('button', { name: 'Yes, delete' }).click()
    await expect.poll(() => page.getByText(`Deleted “${marker} operations leaders”.`).count()).toBe(1)
    await expect.poll(() => page.getByText(`${marker} operations leaders`, { exact: true }).count()).toBe(0)
    await expect.poll(() => new URL(page.url()).search).toBe('')
    await context.close()
  })
})
