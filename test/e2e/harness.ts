import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

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
 * Starts the production build (npm test builds it first) on a free loopback port with its
 * own database seeded with the demo, and a headless Chromium. Both stop after the file.
 */
export function useApp() {
  const state: { baseUrl: string; browser?: Browser; server?: ChildProcess; dir: string } = { baseUrl: '', dir: '' }
  beforeAll(async () => {
    if (!fs.existsSync('build/index.js')) throw new Error('No production build: run `npm run build` (npm test does it for you).')
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-e2e-'))
    const server = spawn(process.execPath, ['scripts/serve.mjs'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        LEADPACT_DEMO: '1',
        DATABASE_PATH: path.join(state.dir, 'e2e.db'),
        SESSION_SECRET: randomBytes(32).toString('hex'),
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
    state.server?.kill('SIGTERM')
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true })
  })

  return {
    get baseUrl() {
      return state.baseUrl
    },
    async newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
      if (!state.browser) throw new Error('The browser is not running yet')
      const context = await state.browser.newContext({ baseURL: state.baseUrl, javaScriptEnabled: options.javaScriptEnabled ?? true })
      context.setDefaultTimeout(15_000)
      return context
    },
    /** Logs in through the form and returns the page. */
    async logIn(context: BrowserContext, email: string, password = DEMO.password): Promise<Page> {
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      return page
    },
  }
}

export function uniqueEmail(name: string) {
  return `${name}-${randomBytes(4).toString('hex')}@example.com`
}

/** Saves a screenshot under test-results/ (for looking at the pages; not an assertion). */
export async function snapshot(page: Page, name: string) {
  fs.mkdirSync('test-results', { recursive: true })
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true })
}
