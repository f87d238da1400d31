import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ConflictNote } from '~/components/conflict-note'
import { demoHandoff, demoStages } from '~/demo/lifecycle'
import { calculationFromQuery, calculatorQuery, funnelFigures, issueLabel, neededPerMonth } from '~/domain/lifecycle/calculator'
import { funnelDifferences, listDelta, readBase, savedDifferences, stageDifferences, type FunnelSide } from '~/domain/lifecycle/conflicts'
import { FunnelFormSchema, funnelToForm, rateFieldsFor, readStageForm, StageFormSchema, stageToForm } from '~/domain/lifecycle/forms'
import { fractionOfPercent, percentText, readAmount, readPercent } from '~/domain/lifecycle/numbers'
import { handoffDifferences, handoffToForm, readHandoffForm, timeZoneOptions } from '~/domain/sla/form'
import { defaultHandoff, HandoffSchema } from '~/domain/sla/schema'
import { nextStageOf, stageView } from '~/domain/lifecycle/stage-view'
import { defaultStages, LifecycleStageSchema } from '~/domain/lifecycle/stages'

describe('numbers as people type them', () => {
  it.each([
    ['25', 25],
    [' 12,5 % ', 12.5],
    ['', null],
    ['lots', Number.NaN],
    ['1e3', Number.NaN],
  ])('readPercent(%j) = %s', (text, expected) => expect(readPercent(text)).toEqual(expected))

  it.each([
    ['1,200,000', 1_200_000],
    ['1 200 000', 1_200_000],
    ['-5000', -5000],
    ['  ', null],
    ['a lot', Number.NaN],
  ])('readAmount(%j) = %s', (text, expected) => expect(readAmount(text)).toEqual(expected))

  it('turns percentages into fractions and back without floating-point noise', () => {
    expect(fractionOfPercent(12.5)).toBe(0.125)
    expect(fractionOfPercent(33.3)).toBe(0.333)
    expect(percentText(0.07)).toBe('7')
    expect(percentText(0.4675)).toBe('46.75')
    expect(percentText(null)).toBe('')
  })
})

describe('the SLA form', () => {
  it.each([
    ['the default handoff', defaultHandoff],
    ['the demo handoff', demoHandoff],
  ])('reads %s back exactly from its own form', (_name, handoff) => {
    const read = readHandoffForm(handoffToForm(handoff, 3))
    expect(read.issues).toEqual([])
    expect(read.revision).toBe(3)
    expect(read.handoff).toEqual(handoff)
  })

  it('says what differs between two handoffs, in words', () => {
    const theirs = { ...defaultHandoff, businessHours: { ...defaultHandoff.businessHours, sat: { open: '10:00', close: '14:00' } } }
    expect(handoffDifferences(theirs, defaultHandoff)).toEqual([{ label: 'Saturday hours', theirs: '10:00–14:00', yours: 'closed' }])
    expect(handoffDifferences(defaultHandoff, { ...defaultHandoff, rejectionReasons: [...defaultHandoff.rejectionReasons, 'Duplicate'] })).toEqual([
      { label: 'Rejection reasons', theirs: 'nothing that yours lacks', yours: 'also lists Duplicate' },
    ])
  })

  it('against the version the form was opened on, lists only what they changed, and whether you changed it too', () => {
    const was = defaultHandoff
    const theirs = { ...was, timeZone: 'Europe/Paris', rejectionReasons: [...was.rejectionReasons, 'Duplicate'], holidays: was.holidays.slice(1) }
    const yours = { ...was, timeZone: 'Europe/Vienna', routing: 'territory' as const }
    expect(handoffDifferences(theirs, yours, was)).toEqual([
      // Routing is only yours: not listed.
      { label: 'Time zone', was: 'Europe/Berlin', theirs: 'Europe/Paris', yours: 'Europe/Vienna', youChanged: true },
      { label: 'Holidays', was: was.holidays.join('; '), theirs: `drops ${was.holidays[0]}`, yours: was.holidays.join('; '), youChanged: false },
      { label: 'Rejection reasons', was: was.rejectionReasons.join('; '), theirs: 'adds Duplicate', yours: was.rejectionReasons.join('; '), youChanged: false },
    ])
    // Nothing of theirs differs from what you opened: nothing to explain.
    expect(handoffDifferences(was, yours, was)).toEqual([])
  })

  it('carries the handoff it was opened on, and reads it back only when it is a valid handoff', () => {
    const form = handoffToForm(defaultHandoff, 2)
    expect(readBase(form.base, HandoffSchema)).toEqual(defaultHandoff)
    expect(readBase(JSON.stringify({ ...defaultHandoff, timeZone: 'Mars/Olympus' }), HandoffSchema)).toBeNull()
    expect(readBase('{not json', HandoffSchema)).toBeNull()
    expect(readBase(undefined, HandoffSchema)).toBeNull()
  })

  it('offers every zone the runtime knows, and the saved one when the list lacks it', () => {
    expect(timeZoneOptions('Europe/Berlin', ['America/New_York', 'Europe/Berlin'])).toEqual(['America/New_York', 'Europe/Berlin'])
    expect(timeZoneOptions('UTC', ['Europe/Berlin', 'America/New_York'])).toEqual(['America/New_York', 'Europe/Berlin', 'UTC'])
  })
})

describe('conflict explanations', () => {
  const aspects = [
    { label: 'Name', text: (value: { name: string; tags: string[] }) => value.name },
    { label: 'Tags', items: (value: { name: string; tags: string[] }) => value.tags },
  ]

  it('without the opened version, lists every difference between theirs and yours', () => {
    expect(savedDifferences(aspects, { theirs: { name: 'A', tags: ['x'] }, yours: { name: 'B', tags: ['x'] }, was: null })).toEqual([{ label: 'Name', theirs: 'A', yours: 'B' }])
  })

  it('with it, lists what they changed, yours beside it, and lists in words', () => {
    const was = { name: 'A', tags: ['x', 'y'] }
    expect(savedDifferences(aspects, { theirs: { name: 'A', tags: ['y', 'z'] }, yours: { name: 'B', tags: ['x', 'y', 'w'] }, was })).toEqual([
      { label: 'Tags', was: 'x; y', theirs: 'adds z, drops x', yours: 'adds w', youChanged: true },
    ])
    expect(listDelta(['a', 'b'], ['b', 'a'])).toBe('the same items in another order')
    expect(listDelta([], ['a'])).toBe('adds a')
  })

  it('explains a stage and the calculator in the page’s words', () => {
    const was = defaultStages.find((stage) => stage.key === 'mql')!
    const theirs = { ...was, owner: 'shared' as const, conversionRateToNext: 0.7 }
    const yours = { ...was, conversionRateToNext: 0.9, definition: 'Mine.' }
    expect(stageDifferences({ theirs, yours, was })).toEqual([
      { label: 'Owner', was: 'Marketing', theirs: 'Shared', yours: 'Marketing', youChanged: false },
      { label: 'Target rate to the next stage', was: '80 %', theirs: '70 %', yours: '90 %', youChanged: true },
    ])
    const side = (revenueTarget: number, lead: number): FunnelSide => ({ target: { revenueTarget, periodMonths: 12, averageDealSize: 20_000, currency: 'EUR' }, rates: { lead, mql: 0.8 } })
    expect(funnelDifferences({ theirs: side(1_200_000, 0.2), yours: side(2_000_000, 0.1), was: side(1_200_000, 0.1) }, rateFieldsFor(true))).toEqual([
      { label: 'Lead → MQL', was: '10 %', theirs: '20 %', yours: '10 %', youChanged: false },
    ])
  })

  it('shows the three columns, and says when saving again would put an old value back', () => {
    const differences = stageDifferences({
      theirs: { ...defaultStages[0]!, typicalDays: 20 },
      yours: defaultStages[0]!,
      was: defaultStages[0]!,
    })
    const html = renderToStaticMarkup(createElement(ConflictNote, { conflict: { message: 'Sam saved this stage while you were editing.', theirs: { differences } } }))
    expect(html).toContain('<p>Sam saved this stage while you were editing.</p>')
    expect(html).toContain('<th scope="col">When you opened it</th>')
    expect(html).toContain('<th scope="row">Typical days</th><td>30</td><td>20</td><td>30<span class="muted small"> (not changed by you: saving again puts it back)</span></td>')
    // Two-way rows (no opened version) keep three columns; a malformed answer shows no table.
    const twoWay = renderToStaticMarkup(createElement(ConflictNote, { conflict: { message: 'x', theirs: { differences: [{ label: 'Name', theirs: 'A', yours: 'B' }] } } }))
    expect(twoWay).not.toContain('When you opened it')
    expect(twoWay).toContain('<th scope="row">Name</th><td>A</td><td>B</td>')
    expect(renderToStaticMarkup(createElement(ConflictNote, { conflict: { message: 'x', theirs: { differences: 'nope' } } }))).toContain('Their save changed nothing you are changing.')
  })

  it('the stage and calculator forms carry the version they were opened on', () => {
    const stage = { ...defaultStages[0]!, revision: 4, id: 'row-1' }
    const parsed = StageFormSchema.parse(stageToForm(stage))
    expect(parsed.base).toEqual(defaultStages[0])
    expect(readBase(JSON.stringify({ ...defaultStages[0], key: 'nope' }), LifecycleStageSchema)).toBeNull()
    const funnel = FunnelFormSchema.parse(
      funnelToForm({ revision: 1, target: { revenueTarget: 1_000_000, periodMonths: 12, averageDealSize: 10_000, currency: 'EUR' }, salEnabled: true, stages: defaultStages.map((s) => ({ ...s, revision: 1 })), mqlsThisMonth: null }),
    )
    expect(funnel.base).toEqual({
      target: { revenueTarget: 1_000_000, periodMonths: 12, averageDealSize: 10_000, currency: 'EUR' },
      rates: Object.fromEntries(defaultStages.map((s) => [s.key, s.conversionRateToNext])),
    })
  })
})

describe('the stage and calculator forms', () => {
  it('reads every default and demo stage back from its own form', () => {
    for (const stage of [...defaultStages, ...demoStages]) {
      const read = readStageForm(stageToForm({ ...stage, revision: 1 }))
      expect(read.issues, stage.key).toEqual([])
      expect(read.stage).toEqual(stage)
    }
  })

  it('computes the same figures as the domain from the form, and the domain’s message at 0 %', () => {
    const stages = defaultStages.map((stage) => ({ ...stage, revision: 1 }))
    const form = funnelToForm({
      revision: 1,
      target: { revenueTarget: 1_200_000, periodMonths: 12, averageDealSize: 20_000, currency: 'EUR' },
      salEnabled: true,
      stages,
      mqlsThisMonth: 100,
    })
    const figures = funnelFigures(form)
    // 100k a month ÷ 20k = 5 customers → 20 opportunities → 34 SQLs → 68 SALs → 85 MQLs → 709 leads
    expect(figures).toMatchObject({ ok: true, reverse: { perMonth: { customers: 5, opportunities: 20, sqls: 34, sals: 68, mqls: 85, leads: 709 } } })
    expect(figures.ok && figures.forward).toMatchObject({ ok: true, value: { revenuePerMonth: 100 * 0.8 * 0.5 * 0.6 * 0.25 * 20_000 } })
    expect(funnelFigures({ ...form, rates: { ...form.rates, salToSql: '0' } })).toEqual({
      ok: false,
      issues: [{ path: 'rates.salToSql', message: 'Must be more than 0: at 0% nothing ever moves on to the next stage.' }],
    })
    expect(issueLabel('rates.salToSql')).toBe('SAL → SQL')
    expect(figures.ok && neededPerMonth(figures.reverse)).toEqual([
      { key: 'lead', label: 'Leads', count: 709, rateToNext: '12 % → MQL' },
      { key: 'mql', label: 'MQLs', count: 85, rateToNext: '80 % → SAL' },
      { key: 'sal', label: 'SALs', count: 68, rateToNext: '50 % → SQL' },
      { key: 'sql', label: 'SQLs', count: 34, rateToNext: '60 % → Opportunity' },
      { key: 'opportunity', label: 'Opportunities', count: 20, rateToNext: '25 % → Customer' },
      { key: 'customer', label: 'Customers', count: 5, rateToNext: null },
    ])
  })

  it('gives a calculation an address of its inputs only, and reads it back over the stored form', () => {
    const stored = funnelToForm({
      revision: 3,
      target: { revenueTarget: 1_200_000, periodMonths: 12, averageDealSize: 20_000, currency: 'EUR' },
      salEnabled: true,
      stages: defaultStages.map((stage) => ({ ...stage, revision: 2 })),
      mqlsThisMonth: 100,
    })
    const asked = { ...stored, revenueTarget: '2,400,000', rates: { ...stored.rates, leadToMql: '15' } }
    const query = calculatorQuery(asked)
    expect(query).toBe(
      'revenueTarget=2%2C400%2C000&periodMonths=12&averageDealSize=20000&currency=EUR&mqlsThisMonth=100&rates.leadToMql=15&rates.mqlToSal=80&rates.salToSql=50&rates.sqlToOpportunity=60&rates.opportunityToCustomer=25',
    )
    expect(calculationFromQuery(new URLSearchParams(query), stored)).toEqual(asked)
    // Only what the address gives changes; revisions and the opened version stay the stored ones.
    expect(calculationFromQuery(new URLSearchParams('rates.leadToMql=20&revision=99&base=x'), stored)).toEqual({ ...stored, rates: { ...stored.rates, leadToMql: '20' } })
    expect(calculationFromQuery(new URLSearchParams('edit=mql'), stored)).toBeNull()
    expect(calculationFromQuery(new URLSearchParams(`revenueTarget=${'9'.repeat(500)}`), stored)?.revenueTarget).toHaveLength(40)
  })
})

describe('the stage cards', () => {
  it('names where each rate leads, with and without the SAL stage', () => {
    expect(nextStageOf('mql', true)).toBe('SAL')
    expect(nextStageOf('mql', false)).toBe('SQL')
    expect(nextStageOf('sal', false)).toBe('SQL')
    expect(nextStageOf('recycled', true)).toBe('MQL (comes back)')
    expect(nextStageOf('customer', true)).toBeNull()
    const customer = stageView({ ...defaultStages.find((stage) => stage.key === 'customer')!, revision: 1 }, true)
    expect(customer).toMatchObject({ terminal: true, side: false, ratePercent: null, next: null })
    const recycled = stageView({ ...defaultStages.find((stage) => stage.key === 'recycled')!, revision: 1 }, true)
    expect(recycled).toMatchObject({ terminal: false, side: true, ratePercent: '10', next: 'MQL (comes back)' })
  })
})
