/**
 * npm run bench, the load section (issue 12, "What must be proved: load"): the production server
 * (scripts/serve.mjs on the build in build/) on loopback, seeded with the demo, under autocannon.
 *
 * 1. 50 connections for BENCH_LOAD_SECONDS (default 30) each on a static file (the ceiling),
 *    GET /login, the workshop overview and the scoring model's two pages (rules; thresholds, bands and priorities) as the facilitator, and API scoring
 *    of 100-lead batches (25 tokens, two connections each: every token at its cap of batches in
 *    flight). Requests/s, p50/p99, answers that are not 2xx/3xx, 5xx, and each page against /login.
 * 2. A small API request (GET versions, one connection) alone, then while 10,000-lead batches
 *    (the maximum) run back to back.
 * 3. Finding 7 replayed: waves of 30 parallel 10,000-lead batches from one token while one
 *    connection asks for GET /login; the server's RSS before, at its peak and after.
 * Throughout, step comments with unique text are posted every 100 ms; afterwards every
 * acknowledged one must be in the database exactly once. During the workshop-overview run,
 * `npm run backup` copies the live database; the copy must pass integrity_check, hold every
 * comment acknowledged before it began, and serve the workshop from a second server.
 *
 * Targets (reported, not asserted): 0 5xx; workshop pages ≥ 0.5× /login; the small request's
 * p99 < 100 ms while maximum batches run; /login's p99 < 100 ms and the server's peak RSS < 400 MB
 * during the replay (it was 2.9 s and 945 MB); every acknowledged write exactly once; the backup ok.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon, { type Result } from 'autocannon'
import { count, eq, like } from 'drizzle-orm'
import sqlite3 from 'sqlite3'
import type { Lead } from '../app/domain/scoring'

const CONNECTIONS = 50
const DEMO_PASSWORD = 'leadpact-demo'
const FACILITATOR = 'facilitator@demo.leadpact.test'
const API_TOKENS = 25
const WRITE_EVERY_MS = 100
const REPLAY_PARALLEL = 30

interface Server {
  url: string
  child: ChildProcess
  /** Everything it wrote to stderr (a 500 logs there). */
  errors: () => string
  stop: () => Promise<void>
}

/** scripts/serve.mjs on `databasePath`, as the e2e harness starts it, with the edge's per-IP limits raised for one-IP load. */
async function startServer(root: string, databasePath: string): Promise<Server> {
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LEADPACT_DEMO: '1',
      DATABASE_PATH: databasePath,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      COOKIE_SECURE: 'false',
      LEADPACT_RATE_LIMIT_MULTIPLIER: '1000',
      LEADPACT_PARENT_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
    output += chunk.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s:\n${output}`)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    child,
    errors: () => errors,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Logs in through the form (with the Origin a browser sends) and returns the session cookie. */
async function logIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '/workshops' }),
  })
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ')
  if (response.status !== 302 || !cookie) throw new Error(`Logging in as ${email} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  return cookie
}

// ── Measuring ─────────────────────────────────────────────────────────────────────────────

interface Run {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  max: number
  requests: number
  /** 4xx, 5xx, connection errors and timeouts: what a client would not call an answer. */
  failed: number
  serverErrors: number
  statuses: string
}

function summarise(name: string, result: Result): Run {
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count: n }]) => `${status}×${n}`)
    .join(' ')
  return {
    name,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    failed: result['4xx'] + result['5xx'] + result.errors + result.timeouts,
    serverErrors: result['5xx'],
    statuses,
  }
}

/** One autocannon run, in a worker thread of its own: the bench's own work (batches, writes) does not delay its clock. */
async function load(name: string, options: Parameters<typeof autocannon>[0]): Promise<Run> {
  process.stdout.write(`  ${name}… `)
  const run = summarise(name, await autocannon({ timeout: 30, workers: 1, ...options }))
  console.log(`${Math.round(run.requestsPerSecond).toLocaleString('en-US')} req/s, p99 ${run.p99} ms (${run.statuses || 'no answers'}; load average ${loadAverage()})`)
  return run
}

/** The machine's 1, 5 and 15-minute load averages: on a shared machine, figures only compare within one run (ratios). */
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')

/** Samples a process's resident memory every 100 ms. */
function rssSampler(pid: number) {
  const read = () => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
    } catch {
      return 0
    }
  }
  let peak = read()
  const timer = setInterval(() => (peak = Math.max(peak, read())), 100)
  return {
    now: read,
    /** The highest sample since the last reset; resets to the current value. */
    takePeak() {
      const value = Math.max(peak, read())
      peak = read()
      return value
    },
    stop: () => clearInterval(timer),
  }
}

// ── Writes during the load ────────────────────────────────────────────────────────────────

/** Posts a step comment with unique text every WRITE_EVERY_MS, one at a time, and keeps what was acknowledged. */
function commentWriter(base: string, workshopId: string, cookie: string, runId: string) {
  const acknowledged: { body: string; atMs: number }[] = []
  const unanswered: string[] = []
  let refused = 0
  let stopped = false
  const url = `${base}/workshops/${workshopId}/context`
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const body = `bench ${runId} comment ${i}`
      const next = sleep(WRITE_EVERY_MS)
      try {
        // The comment form as a browser without JavaScript sends it: a redirect (or a page) acknowledges it, a 4xx refuses it.
        const response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: base },
          body: new URLSearchParams({ intent: 'add-comment', body }),
        })
        await response.arrayBuffer()
        if (response.status >= 200 && response.status < 400) acknowledged.push({ body, atMs: Date.now() })
        else refused++
      } catch {
        unanswered.push(body)
      }
      await next
    }
  })()
  return {
    acknowledged,
    unanswered,
    get refused() {
      return refused
    },
    async stop() {
      stopped = true
      await done
    },
  }
}

// ── API load ──────────────────────────────────────────────────────────────────────────────

const scoreUrl = (base: string, workshopId: string) => `${base}/api/v1/workshops/${workshopId}/versions/latest/score`

/** The answer's status, or 0 when the connection failed. */
async function postBatch(base: string, workshopId: string, token: string, body: string): Promise<number> {
  try {
    const response = await fetch(scoreUrl(base, workshopId), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

/** Maximum batches back to back until stopped; a token over its budget hands over to the next. */
function batchLoop(base: string, workshopId: string, tokens: string[], body: string) {
  const statuses: Record<number, number> = {}
  let stopped = false
  let turn = 0
  const done = (async () => {
    while (!stopped) {
      const status = await postBatch(base, workshopId, tokens[turn % tokens.length]!, body)
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status === 429) turn++
    }
  })()
  return {
    statuses,
    async stop() {
      stopped = true
      await done
    },
  }
}

// ── The bench ─────────────────────────────────────────────────────────────────────────────

export async function runLoadBench(options: { root: string; lead: (i: number) => Lead }) {
  const { root } = options
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30)
  if (!(seconds > 0)) throw new Error(`BENCH_LOAD_SECONDS must be a number of seconds, not "${process.env.BENCH_LOAD_SECONDS}"`)
  console.log(`\nLoad: the production server on loopback, ${CONNECTIONS} connections for ${seconds} s a run (BENCH_LOAD_SECONDS), ${os.cpus().length} cores, load average ${loadAverage()}\n`)
  if (!fs.existsSync(path.join(root, 'build/index.js'))) {
    console.log('No production build in build/: running npm run build first.')
    await new Promise<void>((resolve, reject) =>
      spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`)))),
    )
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-load-'))
  const databasePath = path.join(dir, 'load.db')
  const server = await startServer(root, databasePath)
  const base = server.url
  const rss = rssSampler(server.child.pid!)
  let second: Server | undefined
  try {
    // Tokens straight into the server's database with the model, as the integrations page makes them.
    process.env.DATABASE_PATH = databasePath
    const { getStore } = await import('../db/client.server')
    const { comments, users, workshops } = await import('../db/schema')
    const { createApiToken } = await import('../app/models/api-token.server')
    const store = await getStore()
    const [workshop] = await store.db.select({ id: workshops.id, name: workshops.name }).from(workshops).limit(1)
    const [facilitator] = await store.db.select({ id: users.id }).from(users).where(eq(users.email, FACILITATOR))
    if (!workshop || !facilitator) throw new Error('The server did not seed the demo workshop')
    const newToken = async (name: string) => (await createApiToken({ workshopId: workshop.id, name, scopes: ['read', 'score'], createdBy: facilitator.id })).token
    const apiTokens = await Promise.all(Array.from({ length: API_TOKENS }, (_, i) => newToken(`load ${i + 1}`)))
    const readToken = await newToken('small requests')
    const batchTokens = await Promise.all(Array.from({ length: 4 }, (_, i) => newToken(`maximum batches ${i + 1}`)))
    const replayToken = await newToken('finding 7 replay')

    const cookie = await logIn(base, FACILITATOR)
    const workshopUrl = `${base}/workshops/${workshop.id}`
    const page = await fetch(workshopUrl, { headers: { Cookie: cookie } })
    if (page.status !== 200) throw new Error(`The workshop overview answered ${page.status} to the facilitator`)

    const leads = (n: number) => Array.from({ length: n }, (_, i) => options.lead(i))
    const smallBatch = JSON.stringify({ asOf: '2026-06-01T12:00:00Z', leads: leads(100) })
    const maximumBatch = JSON.stringify({ asOf: '2026-06-01T12:00:00Z', leads: leads(10_000) })
    const check = await fetch(scoreUrl(base, workshop.id), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${readToken}` }, body: smallBatch })
    if (check.status !== 200) throw new Error(`Scoring a 100-lead batch answered ${check.status}: ${await check.text()}`)
    await check.arrayBuffer()

    const runId = randomBytes(4).toString('hex')
    const rssAtStart = rss.now()
    const writer = commentWriter(base, workshop.id, cookie, runId)

    // 1. Pages and the API under 50 connections.
    console.log('Throughput (50 connections):')
    const runs: Run[] = []
    runs.push(await load('static file /favicon.svg', { url: `${base}/favicon.svg`, connections: CONNECTIONS, duration: seconds }))
    runs.push(await load('GET /login', { url: `${base}/login`, connections: CONNECTIONS, duration: seconds }))
    let backupRun: Promise<{ code: number | null; output: string; startedAtMs: number }> | undefined
    const backupFile = path.join(dir, 'backup-under-load.db')
    const backupTimer = setTimeout(() => {
      const startedAtMs = Date.now()
      backupRun = new Promise((resolve) => {
        const child = spawn('npm', ['run', 'backup', '--', backupFile], { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
        child.on('exit', (code) => resolve({ code, output, startedAtMs }))
      })
    }, (seconds * 1000) / 3)
    runs.push(await load('workshop overview (member)', { url: workshopUrl, connections: CONNECTIONS, duration: seconds, headers: { Cookie: cookie } }))
    clearTimeout(backupTimer)
    // The scoring model is two pages (its rules; its thresholds, bands and priorities): both are measured.
    runs.push(await load('scoring page (member)', { url: `${workshopUrl}/scoring`, connections: CONNECTIONS, duration: seconds, headers: { Cookie: cookie } }))
    runs.push(await load('scoring thresholds page (member)', { url: `${workshopUrl}/scoring/thresholds`, connections: CONNECTIONS, duration: seconds, headers: { Cookie: cookie } }))
    // Two connections a token: each token at its cap of batches in flight, never over it. (A file:
    // autocannon's worker thread loads it.)
    const setupClient = path.join(dir, 'setup-client.cjs')
    fs.writeFileSync(
      setupClient,
      `let next = 0\nconst tokens = ${JSON.stringify(apiTokens)}\nmodule.exports = (client) => client.setHeaders({ 'Content-Type': 'application/json', Authorization: 'Bearer ' + tokens[next++ % tokens.length] })\n`,
    )
    runs.push(
      await load('API: score 100-lead batches', {
        url: scoreUrl(base, workshop.id),
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'Content-Type': 'application/json' },
        body: smallBatch,
        setupClient,
      }),
    )
    const rssAfterThroughput = rss.takePeak()

    // 2. A small request's latency, alone and while maximum batches run.
    console.log('\nA small API request (GET versions, one connection):')
    const versionsUrl = `${base}/api/v1/workshops/${workshop.id}/versions`
    const small = { url: versionsUrl, connections: 1, headers: { Authorization: `Bearer ${readToken}` } }
    const alone = await load('alone', { ...small, duration: Math.min(10, seconds) })
    const batches = batchLoop(base, workshop.id, batchTokens, maximumBatch)
    const beside = await load('while 10,000-lead batches run back to back', { ...small, duration: seconds })
    await batches.stop()
    const batchesDone = batches.statuses[200] ?? 0
    console.log(`  (${batchesDone} maximum batches scored meanwhile, ${((batchesDone * 10_000) / seconds).toLocaleString('en-US', { maximumFractionDigits: 0 })} leads/s; answers ${JSON.stringify(batches.statuses)})`)

    // 3. Finding 7 replayed: waves of 30 parallel maximum batches from one token.
    console.log(`\nFinding 7 replayed: waves of ${REPLAY_PARALLEL} parallel 10,000-lead batches from one token, GET /login on one connection:`)
    rss.takePeak()
    const rssBeforeReplay = rss.now()
    const replay: Record<number, number> = {}
    let replaying = true
    const waves = (async () => {
      while (replaying) {
        const statuses = await Promise.all(Array.from({ length: REPLAY_PARALLEL }, () => postBatch(base, workshop.id, replayToken, maximumBatch)))
        for (const status of statuses) replay[status] = (replay[status] ?? 0) + 1
      }
    })()
    const loginDuringReplay = await load('GET /login during the waves', { url: `${base}/login`, connections: 1, duration: seconds })
    replaying = false
    await waves
    const rssPeakReplay = rss.takePeak()
    await sleep(1_000)
    const rssAfterReplay = rss.now()
    console.log(`  (batch answers ${JSON.stringify(replay)}; server RSS ${rssBeforeReplay.toFixed(0)} MB before, ${rssPeakReplay.toFixed(0)} MB at the peak, ${rssAfterReplay.toFixed(0)} MB a second after)`)

    // Writes: every acknowledged comment exactly once.
    await writer.stop()
    const stored = await store.db
      .select({ body: comments.body, copies: count() })
      .from(comments)
      .where(like(comments.body, `bench ${runId} comment %`))
      .groupBy(comments.body)
    const copies = new Map(stored.map((row) => [row.body, row.copies]))
    const missing = writer.acknowledged.filter((write) => copies.get(write.body) !== 1)
    const duplicated = stored.filter((row) => row.copies > 1)
    console.log(
      `\nWrites during the load: ${writer.acknowledged.length} comments acknowledged, ${writer.refused} refused, ${writer.unanswered.length} unanswered; ` +
        `in the database: ${stored.length} (${missing.length} acknowledged ones not exactly once, ${duplicated.length} duplicated)`,
    )

    // Backup under load.
    const backup = backupRun ? await backupRun : { code: null, output: 'the backup never started', startedAtMs: 0 }
    let integrity = 'not checked'
    let backupHasEarlierWrites = false
    let backupServes = false
    const earlier = writer.acknowledged.filter((write) => write.atMs < backup.startedAtMs)
    if (backup.code === 0) {
      const inBackup = await readBackup(backupFile, `bench ${runId} comment %`)
      integrity = inBackup.integrity
      backupHasEarlierWrites = earlier.every((write) => inBackup.bodies.has(write.body))
      second = await startServer(root, backupFile)
      const secondCookie = await logIn(second.url, FACILITATOR)
      const overview = await fetch(`${second.url}/workshops/${workshop.id}`, { headers: { Cookie: secondCookie } })
      backupServes = overview.status === 200 && (await overview.text()).includes(workshop.name.split(' — ')[0]!)
      await second.stop()
    } else {
      console.log(`The backup failed (exit ${backup.code}):\n${backup.output}`)
    }
    console.log(
      `Backup under load: exit ${backup.code}, integrity_check ${integrity}, ${earlier.length} comments acknowledged before it began ${backupHasEarlierWrites ? 'all in it' : 'NOT all in it'}, ` +
        `a second server on it ${backupServes ? 'logs in and serves the workshop' : 'does NOT serve the workshop'}`,
    )
    await store.close()

    // The table.
    const loginRun = runs.find((run) => run.name === 'GET /login')!
    const ratio = (run: Run) => run.requestsPerSecond / loginRun.requestsPerSecond
    console.log(`\n| run (${CONNECTIONS} connections, ${seconds} s) | req/s | p50 ms | p99 ms | max ms | requests | not 2xx/3xx | 5xx | × /login |`)
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|')
    for (const run of runs) {
      const requestsPerSecond = Math.round(run.requestsPerSecond).toLocaleString('en-US')
      console.log(`| ${run.name} | ${requestsPerSecond} | ${run.p50} | ${run.p99} | ${run.max} | ${run.requests.toLocaleString('en-US')} | ${run.failed} | ${run.serverErrors} | ${ratio(run).toFixed(2)} |`)
    }

    const serverErrors = [...runs, alone, beside, loginDuringReplay].reduce((sum, run) => sum + run.serverErrors, 0) + (batches.statuses[500] ?? 0) + (replay[500] ?? 0)
    const overviewRun = runs.find((run) => run.name.startsWith('workshop overview'))!
    const scoringRun = runs.find((run) => run.name.startsWith('scoring page'))!
    const thresholdsRun = runs.find((run) => run.name.startsWith('scoring thresholds page'))!
    const apiRun = runs.find((run) => run.name.startsWith('API'))!
    const targets: [string, string, string, boolean][] = [
      ['5xx answers, every run', String(serverErrors), '0', serverErrors === 0],
      ['workshop overview ÷ /login', `${ratio(overviewRun).toFixed(2)}×`, '≥ 0.5×', ratio(overviewRun) >= 0.5],
      ['scoring page (rules) ÷ /login', `${ratio(scoringRun).toFixed(2)}×`, '≥ 0.5×', ratio(scoringRun) >= 0.5],
      ['scoring thresholds page ÷ /login', `${ratio(thresholdsRun).toFixed(2)}×`, '≥ 0.5×', ratio(thresholdsRun) >= 0.5],
      ['API 100-lead batches: leads scored/s', Math.round(apiRun.requestsPerSecond * 100).toLocaleString('en-US'), `(no target; ${apiRun.failed} refused)`, true],
      ['small API request p99, alone', `${alone.p99} ms`, '(baseline)', true],
      ['small API request p99, while maximum batches run', `${beside.p99} ms`, '< 100 ms', beside.p99 < 100],
      [`GET /login p99 during ${REPLAY_PARALLEL} parallel maximum batches from one token`, `${loginDuringReplay.p99} ms (max ${loginDuringReplay.max})`, '< 100 ms (was 2.9 s)', loginDuringReplay.p99 < 100],
      ['server RSS: start → peak of the replay', `${rssAtStart.toFixed(0)} → ${rssPeakReplay.toFixed(0)} MB`, '< 400 MB (was 945)', rssPeakReplay < 400],
      ['server RSS: peak of the throughput runs', `${rssAfterThroughput.toFixed(0)} MB`, '(no target)', true],
      ['acknowledged writes in the database exactly once', `${writer.acknowledged.length - missing.length} of ${writer.acknowledged.length}`, 'all', missing.length === 0 && duplicated.length === 0 && writer.acknowledged.length > 0],
      ['backup under load: integrity_check', integrity, 'ok', integrity === 'ok'],
      ['backup under load: earlier writes in it, a server runs on it', backupHasEarlierWrites && backupServes ? 'yes' : 'no', 'yes', backupHasEarlierWrites && backupServes],
    ]
    console.log(`\nLoad average at the end (1, 5, 15 min): ${loadAverage()} on ${os.cpus().length} cores`)
    console.log('\n| figure | result | target | met? |')
    console.log('|---|--:|--:|:-:|')
    for (const [figure, result, target, met] of targets) console.log(`| ${figure} | ${result} | ${target} | ${target.startsWith('(') ? '' : met ? 'yes' : 'NO'} |`)
    const logged = server.errors().trim()
    if (logged) console.log(`\nThe server logged on stderr:\n${logged.split('\n').slice(0, 20).join('\n')}`)
  } finally {
    rss.stop()
    await second?.stop()
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** integrity_check of a backup file and the comment bodies in it matching `pattern`. */
async function readBackup(file: string, pattern: string): Promise<{ integrity: string; bodies: Set<string> }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)))
  })
  const all = <T>(query: string, params: unknown[] = []) => new Promise<T[]>((resolve, reject) => db.all(query, params, (error, rows: T[]) => (error ? reject(error) : resolve(rows))))
  try {
    const integrity = (await all<{ integrity_check: string }>('PRAGMA integrity_check')).map((row) => row.integrity_check).join('; ')
    const bodies = new Set((await all<{ body: string }>('SELECT body FROM comments WHERE body LIKE ?', [pattern])).map((row) => row.body))
    return { integrity, bodies }
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()))
  }
}
