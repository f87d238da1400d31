import { describe, expect, it } from 'vitest'
import {
  BacktestMappingSchema,
  compileRowReader,
  mappingProblems,
  MAX_ACTIVITIES_PER_CELL,
  normaliseColumnName,
  suggestMapping,
  type BacktestMapping,
} from '~/domain/backtest/mapping'
import type { ScoringConfig } from '~/domain/scoring'
import { xEducationConfig, xEducationHeader, xEducationMapping } from '../../fixtures/x-education'

const realConfig = xEducationConfig()
const realMapping = xEducationMapping()
const realHeader = xEducationHeader()

const AS_OF = Date.parse('2026-11-29T12:00:00Z')

const config: Pick<ScoringConfig, 'fields' | 'activities'> = {
  fields: [
    { key: 'source', label: 'Lead source', type: 'string' },
    { key: 'employees', label: 'Employees', type: 'number' },
    { key: 'optIn', label: 'Opted in', type: 'boolean' },
    { key: 'lastSeen', label: 'Last seen', type: 'date' },
    { key: 'email', label: 'Email', type: 'email' },
  ],
  activities: [
    { key: 'visit', label: 'Visits' },
    { key: 'email_open', label: 'Opened an email' },
  ],
}

const columns = ['Lead Source', 'Employees', 'Opted in?', 'Last seen', 'E-mail', 'Won', 'Created at', 'Visits', 'Last Activity']

function mapping(overrides: Partial<BacktestMapping> = {}): BacktestMapping {
  return BacktestMappingSchema.parse({
    version: 1,
    emptyTokens: ['Select', 'N/A', '-'],
    trueValues: ['yes', '1'],
    falseValues: ['no', '0'],
    numberFormat: 'plain',
    dateFormat: 'iso',
    fields: [
      { field: 'source', column: 'Lead Source' },
      { field: 'employees', column: 'Employees' },
      { field: 'optIn', column: 'Opted in?' },
      { field: 'lastSeen', column: 'Last seen' },
      { field: 'email', column: 'E-mail' },
    ],
    outcome: { column: 'Won', convertedValues: ['yes', 'won'] },
    createdAt: { column: 'Created at' },
    activities: [
      { kind: 'count', column: 'Visits', activity: 'visit' },
      { kind: 'value', column: 'Last Activity', value: 'Email Opened', activity: 'email_open' },
    ],
    ...overrides,
  })
}

const row = (cells: Partial<Record<(typeof columns)[number], unknown>>) => columns.map((column) => cells[column] ?? '')

describe('normaliseColumnName', () => {
  it.each([
    ['Lead Source', 'leadsource'],
    ['lead_source', 'leadsource'],
    ['leadSource', 'leadsource'],
    ['  TotalVisits ', 'totalvisits'],
    ['Opted in?', 'optedin'],
    ['Café', 'cafe'],
  ])('%s → %s', (name, expected) => expect(normaliseColumnName(name)).toBe(expected))
})

describe('suggestMapping', () => {
  it('matches every field of the fixture model to the real file by key or label, and finds the outcome', () => {
    const { mapping: suggested, missing } = suggestMapping(realHeader, realConfig, null)
    expect(missing).toEqual([])
    expect(suggested.fields).toEqual(realMapping.fields)
    expect(suggested.outcome.column).toBe('Converted')
    expect(suggested.createdAt).toBeNull()
    expect(suggested.emptyTokens).toEqual(['Select', 'N/A', '-'])
  })

  it('reuses a saved mapping where its columns are in the file, says which are not, and matches the rest by name', () => {
    const saved = mapping({ fields: [{ field: 'source', column: 'Origin' }, { field: 'employees', column: 'Employees' }] })
    const { mapping: suggested, missing } = suggestMapping(columns, config, saved)
    expect(missing).toEqual(['Origin'])
    // "Origin" is gone: the source falls back to the column named like its label.
    expect(suggested.fields).toContainEqual({ field: 'source', column: 'Lead Source' })
    expect(suggested.fields).toContainEqual({ field: 'employees', column: 'Employees' })
    expect(suggested.outcome).toEqual({ column: 'Won', convertedValues: ['yes', 'won'] })
    expect(suggested.createdAt).toEqual({ column: 'Created at' })
    // An activity type named like a column ("Visits") counts it.
    expect(suggested.activities).toContainEqual({ kind: 'count', column: 'Visits', activity: 'visit' })
  })

  it('leaves the outcome empty when no column looks like one', () => {
    expect(suggestMapping(['Name', 'Email'], config, null).mapping.outcome.column).toBe('')
  })
})

describe('mappingProblems', () => {
  it('is empty for a mapping that fits the file and the model', () => {
    expect(mappingProblems(mapping(), columns, config)).toEqual([])
    expect(mappingProblems(realMapping, realHeader, realConfig)).toEqual([])
  })

  it('names the columns the file lacks, unknown fields and activities, and an outcome that also feeds a field', () => {
    const wrong = mapping({
      fields: [
        { field: 'source', column: 'Source' },
        { field: 'nope', column: 'Employees' },
        { field: 'email', column: 'Won' },
      ],
      activities: [{ kind: 'count', column: 'Visits', activity: 'demo' }],
    })
    expect(mappingProblems(wrong, columns, config)).toEqual([
      'The file has no column "Source".',
      'The scoring model has no field nope.',
      'The scoring model has no activity type demo.',
      'The outcome column "Won" also feeds a field: the model would see the answer it is tested against.',
    ])
  })

  it('the schema refuses a value that is both true and false, and a field mapped twice', () => {
    const parsed = BacktestMappingSchema.safeParse({
      ...mapping(),
      trueValues: ['yes'],
      falseValues: ['YES'],
      fields: [
        { field: 'source', column: 'Lead Source' },
        { field: 'source', column: 'E-mail' },
      ],
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['"YES" cannot mean both true and false.', 'The field source is mapped twice.'])
  })
})

describe('compileRowReader', () => {
  const read = compileRowReader(mapping(), columns, config, AS_OF)

  it('reads each field by its type, dates activities at the created date and scores the lead as of it', () => {
    const result = read(
      row({
        'Lead Source': ' Webinar ',
        Employees: '250',
        'Opted in?': 'YES',
        'Last seen': '2026-03-01',
        'E-mail': 'a@b.example',
        Won: 'Won',
        'Created at': '2026-03-14T09:30:00Z',
        Visits: '3',
        'Last Activity': 'email opened',
      }),
    )
    const created = Date.parse('2026-03-14T09:30:00Z')
    expect(result).toEqual({
      ok: true,
      converted: true,
      month: '2026-03',
      asOfMs: created,
      lead: {
        attributes: { source: 'Webinar', employees: 250, optIn: true, lastSeen: '2026-03-01', email: 'a@b.example' },
        activities: [
          { type: 'visit', at: created },
          { type: 'visit', at: created },
          { type: 'visit', at: created },
          { type: 'email_open', at: created },
        ],
      },
    })
  })

  it('treats empty cells and declared empty tokens (any case, padded) as absent', () => {
    const result = read(row({ 'Lead Source': 'Select', Employees: ' n/a ', 'Opted in?': '-', 'E-mail': '   ', Won: 'no', Visits: 'SELECT' }))
    expect(result).toEqual({ ok: true, converted: false, month: '', asOfMs: AS_OF, lead: { attributes: {} } })
  })

  it('keeps "Select" when the mapping does not declare it empty', () => {
    const strict = compileRowReader(mapping({ emptyTokens: [] }), columns, config, AS_OF)
    const result = strict(row({ 'Lead Source': 'Select', Won: 'no' }))
    expect(result.ok && result.lead.attributes).toEqual({ source: 'Select' })
  })

  it.each([
    [{ Employees: 'many' }, 'Employees: "many" is not a number'],
    [{ Employees: '1,200' }, 'Employees: "1,200" is not a number'],
    [{ 'Opted in?': 'maybe' }, 'Opted in?: "maybe" is neither a true nor a false value'],
    [{ 'Last seen': '14/03/2026' }, 'Last seen: "14/03/2026" is not a date'],
    [{ 'Created at': 'yesterday' }, 'Created at: "yesterday" is not a date'],
    [{ Visits: '2.5' }, 'Visits: "2.5" is not a whole number of activities'],
    [{ Visits: '-1' }, 'Visits: "-1" is not a whole number of activities'],
    [{ Visits: String(MAX_ACTIVITIES_PER_CELL + 1) }, `Visits: ${MAX_ACTIVITIES_PER_CELL + 1} is more than 1,000 activities`],
    [{ Won: '' }, 'Won: no outcome'],
    [{ Won: 'N/A' }, 'Won: no outcome'],
  ])('a bad row says why: %j', (cells, message) => {
    expect(read(row({ Won: 'no', ...cells }))).toEqual({ ok: false, message })
  })

  it('reads numbers with the declared thousands separator and dates day first or month first', () => {
    const european = compileRowReader(mapping({ numberFormat: 'dot-thousands', dateFormat: 'day-first' }), columns, config, AS_OF)
    const result = european(row({ Employees: '1.234,5', 'Last seen': '31.01.2026', 'Created at': '14/03/2026 09:30', Won: 'yes' }))
    expect(result.ok && result.lead.attributes).toEqual({ employees: 1234.5, lastSeen: Date.UTC(2026, 0, 31) })
    expect(result.ok && result.asOfMs).toBe(Date.UTC(2026, 2, 14, 9, 30))
    const american = compileRowReader(mapping({ numberFormat: 'comma-thousands', dateFormat: 'month-first' }), columns, config, AS_OF)
    const us = american(row({ Employees: '1,234,567.5', 'Created at': '03/14/2026', Won: 'yes' }))
    expect(us.ok && us.lead.attributes).toEqual({ employees: 1234567.5 })
    expect(us.ok && us.month).toBe('2026-03')
    expect(american(row({ 'Created at': '02/30/2026', Won: 'yes' }))).toEqual({ ok: false, message: 'Created at: "02/30/2026" is not a date' })
  })

  it('reads JSON values: numbers and booleans as their text, null as absent, objects as bad', () => {
    const result = read(row({ Employees: 42, 'Opted in?': true, 'Lead Source': null, Won: 'won', Visits: 2 }))
    expect(result.ok && result.lead.attributes).toEqual({ employees: 42, optIn: true })
    expect(result.ok && result.lead.activities?.length).toBe(2)
    expect(read(row({ 'Lead Source': { nested: 1 }, Won: 'won' }))).toEqual({ ok: false, message: 'Lead Source: a nested value, not text' })
  })

  it('a field named like an Object.prototype member stays an attribute', () => {
    const odd = { fields: [{ key: '__proto__', label: 'Proto', type: 'string' as const }], activities: [] }
    const reader = compileRowReader(mapping({ fields: [{ field: '__proto__', column: 'Lead Source' }], activities: [], createdAt: null }), columns, odd, AS_OF)
    const result = reader(row({ 'Lead Source': 'x', Won: 'yes' }))
    expect(result.ok && Object.hasOwn(result.lead.attributes, '__proto__')).toBe(true)
    const reused = compileRowReader(mapping({ fields: [{ field: '__proto__', column: 'Lead Source' }], activities: [], createdAt: null }), columns, odd, AS_OF, { reuse: true })
    const first = reused(row({ 'Lead Source': 'x', Won: 'yes' }))
    expect(first.ok && Object.getOwnPropertyDescriptor(first.lead.attributes, '__proto__')?.value).toBe('x')
    expect(first.ok && Object.getPrototypeOf(first.lead.attributes)).toBe(Object.prototype)
  })

  it('with reuse, one lead serves every row and reads each row exactly as a fresh one does', () => {
    const fresh = compileRowReader(mapping(), columns, config, AS_OF)
    const reused = compileRowReader(mapping(), columns, config, AS_OF, { reuse: true })
    // Present, then absent, then bad in the middle of a row, then present again: nothing of a row may leak into the next.
    const rows = [
      row({ 'Lead Source': 'Google', Employees: '250', 'Opted in?': 'yes', 'Last seen': '2026-03-01', 'E-mail': 'a@b.example', Won: 'yes', Visits: '3', 'Last Activity': 'Email Opened' }),
      row({ 'Lead Source': 'Select', Won: 'no' }),
      row({ 'Lead Source': ' Referral ', Employees: 'many', Won: 'yes', Visits: '2' }),
      row({ 'Opted in?': 'no', Won: 'no', 'Last Activity': 'Email Opened' }),
      row({ Employees: '\u00a012\u00a0', Won: 'yes' }),
    ]
    const plain = (result: ReturnType<typeof fresh>) =>
      result.ok
        ? { ...result, lead: { attributes: Object.fromEntries(Object.entries(result.lead.attributes).filter(([, value]) => value !== undefined)), activities: result.lead.activities?.map((activity) => ({ ...activity })) } }
        : result
    const reusedLeads = rows.map((cells) => reused(cells))
    for (const [i, cells] of rows.entries()) expect(plain(reused(cells)), `row ${i}`).toEqual(plain(fresh(cells)))
    // The same object each time: a caller must score a row before reading the next.
    expect(reusedLeads[0]).toBe(reusedLeads[1])
  })
})
