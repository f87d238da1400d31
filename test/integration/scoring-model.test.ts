import { describe, expect, it } from 'vitest'
import { scoringRules } from '#db/schema'
import { parseScoringConfig } from '~/domain/scoring'
import { createInvite, acceptInvite } from '~/models/invite.server'
import { createSuggestion, decideSuggestion, deleteRule, getScoringModel, saveRule, saveSettings } from '~/models/scoring-model.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as scoringAction } from '~/routes/workshops.$workshopId.scoring'
import { loader as schemaLoader } from '~/routes/schemas.scoring-config[.]v1[.]json'
import { formRequest, useTestDatabase, person } from '../setup/test-database'

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
    expect(accepted).toEqual({ ok: true, label: 'Students' })
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

describe('the scoring page action', () => {
  it('lets a marketing member add a rule from the posted form, refuses bad input, and forbids viewers', async () => {
    const fran = await person('fran@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
    const mia = await person('mia@example.com')
    const vic = await person('vic@example.com')
    for (const [who, role] of [
      [mia, 'marketing'],
      [vic, 'viewer'],
    ] as const) {
      const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
      await acceptInvite({ token: invite.token, userId: who.id })
    }
    const post = (who: { cookie: string }, fields: Record<string, string>) =>
      scoringAction({ request: formRequest(`/workshops/${workshop.id}/scoring`, fields, who), params: { workshopId: workshop.id }, context: {} })

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
    const saved = (await post(mia, good)) as Response
    expect(saved.status).toBe(200)
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
    ]
    for (const [fields, field, message] of cases) {
      const response = (await post(mia, fields)) as Response
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: Record<string, string> }).errors[field]).toBe(message)
    }
    expect((await getScoringModel(workshop.id)).config.fit.rules).toHaveLength(1)

    await expect(post(vic, good)).rejects.toMatchObject({ status: 403 })
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
