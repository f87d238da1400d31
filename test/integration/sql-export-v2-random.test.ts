import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, type Lead, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { startPostgres, type PostgresServer } from '../setup/postgres-server'
import { FORMAT2_AS_OF, randomFormat2Config, randomFormat2Leads, seededRandom } from '../support/format2-sql-cases'
import { loadDuckDb, loadPostgres, runDuckDb, runPostgres, type SqlRow } from '../support/sql-runner'

/*
 * The SQL export of format 2 against the engine (issue #19): random format-2 configs and leads
 * with properties, future and undated activities, scored by the engine, by DuckDB and by a real
 * PostgreSQL; every lead must agree on fit and engagement (to 1e-9), grade, band, priority, stage
 * and the lists of disqualifiers, fast tracks, missing fields and SQL criteria met.
 */

const CONFIGS = 16
const LEADS_PER_CONFIG = 150

interface Case {
  config: ScoringConfig
  leads: Lead[]
}

interface Outcome {
  fit: number
  engagement: number
  grade: string | null
  band: string | null
  priority: string | null
  stage: string
  lists: string[][]
}

const cases: Case[] = Array.from({ length: CONFIGS }, (_, c) => {
  const rng = seededRandom(1900 + c)
  const config = randomFormat2Config(rng)
  return { config, leads: randomFormat2Leads(rng, config, LEADS_PER_CONFIG, `c${c}`) }
})

const engineOutcomes: Map<string, Outcome>[] = cases.map(({ config, leads }) => {
  const engine = compile(config)
  return new Map(
    leads.map((lead) => {
      const result = engine.score(lead, FORMAT2_AS_OF, 'none')
      return [
        String(lead.id),
        {
          fit: result.fit,
          engagement: result.engagement,
          grade: result.grade,
          band: result.band,
          priority: result.priority,
          stage: result.stage,
          lists: [result.disqualifiedBy, result.fastTrack, result.missing, result.sqlMet].map((list) => [...list]),
        },
      ]
    }),
  )
})

function fromSql(row: SqlRow): Outcome {
  return {
    fit: Number(row.fit),
    engagement: Number(row.engagement),
    grade: row.grade,
    band: row.band ?? null,
    priority: row.priority ?? null,
    stage: row.stage,
    lists: [row.disqualified_by, row.fast_track, row.missing, row.sql_met].map((list) => [...list]),
  }
}

function mismatches(index: number, rows: SqlRow[]): unknown[] {
  const expected = engineOutcomes[index]!
  const found: unknown[] = []
  if (rows.length !== expected.size) found.push({ config: index, rows: rows.length, leads: expected.size })
  for (const row of rows) {
    const want = expected.get(String(row.lead_id))
    const got = fromSql(row)
    const same =
      want !== undefined &&
      Math.abs(got.fit - want.fit) <= 1e-9 &&
      Math.abs(got.engagement - want.engagement) <= 1e-9 &&
      got.grade === want.grade &&
      got.band === want.band &&
      got.priority === want.priority &&
      got.stage === want.stage &&
      JSON.stringify(got.lists) === JSON.stringify(want.lists)
    if (!same) found.push({ config: index, lead: cases[index]!.leads.find((lead) => String(lead.id) === String(row.lead_id)), engine: want, sql: got })
  }
  return found
}

describe('format 2: the SQL export agrees with the engine on random configs and leads', () => {
  it('the generated data is not degenerate: every stage, bands and priorities, properties, future and undated activities', () => {
    const outcomes = engineOutcomes.flatMap((map) => [...map.values()])
    expect(new Set(outcomes.map((o) => o.stage))).toEqual(new Set(['disqualified', 'lead', 'mql', 'sql']))
    expect(outcomes.filter((o) => o.band !== null).length).toBeGreaterThan(100)
    expect(outcomes.filter((o) => o.priority !== null).length).toBeGreaterThan(50)
    expect(outcomes.filter((o) => o.engagement > 0 && o.engagement < 100 && !Number.isInteger(o.engagement)).length).toBeGreaterThan(50)
    const activities = cases.flatMap(({ leads }) => leads.flatMap((lead) => lead.activities ?? []))
    const asOf = Date.parse(FORMAT2_AS_OF)
    expect(activities.filter((a) => a.properties !== undefined).length).toBeGreaterThan(1000)
    expect(activities.filter((a) => typeof a.at === 'string' && Date.parse(a.at.length === 10 ? a.at : a.at.endsWith('Z') ? a.at : `${a.at}Z`) > asOf).length).toBeGreaterThan(100)
    expect(activities.filter((a) => a.at === undefined || a.at === 'not a date' || a.at === '07/01/2025').length).toBeGreaterThan(100)
    const features = cases.flatMap(({ config }) => JSON.stringify(config).match(/"(where|minCount|time|since|until|halfLifeDays|required|olderThanDays|before|after)"/g) ?? [])
    for (const feature of ['"where"', '"minCount"', '"time"', '"since"', '"until"', '"required"']) expect(features).toContain(feature)
  })

  describe('DuckDB', () => {
    let instance: DuckDBInstance
    let connection: DuckDBConnection
    beforeAll(async () => {
      instance = await DuckDBInstance.create(':memory:')
      connection = await instance.connect()
    })
    afterAll(() => {
      connection.closeSync()
      instance.closeSync()
    })

    it(`${CONFIGS} configs × ${LEADS_PER_CONFIG} leads`, async () => {
      const found: unknown[] = []
      for (const [index, { config, leads }] of cases.entries()) {
        await loadDuckDb(connection, config, leads)
        found.push(...mismatches(index, await runDuckDb(connection, compileScoringSql(config, { dialect: 'duckdb' }), FORMAT2_AS_OF)))
      }
      expect(found.slice(0, 3)).toEqual([])
    }, 120_000)
  })

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

    it(`${CONFIGS} configs × ${LEADS_PER_CONFIG} leads`, async () => {
      if (!server) throw new Error(`PostgreSQL tests cannot run: ${missing}`)
      const found: unknown[] = []
      for (const [index, { config, leads }] of cases.entries()) {
        await loadPostgres(server, config, leads)
        found.push(...mismatches(index, await runPostgres(server, compileScoringSql(config, { dialect: 'postgres' }), FORMAT2_AS_OF)))
      }
      expect(found.slice(0, 3)).toEqual([])
    }, 300_000)
  })
})
