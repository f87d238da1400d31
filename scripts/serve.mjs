// The production server: applies migrations (and the demo seed when asked) before it
// listens, serves the Remix build with long-lived caching for fingerprinted assets.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const demo = process.env.LEADPACT_DEMO === '1'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0')

if (demo) {
  // The demo runs as a production build on plain http://localhost: give it a secret kept
  // next to its database so sessions survive a restart, and cookies that work without TLS.
  const dataDir = path.dirname(path.resolve(process.env.DATABASE_PATH ?? 'data/leadpact.db'))
  fs.mkdirSync(dataDir, { recursive: true })
  if (!process.env.SESSION_SECRET) {
    const secretFile = path.join(dataDir, '.session-secret')
    if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 })
    process.env.SESSION_SECRET = fs.readFileSync(secretFile, 'utf8').trim()
  }
  process.env.COOKIE_SECURE ??= 'false'
}

const buildPath = path.resolve('build/index.js')
const build = await import(buildPath)

let prepared
try {
  prepared = await build.entry.module.prepareDatabase({ demo })
} catch (error) {
  console.error(`\nLeadpact could not start:\n${error instanceof Error ? error.message : error}\n`)
  process.exit(1)
}

const app = express()
app.disable('x-powered-by')
// Behind a reverse proxy, TRUST_PROXY (e.g. 1 or "loopback") lets rate limits see the client's address.
if (process.env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY)
app.use(build.entry.module.requestEdge())
app.use(compression())
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))
app.use(createRequestHandler({ build, mode: process.env.NODE_ENV }))

const server = app.listen(port, host, () => {
  const address = server.address()
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${typeof address === 'object' && address ? address.port : port}`
  // Without PUBLIC_URL (the demo, development), links the app builds point here; see publicOrigin() in app/http/env.server.ts.
  if (!process.env.PUBLIC_URL) process.env.LEADPACT_LISTEN_ORIGIN = url
  console.log(`Leadpact is running at ${url}`)
  if (prepared.demoLogins.length > 0) {
    console.log(prepared.seeded ? 'Seeded the demo workshop "Acme Analytics".' : 'Demo database already present; not re-seeded.')
    console.log('Demo logins (password for all: leadpact-demo):')
    for (const login of prepared.demoLogins) console.log(`  ${login.role.padEnd(12)} ${login.email}`)
  }
  if (process.env.NODE_ENV === 'development') import('@remix-run/node').then(({ broadcastDevReady }) => broadcastDevReady(build))
})

// Test servers stop by themselves when the test process that started them is gone.
const parentPid = Number(process.env.LEADPACT_PARENT_PID ?? 0)
if (parentPid) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0)
    } catch {
      process.exit(0)
    }
  }, 1000).unref()
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)))
