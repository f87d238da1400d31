import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { ALIGNMENT_2026 } from '~/domain/assessment/questions'
import { DEMO, snapshot, useApp, seriousViolations } from './harness'

/*
 * Step 10 in a real browser: the facilitator opens a round, three marketing and three sales
 * people answer through the public link, each in a browser of their own (one without
 * JavaScript), and the facilitator sees the radar, the gap and both teams' definitions side by
 * side, and prints the report to an A4 PDF.
 */

const app = useApp()
const set = ALIGNMENT_2026
const OUT = path.join('test-results', 'screenshots')

const RESPONDENTS = [
  { team: 'Marketing', level: 'Agree', opposite: 'Disagree', mql: 'Anyone who downloads a whitepaper or joins a webinar.', sql: 'An MQL that sales accepted.', javaScript: true },
  { team: 'Marketing', level: 'Agree', opposite: 'Disagree', mql: 'A lead with 50 points in the marketing automation.', sql: 'When sales has booked a first call.', javaScript: false },
  { team: 'Marketing', level: 'Agree', opposite: 'Disagree', mql: 'A director at a software company who engaged with a campaign.', sql: 'A lead sales wants to work.', javaScript: true },
  { team: 'Sales', level: 'Disagree', opposite: 'Agree', mql: 'Whatever marketing sends us, mostly students.', sql: 'Budget, authority, need and timeline confirmed.', javaScript: true },
  { team: 'Sales', level: 'Disagree', opposite: 'Agree', mql: 'Someone who asked for a demo.', sql: 'A decision maker with a project this quarter.', javaScript: true },
  { team: 'Sales', level: 'Disagree', opposite: 'Agree', mql: 'A VP at a 500-person fintech company who asked to talk to us.', sql: 'BANT, three of four.', javaScript: true },
] as const

const contexts: BrowserContext[] = []
afterAll(async () => {
  for (const context of contexts) await context.close()
})

async function newContext(options: Parameters<typeof app.newContext>[0] = {}) {
  const context = await app.newContext(options)
  contexts.push(context)
  return context
}

/** Answers the whole questionnaire as one person, page by page, and submits. */
async function respond(page: Page, link: string, respondent: (typeof RESPONDENTS)[number]) {
  await page.goto(link)
  await page.getByLabel(respondent.team, { exact: true }).check()
  await page.getByRole('button', { name: 'Start the questionnaire' }).click()
  for (const dimension of set.dimensions) {
    await page.getByRole('heading', { name: dimension.title, exact: true }).waitFor()
    const statements = set.statements.filter((statement) => statement.dimension === dimension.id)
    for (const [index, statement] of statements.entries()) {
      await page.locator('fieldset.likert').nth(index).getByLabel(statement.reverse ? respondent.opposite : respondent.level, { exact: true }).check()
    }
    await page.getByRole('button', { name: 'Save and continue' }).click()
  }
  await page.getByRole('heading', { name: 'In your own words' }).waitFor()
  await page.getByLabel('In one sentence, what is an MQL?').fill(respondent.mql)
  await page.getByLabel('In one sentence, what is an SQL?').fill(respondent.sql)
  await page.getByRole('button', { name: 'Save and continue' }).click()
  await page.getByRole('heading', { name: 'Review and submit' }).waitFor()
  await page.getByRole('button', { name: 'Submit my answers' }).click()
  await page.getByRole('heading', { name: 'Thank you' }).waitFor()
}

describe('the alignment assessment', () => {
  let link = ''
  let resultsUrl = ''

  it('the facilitator opens a round and gets its public link', async () => {
    const context = await newContext()
    const page = await app.logInAs(context, DEMO.facilitator)
    await page.locator('a.workshop-card').first().click()
    await page.getByRole('link', { name: 'Alignment assessment' }).first().click()
    await page.getByLabel('Name of the new round').fill('Kick-off check')
    await page.getByRole('button', { name: 'Open a round' }).click()
    await expect.poll(() => page.locator('#public-link').inputValue().catch(() => '')).toMatch(/\/a\/[\w-]+\.[\w-]+$/)
    link = await page.locator('#public-link').inputValue()
    resultsUrl = new URL(page.url()).pathname
    expect(resultsUrl).toMatch(/^\/workshops\/[^/]+\/assessment$/)
  })

  // Each person in a browser of their own; the first on a phone, the second without JavaScript.
  it.each(RESPONDENTS.map((respondent, index) => ({ ...respondent, index })))(
    '$team respondent $index answers through the link in a browser of their own (JavaScript: $javaScript)',
    async (respondent) => {
      const phone = respondent.index === 0
      const context = await newContext({ javaScriptEnabled: respondent.javaScript, viewport: phone ? { width: 390, height: 844 } : undefined, bypassCSP: phone })
      const page = await context.newPage()
      if (phone) {
        await page.goto(link)
        await snapshot(page, 'assessment-e2e-public-start-390')
        expect(await seriousViolations(page)).toEqual([])
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      }
      await respond(page, link, respondent)
      if (phone) await snapshot(page, 'assessment-e2e-public-thanks-390')
      // One response per browser: coming back shows the submission, not a new questionnaire.
      await page.goto(link)
      await expect.poll(() => page.getByRole('heading', { name: 'Thank you' }).count()).toBe(1)
      await expect.poll(() => page.getByRole('button', { name: 'Start the questionnaire' }).count()).toBe(0)
    },
    120_000,
  )

  it('the facilitator sees the counts, the radar of marketing against sales and both teams’ definitions side by side', async () => {
    const context = await newContext({ bypassCSP: true })
    const page = await app.logInAs(context, DEMO.facilitator)
    await page.goto(resultsUrl)
    await expect.poll(() => page.locator('.assessment-counts').innerText()).toMatch(/Marketing 3\s+Sales 3\s+Other 0/)
    // Marketing agrees (80), sales disagrees (40) with every statement as it is meant: a gap of 40 everywhere, index 60.
    await expect.poll(() => page.locator('.index-value').innerText()).toBe('60')
    await expect.poll(() => page.locator('.assessment-radar .recharts-radar-polygon').count()).toBe(2)
    const firstRow = page.locator('.assessment-scores tbody tr').first()
    expect((await firstRow.innerText()).replace(/\s+/g, ' ')).toBe('Shared definitions 80 40 +40 1')
    const mql = page.locator('section[aria-labelledby="definitions-mql"]')
    for (const respondent of RESPONDENTS) {
      const column = mql.locator(`.definitions-column.${respondent.team.toLowerCase()}`)
      await expect.poll(() => column.getByText(respondent.mql).count()).toBe(1)
    }
    // Read against the signed v2: the sales VP names seniority, company size and industry.
    const vp = mql.locator('li', { hasText: 'A VP at a 500-person fintech company' })
    await expect.poll(() => vp.locator('.named-terms').innerText()).toBe('Names: seniority, industry, company size')
    await expect.poll(() => page.getByText('Sales and marketing disagree most on').count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await snapshot(page, 'assessment-e2e-results-1280')
    await page.setViewportSize({ width: 390, height: 844 })
    // On a phone neither the page nor any of its tables scrolls sideways.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const tables = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].map((wrap) => wrap.scrollWidth - wrap.clientWidth))
    expect(tables.length).toBeGreaterThanOrEqual(3)
    expect(tables.filter((overflow) => overflow > 0)).toEqual([])
    await snapshot(page, 'assessment-e2e-results-390')
  })

  it('the report prints to an A4 PDF with the index, the radar and the definitions', async () => {
    const context = await newContext()
    const page = await app.logInAs(context, DEMO.facilitator)
    await page.goto(`${resultsUrl}/report`)
    await expect.poll(() => page.locator('.assessment-radar .recharts-radar-polygon').count()).toBe(2)
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    fs.mkdirSync(OUT, { recursive: true })
    const file = path.join(OUT, 'assessment-e2e-report.pdf')
    fs.writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Kick-off check')
    expect(text).toContain('Alignment index')
    expect(text).toContain('Aligned')
    expect(text).toMatch(/Shared definitions\s+80\s+40\s+\+40/)
    // Two columns side by side: each definition's lines interleave with its neighbour's in the text.
    expect(text).toContain('“A VP at a 500-person fintech company who')
    expect(text).toContain('asked to talk to us.”')
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/)
  })
})
