import { describe, expect, it } from 'vitest'
import { BacktestTally, CELL_FLAGS, type BacktestAggregate, type RuleKind, type RuleTally } from '~/domain/backtest/aggregate'
import { compareSides } from '~/domain/backtest/compare'
import { differenceZ, ruleEvidence } from '~/domain/backtest/evidence'
import { auc, computeFigures, stageOfCell, wholeThresholds, type Counts } from '~/domain/backtest/figures'
import { formatRate, summarise } from '~/domain/backtest/summary'
import { compile, type ScoringConfig } from '~/domain/scoring'

const AS_OF = Date.parse('2026-06-01T00:00:00Z')

/** A small model: fit from the role, engagement from demo requests and visits, one disqualifier, one fast track, one SQL criterion. */
const config: ScoringConfig = {
  schemaVersion: 1,
  fields: [
    { key: 'role', label: 'Role', type: 'string' },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'budget', label: 'Budget', type: 'number' },
  ],
  activities: [
    { key: 'visit', label: 'Visit' },
    { key: 'demo', label: 'Demo request' },
  ],
  fit: {
    max: 100,
    rules: [
      { id: 'fit-exec', label: 'Executive', points: 60, when: { field: 'role', op: 'eq', value: 'exec' } },
      { id: 'fit-manager', label: 'Manager', points: 30.5, when: { field: 'role', op: 'eq', value: 'manager' } },
      { id: 'fit-intern', label: 'Intern', points: 10, when: { field: 'role', op: 'eq', value: 'intern' } },
      { id: 'fit-never', label: 'Never', points: 5, when: { field: 'role', op: 'eq', value: 'astronaut' } },
    ],
  },
  engagement: {
    max: 50,
    halfLifeDays: null,
    rules: [
      { id: 'eng-visit', label: 'Visits', activity: 'visit', points: 7.5, maxPoints: 30 },
      { id: 'eng-demo', label: 'Demo', activity: 'demo', points: 40 },
    ],
  },
  disqualifiers: [{ id: 'dq-free', label: 'Free mail', when: { field: 'email', op: 'emailDomainIn', value: ['gmail.com'] } }],
  required: ['email'],
  fastTrack: [{ id: 'ft-demo', label: 'Demo', activity: 'demo' }],
  mql: { minFit: 50, minEngagement: 20 },
  sql: { criteria: [{ id: 'sql-budget', label: 'Budget', when: { field: 'budget', op: 'gte', value: 1000 } }], minMet: 1 },
  grades: [
    { grade: 'A', minFit: 60 },
    { grade: 'B', minFit: 30 },
  ],
}

type Sample = { role?: string; email?: string; budget?: number; visits?: number; demo?: boolean; converted: boolean; month?: string }

const SAMPLES: Sample[] = [
  { role: 'exec', email: 'a@acme.example', visits: 3, converted: true, month: '2026-01' }, // fit 60, eng 22.5 → mql
  { role: 'exec', email: 'b@acme.example', budget: 5000, visits: 4, converted: true, month: '2026-01' }, // 60, 30 → sql
  { role: 'exec', email: 'c@acme.example', visits: 1, converted: false, month: '2026-02' }, // 60, 7.5 → lead
  { role: 'manager', email: 'd@acme.example', demo: true, converted: true, month: '2026-02' }, // 30.5, 40, fast track → lead (fit < 50)
  { role: 'exec', email: 'e@gmail.com', visits: 5, converted: true, month: '2026-02' }, // 60, 30 (visits capped) → disqualified
  { role: 'exec', visits: 5, converted: false }, // missing email → lead, no month
  { role: 'intern', email: 'f@acme.example', converted: false, month: '2026-03' }, // fit 10, no grade → lead
  { role: 'exec', email: 'g@acme.example', demo: true, converted: false, month: '2026-03' }, // 60, 40 → mql
]

function lead(sample: Sample) {
  const attributes: Record<string, unknown> = {}
  if (sample.role) attributes.role = sample.role
  if (sample.email) attributes.email = sample.email
  if (sample.budget !== undefined) attributes.budget = sample.budget
  const activities = [
    ...Array.from({ length: sample.visits ?? 0 }, () => ({ type: 'visit', at: AS_OF })),
    ...(sample.demo ? [{ type: 'demo', at: AS_OF }] : []),
  ]
  return { attributes, activities }
}

function aggregateOf(samples: Sample[]): BacktestAggregate {
  const engine = compile(config)
  const tally = new BacktestTally(engine.config)
  const matched = new Uint8Array(engine.ruleCount)
  for (const sample of samples) tally.add(engine.scoreMatches(lead(sample), AS_OF, matched), matched, sample.converted, sample.month ?? '')
  return tally.result()
}

const aggregate = aggregateOf(SAMPLES)

describe('BacktestTally', () => {
  it('counts every lead once, under floor(fit) and floor(engagement), with its outcome', () => {
    expect(aggregate.leads).toBe(8)
    expect(aggregate.converted).toBe(4)
    expect(aggregate.dated).toBe(7)
    expect(aggregate.cells.reduce((sum, cell) => sum + cell[4], 0)).toBe(8)
    // The manager: fit 30.5 → 30, engagement 40, grade B (index 1), fast track.
    expect(aggregate.cells).toContainEqual([30, 40, 1, CELL_FLAGS.fastTrack, 1, 1])
    // The two execs with 22.5 and 30 engagement, one of them SQL-qualified.
    expect(aggregate.cells).toContainEqual([60, 22, 0, 0, 1, 1])
    expect(aggregate.cells).toContainEqual([60, 30, 0, CELL_FLAGS.sqlQualified, 1, 1])
    expect(aggregate.cells).toContainEqual([10, 0, -1, 0, 1, 0])
  })

  it('counts per rule the leads matched and the converted among them', () => {
    const rules = Object.fromEntries(aggregate.rules.map((rule) => [rule.id, [rule.matched, rule.converted]]))
    expect(rules).toEqual({
      'fit-exec': [6, 3],
      'fit-manager': [1, 1],
      'fit-intern': [1, 0],
      'fit-never': [0, 0],
      'eng-visit': [5, 3],
      'eng-demo': [2, 1],
      'dq-free': [1, 1],
      'ft-demo': [2, 1],
      'sql-budget': [1, 1],
    })
  })
})

describe('stageOfCell', () => {
  const t = { minFit: 50, minEngagement: 20 }
  it.each([
    [60, 30, 0, 'mql'],
    [60, 30, CELL_FLAGS.sqlQualified, 'sql'],
    [60, 30, CELL_FLAGS.disqualified | CELL_FLAGS.sqlQualified, 'disqualified'],
    [60, 30, CELL_FLAGS.missingRequired, 'lead'],
    [60, 10, 0, 'lead'],
    [60, 10, CELL_FLAGS.fastTrack, 'mql'],
    [49, 50, CELL_FLAGS.fastTrack, 'lead'],
    [50, 20, 0, 'mql'],
  ] as const)('fit %i, engagement %i, flags %i → %s', (fit, engagement, flags, stage) => {
    expect(stageOfCell(fit, engagement, flags, t)).toBe(stage)
  })
})

describe('computeFigures', () => {
  it('counts stages, precision, recall and lift at the model thresholds', () => {
    const figures = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    expect(figures.stages).toEqual({
      disqualified: { leads: 1, converted: 1 },
      lead: { leads: 4, converted: 1 },
      mql: { leads: 2, converted: 1 },
      sql: { leads: 1, converted: 1 },
    })
    expect(figures.mql).toEqual({ leads: 3, converted: 2, precision: 2 / 3, recall: 2 / 4, lift: 2 / 3 / 0.5 })
    expect(figures.baselineRate).toBe(0.5)
  })

  it('a lower fit threshold lets the fast-tracked manager in: fit 30.5 passes 30 and fails 31', () => {
    expect(computeFigures(aggregate, { minFit: 30, minEngagement: 20 }).mql.leads).toBe(4)
    expect(computeFigures(aggregate, { minFit: 31, minEngagement: 20 }).mql.leads).toBe(3)
  })

  it('engagement 22.5 passes 22 and fails 23', () => {
    expect(computeFigures(aggregate, { minFit: 50, minEngagement: 22 }).mql.leads).toBe(3)
    expect(computeFigures(aggregate, { minFit: 50, minEngagement: 23 }).mql.leads).toBe(2)
  })

  it('rounds thresholds up to whole numbers within 0…max', () => {
    expect(wholeThresholds(aggregate, { minFit: 49.5, minEngagement: -3 })).toEqual({ minFit: 50, minEngagement: 0 })
    expect(wholeThresholds(aggregate, { minFit: 500, minEngagement: Number.NaN })).toEqual({ minFit: 100, minEngagement: 0 })
  })

  it('bins the histograms and marks which bins pass the threshold', () => {
    const figures = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    expect(figures.fitHistogram).toHaveLength(21)
    expect(figures.fitHistogram[0]).toMatchObject({ from: 0, to: 4, label: '0–4', leads: 0 })
    expect(figures.fitHistogram[12]).toMatchObject({ from: 60, to: 64, leads: 6, converted: 3, passes: 'all' })
    expect(figures.fitHistogram[20]).toMatchObject({ from: 100, to: 100, label: '100' })
    expect(figures.fitHistogram.reduce((sum, bin) => sum + bin.leads, 0)).toBe(8)
    // engagement max 50: bins of 5 (11 bins); 20 starts a bin.
    expect(figures.engagementHistogram.map((bin) => bin.passes).slice(3, 5)).toEqual(['none', 'all'])
    expect(computeFigures(aggregate, { minFit: 50, minEngagement: 22 }).engagementHistogram[4]!.passes).toBe('some')
  })

  it('fills the grade × engagement band matrix, with a "no grade" row for the intern', () => {
    const { matrix } = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    expect(matrix.bands.map((band) => band.label)).toEqual(['0–9', '10–19', '20–34', '35–50'])
    expect(matrix.rows.map((row) => row.grade)).toEqual(['A', 'B', 'No grade'])
    expect(matrix.rows[0]!.cells.map((cell) => [cell.leads, cell.converted, cell.zone])).toEqual([
      [1, 0, 'none'],
      [0, 0, 'none'],
      [4, 3, 'mql'],
      [1, 0, 'mql'],
    ])
    expect(matrix.rows[1]!.cells[3]).toEqual({ leads: 1, converted: 1, zone: 'some' })
    expect(matrix.rows[2]!.cells[0]).toEqual({ leads: 1, converted: 0, zone: 'none' })
  })

  it('counts MQLs per month, and leads without a date apart', () => {
    const figures = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    expect(figures.months).toEqual([
      { month: '2026-01', leads: 2, converted: 2, mqls: 2, mqlsConverted: 2 },
      { month: '2026-02', leads: 3, converted: 2, mqls: 0, mqlsConverted: 0 },
      { month: '2026-03', leads: 2, converted: 0, mqls: 1, mqlsConverted: 0 },
    ])
    expect(figures.undated).toBe(1)
  })

  it('splits leads into deciles by combined score, sharing tied scores between tenths', () => {
    const { deciles } = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    expect(deciles).toHaveLength(10)
    expect(deciles.reduce((sum, decile) => sum + decile.leads, 0)).toBeCloseTo(8, 10)
    expect(deciles.reduce((sum, decile) => sum + decile.converted, 0)).toBeCloseTo(4, 10)
    // Highest combined score first: 60 + 40 (no conversion) fills the first tenth (0.8 of a lead)…
    expect(deciles[0]).toMatchObject({ decile: 1, leads: 0.8, converted: 0, minScore: 100, maxScore: 100 })
    // …and 0.2 of the second, with 0.6 of the three leads scoring 60 + 30 (visits capped at 30; two converted).
    expect(deciles[1]!.leads).toBeCloseTo(0.8, 10)
    expect(deciles[1]!.converted).toBeCloseTo(0.4, 10)
    expect(deciles[1]).toMatchObject({ minScore: 90, maxScore: 100 })
  })
})

describe('auc', () => {
  const scores = (entries: [number, Counts][]) => new Map(entries)
  it.each([
    ['perfect separation', scores([[1, { leads: 2, converted: 0 }], [5, { leads: 3, converted: 3 }]]), 1],
    ['inverse', scores([[1, { leads: 2, converted: 2 }], [5, { leads: 3, converted: 0 }]]), 0],
    ['all tied', scores([[3, { leads: 4, converted: 2 }]]), 0.5],
    ['three of four pairs won, one tied', scores([[1, { leads: 1, converted: 0 }], [2, { leads: 2, converted: 1 }], [3, { leads: 1, converted: 1 }]]), 0.875],
    ['no conversions', scores([[1, { leads: 3, converted: 0 }]]), null],
  ])('%s', (_name, byScore, expected) => expect(auc(byScore)).toBe(expected))
})

describe('ruleEvidence', () => {
  it('gives rates when matched and not, and lift', () => {
    const evidence = Object.fromEntries(ruleEvidence(aggregate).map((rule) => [rule.id, rule]))
    expect(evidence['fit-exec']).toMatchObject({ rateMatched: 0.5, rateUnmatched: 0.5, lift: 1, z: 0, flags: [], fewLeads: true })
    expect(evidence['fit-intern']).toMatchObject({ rateMatched: 0, rateUnmatched: 4 / 7, fewLeads: true })
    expect(evidence['fit-never']).toMatchObject({ matched: 0, rateMatched: null, lift: null, flags: ['matched-nothing'], fewLeads: false })
    expect(evidence['eng-visit']).toMatchObject({ rateMatched: 0.6, lift: 1.2 })
    // One lead that converts below the baseline is no evidence against a rule.
    expect(evidence['fit-intern']!.flags).toEqual([])
    expect(evidence['dq-free']!.flags).toEqual([])
  })

  const rule = (id: string, kind: RuleKind, points: number | null, matched: number, converted: number): RuleTally => ({ id, label: id, kind, points, matched, converted })
  const history = { leads: 1000, converted: 300 }
  it.each([
    ['positive points, its leads convert far below the baseline', rule('a', 'fit', 10, 400, 60), ['points-against-outcome']],
    ['positive points, a hair below the baseline (chance)', rule('b', 'fit', 10, 400, 118), []],
    ['negative points, its leads convert far above the baseline', rule('c', 'engagement', -5, 200, 120), ['points-against-outcome']],
    ['negative points, its leads convert below: as meant', rule('d', 'fit', -5, 200, 10), []],
    ['a disqualifier whose leads convert above the baseline', rule('e', 'disqualifier', null, 100, 60), ['disqualifier-converts']],
    ['a disqualifier whose leads rarely convert', rule('f', 'disqualifier', null, 100, 2), []],
    ['a fast track whose leads convert below the baseline', rule('g', 'fastTrack', null, 200, 20), ['fast-track-below-baseline']],
    ['an SQL criterion below the baseline', rule('h', 'sql', null, 300, 30), ['criterion-below-baseline']],
    ['a rule that matched nothing', rule('i', 'fit', 10, 0, 0), ['matched-nothing']],
    ['a rule that matched every lead (nothing to compare with)', rule('j', 'fit', 10, 1000, 300), []],
  ])('%s', (_name, tally, flags) => {
    const [evidence] = ruleEvidence({ ...history, rules: [tally] })
    expect(evidence!.flags).toEqual(flags)
  })

  it('computes z from the pooled standard error', () => {
    // 60 of 400 against 240 of 600: 15 % against 40 %, pooled 30 %.
    expect(differenceZ(400, 60, 600, 240)).toBeCloseTo((0.15 - 0.4) / Math.sqrt(0.3 * 0.7 * (1 / 400 + 1 / 600)), 12)
    expect(differenceZ(0, 0, 10, 5)).toBe(0)
  })
})

describe('summarise', () => {
  it('says what the thresholds would have done in plain words', () => {
    const figures = computeFigures(aggregate, { minFit: 50, minEngagement: 20 })
    const sentences = summarise(figures, ruleEvidence(aggregate))
    expect(sentences[0]).toBe('At these thresholds (fit ≥ 50, engagement ≥ 20), 3 of 8 leads would have been MQLs; 67 % of them converted, against 50 % overall.')
    expect(sentences[1]).toBe('They hold 2 of the 4 conversions (50 % recall): the other 2 converted without being an MQL.')
    expect(sentences.at(-1)).toBe('1 rule matched no lead: see the evidence per rule.')
    expect(summarise(computeFigures(aggregate, { minFit: 100, minEngagement: 50 }), [])[0]).toBe(
      'At these thresholds (fit ≥ 100, engagement ≥ 50), none of the 8 leads would have been an MQL; 50 % of all leads converted.',
    )
  })

  it('formats rates with a space before the percent sign, and a dash for nothing', () => {
    expect(formatRate(0.7123)).toBe('71 %')
    expect(formatRate(0.7123, 1)).toBe('71.2 %')
    expect(formatRate(null)).toBe('—')
  })
})

describe('compareSides', () => {
  it('puts two results side by side with the change from the first to the second', () => {
    const side = (label: string, thresholds: { minFit: number; minEngagement: number }) => ({
      label,
      figures: computeFigures(aggregate, thresholds),
      evidence: ruleEvidence(aggregate),
    })
    const { metrics, rules } = compareSides(side('v1', { minFit: 50, minEngagement: 20 }), side('v2', { minFit: 30, minEngagement: 20 }))
    expect(metrics.find((row) => row.metric === 'MQLs (incl. SQLs)')).toEqual({ metric: 'MQLs (incl. SQLs)', a: '3', b: '4', change: '+1' })
    expect(metrics.find((row) => row.metric.startsWith('Precision'))).toEqual({ metric: 'Precision (MQLs that converted)', a: '66.7 %', b: '75.0 %', change: '+8.3 pts' })
    expect(metrics.find((row) => row.metric.startsWith('Thresholds'))).toMatchObject({ a: '50 / 20', b: '30 / 20' })
    expect(rules).toHaveLength(9)
    expect(rules[0]).toMatchObject({ id: 'fit-exec', kind: 'fit' })
  })
})
