import { describe, expect, it } from 'vitest'
import { acmeScoringConfig, ConditionSchema, type Condition } from '~/domain/scoring'
import { describeCondition } from '~/domain/scoring-model/describe'
import { explainedScorer } from '~/domain/scoring-model/explain'
import { SCORING_SECTIONS, isScoringSection } from '~/domain/scoring-model/model'
import { DeleteRuleSchema, formFromRule, RuleFormSchema, ruleFromForm, SaveRuleRefSchema } from '~/domain/scoring-model/rule-form'
import { ThresholdsSchema, thresholdsFormValues, thresholdsPatch } from '~/domain/scoring-model/settings-form'
import { DeleteExampleSchema, leadFromSimulator, SimulatorSchema, simulatorValues, withBlankActivityRows } from '~/domain/scoring-model/simulator-form'
import { DEFAULT_FIELDS, DEFAULT_SETTINGS } from '~/domain/scoring-model/defaults'

/*
 * The workshop's editable model (domain/scoring-model): the forms that edit it turn text into
 * the engine's Condition, and back, and the simulator's and thresholds' forms.
 */

const ACTIVITIES = [{ key: 'demo_request' }, { key: 'webinar' }]
const rule = (clauses: Record<string, string>[], extra: Record<string, unknown> = {}) =>
  RuleFormSchema.parse({ section: 'fit', label: 'A rule', points: '10', clauses, ...extra })

describe('the rule form → the engine’s Condition', () => {
  it.each<[string, Record<string, string>, Condition]>([
    ['a number range, typed in one box', { field: 'employees', op: 'between', value: '50 – 500' }, { field: 'employees', op: 'between', value: [50, 500] }],
    ['a list of text', { field: 'country', op: 'in', value: 'DE, AT,CH' }, { field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] }],
    ['a list of numbers on a number field', { field: 'employees', op: 'notIn', value: '1, 2' }, { field: 'employees', op: 'notIn', value: [1, 2] }],
    ['email domains stay text', { field: 'email', op: 'emailDomainIn', value: 'gmail.com, web.de' }, { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'web.de'] }],
    ['yes on a yes/no field', { field: 'budget', op: 'eq', value: 'Yes' }, { field: 'budget', op: 'eq', value: true }],
    ['text compared as typed, trimmed', { field: 'jobTitle', op: 'contains', value: '  VP ' }, { field: 'jobTitle', op: 'contains', value: 'VP' }],
    ['a number comparison', { field: 'employees', op: 'gte', value: '200' }, { field: 'employees', op: 'gte', value: 200 }],
    ['a presence check takes no value', { field: 'phone', op: 'present', value: 'ignored' }, { field: 'phone', op: 'present' }],
    ['a negated row', { field: 'country', op: 'eq', value: 'US', negate: 'on' }, { not: { field: 'country', op: 'eq', value: 'US' } }],
  ])('%s', (_name, clause, condition) => {
    const made = ruleFromForm(rule([clause]), DEFAULT_FIELDS, ACTIVITIES)
    expect(made).toEqual({ ok: true, rule: { section: 'fit', label: 'A rule', points: 10, condition, activity: null, withinDays: null, maxPoints: null, options: null } })
    // What the editor makes is a valid condition of the config contract.
    expect(ConditionSchema.safeParse(condition).success).toBe(true)
  })

  it('combines rows with the chosen combinator and skips empty rows', () => {
    const made = ruleFromForm(
      rule([{ field: 'employees', op: 'gte', value: '50' }, { field: '', op: '', value: '' }, { field: 'country', op: 'eq', value: 'DE' }], { combinator: 'any' }),
      DEFAULT_FIELDS,
      ACTIVITIES,
    )
    expect(made).toMatchObject({ ok: true, rule: { condition: { any: [{ field: 'employees', op: 'gte', value: 50 }, { field: 'country', op: 'eq', value: 'DE' }] } } })
  })

  it.each<[string, Record<string, string>, string, string]>([
    ['an unknown field', { field: 'shoeSize', op: 'eq', value: '42' }, 'clauses.0.field', 'Pick a field.'],
    ['an unknown operator', { field: 'country', op: 'equals', value: 'DE' }, 'clauses.0.op', 'Pick an operator.'],
    ['a range upside down', { field: 'employees', op: 'between', value: '500-50' }, 'clauses.0.value', 'The upper bound must not be below the lower bound.'],
    ['a range without its top', { field: 'employees', op: 'between', value: '50' }, 'clauses.0.value', 'Enter the upper bound too, such as 50–500.'],
    ['text on a number field', { field: 'employees', op: 'in', value: '5, many' }, 'clauses.0.value', '“many” is not a number.'],
    ['an empty list', { field: 'country', op: 'in', value: ' , ' }, 'clauses.0.value', 'Enter one or more values, separated by commas.'],
    ['negative days', { field: 'email', op: 'withinDays', value: '-3' }, 'clauses.0.value', 'Enter a number of days, 0 or more.'],
    ['maybe on a yes/no field', { field: 'budget', op: 'eq', value: 'maybe' }, 'clauses.0.value', 'Use yes or no.'],
  ])('refuses %s next to the row', (_name, clause, at, message) => {
    expect(ruleFromForm(rule([clause]), DEFAULT_FIELDS, ACTIVITIES)).toEqual({ ok: false, errors: { [at]: message } })
  })

  it('makes an activity rule only of the workshop’s activities', () => {
    const form = (activity: string) => rule([], { section: 'engagement', basis: 'activity', activity, withinDays: '30', maxPoints: '' })
    expect(ruleFromForm(form('webinar'), DEFAULT_FIELDS, ACTIVITIES)).toMatchObject({ ok: true, rule: { activity: 'webinar', condition: null, withinDays: 30, maxPoints: null } })
    expect(ruleFromForm(form('podcast'), DEFAULT_FIELDS, ACTIVITIES)).toEqual({ ok: false, errors: { activity: 'Pick one of the workshop’s activities.' } })
  })

  it('reads a stored rule back into the same form, and keeps a deeper condition read-only', () => {
    const made = ruleFromForm(
      rule([{ field: 'employees', op: 'between', value: '50–500' }, { field: 'country', op: 'in', value: 'DE, AT', negate: 'on' }]),
      DEFAULT_FIELDS,
      ACTIVITIES,
    )
    if (!made.ok) throw new Error('not made')
    const { editable, values } = formFromRule(made.rule)
    expect(editable).toBe(true)
    expect(values.clauses).toEqual([
      { field: 'employees', op: 'between', value: '50–500', valueTo: '' },
      { field: 'country', op: 'in', value: 'DE, AT', valueTo: '', negate: 'on' },
    ])
    expect(ruleFromForm(RuleFormSchema.parse(values), DEFAULT_FIELDS, ACTIVITIES)).toEqual(made)
    const deep = { ...made.rule, condition: { all: [{ any: [{ field: 'country', op: 'eq', value: 'DE' }] }] } satisfies Condition }
    expect(formFromRule(deep).editable).toBe(false)
  })

  it('says a condition in words', () => {
    const label = (key: string) => DEFAULT_FIELDS.find((field) => field.key === key)?.label ?? key
    expect(describeCondition({ all: [{ field: 'employees', op: 'between', value: [50, 500] }, { not: { field: 'phone', op: 'present' } }] }, label)).toBe(
      'Employees is between 50 and 500 and not (Phone is known)',
    )
  })
})

describe('the one-button and reference fields', () => {
  it('a rule save names a rule only with the revision the editor saw', () => {
    expect(SaveRuleRefSchema.safeParse({ intent: 'save-rule', ruleId: '', revision: '' })).toMatchObject({ success: true, data: { ruleId: undefined, revision: undefined } })
    expect(SaveRuleRefSchema.safeParse({ intent: 'save-rule', ruleId: 'r1', revision: '' }).success).toBe(false)
    expect(DeleteRuleSchema.safeParse({ intent: 'delete-rule', ruleId: 'r1', revision: '2' })).toMatchObject({ success: true, data: { revision: 2 } })
  })

  it('an example delete needs its id and a revision: nothing turns into the string "null"', () => {
    expect(DeleteExampleSchema.safeParse({ intent: 'delete-example', exampleId: 'e1', revision: '1' })).toMatchObject({ success: true, data: { exampleId: 'e1', revision: 1 } })
    for (const bad of [{ revision: '1' }, { exampleId: '', revision: '1' }, { exampleId: 'e1' }, { exampleId: 'e1', revision: '0' }, { exampleId: 'e1', revision: '1', intent: 'delete-rule' }]) {
      expect(DeleteExampleSchema.safeParse({ intent: 'delete-example', ...bad }).success).toBe(false)
    }
  })
})

describe('the thresholds form', () => {
  const stored = { ...DEFAULT_SETTINGS, revision: 3 }

  it('shows the stored settings and saves them back unchanged', () => {
    const values = thresholdsFormValues(stored)
    expect(values).toMatchObject({ intent: 'save-thresholds', revision: '3', mqlMinFit: '40', halfLifeDays: '30', gradeA: '75', gradeD: '0' })
    const parsed = ThresholdsSchema.parse(values)
    expect(thresholdsPatch(parsed)).toEqual({
      fitMax: stored.fitMax,
      engagementMax: stored.engagementMax,
      halfLifeDays: stored.halfLifeDays,
      mqlMinFit: stored.mqlMinFit,
      mqlMinEngagement: stored.mqlMinEngagement,
      grades: stored.grades,
    })
  })

  it('reads an empty half-life as no decay, and refuses grades that do not step down', () => {
    expect(thresholdsPatch(ThresholdsSchema.parse({ ...thresholdsFormValues(stored), halfLifeDays: '' })).halfLifeDays).toBeNull()
    const refused = ThresholdsSchema.safeParse({ ...thresholdsFormValues(stored), gradeB: '80' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(['Grades must step down: A above B above C above D.'])
  })
})

describe('the simulator form', () => {
  it('keeps the rows it is given in place and ends with two empty ones', () => {
    const row = { type: 'webinar', at: '2026-01-01T10:00' }
    const blank = { type: '', at: '' }
    expect(withBlankActivityRows([])).toEqual([blank, blank])
    expect(withBlankActivityRows([row])).toEqual([row, blank, blank])
    expect(withBlankActivityRows([blank, row, blank])).toEqual([blank, row, blank, blank])
    expect(withBlankActivityRows([row, blank, blank])).toEqual([row, blank, blank])
  })

  it('needs a name only to save', () => {
    const lead = { asOf: '', attributes: {}, activities: [] }
    expect(SimulatorSchema.safeParse({ intent: 'simulate', ...lead }).success).toBe(true)
    expect(SimulatorSchema.safeParse({ intent: 'save-example', ...lead }).error?.issues.map((issue) => issue.message)).toEqual(['Name the example lead to save it.'])
  })

  it.each<[string, number | undefined]>([
    ['10000', 10000],
    [' 1e4 ', 10000],
    ['2.5', 2.5],
    ['0x2710', undefined],
    ['1,000', undefined],
    ['Infinity', undefined],
    ['1e400', undefined],
  ])('reads the number "%s" as the engine does', (text, expected) => {
    const form = SimulatorSchema.parse({ intent: 'simulate', asOf: '', attributes: { employees: text } })
    const read = leadFromSimulator(form, [{ key: 'employees', type: 'number' }])
    if (expected === undefined) expect(read).toEqual({ ok: false, errors: { 'attributes.employees': 'Enter a number.' } })
    else expect(read).toMatchObject({ ok: true, lead: { attributes: { employees: expected } } })
  })

  it('scores with the config and explains the stage', () => {
    const score = explainedScorer(acmeScoringConfig)
    const result = score({ attributes: { seniority: 'student', email: 'kim@uni.example', company: 'Uni' }, activities: [] }, '2026-06-01T12:00:00Z')
    expect(result.stage).toBe('disqualified')
    expect(result.explanation).toEqual([expect.stringMatching(/^Disqualified by “.+”: no score can make it an MQL\.$/)])
  })
})

describe('the scoring page’s sections', () => {
  it('are fit, engagement and fast-track', () => {
    expect(SCORING_SECTIONS).toEqual(['fit', 'engagement', 'fastTrack'])
    expect(['fit', 'disqualifier', 'sql', 'toString'].filter(isScoringSection)).toEqual(['fit'])
  })
})

describe('the simulator’s times, on the workshop’s clock', () => {
  it('reads typed times in the workshop’s zone and shows stored instants in it', () => {
    const form = SimulatorSchema.parse({ intent: 'simulate', asOf: '2026-06-01T12:00', activities: [{ type: 'demo', at: '2026-11-20T09:30' }] })
    // Berlin is UTC+2 in June and UTC+1 in November.
    expect(leadFromSimulator(form, [], 'Europe/Berlin')).toEqual({
      ok: true,
      lead: { attributes: {}, activities: [{ type: 'demo', at: '2026-11-20T08:30:00Z' }] },
      asOf: '2026-06-01T10:00:00Z',
    })
    // Without a zone, UTC, as before.
    expect(leadFromSimulator(form, [])).toMatchObject({ asOf: '2026-06-01T12:00:00Z', lead: { activities: [{ at: '2026-11-20T09:30:00Z' }] } })
    expect(simulatorValues({ attributes: {}, activities: [{ type: 'demo', at: '2026-11-20T08:30:00Z' }] }, new Date('2026-06-01T10:00:00Z'), 'x', 'Europe/Berlin')).toEqual({
      name: 'x',
      asOf: '2026-06-01T12:00',
      attributes: {},
      activities: [{ type: 'demo', at: '2026-11-20T09:30' }],
    })
  })
})
