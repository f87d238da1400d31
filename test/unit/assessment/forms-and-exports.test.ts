import { describe, expect, it } from 'vitest'
import { answersCsvRows, assessmentMarkdown } from '~/domain/assessment/exports'
import { ALIGNMENT_2026, type Answer } from '~/domain/assessment/questions'
import { buildRoundReport, type SubmittedResponse } from '~/domain/assessment/report'
import { nextSection, sectionSchema } from '~/domain/assessment/schemas'
import { unflatten } from '~/http/form.server'
import { acmeScoringConfig } from '~/domain/scoring'

const set = ALIGNMENT_2026
const handoffIds = set.statements.filter((statement) => statement.dimension === 'handoff').map((statement) => statement.id)

function post(fields: Record<string, string>) {
  return sectionSchema(set, 'handoff').safeParse(unflatten(fields))
}
const complete = Object.fromEntries(handoffIds.map((id, index) => [`answers.${id}`, index === 3 ? 'dk' : String(index + 2)]))

describe('sectionSchema', () => {
  it('accepts a page with every statement answered, "don’t know" included', () => {
    const parsed = post({ intent: 'save-section', section: 'handoff', revision: '1', ...complete })
    expect(parsed.success && 'answers' in parsed.data && parsed.data.answers).toEqual({ [handoffIds[0]!]: '2', [handoffIds[1]!]: '3', [handoffIds[2]!]: '4', [handoffIds[3]!]: 'dk' })
  })

  it.each([
    ['a value outside 1–5', { [`answers.${handoffIds[0]}`]: '6' }, `answers.${handoffIds[0]}`, 'Choose an answer, or “Don’t know”.'],
    ['zero', { [`answers.${handoffIds[1]}`]: '0' }, `answers.${handoffIds[1]}`, 'Choose an answer, or “Don’t know”.'],
    ['an unknown question id', { 'answers.no-such-statement': '3' }, 'answers', '“no-such-statement” is not a statement of this page: reload the page and answer again.'],
    ['a statement of another page', { 'answers.def-mql-written': '3' }, 'answers', '“def-mql-written” is not a statement of this page: reload the page and answer again.'],
  ])('refuses %s with a message', (_name, extra, path, message) => {
    const parsed = post({ intent: 'save-section', section: 'handoff', revision: '1', ...complete, ...extra })
    expect(parsed.success).toBe(false)
    const issue = parsed.error!.issues.find((candidate) => candidate.path.join('.') === path)
    expect(issue?.message).toBe(message)
  })

  it('requires every statement of the page', () => {
    const parsed = post({ intent: 'save-section', section: 'handoff', revision: '1', [`answers.${handoffIds[0]}`]: '4' })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(handoffIds.slice(1).map((id) => `answers.${id}`).sort())
  })

  it('keeps definitions to a sentence or two', () => {
    const definitions = sectionSchema(set, 'in-your-words')
    expect(definitions.safeParse({ intent: 'save-section', section: 'in-your-words', revision: '2', mqlDefinition: ' A lead with fit and intent. ', sqlDefinition: 'I don’t know' }).data).toMatchObject({ mqlDefinition: 'A lead with fit and intent.', sqlDefinition: 'I don’t know' })
    const empty = definitions.safeParse({ intent: 'save-section', section: 'in-your-words', revision: '2', mqlDefinition: '  ', sqlDefinition: 'ok' })
    expect(empty.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['mqlDefinition', 'Write a sentence in your own words (“I don’t know” is an answer too).']])
    const long = definitions.safeParse({ intent: 'save-section', section: 'in-your-words', revision: '2', mqlDefinition: 'x'.repeat(10_000), sqlDefinition: 'ok' })
    expect(long.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['mqlDefinition', 'Keep your MQL definition to a sentence or two: at most 600 characters.']])
    const control = definitions.safeParse({ intent: 'save-section', section: 'in-your-words', revision: '2', mqlDefinition: 'a\u0000b', sqlDefinition: 'ok' })
    expect(control.success).toBe(false)
  })
})

describe('nextSection', () => {
  const all = Object.fromEntries(set.statements.map((statement) => [statement.id, 3 as Answer]))
  it.each([
    ['nothing answered', 'definitions', {}, '', ''],
    ['shared definitions done', 'handoff', Object.fromEntries(set.statements.slice(0, 4).map((s) => [s.id, 'dk' as Answer])), '', ''],
    ['one statement of data and tools left', 'data', Object.fromEntries(set.statements.filter((s) => s.id !== 'data-distrust').map((s) => [s.id, 2 as Answer])), 'x', 'y'],
    ['every statement, no SQL definition', 'in-your-words', all, 'An MQL is…', ' '],
    ['everything', null, all, 'An MQL is…', 'An SQL is…'],
  ])('%s → %s', (_name, expected, answers, mqlDefinition, sqlDefinition) => {
    expect(nextSection(set, { answers, mqlDefinition, sqlDefinition })).toBe(expected)
  })
})

/** A response whose score is `score` (1–5) in every dimension. */
function response(team: SubmittedResponse['team'], score: 1 | 2 | 3 | 4 | 5, mqlDefinition: string, sqlDefinition = 'BANT'): SubmittedResponse & { id: string } {
  const answers = Object.fromEntries(set.statements.map((statement) => [statement.id, (statement.reverse ? 6 - score : score) as Answer]))
  return { id: `${team}-${score}-${mqlDefinition.length}`, team, answers, mqlDefinition, sqlDefinition }
}

const ROUND = { id: 'r2', name: 'After the workshop', openedAt: '2026-11-16T09:00:00.000Z', closedAt: '2026-11-27T17:00:00.000Z', questionSet: { id: set.id, title: set.title } }
const responses = [
  response('marketing', 4, 'Anyone who **downloads** a whitepaper'),
  response('marketing', 4, 'A director at a SaaS company with 200+ employees'),
  response('marketing', 3, '<script>alert(1)</script> [link](http://x)'),
  response('sales', 2, '=HYPERLINK("http://evil","click")'),
  response('sales', 2, 'Somebody with budget'),
  response('sales', 3, 'A lead that asked for a demo'),
  response('other', 5, 'Only one person of another team: must not show'),
]

describe('buildRoundReport', () => {
  const report = buildRoundReport({ set, round: ROUND, responses, signed: { version: 2, config: acmeScoringConfig } })

  it('shows definitions only of teams above the threshold, alphabetically, each with the signed terms it names', () => {
    expect(report.definitions.map((d) => d.team)).toEqual(['marketing', 'sales'])
    expect(report.definitions[0]!.mql.map((entry) => entry.text)).toEqual([
      '<script>alert(1)</script> [link](http://x)',
      'A director at a SaaS company with 200+ employees',
      'Anyone who **downloads** a whitepaper',
    ])
    expect(report.definitions[0]!.mql[1]!.named).toEqual(['fit:seniority', 'fit:industry', 'fit:employees'])
    expect(JSON.stringify(report)).not.toContain('must not show')
    const employees = report.signed!.coverage.mql.find((term) => term.termId === 'fit:employees')!
    expect([employees.named, employees.of]).toEqual([{ marketing: 1, sales: 0 }, { marketing: 3, sales: 3 }])
    expect(report.signed!.summary.mql).toMatch(/^An MQL is a lead with fit ≥ 50/)
  })

  it('scores the round and recommends', () => {
    // Marketing (4, 4, 3) → 3.67 × 20 = 73; sales (2, 2, 3) → 2.33 × 20 = 47; gap 26 in every dimension.
    expect(report.result.dimensions.map((d) => [d.marketing, d.sales, d.gap])).toEqual(Array(6).fill([73, 47, 26]))
    expect(report.result.index).toBe(60)
    expect(report.recommendations[0]!.kind).toBe('gap')
    expect(report.comparison).toBeNull()
  })

  it('compares with an earlier round', () => {
    const withPrevious = buildRoundReport({
      set,
      round: ROUND,
      responses,
      previous: { round: { id: 'r1', name: 'Before', }, set, responses: [response('marketing', 3, 'a'), response('marketing', 3, 'b'), response('marketing', 3, 'c'), response('sales', 1, 'd'), response('sales', 1, 'e'), response('sales', 1, 'f')] },
    })
    // Before: (60 + 20) / 2 = 40 everywhere; after: (73 + 47) / 2 = 60.
    expect(withPrevious.comparison!.changes.indexBefore).toBe(40)
    expect(withPrevious.comparison!.changes.indexChange).toBe(20)
    expect(withPrevious.comparison!.changes.dimensions[0]!.gapClosed).toBe(40 - 26)
  })
})

describe('assessmentMarkdown', () => {
  it('escapes every text people typed and states the formula', () => {
    const report = buildRoundReport({ set, round: { ...ROUND, name: '# Round *one*' }, responses, signed: { version: 2, config: acmeScoringConfig } })
    const markdown = assessmentMarkdown(report, { name: 'Acme [workshop]', company: 'Acme <b>' })
    expect(markdown).toContain('# Marketing–sales alignment: \\# Round \\*one\\*')
    expect(markdown).toContain('Acme &lt;b> · Acme \\[workshop\\]')
    expect(markdown).toContain('- &lt;script>alert(1)&lt;/script> \\[link\\](http://x) (names: none of the signed terms)')
    expect(markdown).toContain('- Anyone who \\*\\*downloads\\*\\* a whitepaper (names: engagement)')
    expect(markdown).not.toMatch(/<script/)
    expect(markdown).toContain('**60 — Aligned.**')
    expect(markdown).toContain('| Shared definitions | 73 | 47 | \\+26 | 1 |')
    expect(markdown).toContain('The alignment index is the weighted average')
    expect(markdown).not.toContain('must not show')
  })
})

describe('answersCsvRows', () => {
  const rows = answersCsvRows(set, 'After', responses, 3)
  it('has no names, leaves out teams below the threshold and neutralises formulas', () => {
    expect(rows.length).toBe(1 + 6)
    expect(rows[0]!.slice(0, 4)).toEqual(['round', 'response', 'team', 'def-mql-written: Marketing and sales use one written definition of a marketing-qualified lead (MQL).'])
    expect(rows[0]).toContain('def-depends-who: Whether a lead counts as “qualified” depends on who you ask. (reverse-worded)')
    expect(rows.map((row) => row[1])).toEqual(['response', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6'])
    expect(rows.some((row) => row[2] === 'other')).toBe(false)
    expect(rows.flat()).toContain(`'=HYPERLINK("http://evil","click")`)
    // Raw answers: a reverse-worded statement keeps what was ticked (6 − 4 = 2 for a score of 4).
    const marketingRow = rows.find((row) => row[row.length - 2] === 'Anyone who **downloads** a whitepaper')!
    expect(marketingRow[3]).toBe(4)
    expect(marketingRow[3 + set.statements.findIndex((s) => s.id === 'def-depends-who')]).toBe(2)
  })
})
