import { describe, expect, it } from 'vitest'
import { isCriteriaSection, RequiredFieldsSchema, SqlMinMetSchema, SuggestionSchema } from '~/domain/scoring-model/criteria-forms'
import { DeleteRuleSchema, SaveRuleRefSchema } from '~/domain/scoring-model/rule-form'

const OUT_OF_DATE = 'This form is out of date: reload the page.'
const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

describe('the criteria page’s form schemas', () => {
  it('reads the required boxes as posted (on) and as react-hook-form holds them (true/false)', () => {
    expect(RequiredFieldsSchema.parse({ intent: 'save-required', revision: '2', required: { email: 'on', phone: 'on' } }).required).toEqual(['email', 'phone'])
    expect(RequiredFieldsSchema.parse({ intent: 'save-required', revision: '2', required: { email: true, phone: false, company: 'on' } }).required).toEqual(['email', 'company'])
    expect(RequiredFieldsSchema.parse({ intent: 'save-required', revision: '2' }).required).toEqual([])
    expect(issuesOf(RequiredFieldsSchema.safeParse({ intent: 'save-required', revision: '0', required: { email: 1 } }))).toEqual({ revision: OUT_OF_DATE, 'required.email': expect.any(String) })
  })

  it('needs a whole, positive SQL threshold', () => {
    expect(SqlMinMetSchema.parse({ intent: 'save-sql-min-met', revision: '1', sqlMinMet: '2' })).toEqual({ intent: 'save-sql-min-met', revision: 1, sqlMinMet: 2 })
    expect(issuesOf(SqlMinMetSchema.safeParse({ intent: 'save-sql-min-met', revision: '1', sqlMinMet: '1.5' }))).toEqual({ sqlMinMet: 'Enter a whole number.' })
    expect(issuesOf(SqlMinMetSchema.safeParse({ intent: 'save-sql-min-met', revision: '1', sqlMinMet: '0' }))).toEqual({ sqlMinMet: 'At least one question must hold.' })
  })

  it('names the rule a save is about: none for a new one, else one at a revision', () => {
    expect(SaveRuleRefSchema.parse({ intent: 'save-rule' })).toEqual({ intent: 'save-rule' })
    expect(SaveRuleRefSchema.parse({ intent: 'save-rule', ruleId: '', revision: '' })).toEqual({ intent: 'save-rule' })
    expect(SaveRuleRefSchema.parse({ intent: 'save-rule', ruleId: 'r1', revision: '4' })).toEqual({ intent: 'save-rule', ruleId: 'r1', revision: 4 })
    expect(issuesOf(SaveRuleRefSchema.safeParse({ intent: 'save-rule', ruleId: 'r1' }))).toEqual({ revision: OUT_OF_DATE })
    expect(issuesOf(SaveRuleRefSchema.safeParse({ intent: 'save-rule', ruleId: 'r1', revision: '-1' }))).toEqual({ revision: OUT_OF_DATE })
  })

  it('checks the one-button forms', () => {
    expect(DeleteRuleSchema.parse({ intent: 'delete-rule', ruleId: 'r1', revision: '2' })).toEqual({ intent: 'delete-rule', ruleId: 'r1', revision: 2 })
    expect(issuesOf(DeleteRuleSchema.safeParse({ intent: 'delete-rule', revision: 'null' }))).toEqual({ ruleId: OUT_OF_DATE, revision: OUT_OF_DATE })
    expect(SuggestionSchema.safeParse({ intent: 'accept-suggestion', suggestionId: 's1', revision: '1' }).success).toBe(true)
    expect(issuesOf(SuggestionSchema.safeParse({ intent: 'keep-suggestion', suggestionId: '', revision: '1' }))).toEqual({ intent: expect.any(String), suggestionId: OUT_OF_DATE })
  })

  it('knows which rule sections are the criteria page’s', () => {
    expect(['fit', 'disqualifier', 'sql', 'engagement', 'fastTrack', 'constructor'].filter(isCriteriaSection)).toEqual(['fit', 'disqualifier', 'sql'])
  })
})
