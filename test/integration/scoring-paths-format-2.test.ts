import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { newId } from '#db/ids'
import { compile, featuresOfVersion2, type Lead, type ScoringConfig } from '~/domain/scoring'
import { createApiToken } from '~/models/api-token.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as scoreAction } from '~/routes/api.v1.workshops.$workshopId.versions.$version.score'
import { bandedConfig, bandedLeads } from '../fixtures/format-2-bands'
import { AS_OF, configArbV2, leadArbV2 } from '../support/format-2-arbitraries'
import { naiveScoreV2 } from '../support/naive-format-2'
import { person, useTestDatabase } from '../setup/test-database'

/*
 * Format 2 on every JavaScript scoring path (issue #19): on random format-2 configs (every
 * construct) and leads whose activities carry properties and are dated in the future, on window
 * edges or not at all, the engine equals the naive reading of the written semantics, and the CLI
 * (the bundled build/bin/leadpact-score.mjs: JSON Lines and CSV in, --workers 1 and 2) and the
 * API equal the engine on fit, engagement (1e-9), grade, band, priority, stage and every list. The SQL export's
 * paths are compared in the SQL export's own tests. Needs `npm run build` (the CLI bundle).
 */

const store = useTestDatabase()
const root = fileURLToPath(new URL('../..', import.meta.url))
const CONFIGS = 10
const LEADS_PER_CONFIG = 80

interface Outcome {
  id: string
  fit: number
  engagement: number
  grade: string | null
  band: string | null
  priority: string | null
  stage: string
  lists: unknown
}

// The random configs put many leads in a cell of their priority matrix, mostly grade D's (a fit of
// 0 reaches it); the hand-worked banded Acme model (grades A and B too, a priority in most cells,
// none in some) is compared on every path as well.
const cases: { config: ScoringConfig; leads: Lead[] }[] = [
  ...fc.sample(configArbV2, { seed: 19, numRuns: CONFIGS }).map((config, c) => ({
    config,
    leads: fc.sample(leadArbV2, { seed: 1900 + c, numRuns: LEADS_PER_CONFIG }).map((lead, i) => ({ ...lead, id: `c${c}-l${i}` })),
  })),
  { config: bandedConfig, leads: bandedLeads.map(({ lead }) => lead) },
]
const engineOutcomes: Outcome[][] = []
let dir = ''

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

function textOf(lead: Lead, key: string): string {
  const value = Object.hasOwn(lead.attributes, key) ? lead.attributes[key] : undefined
  return typeof value === 'string' ? value : ''
}

function outcomeOf(row: {
  id?: unknown
  fit: number
  engagement: number
  grade: string | null
  band: string | null
  priority: string | null
  stage: string
  disqualifiedBy: string[]
  missing: string[]
  fastTrack: string[]
}): Outcome {
  const { fit, engagement, grade, band, priority, stage } = row
  return { id: String(row.id), fit, engagement, grade, band, priority, stage, lists: [row.disqualifiedBy, row.missing, row.fastTrack] }
}

function expectSame(pathName: string, index: number, rows: Outcome[]) {
  const expected = engineOutcomes[index]!
  expect(rows.length, `${pathName}, config ${index}: one result a lead`).toBe(expected.length)
  const byId = new Map(rows.map((row) => [row.id, row]))
  const mismatches = expected.flatMap((want) => {
    const got = byId.get(want.id)
    const same =
      got !== undefined &&
      Math.abs(got.fit - want.fit) <= 1e-9 &&
      Math.abs(got.engagement - want.engagement) <= 1e-9 &&
      got.grade === want.grade &&
      got.band === want.band &&
      got.priority === want.priority &&
      got.stage === want.stage &&
      JSON.stringify(got.lists) === JSON.stringify(want.lists)
    return same ? [] : [{ path: pathName, config: index, lead: cases[index]!.leads.find((lead) => lead.id === want.id), engine: want, got }]
  })
  expect(mismatches.slice(0, 3)).toEqual([])
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-paths-v2-'))
  cases.forEach(({ config, leads }, index) => {
    const engine = compile(config)
    engineOutcomes[index] = leads.map((lead) => outcomeOf({ id: lead.id, ...engine.score(lead, AS_OF) }))
  })
})

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('format 2 on every JavaScript scoring path', () => {
  it('the generated configs use format 2 and reach every stage, bands and priorities; the engine equals the naive reading', () => {
    expect(cases.filter(({ config }) => featuresOfVersion2(config).length > 0).length).toBeGreaterThanOrEqual(CONFIGS / 2)
    const stages = new Set<string>()
    let withProperties = 0
    for (const { config, leads } of cases) {
      const engine = compile(config)
      for (const lead of leads) {
        const actual = engine.score(lead, AS_OF)
        const naive = naiveScoreV2(config, lead, AS_OF)
        expect({ ...actual, engagement: Math.round(actual.engagement * 1e9), contributions: actual.contributions.length }).toEqual({
          ...naive,
          engagement: Math.round(naive.engagement * 1e9),
          contributions: naive.contributions.length,
        })
        stages.add(actual.stage)
        if (lead.activities?.some((activity) => activity.properties && Object.keys(activity.properties).length > 0)) withProperties++
      }
    }
    expect([...stages].sort()).toEqual(['disqualified', 'lead', 'mql', 'sql'])
    // Bands and priorities are reached, so the paths below compare them on real values, not only nulls.
    expect(engineOutcomes.flat().filter((outcome) => outcome.band !== null).length).toBeGreaterThan(CONFIGS * 5)
    // The random configs alone put a fifth of their leads or more in a cell with a priority (205 of 800 for these seeds).
    const random = engineOutcomes.slice(0, CONFIGS).flat()
    expect(random.filter((outcome) => outcome.priority !== null).length / random.length).toBeGreaterThanOrEqual(0.2)
    expect(new Set(engineOutcomes.flat().map((outcome) => outcome.priority))).toEqual(new Set([null, 'A1', 'A2', 'B2', 'D1', 'D2', 'D3']))
    expect(withProperties).toBeGreaterThan(CONFIGS * 10)
  })

  it.each([
    ['JSON Lines', '1'],
    ['JSON Lines', '2'],
    ['CSV', '2'],
  ])('the CLI takes format-2 configs, %s in, --workers %s', async (format, workers) => {
    for (const [index, { config, leads }] of cases.entries()) {
      const configFile = path.join(dir, `config-${index}.json`)
      fs.writeFileSync(configFile, JSON.stringify(config))
      let input: string
      if (format === 'CSV') {
        // A CSV cell is text: text attributes go as they are, others as blank cells (absent), activities as JSON.
        input = path.join(dir, `leads-${index}.csv`)
        const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)
        const keys = config.fields.map((field) => field.key)
        const rows = leads.map((lead) => [String(lead.id), ...keys.map((key) => textOf(lead, key)), JSON.stringify(lead.activities ?? [])].map(cell).join(','))
        fs.writeFileSync(input, `${['id', ...keys, 'activities'].join(',')}\n${rows.join('\n')}\n`)
      } else {
        input = path.join(dir, `leads-${index}.jsonl`)
        fs.writeFileSync(input, `${leads.map((lead) => JSON.stringify(lead)).join('\n')}\n`)
      }
      const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', input, '--as-of', String(AS_OF), '--workers', workers, '--explain', 'none'])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const rows = stdout
        .trim()
        .split('\n')
        .map((line) => outcomeOf(JSON.parse(line)))
      if (format === 'CSV') {
        const engine = compile(config)
        const asCsv = (lead: Lead): Lead => ({
          id: lead.id,
          attributes: Object.fromEntries(config.fields.map((field) => [field.key, textOf(lead, field.key)])),
          activities: JSON.parse(JSON.stringify(lead.activities ?? [])),
        })
        const expected = leads.map((lead) => outcomeOf({ id: lead.id, ...engine.score(asCsv(lead), AS_OF) }))
        expect(rows).toEqual(expected.map((row) => ({ ...row, engagement: expect.closeTo(row.engagement, 9) })))
      } else expectSame(`CLI ${format} --workers ${workers}`, index, rows)
    }
  }, 300_000)

  it('the CLI refuses a config that says schemaVersion 1 but uses format 2, naming the construct', async () => {
    const config = structuredClone(cases.find(({ config }) => config.schemaVersion === 2)!.config) as ScoringConfig
    config.schemaVersion = 1
    const configFile = path.join(dir, 'config-says-1.json')
    fs.writeFileSync(configFile, JSON.stringify(config))
    const input = path.join(dir, 'one.jsonl')
    fs.writeFileSync(input, `${JSON.stringify({ attributes: {} })}\n`)
    const { code, stderr } = await runCli(['--config', configFile, '--input', input, '--as-of', String(AS_OF)])
    expect(code).not.toBe(0)
    expect(stderr).toContain('is scoring format 2: set schemaVersion to 2')
  }, 60_000)

  it('the API', async () => {
    const fran = await person('fran@paths-v2.example')
    const workshop = await createWorkshop({ name: 'Scoring paths, format 2', company: 'Acme', userId: fran.id })
    const { token } = await createApiToken({ workshopId: workshop.id, name: 'pipeline', scopes: ['score'], createdBy: fran.id })
    for (const [index, { config, leads }] of cases.entries()) {
      const number = index + 1
      const scoring = { ...config, source: { workshopId: workshop.id, workshopName: 'Scoring paths, format 2', version: number, publishedAt: '2026-11-01T10:00:00.000Z' } }
      const snapshot = { formatVersion: 1, workshop: { id: workshop.id, name: 'Scoring paths, format 2', company: 'Acme' }, scoring }
      await store().db.insert(versions).values({ id: newId(), workshopId: workshop.id, number, publishedAt: new Date('2026-11-01T10:00:00Z'), publishedBy: fran.id, snapshot: JSON.stringify(snapshot), changelog: '[]', note: 'generated' })
      const request = new Request(`http://localhost:3000/api/v1/workshops/${workshop.id}/versions/${number}/score`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ asOf: AS_OF, explain: 'none', leads }),
      })
      const response = await scoreAction({ request, params: { workshopId: workshop.id, version: String(number) }, context: {} })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { results: Parameters<typeof outcomeOf>[0][] }
      expectSame('API', index, body.results.map(outcomeOf))
    }
  }, 120_000)
})
