import { getRoundReport, listRounds, type Round } from '~/models/assessment.server'
import type { MemberContext } from './permissions.server'
import { invariantResponse } from './responses.server'

/**
 * The rounds whose results a member may read: every round for the facilitator, closed rounds for
 * everyone else (answers still coming in are nobody's business yet).
 */
export function readableRounds<R extends Pick<Round, 'closedAt'>>(member: Pick<MemberContext, 'can'>, rounds: readonly R[]): R[] {
  return member.can('manage-assessment') ? [...rounds] : rounds.filter((round) => round.closedAt !== null)
}

/**
 * The report a download or the printable page asks for: `?round=` (default the newest readable
 * round) and `?compare=` (default none). 404 for a round that is not there or not readable yet.
 */
export async function requireReadableReport(member: MemberContext, url: URL) {
  const rounds = readableRounds(member, await listRounds(member.workshopId))
  const asked = url.searchParams.get('round')
  const round = asked ? rounds.find((candidate) => candidate.id === asked) : rounds[0]
  invariantResponse(round, asked ? 'Round not found, or its results are not shown before it closes.' : 'No round has results yet.', { status: 404 })
  const compare = url.searchParams.get('compare')
  const compareWith = compare && rounds.some((candidate) => candidate.id === compare) ? compare : null
  const report = await getRoundReport({ workshopId: member.workshopId, roundId: round.id, compareWith })
  invariantResponse(report, 'Round not found', { status: 404 })
  return report
}
