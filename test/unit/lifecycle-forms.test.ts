import { describe, expect, it } from 'vitest'
import { demoHandoff, demoStages } from '~/demo/lifecycle'
import { funnelFigures, funnelToForm, readStageForm, stageToForm } from '~/domain/lifecycle/forms'
import { fractionOfPercent, percentText, readAmount, readPercent } from '~/domain/lifecycle/numbers'
import { handoffDifferences, handoffToForm, readHandoffForm } from '~/domain/sla/form'
import { defaultHandoff } from '~/domain/sla/schema'
import { defaultStages } from '~/domain/lifecycle/stages'

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
  })
})
