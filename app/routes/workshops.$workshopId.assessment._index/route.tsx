import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AlignmentRadar } from '~/components/assessment/radar'
import { DefinitionsSideBySide, IndexSummary, Recommendations, ResponseCounts, RoundComparisonTable, ScoresTable } from '~/components/assessment/results'
import { FormattedDate } from '~/components/dates'
import { publicOrigin } from '~/http/env.server'
import { readFormData, readIntent } from '~/http/form.server'
import { readableRounds } from '~/http/assessment-results.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getResponse, getRoundReport, listRounds, memberRespondentKey, publicLinkToken } from '~/models/assessment.server'
import { closeRoundIntent, openRoundIntent } from './intents.server'
import { RoundsPanel } from './rounds-panel'
import { Icon } from '~/components/icons'

export const meta: MetaFunction = () => [{ title: 'Alignment assessment · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const url = new URL(request.url)
  const canManage = member.can('manage-assessment')
  const rounds = await listRounds(member.workshopId)
  const readable = readableRounds(member, rounds)
  const asked = url.searchParams.get('round')
  invariantResponse(!asked || rounds.some((round) => round.id === asked), 'Round not found', { status: 404 })
  const selected = readable.find((round) => round.id === (asked ?? readable[0]?.id))
  const askedCompare = url.searchParams.get('compare')
  const older = selected ? readable.filter((round) => round.openedAt < selected.openedAt) : []
  const compare = askedCompare === 'none' ? null : (readable.find((round) => round.id === askedCompare && round.id !== selected?.id) ?? older[0] ?? null)
  const report = selected ? await getRoundReport({ workshopId: member.workshopId, roundId: selected.id, compareWith: compare?.id }) : undefined

  const open = rounds.find((round) => round.closedAt === null)
  const mine = open && member.can('answer-assessment') ? await getResponse({ roundId: open.id, respondentKey: memberRespondentKey(open.id, member.user.id) }) : undefined
  return json({
    workshopId: member.workshopId,
    canManage,
    rounds: canManage
      ? rounds.map((round) => ({ ...round, openedAt: round.openedAt.toISOString(), closedAt: round.closedAt?.toISOString() ?? null, publicLink: round.closedAt ? null : `${publicOrigin()}/a/${publicLinkToken(round.id)}` }))
      : [],
    readable: readable.map((round) => ({ id: round.id, name: round.name })),
    openRound:
      open && member.can('answer-assessment')
        ? { id: open.id, name: open.name, state: mine?.submittedAt ? ('submitted' as const) : mine ? ('draft' as const) : ('not-started' as const) }
        : null,
    hiddenOpen: !canManage && asked !== null && !selected,
    report: report ?? null,
    compareId: report?.comparison?.round.id ?? null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['open-round', 'close-round'])) {
    case 'open-round':
      return openRoundIntent({ member, formData })
    case 'close-round':
      return closeRoundIntent({ member, formData })
  }
}

const ANSWER_LABELS = { 'not-started': 'Answer the questionnaire', draft: 'Continue your answers', submitted: 'See your submission' } as const

export default function AssessmentPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const report = data.report
  const base = `/workshops/${data.workshopId}/assessment`
  const roundQuery = report ? `?round=${encodeURIComponent(report.round.id)}` : ''
  return (
    <div className="stack assessment-page">
      <div>
        <p className="eyebrow">Step 10 · optional, often first</p>
        <h1>Alignment assessment</h1>
        <p className="muted">
          Everyone answers on their own, before the workshop and again after it. The finding is the gap between what marketing and sales believe — and whether it closes.
        </p>
      </div>

      {data.openRound ? (
        <div className="alert info answer-prompt">
          <p>
            <strong>“{data.openRound.name}” is open.</strong>{' '}
            {data.openRound.state === 'submitted' ? 'You have submitted your answers; thank you.' : 'Your answers are anonymous: results show only as team averages of at least three people.'}
          </p>
          <Link to={`${base}/rounds/${data.openRound.id}`} className="button small">
            {ANSWER_LABELS[data.openRound.state]}
          </Link>
        </div>
      ) : null}

      {data.canManage ? (
        <RoundsPanel rounds={data.rounds} selectedId={report?.round.id ?? null} openAnswer={answerFor(actionData, 'open-round')} closeAnswer={answerFor(actionData, 'close-round')} />
      ) : null}

      {data.hiddenOpen ? <div className="alert warn">The results of a round show once the facilitator closes it.</div> : null}

      {!report ? (
        <div className="empty">
          <Icon name="clipboard-list" className="empty-icon" />
          <h2>No results yet</h2>
          <p>
            {data.canManage
              ? 'Open a round, send its link to both teams (or let members answer here), and the results appear as soon as each team has three responses.'
              : 'The results appear here once the facilitator closes a round.'}
          </p>
        </div>
      ) : (
        <>
          <section className="card" aria-labelledby="results-heading">
            <div className="section-head">
              <div>
                <h2 id="results-heading">Results: {report.round.name}</h2>
                <p className="muted small">
                  {report.round.closedAt ? (
                    <>
                      <FormattedDate value={report.round.openedAt} /> – <FormattedDate value={report.round.closedAt} />
                    </>
                  ) : (
                    <>
                      Open since <FormattedDate value={report.round.openedAt} />: results change as answers come in.
                    </>
                  )}{' '}
                  · {report.round.questionSet.title}
                </p>
              </div>
              <div className="actions no-print">
                <Link to={`${base}/report${roundQuery}${data.compareId ? `&compare=${encodeURIComponent(data.compareId)}` : ''}`} className="button secondary small">
                  <Icon name="printer" />
                  Printable report
                </Link>
                <a href={`${base}/export.md${roundQuery}${data.compareId ? `&compare=${encodeURIComponent(data.compareId)}` : ''}`} className="button secondary small" download>
                  <Icon name="download" />
                  Markdown
                </a>
                {data.canManage ? (
                  <a href={`${base}/answers.csv${roundQuery}`} className="button secondary small" download>
                    <Icon name="download" />
                    Answers (CSV)
                  </a>
                ) : null}
              </div>
            </div>
            <ResponseCounts result={report.result} />
            <div className="assessment-overview">
              <IndexSummary result={report.result} />
              {report.result.comparable ? <AlignmentRadar dimensions={report.result.dimensions} caption={`Marketing and sales per dimension, ${report.round.name}`} /> : null}
            </div>
            <h3>Scores per dimension</h3>
            <ScoresTable result={report.result} />
          </section>

          <section className="card" aria-labelledby="recommendations-heading">
            <h2 id="recommendations-heading">What to work on</h2>
            <Recommendations items={report.recommendations} workshopId={data.workshopId} />
          </section>

          <section className="card" aria-labelledby="definitions-heading">
            <h2 id="definitions-heading">What is an MQL? What is an SQL? In the teams’ own words</h2>
            <DefinitionsSideBySide report={report} />
          </section>

          {data.readable.length > 1 ? (
            <section className="card" aria-labelledby="comparison-heading">
              <h2 id="comparison-heading">Change between rounds</h2>
              <Form method="get" className="assessment-compare">
                <input type="hidden" name="round" value={report.round.id} />
                <label htmlFor="compare">Compare “{report.round.name}” with</label>
                <select id="compare" name="compare" defaultValue={data.compareId ?? 'none'}>
                  <option value="none">no other round</option>
                  {data.readable
                    .filter((round) => round.id !== report.round.id)
                    .map((round) => (
                      <option key={round.id} value={round.id}>
                        {round.name}
                      </option>
                    ))}
                </select>
                <button type="submit" className="button secondary small">
                  Compare
                </button>
              </Form>
              {report.comparison ? <RoundComparisonTable comparison={report.comparison} /> : <p className="muted">Choose a round to compare with.</p>}
            </section>
          ) : null}
        </>
      )}

      {data.canManage ? (
        <p className="small">
          <Link to="/workshops/assessments">All my workshops’ assessments side by side →</Link>
        </p>
      ) : null}
    </div>
  )
}
