/**
 * npm run bench, the back-test section (issue 16, "Benchmark"): the real X Education export
 * (test/fixtures/x-education-leads.csv, a copy of shared/datasets) repeated to 1,000,000 rows, and to 5,000,000 with
 * BENCH_BACKTEST_5M=1 (for the growth curve; it writes a 1.3 GB file).
 *
 * 1. Bare parse of the file, streaming, by papaparse and by csv-parse: rows/s (which library the
 *    back-test and the CLI use is chosen here).
 * 2. End to end on the production server: the run's file handed to the server as an upload would
 *    leave it (the 200 MB upload limit is below 1 M rows of this file; the upload itself is
 *    measured separately on a file just under the limit), the run started through its page,
 *    parsed, mapped, scored and counted in the worker thread, the aggregates stored. Rows/s from
 *    the run's own start and finish, peak RSS of the server process (worker included) over the
 *    run, the ratio to the bare parse, and the latency of another page (the workshop overview)
 *    asked every 250 ms while the run goes.
 * 3. DuckDB (@duckdb/node-api, one thread) loading the same CSV and running the SQL export of the
 *    same model (app/domain/sql-export) with the same mapping written as SQL views: the time, the
 *    ratio, and its stage counts against the back-test's.
 *
 * Targets (reported, not asserted): ≥ 150,000 rows/s end to end; at most 1.3× the bare-parse
 * time; peak RSS < 300 MB, flat from 1 M to 5 M rows; another request < 1 s during the run.
 * Needs the production build (npm run build). Alone: npx tsx scripts/bench-backtest.ts.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { DuckDBInstance } from '@duckdb/node-api'
import { parse as parseCsv } from 'csv-parse'
import Papa from 'papaparse'
import type { BacktestAggregate } from '../app/domain/backtest/aggregate'
import { computeFigures } from '../app/domain/backtest/figures'
import { startRunFormValues } from '../app/domain/backtest/forms'
import { BacktestMappingSchema, type BacktestMapping } from '../app/domain/backtest/mapping'
import { parseScoringConfig, type ScoringConfig } from '../app/domain/scoring'
import { compileScoringSql } from '../app/domain/sql-export/compile-sql'

const DATASET = path.resolve('test/fixtures/x-education-leads.csv')
const AS_OF = '2026-11-29T00:00:00Z'
const FACILITATOR = 'facilitator@demo.leadpact.test'
const UPLOAD_ROWS = 700_000
const LATENCY_EVERY_MS = 250

const format = (n: number) => Math.round(n).toLocaleString('en-US')
const mb = (bytes: number) => bytes / 1024 / 1024

function fixtures(root: string) {
  const parsed = parseScoringConfig(JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/x-education-config.json'), 'utf8')))
  if (!parsed.ok) throw new Error('The fixture config is invalid')
  const mapping = BacktestMappingSchema.parse(JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/x-education-mapping.json'), 'utf8')))
  return { config: parsed.config, mapping }
}

/** The real file's rows over and over, to `rows` rows (CRLF, as the file has them). */
async function writeRepeated(file: string, rows: number) {
  const [header, ...body] = fs.readFileSync(DATASET, 'utf8').split('\r\n').filter(Boolean)
  const out = fs.createWriteStream(file)
  const block = `${body.join('\r\n')}\r\n`
  out.write(`${header}\r\n`)
  let written = 0
  while (written + body.length <= rows) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once("drain", () => resolve()))
    written += body.length
  }
  if (written < rows) out.write(`${body.slice(0, rows - written).join('\r\n')}\r\n`)
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
}

/** CPU seconds (user + system, every thread) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** The CPU time of the last bare parse: beside wall time, a figure a loaded machine distorts less. */
let bareCpuSeconds = 0

/** papaparse as the back-test reads: a UTF-8 stream in 64 KB chunks, rows counted per chunk. */
async function barePapaparse(file: string): Promise<number> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  let rows = 0
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }), {
      delimiter: ',',
      chunk: (results) => {
        rows += results.data.length
      },
      complete: () => resolve(),
      error: reject,
    })
  })
  if (rows < 2) throw new Error('papaparse read nothing')
  const used = process.cpuUsage(cpu)
  bareCpuSeconds = (used.user + used.system) / 1e6
  return (performance.now() - started) / 1000
}

async function bareCsvParse(file: string): Promise<number> {
  const started = performance.now()
  let rows = 0
  const parser = fs.createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(parseCsv({ relax_column_count: true }))
  for await (const _record of parser) rows++
  if (rows < 2) throw new Error('csv-parse read nothing')
  return (performance.now() - started) / 1000
}

function memory(pid: number) {
  const status = () => fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status())?.[1] ?? 0) / 1024
  return {
    /** Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
    resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakMb: () => kb('VmHWM'),
    rssMb: () => kb('VmRSS'),
  }
}

async function startServer(root: string, databasePath: string, sessionSecret: string) {
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LEADPACT_DEMO: '1',
      DATABASE_PATH: databasePath,
      SESSION_SECRET: sessionSecret,
      COOKIE_SECURE: 'false',
      LEADPACT_RATE_LIMIT_MULTIPLIER: '1000',
      LEADPACT_PARENT_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
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
    child.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  }
}

/** The mapping form as a browser posts it. */
function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === undefined || value === null || value === false) return {}
  if (typeof value !== 'object') return { [prefix]: String(value === true ? 'on' : value) }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>((fields, [key, child]) => ({ ...fields, ...flatten(child, prefix ? `${prefix}.${key}` : key) }), {})
}

/** The mapping as SQL views over the CSV loaded into `raw`: what a data team writes to run the SQL export on this file. */
function duckdbMappingViews(mapping: BacktestMapping, config: ScoringConfig) {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
  const text = (value: string) => `'${value.replace(/'/g, "''")}'`
  const empties = mapping.emptyTokens.map((token) => text(token.toLowerCase())).join(', ') || "''"
  const cell = (column: string) => `CASE WHEN trim(${quote(column)}) = '' OR lower(trim(${quote(column)})) IN (${empties}) THEN NULL ELSE trim(${quote(column)}) END`
  const types = new Map(config.fields.map((field) => [field.key, field.type]))
  const fields = config.fields.map((field) => {
    const entry = mapping.fields.find((candidate) => candidate.field === field.key)
    if (!entry) return `NULL AS ${quote(field.key)}`
    if (types.get(field.key) === 'boolean') {
      const list = (values: string[]) => values.map((value) => text(value.toLowerCase())).join(', ')
      return `CASE WHEN lower(${cell(entry.column)}) IN (${list(mapping.trueValues)}) THEN 'true' WHEN lower(${cell(entry.column)}) IN (${list(mapping.falseValues)}) THEN 'false' END AS ${quote(field.key)}`
    }
    return `${cell(entry.column)} AS ${quote(field.key)}`
  })
  const at = `TIMESTAMP '${AS_OF.replace('T', ' ').replace('Z', '')}'`
  const activities = mapping.activities.map((entry) =>
    entry.kind === 'count'
      ? `SELECT raw.id AS lead_id, ${text(entry.activity)} AS "type", ${at} AS "at" FROM raw, range(COALESCE(CAST(${cell(entry.column)} AS BIGINT), 0)) AS n(i)`
      : `SELECT id AS lead_id, ${text(entry.activity)} AS "type", ${at} AS "at" FROM raw WHERE lower(${cell(entry.column)}) = ${text(entry.value.toLowerCase())}`,
  )
  const converted = mapping.outcome.convertedValues.map((value) => text(value.toLowerCase())).join(', ')
  return {
    leads: `CREATE VIEW leads AS SELECT id, ${fields.join(', ')} FROM raw`,
    activities: `CREATE VIEW activities AS ${activities.join(' UNION ALL ')}`,
    converted: `lower(trim(raw.${quote(mapping.outcome.column)})) IN (${converted})`,
  }
}

async function duckdbRun(file: string, mapping: BacktestMapping, config: ScoringConfig) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
  const connection = await instance.connect()
  const started = performance.now()
  await connection.run(`CREATE TABLE raw AS SELECT row_number() OVER () AS id, * FROM read_csv('${file}', header = true, all_varchar = true)`)
  const loaded = performance.now()
  const views = duckdbMappingViews(mapping, config)
  await connection.run(views.leads)
  await connection.run(views.activities)
  const query = compileScoringSql(config, { dialect: 'duckdb' }).trim().replace(/;\s*$/, '')
  const reader = await connection.runAndReadAll(
    `SELECT s.stage, count(*) AS leads, count(*) FILTER (WHERE ${views.converted}) AS converted FROM (\n${query}\n) AS s JOIN raw ON raw.id = s.lead_id GROUP BY s.stage`,
    { as_of: AS_OF },
  )
  const finished = performance.now()
  const stages = Object.fromEntries(
    (reader.getRowObjectsJS() as { stage: string; leads: bigint | number; converted: bigint | number }[]).map((row) => [row.stage, { leads: Number(row.leads), converted: Number(row.converted) }]),
  )
  connection.closeSync()
  return { seconds: (finished - started) / 1000, loadSeconds: (loaded - started) / 1000, stages }
}

type Row = [string, string, string, string]

export async function runBacktestBench(options: { root: string }) {
  const { root } = options
  if (!fs.existsSync(path.join(root, 'build/bin/backtest-worker.mjs'))) throw new Error('The back-test bench needs the production build: run `npm run build` first.')
  const sizes = [1_000_000, ...(process.env.BENCH_BACKTEST_5M === '1' ? [5_000_000] : [])]
  const { config, mapping } = fixtures(root)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-bench-backtest-'))
  const rows: Row[] = []
  const notes: string[] = []
  console.log(`\nBack-test bench: ${path.basename(DATASET)} repeated to ${sizes.map(format).join(' and ')} rows, node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`)
  const databasePath = path.join(dir, 'bench.db')
  const sessionSecret = randomBytes(32).toString('hex')
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    server = await startServer(root, databasePath, sessionSecret)
    // The models below write the server's database (WAL lets a second process in) and sign sessions it accepts.
    process.env.DATABASE_PATH = databasePath
    process.env.SESSION_SECRET = sessionSecret
    process.env.COOKIE_SECURE = 'false'
    const { getStore } = await import('../db/client.server')
    const { createUploadedRun, getRun } = await import('../app/models/backtest.server')
    const { replaceScoringModel } = await import('../app/models/scoring-model.server')
    const { createWorkshop } = await import('../app/models/workshop.server')
    const { sessionCookieFor } = await import('../app/http/session.server')
    // An earlier section of npm run bench may have opened (and closed) the process-wide store on its own file.
    ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
    const store = await getStore()
    const [facilitator] = (await store.db.all(`SELECT id FROM users WHERE email = '${FACILITATOR}'`)) as string[][]
    const [demo] = (await store.db.all("SELECT id FROM workshops WHERE company = 'Acme Analytics'")) as string[][]
    const userId = facilitator![0]!
    const workshop = await createWorkshop({ name: 'X Education (bench)', company: 'X Education', userId })
    await replaceScoringModel(workshop.id, config)
    const cookie = (await sessionCookieFor(userId)).split(';')[0]!
    const base = server.url
    const mem = memory(server.pid)

    // The upload path on a file just under the 200 MB limit: streamed to disk, never held whole.
    const uploadFile = path.join(dir, `upload-${UPLOAD_ROWS}.csv`)
    await writeRepeated(uploadFile, UPLOAD_ROWS)
    const form = new FormData()
    form.set('intent', 'upload')
    form.set('file', await fs.openAsBlob(uploadFile), 'leads.csv')
    mem.resetPeak()
    const uploadStarted = performance.now()
    const uploaded = await fetch(`${base}/workshops/${workshop.id}/backtests`, { method: 'POST', body: form, headers: { Cookie: cookie, Origin: base }, redirect: 'manual' })
    const uploadSeconds = (performance.now() - uploadStarted) / 1000
    if (uploaded.status !== 302) throw new Error(`The upload answered ${uploaded.status}: ${(await uploaded.text()).slice(0, 300)}`)
    const uploadedRun = uploaded.headers.get('Location')!.split('/').pop()!
    const uploadBytes = fs.statSync(uploadFile).size
    rows.push([`upload of ${format(UPLOAD_ROWS)} rows (${mb(uploadBytes).toFixed(0)} MB), streamed to disk`, uploadSeconds.toFixed(2), `${(mb(uploadBytes) / uploadSeconds).toFixed(0)} MB/s, server peak RSS ${mem.peakMb().toFixed(0)} MB`, ''])
    await fetch(`${base}/workshops/${workshop.id}/backtests/${uploadedRun}`, { method: 'POST', body: new URLSearchParams({ intent: 'cancel-run' }), headers: { Cookie: cookie, Origin: base }, redirect: 'manual' })
    fs.rmSync(uploadFile, { force: true })

    for (const size of sizes) {
      const file = path.join(dir, `leads-${size}.csv`)
      process.stdout.write(`Writing ${format(size)} rows… `)
      await writeRepeated(file, size)
      const bytes = fs.statSync(file).size
      console.log(`${mb(bytes).toFixed(0)} MB`)

      process.stdout.write('Bare parse… ')
      const papaBefore = await barePapaparse(file)
      const csvParseSeconds = size <= 1_000_000 ? await bareCsvParse(file) : null
      console.log('done')

      process.stdout.write('DuckDB… ')
      const duck = await duckdbRun(file, mapping, config)
      console.log('done')

      // The runs: the file where an upload would have left it, started through the run page. Two
      // in a row: the first on the threads the upload started, the second on the same threads
      // kept from the first (as any later run of the process). The bare parse is timed between
      // them and after, and the faster of each counts (the machine is shared).
      const header = fs.readFileSync(DATASET, 'utf8').split('\r\n')[0]!.split(',').map((name, index) => name.trim() || `Column ${index + 1}`)
      const backtestRun = async (which: number) => {
        process.stdout.write(`Back-test run ${which} on the server… `)
        const tempPath = path.join(dir, `run-${size}-${which}.upload`)
        fs.linkSync(file, tempPath)
        const runId = await createUploadedRun({ workshopId: workshop.id, userId, fileName: path.basename(file), fileBytes: bytes, fileSha256: '-', format: 'csv', delimiter: ',', columns: header, tempPath })
        const fields = flatten(startRunFormValues(mapping, config.fields, ['draft'], AS_OF.slice(0, 10)))
        mem.resetPeak()
        const cpuBefore = cpuSeconds(server!.pid)
        const started = await fetch(`${base}/workshops/${workshop.id}/backtests/${runId}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie, Origin: base }, redirect: 'manual' })
        if (started.status !== 302) throw new Error(`Starting the run answered ${started.status}: ${(await started.text()).slice(0, 300)}`)
        const latencies: number[] = []
        let run = await getRun({ workshopId: workshop.id, runId })
        while (run && ['queued', 'running'].includes(run.status)) {
          const asked = performance.now()
          const page = await fetch(`${base}/workshops/${demo![0]}`, { headers: { Cookie: cookie } })
          await page.arrayBuffer()
          if (page.status !== 200) throw new Error(`The overview answered ${page.status} during the run`)
          if (run.status === 'running') latencies.push(performance.now() - asked)
          await sleep(LATENCY_EVERY_MS)
          run = await getRun({ workshopId: workshop.id, runId })
        }
        if (!run || run.status !== 'done') throw new Error(`The run ended ${run?.status}: ${run?.error}\n${server!.output()}`)
        const peakMb = mem.peakMb()
        const runCpuSeconds = cpuSeconds(server!.pid) - cpuBefore
        console.log('done')
        fs.rmSync(tempPath, { force: true })
        latencies.sort((a, b) => a - b)
        return { run, seconds: (run.finishedAt!.getTime() - run.startedAt!.getTime()) / 1000, peakMb, runCpuSeconds, latencies }
      }
      const papaCpuBefore = bareCpuSeconds
      const firstRun = await backtestRun(1)
      const papaBetween = await barePapaparse(file)
      const papaCpuBetween = bareCpuSeconds
      const secondRun = await backtestRun(2)
      const papaSeconds = Math.min(papaBefore, papaBetween, await barePapaparse(file))
      const papaCpuSeconds = Math.min(papaCpuBefore, papaCpuBetween, bareCpuSeconds)
      const { run } = secondRun
      if (JSON.stringify(firstRun.run.results) !== JSON.stringify(run.results)) throw new Error('The two runs of the same file counted differently')
      const aggregate = run.results[0] as BacktestAggregate
      if (aggregate.leads !== size || run.badRowCount !== 0) throw new Error(`The run counted ${aggregate.leads} leads and ${run.badRowCount} bad rows of ${size}`)
      const figures = computeFigures(aggregate, config.mql)
      const agree = (['disqualified', 'lead', 'mql', 'sql'] as const).every(
        (stage) => (duck.stages[stage]?.leads ?? 0) === figures.stages[stage].leads && (duck.stages[stage]?.converted ?? 0) === figures.stages[stage].converted,
      )
      if (!agree) notes.push(`DuckDB's stage counts differ from the back-test's at ${format(size)} rows: ${JSON.stringify(duck.stages)} against ${JSON.stringify(figures.stages)}`)
      rows.push([`bare parse, papaparse (${format(size)} rows, faster of 3)`, papaSeconds.toFixed(2), `${format(size / papaSeconds)} rows/s`, ''])
      if (csvParseSeconds !== null) {
        rows.push([`bare parse, csv-parse (${format(size)} rows)`, csvParseSeconds.toFixed(2), `${format(size / csvParseSeconds)} rows/s`, ''])
        rows.push(['papaparse against csv-parse', '', `${(csvParseSeconds / papaBefore).toFixed(1)}× faster`, 'the faster one is used'])
      }
      const faster = Math.min(firstRun.seconds, secondRun.seconds)
      for (const [i, measured] of [firstRun, secondRun].entries()) {
        const { seconds, runCpuSeconds, peakMb, latencies } = measured
        rows.push([`back-test end to end, run ${i + 1}${i === 0 ? ', threads started by the upload' : ', threads kept from run 1'} (${format(size)} rows)`, seconds.toFixed(2), `${format(size / seconds)} rows/s`, '≥ 150,000 rows/s'])
        rows.push(['  against the bare parse (papaparse)', '', `${(seconds / papaSeconds).toFixed(2)}× its time`, '≤ 1.3×'])
        rows.push([
          `  CPU: the server during the run, against the bare parse`,
          runCpuSeconds.toFixed(2),
          `${(runCpuSeconds / papaCpuSeconds).toFixed(2)}× its ${papaCpuSeconds.toFixed(2)} s; over ${os.availableParallelism()} cores ${(runCpuSeconds / os.availableParallelism() / papaCpuSeconds).toFixed(2)}×`,
          'what an idle machine would show',
        ])
        rows.push(['  server peak RSS during the run (worker included)', '', `${peakMb.toFixed(0)} MB`, '< 300 MB, flat'])
        rows.push([
          `  another request during the run (overview, ${latencies.length} asked)`,
          '',
          latencies.length ? `median ${latencies[Math.floor(latencies.length / 2)]!.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms` : 'the run ended before one was asked',
          '< 1,000 ms',
        ])
      }
      rows.push([`back-test, the faster of the 2 runs, against the bare parse (faster of 3)`, faster.toFixed(2), `${(faster / papaSeconds).toFixed(2)}× its time`, '≤ 1.3×'])
      rows.push([`DuckDB, SQL export over the same CSV, 1 thread (${format(size)} rows)`, duck.seconds.toFixed(2), `${format(size / duck.seconds)} rows/s (load ${duck.loadSeconds.toFixed(1)} s)`, agree ? 'stage counts identical' : 'STAGE COUNTS DIFFER'])
      rows.push(['  back-test time (the faster run) against DuckDB', '', `${(faster / duck.seconds).toFixed(2)}×`, ''])
      fs.rmSync(file, { force: true })
    }
    await store.close()
  } finally {
    await server?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const header: Row = ['measurement', 'seconds', 'result', 'target']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`
  console.log(`\n${line(header)}`)
  console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
  for (const row of rows) console.log(line(row))
  for (const note of notes) console.log(`\n${note}`)
}

// Alone: `npx tsx scripts/bench-backtest.ts` (npm run bench runs it after the other sections).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runBacktestBench({ root: process.cwd() })
