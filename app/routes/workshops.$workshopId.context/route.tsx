import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, TextField, useSchemaForm } from '~/components/form'
import { StepComments } from '~/components/step-comments'
import { CommentSchema } from '~/domain/comments/schemas'
import { CONTEXT_CURRENCIES, ContextSchema, formatParticipants, type ContextFormInput } from '~/domain/context/schemas'
import { validateFormData, readFormData } from '~/form.server'
import { addComment, listComments } from '~/models/comment.server'
import { getContext, saveContext } from '~/models/context.server'
import { requireMember } from '~/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Context · Leadpact' }]

const TEAM_LABELS: Record<string, string> = { marketing: 'Marketing', sales: 'Sales', facilitator: 'Facilitator', other: 'Other' }

function formValues(stored: Awaited<ReturnType<typeof getContext>>): Record<keyof ContextFormInput, string> {
  const context = stored.context
  return {
    company: stored.company,
    product: context?.product ?? '',
    dealSize: context?.dealSize === null || context?.dealSize === undefined ? '' : String(context.dealSize),
    currency: context?.currency ?? 'EUR',
    salesCycleDays: context?.salesCycleDays === null || context?.salesCycleDays === undefined ? '' : String(context.salesCycleDays),
    inboundPercent: context?.inboundPercent === null || context?.inboundPercent === undefined ? '' : String(context.inboundPercent),
    goals: context?.goals ?? '',
    participants: formatParticipants(context?.participants ?? []),
    revision: context ? String(context.revision) : '',
    workshopRevision: String(stored.workshopRevision),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [stored, comments] = await Promise.all([getContext(member.workshopId), listComments({ workshopId: member.workshopId, step: 'context' })])
  const canEdit = member.role === 'facilitator'
  const editing = canEdit && (new URL(request.url).searchParams.has('edit') || !stored.context)
  return json({
    workshopId: member.workshopId,
    canEdit,
    canComment: member.role !== 'viewer',
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
    form: editing ? formValues(stored) : null,
    comments,
  })
}

type ActionData = {
  saved?: string
  errors?: Record<string, string>
  values?: Record<string, string>
  conflict?: string
  commentErrors?: Record<string, string>
  commentValues?: Record<string, string>
  commented?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')

  if (intent === 'add-comment') {
    if (member.role === 'viewer') throw new Response('Viewers read the discussion but do not write in it.', { status: 403 })
    const form = validateFormData(formData, CommentSchema)
    if (!form.ok) return json<ActionData>({ commentErrors: form.errors, commentValues: form.values }, { status: 400 })
    const comment = await addComment({ workshopId: member.workshopId, step: 'context', authorId: member.user.id, body: form.data.body })
    return json<ActionData>({ commented: comment.id })
  }

  if (intent !== 'save-context') return json<ActionData>({ errors: { form: 'This form is out of date: reload the page.' } }, { status: 400 })
  if (member.role !== 'facilitator') throw new Response('Only the facilitator edits the context.', { status: 403 })
  const form = validateFormData(formData, ContextSchema)
  if (!form.ok) return json<ActionData>({ errors: form.errors, values: form.values }, { status: 400 })
  const saved = await saveContext({ workshopId: member.workshopId, userId: member.user.id, form: form.data })
  if (saved.ok) return json<ActionData>({ saved: 'Saved the context.' })
  const current = formValues(saved.current)
  return json<ActionData>(
    {
      conflict: 'Someone saved the context while you were editing. Their version is shown above; your text is still in the form — save again to replace theirs.',
      // What the person typed, at the revisions that now stand: saving again replaces theirs knowingly.
      values: { ...form.values, revision: current.revision, workshopRevision: current.workshopRevision },
    },
    { status: 409 },
  )
}

function money(amount: number, currency: string) {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
}

export default function ContextPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const base = useLocation().pathname
  const editing = data.form && !actionData?.saved
  const context = data.context
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 1</p>
        <h2>Context</h2>
        <p className="muted">What the room needs to know before defining a lead: what the company sells, how it sells it, and why both teams are here.</p>
      </div>
      {actionData?.saved ? (
        <div className="alert success" role="status">
          {actionData.saved}
        </div>
      ) : null}
      {actionData?.conflict ? (
        <div className="alert warn" role="alert">
          {actionData.conflict}
        </div>
      ) : null}

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
                  <strong>{participant.name}</strong> <span className={`badge ${participant.team}`}>{TEAM_LABELS[participant.team] ?? participant.team}</span>
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
          <h2>No context yet</h2>
          <p>The facilitator writes down the company, what it sells, the sales motion, the goals and who takes part. Meanwhile, add anything the room should know below.</p>
        </div>
      ) : null}

      {editing && data.form ? (
        <ContextForm
          key={`${actionData?.values?.revision ?? data.form.revision}-${actionData?.values?.workshopRevision ?? data.form.workshopRevision}`}
          defaults={data.form}
          serverErrors={actionData?.errors}
          serverValues={actionData?.values}
          isNew={!context}
          cancelTo={context ? base : undefined}
        />
      ) : null}

      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.canComment}
        errors={actionData?.commentErrors}
        values={actionData?.commentValues}
        resetKey={actionData?.commented}
      />
    </div>
  )
}

function ContextForm({
  defaults,
  serverErrors,
  serverValues,
  isNew,
  cancelTo,
}: {
  defaults: Record<string, string>
  serverErrors?: Record<string, string>
  serverValues?: Record<string, string>
  isNew: boolean
  cancelTo?: string
}) {
  const { form, onSubmit, field } = useSchemaForm(ContextSchema, { defaultValues: defaults as ContextFormInput, serverErrors, serverValues })
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>
  const err = (name: string) => errors[name]?.message ?? serverErrors?.[name]
  return (
    <section className="card context-form" id="context-form" aria-labelledby="context-form-heading">
      <h2 id="context-form-heading">{isNew ? 'Set the scene' : 'Edit the context'}</h2>
      {isNew ? <p className="muted small">Fill in what you know now; everything but the company and the product can wait.</p> : null}
      <FormError message={serverErrors?.form} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-context" />
        <input type="hidden" {...field('revision')} />
        <input type="hidden" {...field('workshopRevision')} />
        <div className="single-field">
          <TextField label="Company" registration={field('company')} error={err('company')} />
        </div>
        <Field label="Product or service" hint="What the company sells, to whom, in a sentence or two." error={err('product')}>
          {(props) => <textarea {...props} {...field('product')} rows={2} />}
        </Field>
        <fieldset>
          <legend>Sales motion</legend>
          <div className="grid-4">
            <TextField label="Typical deal size" hint="Per year, e.g. 24000" registration={field('dealSize')} error={err('dealSize')} type="number" />
            <Field label="Currency" error={err('currency')}>
              {(props) => (
                <select {...props} {...field('currency')}>
                  {CONTEXT_CURRENCIES.map((currency) => (
                    <option key={currency} value={currency}>
                      {currency}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField label="Sales cycle (days)" hint="First contact to signature" registration={field('salesCycleDays')} error={err('salesCycleDays')} type="number" />
            <TextField label="Inbound share (%)" hint="The rest is outbound" registration={field('inboundPercent')} error={err('inboundPercent')} type="number" />
          </div>
        </fieldset>
        <Field label="Goals of the alignment" hint="Why both teams are here, e.g. “Cut MQL rejection from 40 % to 15 % by Q3”." error={err('goals')}>
          {(props) => <textarea {...props} {...field('goals')} rows={3} />}
        </Field>
        <Field label="Participants" hint="One per line: Name — team — title, e.g. “Dana Fox — sales — Head of Sales”. Teams: marketing, sales, facilitator or any other." error={err('participants')}>
          {(props) => <textarea {...props} {...field('participants')} rows={Math.max(4, (defaults.participants ?? '').split('\n').length + 1)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            Save the context
          </button>
          {cancelTo ? (
            <Link to={cancelTo} className="button secondary">
              Cancel
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  )
}
