import { describe, expect, it } from 'vitest'
import { DEMO, useApp } from './harness'

const app = useApp()

const NOT_JSON = 'A backup is a .json file, downloaded from a workshop’s members page: choose that file.'
const CHOOSE = 'Choose a backup file (.json) to import.'

/*
 * The import form checks the file with the same schema in the browser (nothing is sent) and on
 * the server (without JavaScript the post arrives and is refused in the same words).
 */
describe('the workshop import form', () => {
  it('with JavaScript: refuses a missing or non-JSON file in the browser, under the field, without posting', async () => {
    const context = await app.newContext({ javaScriptEnabled: true })
    const page = await app.logInAs(context, DEMO.facilitator)
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/workshops/import') posts.push(request.url())
    })
    await page.goto('/workshops/import')
    const field = page.getByLabel('Backup file')

    await page.getByRole('button', { name: 'Import workshop' }).click()
    await expect.poll(() => page.locator('#backup-error').innerText()).toBe(CHOOSE)

    await field.setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') })
    await page.getByRole('button', { name: 'Import workshop' }).click()
    await expect.poll(() => page.locator('#backup-error').innerText()).toBe(NOT_JSON)
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
    expect(posts).toEqual([])
    expect(new URL(page.url()).pathname).toBe('/workshops/import')
    await context.close()
  })

  it('without JavaScript: the server refuses the same file with the same words, and the page stays the form', async () => {
    const context = await app.newContext({ javaScriptEnabled: false })
    const page = await app.logInAs(context, DEMO.facilitator)
    await page.goto('/workshops/import')
    await page.getByLabel('Backup file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') })
    await page.getByRole('button', { name: 'Import workshop' }).click()
    await expect.poll(() => page.locator('.alert.error').innerText()).toBe(NOT_JSON)
    await expect.poll(() => page.getByRole('heading', { name: 'Import a workshop' }).count()).toBe(1)
    await context.close()
  })
})
