import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance, timestampValue, type DuckDBConnection } from '@duckdb/node-api'
import fc from 'fast-check'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { newId } from '#db/ids'
import { compile, type Lead, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { createApiToken } from '~/models/api-token.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as scoreAction } from '~/routes/api.v1.workshops.$workshopId.versions.$version.score'
import { configArb } from '../support/format-1-arbitraries'
import { startPostgres, type PostgresServer } from '../setup/postgres-server'
import { person, useTestDatabase } from '../setup/test-database'

/*
 * Every scoring path gives the same answer (issue #18): on random configs and random leads, the
 * engine, the CLI (JSON Lines and CSV input, --workers 1 and 2), the API, and the SQL export in
 * DuckDB and in PostgreSQL agree on fit, engagement (to 1e-9), grade and stage, and the CLI and
 * API on every list. The leads carry text as a CSV would: values such as "yes", "1,000",
 * "07/01/2025" and "0x2710" (read as text everywhere, converted nowhere), activities without a
 * date (undated: fast tracks only), and configs are scored as of a time without an offset (UTC)
 * or epoch milliseconds.
 */

const store = useTestDatabase()
const root = fileURLToPath(new URL('../..', import.meta.url))
const CONFIGS = 12
const LEADS_PER_CONFIG = 120
const AS_OF_MS = Date.parse('2026-06-01T12:00:00Z')
const DAY_MS = 86_400_000

/** mulberry32: the same leads on every run. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)], chance: (p: number) => next() < p }
}

// Text as a CRM export writes it. The first ones are read as text on every path, never converted.
const SPECIAL = ['yes', 'Yes', 'no', '1,000', '07/01/2025', '0x2710', '10000', '1e4', ' 50 ', '50.0', '-0', 'true', 'TRUE', 'false', '0', '1']
const TEXTS = ['acme', ' ACME ', 'beta corp', 'x@gmail.com', 'Y@Gmail.COM ', 'z@acme.io', 'nodomain', 'gmail.com', '25', '1000', '0.1', '100']
const ABSENT = ['', '   ']

interface Case {
  config: ScoringConfig
  /** What --as-of, the API's asOf and the SQL's as_of get. */
  asOf: { cli: string; api: string | number; sql: string; engine: string | number }
  leads: { lead: Lead; activityMs: (number | null)[] }[]
}

function dateText(rng: ReturnType<typeof random>): string {
  const ms = AS_OF_MS + Math.round((rng.next() * 120 - 100) * DAY_MS)
  const iso = new Date(ms).toISOString()
  return rng.pick([iso, iso.slice(0, 19), String(ms), iso.slice(0, 10)])
}

function makeCases(): Case[] {
  const configs = fc.sample(configArb, { seed: 18, numRuns: CONFIGS })
  return configs.map((config, c) => {
    const rng = random(1800 + c)
    const leads = Array.from({ length: LEADS_PER_CONFIG }, (_, i) => {
      const attributes: Record<string, string> = {}
      for (const field of config.fields) {
        const roll = rng.next()
        attributes[field.key] = roll < 0.15 ? rng.pick(ABSENT) : roll < 0.45 ? rng.pick(SPECIAL) : roll < 0.65 ? dateText(rng) : rng.pick(TEXTS)
      }
      const activities: { type: string; at?: string }[] = []
      const activityMs: (number | null)[] = []
      const count = rng.chance(0.25) ? 0 : Math.floor(rng.next() * 5) + 1
      for (let k = 0; k < count; k++) {
        const type = rng.pick([...config.activities.map((activity) => activity.key), 'other'])
        if (rng.chance(0.2)) {
          // Undated: no date at all, or one that is no timestamp. SQL holds NULL.
          activities.push(rng.chance(0.5) ? { type } : { type, at: '07/01/2025' })
          activityMs.push(null)
          continue
        }
        const ms = AS_OF_MS - Math.round(rng.next() * 60 * DAY_MS) + (rng.chance(0.1) ? 3 * DAY_MS : 0)
        activities.push({ type, at: new Date(ms).toISOString() })
        activityMs.push(ms)
      }
      return { lead: { id: `c${c}-l${i}`, attributes, activities } as Lead, activityMs }
    })
    // Half the configs are scored as of a time without an offset (UTC), half as of epoch milliseconds.
    const asOf =
      c % 2 === 0
        ? { cli: '2026-06-01T12:00:00', api: '2026-06-01T12:00:00', sql: "'2026-06-01T12:00:00'", engine: '2026-06-01T12:00:00' }
        : { cli: String(AS_OF_MS), api: AS_OF_MS, sql: String(AS_OF_MS), engine: AS_OF_MS }
    return { config, asOf, leads }
  })
}

interface Outcome {
  id: string
  fit: number
  engagement: number
  grade: string | null
  stage: string
  lists?: unknown
}

let dir = ''
let cases: Case[] = []
const outcomes = new Map<string, Outcome[][]>()

function record(path: string, index: number, rows: Outcome[]) {
  const list = outcomes.get(path) ?? []
  list[index] = rows
  outcomes.set(path, list)
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['build/bin/leadpact-score.mjs', ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end()
  })
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-paths-'))
  cases = makeCases()
  cases.forEach(({ config, asOf, leads }, index) => {
    const engine = compile(config)
    record(
      'engine',
      index,
      leads.map(({ lead }) => {
        const result = engine.score(lead, asOf.engine)
        return { id: String(lead.id), fit: result.fit, engagement: result.engagement, grade: result.grade, stage: result.stage, lists: [result.disqualifiedBy, result.missing, result.fastTrack] }
      }),
    )
  })
})

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('every scoring path gives the same answer', () => {
  it('the generated data reaches every stage and the special values (a test that cannot fail proves nothing)', () => {
    const stages = new Set(outcomes.get('engine')!.flat().map((row) => row.stage))
    expect([...stages].sort()).toEqual(['disqualified', 'lead', 'mql', 'sql'])
    const texts = cases.flatMap(({ leads }) => leads.flatMap(({ lead }) => Object.values(lead.attributes)))
    for (const special of ['yes', '1,000', '07/01/2025', '0x2710']) expect(texts).toContain(special)
    const undated = cases.flatMap(({ leads }) => leads.flatMap(({ activityMs }) => activityMs.filter((ms) => ms === null)))
    expect(undated.length).toBeGreaterThan(50)
  })

  it.each([
    ['JSON Lines', '1'],
    ['JSON Lines', '2'],
    ['CSV', '1'],
    ['CSV', '2'],
  ])('the CLI, %s in, --workers %s', async (format, workers) => {
    for (const [index, { config, asOf, leads }] of cases.entries()) {
      const configFile = path.join(dir, `config-${index}.json`)
      fs.writeFileSync(configFile, JSON.stringify(config))
      let input: string
      if (format === 'CSV') {
        input = path.join(dir, `leads-${index}.csv`)
        const keys = config.fields.map((field) => field.key)
        const rows = [
          ['id', ...keys, 'activities'].join(','),
          ...leads.map(({ lead }) => [lead.id, ...keys.map((key) => lead.attributes[key] as string), JSON.stringify(lead.activities)].map((cell) => csvCell(String(cell))).join(',')),
        ]
        fs.writeFileSync(input, `${rows.join('\n')}\n`)
      } else {
        input = path.join(dir, `leads-${index}.jsonl`)
        fs.writeFileSync(input, `${leads.map(({ lead }) => JSON.stringify(lead)).join('\n')}\n`)
      }
      const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', input, '--as-of', asOf.cli, '--workers', workers, '--explain', 'none'])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const rows = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map((row) => ({ id: row.id, fit: row.fit, engagement: row.engagement, grade: row.grade, stage: row.stage, lists: [row.disqualifiedBy, row.missing, row.fastTrack] }))
      record(`CLI ${format} --workers ${workers}`, index, rows)
    }
    expectSame(`CLI ${format} --workers ${workers}`, { lists: true })
  }, 300_000)

  it('the CLI writes the same results as CSV', async () => {
    const { config, asOf, leads } = cases[1]!
    const configFile = path.join(dir, 'config-csv-out.json')
    fs.writeFileSync(configFile, JSON.stringify(config))
    const input = path.join(dir, 'leads-csv-out.jsonl')
    fs.writeFileSync(input, leads.map(({ lead }) => JSON.stringify(lead)).join('\n'))
    const { code, stdout } = await runCli(['--config', configFile, '--input', input, '--as-of', asOf.cli, '--workers', '2', '--format', 'csv'])
    expect(code).toBe(0)
    const rows = (parseCsv(stdout, { columns: true }) as Record<string, string>[]).map((row) => ({
      id: row.id!,
      fit: Number(row.fit),
      engagement: Number(row.engagement),
      grade: row.grade === '' ? null : row.grade!,
      stage: row.stage!,
    }))
    expect(rows).toEqual(outcomes.get('engine')![1]!.map(({ id, fit, engagement, grade, stage }) => ({ id, fit, engagement, grade, stage })))
  }, 60_000)

  it('the API', async () => {
    const fran = await person('fran@paths.example')
    const workshop = await createWorkshop({ name: 'Scoring paths', company: 'Acme', userId: fran.id })
    const { token } = await createApiToken({ workshopId: workshop.id, name: 'pipeline', scopes: ['score'], createdBy: fran.id })
    for (const [index, { config, asOf, leads }] of cases.entries()) {
      const number = index + 1
      const scoring = { ...config, source: { workshopId: workshop.id, workshopName: 'Scoring paths', version: number, publishedAt: '2026-11-01T10:00:00.000Z' } }
      const snapshot = { formatVersion: 1, workshop: { id: workshop.id, name: 'Scoring paths', company: 'Acme' }, scoring }
      await store().db.insert(versions).values({ id: newId(), workshopId: workshop.id, number, publishedAt: new Date('2026-11-01T10:00:00Z'), publishedBy: fran.id, snapshot: JSON.stringify(snapshot), changelog: '[]', note: 'generated' })
      const params = { workshopId: workshop.id, version: String(number) }
      const request = new Request(`http://localhost:3000/api/v1/workshops/${workshop.id}/versions/${number}/score`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ asOf: asOf.api, explain: 'none', leads: leads.map(({ lead }) => lead) }),
      })
      const response = await scoreAction({ request, params, context: {} })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { results: { id: string; fit: number; engagement: number; grade: string | null; stage: string; disqualifiedBy: string[]; missing: string[]; fastTrack: string[] }[] }
      record(
        'API',
        index,
        body.results.map((row) => ({ id: row.id, fit: row.fit, engagement: row.engagement, grade: row.grade, stage: row.stage, lists: [row.disqualifiedBy, row.missing, row.fastTrack] })),
      )
    }
    expectSame('API', { lists: true })
  }, 120_000)

  it('DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    try {
      for (const [index, { config, asOf, leads }] of cases.entries()) {
        await loadDuckDb(connection, config, leads)
        const reader = await connection.runAndReadAll(compileScoringSql(config, { dialect: 'duckdb' }), { as_of: asOf.sql.replaceAll("'", '') })
        record('DuckDB', index, sqlOutcomes(reader.getRowObjectsJS() as unknown as SqlRow[]))
      }
    } finally {
      connection.closeSync()
      instance.closeSync()
    }
    expectSame('DuckDB', { lists: true })
  }, 120_000)

  describe('PostgreSQL', () => {
    let server: PostgresServer | undefined
    let missing: string | undefined
    beforeAll(async () => {
      const started = await startPostgres()
      if (started.ok) server = started.server
      else missing = started.missing
    }, 120_000)
    afterAll(async () => {
      await server?.stop()
    })

    it('PostgreSQL', async () => {
      if (!server) throw new Error(`PostgreSQL tests cannot run: ${missing}`)
      for (const [index, { config, asOf, leads }] of cases.entries()) {
        const fields = config.fields.map((field) => `"${field.key}" TEXT`).join(', ')
        await server.psql(['-c', `DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities; CREATE TABLE leads ("id" TEXT, ${fields}); CREATE TABLE activities ("lead_id" TEXT, "type" TEXT, "at" TIMESTAMP, "properties" JSONB);`])
        const quote = (text: string) => `"${text.replaceAll('"', '""')}"`
        const leadRows = leads.map(({ lead }) => [String(lead.id), ...config.fields.map((field) => lead.attributes[field.key] as string)].map(quote).join(','))
        await server.psql(['-c', '\\copy leads FROM STDIN WITH (FORMAT csv)'], `${leadRows.join('\n')}\n`)
        // Format 2: an activity's properties as JSON (NULL when it has none).
        const activityRows = leads.flatMap(({ lead, activityMs }) =>
          (lead.activities ?? []).map((activity, j) =>
            [quote(String(lead.id)), quote(activity.type), activityMs[j] === null ? '' : new Date(activityMs[j]!).toISOString(), activity.properties === undefined ? '' : quote(JSON.stringify(activity.properties))].join(','),
          ),
        )
        if (activityRows.length > 0) await server.psql(['-c', '\\copy activities FROM STDIN WITH (FORMAT csv)'], `${activityRows.join('\n')}\n`)
        const file = path.join(dir, `scoring-${index}.sql`)
        fs.writeFileSync(file, `SET TimeZone = 'Asia/Kolkata';\nSELECT row_to_json(q) FROM (\n${compileScoringSql(config, { dialect: 'postgres' }).replace(/;\s*$/, '')}\n) AS q;\n`)
        fs.chmodSync(dir, 0o755)
        fs.chmodSync(file, 0o644)
        const out = await server.psql(['-A', '-t', '-v', `as_of=${asOf.sql}`, '-f', file])
        const rows = out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as SqlRow)
        record('PostgreSQL', index, sqlOutcomes(rows))
      }
      expectSame('PostgreSQL', { lists: true })
    }, 300_000)
  })
})

interface SqlRow {
  lead_id: string
  fit: number
  engagement: number
  grade: string | null
  stage: string
  disqualified_by: string[]
  missing: string[]
  fast_track: string[]
}

function sqlOutcomes(rows: SqlRow[]): Outcome[] {
  return rows.map((row) => ({
    id: String(row.lead_id),
    fit: Number(row.fit),
    engagement: Number(row.engagement),
    grade: row.grade,
    stage: row.stage,
    lists: [[...row.disqualified_by], [...row.missing], [...row.fast_track]],
  }))
}

async function loadDuckDb(connection: DuckDBConnection, config: ScoringConfig, leads: Case['leads']) {
  await connection.run('DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities')
  await connection.run(`CREATE TABLE leads ("id" TEXT, ${config.fields.map((field) => `"${field.key}" TEXT`).join(', ')})`)
  await connection.run('CREATE TABLE activities ("lead_id" TEXT, "type" TEXT, "at" TIMESTAMP, "properties" JSON)')
  const leadAppender = await connection.createAppender('leads')
  const activityAppender = await connection.createAppender('activities')
  for (const { lead, activityMs } of leads) {
    leadAppender.appendVarchar(String(lead.id))
    for (const field of config.fields) leadAppender.appendVarchar(lead.attributes[field.key] as string)
    leadAppender.endRow()
    lead.activities?.forEach((activity, j) => {
      activityAppender.appendVarchar(String(lead.id))
      activityAppender.appendVarchar(activity.type)
      const ms = activityMs[j]
      if (ms === null) activityAppender.appendNull()
      else activityAppender.appendTimestamp(timestampValue(BigInt(ms!) * 1000n))
      if (activity.properties === undefined) activityAppender.appendNull()
      else activityAppender.appendVarchar(JSON.stringify(activity.properties))
      activityAppender.endRow()
    })
  }
  leadAppender.closeSync()
  activityAppender.closeSync()
}

/** The path's outcomes equal the engine's, lead for lead: fit and engagement to 1e-9, grade and stage exactly. */
function expectSame(path: string, options: { lists: boolean }) {
  const engine = outcomes.get('engine')!
  const other = outcomes.get(path)!
  const mismatches: unknown[] = []
  engine.forEach((expected, index) => {
    const byId = new Map(other[index]!.map((row) => [row.id, row]))
    expect(other[index]!.length, `${path}, config ${index}: one result a lead`).toBe(expected.length)
    for (const want of expected) {
      const got = byId.get(want.id)
      const same =
        got !== undefined &&
        Math.abs(got.fit - want.fit) <= 1e-9 &&
        Math.abs(got.engagement - want.engagement) <= 1e-9 &&
        got.grade === want.grade &&
        got.stage === want.stage &&
        (!options.lists || JSON.stringify(got.lists) === JSON.stringify(want.lists))
      if (!same) mismatches.push({ path, config: index, lead: cases[index]!.leads.find(({ lead }) => lead.id === want.id)?.lead, engine: want, got })
    }
  })
  expect(mismatches.slice(0, 3)).toEqual([])
}
