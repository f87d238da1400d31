import { describe, expect, it } from 'vitest'
import { funnelTargets, handoffSlas, lifecycleStages } from '#db/schema'
import { seedLifecycleDemo } from '~/demo/lifecycle.server'
import { funnelToForm, stageToForm } from '~/domain/lifecycle/forms'
import { handoffToForm } from '~/domain/sla/form'
import { defaultHandoff, HandoffSchema, type Handoff } from '~/domain/sla/schema'
import { defaultStages } from '~/domain/lifecycle/stages'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getHandoff, getHandoffRecord, getLifecycle, lifecycleProgress } from '~/models/lifecycle.server'
import { getStepStates } from '~/models/progress.server'
import { saveContext } from '~/models/context.server'
import { ContextSchema } from '~/domain/context/schemas'
import { createWorkshop } from '~/models/workshop.server'
import { readFlash } from '~/http/flash.server'
import { action as slaAction, loader as slaLoader } from '~/routes/workshops.$workshopId.sla/route'
import { action as stagesAction, loader as stagesLoader } from '~/routes/workshops.$workshopId.stages/route'
import { cookieFrom, formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

type Person = Awaited<ReturnType<typeof person>>

/** A workshop with a facilitator, a marketing, a sales and a viewer member. */
async function workshopWithTeam(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'Acme', userId: fran.id })
  const team: Record<'mia' | 'sam' | 'vic', Person> = {
    mia: await person(`mia-${tag}@example.com`),
    sam: await person(`sam-${tag}@example.com`),
    vic: await person(`vic-${tag}@example.com`),
  }
  for (const [who, role] of [
    [team.mia, 'marketing'],
    [team.sam, 'sales'],
    [team.vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const params = { workshopId: workshop.id }
  return {
    workshop,
    fran,
    ...team,
    postSla: (who: Person, fields: Record<string, string>) =>
      slaAction({ request: formRequest(`/workshops/${workshop.id}/sla`, fields, who), params, context: {} }) as Promise<Response>,
    postStages: (who: Person, fields: Record<string, string>) =>
      stagesAction({ request: formRequest(`/workshops/${workshop.id}/stages`, fields, who), params, context: {} }) as Promise<Response>,
  }
}

/** The names and values a browser posts for nested form values (`businessHours.mon.open`). */
function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === undefined || value === null || value === false) return {}
  if (typeof value !== 'object') return { [prefix]: String(value === true ? 'on' : value) }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (fields, [key, child]) => ({ ...fields, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  )
}

/** The SLA form as the page renders it (opened on the stored handoff), with `change` typed in. */
async function slaFields(workshopId: string, change: (handoff: Handoff) => Handoff = (handoff) => handoff): Promise<Record<string, string>> {
  const record = await getHandoffRecord(workshopId)
  return { intent: 'save-sla', ...flatten({ ...handoffToForm(change(structuredClone(record.handoff)), record.revision), base: JSON.stringify(record.handoff) }) }
}

async function body<T = Record<string, unknown>>(response: Response) {
  return (await response.json()) as T
}

/** A refused save's answer: the one FormAnswer shape. */
type Answer = {
  form: string
  errors?: Record<string, string>
  values: Record<string, unknown>
  conflict?: { message: string; theirs: { differences: { label: string; was?: string; theirs: string; yours: string; youChanged?: boolean }[] } }
}

/** Post/Redirect/Get: a successful save is a 302 to `location` with a one-time message; returns the message. */
async function expectSaved(response: Response, location: string) {
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe(location)
  const { flash } = await readFlash(getRequest(location, { cookie: cookieFrom(response) }))
  expect(flash?.tone).toBe('success')
  return flash!.text
}

describe('lifecycle defaults', () => {
  it('creates the default stages, funnel target and handoff once, even when asked concurrently', async () => {
    const fran = await person('fran-defaults@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
    expect(await lifecycleProgress(workshop.id, 'stages')).toBe('empty')
    const results = await Promise.all([getLifecycle(workshop.id), getLifecycle(workshop.id), getHandoff(workshop.id), getLifecycle(workshop.id)])
    const db = store().db
    expect(await db.$count(lifecycleStages)).toBe(8)
    expect(await db.$count(funnelTargets)).toBe(1)
    expect(await db.$count(handoffSlas)).toBe(1)
    const lifecycle = results[0] as Awaited<ReturnType<typeof getLifecycle>>
    expect(lifecycle.stages.map((stage) => stage.key)).toEqual(defaultStages.map((stage) => stage.key))
    expect(lifecycle.salEnabled).toBe(true)
    expect(lifecycle.funnel).toMatchObject({ ok: true })
    expect(results[2]).toEqual(defaultHandoff)
    // The defaults alone do not count as work done on the step.
    const steps = await getStepStates(workshop.id)
    expect(steps.find((step) => step.slug === 'stages')?.state).toBe('empty')
    expect(steps.find((step) => step.slug === 'sla')?.state).toBe('empty')
  })

  it('seeds the demo: Berlin business hours, the demo rates and target, and both steps in progress', async () => {
    const fran = await person('fran-demo@example.com')
    const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
    await seedLifecycleDemo(workshop.id, fran.id)
    const handoff = await getHandoff(workshop.id)
    expect(HandoffSchema.safeParse(handoff).success).toBe(true)
    expect(handoff.timeZone).toBe('Europe/Berlin')
    expect(handoff.businessHours.fri).toEqual({ open: '08:30', close: '16:00' })
    const lifecycle = await getLifecycle(workshop.id)
    expect(lifecycle.target).toMatchObject({ revenueTarget: 2_400_000, periodMonths: 12, averageDealSize: 24_000, currency: 'EUR' })
    // 200k a month ÷ 24k = 8.33 → 9 customers → ⌈9/0.28⌉ = 33 → ⌈33/0.6⌉ = 55 → 100 SALs → 118 MQLs → 787 leads
    expect(lifecycle.funnel).toMatchObject({ ok: true, value: { perMonth: { customers: 9, opportunities: 33, sqls: 55, sals: 100, mqls: 118, leads: 787 } } })
    expect(await lifecycleProgress(workshop.id, 'stages')).toBe('in-progress')
    expect(await lifecycleProgress(workshop.id, 'sla')).toBe('in-progress')
  })
})

describe('the SLA page', () => {
  it('shows an "arriving now" example per priority and the worked examples, in the SLA’s zone', async () => {
    const team = await workshopWithTeam('sla-loader')
    const response = (await slaLoader({ request: getRequest(`/workshops/${team.workshop.id}/sla`, team.vic), params: { workshopId: team.workshop.id }, context: {} })) as Response
    const data = await body<{ canEdit: boolean; examples: { key: string; due: { priority: string; dueAtLocal: string }[] }[]; timeZones: string[] }>(response)
    expect(data.canEdit).toBe(false)
    expect(data.examples.map((example) => example.key)).toEqual(expect.arrayContaining(['now', 'friday-evening', 'sunday', 'before-clock-change', 'holiday']))
    const friday = data.examples.find((example) => example.key === 'friday-evening')!
    // Default hours close at 17:30: 4 business hours from Friday 17:55 end on Monday (or the next open day) at 13:00.
    expect(friday.due.find((due) => due.priority === 'warm')?.dueAtLocal).toMatch(/^(Mon|Tue|Wed) .*, 13:00 \(UTC\+0[12]:00\)$/)
    expect(data.timeZones).toContain('Europe/Berlin')
  })

  it('saves the whole handoff from the posted form and reads it back', async () => {
    const team = await workshopWithTeam('sla-save')
    const expected = (handoff: Handoff): Handoff => ({
      ...handoff,
      routing: 'account-owner',
      timeZone: 'America/New_York',
      businessHours: { ...handoff.businessHours, mon: { open: '08:00', close: '18:00' }, sat: { open: '10:00', close: '14:00' } },
      holidays: [...handoff.holidays, '2027-07-05'],
      responseTargets: handoff.responseTargets.map((target) => (target.priority === 'warm' ? { ...target, within: { amount: 2, unit: 'business-hours' } } : target)),
      acceptanceWindow: { amount: 8, unit: 'business-hours' },
      followUp: { attempts: 5, overDays: 10, channels: ['phone', 'email'] },
      rejectionReasons: [...handoff.rejectionReasons, 'Duplicate'],
      recycleRules: [{ after: 'failed-attempts', attempts: 5 }, { after: 'rejection', reason: 'Duplicate' }],
      commitments: { mqlsPerMonth: 150, followUpWithinSlaPercent: 90, salesFollowUp: 'Every MQL gets a call.' },
      reviewCadence: 'quarterly',
    })
    const fields = await slaFields(team.workshop.id, expected)
    // What a person types: unpadded times and stray blank lines are fine.
    fields['businessHours.mon.open'] = '8:00'
    fields.holidays = `\n${fields.holidays}\n\n`
    const response = await team.postSla(team.sam, fields)
    expect(await expectSaved(response, `/workshops/${team.workshop.id}/sla`)).toBe('Saved the handoff SLA. The examples below now follow it.')
    const record = await getHandoffRecord(team.workshop.id)
    expect(record.handoff).toEqual(expected(defaultHandoff))
    expect(record.revision).toBe(2)
    expect(record.updatedByName).toBe('sam-sla-save')
    expect(await lifecycleProgress(team.workshop.id, 'sla')).toBe('in-progress')
  })

  it('refuses bad input with the message next to the posted field, and saves nothing', async () => {
    const team = await workshopWithTeam('sla-bad')
    const before = await getHandoffRecord(team.workshop.id)
    const good = await slaFields(team.workshop.id)
    const withoutChannels = Object.fromEntries(Object.entries(good).filter(([name]) => !name.startsWith('followUp.channels.')))
    const cases: [string, Record<string, string>, string, string | RegExp][] = [
      ['an unknown time zone', { ...good, timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'Use a time zone name from the IANA list, such as Europe/Berlin or America/New_York.'],
      [
        'hours ending before they start',
        { ...good, 'businessHours.mon.open': '17:00', 'businessHours.mon.close': '09:00' },
        'businessHours.mon.close',
        'Closing time must be after opening time (hours that run past midnight are not supported: split them over two days).',
      ],
      [
        'an empty rejection-reason list',
        { ...good, rejectionReasons: '  \n', 'recycle.reasons': '' },
        'rejectionReasons',
        'List at least one rejection reason: sales must give one when rejecting.',
      ],
      ['a date that does not exist', { ...good, holidays: '2026-12-25\n2026-02-30' }, 'holidays', 'Line 2: Use a real date written as YYYY-MM-DD, such as 2026-12-25.'],
      ['a negative response time', { ...good, 'responseTargets.1.within.amount': '-4' }, 'responseTargets.1.within.amount', /^Must be more than zero/],
      ['a response time that is not a number', { ...good, 'responseTargets.0.within.amount': 'soon' }, 'responseTargets.0.within.amount', 'Enter a number.'],
      ['no follow-up channel', withoutChannels, 'followUp.channels', 'Choose at least one channel.'],
      ['a recycle reason that is not a rejection reason', { ...good, 'recycle.reasons': 'No current need\nBad vibes' }, 'recycle.reasons', 'Line 2: "Bad vibes" is not one of the rejection reasons; pick one from the list.'],
      ['a commitment over 100 %', { ...good, 'commitments.followUpWithinSlaPercent': '140' }, 'commitments.followUpWithinSlaPercent', 'At most 100%.'],
      ['a closed week', { ...good, ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [`businessHours.${day}.closed`, 'on'])) }, 'businessHours', /^Open on at least one day/],
    ]
    for (const [name, fields, field, message] of cases) {
      const response = await team.postSla(team.mia, fields)
      expect(response.status, name).toBe(400)
      const data = await body<Answer>(response)
      expect(data.form, name).toBe('save-sla')
      if (typeof message === 'string') expect(data.errors?.[field], name).toBe(message)
      else expect(data.errors?.[field], name).toMatch(message)
      // The form comes back as typed.
      expect(data.values.timeZone).toBe(fields.timeZone)
    }
    const after = await getHandoffRecord(team.workshop.id)
    expect(after.handoff).toEqual(before.handoff)
    expect(after.revision).toBe(before.revision)
  })

  it('refuses a save based on an old revision with 409, shows what they changed since she opened it, and changes nothing', async () => {
    const team = await workshopWithTeam('sla-stale')
    const read = await slaFields(team.workshop.id)
    const samsVersion = await slaFields(team.workshop.id, (handoff) => ({
      ...handoff,
      responseTargets: handoff.responseTargets.map((target) => (target.priority === 'warm' ? { ...target, within: { amount: 2, unit: 'business-hours' } } : target)),
      holidays: [...handoff.holidays, '2027-07-05'],
    }))
    await expectSaved(await team.postSla(team.sam, samsVersion), `/workshops/${team.workshop.id}/sla`)
    const saved = await getHandoffRecord(team.workshop.id)

    // Mia read the page before Sam saved, and changes Monday's hours and the warm target too.
    const stale = await team.postSla(team.mia, { ...read, 'businessHours.mon.open': '07:00', 'responseTargets.1.within.amount': '3' })
    expect(stale.status).toBe(409)
    const data = await body<Answer>(stale)
    expect(data.form).toBe('save-sla')
    expect(data.conflict?.message).toMatch(/^sam-sla-stale saved the SLA while you were editing, so yours was not saved\./)
    // Against the version she started from: only Sam's changes, not her own Monday hours.
    expect(data.conflict?.theirs.differences).toEqual([
      { label: 'Response target (warm)', was: 'Warm: 4 business hours', theirs: 'Warm: 2 business hours', yours: 'Warm: 3 business hours', youChanged: true },
      { label: 'Holidays', was: read.holidays!.split('\n').join('; '), theirs: 'adds 2027-07-05', yours: read.holidays!.split('\n').join('; '), youChanged: false },
    ])
    // Her form keeps her values at the revision that now stands, opened on Sam's version.
    expect(data.values.revision).toBe(String(saved.revision))
    expect(data.values.businessHours).toMatchObject({ mon: { open: '07:00' } })
    expect(JSON.parse(String(data.values.base))).toEqual(saved.handoff)
    const after = await getHandoffRecord(team.workshop.id)
    expect(after.handoff).toEqual(saved.handoff)
    expect(after.revision).toBe(saved.revision)

    // Saving again from the refilled form replaces Sam's version knowingly.
    const again = await team.postSla(team.mia, { ...flatten(data.values), intent: 'save-sla' })
    await expectSaved(again, `/workshops/${team.workshop.id}/sla`)
    expect((await getHandoffRecord(team.workshop.id)).handoff.businessHours.mon).toEqual({ open: '07:00', close: '17:30' })
  })

  it('compares theirs with yours when the form does not say which version it was opened on', async () => {
    const team = await workshopWithTeam('sla-no-base')
    const { base: _base, ...read } = await slaFields(team.workshop.id)
    await expectSaved(
      await team.postSla(team.sam, await slaFields(team.workshop.id, (handoff) => ({ ...handoff, timeZone: 'Europe/Paris' }))),
      `/workshops/${team.workshop.id}/sla`,
    )
    const stale = await team.postSla(team.mia, { ...read, 'businessHours.mon.open': '07:00' })
    expect(stale.status).toBe(409)
    expect((await body<Answer>(stale)).conflict?.theirs.differences).toEqual([
      { label: 'Monday hours', theirs: '09:00–17:30', yours: '07:00–17:30' },
      { label: 'Time zone', theirs: 'Europe/Paris', yours: 'Europe/Berlin' },
    ])
  })

  it('forbids viewers to save', async () => {
    const team = await workshopWithTeam('sla-viewer')
    const fields = await slaFields(team.workshop.id)
    await expect(team.postSla(team.vic, fields)).rejects.toMatchObject({ status: 403 })
    expect((await getHandoffRecord(team.workshop.id)).revision).toBe(1)
  })
})

describe('the stages page', () => {
  async function stageFields(workshopId: string, key: string, change: Record<string, string> = {}) {
    const { stages } = await getLifecycle(workshopId)
    return { intent: 'save-stage', ...flatten(stageToForm(stages.find((stage) => stage.key === key)!)), ...change }
  }

  function stagesPage(workshopId: string, hash: string) {
    return `/workshops/${workshopId}/stages#${hash}`
  }

  async function funnelFields(workshopId: string, change: Record<string, string> = {}) {
    const lifecycle = await getLifecycle(workshopId)
    const form = funnelToForm({ revision: lifecycle.target.revision, target: lifecycle.target, salEnabled: lifecycle.salEnabled, stages: lifecycle.stages, mqlsThisMonth: 120 })
    return { intent: 'save-target', ...flatten(form), ...change }
  }

  it('saves one stage, rate entered as a percentage and stored as a fraction', async () => {
    const team = await workshopWithTeam('stage-save')
    const fields = await stageFields(team.workshop.id, 'sql', { conversionRatePercent: '45', typicalDays: '12', definition: 'Sales has spoken to them and 3 of 4 BANT questions hold.' })
    const response = await team.postStages(team.sam, fields)
    expect(await expectSaved(response, stagesPage(team.workshop.id, 'stage-sql'))).toBe('Saved the Sales Qualified Lead (SQL) stage.')
    const sql = (await getLifecycle(team.workshop.id)).stages.find((stage) => stage.key === 'sql')!
    expect(sql).toMatchObject({ conversionRateToNext: 0.45, typicalDays: 12, definition: 'Sales has spoken to them and 3 of 4 BANT questions hold.', revision: 2 })
    expect(await lifecycleProgress(team.workshop.id, 'stages')).toBe('in-progress')

    const loaded = (await stagesLoader({ request: getRequest(`/workshops/${team.workshop.id}/stages?edit=sql`, team.sam), params: { workshopId: team.workshop.id }, context: {} })) as Response
    const data = await body<{ editing: { conversionRatePercent: string }; stages: { key: string; ratePercent: string | null }[] }>(loaded)
    expect(data.editing.conversionRatePercent).toBe('45')
    expect(data.stages.find((stage) => stage.key === 'sql')?.ratePercent).toBe('45')
  })

  it('refuses bad stage input next to the field and saves nothing', async () => {
    const team = await workshopWithTeam('stage-bad')
    const before = await getLifecycle(team.workshop.id)
    const cases: [Record<string, string>, string, string][] = [
      [await stageFields(team.workshop.id, 'mql', { conversionRatePercent: '140' }), 'conversionRatePercent', 'At most 100 %: a stage cannot pass on more leads than it receives.'],
      [await stageFields(team.workshop.id, 'mql', { conversionRatePercent: '0' }), 'conversionRatePercent', 'Must be more than 0: at 0% nothing ever moves on to the next stage.'],
      [await stageFields(team.workshop.id, 'mql', { conversionRatePercent: 'lots' }), 'conversionRatePercent', 'Enter a percentage such as 25 (for 25 %).'],
      [await stageFields(team.workshop.id, 'mql', { conversionRatePercent: '' }), 'conversionRatePercent', 'Enter the target conversion rate to the next stage.'],
      [await stageFields(team.workshop.id, 'sql', { typicalDays: '-3' }), 'typicalDays', 'Cannot be negative.'],
      [await stageFields(team.workshop.id, 'lead', { definition: '   ' }), 'definition', 'Describe the definition.'],
      [await stageFields(team.workshop.id, 'lead', { enabled: '' }), 'enabled', 'Only the SAL stage can be switched off.'],
    ]
    for (const [fields, field, message] of cases) {
      const response = await team.postStages(team.mia, fields)
      expect(response.status, `${field}: ${message}`).toBe(400)
      const data = await body<Answer>(response)
      expect(data.form).toBe('save-stage')
      expect(data.errors?.[field]).toBe(message)
      // The form comes back as typed.
      expect(data.values.key).toBe(fields.key)
    }
    expect((await getLifecycle(team.workshop.id)).stages).toEqual(before.stages)
  })

  it('refuses a stale stage edit with 409 and their version, changing nothing', async () => {
    const team = await workshopWithTeam('stage-stale')
    const miasForm = await stageFields(team.workshop.id, 'mql')
    await expectSaved(
      await team.postStages(team.sam, await stageFields(team.workshop.id, 'mql', { conversionRatePercent: '70', typicalDays: '2' })),
      stagesPage(team.workshop.id, 'stage-mql'),
    )
    // Mia changes the rate and the definition; Sam changed the rate and the typical days.
    const response = await team.postStages(team.mia, { ...miasForm, conversionRatePercent: '90', definition: 'Fits and is interested.' })
    expect(response.status).toBe(409)
    const data = await body<Answer>(response)
    expect(data.form).toBe('save-stage')
    expect(data.conflict?.message).toMatch(/^sam-stage-stale saved this stage while you were editing/)
    expect(data.conflict?.theirs.differences).toEqual([
      { label: 'Target rate to the next stage', was: '80 %', theirs: '70 %', yours: '90 %', youChanged: true },
      { label: 'Typical days', was: '1', theirs: '2', yours: '1', youChanged: false },
    ])
    expect(data.values.revision).toBe('2')
    expect(data.values.definition).toBe('Fits and is interested.')
    expect(JSON.parse(String(data.values.base))).toMatchObject({ key: 'mql', conversionRateToNext: 0.7, typicalDays: 2 })
    const mql = (await getLifecycle(team.workshop.id)).stages.find((stage) => stage.key === 'mql')!
    expect(mql).toMatchObject({ conversionRateToNext: 0.7, typicalDays: 2, revision: 2 })
  })

  it('keeps MQL → SQL when the SAL stage is switched off and on again', async () => {
    const team = await workshopWithTeam('stage-sal')
    // Defaults: MQL → SAL 80 %, SAL → SQL 50 %.
    const off = await team.postStages(team.sam, await stageFields(team.workshop.id, 'sal', { enabled: '' }))
    expect(await expectSaved(off, stagesPage(team.workshop.id, 'stage-sal'))).toBe(
      'Saved the Sales Accepted Lead (SAL) stage. The SAL stage is off: the MQL stage\'s rate now means MQL → SQL and is 40 % (80 % × 50 %).',
    )
    let lifecycle = await getLifecycle(team.workshop.id)
    expect(lifecycle.salEnabled).toBe(false)
    expect(lifecycle.rates).toMatchObject({ ok: true, value: { salEnabled: false, rates: { mqlToSql: 0.4 } } })
    await expectSaved(await team.postStages(team.sam, await stageFields(team.workshop.id, 'sal', { enabled: 'on' })), stagesPage(team.workshop.id, 'stage-sal'))
    lifecycle = await getLifecycle(team.workshop.id)
    expect(lifecycle.rates).toMatchObject({ ok: true, value: { salEnabled: true, rates: { mqlToSal: 0.8, salToSql: 0.5 } } })
  })

  it('saves the funnel target and changed rates together, and refuses bad input next to the field', async () => {
    const team = await workshopWithTeam('funnel')
    const before = await getLifecycle(team.workshop.id)
    const cases: [Record<string, string>, string, string][] = [
      [await funnelFields(team.workshop.id, { averageDealSize: '-5000' }), 'averageDealSize', 'The average deal size must be more than zero.'],
      [await funnelFields(team.workshop.id, { 'rates.leadToMql': '140' }), 'rates.leadToMql', 'At most 100 %: a stage cannot pass on more leads than it receives.'],
      [await funnelFields(team.workshop.id, { 'rates.sqlToOpportunity': '0' }), 'rates.sqlToOpportunity', 'Must be more than 0: at 0% nothing ever moves on to the next stage.'],
      [await funnelFields(team.workshop.id, { revenueTarget: 'a lot' }), 'revenueTarget', 'Enter the revenue target as a number.'],
      [await funnelFields(team.workshop.id, { periodMonths: '0' }), 'periodMonths', 'At least one month.'],
      [await funnelFields(team.workshop.id, { currency: 'DOGE' }), 'currency', 'Choose a currency from the list.'],
    ]
    for (const [fields, field, message] of cases) {
      const response = await team.postStages(team.mia, fields)
      expect(response.status, field).toBe(400)
      const data = await body<Answer>(response)
      expect(data.form).toBe('funnel')
      expect(data.errors?.[field]).toBe(message)
    }
    expect(await getLifecycle(team.workshop.id)).toEqual(before)

    const saved = await team.postStages(team.mia, await funnelFields(team.workshop.id, { revenueTarget: '3,000,000', averageDealSize: '30000', 'rates.sqlToOpportunity': '55' }))
    expect(await expectSaved(saved, stagesPage(team.workshop.id, 'funnel'))).toBe('Saved the revenue target and the conversion rates.')
    const after = await getLifecycle(team.workshop.id)
    expect(after.target).toMatchObject({ revenueTarget: 3_000_000, periodMonths: 12, averageDealSize: 30_000, revision: 2 })
    expect(after.stages.find((stage) => stage.key === 'sql')).toMatchObject({ conversionRateToNext: 0.55, revision: 2 })
    // Unchanged rates are not rewritten.
    expect(after.stages.find((stage) => stage.key === 'lead')?.revision).toBe(1)
  })

  it('saves the target and rates all or nothing: a stale rate leaves the target unchanged too', async () => {
    const team = await workshopWithTeam('funnel-stale')
    const miasForm = await funnelFields(team.workshop.id)
    // Sam changes the opportunity stage meanwhile.
    await expectSaved(
      await team.postStages(team.sam, await stageFields(team.workshop.id, 'opportunity', { conversionRatePercent: '30' })),
      stagesPage(team.workshop.id, 'stage-opportunity'),
    )
    const before = await getLifecycle(team.workshop.id)
    const response = await team.postStages(team.mia, { ...miasForm, revenueTarget: '5000000', 'rates.opportunityToCustomer': '20' })
    expect(response.status).toBe(409)
    const data = await body<Answer>(response)
    expect(data.form).toBe('funnel')
    // Only Sam's change, against what Mia opened: her own new revenue target is not a conflict.
    expect(data.conflict?.theirs.differences).toEqual([{ label: 'Opportunity → Customer', was: '25 %', theirs: '30 %', yours: '20 %', youChanged: true }])
    expect(data.values).toMatchObject({ revenueTarget: '5000000', stageRevisions: { opportunity: '2' } })
    expect(await getLifecycle(team.workshop.id)).toEqual(before)
  })

  it('starts the funnel from the deal size of step 1 until someone saves a target, then keeps theirs', async () => {
    const team = await workshopWithTeam('funnel-context')
    const page = async () =>
      body<{ funnelForm: { averageDealSize: string; currency: string }; dealSizeFromContext: boolean }>(
        (await stagesLoader({ request: getRequest(`/workshops/${team.workshop.id}/stages`, team.mia), params: { workshopId: team.workshop.id }, context: {} })) as Response,
      )
    // No context yet: the example's figure, not said to come from step 1.
    expect(await page()).toMatchObject({ funnelForm: { averageDealSize: '20000', currency: 'EUR' }, dealSizeFromContext: false })
    const context = await saveContext({
      workshopId: team.workshop.id,
      userId: team.fran.id,
      form: ContextSchema.parse({ company: 'Acme', workshopRevision: '1', product: 'Analytics', dealSize: '36000', currency: 'USD' }),
    })
    expect(context).toEqual({ ok: true })
    expect(await page()).toMatchObject({ funnelForm: { averageDealSize: '36000', currency: 'USD' }, dealSizeFromContext: true })
    const lifecycle = await getLifecycle(team.workshop.id)
    expect(lifecycle.target).toMatchObject({ averageDealSize: 36_000, currency: 'USD', dealSizeFromContext: true })
    // The funnel's figures follow: 2.4 M over 12 months at 36,000 a deal is 6 customers a month (rounded up).
    expect(lifecycle.funnel?.ok && lifecycle.funnel.value.perMonth.customers).toBe(Math.ceil(1_200_000 / 12 / 36_000))

    // Saved by a person, the target is theirs, whatever step 1 says.
    await expectSaved(await team.postStages(team.mia, await funnelFields(team.workshop.id, { averageDealSize: '50000', currency: 'EUR' })), stagesPage(team.workshop.id, 'funnel'))
    expect(await page()).toMatchObject({ funnelForm: { averageDealSize: '50000', currency: 'EUR' }, dealSizeFromContext: false })
  })

  it('lets a viewer run the calculator without JavaScript, but not save', async () => {
    const team = await workshopWithTeam('funnel-viewer')
    const fields = await funnelFields(team.workshop.id, { revenueTarget: '2400000' })
    const calculated = await team.postStages(team.vic, { ...fields, intent: 'calculate', 'rates.leadToMql': '0' })
    // It saves nothing, so it answers with the calculation's own address: the target, the rates and the MQLs, never the revisions.
    expect(calculated.status).toBe(302)
    expect(calculated.headers.get('Set-Cookie')).toBeNull()
    const location = calculated.headers.get('Location')!
    const address = new URL(location, 'http://localhost')
    expect(address.pathname).toBe(`/workshops/${team.workshop.id}/stages`)
    expect(address.hash).toBe('#funnel')
    expect([...address.searchParams.keys()]).toEqual([
      'revenueTarget',
      'periodMonths',
      'averageDealSize',
      'currency',
      'mqlsThisMonth',
      'rates.leadToMql',
      'rates.mqlToSal',
      'rates.salToSql',
      'rates.sqlToOpportunity',
      'rates.opportunityToCustomer',
    ])
    // The page at that address shows the calculation, with the 0 % refused next to its field.
    const page = await body<{ funnelForm: Record<string, unknown>; calculationErrors: Record<string, string> | null }>(
      (await stagesLoader({ request: getRequest(location, team.vic), params: { workshopId: team.workshop.id }, context: {} })) as Response,
    )
    expect(page.funnelForm).toMatchObject({ revenueTarget: '2400000', mqlsThisMonth: '120', rates: { leadToMql: '0' }, revision: '1' })
    expect(page.calculationErrors).toEqual({ 'rates.leadToMql': 'Must be more than 0: at 0% nothing ever moves on to the next stage.' })
    await expect(team.postStages(team.vic, fields)).rejects.toMatchObject({ status: 403 })
    await expect(team.postStages(team.vic, await stageFields(team.workshop.id, 'lead'))).rejects.toMatchObject({ status: 403 })
    expect((await getLifecycle(team.workshop.id)).target.revision).toBe(1)
  })
})
