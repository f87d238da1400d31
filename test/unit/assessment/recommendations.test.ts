import { describe, expect, it } from 'vitest'
import { ALIGNMENT_2026, DIMENSION_IDS, type DimensionId } from '~/domain/assessment/questions'
import { GAP_WORTH_RAISING, recommend } from '~/domain/assessment/recommendations'
import { bandOf, type DimensionResult, type RoundResult } from '~/domain/assessment/scoring'

/** A comparable round built from marketing's and sales' scores per dimension (hand-set, so the choice is visible). */
function round(scores: Record<DimensionId, [number, number]>): RoundResult {
  const dimensions: DimensionResult[] = DIMENSION_IDS.map((id) => {
    const [marketing, sales] = scores[id]
    return { id, title: ALIGNMENT_2026.dimensions.find((d) => d.id === id)!.title, weight: 1, marketing, sales, other: null, combined: (marketing + sales) / 2, gap: marketing - sales }
  })
  const weakest = [...dimensions].sort((a, b) => a.combined! - b.combined!).map((d) => d.id)
  const largestGap = [...dimensions].sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!))[0]!.id
  const index = Math.round(dimensions.reduce((sum, d) => sum + d.combined!, 0) / dimensions.length)
  return {
    counts: { marketing: 4, sales: 4, other: 0 },
    visible: { marketing: true, sales: true, other: false },
    comparable: true,
    minResponses: 3,
    dimensions,
    index,
    band: bandOf(index),
    weakest,
    largestGap,
  }
}

describe('recommend', () => {
  it.each([
    {
      name: 'the largest gap first, then the two weakest',
      scores: { definitions: [70, 66], handoff: [60, 58], feedback: [72, 41], goals: [40, 36], data: [64, 60], cadence: [50, 44] },
      expected: [
        ['feedback', 'gap', 'sla'],
        ['goals', 'weakest', 'stages'],
        ['cadence', 'weakest', 'sla'],
      ],
    },
    {
      name: 'a gap below the bar is not raised: the three weakest instead',
      scores: { definitions: [30, 30 + GAP_WORTH_RAISING - 1], handoff: [50, 50], feedback: [45, 45], goals: [70, 70], data: [35, 35], cadence: [90, 90] },
      expected: [
        ['definitions', 'weakest', 'criteria'],
        ['data', 'weakest', 'scoring'],
        ['feedback', 'weakest', 'sla'],
      ],
    },
    {
      name: 'the gap dimension is also the weakest: one recommendation for it, then the next weakest',
      scores: { definitions: [60, 20], handoff: [60, 60], feedback: [50, 50], goals: [85, 85], data: [90, 90], cadence: [82, 82] },
      expected: [
        ['definitions', 'gap', 'leads'],
        ['feedback', 'weakest', 'sla'],
        ['handoff', 'weakest', 'sla'],
      ],
    },
    {
      name: 'integrated dimensions need no fixing',
      scores: { definitions: [85, 85], handoff: [80, 80], feedback: [70, 70], goals: [90, 90], data: [88, 88], cadence: [95, 95] },
      expected: [['feedback', 'weakest', 'sla']],
    },
    {
      name: 'integrated everywhere and no gap: keep reviewing',
      scores: { definitions: [85, 85], handoff: [80, 84], feedback: [90, 86], goals: [90, 90], data: [88, 88], cadence: [95, 95] },
      expected: [['cadence', 'keep', 'review']],
    },
  ] as const)('$name', ({ scores, expected }) => {
    const chosen = recommend(round(scores as unknown as Record<DimensionId, [number, number]>))
    expect(chosen.map((r) => [r.dimension, r.kind, r.step.slug])).toEqual(expected)
  })

  it('writes concrete sentences that name the scores and the step', () => {
    const chosen = recommend(round({ definitions: [70, 66], handoff: [60, 58], feedback: [72, 41], goals: [40, 36], data: [64, 60], cadence: [50, 44] }))
    expect(chosen[0]!.text).toBe(
      'Sales and marketing disagree most on the feedback loop (marketing rates it 72, sales 41): agree rejection reasons and recycle rules in the handoff SLA, so marketing hears why a lead was turned down (step 7, Handoff SLA).',
    )
    expect(chosen[1]!.text).toBe(
      'Shared goals and metrics is the weakest dimension (38, Undefined): set target conversion rates per lifecycle stage and work back from the revenue target to the MQLs needed per month (step 6, Lifecycle stages).',
    )
    expect(chosen[2]!.text).toMatch(/^Communication cadence comes next \(47, Defined\): set the review cadence in the handoff SLA/)
    expect(chosen[0]!.step).toEqual({ slug: 'sla', number: 7, title: 'Handoff SLA' })
  })

  it('says which team rates higher when sales does', () => {
    const [first] = recommend(round({ definitions: [40, 75], handoff: [60, 58], feedback: [60, 60], goals: [60, 60], data: [64, 60], cadence: [50, 44] }))
    expect(first!.text).toContain('(sales rates it 75, marketing 40)')
  })

  it('recommends nothing for a round without both teams', () => {
    expect(recommend({ ...round({ definitions: [40, 75], handoff: [60, 58], feedback: [60, 60], goals: [60, 60], data: [64, 60], cadence: [50, 44] }), comparable: false })).toEqual([])
  })
})
