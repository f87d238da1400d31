import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DuckDBInstance, timestampTZValue, timestampValue, type DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  acmeScoringConfig,
  compile,
  ScoringConfigError,
  type Condition,
  type FieldType,
  parseTimestamp,
  type Lead,
  type ScoreResult,
  type ScoringConfig,
} from '~/domain/scoring'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { startPostgres, type PostgresServer } from '../setup/postgres-server'
import { randomFormat2Config, seededRandom } from '../support/format2-sql-cases'
import { CONFIGS, config, decayConfig, everyOperatorConfig, hostileConfig } from '../support/sql-export-configs'

/*
 * The SQL export against the engine: each config is compiled to DuckDB SQL and run in a real
 * (in-memory) DuckDB and in a real PostgreSQL (started by the test, test/setup/postgres-server.ts)
 * over generated leads, and every lead must come back as the engine scores it.
 */

// Not on a whole second, so that fractions of a second in dates matter.
const AS_OF = '2026-06-01T12:00:00.250Z'
const AS_OF_MS = Date.parse(AS_OF)
const DAY_MS = 86_400_000
const LEADS_PER_CONFIG = 1_200

// ---------------------------------------------------------------- generated leads

/** A small deterministic PRNG (mulberry32), so a failure can be reproduced. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  }
}
type Random = ReturnType<typeof random>

const ABSENT = [undefined, null, '', '   ', '\t\n', '\u00a0', '\u3000\ufeff']
const PADDING = ['', '', '', ' ', '  ', '\t', '\u00a0', '\n', '\u2003']
const NUMBER_TEXTS = [
  '50', '50.0', ' 5e1 ', '0.1', '0.10', '0.30000000000000004', '0.3', '.5', '5.', '+7', '-0', '-12.5', '1e21', '1E21', '1e+21',
  '123456789012345678901', '1.5e-7', '0.000001', '0.0000001', '1e-7', '9007199254740993', '12345678901234567890', '1.7976931348623157e308',
  '1.7976931348623159e308', '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791',
  '4.9e-324', '2.4703282292062327e-324', '2.4703282292062328e-324', '1e-320', '1.2345678901234567e-310', '1e-400', '-1e-400', '1e400', '-1e400',
  '1e999999999999', '1e-999999999999', '0e999999999999', '1e+0000000000000000000005', 'abc', 'ABC', '12abc', '0x10', 'Infinity', 'NaN', '1,000',
  '199.5', '200', '5000', '5000.0000001', '10', '10.0', '0', '0.0', '100', '1e3', '  42  ', '00012.5000', '-2.5', '-2.50001', '25', '1000', '1.5',
  '1.50', '0.29999999999999998', '99.95', '7', '07', '1e0', '2.5e1', '-1e-7', '50.5', '0.1e1', '0.15000000000000000000001', '2.50000000000000000001',
  '1.0000000000000000001', '-1.0000000000000000001', '123456789012345678', '1e309', '-1e309', '1e308',
  // 2^1024 - 2^970 exactly, which rounds to infinity, and 2^-1075 exactly, which rounds to zero.
  '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792',
  '2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324',
]
const BOOLEAN_VALUES = ['true', 'TRUE', ' False ', 'false', 'yes', 'YES', '1', '0', 'no', true, false, 1]
const EMAILS = [
  'Bob@Gmail.com', ' ann@acme.io ', 'x@y@GMAIL.COM', 'no-at-sign', '@', 'bob@', 'a@sub.gmail.com', 'A@ACME.IO', 'eve@example.com\u00a0',
  'carol@Example.COM', 'dave@yahoo.com', 'erin@corp.test', 'frank@acme.io.test', 'gina@acme.iO', "o'hara@o'reilly.com", 'x@O\'Reilly.com',
]
const FIXED_DATES = [
  '2026-05-20', '2026-05-02', '2026-06-01', '2026-06-02', '2026-05-01T00:00:00Z', '2026-05-20T10:00:00Z', '2026-05-20T10:00:00.123+02:00',
  '2026-05-20 10:00', '2026-05-20t10:00:00,5z', '2026-05-31T23:59:59.9999-01:00', '2026-06-01T00:00:00+0530', '2026-05-25T12:00:00-08',
  '2026-02-30', '2026-13-01', '2026-00-10', '2026-05-00', '2024-02-29', '2025-02-29', '1900-02-29', '2000-02-29T12:00:00Z', '2026-06-01T24:00',
  '2026-05-20T10:60', '2026-05-20T10:00:60', '2026-05-20T10:00+24:00', '2026-05-20T10:00+05:60', '2026-05-20Z', '2026-05-20T10',
  '2026-05-20T10:00:', '2026-05-20T10:00:00.', '2026-05-20T10:00+5', '2026-05-20T10:00+053', '17/05/2026', 'yesterday', '20260520', '-86400000',
  '1780000000000', '1779900000000', '99999999999999999999', '8640000000000001', '8640000000000000', '-8640000000000000', '0000-01-01',
  '0000-02-29T00:00:00Z', '9999-12-31T23:59:59.999-23:59', '2026-5-20', '2026-05-20T1:00', ' 2026-05-31T12:00:00Z ', '2026-05-31T12:00:00\u00a0',
  '2026-05-18T12:00:00Z', '2026-05-04T12:00:00.000Z', '2026-06-01T00:00:00.001Z', '2026-06-01T12:00:00Z', '2026-06-08T12:00:00Z',
  '2026-06-01T12:00:00.3Z', '2026-06-01T12:00:00,2999Z', '2026-06-01T12:00:00.25Z', '2026-06-01T12:00:00.2Z', '2026-05-02T12:00:00.25Z',
  '2026-05-02T12:00:00.2Z', '2026-06-01T00:00:00.25Z', '0', '-0', '000', '2026-06-01T12:00:00.250000001Z',
]
const WORDS = ['data', 'Data Engineer', 'VP Sales', 'intern', 'assistant', 'student', 'CTO', 'owner', 'admin', 'competitor', 'Zürich', 'ÄRZTIN', 'x%y', 'a_b', "d'Arcy"]

/** Values that rules compare to, collected from a config's conditions, so generated leads match some rules. */
function ruleValues(cfg: ScoringConfig): Map<string, string[]> {
  const values = new Map<string, string[]>()
  const add = (field: string, value: unknown) => {
    if (value === undefined) return
    const list = values.get(field) ?? []
    list.push(String(value))
    values.set(field, list)
  }
  const visit = (condition: Condition) => {
    if ('all' in condition) return condition.all.forEach(visit)
    if ('any' in condition) return condition.any.forEach(visit)
    if ('not' in condition) return visit(condition.not)
    if (!('value' in condition)) return
    if (Array.isArray(condition.value)) condition.value.forEach((value) => add(condition.field, value))
    else add(condition.field, condition.value)
  }
  const rules = [
    ...cfg.fit.rules,
    ...cfg.engagement.rules.flatMap((rule) => ('when' in rule ? [rule] : [])),
    ...cfg.disqualifiers,
    ...cfg.fastTrack.flatMap((rule) => ('when' in rule ? [rule] : [])),
    ...cfg.sql.criteria,
  ]
  rules.forEach((rule) => visit(rule.when))
  return values
}

function mixCase(rng: Random, text: string): string {
  const mode = rng.int(0, 3)
  if (mode === 0) return text
  if (mode === 1) return text.toUpperCase()
  if (mode === 2) return text.toLowerCase()
  return [...text].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('')
}

function pad(rng: Random, text: string): string {
  return `${rng.pick(PADDING)}${text}${rng.pick(PADDING)}`
}

/** An ISO 8601 or epoch form of an instant (or of the second or day it falls in), as CRMs write them, and the instant written. */
function formatInstant(rng: Random, instantMs: number): { at: string | number; ms: number } {
  const iso = (ms: number) => new Date(ms).toISOString()
  switch (rng.int(0, 6)) {
    case 0:
      return { at: iso(instantMs), ms: instantMs }
    case 1: {
      const ms = instantMs - (instantMs % 1000)
      return { at: iso(ms).replace('.000Z', 'Z'), ms }
    }
    case 2: {
      // The same instant written with an offset.
      const offsetMinutes = rng.pick([-480, -210, 60, 120, 330, 765])
      const local = iso(instantMs + offsetMinutes * 60_000).slice(0, 23)
      const sign = offsetMinutes < 0 ? '-' : '+'
      const abs = Math.abs(offsetMinutes)
      return { at: `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`, ms: instantMs }
    }
    case 3: {
      const ms = instantMs - (instantMs % 1000)
      return { at: iso(ms).slice(0, 19), ms }
    }
    case 4:
      return { at: String(instantMs), ms: instantMs }
    case 5:
      return { at: instantMs, ms: instantMs }
    default: {
      const ms = instantMs - (instantMs % DAY_MS)
      return { at: iso(ms).slice(0, 10), ms }
    }
  }
}

function attributeValue(rng: Random, type: FieldType, known: string[]): unknown {
  if (rng.chance(0.12)) return rng.pick(ABSENT)
  if (known.length > 0 && rng.chance(0.35)) {
    const value = rng.pick(known)
    const form = rng.int(0, 3)
    if (form === 0) return value
    if (form === 1) return pad(rng, mixCase(rng, value))
    if (form === 2) return `${rng.pick(['', 'x', 'Senior '])}${mixCase(rng, value)}${rng.pick(['', 'y', ' Lead'])}`
    return pad(rng, value)
  }
  switch (type) {
    case 'number':
      if (rng.chance(0.25)) return rng.chance(0.5) ? rng.int(-20, 6000) : Math.round(rng.next() * 1e6) / 1e3
      return pad(rng, rng.pick(NUMBER_TEXTS))
    case 'boolean':
      return rng.pick(BOOLEAN_VALUES)
    case 'date':
      if (rng.chance(0.4)) return pad(rng, rng.pick(FIXED_DATES))
      return formatInstant(rng, AS_OF_MS + rng.int(-60 * DAY_MS, 10 * DAY_MS)).at
    case 'email':
      if (rng.chance(0.2)) return pad(rng, `${rng.pick(WORDS)}@${rng.pick(['acme.io', 'gmail.com', 'EXAMPLE.com', 'other.org'])}`)
      return pad(rng, rng.pick(EMAILS))
    case 'string':
      if (rng.chance(0.2)) return pad(rng, rng.pick(NUMBER_TEXTS))
      if (rng.chance(0.1)) return pad(rng, rng.pick(FIXED_DATES))
      return pad(rng, mixCase(rng, rng.pick(WORDS)))
  }
}

interface GeneratedLead {
  id: number
  lead: Lead
  /** Epoch milliseconds of each activity, as loaded into the activities table (null: unreadable). */
  activityMs: (number | null)[]
}

function generateLeads(cfg: ScoringConfig, count: number, seed: number): GeneratedLead[] {
  const rng = random(seed)
  const known = ruleValues(cfg)
  const types = [...cfg.activities.map((activity) => activity.key), 'unknown_type']
  const windows = cfg.engagement.rules.flatMap((rule) => ('activity' in rule && rule.withinDays !== undefined && rule.withinDays < 1e5 ? [rule.withinDays * DAY_MS] : []))
  const leads: GeneratedLead[] = []
  for (let id = 1; id <= count; id++) {
    const attributes: Record<string, unknown> = {}
    for (const field of cfg.fields) {
      if (rng.chance(0.08)) continue
      attributes[field.key] = attributeValue(rng, field.type, known.get(field.key) ?? [])
    }
    const activities: { type: string; at: string | number }[] = []
    const activityMs: (number | null)[] = []
    const activityCount = rng.chance(0.2) ? 0 : rng.int(1, 9)
    for (let j = 0; j < activityCount; j++) {
      let ms: number
      const kind = rng.next()
      if (kind < 0.1 && windows.length > 0) ms = AS_OF_MS - rng.pick(windows) - rng.pick([0, 0, 1, -1]) // on a window's edge
      else if (kind < 0.2) ms = AS_OF_MS + rng.int(0, 5 * DAY_MS) // after as_of
      else if (kind < 0.25) ms = AS_OF_MS
      else if (kind < 0.28) ms = AS_OF_MS - rng.int(30, 150) * 365 * DAY_MS // decayed to (almost) nothing
      else ms = AS_OF_MS - rng.int(0, 200 * DAY_MS)
      const type = rng.pick(types)
      if (rng.chance(0.02)) {
        // The engine scores an unreadable date as never counted (fast tracks aside); the table holds NULL.
        activities.push({ type, at: 'not a date' })
        activityMs.push(null)
      } else {
        const written = formatInstant(rng, ms)
        activities.push({ type, at: written.at })
        activityMs.push(written.ms)
      }
    }
    leads.push({ id, lead: { id, attributes, activities }, activityMs })
  }
  return leads
}

// ---------------------------------------------------------------- DuckDB

async function loadTables(connection: DuckDBConnection, cfg: ScoringConfig, leads: GeneratedLead[], options: { timestampTz?: boolean } = {}) {
  await connection.run('DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities')
  const columns = cfg.fields.map((field) => `"${field.key.replaceAll('"', '""')}" TEXT`)
  await connection.run(`CREATE TABLE leads ("id" INTEGER, ${columns.join(', ')})`)
  await connection.run(`CREATE TABLE activities ("lead_id" INTEGER, "type" TEXT, "at" ${options.timestampTz ? 'TIMESTAMPTZ' : 'TIMESTAMP'})`)
  const leadAppender = await connection.createAppender('leads')
  const activityAppender = await connection.createAppender('activities')
  for (const { id, lead, activityMs } of leads) {
    leadAppender.appendInteger(id)
    for (const field of cfg.fields) {
      const value = lead.attributes[field.key]
      // The table holds attributes as text, as a CRM export would.
      if (value === undefined || value === null) leadAppender.appendNull()
      else leadAppender.appendVarchar(String(value))
    }
    leadAppender.endRow()
    lead.activities?.forEach((activity, j) => {
      activityAppender.appendInteger(id)
      activityAppender.appendVarchar(activity.type)
      const ms = activityMs[j]
      if (ms === null) activityAppender.appendNull()
      else if (options.timestampTz) activityAppender.appendTimestampTZ(timestampTZValue(BigInt(ms) * 1000n))
      else activityAppender.appendTimestamp(timestampValue(BigInt(ms) * 1000n))
      activityAppender.endRow()
    })
  }
  leadAppender.closeSync()
  activityAppender.closeSync()
}

interface SqlRow {
  lead_id: number
  fit: number
  engagement: number
  grade: string | null
  stage: string
  disqualified_by: string[]
  fast_track: string[]
  missing: string[]
  sql_met: string[]
}

async function runScoringSql(connection: DuckDBConnection, query: string, asOf: string): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(query, { as_of: asOf })
  return reader.getRowObjectsJS() as unknown as SqlRow[]
}

interface Mismatch {
  id: number
  what: string
  engine: unknown
  sql: unknown
  lead: Lead
}

function compareWithEngine(cfg: ScoringConfig, leads: GeneratedLead[], rows: SqlRow[], asOf: string | number): { mismatches: Mismatch[]; results: ScoreResult[] } {
  const scorer = compile(cfg)
  const byId = new Map(rows.map((row) => [Number(row.lead_id), row]))
  const mismatches: Mismatch[] = []
  const results: ScoreResult[] = []
  for (const { id, lead } of leads) {
    const expected = scorer.score(lead, asOf)
    results.push(expected)
    const row = byId.get(id)
    const report = (what: string, engine: unknown, sql: unknown) => mismatches.push({ id, what, engine, sql, lead })
    if (!row) {
      report('row', 'present', 'missing')
      continue
    }
    if (!(Math.abs(row.fit - expected.fit) <= 1e-9)) report('fit', expected.fit, row.fit)
    if (!(Math.abs(row.engagement - expected.engagement) <= 1e-9)) report('engagement', expected.engagement, row.engagement)
    if (row.grade !== expected.grade) report('grade', expected.grade, row.grade)
    if (row.stage !== expected.stage) report('stage', expected.stage, row.stage)
    if (JSON.stringify(row.disqualified_by) !== JSON.stringify(expected.disqualifiedBy)) report('disqualified_by', expected.disqualifiedBy, row.disqualified_by)
    if (JSON.stringify(row.fast_track) !== JSON.stringify(expected.fastTrack)) report('fast_track', expected.fastTrack, row.fast_track)
    if (JSON.stringify(row.missing) !== JSON.stringify(expected.missing)) report('missing', expected.missing, row.missing)
    if (JSON.stringify(row.sql_met) !== JSON.stringify(expected.sqlMet)) report('sql_met', expected.sqlMet, row.sql_met)
  }
  if (rows.length !== leads.length) mismatches.push({ id: -1, what: 'row count', engine: leads.length, sql: rows.length, lead: { attributes: {} } })
  return { mismatches, results }
}

let instance: DuckDBInstance
let connection: DuckDBConnection

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:')
  connection = await instance.connect()
})

afterAll(() => {
  connection?.closeSync()
  instance?.closeSync()
})

describe('SQL export in DuckDB agrees with the engine', () => {
  CONFIGS.forEach(([name, cfg], index) => {
    it(`${name}: ${LEADS_PER_CONFIG} generated leads score the same`, async () => {
      const leads = generateLeads(cfg, LEADS_PER_CONFIG, 1000 + index)
      await loadTables(connection, cfg, leads)
      const rows = await runScoringSql(connection, compileScoringSql(cfg, { dialect: 'duckdb' }), AS_OF)
      const { mismatches, results } = compareWithEngine(cfg, leads, rows, AS_OF)
      expect(mismatches.slice(0, 5)).toEqual([])
      expect(mismatches).toHaveLength(0)
      // The generated leads exercise the config: more than one stage, and varied fit scores.
      const stages = new Set(results.map((result) => result.stage))
      expect(stages.size).toBeGreaterThan(1)
      if (cfg.fit.rules.length > 0) expect(new Set(results.map((result) => result.fit)).size).toBeGreaterThan(5)
    })
  })

  it('every operator matches and fails to match some leads (the data is not degenerate)', () => {
    const leads = generateLeads(everyOperatorConfig, LEADS_PER_CONFIG, 1001)
    const scorer = compile(everyOperatorConfig)
    const matched = new Map<string, number>()
    for (const { lead } of leads) {
      for (const contribution of scorer.score(lead, AS_OF).contributions) {
        matched.set(contribution.ruleId, (matched.get(contribution.ruleId) ?? 0) + (contribution.matched ? 1 : 0))
      }
    }
    const alwaysOrNever = [...matched].filter(([id, count]) => (count === 0 || count === leads.length) && id !== 'empty-all' && id !== 'empty-any')
    expect(alwaysOrNever).toEqual([])
  })

  it('acme at another moment, with TIMESTAMPTZ activity dates, an as_of with an offset and a non-UTC session', async () => {
    const asOf = '2026-06-01T14:30:00.250+02:00'
    const leads = generateLeads(acmeScoringConfig, LEADS_PER_CONFIG, 77)
    await connection.run("SET TimeZone = 'America/New_York'")
    try {
      await loadTables(connection, acmeScoringConfig, leads, { timestampTz: true })
      const rows = await runScoringSql(connection, compileScoringSql(acmeScoringConfig, { dialect: 'duckdb' }), asOf)
      const { mismatches } = compareWithEngine(acmeScoringConfig, leads, rows, asOf)
      expect(mismatches.slice(0, 5)).toEqual([])
    } finally {
      await connection.run("SET TimeZone = 'UTC'")
    }
  })

  it('reads as_of as the engine does: UTC without an offset in any session zone, epoch milliseconds, and a clear error for anything else', async () => {
    const leads = generateLeads(decayConfig, 300, 91)
    await loadTables(connection, decayConfig, leads)
    const query = compileScoringSql(decayConfig, { dialect: 'duckdb' })
    await connection.run("SET TimeZone = 'Asia/Kolkata'")
    try {
      for (const asOf of ['2026-06-01T12:00:00', '2026-06-01 12:00', String(AS_OF_MS), ` ${AS_OF_MS}\n`, '2026-06-01']) {
        const rows = await runScoringSql(connection, query, asOf)
        expect(compareWithEngine(decayConfig, leads, rows, asOf.trim()).mismatches.slice(0, 3), asOf).toEqual([])
      }
      // The engine's own reading of the same text, not the session's: 12:00 without an offset is 12:00Z.
      const utc = await runScoringSql(connection, query, '2026-06-01T12:00:00')
      const zulu = await runScoringSql(connection, query, '2026-06-01T12:00:00Z')
      expect(utc).toEqual(zulu)
      for (const bad of ['next tuesday', '07/01/2025', '2026-02-30']) {
        await expect(runScoringSql(connection, query, bad)).rejects.toThrow(`the as-of parameter is not a timestamp (ISO 8601, UTC without an offset, or epoch milliseconds): ${bad}`)
      }
    } finally {
      await connection.run("SET TimeZone = 'UTC'")
    }
  })

  it('an empty config (no rule reads a field, no grades) still runs and agrees', async () => {
    const emptyConfig = config({ fields: [{ key: 'x', label: 'X', type: 'string' }], mql: { minFit: 0, minEngagement: 0 } })
    const leads = generateLeads(emptyConfig, 20, 5)
    await loadTables(connection, emptyConfig, leads)
    const query = compileScoringSql(emptyConfig, { dialect: 'duckdb' })
    expect(query).toContain('activities  not read')
    const rows = await runScoringSql(connection, query, AS_OF)
    const { mismatches, results } = compareWithEngine(emptyConfig, leads, rows, AS_OF)
    expect(mismatches).toEqual([])
    expect(results[0]).toMatchObject({ fit: 0, engagement: 0, grade: null, stage: 'mql' })
  })

  it('reads every timestamp form to the same millisecond as the engine', async () => {
    const edgeConfig = config({
      fields: [{ key: 'seen', label: 'Seen', type: 'date' }],
      fit: {
        max: 10,
        rules: [
          { id: 'now-or-later', label: 'Now or later', points: 1, when: { field: 'seen', op: 'withinDays', value: 0 } },
          { id: 'half-day', label: 'Within half a day', points: 2, when: { field: 'seen', op: 'withinDays', value: 0.5 } },
        ],
      },
    })
    const texts = [
      ...FIXED_DATES,
      '0000-03-01T00:00:00Z', '0000-02-29T23:59:59.999+00:01', '0000-01-01T00:00+23:59', '9999-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z',
      '-1', '1', '2024-02-29T00:00:00-23:59', '2026-05-20T10:00:00.123456789+05:30', '1600-02-29T12:00Z', '2100-03-01', '1970-01-01T00:00:00.001+00:00',
    ]
    const leads: GeneratedLead[] = texts.map((text, i) => ({ id: i + 1, lead: { id: i + 1, attributes: { seen: text } }, activityMs: [] }))
    await loadTables(connection, edgeConfig, leads)
    const query = compileScoringSql(edgeConfig, { dialect: 'duckdb' })
    const instants = [...new Set(texts.map((text) => parseTimestamp(text.trim())).filter((ms) => !Number.isNaN(ms) && Math.abs(ms) < 2.5e14))]
    expect(instants.length).toBeGreaterThan(40)
    const mismatches: Mismatch[] = []
    // As of each instant and a millisecond later: "now or later" flips exactly there.
    for (const ms of instants) {
      for (const asOfMs of [ms, ms + 1, ms + DAY_MS / 2]) {
        // Years before 0000 have no ISO 8601 form the engine reads: those are bound as epoch milliseconds.
        const iso = new Date(asOfMs).toISOString()
        const rows = await runScoringSql(connection, query, /^[+-]/.test(iso) ? String(asOfMs) : iso)
        mismatches.push(...compareWithEngine(edgeConfig, leads, rows, asOfMs).mismatches)
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
    // Some 150 queries: about 25 s when the shared machine is busy, beyond the default 30 s when it is very busy.
  }, 120_000)

  it('quotes hostile keys and values: the query runs, matches, and the tables survive', async () => {
    const leads = generateLeads(hostileConfig, 200, 9)
    // Leads carrying exactly the injection strings the rules compare to.
    leads[0].lead.attributes['a";drop_table_leads;--'] = "'; DROP TABLE leads; --"
    leads[0].lead.attributes["O'Brien"] = "O'Brien"
    leads[1].lead.attributes["O'Brien"] = " robert'); drop table leads;-- "
    leads[2].lead.attributes[':as_of'] = 'x C:\\PATH\\ y'
    leads[3].lead.attributes[':as_of'] = '%_!wild'
    leads[4].lead.attributes[':as_of'] = '$as_of'
    leads[5].lead.attributes['Ünïcødé'] = "bob@O'Reilly.com"
    await loadTables(connection, hostileConfig, leads)
    const rows = await runScoringSql(connection, compileScoringSql(hostileConfig, { dialect: 'duckdb' }), AS_OF)
    const { mismatches, results } = compareWithEngine(hostileConfig, leads, rows, AS_OF)
    expect(mismatches.slice(0, 5)).toEqual([])
    expect(results[0].contributions.find((c) => c.ruleId === `id'with"quotes`)?.matched).toBe(true)
    expect(results[1].disqualifiedBy).toEqual(["dq'"])
    expect(results[2].contributions.find((c) => c.ruleId === 'backslash')?.matched).toBe(true)
    expect(results[3].contributions.find((c) => c.ruleId === 'wildcards')?.matched).toBe(true)
    expect(results[4].contributions.find((c) => c.ruleId === 'placeholders')?.matched).toBe(true)
    expect(results[5].contributions.find((c) => c.ruleId === 'unicode')?.matched).toBe(true)
    const count = await connection.runAndReadAll('SELECT count(*) AS n FROM leads')
    expect(Number(count.getRowObjectsJS()[0].n)).toBe(200)
  })
})

// ---------------------------------------------------------------- the text of both dialects

/** The query without comments, string literals and quoted identifiers: what the database runs as code. */
function codeOnly(query: string): string {
  let out = ''
  let i = 0
  while (i < query.length) {
    const c = query[i]
    if (c === '-' && query[i + 1] === '-') {
      while (i < query.length && query[i] !== '\n') i++
    } else if (c === "'" || c === '"') {
      const escapes = c === "'" && (query[i - 1] === 'E' || query[i - 1] === 'e')
      i++
      while (i < query.length) {
        if (escapes && query[i] === '\\') i += 2
        else if (query[i] === c && query[i + 1] === c) i += 2
        else if (query[i] === c) break
        else i++
      }
      i++
      out += c === "'" ? "''" : '""'
    } else {
      out += c
      i++
    }
  }
  return out
}

// ---------------------------------------------------------------- PostgreSQL

/** A value as PostgreSQL's CSV reads it: unquoted empty is NULL, anything else quoted. */
function csvValue(value: unknown): string {
  return value === undefined || value === null ? '' : `"${String(value).replaceAll('"', '""')}"`
}

async function loadPostgres(server: PostgresServer, cfg: ScoringConfig, leads: GeneratedLead[], options: { timestampTz?: boolean } = {}) {
  const columns = cfg.fields.map((field) => `"${field.key.replaceAll('"', '""')}" TEXT`)
  await server.psql([
    '-c',
    `DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities; CREATE TABLE leads ("id" INTEGER, ${columns.join(', ')}); CREATE TABLE activities ("lead_id" INTEGER, "type" TEXT, "at" ${options.timestampTz ? 'TIMESTAMPTZ' : 'TIMESTAMP'});`,
  ])
  const leadRows = leads.map(({ id, lead }) => [id, ...cfg.fields.map((field) => csvValue(lead.attributes[field.key]))].join(',')).join('\n')
  await server.psql(['-c', '\\copy leads FROM STDIN WITH (FORMAT csv)'], `${leadRows}\n`)
  const activityRows = leads.flatMap(({ id, lead, activityMs }) =>
    (lead.activities ?? []).map((activity, j) => [id, csvValue(activity.type), activityMs[j] === null ? '' : new Date(activityMs[j]!).toISOString()].join(',')),
  )
  if (activityRows.length > 0) await server.psql(['-c', '\\copy activities FROM STDIN WITH (FORMAT csv)'], `${activityRows.join('\n')}\n`)
}

/** The export run by psql, as psql -v as_of=… -f scoring.sql runs it, each row read back as JSON. */
async function runPostgres(server: PostgresServer, query: string, asOf: string, options: { timeZone?: string } = {}): Promise<SqlRow[]> {
  const file = path.join(os.tmpdir(), `leadpact-scoring-${process.pid}-${Math.random().toString(36).slice(2)}.sql`)
  const zone = options.timeZone ? `SET TimeZone = '${options.timeZone}';\n` : ''
  fs.writeFileSync(file, `${zone}SELECT row_to_json(q) FROM (\n${query.replace(/;\s*$/, '')}\n) AS q;\n`)
  fs.chmodSync(file, 0o644)
  try {
    const out = await server.psql(['-A', '-t', '-v', `as_of=${asOf}`, '-f', file])
    return out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as SqlRow)
  } finally {
    fs.rmSync(file, { force: true })
  }
}

describe('SQL export in a real PostgreSQL agrees with the engine', () => {
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
  /** The server, or a failure that says what is missing to run it. */
  const postgres = () => {
    if (!server) throw new Error(`PostgreSQL tests cannot run: ${missing}`)
    return server
  }

  CONFIGS.forEach(([name, cfg], index) => {
    it(`${name}: ${LEADS_PER_CONFIG} generated leads score the same`, async () => {
      const leads = generateLeads(cfg, LEADS_PER_CONFIG, 1000 + index)
      await loadPostgres(postgres(), cfg, leads)
      const rows = await runPostgres(postgres(), compileScoringSql(cfg, { dialect: 'postgres' }), `'${AS_OF}'`)
      const { mismatches } = compareWithEngine(cfg, leads, rows, AS_OF)
      expect(mismatches.slice(0, 5)).toEqual([])
      expect(rows).toHaveLength(LEADS_PER_CONFIG)
    }, 120_000)
  })

  it('reads as_of as the engine does: without an offset it is UTC in any session zone, epoch milliseconds work, TIMESTAMPTZ activities', async () => {
    const leads = generateLeads(acmeScoringConfig, LEADS_PER_CONFIG, 78)
    await loadPostgres(postgres(), acmeScoringConfig, leads, { timestampTz: true })
    const query = compileScoringSql(acmeScoringConfig, { dialect: 'postgres' })
    for (const [asOf, engineAsOf] of [
      ["'2026-06-01T12:00:00.250'", '2026-06-01T12:00:00.250Z'],
      [String(AS_OF_MS), AS_OF_MS],
      [`'${AS_OF_MS}'`, AS_OF_MS],
      ["'2026-06-01T14:00:00.250+02:00'", AS_OF],
    ] as const) {
      const rows = await runPostgres(postgres(), query, asOf, { timeZone: 'America/New_York' })
      expect(compareWithEngine(acmeScoringConfig, leads, rows, engineAsOf).mismatches.slice(0, 3), asOf).toEqual([])
    }
    await expect(runPostgres(postgres(), query, "'07/01/2025'")).rejects.toThrow(
      'Leadpact scoring: the as-of parameter is not a timestamp (ISO 8601, UTC without an offset, or epoch milliseconds): 07/01/2025',
    )
  }, 120_000)
})

describe('SQL export text', () => {
  const postgres = compileScoringSql(everyOperatorConfig, { dialect: 'postgres' })
  const duck = compileScoringSql(everyOperatorConfig, { dialect: 'duckdb' })
  const acmePostgres = compileScoringSql(acmeScoringConfig, { dialect: 'postgres' })

  it('PostgreSQL takes :as_of, DuckDB $as_of, once each', () => {
    for (const query of [postgres, acmePostgres]) {
      expect(codeOnly(query).match(/:as_of\b/g)).toHaveLength(1)
      expect(codeOnly(query)).not.toContain('$as_of')
    }
    expect(codeOnly(duck).match(/\$as_of\b/g)).toHaveLength(1)
    expect(codeOnly(duck)).not.toContain(':as_of')
  })

  it('PostgreSQL uses its own functions and none of DuckDB\'s', () => {
    const code = codeOnly(postgres)
    // TEXT[] is PostgreSQL's array type; a bare [] would be a DuckDB list.
    for (const duckOnly of ['epoch_ms(', 'regexp_full_match(', 'regexp_extract(', '//', ' FOR x IN ', '[]', 'list_', '::', '$']) expect(code.replaceAll('TEXT[]', '')).not.toContain(duckOnly)
    for (const own of ['EXTRACT(EPOCH FROM', 'btrim(', 'regexp_match(', ' ~ ', 'array_remove(ARRAY[', 'COLLATE ""', 'CAST(:as_of AS TEXT)']) expect(code).toContain(own)
    const duckCode = codeOnly(duck)
    for (const own of ['epoch_ms(', 'regexp_full_match(', 'regexp_extract(', ' // ', ' FOR x IN ', 'trim(']) expect(duckCode).toContain(own)
    for (const postgresOnly of ['EXTRACT(EPOCH', 'btrim(', 'regexp_match(', 'array_remove(', 'COLLATE', ':as_of']) expect(duckCode).not.toContain(postgresOnly)
  })

  it('is one statement with balanced parentheses, and says what it needs', () => {
    for (const query of [postgres, duck, acmePostgres]) {
      const code = codeOnly(query)
      expect(code.split(';').filter((part) => part.trim() !== '')).toHaveLength(1)
      expect(code.trim().endsWith(';')).toBe(true)
      expect([...code].filter((c) => c === '(').length).toBe([...code].filter((c) => c === ')').length)
      expect(query.startsWith('-- Leadpact lead scoring')).toBe(true)
    }
    expect(acmePostgres).toContain('--                 "jobTitle"  Job title (string)')
    expect(acmePostgres).toContain('"at" (TIMESTAMP in UTC, or TIMESTAMPTZ')
    expect(acmePostgres).toContain('-- fit fit-exec "C-level or VP" (+25)')
  })

  it('keeps hostile text inside literals, identifiers and comments in both dialects', () => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      const query = compileScoringSql(hostileConfig, { dialect })
      const code = codeOnly(query)
      expect(code.toLowerCase()).not.toContain('drop')
      expect(code.toLowerCase()).not.toContain('select 1')
      expect(query).toContain('l."a"";drop_table_leads;--"')
      expect(query).toContain(`'''; drop table leads; --'`)
      // A label's line breaks stay inside its comment.
      expect(query).toContain('-- fit obrien "Line one  SELECT 1; -- more" (+20)')
      expect(query.split('\n').filter((line) => line.includes('DROP TABLE') && !line.trim().startsWith('--') && !line.includes("'"))).toEqual([])
    }
    // Backslashes: an E'' string in PostgreSQL (right whatever standard_conforming_strings says), as is in DuckDB.
    expect(compileScoringSql(hostileConfig, { dialect: 'postgres' })).toContain("LIKE E'%c:\\\\path\\\\%' ESCAPE '!'")
    expect(compileScoringSql(hostileConfig, { dialect: 'duckdb' })).toContain("LIKE '%c:\\path\\%' ESCAPE '!'")
    expect(compileScoringSql(hostileConfig, { dialect: 'duckdb' })).toContain("LIKE '!%!_!!%' ESCAPE '!'")
  })

  it('format 2: one statement, :as_of or $as_of once, properties read by each dialect\'s own JSON functions', () => {
    // The first generated config whose rules read properties.
    const seed = [...Array(50).keys()].find((n) => JSON.stringify(randomFormat2Config(seededRandom(n))).includes('"where"'))!
    const v2 = randomFormat2Config(seededRandom(seed))
    const v2PostgresQuery = compileScoringSql(v2, { dialect: 'postgres' })
    const v2DuckQuery = compileScoringSql(v2, { dialect: 'duckdb' })
    const v2Postgres = codeOnly(v2PostgresQuery)
    const v2Duck = codeOnly(v2DuckQuery)
    for (const code of [v2Postgres, v2Duck]) {
      expect(code.split(';').filter((part) => part.trim() !== '')).toHaveLength(1)
      expect([...code].filter((c) => c === '(').length).toBe([...code].filter((c) => c === ')').length)
    }
    expect(v2Postgres.match(/:as_of\b/g)).toHaveLength(1)
    expect(v2Duck.match(/\$as_of\b/g)).toHaveLength(1)
    for (const own of ['CAST(a."properties" AS JSONB)', 'jsonb_typeof(properties -> ', 'properties ->> ']) expect(v2PostgresQuery).toContain(own)
    for (const own of ['CAST(a."properties" AS JSON)', "json_type(properties, '/", "json_extract_string(properties, '/"]) expect(v2DuckQuery).toContain(own)
    for (const duckOnly of ['json_type(', 'json_extract_string(', ' FOR x IN ', '$']) expect(v2Postgres).not.toContain(duckOnly)
    for (const postgresOnly of ['jsonb', '->', 'btrim(', ':as_of']) expect(v2Duck).not.toContain(postgresOnly)
  })

  it('refuses an invalid config as the engine does', () => {
    const broken = structuredClone(acmeScoringConfig)
    broken.fit.rules[0].when = { field: 'nope', op: 'eq', value: 'x' }
    expect(() => compileScoringSql(broken, { dialect: 'postgres' })).toThrow(ScoringConfigError)
  })
})
