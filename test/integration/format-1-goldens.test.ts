import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_USERS, seedDemo } from '~/demo/seed.server'
import { configJson } from '~/domain/exports/config-json'
import { compile, scoringConfigJsonSchema, type Lead, type ScoringConfig } from '~/domain/scoring'
import { sessionCookieFor } from '~/http/session.server'
import { rulesCsv } from '~/models/version-export.server'
import { loader as csvLoader } from '~/routes/workshops.$workshopId.versions.$number.export[.]csv'
import { loader as jsonLoader } from '~/routes/workshops.$workshopId.versions.$number.export[.]json'
import { loader as mdLoader } from '~/routes/workshops.$workshopId.versions.$number.export[.]md'
import { loader as sqlLoader } from '~/routes/workshops.$workshopId.versions.$number.export[.]sql'
import { xEducationConfig } from '../fixtures/x-education'
import { CONFIGS } from '../support/sql-export-configs'
import { getRequest, useTestDatabase } from '../setup/test-database'

/*
 * Format 2 (issue #19) changes nothing for a format-1 config: its exports (config JSON, rules CSV,
 * SQL, the definition document) and its scores are byte-identical to what the code of commit
 * 67bd9d9 produced before any format-2 work. The goldens in test/fixtures/format-1-golden were
 * written by that commit's code (UPDATE_FORMAT_1_GOLDENS=1 writes them; never to make this pass).
 * Scores are compared without the two fields format 2 added to every result (band, priority),
 * which must be null for a format-1 config.
 *
 * The demo's published versions 1 and 2 are compared with the workshop id and the publishing
 * moments (which differ on every seed) replaced by placeholders.
 */

const DIR = path.resolve('test/fixtures/format-1-golden')
const WRITE = process.env.UPDATE_FORMAT_1_GOLDENS === '1'
const AS_OF = '2026-06-01T12:00:00Z'
const DAY_MS = 86_400_000

function golden(name: string, actual: string) {
  const file = path.join(DIR, name)
  if (WRITE) fs.writeFileSync(file, actual)
  else expect(actual, name).toBe(fs.readFileSync(file, 'utf8'))
}

/** Deterministic leads that reach every rule of a config: each field set to values its rules name, or left out. */
function leadsFor(config: ScoringConfig, count: number): Lead[] {
  let state = 20_261_129
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state / 4_294_967_296
  }
  const values = new Map<string, unknown[]>()
  const collect = (condition: unknown): void => {
    if (!condition || typeof condition !== 'object') return
    const c = condition as Record<string, unknown>
    for (const key of ['all', 'any']) if (Array.isArray(c[key])) (c[key] as unknown[]).forEach(collect)
    if (c.not) collect(c.not)
    if (typeof c.field === 'string') {
      const list = values.get(c.field) ?? []
      const value = c.value
      if (Array.isArray(value)) list.push(...value)
      else if (value !== undefined) list.push(value)
      if (c.op === 'withinDays' && typeof value === 'number' && value < 100_000) list.push(new Date(Date.parse(AS_OF) - value * DAY_MS).toISOString(), '2020-01-01')
      if (c.op === 'emailDomainIn' || c.op === 'emailDomainNotIn') list.push(...(value as string[]).map((domain) => `someone@${domain.replace(/^@/, '')}`))
      values.set(c.field, list)
    }
  }
  for (const rule of [...config.fit.rules, ...config.engagement.rules, ...config.disqualifiers, ...config.fastTrack, ...config.sql.criteria]) {
    if ('when' in rule) collect(rule.when)
  }
  const leads: Lead[] = []
  for (let i = 0; i < count; i++) {
    const attributes: Record<string, unknown> = {}
    for (const field of config.fields) {
      const pool = [...(values.get(field.key) ?? []), null, 'other', 42]
      if (random() < 0.8) attributes[field.key] = pool[Math.floor(random() * pool.length)]
    }
    const activities = Array.from({ length: Math.floor(random() * 6) }, () => ({
      type: config.activities[Math.floor(random() * config.activities.length)]?.key ?? 'none',
      at: random() < 0.1 ? 'not a date' : new Date(Date.parse(AS_OF) - Math.floor((random() - 0.1) * 120 * DAY_MS)).toISOString(),
    }))
    leads.push({ id: i, attributes, activities })
  }
  return leads
}

function scoresOf(config: ScoringConfig): string {
  const scorer = compile(config)
  const lines = leadsFor(config, 60).map((lead) => {
    const result = scorer.score(lead, AS_OF) as unknown as Record<string, unknown>
    if ('band' in result) {
      expect(result.band).toBeNull()
      expect(result.priority).toBeNull()
      delete result.band
      delete result.priority
    }
    return JSON.stringify(result)
  })
  return `${lines.join('\n')}\n`
}

const FIXTURES: [string, ScoringConfig][] = [...CONFIGS.map(([name, config]) => [name.replace(/\s+/g, '-'), config] as [string, ScoringConfig]), ['x-education', xEducationConfig()]]

describe('format-1 fixtures: exports and scores as before format 2', () => {
  it('the served format-1 JSON Schema (/schemas/scoring-config.v1.json)', () => {
    golden('scoring-config.v1.schema.json', JSON.stringify(scoringConfigJsonSchema(), null, 2))
  })

  for (const [name, config] of FIXTURES) {
    it(name, () => {
      golden(`${name}.config.json`, configJson(config))
      golden(`${name}.rules.csv`, rulesCsv(config))
      golden(`${name}.scores.jsonl`, scoresOf(config))
    })
  }
})

const store = useTestDatabase()

describe("the demo's published versions: every download as before format 2", () => {
  it('versions 1 and 2: JSON, CSV, SQL (both dialects) and Markdown', async () => {
    const seeded = await seedDemo(store())
    const workshopId = seeded.workshopId!
    const email = DEMO_USERS.find((user) => user.role === 'facilitator')!.email
    const rows = (await store().db.all(`SELECT id FROM users WHERE email = '${email}'`)) as string[][]
    const cookie = (await sessionCookieFor(rows[0]![0]!)).split(';')[0]!
    const published = (await store().db.all(`SELECT number, published_at FROM versions WHERE workshop_id = '${workshopId}' ORDER BY number`)) as unknown[][]
    expect(published.map((row) => Number(row[0]))).toEqual([1, 2])
    const moments = published.map((row) => new Date(Number(row[1]) || String(row[1])))

    const normalise = (text: string) => {
      let out = text.split(workshopId).join('{workshopId}')
      moments.forEach((moment, i) => {
        if (Number.isNaN(moment.getTime())) return
        out = out.split(moment.toISOString()).join(`{publishedAt${i + 1}}`)
      })
      return out
    }
    const args = (number: number, query = '') => ({
      request: getRequest(`/workshops/${workshopId}/versions/${number}/export${query}`, { cookie }),
      params: { workshopId, number: String(number) },
      context: {},
    })
    for (const number of [1, 2]) {
      golden(`demo-v${number}.config.json`, normalise(await (await jsonLoader(args(number))).text()))
      golden(`demo-v${number}.rules.csv`, normalise(await (await csvLoader(args(number))).text()))
      golden(`demo-v${number}.postgres.sql`, normalise(await (await sqlLoader(args(number, '?dialect=postgres'))).text()))
      golden(`demo-v${number}.duckdb.sql`, normalise(await (await sqlLoader(args(number, '?dialect=duckdb'))).text()))
      golden(`demo-v${number}.definition.md`, normalise(await (await mdLoader(args(number))).text()))
    }
  })
})
