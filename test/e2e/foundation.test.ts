import { describe, expect, it } from 'vitest'
import { snapshot, uniqueEmail, useApp } from './harness'

const app = useApp()

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('sign-up, workshop and invite journey $label', ({ javaScriptEnabled, label }) => {
  it('signs up, creates a workshop, invites a sales member who joins, and keeps outsiders out', async () => {
    const suffix = javaScriptEnabled ? 'js' : 'nojs'
    const facilitatorContext = await app.newContext({ javaScriptEnabled })
    const page = await facilitatorContext.newPage()

    // Bad input first: messages next to the fields, nothing written.
    await page.goto('/signup')
    await page.getByLabel('Your name').fill('')
    await page.getByLabel('Work email').fill('not-an-email')
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.getByText('Enter your name.').count()).toBe(1)
    await expect.poll(() => page.getByText('Enter a valid email address, like dana@example.com.').count()).toBe(1)
    await expect.poll(() => page.getByText('Use at least 10 characters.').count()).toBe(1)
    await expect.poll(() => page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true')
    await snapshot(page, `foundation-signup-errors-${suffix}`)

    const facilitatorEmail = uniqueEmail(`fran-${suffix}`)
    await page.getByLabel('Your name').fill('Fran Facilitator')
    await page.getByLabel('Work email').fill(facilitatorEmail)
    await page.getByLabel('Password').fill('a long enough password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'No workshops yet' }).waitFor()
    await snapshot(page, `foundation-dashboard-empty-${suffix}`)

    await page.getByRole('link', { name: 'Create your first workshop' }).click()
    await page.getByRole('button', { name: 'Create workshop' }).click()
    await expect.poll(() => page.getByText('Name the workshop.').count()).toBe(1)
    await page.getByLabel('Workshop name').fill(`MQL definition ${label}`)
    await page.getByLabel('Company').fill('Acme Analytics')
    await page.getByRole('button', { name: 'Create workshop' }).click()
    // The page's own title is the H1 ("Overview"); the workshop's name is the line above it.
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
    await page.getByRole('link', { name: `MQL definition ${label}`, exact: true }).waitFor()
    const workshopUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByRole('list', { name: 'Workshop steps' }).getByRole('listitem').count()).toBe(10)
    await snapshot(page, `foundation-overview-${suffix}`)

    await page.goto(`${workshopUrl}/members`)
    await page.getByLabel('Role', { exact: true }).selectOption('sales')
    await page.getByRole('button', { name: 'Create invite link' }).click()
    const inviteLink = await page.getByTestId('invite-link').inputValue()
    expect(inviteLink).toContain('/invites/')
    await snapshot(page, `foundation-members-${suffix}`)

    // The sales member opens the link logged out, signs up, and lands back on the invite.
    const salesContext = await app.newContext({ javaScriptEnabled })
    const salesPage = await salesContext.newPage()
    await salesPage.goto(inviteLink)
    await salesPage.getByRole('link', { name: 'Sign up to join' }).click()
    await salesPage.getByLabel('Your name').fill('Sam Seller')
    const salesEmail = uniqueEmail(`sam-${suffix}`)
    await salesPage.getByLabel('Work email').fill(salesEmail)
    await salesPage.getByLabel('Password').fill('another long password')
    // Signing up from the invite joins at once: no second "Join" click.
    await salesPage.getByRole('button', { name: 'Create account' }).click()
    await salesPage.getByRole('link', { name: `MQL definition ${label}`, exact: true }).waitFor()
    await expect.poll(() => salesPage.getByText('You joined the workshop.').count()).toBe(1)
    await expect.poll(() => new URL(salesPage.url()).pathname).toBe(workshopUrl)
    await expect.poll(() => salesPage.getByText('You are: Sales').count()).toBe(1)

    // The single-use link is now used up.
    const lateContext = await app.newContext({ javaScriptEnabled })
    const latePage = await lateContext.newPage()
    await latePage.goto(inviteLink)
    await expect.poll(() => latePage.getByText('This invite link has already been used.').count()).toBe(1)

    // Both see each other in the member list.
    await page.goto(`${workshopUrl}/members`)
    await expect.poll(() => page.getByText('Sam Seller', { exact: true }).count()).toBe(1)

    // A logged-out visitor gets the login page, and logging in through its form comes back to the workshop.
    const anonymousContext = await app.newContext({ javaScriptEnabled })
    const anonymous = await anonymousContext.newPage()
    await anonymous.goto(workshopUrl)
    await expect.poll(() => new URL(anonymous.url()).pathname).toBe('/login')
    await anonymous.getByRole('button', { name: 'Log in' }).waitFor()
    await expect.poll(() => anonymous.getByText(`MQL definition ${label}`).count()).toBe(0)
    await anonymous.getByLabel('Email').fill(salesEmail)
    await anonymous.getByLabel('Password').fill('not the password')
    await anonymous.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => anonymous.getByText('Wrong email or password.').count()).toBe(1)
    await expect.poll(() => anonymous.getByLabel('Email').inputValue()).toBe(salesEmail)
    await anonymous.getByLabel('Password').fill('another long password')
    await anonymous.getByRole('button', { name: 'Log in' }).click()
    await anonymous.getByRole('link', { name: `MQL definition ${label}`, exact: true }).waitFor()
    await expect.poll(() => new URL(anonymous.url()).pathname).toBe(workshopUrl)

    // A non-member gets a 404.

    const strangerContext = await app.newContext({ javaScriptEnabled })
    const stranger = await strangerContext.newPage()
    await stranger.goto('/signup')
    await stranger.getByLabel('Your name').fill('Stan Stranger')
    await stranger.getByLabel('Work email').fill(uniqueEmail(`stan-${suffix}`))
    await stranger.getByLabel('Password').fill('yet another password')
    await stranger.getByRole('button', { name: 'Create account' }).click()
    await stranger.getByRole('heading', { name: 'No workshops yet' }).waitFor()
    const response = await stranger.goto(workshopUrl)
    expect(response?.status()).toBe(404)
    await stranger.getByText('This page does not exist, or you are not a member of the workshop it belongs to.').waitFor()
    await expect.poll(() => stranger.getByText(`MQL definition ${label}`).count()).toBe(0)

    for (const context of [facilitatorContext, salesContext, lateContext, anonymousContext, strangerContext]) await context.close()
  })
})
