import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCookieSessionStorage } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { openStore, type Store } from '#db/client.server'
import { newId } from '#db/ids'
import { sessions, users } from '#db/schema'
import { absoluteExpiresAt, slidingExpiresAt } from '~/domain/accounts/session-expiry'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const DEMO = {
  password: 'leadpact-demo',
  facilitator: 'facilitator@demo.leadpact.test',
  marketing: 'marketing@demo.leadpact.test',
  sales: 'sales@demo.leadpact.test',
}

/**
 * A private copy of the production build for one test file's server. Several people share
 * this working tree: an `npm run build` during the tests replaces public/build/, and a server
 * started from the old build would send pages whose scripts no longer exist. The copy lives
 * under .cache/ in the repository so that the build still finds node_modules.
 */
async function copyBuild(): Promise<string> {
  if (!fs.existsSync('build/index.js')) throw new Error('No production build: run `npm run build` (npm test does it for you).')
  fs.mkdirSync('.cache', { recursive: true })
  const dir = fs.mkdtempSync(path.join('.cache', 'e2e-build-'))
  // A build finishing while we copy gives a server build without its browser manifest: copy again.
  for (let attempt = 1; attempt <= 30; attempt++) {
    try {
      fs.cpSync('build', path.join(dir, 'build'), { recursive: true })
      fs.cpSync('public', path.join(dir, 'public'), { recursive: true })
      const manifest = /"\/build\/(manifest-[A-Za-z0-9]+\.js)"/.exec(fs.readFileSync(path.join(dir, 'build', 'index.js'), 'utf8'))?.[1]
      if (manifest && fs.existsSync(path.join(dir, 'public', 'build', manifest))) return path.resolve(dir)
    } catch {
      // A file vanished under the copy (the build replaces its output): try again.
    }
    fs.rmSync(path.join(dir, 'build'), { recursive: true, force: true })
    fs.rmSync(path.join(dir, 'public'), { recursive: true, force: true })
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  throw new Error('build/ and public/build/ stayed out of step for 30 s: is `npm run build` failing?')
}

/**
 * Starts (a copy of) the production build (npm test builds it first) on a free loopback port
 * with its own database seeded with the demo, and a headless Chromium. Both stop after the file.
 */
export function useApp() {
  const state: { baseUrl: string; browser?: Browser; server?: ChildProcess; dir: string; buildDir: string; sessionSecret: string; store?: Promise<Store> } = {
    baseUrl: '',
    dir: '',
    buildDir: '',
    sessionSecret: randomBytes(32).toString('hex'),
  }
  const databasePath = () => path.join(state.dir, 'e2e.db')
  beforeAll(async () => {
    state.buildDir = await copyBuild()
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-e2e-'))
    const server = spawn(process.execPath, [path.resolve('scripts/serve.mjs')], {
      cwd: state.buildDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        LEADPACT_DEMO: '1',
        DATABASE_PATH: databasePath(),
        MIGRATIONS_PATH: path.resolve('db/migrations'),
        SESSION_SECRET: state.sessionSecret,
        COOKIE_SECURE: 'false',
        LEADPACT_PARENT_PID: String(process.pid),
        // Every test logs in from 127.0.0.1; the limits themselves are proved in test/integration/request-edge.test.ts.
        LEADPACT_RATE_LIMIT_MULTIPLIER: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    state.server = server
    let output = ''
    state.baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const match = /running at (http:\/\/\S+)/.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      }
      server.stdout!.on('data', onData)
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      server.on('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)))
    })
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  })
  afterAll(async () => {
    await state.browser?.close()
    if (state.store) await (await state.store).close()
    if (state.server && state.server.exitCode === null) {
      const exited = new Promise((resolve) => state.server!.once('exit', resolve))
      state.server.kill('SIGTERM')
      // Open connections can keep a server from closing; it must not outlive the file.
      const stubborn = setTimeout(() => state.server?.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(stubborn)
    }
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true })
    if (state.buildDir) fs.rmSync(state.buildDir, { recursive: true, force: true })
  })

  /*
   * The server is a child process with its own database file; a session for `logInAs` is
   * written straight into that file (WAL lets this second connection write beside the
   * server's) and signed with the secret the server was given, as app/http/session.server.ts does.
   */
  const cookies = createCookieSessionStorage<{ sessionId: string }>({
    cookie: { name: '__session', httpOnly: true, path: '/', sameSite: 'lax', secure: false, secrets: [state.sessionSecret] },
  })

  /** The server's database, through a second connection. */
  async function database() {
    state.store ??= openStore(databasePath())
    return (await state.store).db
  }

  async function createSessionCookie(email: string) {
    const db = await database()
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
    if (!user) throw new Error(`logInAs: no user with the email ${email} in the e2e database`)
    const now = new Date()
    const id = newId()
    await db.insert(sessions).values({ id, userId: user.id, createdAt: now, expiresAt: slidingExpiresAt({ createdAt: now }, now) })
    const session = await cookies.getSession()
    session.set('sessionId', id)
    const expires = absoluteExpiresAt({ createdAt: now })
    const header = await cookies.commitSession(session, { expires })
    const value = /^__session=([^;]*)/.exec(header)![1]!
    return { value, expires }
  }

  return {
    get baseUrl() {
      return state.baseUrl
    },
    /** For what no page can set up (a value as an import wrote it) or show exactly (a value as stored). */
    database,
    /** `bypassCSP` lets a test inject a script (axe-core) into pages served with the app's nonce CSP. */
    async newContext(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}): Promise<BrowserContext> {
      if (!state.browser) throw new Error('The browser is not running yet')
      const context = await state.browser.newContext({
        baseURL: state.baseUrl,
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        ...(options.viewport ? { viewport: options.viewport } : {}),
        bypassCSP: options.bypassCSP ?? false,
      })
      context.setDefaultTimeout(15_000)
      return context
    },
    /** Logs in through the form, for the tests of log-in itself; returns the page where the form sends you. */
    async logIn(context: BrowserContext, email: string, password = DEMO.password): Promise<Page> {
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      return page
    },
    /** Logs in with a session cookie, without the form; returns a page on the dashboard (/workshops), where log-in lands. */
    async logInAs(context: BrowserContext, email: string): Promise<Page> {
      const { value, expires } = await createSessionCookie(email)
      await context.addCookies([
        { name: '__session', value, url: state.baseUrl, httpOnly: true, sameSite: 'Lax', expires: Math.floor(expires.getTime() / 1000) },
      ])
      const page = await context.newPage()
      await page.goto('/workshops')
      if (new URL(page.url()).pathname !== '/workshops') throw new Error(`logInAs(${email}): the session cookie was refused (landed on ${page.url()})`)
      return page
    },
  }
}

export function uniqueEmail(name: string) {
  return `${name}-${randomBytes(4).toString('hex')}@example.com`
}

/**
 * Full-page screenshots are for people looking at the pages, not assertions: taken only with
 * SCREENSHOTS=1, into test-results/screenshots/.
 */
export async function snapshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return
  const dir = path.join('test-results', 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')

/**
 * axe-core's serious and critical violations on the page, once it has settled: a CSS transition
 * still running (a row's actions fading in after a resize to phone width) would be read halfway
 * and reported as low contrast. Injected through DevTools, so the page's CSP does not apply.
 */
export async function seriousViolations(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes.length})`)
  })
}
