import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BANDS_AS_OF, bandedConfig, bandedLeads } from '../fixtures/format-2-bands'
import { X_EDUCATION_CSV, X_EDUCATION_ROWS, xEducationConfig, xEducationMapping } from '../fixtures/x-education'
import { scoreOutput } from '~/domain/api/score-output'
import { compileRowReader } from '~/domain/backtest/mapping'
import { compileScoringSql } from '~/domain/sql-export/compile-sql'
import { acmeScoringConfig, compile, type Explain, type Lead, type ScoreResult, type ScoringConfig } from '~/domain/scoring'
import { CHUNK_BYTES } from '../../scripts/score-cli'

const root = fileURLToPath(new URL('../..', import.meta.url))
const AS_OF = '2026-06-01T12:00:00Z'

interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

function runCli(args: string[], stdin?: string, bin = 'build/bin/leadpact-score.mjs', nodeArgs: string[] = []): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], { cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin ?? '')
  })
}

/** The CLI's JSON line for a result: what JSON.stringify writes for the engine's own result. */
function expectedLine(lead: Lead, result: ScoreResult): string {
  const { fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions } = result
  return `${JSON.stringify({ id: lead.id ?? null, fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions })}\n`
}

// Labels and ids that JSON has to escape, to check the CLI's own JSON writer byte for byte.
const config: ScoringConfig = structuredClone(acmeScoringConfig)
config.fit.rules[0].label = 'C-level "or" VP \\ über – ✓'
config.engagement.rules[0].label = 'Demo\nrequest\t“quoted”'

const leads: Lead[] = [
  {
    id: 'lead-1',
    attributes: { jobTitle: 'VP Data', seniority: 'VP', industry: 'SaaS', employees: 1200, country: 'de', email: 'lena@northwind.example', company: 'Northwind', budget: 50000, authority: true, need: 'high' },
    activities: [
      { type: 'demo_request', at: '2026-05-30T10:00:00Z' },
      { type: 'pricing_view', at: '2026-05-31T09:00:00' },
      { type: 'pricing_view', at: 1_780_000_000_000 },
    ],
  },
  { id: 42, attributes: { jobTitle: 'Student', email: 'kim@gmail.com', company: 'Uni', country: 'US' } },
  { attributes: { jobTitle: '  ', employees: '350', country: 'FR', email: 'x@contoso.example', company: 'Contoso' }, activities: [] },
  { id: 'ünïcödé "quoted" \\ id', attributes: { seniority: 'director', industry: 'fintech', employees: '4,000', country: 'GB', email: 'a@b.example', company: 'B' } },
]

let dir = ''
const file = (name: string, content: string) => {
  const target = path.join(dir, name)
  fs.writeFileSync(target, content)
  return target
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-cli-'))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('leadpact-score', () => {
  it('scores a JSON Lines file exactly as compile(config).score does, in input order', async () => {
    const configFile = file('config.json', JSON.stringify(config))
    const input = file('leads.jsonl', leads.map((lead) => JSON.stringify(lead)).join('\n') + '\n')
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', input, '--as-of', AS_OF])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const engine = compile(config)
    expect(stdout).toBe(leads.map((lead) => expectedLine(lead, engine.score(lead, AS_OF))).join(''))
    expect(stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).stage)).toEqual(['sql', 'disqualified', 'lead', 'lead'])
  })

  it.each<Explain>(['all', 'matched', 'none'])('--explain %s writes what the API answers for the same leads, byte for byte (JSON Lines and CSV)', async (explain) => {
    const configFile = file(`config-explain-${explain}.json`, JSON.stringify(config))
    const input = file(`leads-explain-${explain}.jsonl`, leads.map((lead) => JSON.stringify(lead)).join('\n'))
    const engine = compile(config)
    const jsonl = await runCli(['--config', configFile, '--input', input, '--as-of', AS_OF, '--explain', explain])
    expect(jsonl.stderr).toBe('')
    expect(jsonl.stdout).toBe(leads.map((lead) => `${JSON.stringify(scoreOutput(lead, engine.score(lead, AS_OF, explain), explain))}\n`).join(''))
    if (explain === 'matched') expect(jsonl.stdout).not.toContain('"matched":false')
    if (explain === 'none') expect(jsonl.stdout).not.toContain('contributions')

    const csv = await runCli(['--config', configFile, '--input', input, '--as-of', AS_OF, '--explain', explain, '--format', 'csv'])
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0])).toEqual(['id', 'fit', 'engagement', 'grade', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', ...(explain === 'none' ? [] : ['contributions'])])
    expect(rows.map((row) => (row.contributions === undefined ? undefined : JSON.parse(row.contributions)))).toEqual(
      leads.map((lead) => scoreOutput(lead, engine.score(lead, AS_OF, explain), explain).contributions),
    )
    expect(rows.map((row) => [row.id, Number(row.fit), Number(row.engagement), row.stage])).toEqual(
      leads.map((lead) => {
        const result = engine.score(lead, AS_OF)
        return [lead.id === undefined ? '' : String(lead.id), result.fit, result.engagement, result.stage]
      }),
    )
  })

  it('reads JSON Lines from stdin with --input -, with CRLF line ends and blank lines', async () => {
    const configFile = file('config-stdin.json', JSON.stringify(config))
    const { code, stdout } = await runCli(['--config', configFile, '--input', '-', '--as-of', AS_OF], `${JSON.stringify(leads[0])}\r\n\r\n${JSON.stringify(leads[1])}`)
    expect(code).toBe(0)
    const engine = compile(config)
    expect(stdout).toBe(expectedLine(leads[0], engine.score(leads[0], AS_OF)) + expectedLine(leads[1], engine.score(leads[1], AS_OF)))
  })

  it('reports bad lines on stderr with their line numbers, scores the others and exits 1', async () => {
    const configFile = file('config-bad-lines.json', JSON.stringify(config))
    const lines = [
      JSON.stringify(leads[0]),
      '{"id": "broken", "attributes": {',
      '',
      JSON.stringify({ id: 'list', attributes: ['not', 'an', 'object'] }),
      JSON.stringify(leads[1]),
      JSON.stringify({ id: 'bad-date', attributes: {}, activities: [{ type: 'webinar', at: 'last tuesday' }] }),
      '[1, 2]',
      JSON.stringify(leads[2]),
    ]
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', file('bad.ndjson', lines.join('\n')), '--as-of', AS_OF])
    expect(code).toBe(1)
    expect(stderr).toMatch(/^line 2: not valid JSON/m)
    expect(stderr).toMatch(/^line 4: attributes: expected an object of attributes, got a list$/m)
    expect(stderr).toMatch(/^line 7: expected a JSON object/m)
    // An activity whose date cannot be read is undated (DESIGN §5): the lead is scored.
    expect(stderr).not.toMatch(/^line (3|6):/m)
    expect(stderr).toContain('3 bad lines skipped, 4 scored')
    expect(stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toEqual(['lead-1', 42, 'bad-date', null])
  })

  it('refuses an invalid config with exit 2, naming the problem by its path', async () => {
    const invalid = structuredClone(config) as unknown as { fit: { rules: { when: unknown }[] } }
    invalid.fit.rules[0].when = { field: 'seniority', op: 'equals', value: 'vp' }
    const configFile = file('invalid-config.json', JSON.stringify(invalid))
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', file('one.jsonl', JSON.stringify(leads[0]))])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('fit.rules[0].when.op: unknown operator "equals"')
  })

  it('lists every cross-reference problem of a config', async () => {
    const invalid = structuredClone(config)
    invalid.required.push('phoneNumber')
    invalid.sql.minMet = 5
    const configFile = file('invalid-references.json', JSON.stringify(invalid))
    const { code, stderr } = await runCli(['--config', configFile, '--input', file('one-more.jsonl', JSON.stringify(leads[0]))])
    expect(code).toBe(2)
    // One line a problem, each naming the file.
    expect(stderr).toContain(`leadpact-score: ${configFile}: not a valid scoring config: required[3]: unknown field "phoneNumber"\n`)
    expect(stderr).toContain(`leadpact-score: ${configFile}: not a valid scoring config: sql.minMet: 5 is more than the 4 SQL criteria\n`)
  })

  it('refuses a config that is not JSON with exit 2', async () => {
    const { code, stderr } = await runCli(['--config', file('broken.json', '{ "schemaVersion": 1,'), '--input', file('two.jsonl', '')])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^leadpact-score: .*broken\.json: not valid JSON \(.*\)\n$/)
  })

  it.each<[string, string[], RegExp]>([
    ['no arguments', [], /--config is required/],
    ['an unknown option', ['--config', 'c.json', '--input', 'l.jsonl', '--verbose'], /Unknown option '--verbose'/],
    ['a positional argument', ['leads.jsonl'], /Unexpected argument 'leads.jsonl'/],
    ['an unknown format', ['--config', 'c.json', '--input', '-', '--format', 'xml'], /--format must be jsonl or csv, not "xml"/],
    ['an unknown explain mode', ['--config', 'c.json', '--input', '-', '--explain', 'some'], /--explain must be all, matched or none, not "some"/],
    ['an invalid --as-of', ['--config', 'c.json', '--input', '-', '--as-of', 'tomorrow'], /--as-of "tomorrow" is not a timestamp/],
    ['an input of unknown type', ['--config', 'c.json', '--input', 'leads.xlsx'], /cannot tell the format of --input "leads.xlsx"/],
    ['a bad --workers', ['--config', 'c.json', '--input', '-', '--workers', 'all'], /--workers must be a whole number from 1 to 64, not "all"/],
    ['an unknown SQL dialect', ['--config', 'c.json', '--emit-sql', 'oracle'], /--emit-sql must be postgres or duckdb, not "oracle"/],
    ['a missing input file', ['--config', 'c.json', '--input', 'nowhere.jsonl'], /cannot read --input "nowhere.jsonl"/],
  ])('exits 2 with the usage on %s', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    // Each problem on one line, then the usage once.
    expect(stderr.split('Usage: leadpact-score')).toHaveLength(2)
    expect(stderr.slice(0, stderr.indexOf('\n\nUsage:')).split('\n').every((line) => line.startsWith('leadpact-score: '))).toBe(true)
  })

  it('names every argument problem at once, one line each, with the usage once', async () => {
    const { code, stderr } = await runCli(['--format', 'xml', '--explain', 'some'])
    expect(code).toBe(2)
    const problems = stderr.slice(0, stderr.indexOf('\n\nUsage:')).split('\n')
    expect(problems).toEqual([
      'leadpact-score: --config is required',
      'leadpact-score: --format must be jsonl or csv, not "xml"',
      'leadpact-score: --explain must be all, matched or none, not "some"',
      'leadpact-score: --input is required (or --emit-sql)',
    ])
    expect(stderr.match(/Usage: leadpact-score/g)).toHaveLength(1)
  })

  it('prints the same SQL as a version\'s download with --emit-sql, and scores nothing', async () => {
    const configFile = file('config-sql.json', JSON.stringify(config))
    for (const dialect of ['postgres', 'duckdb'] as const) {
      const { code, stdout, stderr } = await runCli(['--config', configFile, '--emit-sql', dialect])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(stdout).toBe(compileScoringSql(config, { dialect }))
    }
    const both = await runCli(['--config', configFile, '--emit-sql', 'duckdb', '--input', file('sql.jsonl', '')])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--emit-sql prints the SQL and scores nothing: leave out --input')
  })

  it('refuses a format-2 config with --config-format 1, naming the construct and its path; accepts a format-1 one', async () => {
    const bandedFile = file('config-pinned-2.json', JSON.stringify(bandedConfig))
    const leadsFile = file('pinned.jsonl', `${JSON.stringify(bandedLeads[0]!.lead)}\n`)
    const pinned = await runCli(['--config', bandedFile, '--input', leadsFile, '--as-of', BANDS_AS_OF, '--config-format', '1'])
    expect(pinned.code).toBe(2)
    expect(pinned.stdout).toBe('')
    expect(pinned.stderr).toMatch(
      /^leadpact-score: .*config-pinned-2\.json: not a valid scoring config: This config uses scoring format 2 \(engagement\.bands: engagement bands\); this reader knows format 1 only\.\n$/,
    )
    expect(pinned.stderr.trim().split('\n')).toHaveLength(1)
    // The same file without the pin is scored.
    const unpinned = await runCli(['--config', bandedFile, '--input', leadsFile, '--as-of', BANDS_AS_OF])
    expect(unpinned.stderr).toBe('')
    expect(unpinned.code).toBe(0)
    expect(JSON.parse(unpinned.stdout)).toMatchObject({ id: 'a1', grade: 'A', band: '1', priority: 'A1' })
    // A format-1 config passes the pin.
    const v1 = await runCli(['--config', file('config-pinned-1.json', JSON.stringify(config)), '--input', leadsFile, '--as-of', BANDS_AS_OF, '--config-format', '1'])
    expect(v1.stderr).toBe('')
    expect(v1.code).toBe(0)
    const bad = await runCli(['--config', bandedFile, '--input', leadsFile, '--config-format', '3'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--config-format must be 1 or 2, not "3"')
  })

  it('exits 2 for a missing config file', async () => {
    const { code, stderr } = await runCli(['--config', path.join(dir, 'nope.json'), '--input', file('three.jsonl', '')])
    expect(code).toBe(2)
    expect(stderr).toBe(`leadpact-score: cannot read --config "${path.join(dir, 'nope.json')}": no such file\n`)
  })

  it('prints the usage on --help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: leadpact-score --config <config.json> --input')
    expect(stdout).toContain('Exit status')
  })

  it.each<Explain>(['all', 'none'])(
    'writes the band and priority of scoring format 2 after the grade, --explain %s: JSON Lines as the API, CSV with the two columns',
    async (explain) => {
      const configFile = file(`config-bands-${explain}.json`, JSON.stringify(bandedConfig))
      const input = file(`leads-bands-${explain}.jsonl`, bandedLeads.map(({ lead }) => JSON.stringify(lead)).join('\n'))
      const engine = compile(bandedConfig)
      const jsonl = await runCli(['--config', configFile, '--input', input, '--as-of', BANDS_AS_OF, '--explain', explain])
      expect(jsonl.stderr).toBe('')
      expect(jsonl.code).toBe(0)
      expect(jsonl.stdout).toBe(bandedLeads.map(({ lead }) => `${JSON.stringify(scoreOutput(lead, engine.score(lead, BANDS_AS_OF, explain), explain))}\n`).join(''))
      const records = jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(records.map((record) => Object.keys(record).slice(3, 6))).toEqual(bandedLeads.map(() => ['grade', 'band', 'priority']))
      expect(records.map(({ id, fit, engagement, grade, band, priority }) => ({ id, fit, engagement, grade, band, priority }))).toEqual(
        bandedLeads.map(({ lead, fit, engagement, grade, band, priority }) => ({ id: lead.id, fit, engagement, grade, band, priority })),
      )

      const csv = await runCli(['--config', configFile, '--input', input, '--as-of', BANDS_AS_OF, '--explain', explain, '--format', 'csv'])
      expect(csv.stderr).toBe('')
      expect(csv.stdout.slice(0, csv.stdout.indexOf('\n'))).toBe(
        `id,fit,engagement,grade,band,priority,stage,disqualifiedBy,missing,fastTrack${explain === 'none' ? '' : ',contributions'}`,
      )
      const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[]
      expect(rows.map(({ id, grade, band, priority }) => ({ id, grade, band, priority }))).toEqual(
        bandedLeads.map(({ lead, grade, band, priority }) => ({ id: lead.id, grade, band: band ?? '', priority: priority ?? '' })),
      )
      if (explain !== 'none') expect(rows.map((row) => JSON.parse(row.contributions))).toEqual(bandedLeads.map(({ lead }) => engine.score(lead, BANDS_AS_OF).contributions))
    },
  )

  it('writes null band and priority in JSON Lines for a format-1 config, and no such CSV columns', async () => {
    const configFile = file('config-no-bands.json', JSON.stringify(acmeScoringConfig))
    const input = file('leads-no-bands.jsonl', bandedLeads.map(({ lead }) => JSON.stringify(lead)).join('\n'))
    const jsonl = await runCli(['--config', configFile, '--input', input, '--as-of', BANDS_AS_OF, '--explain', 'none'])
    expect(jsonl.stderr).toBe('')
    const records = jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(records.map(({ band, priority }) => [band, priority])).toEqual(bandedLeads.map(() => [null, null]))
    const csv = await runCli(['--config', configFile, '--input', input, '--as-of', BANDS_AS_OF, '--explain', 'none', '--format', 'csv'])
    expect(csv.stderr).toBe('')
    expect(csv.stdout.slice(0, csv.stdout.indexOf('\n'))).toBe('id,fit,engagement,grade,stage,disqualifiedBy,missing,fastTrack')
    expect(csv.stdout.split('\n')[1]).toBe('a1,90,70,A,mql,,,ft-demo ft-enterprise-exec')
  })

  it('reads CSV: columns named by field keys, each cell the same text as in JSON, empty cells absent; writes CSV', async () => {
    const configFile = file('config-csv.json', JSON.stringify(config))
    const csv = [
      'id,jobTitle,seniority,industry,employees,country,email,company,authority,budget,need,timeline,activities,crm_owner',
      'c1,VP Data,vp,SaaS,1200,DE,lena@northwind.example,Northwind,yes,50000,high,this_quarter,"[{""type"":""demo_request"",""at"":""2026-05-30T10:00:00Z""},{""type"":""webinar""}]",ana',
      'c2,"Analyst, data",individual,retail,,US,kim@gmail.com,"Shop ""One""",0,,,,,bo',
      'c3,CTO,c_level,fintech,lots,GB,a@b.example,B,true,"1,000",,,,',
      'c4,CTO,c_level',
      'c5,Head of BI,head,software,250.0,NL,x@contoso.example,Contoso,,20000,critical,next_quarter,,',
      'c6,CTO,c_level,software,0x2710,US,c@d.example,D,true,07/01/2025,,,"[{""type"":""demo_request"",""at"":""07/01/2025""}]",',
    ].join('\n')
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', file('leads.csv', `${csv}\n`), '--as-of', AS_OF, '--format', 'csv'])
    expect(code).toBe(1)
    expect(stderr).toContain('ignoring columns that feed no field: crm_owner')
    expect(stderr).toMatch(/^line 5: has 3 cells, the header has 14$/m)
    expect(stderr.trim().split('\n')).toHaveLength(3)

    // The JSON leads the same rows make: text for text, no conversion of "yes", "1,000", "0x2710" or dates.
    const asJson: Lead[] = [
      {
        id: 'c1',
        attributes: { jobTitle: 'VP Data', seniority: 'vp', industry: 'SaaS', employees: '1200', country: 'DE', email: 'lena@northwind.example', company: 'Northwind', authority: 'yes', budget: '50000', need: 'high', timeline: 'this_quarter' },
        activities: [{ type: 'demo_request', at: '2026-05-30T10:00:00Z' }, { type: 'webinar' }],
      },
      { id: 'c2', attributes: { jobTitle: 'Analyst, data', seniority: 'individual', industry: 'retail', employees: '', country: 'US', email: 'kim@gmail.com', company: 'Shop "One"', authority: '0', budget: '', need: '', timeline: '' } },
      { id: 'c3', attributes: { jobTitle: 'CTO', seniority: 'c_level', industry: 'fintech', employees: 'lots', country: 'GB', email: 'a@b.example', company: 'B', authority: 'true', budget: '1,000', need: '', timeline: '' } },
      { id: 'c5', attributes: { jobTitle: 'Head of BI', seniority: 'head', industry: 'software', employees: '250.0', country: 'NL', email: 'x@contoso.example', company: 'Contoso', authority: '', budget: '20000', need: 'critical', timeline: 'next_quarter' } },
      {
        id: 'c6',
        attributes: { jobTitle: 'CTO', seniority: 'c_level', industry: 'software', employees: '0x2710', country: 'US', email: 'c@d.example', company: 'D', authority: 'true', budget: '07/01/2025', need: '', timeline: '' },
        activities: [{ type: 'demo_request', at: '07/01/2025' }],
      },
    ]
    const engine = compile(config)
    const rows = parseCsv(stdout, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0])).toEqual(['id', 'fit', 'engagement', 'grade', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', 'contributions'])
    expect(rows).toEqual(
      asJson.map((lead) => {
        const result = engine.score(lead, AS_OF)
        return {
          id: lead.id,
          fit: String(result.fit),
          engagement: String(result.engagement),
          grade: result.grade ?? '',
          stage: result.stage,
          disqualifiedBy: result.disqualifiedBy.join(' '),
          missing: result.missing.join(' '),
          fastTrack: result.fastTrack.join(' '),
          contributions: JSON.stringify(result.contributions),
        }
      }),
    )
    expect(rows.map((row) => row.stage)).toEqual(['sql', 'disqualified', 'lead', 'lead', 'mql'])
    expect(rows[1].disqualifiedBy).toBe('dq-free-mail')
    // "0x2710" is not a number (JSON Lines, the API and SQL read it as text too): 10,000 employees would match.
    expect(JSON.parse(rows[4].contributions).find((c: { ruleId: string }) => c.ruleId === 'fit-enterprise')?.matched).toBe(false)
    // An undated activity counts for the fast track only.
    expect(rows[4].fastTrack).toBe('ft-demo')
  })

  it('converts CSV cells only as a --mapping file declares (the back-test\'s mapping format)', async () => {
    const configFile = file('config-mapping.json', JSON.stringify(config))
    const csv = [
      'Lead ID,Title,Seniority,Industry,Employees,Country,E-mail,Company,Decision maker,Budget,Need,Created,Demos',
      'm1,VP Data,VP,Select,"4,000",DE,lena@northwind.example,Northwind,Yes,"50,000",High,14/05/2026,1',
      'm2,Analyst,individual,retail,lots,US,kim@gmail.com,Shop,No,,,,0',
    ].join('\n')
    const mapping = {
      version: 1,
      emptyTokens: ['Select'],
      trueValues: ['yes'],
      falseValues: ['no'],
      numberFormat: 'comma-thousands',
      dateFormat: 'day-first',
      fields: [
        { field: 'jobTitle', column: 'Title' },
        { field: 'seniority', column: 'Seniority' },
        { field: 'industry', column: 'Industry' },
        { field: 'employees', column: 'Employees' },
        { field: 'country', column: 'Country' },
        { field: 'email', column: 'E-mail' },
        { field: 'company', column: 'Company' },
        { field: 'authority', column: 'Decision maker' },
        { field: 'budget', column: 'Budget' },
        { field: 'need', column: 'Need' },
      ],
      createdAt: { column: 'Created' },
      activities: [{ kind: 'count', column: 'Demos', activity: 'demo_request' }],
    }
    const mappingFile = file('mapping.json', JSON.stringify(mapping))
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', file('mapped.csv', `${csv}\n`), '--as-of', AS_OF, '--mapping', mappingFile])
    expect(stderr).toMatch(/^line 3: Employees: "lots" is not a number$/m)
    expect(code).toBe(1)
    const lead: Lead = {
      id: null,
      attributes: { jobTitle: 'VP Data', seniority: 'VP', employees: 4000, country: 'DE', email: 'lena@northwind.example', company: 'Northwind', authority: true, budget: 50000, need: 'High' },
      activities: [{ type: 'demo_request', at: Date.UTC(2026, 4, 14) }],
    }
    expect(stdout).toBe(expectedLine(lead, compile(config).score(lead, AS_OF)))
    expect(JSON.parse(stdout).stage).toBe('sql')

    const broken = await runCli(['--config', configFile, '--input', file('mapped2.csv', `${csv}\n`), '--mapping', file('bad-mapping.json', JSON.stringify({ ...mapping, numberFormat: 'roman' }))])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/numberFormat/)
    const elsewhere = await runCli(['--config', configFile, '--input', file('other.csv', 'Name,Budget\nx,1\n'), '--mapping', mappingFile])
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr).toMatch(/the mapping does not fit this file: The file has no column "Title"/)
  })

  it('reads the real X Education export through the back-test\'s saved mapping file, as the back-test reads it', async () => {
    const mapping = xEducationMapping()
    const fixtureConfig = xEducationConfig()
    const asOf = '2026-11-29T00:00:00Z'
    const { code, stdout, stderr } = await runCli([
      '--config', path.join(root, 'test/fixtures/x-education-config.json'),
      '--input', X_EDUCATION_CSV,
      '--mapping', path.join(root, 'test/fixtures/x-education-mapping.json'),
      '--as-of', asOf, '--explain', 'none', '--workers', '2',
    ])
    // One line naming what feeds nothing (the outcome among them: the CLI scores, it does not back-test).
    expect(stderr).toMatch(/^leadpact-score: ignoring columns that feed no field: Prospect ID, .*Converted.*\n$/)
    expect(code).toBe(0)
    // The back-test's own row reader over csv-parse's reading of the file, scored by the engine.
    const [header, ...rows] = parseCsv(fs.readFileSync(X_EDUCATION_CSV, 'utf8'), { relax_column_count: true }) as string[][]
    const read = compileRowReader(mapping, header!, fixtureConfig, Date.parse(asOf))
    const engine = compile(fixtureConfig)
    const expected = rows.map((cells) => {
      const mapped = read(cells)
      if (!mapped.ok) throw new Error(mapped.message)
      return engine.score(mapped.lead, asOf).stage
    })
    const stages = stdout.trim().split('\n').map((line) => JSON.parse(line).stage)
    expect(stages).toHaveLength(X_EDUCATION_ROWS)
    expect(stages).toEqual(expected)
    expect(new Set(stages).size).toBeGreaterThan(1)
  }, 60_000)

  it('exits 2 for a CSV whose columns match no field, naming the columns it saw and the fields it expected', async () => {
    const configFile = file('config-csv4.json', JSON.stringify(config))
    const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', file('foreign.csv', 'Name,Mail\nAna,a@b.example\n')])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/no column is named by a field of the config \(columns seen: "Name", "Mail"; fields expected: "jobTitle", "seniority", /)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  it('scores a file of many chunks the same with --workers 1, 2, 3 and the default: output in input order, bad lines by their line numbers', async () => {
    const configFile = file('config-workers.json', JSON.stringify(config))
    const engine = compile(config)
    const titles = ['VP Data', 'CTO', 'Marketing Intern', 'student', 'Head of BI', 'Analyst, "data"']
    const lines: string[] = []
    const expected: string[] = []
    const bad: string[] = []
    for (let i = 0; i < 5000; i++) {
      const lineNumber = lines.length + 1
      if (i % 997 === 13) {
        lines.push('{"id": "broken",')
        bad.push(`line ${lineNumber}: not valid JSON`)
        continue
      }
      if (i % 1499 === 7) {
        lines.push(JSON.stringify({ id: { nested: true }, attributes: {} }))
        bad.push(`line ${lineNumber}: id: expected text or a number, got an object`)
        continue
      }
      if (i % 500 === 0) lines.push('')
      const lead: Lead = {
        id: i % 3 === 0 ? i : `lead-${i}`,
        attributes: { jobTitle: titles[i % titles.length], seniority: ['vp', 'c_level', 'manager'][i % 3], employees: String(50 + ((i * 37) % 9000)), country: 'US', email: `p${i}@acme.example`, company: `C${i}` },
        activities: i % 4 === 0 ? [{ type: 'demo_request', at: AS_OF }, { type: 'pricing_view' }] : [],
      }
      lines.push(JSON.stringify(lead))
      expected.push(`${JSON.stringify(scoreOutput(lead, engine.score(lead, AS_OF)))}\n`)
    }
    const input = file('many.jsonl', `${lines.join('\n')}\n`)
    expect(fs.statSync(input).size).toBeGreaterThan(3 * 256 * 1024)
    // More worker threads than cores, too: their chunks come back in any order and go out in input order.
    const runs = await Promise.all([[], ['--workers', '1'], ['--workers', '2'], ['--workers', '3']].map((extra) => runCli(['--config', configFile, '--input', input, '--as-of', AS_OF, ...extra])))
    for (const { code, stdout, stderr } of runs) {
      expect(code).toBe(1)
      expect(stdout).toBe(expected.join(''))
      const reported = stderr.trim().split('\n')
      expect(reported.slice(0, -1).map((line) => line.replace(/^(line \d+: not valid JSON).*$/, '$1'))).toEqual(bad)
      expect(reported.at(-1)).toBe(`leadpact-score: ${bad.length} bad lines skipped, ${expected.length} scored`)
    }
  })

  it('stops the worker threads it started before reading its arguments when the run goes no further: exit 2 with the problem', async () => {
    // A file of several chunks: the bin starts its threads before the CLI has read the config.
    const input = file('early.jsonl', `${JSON.stringify(leads[0])}\n`.repeat(Math.ceil((3 * CHUNK_BYTES) / JSON.stringify(leads[0]).length)))
    const invalid = structuredClone(config) as unknown as { fit: { rules: { when: unknown }[] } }
    invalid.fit.rules[0].when = { field: 'seniority', op: 'equals', value: 'vp' }
    const badConfig = await runCli(['--config', file('invalid-early.json', JSON.stringify(invalid)), '--input', input])
    expect(badConfig).toMatchObject({ code: 2, stdout: '' })
    expect(badConfig.stderr).toContain('fit.rules[0].when.op: unknown operator "equals"')
    const badArgument = await runCli(['--config', file('config-early.json', JSON.stringify(config)), '--input', input, '--explain', 'some'])
    expect(badArgument).toMatchObject({ code: 2, stdout: '' })
    expect(badArgument.stderr).toContain('--explain must be all, matched or none, not "some"')
  })

  it('scores the same when its bundles\' code caches do not fit this node, or are missing, and from its source', async () => {
    const configFile = file('config-cache.json', JSON.stringify(config))
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ...leads[i % leads.length], id: `lead-${i}` }))
    const input = file('cache.jsonl', `${lines.join('\n')}\n`)
    expect(fs.statSync(input).size).toBeGreaterThan(2 * CHUNK_BYTES)
    const args = ['--config', configFile, '--input', input, '--as-of', AS_OF]
    const built = await runCli(args)
    expect(built.code).toBe(0)
    // The bundles copied on their own, with caches V8 rejects, then with none.
    const bin = fs.mkdtempSync(path.join(dir, 'bin-'))
    const bundles = ['score-cli.cjs', 'score-worker.cjs']
    for (const name of ['leadpact-score.mjs', ...bundles]) fs.copyFileSync(path.join(root, 'build/bin', name), path.join(bin, name))
    for (const name of bundles) fs.writeFileSync(path.join(bin, `${name}.cache`), 'not a code cache')
    expect(await runCli(args, undefined, path.join(bin, 'leadpact-score.mjs'))).toEqual(built)
    for (const name of bundles) fs.rmSync(path.join(bin, `${name}.cache`))
    expect(await runCli(args, undefined, path.join(bin, 'leadpact-score.mjs'))).toEqual(built)
    // And from the TypeScript source through tsx, as a developer runs it: its worker threads load the source too.
    expect(await runCli(args, undefined, 'scripts/leadpact-score.ts', ['--import', 'tsx'])).toEqual(built)
  })

  it('cuts CSV only where a record ends: quoted line breaks and stray quotes across chunks, the same with 1, 2 or 3 workers', async () => {
    const configFile = file('config-workers-csv.json', JSON.stringify(config))
    const engine = compile(config)
    const rows = ['id,jobTitle,seniority,employees,country,email,company,notes']
    const expected: Lead[] = []
    const bad: string[] = []
    let line = 1
    for (let i = 0; i < 9000; i++) {
      const notes = i % 5 === 0 ? '"first line\nsecond, with ""quotes""\nthird"' : i % 7 === 0 ? `5'11" tall` : 'n/a'
      const title = i % 11 === 0 ? '"Director, ""Data"""' : 'VP Data'
      if (i % 1234 === 100) {
        rows.push(`bad-${i},CTO,vp`)
        bad.push(`line ${line + 1}: has 3 cells, the header has 8`)
        line += 1
        continue
      }
      rows.push(`r${i},${title},vp,${100 + i},DE,r${i}@acme.example,Acme ${i},${notes}`)
      line += 1 + (notes.match(/\n/g)?.length ?? 0)
      expected.push({ id: `r${i}`, attributes: { jobTitle: i % 11 === 0 ? 'Director, "Data"' : 'VP Data', seniority: 'vp', employees: String(100 + i), country: 'DE', email: `r${i}@acme.example`, company: `Acme ${i}` } })
    }
    const input = file('many.csv', `${rows.join('\r\n')}\r\n`)
    expect(fs.statSync(input).size).toBeGreaterThan(2 * 256 * 1024)
    const wanted = expected.map((lead) => `${JSON.stringify(scoreOutput(lead, engine.score(lead, AS_OF, 'none'), 'none'))}\n`).join('')
    for (const workers of ['1', '2', '3']) {
      const { code, stdout, stderr } = await runCli(['--config', configFile, '--input', input, '--as-of', AS_OF, '--workers', workers, '--explain', 'none'])
      expect(stderr.split('\n').filter((text) => text.startsWith('line '))).toEqual(bad)
      expect(stderr).toContain('ignoring columns that feed no field: notes')
      expect(code).toBe(1)
      expect(stdout).toBe(wanted)
    }
  })

  it('exits 2 for a CSV header that names a column twice', async () => {
    const configFile = file('config-csv3.json', JSON.stringify(config))
    const { code, stderr } = await runCli(['--config', configFile, '--input', file('twice.csv', 'email,email\na@b.example,c@d.example\n')])
    expect(code).toBe(2)
    expect(stderr).toContain('the column "email" appears twice in the header')
  })

  it('writes JSON Lines from CSV input by default', async () => {
    const configFile = file('config-csv2.json', JSON.stringify(config))
    const input = file('two.csv', '\uFEFFid,email,company,country\r\nx1, A@Corp.example ,Corp,us\r\n')
    const { code, stdout } = await runCli(['--config', configFile, '--input', input, '--as-of', AS_OF])
    expect(code).toBe(0)
    const lead: Lead = { id: 'x1', attributes: { email: ' A@Corp.example ', company: 'Corp', country: 'us' } }
    expect(stdout).toBe(expectedLine(lead, compile(config).score(lead, AS_OF)))
  })
})

describe('leadpact-score across chunk boundaries', () => {
  const engine = compile(config)
  const wanted = (expected: Lead[]) => expected.map((lead) => `${JSON.stringify(scoreOutput(lead, engine.score(lead, AS_OF, 'none'), 'none'))}\n`).join('')
  const runs = (configFile: string, input: string) =>
    Promise.all([[], ['--workers', '1'], ['--workers', '2']].map((extra) => runCli(['--config', configFile, '--input', input, '--as-of', AS_OF, '--explain', 'none', ...extra])))

  it('JSON Lines: a line and its CRLF cut by a chunk boundary, a line longer than a chunk, bad lines after the first chunk by their line numbers, a blank last line', async () => {
    const configFile = file('config-chunks.json', JSON.stringify(config))
    const lead = (i: number, pad = ''): Lead => ({
      id: `j${i}`,
      attributes: { jobTitle: i % 3 === 0 ? 'VP Data' : 'Engineer', seniority: 'vp', employees: 100 + i, country: 'DE', email: `j${i}@acme.example`, company: `Acme ${i}${pad}` },
    })
    let text = ''
    let lines = 0
    const expected: Lead[] = []
    const bad: string[] = []
    const add = (line: string) => {
      text += `${line}\r\n`
      lines++
    }
    const addLead = (candidate: Lead) => {
      add(JSON.stringify(candidate))
      expected.push(candidate)
    }
    let i = 0
    while (text.length < CHUNK_BYTES - 1000) addLead(lead(i++))
    // This line ends with its "\r" as the last byte of the first chunk's memory and its "\n" as the first byte after it.
    const base = JSON.stringify(lead(i)).length
    addLead(lead(i++, 'x'.repeat(CHUNK_BYTES - 1 - text.length - base)))
    expect(text.length).toBe(CHUNK_BYTES + 1)
    expect(text[CHUNK_BYTES - 1]).toBe('\r')
    add('{"id": "broken",')
    bad.push(`line ${lines}: not valid JSON`)
    // A line longer than a chunk.
    addLead(lead(i++, 'y'.repeat(CHUNK_BYTES + 5000)))
    while (text.length < 3 * CHUNK_BYTES + 20_000) addLead(lead(i++))
    add(JSON.stringify({ id: { nested: true }, attributes: {} }))
    bad.push(`line ${lines}: id: expected text or a number, got an object`)
    for (let k = 0; k < 50; k++) addLead(lead(i++))
    text += '\r\n'
    const input = file('chunks.jsonl', text)

    for (const { code, stdout, stderr } of await runs(configFile, input)) {
      expect(code).toBe(1)
      expect(stdout).toBe(wanted(expected))
      const reported = stderr.trim().split('\n')
      expect(reported.slice(0, -1).map((line) => line.replace(/^(line \d+: not valid JSON).*$/, '$1'))).toEqual(bad)
      expect(reported.at(-1)).toBe(`leadpact-score: 2 bad lines skipped, ${expected.length} scored`)
    }
  })

  it('CSV: quoted cells whose line breaks are cut by a chunk boundary, a record longer than a chunk, bad rows after the first chunk by their line numbers, a last record without a line break', async () => {
    const configFile = file('config-chunks-csv.json', JSON.stringify(config))
    let text = 'id,jobTitle,seniority,employees,country,email,company,notes\r\n'
    let lines = 1
    const expected: Lead[] = []
    const bad: string[] = []
    const row = (i: number, notes: string) => {
      expected.push({ id: `r${i}`, attributes: { jobTitle: 'VP Data', seniority: 'vp', employees: String(100 + i), country: 'DE', email: `r${i}@acme.example`, company: `Acme ${i}` } })
      return `r${i},VP Data,vp,${100 + i},DE,r${i}@acme.example,Acme ${i},${notes}`
    }
    const add = (record: string, end = '\r\n') => {
      text += `${record}${end}`
      lines += 1 + (record.match(/\n/g)?.length ?? 0)
    }
    let i = 0
    while (text.length < CHUNK_BYTES - 4000) add(row(i++, i % 7 === 0 ? '"a ""quoted"", note"' : 'n/a'))
    // Around the end of the first chunk, every record is mostly a quoted cell of line breaks: a cut at the last line break
    // before the end of the chunk's memory would cut one of them.
    while (text.length < CHUNK_BYTES + 4000) add(row(i++, `"first, ""quoted""${'\r\n-'.repeat(200)}"`))
    add(`bad-${i},CTO,vp`)
    bad.push(`line ${lines}: has 3 cells, the header has 8`)
    // A record longer than a chunk, its quoted cell holding line breaks.
    add(row(i++, `"${'long\r\n'.repeat(CHUNK_BYTES / 5)}end"`))
    while (text.length < 3 * CHUNK_BYTES + 20_000) add(row(i++, 'n/a'))
    add(`bad-${i},CTO`)
    bad.push(`line ${lines}: has 2 cells, the header has 8`)
    add(row(i++, '"last ""one"""'), '')
    const input = file('chunks.csv', text)

    for (const { code, stdout, stderr } of await runs(configFile, input)) {
      expect(stderr.split('\n').filter((message) => message.startsWith('line '))).toEqual(bad)
      expect(code).toBe(1)
      expect(stdout).toBe(wanted(expected))
    }
  })
})
