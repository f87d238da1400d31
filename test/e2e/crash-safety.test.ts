import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '#db/client.server'
import { DEMO } from './harness'

/*
 * Crash safety (issue #12): the production server is killed with SIGKILL while logged-in
 * people post comments, and restarted on the same database file. Whatever the server
 * acknowledged (a 2xx or 3xx answer) must be in the database exactly once after every crash,
 * and the file must pass SQLite's integrity check. Kills are triggered by counts of
 * acknowledged writes, never by timers, with several writers keeping requests in flight.
 */

const KILLS = 5
const WRITERS = 4
const ACKNOWLEDGED_PER_ROUND = 40

type Server = { process: ChildProcess; baseUrl: string; exited: Promise<NodeJS.Signals | number | null> }

let dir = ''
let databasePath = ''
const sessionSecret = randomBytes(32).toString('hex')
let current: Server | undefined

/** Starts scripts/serve.mjs (the production build) on a free loopback port and this test's database. */
async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LEADPACT_DEMO: '1',
      DATABASE_PATH: databasePath,
      SESSION_SECRET: sessionSecret,
      COOKIE_SECURE: 'false',
      LEADPACT_PARENT_PID: String(process.pid),
      // Hundreds of writes from 127.0.0.1; the limits themselves are proved elsewhere.
      LEADPACT_RATE_LIMIT_MULTIPLIER: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  let output = ''
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    void exited.then((how) => reject(new Error(`The server stopped (${how}) before it listened:\n${output}`)))
  })
  current = { process: child, baseUrl, exited }
  return current
}

async function killServer(server: Server) {
  server.process.kill('SIGKILL')
  expect(await server.exited).toBe('SIGKILL')
  current = undefined
}

/** Logs the demo facilitator in through the log-in form; returns the session cookie. */
async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: new URLSearchParams({ email: DEMO.facilitator, password: DEMO.password, redirectTo: '/workshops' }).toString(),
  })
  expect(response.status).toBeGreaterThanOrEqual(300)
  expect(response.status).toBeLessThan(400)
  const cookie = /^(__session=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  if (!cookie) throw new Error(`Log-in set no session cookie (status ${response.status})`)
  return cookie
}

/** Reads the file the way an operator would after a crash: integrity and the crash test's comments. */
async function inspectDatabase(marker: string) {
  const store = await openStore(databasePath)
  try {
    const integrity = ((await store.db.all('PRAGMA integrity_check')) as unknown[][]).map((row) => row[0])
    const rows = (await store.db.all(`SELECT body, count(*) FROM comments WHERE body LIKE '${marker}%' GROUP BY body`)) as [string, number][]
    return { integrity, copies: new Map(rows.map(([body, count]) => [body, Number(count)])) }
  } finally {
    await store.close()
  }
}

async function workshopIdOf(): Promise<string> {
  const store = await openStore(databasePath)
  try {
    const rows = (await store.db.all("SELECT id FROM workshops WHERE company = 'Acme Analytics'")) as string[][]
    if (rows.length !== 1) throw new Error(`Expected the one demo workshop, found ${rows.length}`)
    return rows[0]![0]!
  } finally {
    await store.close()
  }
}

beforeAll(() => {
  if (!fs.existsSync('build/index.js')) throw new Error('No production build: run `npm run build` (npm test does it for you).')
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-crash-'))
  databasePath = path.join(dir, 'crash.db')
})

afterAll(async () => {
  if (current) await killServer(current)
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('crash safety', () => {
  it(`keeps every acknowledged write, exactly once, through ${KILLS} SIGKILLs during writes`, { timeout: 600_000 }, async () => {
    const marker = `crash-safety ${randomBytes(4).toString('hex')} #`
    const acknowledged = new Set<string>()
    const unacknowledged = new Set<string>()
    let nextWrite = 0
    let cookie = ''
    let workshopId = ''
    let killsSurvived = 0

    for (let round = 0; round <= KILLS; round++) {
      const server = await startServer()
      if (round === 0) {
        cookie = await logIn(server.baseUrl)
        workshopId = await workshopIdOf()
      }
      const target = acknowledged.size + ACKNOWLEDGED_PER_ROUND
      // The last round ends without a kill: the server must take writes again after the crashes.
      const killThisRound = round < KILLS
      let killed: Promise<void> | undefined

      const writer = async () => {
        while (!killed && acknowledged.size < target) {
          const body = `${marker}${nextWrite++}`
          let status: number
          try {
            const response = await fetch(`${server.baseUrl}/workshops/${workshopId}/context`, {
              method: 'POST',
              redirect: 'manual',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl, Cookie: cookie },
              body: new URLSearchParams({ intent: 'add-comment', body }).toString(),
            })
            status = response.status
            await response.arrayBuffer()
          } catch {
            // The connection broke: the server died with this request in flight. It may or may not have been written.
            unacknowledged.add(body)
            return
          }
          if (status < 200 || status >= 400) throw new Error(`Posting a comment answered ${status}`)
          acknowledged.add(body)
          if (killThisRound && !killed && acknowledged.size >= target) killed = killServer(server)
        }
      }
      await Promise.all(Array.from({ length: WRITERS }, writer))
      if (killed) {
        await killed
        killsSurvived += 1
      } else {
        await killServer(server)
      }

      const { integrity, copies } = await inspectDatabase(marker)
      expect(integrity).toEqual(['ok'])
      const lost = [...acknowledged].filter((body) => copies.get(body) !== 1)
      expect(lost).toEqual([])
      const duplicated = [...copies].filter(([, count]) => count !== 1)
      expect(duplicated).toEqual([])
      // Nothing appears that was never sent.
      const unknown = [...copies.keys()].filter((body) => !acknowledged.has(body) && !unacknowledged.has(body))
      expect(unknown).toEqual([])
    }

    expect(killsSurvived).toBe(KILLS)
    expect(acknowledged.size).toBeGreaterThanOrEqual((KILLS + 1) * ACKNOWLEDGED_PER_ROUND)
    const { copies } = await inspectDatabase(marker)
    const inFlightWritten = [...unacknowledged].filter((body) => copies.has(body)).length
    console.log(
      `crash safety: ${killsSurvived} SIGKILLs survived, ${acknowledged.size} acknowledged writes all present once, ` +
        `${unacknowledged.size} requests cut off by a kill (${inFlightWritten} of them had been written)`,
    )
  })
})
