import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { useState } from 'react'
import { Field, FormError, TextField, useSchemaForm } from '~/components/form'
import { StepComments } from '~/components/steps/step-comments'
import { CommentSchema } from '~/domain/comments/schemas'
import {
  BUYING_ROLE_LABELS,
  BUYING_ROLES,
  CLOSED_WON_LABELS,
  CLOSED_WON_MATCHES,
  ClosedWonSchema,
  COMPANY_SIZE_BANDS,
  PersonaSchema,
  SENIORITIES,
  type PersonaFormInput,
} from '~/domain/personas/schemas'
import { validateFormData, readFormData } from '~/form.server'
import { addComment, listComments } from '~/models/comment.server'
import { draftDisqualifierFromNegativePersona, draftMessage } from '~/models/draft-criterion.server'
import { addPersona, deletePersona, listPersonas, markClosedWon, savePersona, type PersonaRow } from '~/models/persona.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Personas · Leadpact' }]

const EDITORS = ['facilitator', 'marketing', 'sales'] as const

function personaView(row: PersonaRow & { updatedByName: string | null }) {
  return {
    id: row.id,
    revision: row.revision,
    negative: row.negative,
    name: row.name,
    title: row.title,
    seniority: row.seniority,
    department: row.department,
    industry: row.industry,
    companySize: row.companySize,
    region: row.region,
    pains: row.pains,
    goals: row.goals,
    buyingRole: row.buyingRole,
    closedWonMatch: row.closedWonMatch,
    closedWonNote: row.closedWonNote,
    updatedByName: row.updatedByName,
  }
}
type PersonaView = ReturnType<typeof personaView>

function formOf(persona: PersonaView): Record<keyof PersonaFormInput, string> {
  return {
    negative: String(persona.negative),
    name: persona.name,
    title: persona.title,
    seniority: persona.seniority,
    department: persona.department,
    industry: persona.industry,
    companySize: persona.companySize,
    region: persona.region,
    pains: persona.pains,
    goals: persona.goals,
    buyingRole: persona.buyingRole ?? '',
    revision: String(persona.revision),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [rows, comments] = await Promise.all([listPersonas(member.workshopId), listComments({ workshopId: member.workshopId, step: 'personas' })])
  const personas = rows.map(personaView)
  const url = new URL(request.url)
  const canEdit = (EDITORS as readonly string[]).includes(member.role)
  const add = url.searchParams.get('add')
  return json({
    workshopId: member.workshopId,
    canEdit,
    canMarkClosedWon: member.role === 'sales',
    buyers: personas.filter((persona) => !persona.negative),
    negatives: personas.filter((persona) => persona.negative),
    editingId: canEdit ? url.searchParams.get('edit') : null,
    adding: canEdit && (add === 'buyer' || add === 'negative') ? add : null,
    comments,
  })
}

type ActionData = {
  form?: string
  notice?: { tone: 'success' | 'warn' | 'error'; text: string }
  errors?: Record<string, string>
  values?: Record<string, string>
  theirs?: string
  done?: string
}

const answer = (data: ActionData, status = 200) => json<ActionData>(data, { status })

function summary(row: PersonaRow) {
  return [row.name, row.title, row.seniority, row.industry, row.companySize, row.region].filter(Boolean).join(' · ')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')
  const form = String(formData.get('form') ?? intent)
  const workshopId = member.workshopId
  if (member.role === 'viewer') throw new Response('Viewers read the personas; team members and the facilitator edit them.', { status: 403 })
  const personaId = String(formData.get('personaId') ?? '')

  switch (intent) {
    case 'add-comment': {
      const parsed = validateFormData(formData, CommentSchema)
      if (!parsed.ok) return answer({ form: 'comment', errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      const comment = await addComment({ workshopId, step: 'personas', authorId: member.user.id, body: parsed.data.body })
      return answer({ form: 'comment', done: comment.id })
    }
    case 'add-persona':
    case 'save-persona': {
      const parsed = validateFormData(formData, PersonaSchema)
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      if (intent === 'add-persona') {
        const added = await addPersona({ workshopId, userId: member.user.id, form: parsed.data })
        return answer({ form, done: added.id, notice: { tone: 'success', text: `Added the ${added.negative ? 'negative ' : ''}persona “${added.name}”.` } })
      }
      if (!personaId || parsed.data.revision === undefined) return answer({ form, notice: { tone: 'error', text: 'This form is out of date: reload the page.' } }, 400)
      const saved = await savePersona({ workshopId, userId: member.user.id, personaId, revision: parsed.data.revision, form: parsed.data })
      if (saved.ok) return answer({ form, done: saved.value.id, notice: { tone: 'success', text: `Saved “${saved.value.name}”.` } })
      if (saved.reason === 'not-found') return answer({ form, notice: { tone: 'error', text: 'This persona was deleted meanwhile.' } }, 404)
      return answer(
        {
          form,
          notice: { tone: 'warn', text: 'Someone saved this persona while you were editing. Their version is below; your text is still in the form — save again to replace theirs.' },
          theirs: summary(saved.current),
          values: { ...parsed.values, revision: String(saved.current.revision) },
        },
        409,
      )
    }
    case 'delete-persona': {
      const revision = Number(formData.get('revision'))
      if (!personaId || !Number.isInteger(revision) || revision < 1) return answer({ form, notice: { tone: 'error', text: 'This form is out of date: reload the page.' } }, 400)
      const deleted = await deletePersona({ workshopId, personaId, revision })
      if (deleted.ok || deleted.reason === 'not-found') return answer({ form: 'page', notice: { tone: 'success', text: 'Deleted the persona.' } })
      return answer({ form, notice: { tone: 'warn', text: 'Someone changed this persona after you opened the page, so it was not deleted. Check their change.' }, theirs: summary(deleted.current) }, 409)
    }
    case 'mark-closed-won': {
      if (member.role !== 'sales') throw new Response('Sales checks personas against the buyers it closed.', { status: 403 })
      const parsed = validateFormData(formData, ClosedWonSchema)
      if (!parsed.ok) return answer({ form, errors: parsed.errors, values: parsed.values as Record<string, string> }, 400)
      const marked = await markClosedWon({ workshopId, userId: member.user.id, personaId, revision: parsed.data.revision, match: parsed.data.closedWonMatch, note: parsed.data.closedWonNote })
      if (marked.ok) return answer({ form, notice: { tone: 'success', text: 'Saved the closed-won check.' } })
      if (marked.reason === 'not-found') return answer({ form, notice: { tone: 'error', text: 'This persona was deleted meanwhile.' } }, 404)
      return answer(
        {
          form,
          notice: { tone: 'warn', text: 'This persona changed while you were checking it. Look at the change above, then save your check again.' },
          theirs: summary(marked.current),
          values: { ...parsed.values, revision: String(marked.current.revision) },
        },
        409,
      )
    }
    case 'draft-disqualifier': {
      const drafted = await draftDisqualifierFromNegativePersona({ workshopId, personaId })
      const status = drafted.ok ? 200 : drafted.reason === 'already-open' ? 409 : drafted.reason === 'not-found' ? 404 : 400
      return answer({ form, notice: { tone: drafted.ok ? 'success' : 'warn', text: draftMessage(drafted) } }, status)
    }
  }
  return answer({ form, notice: { tone: 'error', text: 'This form is out of date: reload the page.' } }, 400)
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function Notice({ data, form }: { data: ActionData | undefined; form: string }) {
  if (!data?.notice || data.form !== form) return null
  const className = data.notice.tone === 'success' ? 'alert success' : data.notice.tone === 'warn' ? 'alert warn' : 'alert error'
  return (
    <div className={className} role={data.notice.tone === 'success' ? 'status' : 'alert'}>
      {data.notice.text}
      {data.theirs ? <p className="small theirs">Now: {data.theirs}</p> : null}
    </div>
  )
}

export default function PersonasPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const base = useLocation().pathname
  const addForm = data.adding ? `add-${data.adding}` : null
  const addDone = actionData?.form === addForm && actionData?.done
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 3</p>
        <h2>Personas</h2>
        <p className="muted">
          Who buys, who influences, who uses and who blocks — and who we never sell to. Sales checks each buyer persona against the buyers it actually closed recently.
        </p>
      </div>
      <Notice data={actionData} form="page" />
      {data.adding && !addDone ? (
        <PersonaEditor
          key={`${addForm}-${actionData?.form === addForm ? 'retry' : 'new'}`}
          formKey={addForm!}
          title={data.adding === 'negative' ? 'Add a negative persona' : 'Add a buyer persona'}
          defaults={{ negative: String(data.adding === 'negative'), name: '', title: '', seniority: '', department: '', industry: '', companySize: '', region: '', pains: '', goals: '', buyingRole: '', revision: '' }}
          actionData={actionData?.form === addForm ? actionData : undefined}
          cancelTo={base}
        />
      ) : null}
      {addDone ? <Notice data={actionData} form={addForm!} /> : null}

      <section className="card" aria-labelledby="buyers-heading">
        <div className="section-head">
          <h2 id="buyers-heading">Buyer personas</h2>
          {data.canEdit ? (
            <Link to={`${base}?add=buyer`} className="button secondary small">
              Add buyer persona
            </Link>
          ) : null}
        </div>
        {data.buyers.length === 0 ? (
          <div className="empty-inline">
            <p className="muted">
              No buyer personas yet. Marketing and sales describe the people who buy: their title, seniority, department, industry, company size, region, pains, goals and
              their part in the decision. Start with the buyer of your last three deals.
            </p>
          </div>
        ) : (
          <ul className="persona-grid">
            {data.buyers.map((persona) => (
              <PersonaCard key={persona.id} persona={persona} data={data} actionData={actionData} />
            ))}
          </ul>
        )}
      </section>

      <section className="card negative-personas" aria-labelledby="negatives-heading">
        <div className="section-head">
          <h2 id="negatives-heading">Who we never sell to</h2>
          {data.canEdit ? (
            <Link to={`${base}?add=negative`} className="button secondary small">
              Add negative persona
            </Link>
          ) : null}
        </div>
        <p className="muted small">Negative personas: people who look like leads but never buy. Each can become a disqualifier in step 4.</p>
        {data.negatives.length === 0 ? (
          <p className="muted empty-inline">None yet. Students, job seekers, competitors and one-person agencies are typical.</p>
        ) : (
          <ul className="persona-grid">
            {data.negatives.map((persona) => (
              <PersonaCard key={persona.id} persona={persona} data={data} actionData={actionData} />
            ))}
          </ul>
        )}
      </section>

      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.canEdit}
        answer={actionData?.form === 'comment' ? { form: 'comment', errors: actionData.errors, values: actionData.values } : undefined}
      />
    </div>
  )
}

function PersonaCard({ persona, data, actionData }: { persona: PersonaView; data: Data; actionData?: ActionData }) {
  const base = useLocation().pathname
  const form = `persona-${persona.id}`
  const mine = actionData?.form === form ? actionData : undefined
  const editing = data.editingId === persona.id && !(mine?.done && mine.notice?.tone === 'success')
  if (editing) {
    return (
      <li className={`persona-card${persona.negative ? ' negative' : ''}`} id={form}>
        <PersonaEditor
          key={`${form}-${mine?.values?.revision ?? 'start'}`}
          formKey={form}
          title={`Edit “${persona.name}”`}
          defaults={formOf(persona)}
          personaId={persona.id}
          actionData={mine}
          cancelTo={`${base}#${form}`}
        />
      </li>
    )
  }
  const facts = [
    ['Industry', persona.industry],
    ['Company size', persona.companySize],
    ['Region', persona.region],
    ['Department', persona.department],
  ].filter(([, value]) => value)
  const closedWonForm = `closed-won-${persona.id}`
  return (
    <li className={`persona-card${persona.negative ? ' negative' : ''}`} id={form} data-testid={`persona-${persona.name}`}>
      <div className="persona-head">
        <h3>{persona.name}</h3>
        {persona.negative ? <span className="badge danger">Never sell to</span> : persona.buyingRole ? <span className="badge role">{BUYING_ROLE_LABELS[persona.buyingRole]}</span> : null}
      </div>
      {persona.title || persona.seniority ? <p className="persona-title">{[persona.title, persona.seniority].filter(Boolean).join(' · ')}</p> : null}
      {facts.length ? (
        <dl className="persona-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {persona.pains ? (
        <>
          <h4>{persona.negative ? 'Why they are not a fit' : 'Pains'}</h4>
          <p className="pre-line">{persona.pains}</p>
        </>
      ) : null}
      {persona.goals ? (
        <>
          <h4>Goals</h4>
          <p className="pre-line">{persona.goals}</p>
        </>
      ) : null}
      {!persona.negative ? (
        <div className={`closed-won closed-won-${persona.closedWonMatch ?? 'unchecked'}`}>
          <p className="small">
            <strong>Matches our recent closed-won buyers:</strong>{' '}
            {persona.closedWonMatch ? (
              <span data-testid="closed-won">
                {CLOSED_WON_LABELS[persona.closedWonMatch]}
                {persona.closedWonNote ? ` — ${persona.closedWonNote}` : ''}
              </span>
            ) : (
              <span className="muted">not checked by sales yet</span>
            )}
          </p>
          {data.canMarkClosedWon ? (
            <details className="closed-won-edit" open={!persona.closedWonMatch || actionData?.form === closedWonForm}>
              <summary className="small">{persona.closedWonMatch ? 'Change the check' : 'Check against closed-won deals'}</summary>
              <ClosedWonForm
                key={`${closedWonForm}-${actionData?.form === closedWonForm ? (actionData.values?.revision ?? 'done') : 'start'}`}
                persona={persona}
                formKey={closedWonForm}
                actionData={actionData?.form === closedWonForm ? actionData : undefined}
              />
            </details>
          ) : null}
        </div>
      ) : null}
      <Notice data={actionData} form={form} />
      {data.canEdit ? (
        <div className="note-actions">
          <Link to={`${base}?edit=${persona.id}#${form}`} className="button secondary small">
            Edit
          </Link>
          <PostButton fields={{ intent: 'delete-persona', form, personaId: persona.id, revision: persona.revision }} label={`Delete ${persona.name}`}>
            Delete
          </PostButton>
          {persona.negative ? (
            <Form method="post">
              <input type="hidden" name="intent" value="draft-disqualifier" />
              <input type="hidden" name="form" value={form} />
              <input type="hidden" name="personaId" value={persona.id} />
              <button type="submit" className="button secondary small">
                Draft a disqualifier for step 4
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}

function ClosedWonForm({ persona, formKey, actionData }: { persona: PersonaView; formKey: string; actionData?: ActionData }) {
  const [revision] = useState(() => actionData?.values?.revision ?? String(persona.revision))
  const values = actionData?.values
  return (
    <Form method="post" className="closed-won-form">
      <input type="hidden" name="intent" value="mark-closed-won" />
      <input type="hidden" name="form" value={formKey} />
      <input type="hidden" name="personaId" value={persona.id} />
      <input type="hidden" name="revision" defaultValue={revision} />
      <fieldset>
        <legend className="small">Sales’ check</legend>
        <div className="choices">
          {CLOSED_WON_MATCHES.map((match) => (
            <label key={match} className="choice small">
              <input type="radio" name="closedWonMatch" value={match} defaultChecked={(values?.closedWonMatch ?? persona.closedWonMatch) === match} /> {CLOSED_WON_LABELS[match]}
            </label>
          ))}
        </div>
        {actionData?.errors?.closedWonMatch ? <span className="field-error">{actionData.errors.closedWonMatch}</span> : null}
        <Field label="Note" error={actionData?.errors?.closedWonNote}>
          {(props) => <input {...props} name="closedWonNote" type="text" defaultValue={values?.closedWonNote ?? persona.closedWonNote} maxLength={500} placeholder="e.g. 7 of our last 10 deals" />}
        </Field>
      </fieldset>
      <button type="submit" className="button secondary small">
        Save check
      </button>
      <Notice data={actionData} form={formKey} />
    </Form>
  )
}

function PersonaEditor({
  formKey,
  title,
  defaults,
  personaId,
  actionData,
  cancelTo,
}: {
  formKey: string
  title: string
  defaults: Record<keyof PersonaFormInput, string>
  personaId?: string
  actionData?: ActionData
  cancelTo: string
}) {
  // The revision this edit started from stays fixed while the page refreshes underneath it.
  const [initial] = useState(defaults)
  const { form, onSubmit, field } = useSchemaForm(PersonaSchema, { defaultValues: initial as PersonaFormInput, serverErrors: actionData?.errors, serverValues: actionData?.values })
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>
  const err = (name: string) => errors[name]?.message ?? actionData?.errors?.[name]
  const negative = initial.negative === 'true'
  return (
    <section className={`card persona-editor${negative ? ' negative' : ''}`} aria-label={title}>
      <h3>{title}</h3>
      <Notice data={actionData} form={formKey} />
      <FormError message={actionData?.errors?.form ?? actionData?.errors?.negative ?? actionData?.errors?.revision} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value={personaId ? 'save-persona' : 'add-persona'} />
        <input type="hidden" name="form" value={formKey} />
        {personaId ? <input type="hidden" name="personaId" value={personaId} /> : null}
        <input type="hidden" {...field('negative')} />
        <input type="hidden" {...field('revision')} />
        <div className="grid-2 compact">
          <TextField label="Persona name" hint={negative ? 'e.g. “Students and job seekers”' : 'e.g. “Operations Olivia”'} registration={field('name')} error={err('name')} />
          <TextField label="Title or role" hint="e.g. Head of Revenue Operations" registration={field('title')} error={err('title')} />
          <Field label="Seniority" error={err('seniority')}>
            {(props) => <input {...props} {...field('seniority')} type="text" list="seniority-options" />}
          </Field>
          <TextField label="Department" registration={field('department')} error={err('department')} />
          <TextField label="Industry" registration={field('industry')} error={err('industry')} />
          <Field label="Company size" hint="Employees, e.g. 201–1,000" error={err('companySize')}>
            {(props) => <input {...props} {...field('companySize')} type="text" list="company-size-options" />}
          </Field>
          <TextField label="Region" registration={field('region')} error={err('region')} />
          {!negative ? (
            <Field label="Buying role" error={err('buyingRole')}>
              {(props) => (
                <select {...props} {...field('buyingRole')}>
                  <option value="">Not decided</option>
                  {BUYING_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {BUYING_ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <datalist id="seniority-options">
          {SENIORITIES.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <datalist id="company-size-options">
          {COMPANY_SIZE_BANDS.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <Field label={negative ? 'Why they are not a fit' : 'Pains'} error={err('pains')}>
          {(props) => <textarea {...props} {...field('pains')} rows={3} />}
        </Field>
        <Field label="Goals" error={err('goals')}>
          {(props) => <textarea {...props} {...field('goals')} rows={2} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            {personaId ? 'Save persona' : negative ? 'Add negative persona' : 'Add buyer persona'}
          </button>
          <Link to={cancelTo} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  )
}
