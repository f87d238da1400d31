import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillPattern, routeList } from '../setup/routes'
import { DEMO, snapshot, uniqueEmail, useApp } from './harness'

/*
 * Issue #15: every page of the demo workshop, for every role and logged out, on a desktop
 * (1280×800) and a phone (390×844), with axe-core: no serious or critical violation, and on the
 * phone nothing wider than the screen (the page never scrolls sideways).
 *
 * The pages come from the build's route list, so a new page cannot escape the sweep: the
 * concrete address of each pattern is found by crawling the demo as its facilitator (links,
 * and the one-time links the facilitator creates: an invite, a share link), and a pattern no
 * link leads to fails the sweep until a way to reach it exists.
 */

const app = useApp()

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const
type ViewportName = keyof typeof VIEWPORTS

const ACTORS = ['logged-out', 'facilitator', 'marketing', 'sales', 'viewer'] as const
type Actor = (typeof ACTORS)[number]

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')

const ROUTES = await routeList()
/** Page patterns (resource routes skipped); a layout and its index share a pattern and are one page. */
const PAGE_PATTERNS = [...new Set(ROUTES.filter((route) => route.isPage).map((route) => route.pattern.replace(/\/$/, '') || '/'))].sort()

/** Pages behind an account are swept for the members; the others (public) logged out. */
const needsAccount = (pattern: string) => pattern.startsWith('/workshops') || pattern === '/account'
/** Log-in, sign-up and the public share and answer pages are what people without an account see; members are sent on from / and /login. */
const forMembers = (pattern: string) => needsAccount(pattern) || pattern === '/api' || pattern.startsWith('/invites/')
const patternsFor = (actor: Actor) => PAGE_PATTERNS.filter((pattern) => (actor === 'logged-out' ? !needsAccount(pattern) : forMembers(pattern)))

/** Remix's ranking, enough for our routes: per segment, static beats a parameter beats a splat. */
function patternOf(pathname: string): string | undefined {
  const segments = pathname.split('/').filter(Boolean)
  let best: { pattern: string; rank: number[] } | undefined
  for (const route of ROUTES) {
    const parts = route.pattern.split('/').filter(Boolean)
    const splat = parts.at(-1) === '*'
    if (splat ? segments.length < parts.length - 1 : segments.length !== parts.length) continue
    const rank: number[] = []
    let matches = true
    parts.forEach((part, index) => {
      if (part === '*') rank.push(1)
      else if (part.startsWith(':')) rank.push(2)
      else if (part === segments[index]) rank.push(3)
      else matches = false
    })
    if (!matches) continue
    if (!best || compareRanks(rank, best.rank) > 0) best = { pattern: route.pattern, rank }
  }
  return best?.pattern.replace(/\/$/, '') || (best ? '/' : undefined)
}

function compareRanks(a: number[], b: number[]) {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

/** Every same-origin path a page mentions: links, and one-time links shown in inputs or text. */
function pathsIn(html: string, origin: string): string[] {
  const found = new Set<string>()
  const decoded = html.replaceAll('&amp;', '&')
  for (const match of decoded.matchAll(/href="([^"#]*)/g)) if (match[1]!.startsWith('/') && !match[1]!.startsWith('//')) found.add(match[1]!)
  const escapedOrigin = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  for (const match of decoded.matchAll(new RegExp(`${escapedOrigin}(/[^"'<>\\s#]*)`, 'g'))) found.add(match[1]!)
  return [...found]
}

/** The address swept for each pattern (and a few of its states, like `?edit`), found by crawling. */
const pages = new Map<string, string[]>()
let workshopPath = ''
let viewerEmail = ''

async function discover() {
  const context = await app.newContext()
  const page = await app.logInAs(context, DEMO.facilitator)
  workshopPath = (await page.locator('a.workshop-card').first().getAttribute('href'))!
  if (!/^\/workshops\/[^/]+$/.test(workshopPath)) throw new Error(`The demo workshop's link is ${workshopPath}`)

  // One-time links are shown once, to the facilitator who creates them.
  const oneTime: string[] = []
  await page.goto(`${workshopPath}/members`)
  // (A hook, not a test: it waits on the page itself rather than through expect.poll.)
  const createInvite = async (role: string, previous = '') => {
    await page.getByLabel('Role', { exact: true }).selectOption(role)
    await page.getByRole('button', { name: 'Create invite link' }).click()
    await page.waitForFunction((before) => {
      const value = document.querySelector<HTMLInputElement>('[data-testid="invite-link"]')?.value ?? ''
      return value.includes('/invites/') && value !== before
    }, previous)
    return page.getByTestId('invite-link').inputValue()
  }
  const viewerInvite = await createInvite('viewer')
  oneTime.push(new URL(await createInvite('marketing', viewerInvite)).pathname)
  await page.goto(`${workshopPath}/versions`)
  const createShare = page.getByRole('button', { name: 'Create share link' })
  if ((await createShare.count()) > 0) {
    await createShare.click()
    await page.waitForFunction(() => document.documentElement.outerHTML.includes('/share/'))
    oneTime.push(...pathsIn(await page.content(), app.baseUrl).filter((found) => found.startsWith('/share/')))
  }

  // The demo's assessment rounds are closed: an open one has a public answering page (/a/…) and a member's.
  await page.goto(`${workshopPath}/assessment`)
  const openRound = page.getByRole('button', { name: 'Open a round' })
  if ((await openRound.count()) > 0) {
    await page.getByLabel('Name of the new round').fill('Sweep round')
    await openRound.click()
    await page.waitForFunction(() => document.documentElement.outerHTML.includes('/a/'))
  }

  // A viewer joins through the link: the demo has none.
  const viewerContext = await app.newContext()
  const viewerPage = await viewerContext.newPage()
  await viewerPage.goto(viewerInvite)
  await viewerPage.getByRole('link', { name: 'Sign up to join' }).click()
  viewerEmail = uniqueEmail('vera-viewer')
  await viewerPage.getByLabel('Your name').fill('Vera Viewer')
  await viewerPage.getByLabel('Work email').fill(viewerEmail)
  await viewerPage.getByLabel('Password').fill('a long viewer password')
  await viewerPage.getByRole('button', { name: 'Create account' }).click()
  // Signing up from the invite joins at once.
  await viewerPage.waitForURL((url) => url.pathname === workshopPath)
  await viewerContext.close()

  // Breadth-first through the links a member sees; a few addresses per pattern are enough. The
  // facilitator sees most pages; marketing also sees what only a team answers (an assessment round).
  const crawl = async (from: BrowserContext, queue: string[]) => {
    const fetched = new Map<string, number>()
    const seen = new Set(queue)
    while (queue.length > 0) {
      const next = queue.shift()!
      const url = new URL(next, app.baseUrl)
      const pattern = patternOf(url.pathname)
      const route = ROUTES.find((candidate) => (candidate.pattern.replace(/\/$/, '') || '/') === pattern && candidate.isPage)
      if (!pattern || !route || pattern === '/logout') continue
      const states = pages.get(pattern) ?? []
      // The plain address first, then up to two states of the page (`?edit`, `?page=2`).
      const address = `${url.pathname}${url.search}`
      if (!states.includes(address) && (url.search ? states.filter((state) => state.includes('?')).length < 2 : !states.some((state) => !state.includes('?')))) {
        if (url.search) states.push(address)
        else states.unshift(address)
        pages.set(pattern, states)
      }
      if ((fetched.get(pattern) ?? 0) >= 2) continue
      const response = await from.request.get(address)
      fetched.set(pattern, (fetched.get(pattern) ?? 0) + 1)
      if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue
      for (const found of pathsIn(await response.text(), app.baseUrl)) {
        if (seen.has(found) || found.startsWith('/logout')) continue
        seen.add(found)
        queue.push(found)
      }
    }
  }
  await crawl(context, ['/workshops', workshopPath, '/api', '/account', ...oneTime])
  const marketingContext = await app.newContext()
  await (await app.logInAs(marketingContext, DEMO.marketing)).close()
  await crawl(marketingContext, [workshopPath])
  await marketingContext.close()
  // A page only a redirect leads to (after publishing, say) gets the parameters seen in the addresses found.
  const seenParams = new Map<string, string>()
  for (const [pattern, addresses] of pages) {
    const parts = pattern.split('/')
    const values = addresses[0]!.split('?')[0]!.split('/')
    parts.forEach((part, index) => {
      if (part.startsWith(':') && !seenParams.has(part.slice(1))) seenParams.set(part.slice(1), decodeURIComponent(values[index]!))
    })
  }
  for (const pattern of PAGE_PATTERNS) {
    const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
    if (pages.has(pattern) || pattern.includes('*') || names.length === 0 || !names.every((name) => seenParams.has(name))) continue
    pages.set(pattern, [fillPattern(pattern, Object.fromEntries(seenParams))])
  }
  // A pattern without parameters is its own address (the public pages members never see: /, /login, /signup).
  for (const pattern of PAGE_PATTERNS) if (!pattern.includes(':') && !pattern.includes('*') && !pages.has(pattern)) pages.set(pattern, [pattern])
  // A step with no page of its own, or an unknown one: the error page inside the workshop.
  if (!pages.has('/workshops/:workshopId/:step')) pages.set('/workshops/:workshopId/:step', [`${workshopPath}/no-such-step`])
  await context.close()
}

/** SWEEP_REPORT=1 also writes every problem, one JSON line each, for a person working through them. */
const REPORT = process.env.SWEEP_REPORT === '1' ? path.join('test-results', 'accessibility-sweep.jsonl') : undefined
beforeAll(async () => {
  if (REPORT) {
    fs.mkdirSync(path.dirname(REPORT), { recursive: true })
    fs.rmSync(REPORT, { force: true })
  }
  await discover()
}, 300_000)

const contexts = new Map<string, Promise<BrowserContext>>()
function contextFor(actor: Actor, viewport: ViewportName): Promise<BrowserContext> {
  const key = `${actor}-${viewport}`
  if (!contexts.has(key)) {
    contexts.set(
      key,
      (async () => {
        const context = await app.newContext({ viewport: VIEWPORTS[viewport], bypassCSP: true })
        if (actor !== 'logged-out') {
          const email = actor === 'viewer' ? viewerEmail : DEMO[actor]
          await (await app.logInAs(context, email)).close()
        }
        return context
      })(),
    )
  }
  return contexts.get(key)!
}
afterAll(async () => {
  for (const context of contexts.values()) await (await context).close()
})

type Violation = { id: string; impact: string | null; help: string; targets: string[] }

async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')) }))
  })
}

const fileName = (text: string) => text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'

for (const actor of ACTORS) {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    describe(`${actor} at ${VIEWPORTS[viewport].width}×${VIEWPORTS[viewport].height}`, () => {
      for (const pattern of patternsFor(actor)) {
        it(`${pattern}: no serious or critical axe-core violation${viewport === 'phone' ? ', no sideways scrolling' : ''}`, async () => {
          const addresses = pages.get(pattern)
          expect(addresses, `No link in the demo leads to ${pattern}: give the page a way in (or a link the sweep can find)`).toBeDefined()
          const context = await contextFor(actor, viewport)
          const page = await context.newPage()
          const problems: { address: string; landedOn: string; violations: Violation[]; scrollWidth?: number }[] = []
          try {
            for (const address of addresses!) {
              await page.goto(address)
              await page.locator('main').waitFor()
              const violations = await seriousViolations(page)
              const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
              await snapshot(page, `sweep-${viewport}-${actor}-${fileName(pattern.replace(':workshopId', ''))}${address.includes('?') ? `-${fileName(address.split('?')[1]!)}` : ''}`)
              const tooWide = viewport === 'phone' && scrollWidth > VIEWPORTS.phone.width
              if (violations.length > 0 || tooWide) {
                const landed = new URL(page.url())
                problems.push({ address, landedOn: landed.pathname + landed.search, violations, ...(tooWide ? { scrollWidth } : {}) })
              }
            }
          } finally {
            await page.close()
          }
          if (REPORT) for (const problem of problems) fs.appendFileSync(REPORT, `${JSON.stringify({ actor, viewport, pattern, ...problem })}\n`)
          expect(problems).toEqual([])
        }, 180_000)
      }
    })
  }
}
