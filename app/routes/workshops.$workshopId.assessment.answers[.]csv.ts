import type { LoaderFunctionArgs } from '@remix-run/node'
import { stringify } from 'csv-stringify/sync'
import { answersCsvRows } from '~/domain/assessment/exports'
import { questionSetById } from '~/domain/assessment/questions'
import { MIN_RESPONSES_PER_TEAM } from '~/domain/assessment/scoring'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getRound, listRounds, listSubmittedResponses } from '~/models/assessment.server'
import { downloadHeaders } from '~/models/version-export.server'

/**
 * The anonymous answers of a round for the facilitator's own analysis: one response a row, no
 * names, no times, teams below the anonymity threshold left out (domain/assessment/exports.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'manage-assessment')
  const asked = new URL(request.url).searchParams.get('round')
  const roundId = asked ?? (await listRounds(member.workshopId))[0]?.id
  const round = roundId ? await getRound({ workshopId: member.workshopId, roundId }) : undefined
  invariantResponse(round, 'Round not found', { status: 404 })
  const set = questionSetById(round.questionSetId)
  invariantResponse(set, 'This round uses a questionnaire this version of Leadpact does not know.', { status: 500 })
  const rows = answersCsvRows(set, round.name, await listSubmittedResponses(round.id), MIN_RESPONSES_PER_TEAM)
  // RFC 4180 with CRLF and a BOM, as the rules CSV: Excel then reads UTF-8 (“ ” ≥) correctly.
  const csv = `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`
  return new Response(csv, { headers: downloadHeaders('text/csv; charset=utf-8', `assessment-answers-${round.name}.csv`) })
}
