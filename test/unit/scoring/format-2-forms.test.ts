import { describe, expect, it } from 'vitest'
import { assembleConfig } from '~/domain/scoring-model/assemble'
import { DEFAULT_FIELDS, DEFAULT_SETTINGS } from '~/domain/scoring-model/defaults'
import { describeCondition } from '~/domain/scoring-model/describe'
import { BLANK_ACTIVITY_CLAUSE, boundHint, formFromRule, newRuleValues, RuleFormSchema, ruleFromForm, type RuleFormValues } from '~/domain/scoring-model/rule-form'
import { validateFormData } from '~/http/form.server'
import { bandsPatch, BandsSchema, PrioritiesSchema, prioritiesFromForm } from '~/domain/scoring-model/settings-form'
import { conditionInWords, vocabularyOf } from '~/domain/document/plain-words'
import { parseScoringConfig, type Condition } from '~/domain/scoring'
import type { RuleDraft, StoredActivity, StoredRule } from '~/domain/scoring-model/model'

const ACTIVITIES: StoredActivity[] = [
  { key: 'demo_request', label: 'Requested a demo', properties: [{ key: 'completed', label: 'Completed', type: 'boolean' }] },
  { key: 'webinar', label: 'Attended a webinar', properties: [{ key: 'minutesWatched', label: 'Minutes watched', type: 'number' }] },
  { key: 'unsubscribe', label: 'Unsubscribed' },
]
const FIELDS = [...DEFAULT_FIELDS, { key: 'lostOn', label: 'Last deal lost on', type: 'date' as const }]

const blank = { field: '', op: '', value: '', valueTo: '' }
const parse = (input: Record<string, unknown>) => {
  const parsed = RuleFormSchema.safeParse(input)
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
  return parsed.data
}

describe('the rule form ↔ format 2', () => {
  it('an activity rule: property condition, past only, its own half-life, from and until (end of that day)', () => {
    const form = parse({
      ...newRuleValues('engagement'),
      label: 'Held demo',
      points: '30',
      activity: 'demo_request',
      withinDays: '180',
      decay: 'own',
      halfLifeDays: '60',
      since: '2026-01-01',
      until: '2026-12-31',
      where: [{ field: 'completed', op: 'eq', value: 'yes', valueTo: '' }, blank],
    })
    const made = ruleFromForm(form, FIELDS, ACTIVITIES)
    expect(made).toEqual({
      ok: true,
      rule: {
        section: 'engagement',
        label: 'Held demo',
        points: 30,
        condition: null,
        activity: 'demo_request',
        withinDays: 180,
        maxPoints: null,
        options: { where: { field: 'completed', op: 'eq', value: true }, time: 'past', halfLifeDays: 60, since: '2026-01-01', until: '2026-12-31T23:59:59.999' },
      },
    })
    // And back: the editor shows what it wrote.
    const back = formFromRule((made as { ok: true; rule: RuleDraft }).rule)
    expect(back.editable).toBe(true)
    expect(back.values).toMatchObject({ time: 'past', decay: 'own', halfLifeDays: '60', since: '2026-01-01', until: '2026-12-31', where: [{ field: 'completed', op: 'eq', value: 'true' }] })
  })

  it('no decay for one rule is null; the model’s half-life is no key at all; "any" leaves format 1 as it was', () => {
    const none = ruleFromForm(parse({ ...newRuleValues('engagement'), label: 'Booked', points: '5', activity: 'demo_request', time: 'future', decay: 'none' }), FIELDS, ACTIVITIES)
    expect(none).toMatchObject({ ok: true, rule: { options: { time: 'future', halfLifeDays: null } } })
    // A format-1 post (no time, no decay) stays format 1: no options at all.
    const v1 = ruleFromForm(parse({ section: 'engagement', label: 'Webinar', points: '10', basis: 'activity', activity: 'webinar' }), FIELDS, ACTIVITIES)
    expect(v1).toMatchObject({ ok: true, rule: { options: null } })
  })

  it('a property must be one the activity declares, and its value must fit the property’s type', () => {
    const unknown = ruleFromForm(parse({ ...newRuleValues('engagement'), label: 'x', points: '1', activity: 'demo_request', where: [{ field: 'minutesWatched', op: 'gte', value: '30', valueTo: '' }] }), FIELDS, ACTIVITIES)
    expect(unknown).toEqual({ ok: false, errors: { 'where.0.field': 'Pick a property this activity carries.' } })
    const wrongType = ruleFromForm(parse({ ...newRuleValues('engagement'), label: 'x', points: '1', activity: 'demo_request', where: [{ field: 'completed', op: 'eq', value: 'maybe', valueTo: '' }] }), FIELDS, ACTIVITIES)
    expect(wrongType).toEqual({ ok: false, errors: { 'where.0.value': 'Use yes or no.' } })
  })

  it('an activity condition beside a field condition: types, at least N, window, properties; round trip', () => {
    const form = parse({
      ...newRuleValues('fastTrack'),
      basis: 'condition',
      label: 'Webinar regular',
      clauses: [{ field: 'seniority', op: 'in', value: 'vp, director', valueTo: '' }],
      activityClauses: [
        { types: { webinar: 'on', demo_request: false }, minCount: '2', time: 'past', withinDays: '90', since: '', until: '', where: [{ field: 'minutesWatched', op: 'gte', value: '30', valueTo: '' }] },
        { types: {}, time: 'past', where: [] },
      ],
    })
    const made = ruleFromForm(form, FIELDS, ACTIVITIES)
    const expected: Condition = {
      all: [
        { field: 'seniority', op: 'in', value: ['vp', 'director'] },
        { activity: 'webinar', time: 'past', withinDays: 90, where: { field: 'minutesWatched', op: 'gte', value: 30 }, minCount: 2 },
      ],
    }
    expect(made).toMatchObject({ ok: true, rule: { condition: expected, activity: null } })
    const back = formFromRule((made as { ok: true; rule: RuleDraft }).rule)
    expect(back.editable).toBe(true)
    expect(back.values.activityClauses).toEqual([
      {
        types: { webinar: 'on' },
        minCount: '2',
        time: 'past',
        withinDays: '90',
        since: '',
        until: '',
        sinceStored: '',
        untilStored: '',
        where: [{ field: 'minutesWatched', op: 'gte', value: '30', valueTo: '' }],
      },
    ])
    expect(back.values.clauses).toEqual([{ field: 'seniority', op: 'in', value: 'vp, director', valueTo: '' }])
  })

  it('several activity types, negated ("did none"), and an activity condition alone is a whole rule', () => {
    const made = ruleFromForm(
      parse({ ...newRuleValues('disqualifier'), label: 'Gone quiet', activityClauses: [{ types: { webinar: 'on', demo_request: 'on' }, time: 'past', withinDays: '365', negate: 'on', where: [] }] }),
      FIELDS,
      ACTIVITIES,
    )
    expect(made).toMatchObject({ ok: true, rule: { condition: { not: { activity: ['demo_request', 'webinar'], time: 'past', withinDays: 365 } } } })
  })

  it('date operators: before and after take a date, older than takes days', () => {
    const rule = (op: string, value: string) => ruleFromForm(parse({ ...newRuleValues('fit'), label: 'x', points: '1', clauses: [{ field: 'lostOn', op, value, valueTo: '' }] }), FIELDS, ACTIVITIES)
    expect(rule('before', '2025-01-01')).toMatchObject({ ok: true, rule: { condition: { field: 'lostOn', op: 'before', value: '2025-01-01' } } })
    expect(rule('after', '2025-02-30')).toEqual({ ok: false, errors: { 'clauses.0.value': 'Enter a date such as 2025-01-01.' } })
    expect(rule('olderThanDays', '180')).toMatchObject({ ok: true, rule: { condition: { field: 'lostOn', op: 'olderThanDays', value: 180 } } })
    expect(rule('olderThanDays', '-1')).toEqual({ ok: false, errors: { 'clauses.0.value': 'Enter a number of days, 0 or more.' } })
  })

  it('required on an SQL question only; a fast track keeps its window', () => {
    const sql = ruleFromForm(parse({ ...newRuleValues('sql'), label: 'Budget', required: 'on', clauses: [{ field: 'budget', op: 'eq', value: 'yes', valueTo: '' }] }), FIELDS, ACTIVITIES)
    expect(sql).toMatchObject({ ok: true, rule: { options: { required: true } } })
    const fit = ruleFromForm(parse({ ...newRuleValues('fit'), label: 'x', points: '1', required: 'on', clauses: [{ field: 'budget', op: 'eq', value: 'yes', valueTo: '' }] }), FIELDS, ACTIVITIES)
    expect(fit).toMatchObject({ ok: true, rule: { options: null } })
    const ft = ruleFromForm(parse({ ...newRuleValues('fastTrack'), label: 'Fresh demo', activity: 'demo_request', withinDays: '30' }), FIELDS, ACTIVITIES)
    expect(ft).toMatchObject({ ok: true, rule: { withinDays: 30, options: null } })
  })

  it('"until" before "from" and "its own" half-life without days are refused where they were typed', () => {
    const parsed = RuleFormSchema.safeParse({ ...newRuleValues('engagement'), label: 'x', points: '1', activity: 'webinar', decay: 'own', since: '2026-05-01', until: '2026-04-01' })
    expect(parsed.success).toBe(false)
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['halfLifeDays', 'until']))
  })

  it('assembles format 1 when nothing of format 2 is used, format 2 (valid) when something is', () => {
    const settings = { ...DEFAULT_SETTINGS, sqlMinMet: 0 }
    const base: StoredRule = { section: 'engagement', ruleKey: 'eng-demo', label: 'Demo', points: 10, condition: null, activity: 'demo_request', withinDays: 30, maxPoints: null }
    const v1 = assembleConfig({ fields: FIELDS, activities: ACTIVITIES.map(({ key, label }) => ({ key, label })), rules: [base], settings })
    expect(v1.schemaVersion).toBe(1)
    expect(v1.engagement.rules[0]).toEqual({ id: 'eng-demo', label: 'Demo', activity: 'demo_request', points: 10, withinDays: 30 })
    const v2 = assembleConfig({
      fields: FIELDS,
      activities: ACTIVITIES,
      rules: [{ ...base, options: { where: { field: 'completed', op: 'eq', value: true }, time: 'past', halfLifeDays: null } }],
      settings: { ...settings, bands: [{ band: '1', minEngagement: 50 }, { band: '2', minEngagement: 0 }], priorities: [{ grade: 'A', band: '1', priority: 'A1', label: 'Call now', slaPriority: 'hot' }] },
    })
    expect(v2.schemaVersion).toBe(2)
    expect(v2.engagement.rules[0]).toEqual({ id: 'eng-demo', label: 'Demo', activity: 'demo_request', points: 10, withinDays: 30, where: { field: 'completed', op: 'eq', value: true }, time: 'past', halfLifeDays: null })
    expect(parseScoringConfig(v2)).toMatchObject({ ok: true })
  })
})

describe('bands and the priority matrix forms', () => {
  it('bands sort from the top; a renamed band keeps its priorities, a removed one loses them', () => {
    const form = BandsSchema.parse({
      intent: 'save-bands',
      revision: '3',
      bands: [
        { band: 'Warm', minEngagement: '30', was: '2' },
        { band: 'Hot', minEngagement: '60', was: '1' },
        { band: '', minEngagement: '', was: '3' },
      ],
    })
    const patch = bandsPatch(form, {
      priorities: [
        { grade: 'A', band: '1', priority: 'A1', label: 'Call now' },
        { grade: 'A', band: '3', priority: 'A3', label: 'Nurture' },
      ],
    })
    expect(patch).toEqual({
      bands: [
        { band: 'Hot', minEngagement: 60 },
        { band: 'Warm', minEngagement: 30 },
      ],
      priorities: [{ grade: 'A', band: 'Hot', priority: 'A1', label: 'Call now' }],
      dropped: 1,
    })
  })

  it('refuses two bands at one minimum and a band without a name, by row', () => {
    const parsed = BandsSchema.safeParse({ intent: 'save-bands', revision: '1', bands: [{ band: '1', minEngagement: '40' }, { band: '', minEngagement: '40' }] })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['bands.1.band', 'Name the band, e.g. 1 or Hot.'],
      ['bands.1.minEngagement', 'Band 1 already starts at 40.'],
    ])
  })

  it('a cell with what sales does becomes an entry (named grade + band when unnamed); a name without it is refused', () => {
    const form = PrioritiesSchema.parse({
      intent: 'save-priorities',
      revision: '2',
      cells: [
        { grade: 'A', band: '1', priority: '', label: 'Call within 5 minutes', slaPriority: 'hot' },
        { grade: 'A', band: '2', priority: '', label: '', slaPriority: '' },
      ],
    })
    expect(prioritiesFromForm(form)).toEqual([{ grade: 'A', band: '1', priority: 'A1', label: 'Call within 5 minutes', slaPriority: 'hot' }])
    const refused = PrioritiesSchema.safeParse({ intent: 'save-priorities', revision: '2', cells: [{ grade: 'B', band: '1', priority: 'B1', label: '' }] })
    expect(refused.error?.issues[0]?.path).toEqual(['cells', 0, 'label'])
  })
})

describe('format 2 in plain words', () => {
  const words = vocabularyOf({ fields: FIELDS.map(({ key, label, type }) => ({ key, label, type })), activities: ACTIVITIES.map(({ key, label, properties }) => ({ key, label, ...(properties ? { properties } : {}) })) })
  it.each<[string, Condition, string]>([
    ['at least N in a window with a property', { activity: 'webinar', time: 'past', withinDays: 90, minCount: 2, where: { field: 'minutesWatched', op: 'gte', value: 30 } }, 'attended a webinar at least 2 times in the last 90 days (done, not scheduled) (Minutes watched is at least 30)'],
    ['a held demo', { activity: 'demo_request', where: { field: 'completed', op: 'eq', value: true } }, 'requested a demo at least once (Completed: yes)'],
    ['scheduled ahead', { activity: 'demo_request', time: 'future', withinDays: 14 }, 'requested a demo at least once in the next 14 days'],
    ['two types, dated bounds', { activity: ['webinar', 'demo_request'], since: '2026-01-01', until: '2026-03-31T23:59:59.999' }, 'attended a webinar or requested a demo at least once from 1 Jan 2026 until the end of 31 Mar 2026'],
    ['before', { field: 'lostOn', op: 'before', value: '2025-01-01' }, 'Last deal lost on is before 1 Jan 2025'],
    ['after (exact midnight)', { field: 'lostOn', op: 'after', value: '2025-01-01' }, 'Last deal lost on is later than 1 Jan 2025, 00:00 UTC'],
    ['older than', { field: 'lostOn', op: 'olderThanDays', value: 180 }, 'Last deal lost on is more than 180 days ago'],
  ])('%s', (_name, condition, text) => {
    expect(conditionInWords(condition, words)).toBe(text)
  })

  it('the editor’s short words name activities and properties by their labels', () => {
    const names = { activityLabel: (key: string) => ACTIVITIES.find((a) => a.key === key)!.label, propertyLabel: (key: string) => (key === 'completed' ? 'Completed' : key) }
    expect(describeCondition({ activity: 'demo_request', time: 'past', withinDays: 90, where: { field: 'completed', op: 'eq', value: true } }, (key) => key, undefined, names)).toBe(
      'did “Requested a demo” in the last 90 days with Completed is yes',
    )
  })
})

/*
 * A stored "since"/"until" shows in a date input as its day only. Saving the rule without
 * touching that day must write back exactly what was stored (an imported bare "until" is that
 * day's 00:00 UTC, not its end); only a day typed anew is read as the editor writes it.
 */
describe('date bounds survive a re-save', () => {
  const DAY = '2026-03-31'
  const NEW_DAY = '2026-04-15'
  /** Stored values, each shown as DAY in the date input. */
  const STORED = [
    { name: 'a bare date', stored: '2026-03-31' },
    { name: 'a date-time with Z', stored: '2026-03-31T12:00:00Z' },
    { name: 'a date-time without offset', stored: '2026-03-31T12:00' },
    { name: 'an end-of-day value', stored: '2026-03-31T23:59:59.999' },
  ]
  const engagementRule = (bound: 'since' | 'until', stored: string): RuleDraft => ({
    section: 'engagement',
    label: 'Held demo',
    points: 30,
    condition: null,
    activity: 'demo_request',
    withinDays: null,
    maxPoints: null,
    options: { time: 'past', [bound]: stored },
  })
  const conditionRule = (bound: 'since' | 'until', stored: string): RuleDraft => ({
    section: 'disqualifier',
    label: 'Unsubscribed',
    points: null,
    condition: { activity: 'unsubscribe', time: 'past', [bound]: stored },
    activity: null,
    withinDays: null,
    maxPoints: null,
    options: null,
  })

  /**
   * The values as the server-rendered editor posts them without JavaScript (every input by its
   * dotted name, hidden ones included), read by the action's own parser and schema.
   */
  const formDataOf = (values: RuleFormValues) => {
    const formData = new FormData()
    const add = (name: string, value: unknown) => {
      if (value === undefined || value === null) return
      if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) add(name ? `${name}.${key}` : key, inner)
      else formData.append(name, String(value))
    }
    add('', values)
    return formData
  }
  const post = (values: RuleFormValues) => {
    const parsed = validateFormData(formDataOf(values), RuleFormSchema)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    return parsed.data
  }
  const saved = (made: ReturnType<typeof ruleFromForm>) => {
    if (!made.ok) throw new Error(JSON.stringify(made.errors))
    return made.rule
  }
  /** Opens the stored rule in the editor, sets the bound's date input to `day`, and saves. */
  const resave = (rule: RuleDraft, bound: 'since' | 'until', day: string) => {
    const opened = formFromRule(rule)
    expect(opened.editable).toBe(true)
    const values = structuredClone(opened.values)
    if (rule.activity) values[bound] = day
    else values.activityClauses[0]![bound] = day
    return saved(ruleFromForm(post(values), FIELDS, ACTIVITIES))
  }
  const boundOf = (rule: RuleDraft, bound: 'since' | 'until') => (rule.activity ? rule.options?.[bound] : (rule.condition as Record<string, unknown>)[bound])

  const cases = (['since', 'until'] as const).flatMap((bound) =>
    [engagementRule, conditionRule].flatMap((make) =>
      STORED.map(({ name, stored }) => ({ bound, where: make === engagementRule ? 'an activity rule' : 'an activity condition', name, rule: make(bound, stored), stored })),
    ),
  )

  it.each(cases)('$bound on $where, $name: shown as its day, saved back unchanged', ({ bound, rule, stored }) => {
    expect(formFromRule(rule).values).toMatchObject(rule.activity ? { [bound]: DAY } : { activityClauses: [{ [bound]: DAY }] })
    const again = resave(rule, bound, DAY)
    expect(boundOf(again, bound)).toBe(stored)
    expect(again).toEqual(rule)
  })

  it.each(cases)('$bound on $where, $name: a day typed anew is that day’s start (since) or end (until)', ({ bound, rule }) => {
    expect(boundOf(resave(rule, bound, NEW_DAY), bound)).toBe(bound === 'since' ? NEW_DAY : `${NEW_DAY}T23:59:59.999`)
  })

  it.each(cases)('$bound on $where, $name: an emptied date drops the bound', ({ bound, rule }) => {
    expect(boundOf(resave(rule, bound, ''), bound)).toBeUndefined()
  })

  it('a new rule’s typed days: since is the day, until its end (no stored value to keep)', () => {
    const rule = saved(ruleFromForm(post({ ...newRuleValues('engagement'), label: 'x', points: '1', activity: 'webinar', since: DAY, until: DAY }), FIELDS, ACTIVITIES))
    expect(rule.options).toMatchObject({ since: DAY, until: `${DAY}T23:59:59.999` })
  })

  it('round trip: form → rule → form → rule is the same rule, imported bounds and typed ones alike', () => {
    const typed = post({
      ...newRuleValues('disqualifier'),
      label: 'Quiet after the webinar',
      activityClauses: [
        { types: { webinar: 'on' }, minCount: '2', time: 'past', withinDays: '', since: '2026-01-01', until: '2026-03-31', sinceStored: '', untilStored: '', where: [] },
        { types: { unsubscribe: 'on' }, minCount: '', time: 'any', withinDays: '', since: '', until: '', sinceStored: '', untilStored: '', where: [] },
      ],
    })
    const first = saved(ruleFromForm(typed, FIELDS, ACTIVITIES))
    // An import changes the second condition's bounds to what the editor never writes.
    const imported: RuleDraft = structuredClone(first)
    const list = (imported.condition as { all: Record<string, unknown>[] }).all
    list[1] = { ...list[1], since: '2025-06-01T08:00:00Z', until: '2026-03-31' }
    for (const start of [first, imported]) {
      const opened = formFromRule(start).values
      const once = saved(ruleFromForm(post(opened), FIELDS, ACTIVITIES))
      expect(once).toEqual(start)
      const reopened = formFromRule(once).values
      expect(reopened).toEqual(opened)
      expect(saved(ruleFromForm(post(reopened), FIELDS, ACTIVITIES))).toEqual(start)
    }
  })

  it('a stored value that is not a config date (a tampered post) is refused beside its date, not saved', () => {
    const values = { ...newRuleValues('engagement'), label: 'x', points: '1', activity: 'webinar', until: DAY, untilStored: '2026-03-31T12:00+02:00' }
    const parsed = validateFormData(formDataOf(values), RuleFormSchema)
    expect(parsed).toMatchObject({ ok: false, errors: { until: 'The date this rule had could not be read back; reload the page and set the date again.' } })
    const clause = { ...BLANK_ACTIVITY_CLAUSE, types: { webinar: 'on' }, since: DAY, sinceStored: '2026-02-30' }
    const inClause = validateFormData(formDataOf({ ...newRuleValues('disqualifier'), label: 'x', activityClauses: [clause] }), RuleFormSchema)
    expect(inClause).toMatchObject({ ok: false, errors: { 'activityClauses.0.since': 'The date this rule had could not be read back; reload the page and set the date again.' } })
  })

  it.each([
    { at: 'until' as const, stored: '2026-03-31', hint: 'Stored as 2026-03-31 00:00 UTC, kept unless you change the date. Empty: no end.' },
    { at: 'until' as const, stored: '2026-03-31T12:00:00Z', hint: 'Stored as 2026-03-31 12:00:00 UTC, kept unless you change the date. Empty: no end.' },
    { at: 'until' as const, stored: '2026-03-31T23:59:59.999', hint: 'Empty: no end.' },
    { at: 'since' as const, stored: '2026-03-31', hint: 'Empty: no start.' },
    { at: 'since' as const, stored: '2026-03-31T08:00', hint: 'Stored as 2026-03-31 08:00 UTC, kept unless you change the date. Empty: no start.' },
    { at: 'since' as const, stored: '', hint: 'Empty: no start.' },
  ])('the hint beside $at says when the stored $stored is not what the day shows', ({ at, stored, hint }) => {
    expect(boundHint(at, stored)).toBe(hint)
  })
})
