import { describe, expect, it } from 'vitest'
import { portfolioRow, type PortfolioRound } from '~/domain/assessment/portfolio'
import { ALIGNMENT_2026, type Answer } from '~/domain/assessment/questions'
import type { ResponseAnswers, Team } from '~/domain/assessment/scoring'

const set = ALIGNMENT_2026
const workshop = { id: 'w', name: 'Acme', company: 'Acme Inc.' }

function people(team: Team, count: number, score: number, feedbackScore = score): ResponseAnswers[] {
  const answers = Object.fromEntries(set.statements.map((s) => {
    const value = s.dimension === 'feedback' ? feedbackScore : score
    return [s.id, (s.reverse ? 6 - value : value) as Answer]
  }))
  return Array.from({ length: count }, () => ({ team, answers }))
}

function round(id: string, responses: ResponseAnswers[]): PortfolioRound {
  return { id, name: `Round ${id}`, questionSetId: set.id, openedAt: '2026-09-01T00:00:00.000Z', closedAt: null, responses }
}

describe('portfolioRow', () => {
  it('shows the latest round, its weakest dimension and largest gap, and the change since the last round with results', () => {
    const rows = portfolioRow(workshop, [
      round('3', [...people('marketing', 3, 4), ...people('sales', 3, 4, 2)]),
      round('2', [...people('marketing', 2, 3)]), // too few answers: skipped for the change
      round('1', [...people('marketing', 3, 3), ...people('sales', 4, 2)]),
    ], set)
    // Latest: marketing 80 everywhere; sales 80 but feedback 40 → combined feedback 60, others 80 → index (5 × 80 + 60) / 6 = 76.7 → 77.
    expect(rows.latest).toMatchObject({ id: '3', index: 77, comparable: true, weakest: { title: 'Feedback loop', score: 60 }, largestGap: { title: 'Feedback loop', gap: 40 } })
    expect(rows.latest!.band!.label).toBe('Aligned')
    // Round 1: (60 + 40) / 2 = 50 everywhere.
    expect(rows.previous).toEqual({ name: 'Round 1', index: 50 })
    expect(rows.indexChange).toBe(27)
  })

  it('shows a round still collecting answers with its counts and no index', () => {
    const rows = portfolioRow(workshop, [round('1', [...people('marketing', 3, 4), ...people('sales', 1, 4)])], set)
    expect(rows.latest).toMatchObject({ comparable: false, index: null, band: null, weakest: null, largestGap: null, counts: { marketing: 3, sales: 1, other: 0 } })
    expect(rows.indexChange).toBeNull()
  })

  it('has nothing for a workshop without rounds', () => {
    expect(portfolioRow(workshop, [], set)).toEqual({ workshop, latest: null, previous: null, indexChange: null })
  })
})
