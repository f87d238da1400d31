import { randomBytes } from 'node:crypto'
import { ALIGNMENT_2026, DONT_KNOW, type Answer } from '~/domain/assessment/questions'
import { closeRound, memberRespondentKey, openRound, saveSection, startResponse, submitResponse, browserRespondentKey } from '~/models/assessment.server'
import { nextMillisecond } from './creation-order'
import { AFTER, BEFORE, SPREAD, type DemoRespondent, type DemoRound } from './assessment'
import type { DemoPeople } from './people'

const MINUTE_MS = 60_000

/** The answers a demo respondent ticks: their level per dimension, spread a little, reverse-worded statements the other way round. */
export function answersOf(respondent: DemoRespondent): Record<string, Answer> {
  const answers: Record<string, Answer> = {}
  for (const dimension of ALIGNMENT_2026.dimensions) {
    ALIGNMENT_2026.statements
      .filter((statement) => statement.dimension === dimension.id)
      .forEach((statement, position) => {
        if (respondent.dontKnow?.[dimension.id]?.includes(position)) {
          answers[statement.id] = DONT_KNOW
          return
        }
        const score = Math.min(5, Math.max(1, respondent.levels[dimension.id] + SPREAD[position]!))
        answers[statement.id] = (statement.reverse ? 6 - score : score) as Answer
      })
  }
  return answers
}

async function seedRound(workshopId: string, people: DemoPeople, round: DemoRound) {
  const opened = await openRound({ workshopId, userId: people.facilitatorId, name: round.name, now: round.openedAt })
  if (!opened.ok) throw new Error(`Demo assessment: “${round.name}” not opened (${opened.reason})`)
  const roundId = opened.round.id
  const span = round.closedAt.getTime() - round.openedAt.getTime()
  for (const [index, respondent] of round.respondents.entries()) {
    await nextMillisecond()
    const startedAt = new Date(round.openedAt.getTime() + Math.round(((index + 1) / (round.respondents.length + 2)) * span))
    const memberId = respondent.member === 'marketing' ? people.marketingId : respondent.member === 'sales' ? people.salesId : null
    const respondentKey = memberId ? memberRespondentKey(roundId, memberId) : browserRespondentKey(roundId, randomBytes(18).toString('base64url'))
    const started = await startResponse({ roundId, respondentKey, team: respondent.team, channel: memberId ? 'member' : 'link', now: startedAt })
    if (!started.ok) throw new Error(`Demo assessment: a response not started (${started.reason})`)
    await saveSection({ roundId, respondentKey, patch: { answers: answersOf(respondent) } })
    const saved = await saveSection({ roundId, respondentKey, patch: { mqlDefinition: respondent.mqlDefinition, sqlDefinition: respondent.sqlDefinition } })
    if (!saved.ok) throw new Error(`Demo assessment: answers not saved (${saved.reason})`)
    const submitted = await submitResponse({ roundId, respondentKey, revision: saved.response.revision, now: new Date(startedAt.getTime() + 9 * MINUTE_MS) })
    if (!submitted.ok) throw new Error(`Demo assessment: a response not submitted (${submitted.reason})`)
  }
  const closed = await closeRound({ workshopId, roundId, revision: opened.round.revision, userId: people.facilitatorId, now: round.closedAt })
  if (!closed.ok) throw new Error(`Demo assessment: “${round.name}” not closed (${closed.reason})`)
}

/** Two closed rounds: before the September workshop, and after v2. */
export async function seedAssessmentDemo(workshopId: string, people: DemoPeople) {
  await seedRound(workshopId, people, BEFORE)
  await seedRound(workshopId, people, AFTER)
}
