import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { timestampValue, type DuckDBConnection } from '@duckdb/node-api'
import { parseTimestamp, type Lead, type ScoringConfig } from '~/domain/scoring'
import type { PostgresServer } from '../setup/postgres-server'

/*
 * Loads leads into the tables the SQL export reads (its header comment is the contract: leads with
 * one TEXT column per field, activities with lead_id, type, at and, for format 2, properties as
 * JSON) and runs the export, in DuckDB and in PostgreSQL. An activity's `at` goes in as the
 * timestamp the engine reads (NULL when undated); its properties as the JSON text of the object.
 */

export interface SqlRow {
  lead_id: string
  fit: number
  engagement: number
  grade: string | null
  band?: string | null
  priority?: string | null
  stage: string
  disqualified_by: string[]
  fast_track: string[]
  missing: string[]
  sql_met: string[]
}

/** An attribute as a TEXT cell; only the lead's own keys (a field named "toString" is not Object.prototype's). */
function attributeText(lead: Lead, key: string): string | null {
  const value = Object.hasOwn(lead.attributes, key) ? lead.attributes[key] : undefined
  return value === undefined || value === null ? null : String(value)
}

function activityMs(at: unknown): number | null {
  const ms = parseTimestamp(at)
  return Number.isNaN(ms) ? null : ms
}

function propertiesText(properties: unknown): string | null {
  return properties === undefined || properties === null ? null : JSON.stringify(properties)
}

/** Leads and activities into DuckDB; `id` is the lead's id as text. */
export async function loadDuckDb(connection: DuckDBConnection, config: ScoringConfig, leads: Lead[]) {
  await connection.run('DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities')
  const columns = config.fields.map((field) => `"${field.key.replaceAll('"', '""')}" TEXT`)
  await connection.run(`CREATE TABLE leads ("id" TEXT${columns.map((column) => `, ${column}`).join('')})`)
  await connection.run('CREATE TABLE activities ("lead_id" TEXT, "type" TEXT, "at" TIMESTAMP, "properties" JSON)')
  const leadAppender = await connection.createAppender('leads')
  const activityAppender = await connection.createAppender('activities')
  for (const lead of leads) {
    leadAppender.appendVarchar(String(lead.id))
    for (const field of config.fields) {
      const text = attributeText(lead, field.key)
      if (text === null) leadAppender.appendNull()
      else leadAppender.appendVarchar(text)
    }
    leadAppender.endRow()
    for (const activity of lead.activities ?? []) {
      activityAppender.appendVarchar(String(lead.id))
      activityAppender.appendVarchar(activity.type)
      const ms = activityMs(activity.at)
      if (ms === null) activityAppender.appendNull()
      else activityAppender.appendTimestamp(timestampValue(BigInt(Math.round(ms)) * 1000n))
      const properties = propertiesText(activity.properties)
      if (properties === null) activityAppender.appendNull()
      else activityAppender.appendVarchar(properties)
      activityAppender.endRow()
    }
  }
  leadAppender.closeSync()
  activityAppender.closeSync()
}

export async function runDuckDb(connection: DuckDBConnection, query: string, asOf: string): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(query, { as_of: asOf })
  return reader.getRowObjectsJS() as unknown as SqlRow[]
}

function csvCell(text: string | null): string {
  return text === null ? '' : `"${text.replaceAll('"', '""')}"`
}

/** Leads and activities into PostgreSQL (properties as jsonb). */
export async function loadPostgres(server: PostgresServer, config: ScoringConfig, leads: Lead[]) {
  const columns = config.fields.map((field) => `"${field.key.replaceAll('"', '""')}" TEXT`)
  await server.psql([
    '-c',
    `DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS activities; CREATE TABLE leads ("id" TEXT${columns.map((column) => `, ${column}`).join('')}); CREATE TABLE activities ("lead_id" TEXT, "type" TEXT, "at" TIMESTAMP, "properties" JSONB);`,
  ])
  const leadRows = leads.map((lead) => [String(lead.id), ...config.fields.map((field) => attributeText(lead, field.key))].map(csvCell).join(','))
  if (leadRows.length > 0) await server.psql(['-c', '\\copy leads FROM STDIN WITH (FORMAT csv)'], `${leadRows.join('\n')}\n`)
  const activityRows = leads.flatMap((lead) =>
    (lead.activities ?? []).map((activity) => {
      const ms = activityMs(activity.at)
      return [String(lead.id), activity.type, ms === null ? null : new Date(Math.round(ms)).toISOString().replace('Z', ''), propertiesText(activity.properties)].map(csvCell).join(',')
    }),
  )
  if (activityRows.length > 0) await server.psql(['-c', '\\copy activities FROM STDIN WITH (FORMAT csv)'], `${activityRows.join('\n')}\n`)
}

/** Runs the export in PostgreSQL in a session whose time zone is not UTC; `asOf` is bound with psql -v. */
export async function runPostgres(server: PostgresServer, query: string, asOf: string): Promise<SqlRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-sql-'))
  try {
    const file = path.join(dir, 'scoring.sql')
    fs.writeFileSync(file, `SET TimeZone = 'America/New_York';\nSELECT row_to_json(q) FROM (\n${query.replace(/;\s*$/, '')}\n) AS q;\n`)
    fs.chmodSync(dir, 0o755)
    fs.chmodSync(file, 0o644)
    const out = await server.psql(['-A', '-t', '-v', `as_of='${asOf}'`, '-f', file])
    return out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as SqlRow)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
