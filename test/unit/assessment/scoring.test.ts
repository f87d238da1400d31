import { describe, expect, it } from 'vitest'
import { ALIGNMENT_2026, DIMENSION_IDS, DONT_KNOW, type Answer, type DimensionId, type QuestionSet } from '~/domain/assessment/questions'
import {
  alignmentIndex,
  assessRound,
  bandOf,
  compareRounds,
  personDimensionMeans,
  pointsOf,
  teamScores,
  type ResponseAnswers,
  type Team,
} from '~/domain/assessment/scoring'

const set = ALIGNMENT_2026
const dk = DONT_KNOW

/** Answers given per dimension in the questionnaire's statement order. */
function answers(byDimension: Partial<Record<DimensionId, Answer[]>>): Record<string, Answer> {
  const out: Record<string, Answer> = {}
  for (const [dimension, given] of Object.entries(byDimension) as [DimensionId, Answer[]][]) {
    const statements = set.statements.filter((statement) => statement.dimension === dimension)
    given.forEach((answer, index) => {
      out[statements[index]!.id] = answer
    })
  }
  return out
}

/** Every statement answered with `value`, as if the person agreed that much with each as written. */
function everywhere(value: Answer): Record<string, Answer> {
  return Object.fromEntries(set.statements.map((statement) => [statement.id, value]))
}

/** Answers whose scores (after turning reverse-worded statements round) are `score` in every dimension. */
function scoring(score: 1 | 2 | 3 | 4 | 5): Record<string, Answer> {
  return Object.fromEntries(set.statements.map((statement) => [statement.id, (statement.reverse ? 6 - score : score) as Answer]))
}

describe('the question set', () => {
  it('has six dimensions with at least four statements each, some reverse-worded, unique ids and two free-text questions', () => {
    expect(set.dimensions.map((d) => d.id)).toEqual([...DIMENSION_IDS])
    for (const dimension of DIMENSION_IDS) {
      const statements = set.statements.filter((statement) => statement.dimension === dimension)
      expect(statements.length, dimension).toBeGreaterThanOrEqual(4)
      expect(statements.some((statement) => statement.reverse), `${dimension} has a reverse-worded statement`).toBe(true)
      expect(statements.some((statement) => !statement.reverse), `${dimension} has a plainly worded statement`).toBe(true)
    }
    expect(new Set(set.statements.map((statement) => statement.id)).size).toBe(set.statements.length)
    expect(set.freeText.map((question) => question.text)).toEqual(['In one sentence, what is an MQL?', 'In one sentence, what is an SQL?'])
    expect(Object.values(set.weights)).toEqual([1, 1, 1, 1, 1, 1])
  })
})

describe('pointsOf', () => {
  it.each([
    [5, false, 5],
    [1, false, 1],
    [5, true, 1],
    [2, true, 4],
    [3, true, 3],
    [dk, false, null],
    [dk, true, null],
  ] as const)('answer %s (reverse %s) counts %s', (answer, reverse, expected) => {
    expect(pointsOf(answer, reverse)).toBe(expected)
  })
})

describe('personDimensionMeans', () => {
  it('turns reverse-worded statements round and leaves "don’t know" out', () => {
    // Shared definitions: 4, 5, reverse 2 (→ 4), don't know → (4 + 5 + 4) / 3.
    // Handoff: only don't know → no score. Feedback: 1, reverse 5 (→ 1), 2, 3 → 7 / 4.
    const means = personDimensionMeans(set, answers({ definitions: [4, 5, 2, dk], handoff: [dk, dk, dk, dk], feedback: [1, 5, 2, 3] }))
    expect(means.definitions).toBeCloseTo(13 / 3, 10)
    expect(means.handoff).toBeUndefined()
    expect(means.feedback).toBeCloseTo(7 / 4, 10)
    expect(Object.keys(means).sort()).toEqual(['definitions', 'feedback'])
  })

  it('ignores answers to statements of another set', () => {
    expect(personDimensionMeans(set, { 'not-a-statement': 5 })).toEqual({})
  })
})

describe('teamScores', () => {
  it('averages people (not answers) and puts the mean on 20–100', () => {
    // A: definitions (4 + 5 + 4) / 3 = 4.333…; B: 2, 2, reverse 4 (→ 2), 2 = 2.
    // Team: (4.333… + 2) / 2 = 3.1666… × 20 = 63.33 → 63. C answered only "don't know" there and does not count.
    const scores = teamScores(set, [
      { team: 'marketing', answers: answers({ definitions: [4, 5, 2, dk] }) },
      { team: 'marketing', answers: answers({ definitions: [2, 2, 4, 2] }) },
      { team: 'marketing', answers: answers({ definitions: [dk, dk, dk, dk] }) },
    ])
    expect(scores.responses).toBe(3)
    expect(scores.dimensions.definitions).toEqual({ score: 63, respondents: 2 })
    expect(scores.dimensions.handoff).toEqual({ score: null, respondents: 0 })
  })

  it.each([
    [scoring(1), 20],
    [scoring(3), 60],
    [scoring(5), 100],
    // Agreeing fully with every statement as written: plain ones score 5, reverse-worded ones 1.
    // Definitions has 3 plain and 1 reverse statement: (5 + 5 + 1 + 5) / 4 = 4 → 80.
    [everywhere(5), 80],
  ])('scores the extremes: %o → %i in shared definitions', (given, expected) => {
    expect(teamScores(set, [{ team: 'sales', answers: given }]).dimensions.definitions.score).toBe(expected)
  })
})

describe('bandOf', () => {
  it.each([
    [0, 'Undefined'],
    [20, 'Undefined'],
    [39, 'Undefined'],
    [40, 'Defined'],
    [59, 'Defined'],
    [60, 'Aligned'],
    [79, 'Aligned'],
    [80, 'Integrated'],
    [100, 'Integrated'],
  ])('%i reads as %s', (score, label) => {
    expect(bandOf(score).label).toBe(label)
  })
})

describe('alignmentIndex', () => {
  const combined = { definitions: 70, handoff: 60, feedback: 30, goals: 50, data: 70, cadence: 40 }
  it('is the weighted mean of the combined scores, rounded', () => {
    // Equal weights: 320 / 6 = 53.33 → 53.
    expect(alignmentIndex(combined, set.weights)).toBe(53)
    // Shared definitions counted three times: (210 + 60 + 30 + 50 + 70 + 40) / 8 = 57.5 → 58.
    expect(alignmentIndex(combined, { ...set.weights, definitions: 3 })).toBe(58)
    // A zero weight leaves a dimension out: (60 + 30 + 50 + 70 + 40) / 5 = 50.
    expect(alignmentIndex(combined, { ...set.weights, definitions: 0 })).toBe(50)
  })
  it('leaves out dimensions without both teams and is null without any', () => {
    expect(alignmentIndex({ ...combined, feedback: null, cadence: null }, set.weights)).toBe(63) // 250 / 4 = 62.5 → 63
    expect(alignmentIndex({}, set.weights)).toBeNull()
  })
})

function people(team: Team, count: number, given: Record<string, Answer>): ResponseAnswers[] {
  return Array.from({ length: count }, () => ({ team, answers: given }))
}

/** Answers whose score in each dimension is the given 1–5 value. */
function profile(byDimension: Record<DimensionId, 1 | 2 | 3 | 4 | 5>): Record<string, Answer> {
  return Object.fromEntries(set.statements.map((statement) => {
    const score = byDimension[statement.dimension]
    return [statement.id, (statement.reverse ? 6 - score : score) as Answer]
  }))
}

describe('assessRound', () => {
  // Marketing: 80 60 40 60 70(3.5 → 70) 50(2.5) — sales: 60 60 20 40 70 30.
  const marketing = { definitions: 4, handoff: 3, feedback: 2, goals: 3, data: 4, cadence: 3 } as const
  const marketingLow = { definitions: 4, handoff: 3, feedback: 2, goals: 3, data: 3, cadence: 2 } as const
  const sales = { definitions: 3, handoff: 3, feedback: 1, goals: 2, data: 4, cadence: 2 } as const
  const salesLow = { definitions: 3, handoff: 3, feedback: 1, goals: 2, data: 3, cadence: 1 } as const
  const responses = [
    ...people('marketing', 2, profile(marketing)),
    ...people('marketing', 2, profile(marketingLow)),
    ...people('sales', 2, profile(sales)),
    ...people('sales', 2, profile(salesLow)),
    ...people('other', 1, profile(sales)),
  ]

  it('scores each team, the gaps, the index and its band from hand-computed values', () => {
    const result = assessRound(set, responses)
    expect(result.counts).toEqual({ marketing: 4, sales: 4, other: 1 })
    expect(result.visible).toEqual({ marketing: true, sales: true, other: false })
    expect(result.comparable).toBe(true)
    expect(result.dimensions.map((d) => [d.id, d.marketing, d.sales, d.other, d.gap, d.combined])).toEqual([
      ['definitions', 80, 60, null, 20, 70],
      ['handoff', 60, 60, null, 0, 60],
      ['feedback', 40, 20, null, 20, 30],
      ['goals', 60, 40, null, 20, 50],
      ['data', 70, 70, null, 0, 70],
      ['cadence', 50, 30, null, 20, 40],
    ])
    expect(result.index).toBe(53)
    expect(result.band?.label).toBe('Defined')
    expect(result.weakest).toEqual(['feedback', 'cadence', 'goals', 'handoff', 'definitions', 'data'])
    // Four gaps of 20: the first in the questionnaire's order is the largest.
    expect(result.largestGap).toBe('definitions')
  })

  it('hides a team below three responses but shows its count; no gap or index without both teams', () => {
    const result = assessRound(set, [...people('marketing', 3, profile(marketing)), ...people('sales', 2, profile(sales))])
    expect(result.counts).toEqual({ marketing: 3, sales: 2, other: 0 })
    expect(result.visible).toEqual({ marketing: true, sales: false, other: false })
    expect(result.comparable).toBe(false)
    expect(result.dimensions.every((d) => d.sales === null && d.gap === null && d.combined === null)).toBe(true)
    expect(result.dimensions[0]!.marketing).toBe(80)
    expect(result.index).toBeNull()
    expect(result.band).toBeNull()
    expect(result.weakest).toEqual([])
    expect(result.largestGap).toBeNull()
  })

  it('honours a set’s weights', () => {
    const weighted: QuestionSet = { ...set, weights: { ...set.weights, feedback: 4 } }
    // (70 + 60 + 4 × 30 + 50 + 70 + 40) / 9 = 410 / 9 = 45.6 → 46.
    expect(assessRound(weighted, responses).index).toBe(46)
  })
})

describe('compareRounds', () => {
  it('gives the change per dimension, the gap closed and the index change', () => {
    const before = assessRound(set, [
      ...people('marketing', 3, profile({ definitions: 4, handoff: 3, feedback: 2, goals: 3, data: 4, cadence: 3 })),
      ...people('sales', 3, profile({ definitions: 2, handoff: 3, feedback: 1, goals: 2, data: 4, cadence: 2 })),
    ])
    const after = assessRound(set, [
      ...people('marketing', 3, profile({ definitions: 4, handoff: 4, feedback: 4, goals: 3, data: 4, cadence: 4 })),
      ...people('sales', 3, profile({ definitions: 4, handoff: 4, feedback: 3, goals: 3, data: 4, cadence: 4 })),
    ])
    const comparison = compareRounds(before, after)
    const definitions = comparison.dimensions.find((d) => d.id === 'definitions')!
    expect(definitions.before).toEqual({ marketing: 80, sales: 40, combined: 60, gap: 40 })
    expect(definitions.after).toEqual({ marketing: 80, sales: 80, combined: 80, gap: 0 })
    expect(definitions.change).toBe(20)
    expect(definitions.gapClosed).toBe(40)
    // Before: (60 + 60 + 30 + 50 + 80 + 50) / 6 = 55; after: (80 + 80 + 70 + 60 + 80 + 80) / 6 = 75.
    expect(comparison.indexBefore).toBe(55)
    expect(comparison.indexAfter).toBe(75)
    expect(comparison.indexChange).toBe(20)
  })

  it('has no change where the earlier round had too few responses', () => {
    const before = assessRound(set, people('marketing', 3, scoring(3)))
    const after = assessRound(set, [...people('marketing', 3, scoring(4)), ...people('sales', 3, scoring(4))])
    const comparison = compareRounds(before, after)
    expect(comparison.indexChange).toBeNull()
    expect(comparison.dimensions.every((d) => d.change === null && d.gapClosed === null)).toBe(true)
  })
})
