import { questionSetById, type QuestionSet } from './questions'
import { assessRound, type Band, type ResponseAnswers, type Team } from './scoring'

/*
 * The consultant's portfolio: each workshop's latest round beside the others. The latest round
 * is shown even while it collects answers (with its counts), and the change is measured against
 * the most recent earlier round that has results for both teams.
 */

export type PortfolioRound = { id: string; name: string; questionSetId: string; openedAt: string; closedAt: string | null; responses: readonly ResponseAnswers[] }

export type PortfolioRow = {
  workshop: { id: string; name: string; company: string }
  latest: null | {
    id: string
    name: string
    openedAt: string
    closedAt: string | null
    counts: Record<Team, number>
    comparable: boolean
    index: number | null
    band: Band | null
    weakest: { title: string; score: number } | null
    largestGap: { title: string; gap: number } | null
  }
  previous: { name: string; index: number } | null
  indexChange: number | null
}

function resultOf(round: PortfolioRound, fallback: QuestionSet) {
  return assessRound(questionSetById(round.questionSetId) ?? fallback, round.responses)
}

/** One workshop's row from its rounds, newest first. */
export function portfolioRow(workshop: PortfolioRow['workshop'], rounds: readonly PortfolioRound[], set: QuestionSet): PortfolioRow {
  const [latestRound, ...earlier] = rounds
  if (!latestRound) return { workshop, latest: null, previous: null, indexChange: null }
  const result = resultOf(latestRound, set)
  const weakest = result.weakest[0] ? result.dimensions.find((d) => d.id === result.weakest[0])! : null
  const gap = result.largestGap ? result.dimensions.find((d) => d.id === result.largestGap)! : null
  let previous: PortfolioRow['previous'] = null
  for (const round of earlier) {
    const earlierResult = resultOf(round, set)
    if (earlierResult.index !== null) {
      previous = { name: round.name, index: earlierResult.index }
      break
    }
  }
  return {
    workshop,
    latest: {
      id: latestRound.id,
      name: latestRound.name,
      openedAt: latestRound.openedAt,
      closedAt: latestRound.closedAt,
      counts: result.counts,
      comparable: result.comparable,
      index: result.index,
      band: result.band,
      weakest: weakest ? { title: weakest.title, score: Math.round(weakest.combined!) } : null,
      largestGap: gap && gap.gap !== null ? { title: gap.title, gap: gap.gap } : null,
    },
    previous,
    indexChange: previous && result.index !== null ? result.index - previous.index : null,
  }
}
