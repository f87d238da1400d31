import { describe, expect, it } from 'vitest'
import { exampleLeads, scoringRules } from '#db/schema'
import { parseScoringConfig } from '~/domain/scoring'
import { listExampleLeads } from '~/models/example-lead.server'
import { createInvite, acceptInvite } from '~/models/invite.server'
import { RuleFormSchema } from '~/domain/scoring-model/rule-form'
import { createSuggestion, decideSuggestion, deleteRule, getScoringModel, saveRule, saveRuleFromForm, saveSettings } from '~/models/scoring-model.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as scoringAction, loader as scoringLoader } from '~/routes/workshops.$workshopId.scoring/route'
import { action as thresholdsAction, loader as thresholdsLoader } from '~/routes/workshops.$workshopId.scoring_.thresholds/route'
import { action as simulatorAction, loader as simulatorLoader } from '~/routes/workshops.$workshopId.simulator/route'
import { action as criteriaAction, loader as criteriaLoader } from '~/routes/workshops.$workshopId.criteria/route'
import { loader as schemaLoader } from '~/routes/schemas.scoring-config[.]v1[.]json'
import { formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

const fitDraft = (label: string, points: number) => ({
  section: 'fit' as const,
  label,
  points,
  condition: { field: 'employees', op: 'gte' as const, value: 50 },
  activity: null,
  withinDays: null,
  maxPoints: null,
})

describe('the stored scoring model', () => {
  it('starts from valid defaults: the default fields, activities and BANT questions (3 of 4)', async () => {
    const dana = await person('dana@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const model = await getScoringModel(workshop.id)
    expect(model.problems).toEqual([])
    expect(model.fields.map((f) => f.key)).toEqual(expect.arrayContaining(['jobTitle', 'seniority', 'industry', 'employees', 'country', 'email', 'phone']))
    expect(model.activities.map((a) => a.key)).toEqual(
      expect.arrayContaining(['pricing_view', 'demo_request', 'trial_start', 'content_download', 'webinar', 'email_click', 'form_fill']),
    )
    expect(model.config.sql).toMatchObject({ minMet: 3 })
    expect(model.config.sql.criteria).toHaveLength(4)
    expect(parseScoringConfig(model.config).ok).toBe(true)
  })

  it('refuses a stale rule edit with the other person’s version, and changes nothing', async () => {
    const dana = await person('dana2@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const created = await saveRule({ workshopId: workshop.id, userId: dana.id, draft: fitDraft('Mid-size', 10) })
    if (!created.ok) throw new Error('not saved')
    const first = await saveRule({ workshopId: workshop.id, userId: dana.id, ruleId: created.value.id, revision: 1, draft: fitDraft('Mid-size', 15) })
    expect(first.ok).toBe(true)
    const stale = await saveRule({ workshopId: workshop.id, userId: dana.id, ruleId: created.value.id, revision: 1, draft: fitDraft('Mid-size', 99) })
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { points: 15, revision: 2 } })
    const model = await getScoringModel(workshop.id)
    expect(model.config.fit.rules).toEqual([expect.objectContaining({ id: 'fit-mid-size', points: 15 })])
  })

  it('reads the model once to save a rule from the editor: the form is checked against that load, inside the write', async () => {
    const dana = await person('dana6@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const statementsFor = async (work: () => Promise<unknown>) => {
      const before = store().statementCount
      await work()
      return store().statementCount - before
    }
    const form = RuleFormSchema.parse({ section: 'fit', label: 'Mid-size', points: '10', clauses: [{ field: 'employees', op: 'gte', value: '50' }] })
    const oneLoad = await statementsFor(() => getScoringModel(workshop.id))
    const emptyTransaction = await statementsFor(() => store().transaction(async () => {}))
    let saved: Awaited<ReturnType<typeof saveRuleFromForm>> | undefined
    const saving = await statementsFor(async () => (saved = await saveRuleFromForm({ workshopId: workshop.id, userId: dana.id, form })))
    expect(saved).toMatchObject({ ok: true, value: { label: 'Mid-size', condition: { field: 'employees', op: 'gte', value: 50 } } })
    // One load, the transaction around it, and the insert.
    expect(saving).toBe(oneLoad + emptyTransaction + 1)
    // The form is read against the same load: a field the workshop lacks is refused, nothing written.
    const unknown = RuleFormSchema.parse({ section: 'fit', label: 'Shoes', points: '1', clauses: [{ field: 'shoeSize', op: 'gte', value: '40' }] })
    expect(await saveRuleFromForm({ workshopId: workshop.id, userId: dana.id, form: unknown })).toEqual({ ok: false, reason: 'invalid', errors: { 'clauses.0.field': 'Pick a field.' } })
    expect((await getScoringModel(workshop.id)).config.fit.rules).toHaveLength(1)
  })

  it('refuses a change that would make the config invalid (fewer SQL questions than must hold)', async () => {
    const dana = await person('dana3@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const model = await getScoringModel(workshop.id)
    const sqlRules = model.rules.filter((rule) => rule.section === 'sql')
    expect((await deleteRule({ workshopId: workshop.id, ruleId: sqlRules[0]!.id, revision: sqlRules[0]!.revision })).ok).toBe(true)
    const refused = await deleteRule({ workshopId: workshop.id, ruleId: sqlRules[1]!.id, revision: sqlRules[1]!.revision })
    expect(refused).toMatchObject({ ok: false, reason: 'invalid' })
    expect(JSON.stringify(refused)).toMatch(/minMet/)
    expect((await getScoringModel(workshop.id)).config.sql.criteria).toHaveLength(3)

    const settings = (await getScoringModel(workshop.id)).settings
    const tooMany = await saveSettings({ workshopId: workshop.id, userId: dana.id, revision: settings.revision, patch: { sqlMinMet: 4 } })
    expect(tooMany).toMatchObject({ ok: false, reason: 'invalid' })
  })

  it('turns an accepted suggestion into a rule, once', async () => {
    const dana = await person('dana4@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const suggestion = await createSuggestion({
      workshopId: workshop.id,
      source: 'persona',
      sourceLabel: 'Students',
      section: 'disqualifier',
      label: 'Students',
      condition: { field: 'jobTitle', op: 'contains', value: 'student' },
      activity: null,
    })
    const accepted = await decideSuggestion({ workshopId: workshop.id, userId: dana.id, suggestionId: suggestion.id, revision: 1, accept: true })
    expect(accepted).toEqual({ ok: true, label: 'Students', section: 'disqualifier' })
    const again = await decideSuggestion({ workshopId: workshop.id, userId: dana.id, suggestionId: suggestion.id, revision: 2, accept: true })
    expect(again).toMatchObject({ ok: false, reason: 'conflict' })
    expect((await getScoringModel(workshop.id)).config.disqualifiers).toEqual([
      { id: 'dq-students', label: 'Students', when: { field: 'jobTitle', op: 'contains', value: 'student' } },
    ])
  })

  it('rolls back the decision when the suggested rule is invalid', async () => {
    const dana = await person('dana5@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: dana.id })
    const suggestion = await createSuggestion({
      workshopId: workshop.id,
      source: 'trait',
      sourceLabel: 'Uses our competitor',
      section: 'disqualifier',
      label: 'Uses a competitor',
      condition: { field: 'competitor', op: 'present' },
      activity: null,
    })
    const result = await decideSuggestion({ workshopId: workshop.id, userId: dana.id, suggestionId: suggestion.id, revision: 1, accept: true })
    expect(result).toMatchObject({ ok: false, reason: 'invalid' })
    expect(JSON.stringify(result)).toMatch(/competitor/)
    const rules = await store().db.select().from(scoringRules)
    expect(rules.some((rule) => rule.label === 'Uses a competitor')).toBe(false)
    // Still open: the failed acceptance left no trace.
    expect(await decideSuggestion({ workshopId: workshop.id, userId: dana.id, suggestionId: suggestion.id, revision: 1, accept: false })).toMatchObject({ ok: true })
  })
})

// Route answers are JSON, read loosely here: the expectations themselves check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>

/** The criteria page (step 4) for a workshop with a facilitator, a marketing member and a viewer. */
async function criteriaPage(n: number) {
  const fran = await person(`fran-criteria${n}@example.com`)
  const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
  const mia = await person(`mia-criteria${n}@example.com`)
  const vic = await person(`vic-criteria${n}@example.com`)
  for (const [who, role] of [
    [mia, 'marketing'],
    [vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const url = `/workshops/${workshop.id}/criteria`
  const params = { workshopId: workshop.id }
  const settle = async (run: () => Promise<unknown>) => {
    try {
      return (await run()) as Response
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }
  const post = async (who: { cookie: string }, fields: Record<string, string>) => {
    const response = await settle(() => criteriaAction({ request: formRequest(url, fields, who), params, context: {} }))
    return {
      status: response.status,
      location: response.headers.get('Location'),
      setCookie: response.headers.get('Set-Cookie'),
      body: (response.headers.get('Content-Type')?.includes('json') ? await response.json() : {}) as Loose,
    }
  }
  const load = async (who: { cookie: string }, query = '') => (await (await settle(() => criteriaLoader({ request: getRequest(`${url}${query}`, who), params, context: {} }))).json()) as Loose
  return { workshop, fran, mia, vic, url, post, load }
}

const flashed = { status: 302, setCookie: expect.stringMatching(/^__flash=/) }

describe('the criteria page action', () => {
  const rule = {
    intent: 'save-rule',
    section: 'fit',
    label: 'Mid-market',
    points: '0',
    basis: 'condition',
    combinator: 'all',
    'clauses.0.field': 'employees',
    'clauses.0.op': 'between',
    'clauses.0.value': '200–5000',
    'clauses.1.field': '',
    'clauses.1.op': '',
    'clauses.1.value': '',
  }

  it('adds, edits and deletes criteria with Post/Redirect/Get, refuses bad input and stale revisions, and other pages’ rules', async () => {
    const { workshop, mia, vic, url, post, load } = await criteriaPage(1)
    expect((await post(vic, rule)).status).toBe(403)
    expect(await post(mia, rule)).toMatchObject({ ...flashed, location: `${url}#qualify-heading` })
    const [added] = (await getScoringModel(workshop.id)).rules.filter((candidate) => candidate.section === 'fit')
    expect(added).toMatchObject({ label: 'Mid-market', points: 0, condition: { field: 'employees', op: 'between', value: [200, 5000] }, revision: 1 })

    // A refused rule answers for the editor with what was sent, nested as the form reads it.
    expect(await post(mia, { ...rule, label: '' })).toMatchObject({
      status: 400,
      body: { form: 'save-rule', errors: { label: 'Describe the rule in a few words.' }, values: { label: '', clauses: [{ field: 'employees', value: '200–5000' }, { field: '' }] } },
    })
    expect((await post(mia, { ...rule, 'clauses.0.field': 'shoeSize' })).body.errors).toEqual({ 'clauses.0.field': 'Pick a field.' })
    expect((await post(mia, { ...rule, section: 'engagement' })).body).toMatchObject({ form: 'save-rule', errors: { section: 'This page does not edit that kind of rule.' } })
    expect((await post(mia, { ...rule, ruleId: added!.id })).body).toMatchObject({ form: 'save-rule', errors: { form: 'This form is out of date: reload the page.' } })

    // Editing at the revision the editor saw; the same form again is stale: 409 with their label and the revision to retry at.
    const edit = { ...rule, ruleId: added!.id, revision: '1', label: 'Mid-market (200–5,000)' }
    expect(await post(mia, edit)).toMatchObject({ ...flashed, location: `${url}#qualify-heading` })
    expect(await post(mia, { ...edit, label: 'Mid-market again' })).toMatchObject({
      status: 409,
      body: { form: 'save-rule', conflict: { theirs: { label: 'Mid-market (200–5,000)' } }, values: { label: 'Mid-market again', revision: '2' } },
    })
    expect((await load(mia, `?edit=${added!.id}`)).editing).toMatchObject({ id: added!.id, revision: 2, values: { label: 'Mid-market (200–5,000)' } })

    const remove = { intent: 'delete-rule', ruleId: added!.id, revision: '1' }
    expect((await post(vic, { ...remove, revision: '2' })).status).toBe(403)
    expect((await post(mia, { ...remove, revision: '' })).body).toMatchObject({ form: 'delete-rule', errors: { form: 'This form is out of date: reload the page.' } })
    expect(await post(mia, remove)).toMatchObject({ status: 409, body: { form: 'delete-rule', conflict: { theirs: { label: 'Mid-market (200–5,000)' } } } })
    expect(await post(mia, { ...remove, revision: '2' })).toMatchObject({ ...flashed, location: url })
    expect(await post(mia, { ...remove, revision: '2' })).toMatchObject({ ...flashed, location: url })
    expect((await getScoringModel(workshop.id)).config.fit.rules).toEqual([])
    // Taking away an SQL question that the model needs (3 of 4 must hold) is refused in words.
    const [question] = (await getScoringModel(workshop.id)).rules.filter((candidate) => candidate.section === 'sql')
    await saveSettings({ workshopId: workshop.id, userId: mia.id, revision: 1, patch: { sqlMinMet: 4 } })
    const refused = await post(mia, { intent: 'delete-rule', ruleId: question!.id, revision: String(question!.revision) })
    expect(refused).toMatchObject({ status: 400, body: { form: 'delete-rule', errors: { form: expect.stringMatching(/SQL/) } } })
    expect((await post(mia, { ...remove, intent: 'remove-rule' })).status).toBe(400)
  })

  it('saves the required information and the SQL threshold at the settings’ revision', async () => {
    const { workshop, mia, vic, url, post, load } = await criteriaPage(2)
    const page = await load(vic)
    expect(page).toMatchObject({ canEdit: false, settings: { revision: 1, required: ['email', 'company'], sqlMinMet: 3 } })
    expect((await load(mia)).canEdit).toBe(true)

    const required = { intent: 'save-required', revision: '1', 'required.email': 'on', 'required.phone': 'on' }
    expect((await post(vic, required)).status).toBe(403)
    expect(await post(mia, required)).toMatchObject({ ...flashed, location: `${url}#required-heading` })
    expect((await getScoringModel(workshop.id)).settings).toMatchObject({ revision: 2, required: ['email', 'phone'] })
    expect(await post(mia, { ...required, 'required.company': 'on' })).toMatchObject({ status: 409, body: { form: 'save-required', conflict: { message: expect.stringMatching(/^Someone changed these settings/) } } })
    expect((await post(mia, { ...required, revision: 'two' })).body).toMatchObject({ form: 'save-required', errors: { revision: 'This form is out of date: reload the page.' } })
    // Nothing ticked: no field is required.
    expect((await post(mia, { intent: 'save-required', revision: '2' })).status).toBe(302)
    expect((await getScoringModel(workshop.id)).settings.required).toEqual([])

    const threshold = { intent: 'save-sql-min-met', revision: '3', sqlMinMet: '2' }
    expect(await post(mia, threshold)).toMatchObject({ ...flashed, location: `${url}#sql-heading` })
    expect((await getScoringModel(workshop.id)).settings.sqlMinMet).toBe(2)
    expect(await post(mia, { ...threshold, sqlMinMet: '4' })).toMatchObject({ status: 409, body: { form: 'save-sql-min-met', conflict: { message: 'Someone changed this meanwhile; the page shows their value now.' } } })
    expect(await post(mia, { ...threshold, revision: '4', sqlMinMet: '5' })).toMatchObject({
      status: 400,
      body: { form: 'save-sql-min-met', errors: { sqlMinMet: 'There are not that many SQL questions.' }, values: { sqlMinMet: '5' } },
    })
    expect((await post(mia, { ...threshold, revision: '4', sqlMinMet: '0' })).body.errors).toEqual({ sqlMinMet: 'At least one question must hold.' })
    expect((await getScoringModel(workshop.id)).settings).toMatchObject({ revision: 4, sqlMinMet: 2 })
  })

  it('adds fields and activities, refusing bad and taken keys', async () => {
    const { workshop, mia, vic, url, post } = await criteriaPage(3)
    const field = { intent: 'add-field', label: 'Annual revenue', key: 'annualRevenue', type: 'number' }
    expect((await post(vic, field)).status).toBe(403)
    expect(await post(mia, field)).toMatchObject({ ...flashed, location: `${url}#fields-heading` })
    expect(await post(mia, { ...field, key: 'AnnualRevenue' })).toMatchObject({ status: 400, body: { form: 'add-field', errors: { key: 'This workshop already has a field with this key.' }, values: { label: 'Annual revenue' } } })
    expect((await post(mia, { ...field, key: '1st-revenue', type: 'money' })).body.errors).toEqual({
      key: 'Use letters, digits and _ only, starting with a letter (it is the column name in exports).',
      type: 'Pick a type.',
    })
    const activity = { intent: 'add-activity', label: 'Event visit', key: 'event_visit' }
    expect(await post(mia, activity)).toMatchObject({ ...flashed, location: `${url}#fields-heading` })
    expect((await post(mia, activity)).body).toMatchObject({ form: 'add-activity', errors: { key: 'This workshop already has an activity with this key.' } })
    expect((await post(mia, { ...activity, label: '' })).body.errors).toMatchObject({ label: 'Enter a label.' })
    const model = await getScoringModel(workshop.id)
    expect(model.fields.filter((candidate) => candidate.key === 'annualRevenue')).toHaveLength(1)
    expect(model.activities.filter((candidate) => candidate.key === 'event_visit')).toHaveLength(1)
  })

  it('accepts and dismisses suggestions once, and says why one cannot become a criterion', async () => {
    const { workshop, mia, vic, url, post, load } = await criteriaPage(4)
    const suggest = (label: string, condition: Parameters<typeof createSuggestion>[0]['condition']) =>
      createSuggestion({ workshopId: workshop.id, source: 'persona', sourceLabel: label, section: 'disqualifier', label, condition, activity: null })
    const students = await suggest('Students', { field: 'jobTitle', op: 'contains', value: 'student' })
    const agencies = await suggest('Agencies', { field: 'industry', op: 'eq', value: 'Agency' })
    const broken = await suggest('Competitors', { field: 'competitor', op: 'present' })
    expect((await load(vic)).suggestions.map((suggestion: Loose) => suggestion.description)).toHaveLength(3)

    const accept = { intent: 'accept-suggestion', suggestionId: students.id, revision: '1' }
    expect((await post(vic, accept)).status).toBe(403)
    expect(await post(mia, accept)).toMatchObject({ ...flashed, location: url })
    expect(await post(mia, accept)).toMatchObject({ status: 409, body: { form: 'suggestion', conflict: { message: 'Someone already decided on this suggestion.' } } })
    expect(await post(mia, { intent: 'dismiss-suggestion', suggestionId: agencies.id, revision: '1' })).toMatchObject({ ...flashed, location: url })
    expect((await post(mia, { ...accept, suggestionId: '' })).body).toMatchObject({ form: 'suggestion', errors: { form: 'This suggestion form is out of date: reload the page.' } })
    const refused = await post(mia, { ...accept, suggestionId: broken.id })
    expect(refused).toMatchObject({ status: 400, body: { form: 'suggestion', errors: { form: expect.stringMatching(/competitor/) } } })
    expect((await load(vic)).suggestions.map((suggestion: Loose) => suggestion.label)).toEqual(['Competitors'])
    expect((await getScoringModel(workshop.id)).config.disqualifiers.map((rule) => rule.label)).toEqual(['Students'])
  })
})

/** A workshop with a facilitator, a marketing member and a viewer, and a page's action and loader as each of them calls it. */
async function stepPage(n: number, page: 'scoring' | 'scoring/thresholds' | 'simulator') {
  const who = page.replace('/', '-')
  const fran = await person(`fran-${who}${n}@example.com`)
  const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
  const mia = await person(`mia-${who}${n}@example.com`)
  const vic = await person(`vic-${who}${n}@example.com`)
  for (const [who, role] of [
    [mia, 'marketing'],
    [vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const url = `/workshops/${workshop.id}/${page}`
  const params = { workshopId: workshop.id }
  const [action, loader] = page === 'scoring' ? [scoringAction, scoringLoader] : page === 'scoring/thresholds' ? [thresholdsAction, thresholdsLoader] : [simulatorAction, simulatorLoader]
  const settle = async (run: () => Promise<unknown>) => {
    try {
      return (await run()) as Response
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }
  const read = async (response: Response) => ({
    status: response.status,
    location: response.headers.get('Location'),
    setCookie: response.headers.get('Set-Cookie'),
    body: (response.headers.get('Content-Type')?.includes('json') ? await response.json() : {}) as Loose,
  })
  const post = async (who: { cookie: string }, fields: Record<string, string>) => read(await settle(() => action({ request: formRequest(url, fields, who), params, context: {} })))
  const load = async (who: { cookie: string }, query = '') => read(await settle(() => loader({ request: getRequest(`${url}${query}`, who), params, context: {} })))
  return { workshop, fran, mia, vic, url, post, load }
}

describe('the scoring page action', () => {
  const good = {
    intent: 'save-rule',
    section: 'fit',
    label: 'Mid-market',
    points: '20',
    basis: 'condition',
    combinator: 'all',
    'clauses.0.field': 'employees',
    'clauses.0.op': 'between',
    'clauses.0.value': '200–5000',
    'clauses.1.field': '',
    'clauses.1.op': '',
    'clauses.1.value': '',
  }

  it('lets a marketing member add a rule from the posted form (Post/Redirect/Get), refuses bad input, and forbids viewers', async () => {
    const { workshop, mia, vic, url, post } = await stepPage(1, 'scoring')
    expect(await post(mia, good)).toMatchObject({ ...flashed, location: `${url}#fit-heading` })
    expect((await getScoringModel(workshop.id)).config.fit.rules).toEqual([
      { id: 'fit-mid-market', label: 'Mid-market', points: 20, when: { field: 'employees', op: 'between', value: [200, 5000] } },
    ])

    const cases: [Record<string, string>, string, string][] = [
      [{ ...good, label: '' }, 'label', 'Describe the rule in a few words.'],
      [{ ...good, points: 'many' }, 'points', 'Points must be a whole number.'],
      [{ ...good, 'clauses.0.value': '5000–200' }, 'clauses.0.value', 'The upper bound must not be below the lower bound.'],
      [{ ...good, 'clauses.0.field': 'shoeSize' }, 'clauses.0.field', 'Pick a field.'],
      [{ ...good, 'clauses.0.op': 'equals' }, 'clauses.0.op', 'Pick an operator.'],
      [{ ...good, label: 'x'.repeat(121) }, 'label', 'A label has at most 120 characters.'],
      [{ ...good, section: 'disqualifier' }, 'section', 'This page does not edit that kind of rule.'],
    ]
    for (const [fields, field, message] of cases) {
      const refused = await post(mia, fields)
      expect(refused).toMatchObject({ status: 400, body: { form: 'save-rule', errors: { [field]: message } } })
      expect(refused.body.values).toMatchObject({ label: fields.label, clauses: [{ field: fields['clauses.0.field'] }, { field: '' }] })
    }
    expect((await getScoringModel(workshop.id)).config.fit.rules).toHaveLength(1)

    expect((await post(vic, good)).status).toBe(403)
    expect((await post(mia, { ...good, intent: 'save-settings' })).status).toBe(400)
  })

  it('edits and deletes at the revision the person saw: a stale save or delete answers 409 with their version', async () => {
    const { workshop, mia, fran, url, post } = await stepPage(2, 'scoring')
    await post(mia, { ...good, section: 'engagement', label: 'Demo request', basis: 'activity', activity: 'demo_request', points: '20', withinDays: '30', maxPoints: '40' })
    const [rule] = (await getScoringModel(workshop.id)).rules.filter((candidate) => candidate.section === 'engagement')
    expect(rule).toMatchObject({ label: 'Demo request', activity: 'demo_request', points: 20, withinDays: 30, maxPoints: 40, revision: 1 })

    const edit = { ...good, section: 'engagement', basis: 'activity', activity: 'demo_request', ruleId: rule!.id, revision: '1', label: 'Demo request', points: '25' }
    expect(await post(fran, edit)).toMatchObject({ ...flashed, location: `${url}#engagement-heading` })
    expect(await post(mia, { ...edit, points: '30' })).toMatchObject({
      status: 409,
      body: { form: 'save-rule', conflict: { theirs: { label: 'Demo request', points: 25 } }, values: { points: '30', revision: '2' } },
    })
    expect((await post(mia, { ...edit, revision: '' })).body).toMatchObject({ form: 'save-rule', errors: { form: 'This form is out of date: reload the page.' } })

    const remove = { intent: 'delete-rule', ruleId: rule!.id, revision: '1' }
    expect(await post(mia, remove)).toMatchObject({ status: 409, body: { form: 'delete-rule', conflict: { theirs: { label: 'Demo request', points: 25 } } } })
    expect(await post(mia, { intent: 'delete-rule', revision: '2' })).toMatchObject({ status: 400, body: { form: 'delete-rule', errors: { form: 'This form is out of date: reload the page.' } } })
    expect(await post(mia, { ...remove, revision: '2' })).toMatchObject({ ...flashed, location: url })
    expect((await getScoringModel(workshop.id)).config.engagement.rules).toEqual([])
    // Deleted meanwhile (here: by this very person, twice): what was wanted has happened.
    expect(await post(mia, { ...remove, revision: '2' })).toMatchObject({ ...flashed, location: url })
  })

  it('saves the thresholds at the settings’ revision, refusing bad values and a stale form', async () => {
    const { workshop, mia, vic, url, post, load } = await stepPage(3, 'scoring/thresholds')
    const page = await load(vic)
    expect(page.body).toMatchObject({ canEdit: false, thresholds: { intent: 'save-thresholds', revision: '1', mqlMinFit: '40', gradeA: '75', halfLifeDays: '30' } })
    expect((await load(mia)).body.canEdit).toBe(true)

    const thresholds = { ...page.body.thresholds, mqlMinFit: '50', halfLifeDays: '' } as Record<string, string>
    expect((await post(vic, thresholds)).status).toBe(403)
    expect(await post(mia, thresholds)).toMatchObject({ ...flashed, location: `${url}#thresholds-heading` })
    expect((await getScoringModel(workshop.id)).settings).toMatchObject({ revision: 2, mqlMinFit: 50, halfLifeDays: null })
    expect(await post(mia, { ...thresholds, mqlMinFit: '60' })).toMatchObject({
      status: 409,
      body: { form: 'save-thresholds', conflict: { message: expect.stringMatching(/^Someone saved the thresholds/), theirs: { revision: '2', mqlMinFit: '50' } } },
    })
    expect(await post(mia, { ...thresholds, revision: '2', gradeB: '80' })).toMatchObject({
      status: 400,
      body: { form: 'save-thresholds', errors: { gradeB: 'Grades must step down: A above B above C above D.' }, values: { gradeB: '80' } },
    })
    expect((await post(mia, { ...thresholds, revision: 'x' })).body.errors).toEqual({ revision: 'This form is out of date: reload the page.' })
    expect((await getScoringModel(workshop.id)).settings).toMatchObject({ revision: 2, mqlMinFit: 50 })
  })
})

describe('the simulator', () => {
  const lead = {
    'attributes.jobTitle': 'VP Finance',
    'attributes.employees': '300',
    'attributes.email': 'pat@corp.example',
    'attributes.company': 'Corp',
    'activities.0.type': 'demo_request',
    'activities.0.at': '2026-11-19T09:30',
    'activities.1.type': '',
    'activities.1.at': '',
    asOf: '2026-11-20T12:00',
  }
  const query = (fields: Record<string, string>) => `?${new URLSearchParams(fields)}`

  it('scores a lead given in the query (a GET: nothing is stored), and refuses a bad one with 400', async () => {
    const { workshop, mia, vic, load } = await stepPage(1, 'simulator')
    await saveRule({ workshopId: workshop.id, userId: mia.id, draft: fitDraft('Mid-size', 30) })
    for (const who of [vic, mia]) {
      const scored = await load(who, query({ intent: 'simulate', ...lead }))
      expect(scored).toMatchObject({ status: 200, body: { refused: null, lead: { asOf: '2026-11-20T12:00', attributes: { jobTitle: 'VP Finance' }, activities: [{ type: 'demo_request', at: '2026-11-19T09:30' }, { type: '', at: '' }] } } })
      expect(scored.body.result).toMatchObject({ fit: 30, stage: 'lead', contributions: [{ ruleId: 'fit-mid-size', matched: true, points: 30 }] })
      expect(scored.body.result.explanation).toContain('Fit is 30, below the MQL threshold of 40 (it needs 10 more).')
    }
    // Without intent=simulate the query is not a lead: the empty form, no result.
    expect((await load(mia, query(lead))).body).toMatchObject({ result: null, refused: null, lead: { attributes: {} } })

    const refused = await load(mia, query({ intent: 'simulate', ...lead, 'attributes.employees': 'many', 'activities.1.type': 'webinar' }))
    expect(refused).toMatchObject({
      status: 400,
      body: { result: null, refused: { form: 'simulate', errors: { 'activities.1.at': 'When did it happen?' }, values: { attributes: { employees: 'many' } } } },
    })
    expect((await load(mia, query({ intent: 'simulate', ...lead, 'attributes.employees': 'many' }))).body.refused.errors).toEqual({ 'attributes.employees': 'Enter a number.' })
    expect((await load(mia, query({ intent: 'simulate', ...lead, asOf: 'tomorrow' }))).body.refused.errors).toEqual({ asOf: 'Enter a date and time, e.g. 2026-06-01T12:00.' })
    expect(await store().db.select().from(exampleLeads)).toEqual([])
  })

  it('saves an example (Post/Redirect/Get to it) and deletes it at its revision; viewers do neither', async () => {
    const { workshop, mia, vic, url, post, load } = await stepPage(2, 'simulator')
    const save = { intent: 'save-example', name: 'CFO at Corp', ...lead }
    expect((await post(vic, save)).status).toBe(403)
    expect(await post(mia, { ...save, name: '' })).toMatchObject({ status: 400, body: { form: 'save-example', errors: { name: 'Name the example lead to save it.' }, values: { attributes: { jobTitle: 'VP Finance' } } } })
    // "Score this lead" is a GET now; posting it is an out-of-date form.
    expect((await post(mia, { ...save, intent: 'simulate' })).status).toBe(400)

    const saved = await post(mia, save)
    expect(saved).toMatchObject({ ...flashed, location: expect.stringMatching(new RegExp(`^${url}\\?example=`)) })
    const [example] = await listExampleLeads(workshop.id)
    // Typed on the workshop's clock (Berlin, UTC+1 in November), stored as the instant.
    expect(example).toMatchObject({ name: 'CFO at Corp', revision: 1, lead: { attributes: { jobTitle: 'VP Finance', employees: 300 }, activities: [{ type: 'demo_request', at: '2026-11-19T08:30:00Z' }] } })
    expect(saved.location).toBe(`${url}?example=${example!.id}`)
    const shown = await load(vic, `?example=${example!.id}`)
    expect(shown.body).toMatchObject({ lead: { name: 'CFO at Corp', asOf: '2026-11-20T12:00' }, result: { fit: 0 }, examples: [{ id: example!.id, name: 'CFO at Corp', revision: 1 }] })

    const remove = { intent: 'delete-example', exampleId: example!.id, revision: '1' }
    expect((await post(vic, remove)).status).toBe(403)
    // A missing id is an out-of-date form, not the example "null"; a stale revision is a conflict.
    expect(await post(mia, { intent: 'delete-example', revision: '1' })).toMatchObject({ status: 400, body: { form: 'delete-example', errors: { form: 'This form is out of date: reload the page.' } } })
    expect(await post(mia, { ...remove, revision: '0' })).toMatchObject({ status: 400, body: { form: 'delete-example' } })
    expect(await post(mia, { ...remove, revision: '2' })).toMatchObject({ status: 409, body: { form: 'delete-example', conflict: { theirs: { name: 'CFO at Corp', revision: 1 } } } })
    expect(await listExampleLeads(workshop.id)).toHaveLength(1)
    expect(await post(mia, remove)).toMatchObject({ ...flashed, location: `${url}#examples-heading` })
    expect(await listExampleLeads(workshop.id)).toEqual([])
    expect(await post(mia, remove)).toMatchObject({ ...flashed, location: `${url}#examples-heading` })
  })
})

describe('the JSON Schema route', () => {
  it('serves the config schema (draft 2020-12)', async () => {
    const response = await schemaLoader()
    expect(response.headers.get('Content-Type')).toContain('application/schema+json')
    const schema = (await response.json()) as Record<string, unknown>
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toContain('/schemas/scoring-config.v1.json')
  })
})
