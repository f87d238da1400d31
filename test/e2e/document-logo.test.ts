import { describe, expect, it } from 'vitest'
import { ACME_LOGO_PNG_BASE64 } from '~/demo/logo'
import { DEMO, useApp, seriousViolations } from './harness'

const app = useApp()

/** Issue #15: removing the cover's logo cannot be undone (the file is not kept), so it asks first. */
describe('the logo on the documents’ cover', () => {
  it('asks before removing the logo, without JavaScript; uploading it again brings it back', async () => {
    // With JavaScript, the open question passes axe-core.
    const scripted = await app.logInAs(await app.newContext(), DEMO.facilitator)
    const workshopPath = (await scripted.locator('a.workshop-card').first().getAttribute('href'))!
    await scripted.goto(`${workshopPath}/versions`)
    await scripted.locator('#logo summary', { hasText: 'Remove the logo' }).click()
    await scripted.locator('#logo').getByRole('button', { name: 'Yes, remove the logo' }).waitFor()
    expect(await seriousViolations(scripted)).toEqual([])

    const page = await app.logInAs(await app.newContext({ javaScriptEnabled: false }), DEMO.facilitator)
    await page.goto(`${workshopPath}/versions`)
    const card = page.locator('#logo')
    await card.getByRole('img', { name: /logo, as on the cover/ }).waitFor()

    // The first click only opens the question; the logo is still there.
    await card.locator('summary', { hasText: 'Remove the logo' }).click()
    await card.getByText('Remove the logo from the cover of every version’s document, print and PDF? The file is not kept').waitFor()
    await expect.poll(() => card.getByRole('img', { name: /logo, as on the cover/ }).count()).toBe(1)

    await card.getByRole('button', { name: 'Yes, remove the logo' }).click()
    await page.getByText('Logo removed from the documents’ cover.').waitFor()
    await card.getByText('No logo yet: the cover shows the company name.').waitFor()
    await expect.poll(() => card.getByRole('img', { name: /logo, as on the cover/ }).count()).toBe(0)

    // What the question says: to bring it back, upload it again.
    await card.getByLabel('Logo file').setInputFiles({ name: 'acme.png', mimeType: 'image/png', buffer: Buffer.from(ACME_LOGO_PNG_BASE64, 'base64') })
    await card.getByRole('button', { name: 'Upload logo' }).click()
    await card.getByRole('img', { name: /logo, as on the cover/ }).waitFor()
  }, 90_000)
})
