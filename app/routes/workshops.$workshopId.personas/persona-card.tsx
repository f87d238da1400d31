import { Link, useLocation } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { BUYING_ROLE_LABELS, CLOSED_WON_LABELS, DeletePersonaSchema, DraftDisqualifierSchema } from '~/domain/personas/schemas'
import { PERSONA_FORMS, personaEditorValues, personaFacts, type PersonaView } from '~/domain/personas/view'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { AnswerNotice } from './answer-notice'
import { ClosedWonForm } from './closed-won-form'
import { PersonaEditor } from './persona-editor'
import { Icon } from '~/components/icons'

/** One persona: its facts, sales' closed-won check, and for editors its editor or its buttons. */
export function PersonaCard({
  persona,
  editing,
  canEdit,
  canMarkClosedWon,
  actionData,
}: {
  persona: PersonaView
  editing: boolean
  canEdit: boolean
  canMarkClosedWon: boolean
  actionData?: FormAnswer
}) {
  const base = useLocation().pathname
  const form = PERSONA_FORMS.card(persona.id)
  const mine = answerFor(actionData, form)
  const className = `persona-card${persona.negative ? ' negative' : ''}`
  if (editing) {
    return (
      <li className={className} id={form}>
        <PersonaEditor
          key={`${form}-${String(mine?.values?.revision ?? persona.revision)}`}
          title={`Edit “${persona.name}”`}
          defaults={personaEditorValues(persona)}
          answer={mine}
          cancelTo={`${base}#${form}`}
        />
      </li>
    )
  }
  const facts = personaFacts(persona)
  const closedWonAnswer = answerFor(actionData, PERSONA_FORMS.closedWon(persona.id))
  return (
    <li className={className} id={form} data-testid={`persona-${persona.name}`}>
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
          {canMarkClosedWon ? (
            <details className="closed-won-edit" open={!persona.closedWonMatch || closedWonAnswer !== undefined}>
              <summary className="small">{persona.closedWonMatch ? 'Change the check' : 'Check against closed-won deals'}</summary>
              <ClosedWonForm key={`${persona.id}-${String(closedWonAnswer?.values?.revision ?? persona.revision)}`} persona={persona} answer={closedWonAnswer} />
            </details>
          ) : null}
        </div>
      ) : null}
      <AnswerNotice answer={mine} showErrors />
      {canEdit ? (
        <div className="note-actions">
          <Link to={`${base}?edit=${persona.id}#${form}`} className="button secondary small">
            <Icon name="pencil" />
            Edit
          </Link>
          <PostButton schema={DeletePersonaSchema}
            fields={{ intent: 'delete-persona', personaId: persona.id, revision: persona.revision }}
            label={`Delete ${persona.name}`}
            confirm={`Delete the persona “${persona.name}”? Its comments go with it; published versions keep it.`}
            icon="trash-2"
          >
            Delete
          </PostButton>
          {persona.negative ? (
            <PostButton schema={DraftDisqualifierSchema} fields={{ intent: 'draft-disqualifier', personaId: persona.id }} variant="secondary" icon="file-check">
              Draft a disqualifier for step 4
            </PostButton>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}
