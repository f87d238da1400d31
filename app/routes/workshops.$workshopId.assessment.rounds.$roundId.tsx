import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Questionnaire } from '~/components/assessment/questionnaire'
import { questionSetById } from '~/domain/assessment/questions'
import type { Team } from '~/domain/assessment/scoring'
import type { Role } from '~/domain/workshops/roles'
import { readFormData, readIntent } from '~/http/form.server'
import { answeringView, saveSectionIntent, startIntent, submitIntent } from '~/http/assessment-answers.server'
import type { FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getResponse, getRound, memberRespondentKey } from '~/models/assessment.server'

/** A member answers a round in the app: for the team of their role (a viewer picks one). */

export const meta: MetaFunction = () => [{ title: 'Alignment assessment · Leadpact' }]

const TEAM_OF_ROLE: Partial<Record<Role, Team>> = { marketing: 'marketing', sales: 'sales' }

async function requireRespondent(request: Request, params: LoaderFunctionArgs['params']) {
  const member = await requireMember(request, params.workshopId, 'answer-assessment')
  const round = params.roundId ? await getRound({ workshopId: member.workshopId, roundId: params.roundId }) : undefined
  invariantResponse(round, 'Round not found', { status: 404 })
  const respondent = { roundId: round.id, respondentKey: memberRespondentKey(round.id, member.user.id), channel: 'member' as const }
  return { member, round, respondent, fixedTeam: TEAM_OF_ROLE[member.role] ?? null }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { member, round, respondent, fixedTeam } = await requireRespondent(request, params)
  const url = new URL(request.url)
  const view = answeringView({
    workshop: { name: member.workshop.name, company: member.workshop.company },
    round,
    response: await getResponse(respondent),
    fixedTeam,
    basePath: url.pathname,
    requested: url.searchParams.get('page'),
  })
  invariantResponse(view, 'This round uses a questionnaire this version of Leadpact does not know.', { status: 500 })
  return json({ view, workshopId: member.workshopId })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { round, respondent, fixedTeam } = await requireRespondent(request, params)
  const formData = await readFormData(request)
  const pageUrl = new URL(request.url).pathname
  switch (readIntent(formData, ['start-response', 'save-section', 'submit-response'])) {
    case 'start-response':
      return startIntent({ formData, respondent, fixedTeam: fixedTeam ?? undefined, pageUrl })
    case 'save-section': {
      const set = questionSetById(round.questionSetId)
      invariantResponse(set, 'This round uses a questionnaire this version of Leadpact does not know.', { status: 500 })
      return saveSectionIntent({ formData, respondent, set, pageUrl: (page) => `${pageUrl}?page=${page}` })
    }
    case 'submit-response':
      return submitIntent({ formData, respondent, pageUrl })
  }
}

export default function AnswerRoundPage() {
  const { view, workshopId } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  return (
    <div className="stack">
      <p className="eyebrow">
        <Link to={`/workshops/${workshopId}/assessment`}>Step 10 · Alignment assessment</Link>
      </p>
      <Questionnaire view={view} actionData={actionData} />
    </div>
  )
}
