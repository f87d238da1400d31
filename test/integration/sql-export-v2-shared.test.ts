import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, type Lead, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { startPostgres, type PostgresServer } from '../setup/postgres-server'
import { AS_OF, configArbV2, leadArbV2 } from '../support/format-2-arbitraries'
import { loadDuckDb, loadPostgres, runDuckDb, runPostgres, type SqlRow } from '../support/sql-runner'

/*
 * The SQL export against the engine on the shared format-2 arbitraries (test/support/
 * format-2-arbitraries.ts, the engine's property test uses them too). A SQL table holds what a
 * CRM export holds, so each lead is first put in that form, and the engine scores the same form:
 * attributes as text (a number or boolean as its text; an object or array, which no column can
 * hold, left out), activity dates to the millisecond.
 */

const CONFIGS = 24
const LEADS_PER_CONFIG = 80
const AS_OF_TEXT = new Date(AS_OF).toISOString()

function asTableRow(lead: Lead, index: number): Lead {
  const attributes: Record<string, string | null> = {}
  for (const [key, value] of Object.entries(lead.attributes)) {
    if (value === null || value === undefined) attributes[key] = null
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = String(value)
  }
  const activities = (lead.activities ?? []).map((activity) => (typeof activity.at === 'number' ? { ...activity, at: Math.round(activity.at) } : activity))
  return { id: `l${index}`, attributes, activities }
}

const cases = fc.sample(fc.tuple(configArbV2, fc.array(leadArbV2, { minLength: LEADS_PER_CONFIG, maxLength: LEADS_PER_CONFIG })), { seed: 1919, numRuns: CONFIGS }).map(([config, leads]) => ({
  config,
  leads: leads.map(asTableRow),
}))

function engineRows(config: ScoringConfig, leads: Lead[]): Map<string, unknown> {
  const engine = compile(config)
  return new Map(
    leads.map((lead) => {
      const r = engine.score(lead, AS_OF, 'none')
      return [String(lead.id), [r.fit, r.engagement, r.grade, r.band, r.priority, r.stage, r.disqualifiedBy, r.fastTrack, r.missing, r.sqlMet]]
    }),
  )
}

function mismatches(config: ScoringConfig, leads: Lead[], rows: SqlRow[]): unknown[] {
  const expected = engineRows(config, leads)
  const found: unknown[] = rows.length === leads.length ? [] : [{ rows: rows.length, leads: leads.length }]
  for (const row of rows) {
    const want = expected.get(String(row.lead_id)) as [number, number, ...unknown[]] | undefined
    const got = [Number(row.fit), Number(row.engagement), row.grade, row.band ?? null, row.priority ?? null, row.stage, [...row.disqualified_by], [...row.fast_track], [...row.missing], [...row.sql_met]]
    const same = want !== undefined && Math.abs(want[0] - (got[0] as number)) <= 1e-9 && Math.abs(want[1] - (got[1] as number)) <= 1e-9 && JSON.stringify(want.slice(2)) === JSON.stringify(got.slice(2))
    if (!same) found.push({ lead: leads.find((lead) => String(lead.id) === String(row.lead_id)), engine: want, sql: got, config: cases.findIndex((c) => c.config === config) })
  }
  return found
}

describe('format 2 in SQL on the shared arbitraries: the engine, DuckDB and PostgreSQL agree', () => {
  it('the sample holds format-2 configs with properties read by where', () => {
    expect(cases.filter(({ config }) => config.schemaVersion === 2).length).toBeGreaterThan(CONFIGS / 2)
    expect(cases.filter(({ config }) => JSON.stringify(config).includes('"where"')).length).toBeGreaterThan(3)
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
      for (const { config, leads } of cases) {
        await loadDuckDb(connection, config, leads)
        found.push(...mismatches(config, leads, await runDuckDb(connection, compileScoringSql(config, { dialect: 'duckdb' }), AS_OF_TEXT)))
      }
      expect(found.slice(0, 2)).toEqual([])
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
      for (const { config, leads } of cases) {
        await loadPostgres(server, config, leads)
        found.push(...mismatches(config, leads, await runPostgres(server, compileScoringSql(config, { dialect: 'postgres' }), AS_OF_TEXT)))
      }
      expect(found.slice(0, 2)).toEqual([])
    }, 300_000)
  })
})
