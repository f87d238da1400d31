import { describe, expect, it } from 'vitest'
import {
  draftCriterionFromTrait,
  draftDisqualifierFromPersona,
  leftOutNote,
  simplify,
  type DraftResult,
  type FieldValue,
  type KnownKeys,
  type PersonaFacts,
} from '~/domain/lead-board/draft-criterion'
import { DEFAULT_COUNTRY_VALUES, DEFAULT_SENIORITY_VALUES, FREE_EMAIL_DOMAINS, FREE_EMAIL_PROVIDERS } from '~/domain/lead-board/field-values'
import { extractAttributes, regionAncestors, type AttributeFact } from '~/domain/lead-board/matcher'
import type { Condition } from '~/domain/scoring'
import { acmeScoringConfig } from '~/domain/scoring/examples'
import { DEFAULT_ACTIVITIES, DEFAULT_FIELDS } from '~/domain/scoring-model/defaults'

/*
 * Issue #15: a draft criterion claims no more than its source says. Each row is a trait (or a
 * negative persona) with the exact drafts expected — section, label, condition or activity —
 * or none (null), and the exact note of what was left out. The grounding check below then
 * proves, for every row, that each value a draft names is grounded in the source's words.
 */

type Expected = [section: string, label: string, conditionOrActivity: Condition | string][] | null
type TraitRow = [text: string, kind: 'good' | 'bad', drafts: Expected, note: string]
type PersonaRow = [name: string, facts: Partial<PersonaFacts>, drafts: Expected, note: string]

const DEFAULTS: KnownKeys = { fields: DEFAULT_FIELDS, activities: DEFAULT_ACTIVITIES }
const LISTED: KnownKeys = {
  fields: acmeScoringConfig.fields.map((field) => ({ key: field.key, label: field.label, values: (field as { values?: FieldValue[] }).values ?? null })),
  activities: acmeScoringConfig.activities,
}

const TRAITS: TraitRow[] = [
  ['Free email address (Gmail, Hotmail …)', 'bad', [['disqualifier', 'Free email address (Gmail, Hotmail …)', { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'googlemail.com'] }]], ''],
  ['Requested a demo or started a trial', 'good', [['fastTrack', 'Requested a demo', 'demo_request'], ['fastTrack', 'Started a trial', 'trial_start']], ''],
  ['Students and job seekers', 'bad', [['disqualifier', 'Students and job seekers', { field: 'jobTitle', op: 'contains', value: 'student' }]], 'Not in the condition: “job seekers” (no field says this).'],
  ['Students and researchers', 'bad', [['disqualifier', 'Students and researchers', { field: 'jobTitle', op: 'contains', value: 'student' }]], 'Not in the condition: “researchers” (no field says this).'],
  ['Companies with 200–2,000 employees', 'good', [['fit', 'Companies with 200–2,000 employees', { field: 'employees', op: 'between', value: [200, 2000] }]], ''],
  ['Marketing managers who download our benchmark report', 'good', [['fit', 'Marketing managers who download our benchmark report', { all: [{ field: 'jobTitle', op: 'contains', value: 'marketing' }, { field: 'seniority', op: 'in', value: ['manager'] }] }]], 'Not in the condition: “download our benchmark report” (an action, which a condition cannot require: score it in step 5).'],
  ['Based in DACH or the UK', 'good', [['fit', 'Based in DACH or the UK', { field: 'country', op: 'in', value: ['de', 'at', 'ch', 'gb'] }]], ''],
  ['Requested a demo', 'good', [['fastTrack', 'Requested a demo', 'demo_request']], ''],
  ['Agencies that build dashboards for their clients', 'good', [['fit', 'Agencies that build dashboards for their clients', { field: 'industry', op: 'contains', value: 'agency' }]], 'Not in the condition: “build dashboards for their clients” (no field says this).'],
  ['Gmail or other free email addresses', 'bad', [['disqualifier', 'Gmail or other free email addresses', { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'] }]], ''],
  ['Companies with fewer than 20 employees', 'bad', [['disqualifier', 'Companies with fewer than 20 employees', { field: 'employees', op: 'lt', value: 20 }]], ''],
  ['Mid-market: 250–5,000 employees', 'good', [['fit', 'Mid-market: 250–5,000 employees', { field: 'employees', op: 'between', value: [250, 5000] }]], ''],
  ['A VP or C-level sponsor is involved', 'good', [['fit', 'A VP or C-level sponsor is involved', { field: 'seniority', op: 'in', value: ['vp', 'c_level'] }]], 'Not in the condition: “sponsor is involved” (no field says this).'],
  ['Budget approved for this year', 'good', [['fit', 'Budget approved for this year', { field: 'budget', op: 'eq', value: true }]], 'Not in the condition: “for this year” (no field says this).'],
  ['Asked for a demo or started a trial', 'good', [['fastTrack', 'Asked for a demo', 'demo_request'], ['fastTrack', 'Started a trial', 'trial_start']], ''],
  ['Head of Data at a SaaS company', 'good', [['fit', 'Head of Data at a SaaS company', { all: [{ field: 'seniority', op: 'in', value: ['head'] }, { field: 'industry', op: 'contains', value: 'saas' }] }]], 'Not in the condition: “Data” (no field says this).'],
  ['Marketing agencies reselling to their clients', 'bad', [['disqualifier', 'Marketing agencies reselling to their clients', { field: 'industry', op: 'contains', value: 'marketing agency' }]], 'Not in the condition: “reselling to their clients” (no field says this).'],
  ['Students', 'bad', [['disqualifier', 'Students', { field: 'jobTitle', op: 'contains', value: 'student' }]], ''],
  ['Free email address', 'bad', [['disqualifier', 'Free email address', { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'] }]], ''],
  ['No budget before next year', 'bad', [['disqualifier', 'No budget before next year', { field: 'budget', op: 'eq', value: false }]], 'Not in the condition: “before next year” (no field says this).'],
  ['Mid-market', 'good', null, 'Not in the condition: “Mid-market” (a size without a head count: add the range your teams mean).'],
  ['Europe', 'good', null, 'Not in the condition: “Europe” (a region: list the countries you mean).'],
  ['CFO', 'good', [['fit', 'CFO', { any: [{ field: 'jobTitle', op: 'eq', value: 'cfo' }, { field: 'jobTitle', op: 'startsWith', value: 'cfo ' }, { field: 'jobTitle', op: 'endsWith', value: ' cfo' }, { field: 'jobTitle', op: 'contains', value: ' cfo ' }] }]], ''],
  ['VP or C-level in finance', 'good', [['fit', 'VP or C-level in finance', { all: [{ field: 'seniority', op: 'in', value: ['vp', 'c_level'] }, { field: 'jobTitle', op: 'contains', value: 'finance' }] }]], ''],
  ['Private car owner', 'bad', null, 'Not in the condition: “Private car owner” (no field says this).'],
  ['No students or interns', 'good', [['fit', 'No students or interns', { all: [{ field: 'jobTitle', op: 'notContains', value: 'student' }, { field: 'jobTitle', op: 'notContains', value: 'intern' }] }]], ''],
  ['Visited the pricing page', 'good', [['engagement', 'Visited the pricing page', 'pricing_view']], ''],
  ['Only downloaded an ebook', 'bad', null, 'Not in the condition: “downloaded an ebook” (an action, which cannot disqualify a lead).'],
  ['Competitors', 'bad', null, 'Not in the condition: “Competitors” (no field says this).'],
  ['Buying within 6 months', 'good', [['fit', 'Buying within 6 months', { field: 'timelineMonths', op: 'lte', value: 6 }]], ''],
  ['More than 1000 employees', 'good', [['fit', 'More than 1000 employees', { field: 'employees', op: 'gt', value: 1000 }]], ''],
  ['Talks to the decision maker', 'good', [['fit', 'Talks to the decision maker', { field: 'authority', op: 'eq', value: true }]], ''],
  ['Business email', 'good', [['fit', 'Business email', { field: 'email', op: 'emailDomainNotIn', value: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'] }]], ''],
  ['Outside DACH', 'bad', [['disqualifier', 'Outside DACH', { field: 'country', op: 'notIn', value: ['de', 'at', 'ch'] }]], ''],
  ['Gmail addresses', 'bad', [['disqualifier', 'Gmail addresses', { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'googlemail.com'] }]], ''],
  ['Director or above', 'good', [['fit', 'Director or above', { field: 'seniority', op: 'in', value: ['c_level', 'vp', 'director', 'head'] }]], ''],
  ['IT managers in Germany', 'good', [['fit', 'IT managers in Germany', { all: [{ any: [{ field: 'jobTitle', op: 'eq', value: 'it' }, { field: 'jobTitle', op: 'startsWith', value: 'it ' }, { field: 'jobTitle', op: 'endsWith', value: ' it' }, { field: 'jobTitle', op: 'contains', value: ' it ' }] }, { field: 'seniority', op: 'in', value: ['manager'] }, { field: 'country', op: 'in', value: ['de'] }] }]], ''],
  ['Enterprise 1000+', 'good', [['fit', 'Enterprise 1000+', { field: 'employees', op: 'gte', value: 1000 }]], ''],
  ['Freelancers', 'bad', [['disqualifier', 'Freelancers', { field: 'employees', op: 'eq', value: 1 }]], ''],
  ['Agencies that resell our product to their clients', 'bad', [['disqualifier', 'Agencies that resell our product to their clients', { field: 'industry', op: 'contains', value: 'agency' }]], 'Not in the condition: “resell our product to their clients” (no field says this).'],
  ['Requested a demo or is a VP', 'good', [['fit', 'Requested a demo or is a VP', { field: 'seniority', op: 'in', value: ['vp'] }]], 'Not in the condition: “Requested a demo” (an action, which a condition cannot require: score it in step 5).'],
  ['Came from a trade show', 'good', null, 'Not in the condition: “Came from a trade show” (this workshop scores no “Event visit” activity).'],
  ['Hospitals and clinics in the Nordics', 'good', [['fit', 'Hospitals and clinics in the Nordics', { all: [{ any: [{ field: 'industry', op: 'contains', value: 'hospital' }, { field: 'industry', op: 'contains', value: 'clinic' }] }, { field: 'country', op: 'in', value: ['se', 'no', 'dk', 'fi', 'is'] }] }]], ''],
  ['Account executives', 'bad', [['disqualifier', 'Account executives', { field: 'jobTitle', op: 'contains', value: 'account executive' }]], ''],
  ['No timeline', 'bad', [['disqualifier', 'No timeline', { field: 'timelineMonths', op: 'absent' }]], ''],
  ['Nice people to talk to', 'good', null, 'Not in the condition: “Nice” (no field says this).'],
  ['Purchase decision within this quarter', 'good', [['fit', 'Purchase decision within this quarter', { field: 'timelineMonths', op: 'lte', value: 3 }]], ''],
  ['HR directors', 'good', [['fit', 'HR directors', { field: 'jobTitle', op: 'contains', value: 'hr director' }]], ''],
  ['Gmail, Hotmail or GMX', 'bad', [['disqualifier', 'Gmail, Hotmail or GMX', { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'googlemail.com', 'hotmail.com', 'gmx.de', 'gmx.net'] }]], ''],
]

/** With the demo's field values (examples.ts): labelled values replace the defaults, and a region becomes the workshop's own countries. */
const LISTED_VALUE_TRAITS: TraitRow[] = [
  ['Agencies that resell our product to their clients', 'bad', null, 'Not in the condition: “Agencies” (no value of “Industry” names it); “resell our product to their clients” (no field says this).'],
  ['Head of Data at a SaaS company', 'good', [['fit', 'Head of Data at a SaaS company', { all: [{ field: 'seniority', op: 'in', value: ['head'] }, { field: 'industry', op: 'in', value: ['saas'] }] }]], 'Not in the condition: “Data” (no field says this).'],
  ['Europe', 'good', [['fit', 'Europe', { field: 'country', op: 'in', value: ['gb', 'de', 'at', 'ch', 'nl', 'be', 'fr'] }]], ''],
  ['Fintech and banks', 'good', [['fit', 'Fintech and banks', { field: 'industry', op: 'in', value: ['fintech', 'financial services'] }]], ''],
  ['C-level in e-commerce', 'good', [['fit', 'C-level in e-commerce', { all: [{ field: 'seniority', op: 'in', value: ['c_level'] }, { field: 'industry', op: 'in', value: ['e-commerce'] }] }]], ''],
  ['Director or above', 'good', [['fit', 'Director or above', { field: 'seniority', op: 'in', value: ['c_level', 'vp', 'director', 'head'] }]], ''],
  ['Individual contributors', 'bad', [['disqualifier', 'Individual contributors', { field: 'seniority', op: 'in', value: ['individual'] }]], ''],
  ['North America', 'good', [['fit', 'North America', { field: 'country', op: 'in', value: ['us', 'ca'] }]], ''],
]

const PERSONAS: PersonaRow[] = [
  ['Hobby drivers', { title: 'Private car owner' }, [['disqualifier', 'Hobby drivers', { field: 'jobTitle', op: 'contains', value: 'private car owner' }]], ''],
  ['Students and researchers', { title: 'Student', seniority: 'Student or intern', industry: 'Education', region: 'Anywhere' }, [['disqualifier', 'Students and researchers', { all: [{ field: 'jobTitle', op: 'contains', value: 'student' }, { field: 'industry', op: 'contains', value: 'education' }] }]], ''],
  ['Procurement gatekeepers', { title: 'Procurement officer' }, [['disqualifier', 'Procurement gatekeepers', { field: 'jobTitle', op: 'contains', value: 'procurement officer' }]], ''],
  ['Finance Fiona', { seniority: 'C-level', department: 'Finance', industry: 'Software', companySize: '1,001–5,000', region: 'Europe' }, [['disqualifier', 'Finance Fiona', { all: [{ field: 'seniority', op: 'in', value: ['c_level'] }, { field: 'jobTitle', op: 'contains', value: 'finance' }, { field: 'industry', op: 'contains', value: 'software' }, { field: 'employees', op: 'between', value: [1001, 5000] }] }]], 'Not in the condition: “Europe” (a region: list the countries you mean).'],
  ['Data tinkerers', { department: 'Data', companySize: 'Small' }, [['disqualifier', 'Data tinkerers', { field: 'jobTitle', op: 'contains', value: 'data' }]], 'Not in the condition: “Small” (no field says this).'],
  ['Nobody in particular', { region: 'Anywhere' }, null, ''],
  ['Agency interns', { title: 'Intern', industry: 'Marketing agency', region: 'UK' }, [['disqualifier', 'Agency interns', { all: [{ field: 'jobTitle', op: 'contains', value: 'intern' }, { field: 'industry', op: 'contains', value: 'marketing agency' }, { field: 'country', op: 'in', value: ['gb'] }] }]], ''],
]

function shape(result: DraftResult): { drafts: Expected; note: string } {
  return {
    drafts: result.ok ? result.drafts.map((draft) => [draft.section, draft.label, draft.condition ?? draft.activity!]) : null,
    note: leftOutNote(result.leftOut),
  }
}

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
/** The text's words without plural endings, to find a contained value ("student" in "Students"). */
const plain = (text: string) => fold(text).replace(/ies\b/g, 'y').replace(/s\b/g, '')

/**
 * The values of a condition that the source's words do not ground. Grounded: a word the text
 * contains; a listed value whose label names a fact the text's words name (by the matcher, a
 * region within a region); a number the text writes (or a quarter's or a year's months, or the
 * one person a freelancer is); the free-mail domains when the text speaks of free email, or the
 * provider it names.
 */
function ungroundedValues(condition: Condition, text: string, known: KnownKeys): string[] {
  if ('all' in condition) return condition.all.flatMap((part) => ungroundedValues(part, text, known))
  if ('any' in condition) return condition.any.flatMap((part) => ungroundedValues(part, text, known))
  if ('not' in condition) return ungroundedValues(condition.not, text, known)
  if ('activity' in condition) return []
  const facts = extractAttributes(text)
  const named = (attribute: AttributeFact['attribute'], value: string) =>
    facts.some((fact) => fact.attribute === attribute && (fact.value === value || (attribute === 'region' && regionAncestors(value).includes(fact.value))))
  const listed = (key: string, defaults: readonly FieldValue[]) => known.fields.find((field) => field.key === key)?.values ?? defaults
  const labelNames = (key: string, defaults: readonly FieldValue[], value: string, attribute: AttributeFact['attribute']) => {
    const entry = listed(key, defaults).find((candidate) => candidate.value === value)
    return Boolean(entry && extractAttributes(entry.label).some((fact) => fact.attribute === attribute && named(attribute, fact.value)))
  }
  const numbers = [...fold(text).replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+/g)].map((m) => Number(m[0]))
  const months = fold(text).includes('quarter') ? [3] : fold(text).includes('year') ? [12] : []
  const values = 'value' in condition ? (Array.isArray(condition.value) ? condition.value : [condition.value]) : []
  return values
    .filter((value) => {
      if (typeof value === 'boolean') return !(condition.field === 'budget' ? named('budget', 'budget') : named('buyingRole', 'decision-maker'))
      if (typeof value === 'number') return !numbers.includes(value) && !months.includes(value) && !(value === 1 && named('employees', '1'))
      switch (condition.field) {
        case 'seniority':
          return !labelNames('seniority', DEFAULT_SENIORITY_VALUES, value, 'seniority')
        case 'country':
          return !labelNames('country', DEFAULT_COUNTRY_VALUES, value, 'region')
        case 'email': {
          const providers = Object.entries(FREE_EMAIL_PROVIDERS).filter(([provider]) => fold(text).replace(/[^a-z]+/g, ' ').includes(provider))
          return !(providers.some(([, domains]) => domains.includes(value)) || (FREE_EMAIL_DOMAINS.includes(value) && facts.some((fact) => fact.attribute === 'emailType')))
        }
        case 'industry':
          if (known.fields.find((field) => field.key === 'industry')?.values) return !labelNames('industry', [], value, 'industry')
          return !plain(text).includes(plain(value).trim())
        default:
          return !plain(text).includes(plain(value).trim())
      }
    })
    .map(String)
}

const personaOf = (name: string, facts: Partial<PersonaFacts>): PersonaFacts => ({ name, title: '', seniority: '', department: '', industry: '', companySize: '', region: '', ...facts })

describe('draft criteria claim no more than the words say', () => {
  it('has a table of at least 40 traits and personas, the issue’s examples among them', () => {
    expect(TRAITS.length + LISTED_VALUE_TRAITS.length + PERSONAS.length).toBeGreaterThanOrEqual(40)
    const sources = [...TRAITS.map((row) => row[0]), ...PERSONAS.map((row) => row[0])]
    for (const example of ['Requested a demo or started a trial', 'Students and job seekers', 'Hobby drivers']) expect(sources).toContain(example)
  })

  it.each(TRAITS)('“%s” (%s)', (text, kind, drafts, note) => {
    expect(shape(draftCriterionFromTrait(text, kind, DEFAULTS))).toEqual({ drafts, note })
  })

  it.each(LISTED_VALUE_TRAITS)('“%s” (%s), with the workshop’s own values', (text, kind, drafts, note) => {
    expect(shape(draftCriterionFromTrait(text, kind, LISTED))).toEqual({ drafts, note })
  })

  it.each(PERSONAS)('the negative persona “%s”', (name, facts, drafts, note) => {
    expect(shape(draftDisqualifierFromPersona(personaOf(name, facts), DEFAULTS))).toEqual({ drafts, note })
  })

  it('names no field value the words do not ground, in any row', () => {
    const check = (text: string, result: DraftResult, known: KnownKeys) => {
      for (const draft of result.ok ? result.drafts : []) {
        if (draft.condition) expect({ text, ungrounded: ungroundedValues(draft.condition, text, known) }).toEqual({ text, ungrounded: [] })
      }
    }
    for (const [text, kind] of TRAITS) check(text, draftCriterionFromTrait(text, kind, DEFAULTS), DEFAULTS)
    for (const [text, kind] of LISTED_VALUE_TRAITS) check(text, draftCriterionFromTrait(text, kind, LISTED), LISTED)
    for (const [name, facts] of PERSONAS) {
      const persona = personaOf(name, facts)
      const words = [persona.title, persona.seniority, persona.department, persona.industry, persona.companySize, persona.region].join(', ')
      check(words, draftDisqualifierFromPersona(persona, DEFAULTS), DEFAULTS)
    }
  })

  it('catches an ungrounded value: the check itself can fail', () => {
    expect(ungroundedValues({ field: 'seniority', op: 'in', value: ['c_level'] }, 'Private car owner', DEFAULTS)).toEqual(['c_level'])
    expect(ungroundedValues({ field: 'employees', op: 'between', value: [100, 999] }, 'Mid-market', DEFAULTS)).toEqual(['100', '999'])
    expect(ungroundedValues({ field: 'country', op: 'in', value: ['de', 'fr'] }, 'DACH', DEFAULTS)).toEqual(['fr'])
    expect(ungroundedValues({ field: 'industry', op: 'contains', value: 'internet' }, 'SaaS companies', DEFAULTS)).toEqual(['internet'])
  })

  it('gives a persona titled “Private car owner” no seniority condition, whatever else it says', () => {
    for (const seniority of ['', 'Owner', 'Car owner']) {
      const drafted = draftDisqualifierFromPersona(personaOf('Hobby drivers', { title: 'Private car owner', seniority }), DEFAULTS)
      expect(JSON.stringify(drafted)).not.toContain('"seniority"')
    }
  })

  it('leaves out what the workshop cannot test, and says which field or activity is missing', () => {
    const noIndustry = { ...DEFAULTS, fields: DEFAULT_FIELDS.filter((field) => field.key !== 'industry') }
    expect(shape(draftCriterionFromTrait('Head of Marketing at a SaaS company', 'good', noIndustry))).toEqual({
      drafts: [['fit', 'Head of Marketing at a SaaS company', { field: 'jobTitle', op: 'contains', value: 'head of marketing' }]],
      note: 'Not in the condition: “SaaS” (this workshop has no “Industry” field).',
    })
    expect(shape(draftCriterionFromTrait('Requested a demo', 'good', { ...DEFAULTS, activities: [] }))).toEqual({
      drafts: null,
      note: 'Not in the condition: “Requested a demo” (this workshop scores no “Demo request” activity).',
    })
  })

  it('keeps the label to the 120 characters of a rule label', () => {
    const text = `Companies with 50-500 employees ${'that really need what we sell '.repeat(6)}`
    const drafted = draftCriterionFromTrait(text, 'good', DEFAULTS)
    expect(drafted.ok && drafted.drafts[0]!.label).toHaveLength(120)
  })

  it('simplifies: repeats go, nested lists flatten, and A and (A or B) is A', () => {
    const a: Condition = { field: 'jobTitle', op: 'contains', value: 'student' }
    const b: Condition = { field: 'jobTitle', op: 'contains', value: 'intern' }
    expect(simplify({ all: [a, { any: [a, b] }] })).toEqual(a)
    expect(simplify({ any: [a, { any: [b, a] }] })).toEqual({ any: [a, b] })
    expect(simplify({ all: [{ all: [a] }, b] })).toEqual({ all: [a, b] })
  })
})
