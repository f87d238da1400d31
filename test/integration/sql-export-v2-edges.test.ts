import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, type Lead, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { startPostgres, type PostgresServer } from '../setup/postgres-server'
import { loadDuckDb, loadPostgres, runDuckDb, runPostgres, type SqlRow } from '../support/sql-runner'

/*
 * Format 2 in the SQL export, on hand-computed cases (issue #19): windows at their edges (exactly
 * N days, as_of itself, one millisecond after), minCount over mixed types, undated activities,
 * since/until, before/after/olderThanDays, per-rule half-lives, where on properties with the
 * normalisation of attributes, required SQL criteria with minMet 0, bands and priorities at their
 * boundaries. Each table runs in DuckDB and in a real PostgreSQL, and the engine must agree too.
 */

const AS_OF = '2026-06-01T12:00:00.000Z'
const AS_OF_MS = Date.parse(AS_OF)
const DAY_MS = 86_400_000
const at = (offsetMs: number) => new Date(AS_OF_MS + offsetMs).toISOString()

function config(parts: Partial<ScoringConfig>): ScoringConfig {
  return {
    schemaVersion: 2,
    fields: [],
    activities: [],
    fit: { max: 100, rules: [] },
    engagement: { max: 100, halfLifeDays: null, rules: [] },
    disqualifiers: [],
    required: [],
    fastTrack: [],
    mql: { minFit: 0, minEngagement: 0 },
    sql: { criteria: [], minMet: 0 },
    grades: [],
    ...parts,
  }
}

interface Table {
  name: string
  config: ScoringConfig
  rows: { lead: Lead; expect: Partial<Pick<SqlRow, 'fit' | 'engagement' | 'grade' | 'band' | 'priority' | 'stage' | 'sql_met' | 'fast_track' | 'disqualified_by'>> }[]
}

// ---------------------------------------------------------------- windows: each criterion is one activity condition; sql_met lists those that hold

const windowConfig = config({
  fields: [{ key: 'created', label: 'Created', type: 'date' }],
  activities: [
    { key: 'demo', label: 'Demo' },
    { key: 'call', label: 'Call' },
    { key: 'other', label: 'Other' },
  ],
  fastTrack: [
    { id: 'ft-any', label: 'A demo, any date', activity: 'demo' },
    { id: 'ft-7', label: 'A demo, 7 days', activity: 'demo', withinDays: 7 },
  ],
  sql: {
    minMet: 1,
    criteria: [
      { id: 'past7', label: 'Demo in the last 7 days', when: { activity: 'demo', time: 'past', withinDays: 7 } },
      { id: 'future7', label: 'Demo in the next 7 days', when: { activity: 'demo', time: 'future', withinDays: 7 } },
      { id: 'any7', label: 'Demo no older than 7 days', when: { activity: 'demo', withinDays: 7 } },
      { id: 'any7x', label: 'Demo no older than 7 days, time any', when: { activity: 'demo', time: 'any', withinDays: 7 } },
      { id: 'past', label: 'Demo held', when: { activity: 'demo', time: 'past' } },
      { id: 'future', label: 'Demo booked', when: { activity: 'demo', time: 'future' } },
      { id: 'ever', label: 'Demo, any date', when: { activity: 'demo' } },
      { id: 'since', label: 'Demo since 25 May', when: { activity: 'demo', since: '2026-05-25' } },
      { id: 'until', label: 'Demo until as of', when: { activity: 'demo', until: '2026-06-01T12:00:00' } },
      { id: 'twice', label: 'Two demos or calls', when: { activity: ['demo', 'call'], minCount: 2 } },
      { id: 'older7', label: 'Created more than 7 days ago', when: { field: 'created', op: 'olderThanDays', value: 7 } },
      { id: 'not-within7', label: 'Not created in the last 7 days', when: { not: { field: 'created', op: 'withinDays', value: 7 } } },
      { id: 'before', label: 'Created before 25 May', when: { field: 'created', op: 'before', value: '2026-05-25' } },
      { id: 'after', label: 'Created after 25 May', when: { field: 'created', op: 'after', value: '2026-05-25' } },
    ],
  },
})

function demoAt(id: string, offsetMs: number | null, created?: string): Lead {
  return { id, attributes: created === undefined ? {} : { created }, activities: [offsetMs === null ? { type: 'demo' } : { type: 'demo', at: at(offsetMs) }] }
}

const windowTable: Table = {
  name: 'activity windows',
  config: windowConfig,
  rows: [
    // 2026-05-25T12:00: exactly 7 days before as_of
    { lead: demoAt('exactly-7-days-ago', -7 * DAY_MS, at(-7 * DAY_MS)), expect: { sql_met: ['past7', 'any7', 'any7x', 'past', 'ever', 'since', 'until', 'after'], fast_track: ['ft-any', 'ft-7'] } },
    { lead: demoAt('7-days-and-1-ms-ago', -7 * DAY_MS - 1, at(-7 * DAY_MS - 1)), expect: { sql_met: ['past', 'ever', 'since', 'until', 'older7', 'not-within7', 'after'], fast_track: ['ft-any'] } },
    { lead: demoAt('as-of-itself', 0, AS_OF), expect: { sql_met: ['past7', 'any7', 'any7x', 'past', 'ever', 'since', 'until', 'after'], fast_track: ['ft-any', 'ft-7'] } },
    { lead: demoAt('1-ms-after', 1), expect: { sql_met: ['future7', 'any7', 'any7x', 'future', 'ever', 'since', 'not-within7'], fast_track: ['ft-any', 'ft-7'] } },
    { lead: demoAt('exactly-7-days-ahead', 7 * DAY_MS), expect: { sql_met: ['future7', 'any7', 'any7x', 'future', 'ever', 'since', 'not-within7'], fast_track: ['ft-any', 'ft-7'] } },
    { lead: demoAt('7-days-and-1-ms-ahead', 7 * DAY_MS + 1), expect: { sql_met: ['any7', 'any7x', 'future', 'ever', 'since', 'not-within7'], fast_track: ['ft-any', 'ft-7'] } },
    { lead: demoAt('undated', null, 'not a date'), expect: { sql_met: ['ever', 'not-within7'], fast_track: ['ft-any'] } },
    { lead: { id: 'no-activity', attributes: {}, activities: [] }, expect: { sql_met: ['not-within7'], fast_track: [] } },
    { lead: { id: 'since-exactly', attributes: { created: '2026-05-25' }, activities: [{ type: 'demo', at: '2026-05-25T00:00:00.000Z' }] }, expect: { sql_met: ['past', 'ever', 'since', 'until', 'older7', 'not-within7'] } },
    {
      lead: { id: 'since-1-ms-before', attributes: { created: '2026-05-24T23:59:59.999' }, activities: [{ type: 'demo', at: '2026-05-24T23:59:59.999Z' }] },
      expect: { sql_met: ['past', 'ever', 'until', 'older7', 'not-within7', 'before'] },
    },
    {
      lead: { id: 'after-by-1-ms', attributes: { created: '2026-05-25T00:00:00.001Z' }, activities: [{ type: 'call', at: at(-DAY_MS) }, { type: 'call' }] },
      expect: { sql_met: ['twice', 'older7', 'not-within7', 'after'], fast_track: [] },
    },
    { lead: { id: 'demo-undated-and-call', attributes: {}, activities: [{ type: 'demo' }, { type: 'call', at: at(-400 * DAY_MS) }] }, expect: { sql_met: ['ever', 'twice', 'not-within7'] } },
    { lead: { id: 'demo-and-other', attributes: {}, activities: [{ type: 'demo', at: at(-DAY_MS) }, { type: 'other', at: at(-DAY_MS) }] }, expect: { sql_met: ['past7', 'any7', 'any7x', 'past', 'ever', 'since', 'until', 'not-within7'] } },
  ],
}

// ---------------------------------------------------------------- activity rules: direction, windows and half-lives

const ruleConfig = config({
  activities: [
    { key: 'call', label: 'Call' },
    { key: 'meeting', label: 'Meeting' },
  ],
  engagement: {
    max: 1000,
    halfLifeDays: 7,
    rules: [
      { id: 'model', label: 'Call, model half-life (7 days)', activity: 'call', points: 8 },
      { id: 'flat', label: 'Call, no decay', activity: 'call', points: 16, halfLifeDays: null },
      { id: 'fast', label: 'Call, half-life 3.5 days', activity: 'call', points: 32, halfLifeDays: 3.5 },
      { id: 'booked', label: 'Meeting in the next 14 days', activity: 'meeting', points: 100, time: 'future', withinDays: 14 },
      { id: 'held', label: 'Meeting in the last 14 days', activity: 'meeting', points: 200, time: 'past', withinDays: 14, halfLifeDays: null },
    ],
  },
})

const ruleTable: Table = {
  name: 'activity rules',
  config: ruleConfig,
  rows: [
    // 7 days old: 8 × 0.5 + 16 + 32 × 0.25
    { lead: { id: 'call-7-days', attributes: {}, activities: [{ type: 'call', at: at(-7 * DAY_MS) }] }, expect: { engagement: 4 + 16 + 8 } },
    // after as_of (format-1 rules): age 0, full points
    { lead: { id: 'call-tomorrow', attributes: {}, activities: [{ type: 'call', at: at(DAY_MS) }] }, expect: { engagement: 8 + 16 + 32 } },
    // undated: no activity rule counts it
    { lead: { id: 'call-undated', attributes: {}, activities: [{ type: 'call', at: 'someday' }] }, expect: { engagement: 0 } },
    { lead: { id: 'meeting-as-of', attributes: {}, activities: [{ type: 'meeting', at: AS_OF }] }, expect: { engagement: 200 } },
    { lead: { id: 'meeting-1-ms-after', attributes: {}, activities: [{ type: 'meeting', at: at(1) }] }, expect: { engagement: 100 } },
    { lead: { id: 'meeting-14-days-ahead', attributes: {}, activities: [{ type: 'meeting', at: at(14 * DAY_MS) }] }, expect: { engagement: 100 } },
    { lead: { id: 'meeting-14-days-1-ms-ahead', attributes: {}, activities: [{ type: 'meeting', at: at(14 * DAY_MS + 1) }] }, expect: { engagement: 0 } },
    { lead: { id: 'meeting-14-days-ago', attributes: {}, activities: [{ type: 'meeting', at: at(-14 * DAY_MS) }] }, expect: { engagement: 200 } },
    { lead: { id: 'meeting-14-days-1-ms-ago', attributes: {}, activities: [{ type: 'meeting', at: at(-14 * DAY_MS - 1) }] }, expect: { engagement: 0 } },
  ],
}

// ---------------------------------------------------------------- where on properties: the normalisation of attributes

const whereConfig = config({
  activities: [
    {
      key: 'visit',
      label: 'Visit',
      properties: [
        { key: 'url', label: 'URL', type: 'string' },
        { key: 'seconds', label: 'Seconds', type: 'number' },
        { key: 'when', label: 'When', type: 'date' },
      ],
    },
    { key: 'meeting', label: 'Meeting', properties: [{ key: 'completed', label: 'Completed', type: 'boolean' }] },
  ],
  sql: {
    minMet: 1,
    criteria: [
      { id: 'pricing', label: 'Pricing page', when: { activity: 'visit', where: { field: 'url', op: 'contains', value: '/Pricing' } } },
      { id: 'url-50', label: 'URL is 50', when: { activity: 'visit', where: { field: 'url', op: 'eq', value: 50 } } },
      { id: 'long', label: 'A visit of a minute or more', when: { activity: 'visit', where: { field: 'seconds', op: 'gte', value: 60 } } },
      { id: 'seconds-50', label: 'Seconds equal 50', when: { activity: 'visit', where: { field: 'seconds', op: 'eq', value: '50.0' } } },
      { id: 'no-url', label: 'A visit without a URL', when: { activity: 'visit', where: { field: 'url', op: 'absent' } } },
      { id: 'held', label: 'A meeting held', when: { activity: 'meeting', where: { field: 'completed', op: 'eq', value: true } } },
      { id: 'recent', label: 'A visit with a recent date', when: { activity: 'visit', where: { field: 'when', op: 'withinDays', value: 1 } } },
      { id: 'two-long', label: 'Two long visits', when: { activity: 'visit', minCount: 2, where: { field: 'seconds', op: 'gt', value: 10 } } },
    ],
  },
})

const visit = (properties: Record<string, string | number | boolean | null> | undefined): { type: string; at: string; properties?: Record<string, string | number | boolean | null> } =>
  properties === undefined ? { type: 'visit', at: at(-DAY_MS) } : { type: 'visit', at: at(-DAY_MS), properties }

const whereTable: Table = {
  name: 'where on properties',
  config: whereConfig,
  rows: [
    { lead: { id: 'pricing-upper', attributes: {}, activities: [visit({ url: ' HTTPS://X.IO/PRICING?a=1 ' })] }, expect: { sql_met: ['pricing'] } },
    { lead: { id: 'url-number', attributes: {}, activities: [visit({ url: 50 })] }, expect: { sql_met: ['url-50'] } },
    // On a text property "50.0" stays "50.0"; the JSON number 50.0 is 50.
    { lead: { id: 'url-text-50.0', attributes: {}, activities: [visit({ url: '50.0' })] }, expect: { sql_met: [] } },
    { lead: { id: 'seconds-text', attributes: {}, activities: [visit({ seconds: ' 5e1 ' })] }, expect: { sql_met: ['seconds-50', 'no-url'] } },
    { lead: { id: 'seconds-number', attributes: {}, activities: [visit({ seconds: 60 }), visit({ seconds: 11, url: '' })] }, expect: { sql_met: ['long', 'no-url', 'two-long'] } },
    { lead: { id: 'seconds-not-a-number', attributes: {}, activities: [visit({ seconds: '1,000' }), visit({ seconds: true })] }, expect: { sql_met: ['no-url'] } },
    { lead: { id: 'no-properties', attributes: {}, activities: [visit(undefined)] }, expect: { sql_met: ['no-url'] } },
    { lead: { id: 'null-url', attributes: {}, activities: [visit({ url: null })] }, expect: { sql_met: ['no-url'] } },
    // Only SQL input can hold an object (leads refuse one): present, with no text, as the engine reads one.
    { lead: { id: 'object-url', attributes: {}, activities: [visit({ url: { path: '/pricing' } as unknown as string })] }, expect: { sql_met: [] } },
    { lead: { id: 'held-text', attributes: {}, activities: [{ type: 'meeting', at: at(-DAY_MS), properties: { completed: 'TRUE' } }] }, expect: { sql_met: ['held'] } },
    { lead: { id: 'held-boolean', attributes: {}, activities: [{ type: 'meeting', properties: { completed: true } }] }, expect: { sql_met: ['held'] } },
    { lead: { id: 'not-held', attributes: {}, activities: [{ type: 'meeting', at: at(-DAY_MS), properties: { completed: false } }] }, expect: { sql_met: [] } },
    { lead: { id: 'when-epoch', attributes: {}, activities: [visit({ url: 'x', when: AS_OF_MS - DAY_MS })] }, expect: { sql_met: ['recent'] } },
    { lead: { id: 'when-iso', attributes: {}, activities: [visit({ url: 'x', when: '2026-06-01' })] }, expect: { sql_met: ['recent'] } },
    { lead: { id: 'when-old', attributes: {}, activities: [visit({ url: 'x', when: '2026-05-30' })] }, expect: { sql_met: [] } },
  ],
}

// ---------------------------------------------------------------- required SQL criteria, bands and priorities

const stageConfig = config({
  fields: [
    { key: 'title', label: 'Title', type: 'string' },
    { key: 'level', label: 'Level', type: 'string' },
  ],
  activities: [{ key: 'demo', label: 'Demo' }],
  fit: { max: 100, rules: [{ id: 'titled', label: 'Has a title', points: 10, when: { field: 'title', op: 'present' } }] },
  engagement: {
    max: 100,
    halfLifeDays: null,
    rules: [
      { id: 'l60', label: 'Level 60', points: 60, when: { field: 'level', op: 'eq', value: '60' } },
      { id: 'l59', label: 'Level 59.999', points: 59.999, when: { field: 'level', op: 'eq', value: '59.999' } },
      { id: 'l35', label: 'Level 35', points: 35, when: { field: 'level', op: 'eq', value: '35' } },
      { id: 'neg', label: 'Negative', points: -5, when: { field: 'level', op: 'eq', value: 'neg' } },
    ],
    bands: [
      { band: '1', minEngagement: 60 },
      { band: '2', minEngagement: 35 },
      { band: '3', minEngagement: 15 },
      { band: '4', minEngagement: 0 },
    ],
  },
  grades: [
    { grade: 'A', minFit: 10 },
    { grade: 'B', minFit: 0 },
  ],
  priorities: [
    { grade: 'A', band: '1', priority: 'A1', label: 'Call within 5 minutes' },
    { grade: 'A', band: '2', priority: 'A2', label: 'Call today' },
    { grade: 'B', band: '2', priority: 'B2', label: 'Nurture' },
    { grade: 'B', band: '4', priority: 'B4', label: 'Nurture slowly' },
  ],
  sql: {
    minMet: 0,
    criteria: [
      { id: 'demo-held', label: 'Demo held', required: true, when: { activity: 'demo', time: 'past' } },
      { id: 'sql-titled', label: 'Has a title', when: { field: 'title', op: 'present' } },
    ],
  },
})

const stageTable: Table = {
  name: 'required criteria (minMet 0), bands and priorities',
  config: stageConfig,
  rows: [
    { lead: { id: 'a1-sql', attributes: { title: 'CTO', level: '60' }, activities: [{ type: 'demo', at: AS_OF }] }, expect: { grade: 'A', band: '1', priority: 'A1', stage: 'sql', sql_met: ['demo-held', 'sql-titled'] } },
    // The optional criterion holds, the required one does not: minMet 0 is not enough.
    { lead: { id: 'a2-mql', attributes: { title: 'CTO', level: '59.999' }, activities: [{ type: 'demo', at: at(1) }] }, expect: { grade: 'A', band: '2', priority: 'A2', stage: 'mql', sql_met: ['sql-titled'] } },
    { lead: { id: 'b2-sql', attributes: { level: '35' }, activities: [{ type: 'demo', at: at(-DAY_MS) }] }, expect: { grade: 'B', band: '2', priority: 'B2', stage: 'sql', sql_met: ['demo-held'] } },
    // 15 > engagement 0 ≥ 0: band 4; B × 4 has an entry, A × 4 none.
    { lead: { id: 'b4', attributes: { level: 'neg' }, activities: [] }, expect: { engagement: 0, grade: 'B', band: '4', priority: 'B4', stage: 'mql' } },
    { lead: { id: 'a4-none', attributes: { title: 'x' }, activities: [{ type: 'demo' }] }, expect: { grade: 'A', band: '4', priority: null, stage: 'mql', sql_met: ['sql-titled'] } },
  ],
}

const noCriteriaConfig = config({ ...stageConfig, sql: { criteria: [], minMet: 0 } })
const noCriteriaTable: Table = {
  name: 'no SQL criteria: never SQL',
  config: noCriteriaConfig,
  rows: [{ lead: { id: 'x', attributes: { title: 'CTO', level: '60' }, activities: [{ type: 'demo', at: AS_OF }] }, expect: { stage: 'mql', band: '1', priority: 'A1' } }],
}

// ---------------------------------------------------------------- property keys that would break a JSON path or a literal

const hostileKeys = ["it's", 'a/b~c', 'x"y', '$.url', 'back\\slash', 'Ünï']
const hostileConfig = config({
  activities: [{ key: "o'clock", label: 'Quote', properties: hostileKeys.map((key) => ({ key, label: key, type: 'string' as const })) }],
  sql: {
    minMet: 1,
    criteria: hostileKeys.map((key, i) => ({ id: `key-${i}`, label: key, when: { activity: "o'clock", where: { field: key, op: 'eq', value: `v'${i}\\` } } })),
  },
})
const hostileTable: Table = {
  name: 'hostile property keys and values',
  config: hostileConfig,
  rows: hostileKeys.map((key, i) => ({
    lead: { id: `lead-${i}`, attributes: {}, activities: [{ type: "o'clock", at: AS_OF, properties: { [key]: ` V'${i}\\ `, url: `v'${(i + 1) % hostileKeys.length}\\` } }] },
    expect: { sql_met: [`key-${i}`] },
  })),
}

// A where that reads no property at all still filters (here: lets every activity through).
const emptyWhereTable: Table = {
  name: 'a where that reads no property',
  config: config({
    activities: [{ key: 'call', label: 'Call' }],
    engagement: { max: 100, halfLifeDays: null, rules: [{ id: 'calls', label: 'Calls', activity: 'call', points: 3, where: { not: { any: [] } } }] },
    sql: { minMet: 1, criteria: [{ id: 'none', label: 'Never', when: { activity: 'call', where: { any: [] } } }] },
  }),
  rows: [
    { lead: { id: 'two-calls', attributes: {}, activities: [{ type: 'call', at: AS_OF }, { type: 'call', at: at(-DAY_MS) }] }, expect: { engagement: 6, sql_met: [] } },
    { lead: { id: 'no-call', attributes: {}, activities: [] }, expect: { engagement: 0, sql_met: [] } },
  ],
}

const TABLES: Table[] = [windowTable, ruleTable, whereTable, stageTable, noCriteriaTable, hostileTable, emptyWhereTable]

function mismatches(table: Table, rows: SqlRow[]): unknown[] {
  const byId = new Map(rows.map((row) => [String(row.lead_id), row]))
  return table.rows.flatMap(({ lead, expect: want }): unknown[] => {
    const got = byId.get(String(lead.id))
    if (!got) return [{ lead: lead.id, missing: true }]
    const differing = Object.entries(want).filter(([key, value]) => {
      const actual = (got as unknown as Record<string, unknown>)[key]
      if (typeof value === 'number') return Math.abs(Number(actual) - value) > 1e-9
      return JSON.stringify(Array.isArray(actual) ? [...actual] : actual) !== JSON.stringify(value)
    })
    return differing.length === 0 ? [] : [{ lead: lead.id, want, got }]
  })
}

describe('format 2 in SQL, hand-computed edges', () => {
  let instance: DuckDBInstance
  let connection: DuckDBConnection
  let server: PostgresServer | undefined
  let missing: string | undefined
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:')
    connection = await instance.connect()
    const started = await startPostgres()
    if (started.ok) server = started.server
    else missing = started.missing
  }, 120_000)
  afterAll(async () => {
    connection?.closeSync()
    instance?.closeSync()
    await server?.stop()
  })

  for (const table of TABLES) {
    describe(table.name, () => {
      it('the engine', () => {
        const engine = compile(table.config)
        const rows = table.rows.map(({ lead }) => {
          const result = engine.score(lead, AS_OF)
          return {
            lead_id: String(lead.id),
            fit: result.fit,
            engagement: result.engagement,
            grade: result.grade,
            band: result.band,
            priority: result.priority,
            stage: result.stage,
            disqualified_by: result.disqualifiedBy,
            fast_track: result.fastTrack,
            missing: result.missing,
            sql_met: result.sqlMet,
          }
        })
        expect(mismatches(table, rows)).toEqual([])
      })

      it('DuckDB', async () => {
        await loadDuckDb(connection, table.config, table.rows.map((row) => row.lead))
        const rows = await runDuckDb(connection, compileScoringSql(table.config, { dialect: 'duckdb' }), AS_OF)
        expect(rows).toHaveLength(table.rows.length)
        expect(mismatches(table, rows)).toEqual([])
      })

      it('PostgreSQL', async () => {
        if (!server) throw new Error(`PostgreSQL tests cannot run: ${missing}`)
        await loadPostgres(server, table.config, table.rows.map((row) => row.lead))
        const rows = await runPostgres(server, compileScoringSql(table.config, { dialect: 'postgres' }), AS_OF)
        expect(rows).toHaveLength(table.rows.length)
        expect(mismatches(table, rows)).toEqual([])
      })
    })
  }

  it('a format-2 query says so, and has band and priority columns; a format-1 one neither', () => {
    const query = compileScoringSql(stageConfig, { dialect: 'postgres' })
    expect(query).toContain('(scoring config format version 2)')
    expect(query).toMatch(/^ {2}band,$/m)
    expect(query).toMatch(/ AS priority,$/m)
    const { bands: _bands, ...engagement } = stageConfig.engagement
    const v1 = compileScoringSql({ ...stageConfig, schemaVersion: 1, engagement, priorities: undefined, sql: { criteria: [], minMet: 0 } }, { dialect: 'postgres' })
    expect(v1).toContain('(scoring config format version 1)')
    expect(v1).not.toMatch(/\bband\b|\bpriority\b/)
  })
})
