import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { FormError } from '~/components/form'
import { ReviewActionSchema } from '~/domain/document/schemas'
import { SECTION_TITLES } from '~/domain/document/snapshot'
import { validateFormData, readFormData } from '~/form.server'
import { getReviewState, latestVersionNumber, publishVersion, signOffSection, withdrawSignOff } from '~/models/sign-off.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Review and publish · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [state, latest] = await Promise.all([getReviewState(member.workshopId), latestVersionNumber(member.workshopId)])
  return json({
    workshopId: member.workshopId,
    role: member.role,
    userId: member.user.id,
    latest,
    readyToPublish: state.readyToPublish,
    unchangedSince: state.unchangedSince,
    configProblems: state.configProblems,
    sections: state.sections.map((section) => ({ ...section, title: SECTION_TITLES[section.section] })),
  })
}

type ActionData = { errors?: Record<string, string>; message?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const form = validateFormData(await readFormData(request), ReviewActionSchema)
  if (!form.ok) return json<ActionData>({ errors: form.errors }, { status: 400 })
  const data = form.data
  if (data.intent === 'publish') {
    if (member.role !== 'facilitator') throw new Response('Only the facilitator publishes.', { status: 403 })
    const published = await publishVersion({ workshopId: member.workshopId, userId: member.user.id })
    if (!published.ok) return json<ActionData>({ errors: { form: publishRefusal(published) } }, { status: 409 })
    return redirect(`/workshops/${member.workshopId}/versions/${published.number}`)
  }
  if (member.role !== 'marketing' && member.role !== 'sales') throw new Response('Only marketing and sales members sign off.', { status: 403 })
  if (data.intent === 'sign-off') {
    await signOffSection({ workshopId: member.workshopId, userId: member.user.id, team: member.role, section: data.section })
    return json<ActionData>({ message: `Signed “${SECTION_TITLES[data.section]}” for ${member.role}.` })
  }
  const withdrawn = await withdrawSignOff({ workshopId: member.workshopId, userId: member.user.id, section: data.section, comment: data.comment })
  if (!withdrawn) return json<ActionData>({ errors: { form: 'You had not signed this section.' } }, { status: 400 })
  return json<ActionData>({ message: `Withdrew your sign-off of “${SECTION_TITLES[data.section]}”.` })
}

function unchangedText(latest: number) {
  return `Nothing has changed since version ${latest}: publishing it again would only repeat it. Change a section (and have it signed again) to publish version ${latest + 1}.`
}

function publishRefusal(refused: Extract<Awaited<ReturnType<typeof publishVersion>>, { ok: false }>) {
  return refused.reason === 'unchanged' ? unchangedText(refused.latest) : `Not every section is signed by both teams yet (${refused.missing.join('; ')}).`
}

const TEAM_LABEL = { marketing: 'Marketing', sales: 'Sales' } as const

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const canSign = data.role === 'marketing' || data.role === 'sales'
  const missingText = data.sections.flatMap((section) => section.missing.map((team) => `${TEAM_LABEL[team]} for “${section.title}”`))
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 8</p>
        <h2>Review, sign off and publish</h2>
        <p className="muted">
          Each section needs a sign-off from at least one marketing and one sales member. Any change to a section afterwards voids its sign-offs. Read
          the <Link to={`/workshops/${data.workshopId}/draft`}>draft definition document</Link> before signing.
        </p>
      </div>
      {actionData?.message ? (
        <div className="alert success" role="status">
          {actionData.message}
        </div>
      ) : null}
      <FormError message={actionData?.errors?.form} />
      <div className="sign-grid">
        {data.sections.map((section) => {
          const mine = section.signedBy.find((signed) => signed.userId === data.userId)
          return (
            <section key={section.section} className="card sign-row" aria-labelledby={`sign-${section.section}`}>
              <div>
                <h3 id={`sign-${section.section}`}>{section.title}</h3>
                {section.missing.length === 0 ? (
                  <span className="badge ok">Signed by both teams</span>
                ) : (
                  <span className="badge warn">Missing: {section.missing.map((team) => TEAM_LABEL[team]).join(' and ')}</span>
                )}
              </div>
              <div className="small">
                <strong>Signed</strong>
                {section.signedBy.length === 0 ? (
                  <p className="muted">Nobody yet.</p>
                ) : (
                  <ul>
                    {section.signedBy.map((signed) => (
                      <li key={signed.id}>
                        {signed.name} ({TEAM_LABEL[signed.team]}), <FormattedDate value={signed.signedAt} withTime />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div className="small">
                {section.voided.map((voided, index) => (
                  <p key={index} className="voided">
                    {voided.name}&apos;s sign-off ({TEAM_LABEL[voided.team]}) no longer counts: changed
                    {voided.changedBy ? ` by ${voided.changedBy}` : ''}
                    {voided.changedAt ? (
                      <>
                        {' '}
                        at <FormattedDate value={voided.changedAt} withTime />
                      </>
                    ) : null}{' '}
                    after the sign-off.
                  </p>
                ))}
                {section.withdrawn.slice(0, 2).map((withdrawn, index) => (
                  <p key={`w${index}`} className="muted">
                    {withdrawn.name} withdrew: “{withdrawn.comment}”
                  </p>
                ))}
              </div>
              <div>
                {canSign && !mine ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="sign-off" />
                    <input type="hidden" name="section" value={section.section} />
                    <button type="submit" className="button small">
                      Sign off for {TEAM_LABEL[data.role as 'marketing' | 'sales']}
                    </button>
                  </Form>
                ) : null}
                {mine ? (
                  <Form method="post" className="withdraw">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="section" value={section.section} />
                    <label className="small" htmlFor={`comment-${section.section}`}>
                      Why withdraw?
                    </label>
                    <input id={`comment-${section.section}`} name="comment" type="text" required maxLength={500} />
                    <button type="submit" className="button danger small">
                      Withdraw sign-off
                    </button>
                  </Form>
                ) : null}
              </div>
            </section>
          )
        })}
      </div>
      <section className="card" aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publish</h2>
        {data.configProblems.length ? <p className="field-error">The scoring model has problems: {data.configProblems.join(' ')}</p> : null}
        {data.unchangedSince !== null ? (
          <p className="muted" data-testid="publish-unchanged">
            {unchangedText(data.unchangedSince)}
          </p>
        ) : data.readyToPublish ? (
          <p>Every section is signed by both teams. Publishing freezes version {(data.latest ?? 0) + 1}: it can never be edited or deleted.</p>
        ) : (
          <p className="muted">Still missing: {missingText.join(', ') || 'a valid scoring model'}.</p>
        )}
        {data.role === 'facilitator' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button" disabled={!data.readyToPublish}>
              {data.readyToPublish
                ? `Publish version ${(data.latest ?? 0) + 1}`
                : data.unchangedSince !== null
                  ? `Publish (nothing changed since version ${data.unchangedSince})`
                  : 'Publish (waiting for sign-offs)'}
            </button>
          </Form>
        ) : (
          <p className="small muted">Only the facilitator publishes.</p>
        )}
        {data.latest ? (
          <p className="small">
            Latest: <Link to={`/workshops/${data.workshopId}/versions/${data.latest}`}>version {data.latest}</Link> ·{' '}
            <Link to={`/workshops/${data.workshopId}/versions`}>all versions</Link>
          </p>
        ) : null}
      </section>
    </div>
  )
}
