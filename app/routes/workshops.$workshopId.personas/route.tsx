import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { StepComments } from '~/components/steps/step-comments'
import { newPersonaValues, PERSONA_FORMS, type PersonaView } from '~/domain/personas/view'
import { readFormData, readIntent } from '~/http/form.server'
import { addCommentIntent } from '~/http/comment-intent.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { listComments } from '~/models/comment.server'
import { listPersonas } from '~/models/persona.server'
import { AnswerNotice } from './answer-notice'
import { addPersonaIntent, deletePersonaIntent, draftDisqualifierIntent, markClosedWonIntent, savePersonaIntent } from './intents.server'
import { PersonaCard } from './persona-card'
import { PersonaEditor } from './persona-editor'
import { Icon } from '~/components/icons'

export const meta: MetaFunction = () => [{ title: 'Personas · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [personas, comments] = await Promise.all([listPersonas(member.workshopId), listComments({ workshopId: member.workshopId, step: 'personas' })])
  const url = new URL(request.url)
  const canEdit = member.can('edit-personas')
  const add = url.searchParams.get('add')
  return json({
    workshopId: member.workshopId,
    canEdit,
    canMarkClosedWon: member.can('check-closed-won'),
    canComment: member.can('comment'),
    buyers: personas.filter((persona) => !persona.negative),
    negatives: personas.filter((persona) => persona.negative),
    editingId: canEdit ? url.searchParams.get('edit') : null,
    adding: canEdit && (add === 'buyer' || add === 'negative') ? add : null,
    comments,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const input = { member, formData }
  switch (readIntent(formData, ['add-comment', 'add-persona', 'save-persona', 'delete-persona', 'mark-closed-won', 'draft-disqualifier'])) {
    case 'add-comment':
      return addCommentIntent({ request, member, formData, step: 'personas' })
    case 'add-persona':
      return addPersonaIntent(input)
    case 'save-persona':
      return savePersonaIntent(input)
    case 'delete-persona':
      return deletePersonaIntent(input)
    case 'mark-closed-won':
      return markClosedWonIntent(input)
    case 'draft-disqualifier':
      return draftDisqualifierIntent(input)
  }
}

export default function PersonasPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const base = useLocation().pathname
  const addForm = data.adding ? PERSONA_FORMS.add(data.adding === 'negative') : null
  const addAnswer = addForm ? answerFor(actionData, addForm) : undefined
  const cards = (personas: PersonaView[]) => (
    <ul className="persona-grid">
      {personas.map((persona) => (
        <PersonaCard
          key={persona.id}
          persona={persona}
          editing={data.editingId === persona.id}
          canEdit={data.canEdit}
          canMarkClosedWon={data.canMarkClosedWon}
          actionData={actionData}
        />
      ))}
    </ul>
  )
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 3</p>
        <h1>Personas</h1>
        <p className="muted">
          Who buys, who influences, who uses and who blocks — and who we never sell to. Sales checks each buyer persona against the buyers it actually closed recently.
        </p>
      </div>
      <AnswerNotice answer={answerFor(actionData, 'page')} showErrors />
      {data.adding ? (
        <PersonaEditor
          key={`${addForm}-${addAnswer ? 'retry' : 'new'}`}
          title={data.adding === 'negative' ? 'Add a negative persona' : 'Add a buyer persona'}
          defaults={newPersonaValues(data.adding === 'negative')}
          answer={addAnswer}
          cancelTo={base}
        />
      ) : null}

      <section className="card" aria-labelledby="buyers-heading">
        <div className="section-head">
          <h2 id="buyers-heading">Buyer personas</h2>
          {data.canEdit ? (
            <Link to={`${base}?add=buyer`} className="button secondary small">
              <Icon name="plus" />
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
          cards(data.buyers)
        )}
      </section>

      <section className="card negative-personas" aria-labelledby="negatives-heading">
        <div className="section-head">
          <h2 id="negatives-heading">Who we never sell to</h2>
          {data.canEdit ? (
            <Link to={`${base}?add=negative`} className="button secondary small">
              <Icon name="plus" />
              Add negative persona
            </Link>
          ) : null}
        </div>
        <p className="muted small">Negative personas: people who look like leads but never buy. Each can become a disqualifier in step 4.</p>
        {data.negatives.length === 0 ? <p className="muted empty-inline">None yet. Students, job seekers, competitors and one-person agencies are typical.</p> : cards(data.negatives)}
      </section>

      <StepComments
        comments={data.comments.map((comment) => ({ ...comment, createdAt: String(comment.createdAt) }))}
        canComment={data.canComment}
        answer={actionData}
      />
    </div>
  )
}
