import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { StepComments } from '~/components/steps/step-comments'
import { readFormData, readIntent } from '~/http/form.server'
import { addCommentIntent } from '~/http/comment-intent.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { listComments } from '~/models/comment.server'
import { getContext } from '~/models/context.server'
import { ContextForm } from './context-form'
import { contextFormValues, saveContextIntent } from './intents.server'
import { Icon } from '~/components/icons'
import { ConflictAlert } from '~/components/conflict-note'

export const meta: MetaFunction = () => [{ title: 'Context · Leadpact' }]

const TEAM_LABELS: Record<string, string> = { marketing: 'Marketing', sales: 'Sales', facilitator: 'Facilitator', other: 'Other' }
// A team is typed by people ("constructor" is a team name too): own keys only, never Object.prototype's.
const teamLabel = (team: string) => (Object.hasOwn(TEAM_LABELS, team) ? TEAM_LABELS[team] : team)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [stored, comments] = await Promise.all([getContext(member.workshopId), listComments({ workshopId: member.workshopId, step: 'context' })])
  const canEdit = member.can('edit-context')
  const editing = canEdit && (new URL(request.url).searchParams.has('edit') || !stored.context)
  return json({
    workshopId: member.workshopId,
    canEdit,
    canComment: member.can('comment'),
    company: stored.company,
    context: stored.context
      ? {
          product: stored.context.product,
          dealSize: stored.context.dealSize,
          currency: stored.context.currency,
          salesCycleDays: stored.context.salesCycleDays,
          inboundPercent: stored.context.inboundPercent,
          goals: stored.context.goals,
          participants: stored.context.participants,
          updatedAt: stored.context.updatedAt,
        }
      : null,
    form: editing ? contextFormValues(stored) : null,
    comments,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['add-comment', 'save-context'])) {
    case 'add-comment':
      return addCommentIntent({ request, member, formData, step: 'context' })
    case 'save-context':
      return saveContextIntent({ member, formData })
  }
}

function money(amount: number, currency: string) {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
}

export default function ContextPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const saveAnswer = answerFor(actionData, 'save-context')
  const base = useLocation().pathname
  const editing = data.form !== null
  const context = data.context
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 1</p>
        <h1>Context</h1>
        <p className="muted">What the room needs to know before defining a lead: what the company sells, how it sells it, and why both teams are here.</p>
      </div>
      <ConflictAlert answer={saveAnswer} />

      {context ? (
        <section className="card" aria-labelledby="context-heading">
          <div className="section-head">
            <h2 id="context-heading">{data.company}</h2>
            {data.canEdit && !editing ? (
              <Link to={`${base}?edit#context-form`} className="button secondary small">
                Edit the context
              </Link>
            ) : null}
          </div>
          <dl className="context-facts">
            <div>
              <dt>Product or service</dt>
              <dd className="pre-line">{context.product}</dd>
            </div>
            <div>
              <dt>Sales motion</dt>
              <dd>
                <ul className="plain-list">
                  <li>Typical deal: {context.dealSize === null ? <span className="muted">not given</span> : <strong>{money(context.dealSize, context.currency)}</strong>}</li>
                  <li>Sales cycle: {context.salesCycleDays === null ? <span className="muted">not given</span> : <strong>{context.salesCycleDays} days</strong>}</li>
                  <li>
                    Mix:{' '}
                    {context.inboundPercent === null ? (
                      <span className="muted">not given</span>
                    ) : (
                      <strong>
                        {context.inboundPercent} % inbound / {100 - context.inboundPercent} % outbound
                      </strong>
                    )}
                  </li>
                </ul>
              </dd>
            </div>
            <div className="wide">
              <dt>Goals of the alignment</dt>
              <dd className="pre-line">{context.goals || <span className="muted">Not written down yet.</span>}</dd>
            </div>
          </dl>
          <h3>Participants</h3>
          {context.participants.length === 0 ? (
            <p className="muted small">No participants listed yet.</p>
          ) : (
            <ul className="participants" aria-label="Participants">
              {context.participants.map((participant, index) => (
                <li key={`${participant.name}-${index}`}>
                  <strong>{participant.name}</strong> <span className={`badge ${participant.team}`}>{teamLabel(participant.team)}</span>
                  {participant.title ? <span className="muted small">{participant.title}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            Last changed <FormattedDate value={context.updatedAt} withTime />.
          </p>
        </section>
      ) : !data.canEdit ? (
        <div className="empty">
          <Icon name="file-text" className="empty-icon" />
          <h2>No context yet</h2>
          <p>The facilitator writes down the company, what it sells, the sales motion, the goals and who takes part. Meanwhile, add anything the room should know below.</p>
        </div>
      ) : null}

      {editing && data.form ? (
        <ContextForm
          key={`${String(saveAnswer?.values?.revision ?? data.form.revision)}-${String(saveAnswer?.values?.workshopRevision ?? data.form.workshopRevision)}`}
          defaults={data.form}
          answer={saveAnswer}
          isNew={!context}
          cancelTo={context ? base : undefined}
        />
      ) : null}

      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.canComment}
        answer={actionData}
      />
    </div>
  )
}

