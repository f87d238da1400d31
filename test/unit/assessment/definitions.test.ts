import { describe, expect, it } from 'vitest'
import { definitionKeyTerms, matchDefinition } from '~/domain/assessment/definitions'
import { acmeScoringConfig } from '~/domain/scoring'

const terms = definitionKeyTerms(acmeScoringConfig)

describe('definitionKeyTerms', () => {
  it('reads the signed MQL definition as who (per attribute), engagement, thresholds and disqualifiers', () => {
    expect(terms.mql.map((term) => [term.id, term.label])).toEqual([
      ['fit:seniority', 'seniority'],
      ['fit:fit-data-role', 'works in data or analytics'],
      ['fit:industry', 'industry'],
      ['fit:employees', 'company size'],
      ['fit:region', 'region'],
      ['engagement', 'engagement'],
      ['thresholds', 'score thresholds'],
      ['disqualifiers', 'disqualifiers'],
    ])
    expect(terms.mql.find((term) => term.id === 'fit:employees')!.detail).toBe('200–5,000 employees; More than 5,000 employees; 50–199 employees')
    expect(terms.mql.find((term) => term.id === 'thresholds')!.detail).toBe('fit ≥ 50 and engagement ≥ 40')
  })

  it('reads each SQL question as a term', () => {
    expect(terms.sql.map((term) => [term.id, term.label])).toEqual([
      ['sql:sql-budget', 'budget'],
      ['sql:sql-authority', 'decision maker'],
      ['sql:sql-need', 'need'],
      ['sql:sql-timeline', 'buying timeline'],
    ])
  })

  it('leaves out rules that take points away and adds no terms for what the config lacks', () => {
    const bare = definitionKeyTerms({ ...acmeScoringConfig, engagement: { ...acmeScoringConfig.engagement, rules: [] }, disqualifiers: [], fit: { max: 100, rules: [acmeScoringConfig.fit.rules[8]!] }, sql: { criteria: [], minMet: 0 } })
    expect(bare.mql.map((term) => term.id)).toEqual(['thresholds'])
    expect(bare.sql).toEqual([])
  })
})

describe('matchDefinition', () => {
  it.each([
    ['A director at a SaaS company with 200+ employees who asked for a demo or hit 40 engagement points', ['fit:seniority', 'fit:industry', 'fit:employees', 'engagement', 'thresholds']],
    ['A lead from a mid-size software company that downloaded a whitepaper', ['fit:industry', 'fit:employees', 'engagement']],
    ['Anyone who fills in a form', ['engagement']],
    // "Not a student" names the disqualifier, not the seniority wanted.
    ['Someone with a high lead score who is not a student or a competitor', ['thresholds', 'disqualifiers']],
    ['A data team lead in DACH', ['fit:seniority', 'fit:fit-data-role', 'fit:region']],
    ['No idea, whatever marketing sends us', []],
    // Students are a disqualifier, not the seniority wanted.
    ['Whatever marketing sends us, mostly students', ['disqualifiers']],
  ])('MQL “%s” names %o', (text, named) => {
    const match = matchDefinition(text, terms.mql)
    expect(match.named).toEqual(named)
    expect(match.missing).toEqual(terms.mql.map((term) => term.id).filter((id) => !named.includes(id)))
  })

  it.each([
    ['Someone with budget, authority and a need, buying this quarter', ['sql:sql-budget', 'sql:sql-authority', 'sql:sql-need', 'sql:sql-timeline']],
    ['BANT qualified', ['sql:sql-budget', 'sql:sql-authority', 'sql:sql-need', 'sql:sql-timeline']],
    ['They have a real need and a project this year', ['sql:sql-need', 'sql:sql-timeline']],
    ['A lead that sales accepted and wants to call', []],
  ])('SQL “%s” names %o', (text, named) => {
    expect(matchDefinition(text, terms.sql).named).toEqual(named)
  })
})
