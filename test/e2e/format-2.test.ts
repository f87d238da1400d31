import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { scoringRules } from '#db/schema'
import type { Condition } from '~/domain/scoring'
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

describe.each([{ javaScriptEnabled: false }, { javaScriptEnabled: true }])('date bounds as imported survive a re-save (JavaScript: $javaScriptEnabled)', ({ javaScriptEnabled }) => {
  it('a bare "until" (00:00 UTC) and date-times stay as stored; a day typed anew is that day’s end', async () => {
    const context = await app.newContext({ javaScriptEnabled })
    const page = await app.logInAs(context, DEMO.marketing)
    const workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
    const workshopId = workshopPath.split('/').pop()!
    const db = await app.database()
    const ruleOf = async (label: string) => {
      const [rule] = await db.select().from(scoringRules).where(and(eq(scoringRules.workshopId, workshopId), eq(scoringRules.label, label)))
      return rule!
    }
    // As a config import writes them: values the date inputs show only by their day.
    const heldDemo = await ruleOf('Held demo')
    await db
      .update(scoringRules)
      .set({ options: { ...heldDemo.options, since: '2026-01-01T08:00:00Z', until: '2026-03-31' } })
      .where(eq(scoringRules.id, heldDemo.id))
    const regular = await ruleOf('Webinar regular in a target role')
    const [role, webinars] = (regular.condition as { all: Condition[] }).all
    await db
      .update(scoringRules)
      .set({ condition: { all: [role!, { ...(webinars as object), until: '2026-03-31T12:00:00' } as Condition] } })
      .where(eq(scoringRules.id, regular.id))

    const saveUnchanged = async (id: string, label: string, until: string) => {
      await page.goto(`${workshopPath}/scoring?edit=${id}#rule-editor`)
      await expect.poll(() => page.getByLabel('Until (date, inclusive)').first().inputValue()).toBe(until)
      await page.getByRole('button', { name: 'Save rule' }).click()
      await expect.poll(() => page.getByText(`Saved “${label}”.`).count()).toBe(1)
    }
    await saveUnchanged(heldDemo.id, 'Held demo', '2026-03-31')
    await expect.poll(async () => (await ruleOf('Held demo')).options).toMatchObject({ since: '2026-01-01T08:00:00Z', until: '2026-03-31' })
    await saveUnchanged(regular.id, 'Webinar regular in a target role', '2026-03-31')
    await expect.poll(async () => ((await ruleOf('Webinar regular in a target role')).condition as { all: Condition[] }).all[1]).toMatchObject({ until: '2026-03-31T12:00:00' })

    // The editor says what is stored; a new day is read as the editor writes it.
    await page.goto(`${workshopPath}/scoring?edit=${heldDemo.id}#rule-editor`)
    await expect.poll(() => page.getByText('Stored as 2026-03-31 00:00 UTC, kept unless you change the date.').count()).toBe(1)
    await page.getByLabel('Until (date, inclusive)').first().fill('2026-04-15')
    await page.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(() => page.getByText('Saved “Held demo”.').count()).toBe(1)
    await expect.poll(async () => (await ruleOf('Held demo')).options).toMatchObject({ since: '2026-01-01T08:00:00Z', until: '2026-04-15T23:59:59.999' })
    await context.close()
  })
})
