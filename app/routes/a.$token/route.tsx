import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Questionnaire } from '~/components/assessment/questionnaire'
import { questionSetById } from '~/domain/assessment/questions'
import { readFormData, readIntent } from '~/http/form.server'
import { answer } from '~/http/actions.server'
import { answeringView, browserIdOf, ensureBrowserId, saveSectionIntent, startIntent, submitIntent } from '~/http/assessment-answers.server'
import type { FormAnswer } from '~/http/form-answer'
import { invariantResponse } from '~/http/responses.server'
import { browserRespondentKey, getResponse, resolvePublicLink } from '~/models/assessment.server'

/*
 * The public link of a round: people without an account answer here. They pick their team;
 * this browser's signed cookie makes it one response per browser; the edge rate-limits the path
 * as a public entry (PUBLIC_ENTRY). Nothing of the workshop is shown but its company and name.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.round.name} · ${data.view.workshop.company} · Leadpact` : 'Alignment assessment · Leadpact' },
  { name: 'robots', content: 'noindex, nofollow' },
]

/*
 * The link is the credential: keep it out of search engines, caches and other sites' referrers.
 * `same-origin`, not `no-referrer`: under no-referrer a browser posts a form without JavaScript
 * with `Origin: null`, which the edge's cross-site check rightly refuses.
 */
export const headers: HeadersFunction = () => ({ 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'same-origin', 'Cache-Control': 'private, no-store' })

async function requireRound(token: string | undefined) {
  const round = token ? await resolvePublicLink(token) : undefined
  invariantResponse(round, 'This assessment link does not exist. Check the address, or ask the facilitator for a new one.', { status: 404 })
  return round
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const round = await requireRound(params.token)
  const browserId = await browserIdOf(request)
  const response = browserId ? await getResponse({ roundId: round.id, respondentKey: browserRespondentKey(round.id, browserId) }) : undefined
  const view = answeringView({
    workshop: { name: round.workshopName, company: round.company },
    round,
    response,
    fixedTeam: null,
    basePath: new URL(request.url).pathname,
    requested: new URL(request.url).searchParams.get('page'),
  })
  invariantResponse(view, 'This round uses a questionnaire this version of Leadpact does not know.', { status: 500 })
  return json({ view }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const round = await requireRound(params.token)
  const formData = await readFormData(request)
  const intent = readIntent(formData, ['start-response', 'save-section', 'submit-response'])
  const pageUrl = new URL(request.url).pathname
  if (intent === 'start-response') {
    const { browserId, setCookie } = await ensureBrowserId(request)
    const respondent = { roundId: round.id, respondentKey: browserRespondentKey(round.id, browserId), channel: 'link' as const }
    return startIntent({ formData, respondent, pageUrl, headers: setCookie ? { 'Set-Cookie': setCookie } : undefined })
  }
  const browserId = await browserIdOf(request)
  if (!browserId) {
    return answer(400, { form: intent === 'save-section' ? 'section' : intent, errors: { form: 'Start the questionnaire first (your browser has no answers for it yet; cookies must be allowed).' } })
  }
  const respondent = { roundId: round.id, respondentKey: browserRespondentKey(round.id, browserId), channel: 'link' as const }
  if (intent === 'save-section') {
    const set = questionSetById(round.questionSetId)
    invariantResponse(set, 'This round uses a questionnaire this version of Leadpact does not know.', { status: 500 })
    return saveSectionIntent({ formData, respondent, set, pageUrl: (page) => `${pageUrl}?page=${page}` })
  }
  return submitIntent({ formData, respondent, pageUrl })
}

export default function PublicAssessmentPage() {
  const { view } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  return <Questionnaire view={view} actionData={actionData} />
}
