import { Form, Link } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { answeringProgress, REVIEW_PAGE, sectionTitle, type AnsweringPage, type SectionProgress } from '~/domain/assessment/answering'
import { questionSetById, type Answer, type QuestionSet } from '~/domain/assessment/questions'
import { ANSWER_OPTIONS, FREE_TEXT_SECTION, sectionSchema, StartResponseSchema, SubmitResponseSchema, type Section } from '~/domain/assessment/schemas'
import { TEAM_LABELS, TEAMS, type Team } from '~/domain/assessment/scoring'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { Icon } from '../icons'

/*
 * The questionnaire as a respondent sees it, in the app and on the public link alike: pick a
 * team, answer a page at a time (each "Save and continue" stores the page), review, submit once.
 * Every step is a plain form: it works without JavaScript.
 */

export type AnsweringView = {
  workshop: { name: string; company: string }
  round: { name: string; questionSetId: string; closedAt: string | null }
  page: AnsweringPage
  /** The team a member answers for (fixed by their role), or null when the respondent picks one. */
  fixedTeam: Team | null
  response: { team: Team; answers: Record<string, Answer>; mqlDefinition: string; sqlDefinition: string; revision: number; submittedAt: string | null } | null
  /** Where this questionnaire lives; `?page=` selects a page. */
  basePath: string
}

export function Questionnaire({ view, actionData }: { view: AnsweringView; actionData?: FormAnswer }) {
  const set = questionSetById(view.round.questionSetId)
  if (!set) return <div className="alert error">This round uses a questionnaire this version of Leadpact does not know.</div>
  const { page } = view
  return (
    <div className="stack assessment-questionnaire">
      <div>
        <p className="eyebrow">
          {view.workshop.company} · alignment assessment
        </p>
        <h1>{view.round.name}</h1>
        <p className="muted">
          How aligned are marketing and sales today? Answer on your own; there are no right answers. Your name is never stored with your answers, and results
          show only as team averages of at least three people.
        </p>
      </div>
      {page.state === 'closed' ? (
        <div className="empty">
          <h2>This round is closed</h2>
          <p>
            It stopped taking answers on {view.round.closedAt ? <FormattedDate value={view.round.closedAt} /> : 'an earlier date'}. Ask the facilitator for the
            link to the current round.
          </p>
        </div>
      ) : null}
      {page.state === 'submitted' && view.response ? (
        <div className="empty">
          <h2>Thank you</h2>
          <p>
            Your answers for {TEAM_LABELS[view.response.team].toLowerCase()} were submitted
            {view.response.submittedAt ? (
              <>
                {' '}
                on <FormattedDate value={view.response.submittedAt} />
              </>
            ) : null}
            . The facilitator shares the results once the round closes.
          </p>
        </div>
      ) : null}
      {page.state === 'start' ? <StartForm set={set} fixedTeam={view.fixedTeam} answer={answerFor(actionData, 'start-response')} /> : null}
      {view.response && (page.state === 'section' || page.state === 'review') ? (
        <>
          <Progress progress={answeringProgress(set, view.response)} current={page.state === 'section' ? page.section : REVIEW_PAGE} basePath={view.basePath} />
          {page.state === 'section' ? (
            <SectionForm key={page.section} set={set} section={page.section} response={view.response} answer={answerFor(actionData, 'section')} />
          ) : (
            <ReviewForm set={set} response={view.response} basePath={view.basePath} answer={answerFor(actionData, 'submit-response')} />
          )}
        </>
      ) : null}
    </div>
  )
}

function pageHref(basePath: string, page: string) {
  return `${basePath}?page=${page}`
}

function Progress({ progress, current, basePath }: { progress: SectionProgress[]; current: string; basePath: string }) {
  return (
    <nav aria-label="Questionnaire pages" className="questionnaire-pages">
      <ol>
        {progress.map((item, index) => (
          <li key={item.section}>
            <Link to={pageHref(basePath, item.section)} aria-current={current === item.section ? 'step' : undefined} className={item.complete ? 'complete' : undefined}>
              <span className="page-num" aria-hidden="true">
                {item.complete ? <Icon name="check" /> : index + 1}
              </span>
              {item.title}
              <span className="visually-hidden">
                {' '}
                ({item.answered} of {item.total} answered)
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link to={pageHref(basePath, REVIEW_PAGE)} aria-current={current === REVIEW_PAGE ? 'step' : undefined}>
            <span className="page-num" aria-hidden="true">
              <Icon name="arrow-right" />
            </span>
            Review and submit
          </Link>
        </li>
      </ol>
    </nav>
  )
}

function StartForm({ set, fixedTeam, answer }: { set: QuestionSet; fixedTeam: Team | null; answer?: FormAnswer }) {
  const { onSubmit, form, errorOf, formError } = useSchemaForm(StartResponseSchema, { defaultValues: { intent: 'start-response', team: fixedTeam ?? undefined }, answer })
  const error = errorOf('team')
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Before you start</h2>
      <p>
        {set.statements.length} statements on {set.dimensions.length} topics, then {set.freeText.length} questions in your own words. It takes about ten minutes; your answers are
        saved page by page, so you can stop and come back.
      </p>
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="start-response" />
        {fixedTeam ? (
          <>
            <input type="hidden" {...form.register('team')} value={fixedTeam} />
            <p>
              You answer for <strong>{TEAM_LABELS[fixedTeam].toLowerCase()}</strong>, your team in this workshop.
            </p>
          </>
        ) : (
          <fieldset aria-describedby={error ? 'team-error' : undefined}>
            <legend>Which team do you work in?</legend>
            {TEAMS.map((team) => (
              <label key={team} className="choice">
                <input type="radio" value={team} {...form.register('team')} /> {team === 'other' ? 'Another team (leadership, customer success, operations…)' : TEAM_LABELS[team]}
              </label>
            ))}
            {error ? (
              <span className="field-error" id="team-error" role="alert">
                {error}
              </span>
            ) : null}
          </fieldset>
        )}
        <button type="submit" className="button">
          Start the questionnaire
        </button>
      </Form>
    </section>
  )
}

function SectionForm({ set, section, response, answer }: { set: QuestionSet; section: Section; response: NonNullable<AnsweringView['response']>; answer?: FormAnswer }) {
  const schema = sectionSchema(set, section)
  const statements = set.statements.filter((statement) => statement.dimension === section)
  const defaults =
    section === FREE_TEXT_SECTION
      ? { intent: 'save-section', section, mqlDefinition: response.mqlDefinition, sqlDefinition: response.sqlDefinition }
      : { intent: 'save-section', section, answers: Object.fromEntries(statements.filter((s) => Object.hasOwn(response.answers, s.id)).map((s) => [s.id, response.answers[s.id]])) }
  const { onSubmit, form, field, errorOf, formError } = useSchemaForm(schema, { defaultValues: defaults as never, answer })
  const sent = (answer?.values?.answers ?? defaults.answers ?? {}) as Record<string, unknown>
  const dimension = set.dimensions.find((d) => d.id === section)
  return (
    <section className="card" aria-labelledby="section-heading">
      <h2 id="section-heading">{sectionTitle(set, section)}</h2>
      <p className="muted">{dimension ? `${dimension.description} How far do you agree with each statement, as things are today?` : 'One sentence each, in your own words, as you would explain it to a new colleague. No need to look anything up.'}</p>
      <FormError message={formError ?? errorOf('answers')} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-section" />
        <input type="hidden" name="section" value={section} />
        {section === FREE_TEXT_SECTION
          ? set.freeText.map((question) => (
              <Field key={question.id} label={question.text} hint={question.hint} error={errorOf(question.id)}>
                {(props) => <textarea {...props} {...field(question.id as never)} rows={3} />}
              </Field>
            ))
          : statements.map((statement, index) => {
              const name = `answers.${statement.id}`
              const error = errorOf(name)
              const errorId = `${statement.id}-error`
              return (
                <fieldset key={statement.id} className="likert" aria-describedby={error ? errorId : undefined}>
                  <legend>
                    <span className="likert-num">{index + 1}.</span> {statement.text}
                  </legend>
                  <div className="likert-options">
                    {ANSWER_OPTIONS.map((option) => (
                      <label key={option.value} className={option.value === 'dk' ? 'likert-option dont-know' : 'likert-option'}>
                        <input type="radio" value={option.value} {...form.register(name as never)} defaultChecked={String(sent[statement.id] ?? '') === option.value} />
                        <span>{option.label}</span>
                      </label>
                    ))}
                  </div>
                  {error ? (
                    <span className="field-error" id={errorId} role="alert">
                      {error}
                    </span>
                  ) : null}
                </fieldset>
              )
            })}
        <div className="actions">
          <button type="submit" className="button">
            Save and continue
          </button>
        </div>
      </Form>
    </section>
  )
}

function ReviewForm({ set, response, basePath, answer }: { set: QuestionSet; response: NonNullable<AnsweringView['response']>; basePath: string; answer?: FormAnswer }) {
  const progress = answeringProgress(set, response)
  const open = progress.filter((item) => !item.complete)
  const error = answer?.errors?.form ?? answer?.conflict?.message
  // A one-button form: the revision the respondent reviewed, checked by the server's schema too.
  const { onSubmit, field } = useSchemaForm(SubmitResponseSchema, { defaultValues: { intent: 'submit-response', revision: String(response.revision) } })
  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading">Review and submit</h2>
      <FormError message={error} />
      {open.length ? (
        <div className="alert warn">
          <p>Still to answer before you can submit:</p>
          <ul>
            {open.map((item) => (
              <li key={item.section}>
                <Link to={pageHref(basePath, item.section)}>{item.title}</Link> ({item.answered} of {item.total})
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Everything is answered. You can still change any page above; once you submit, your answers are final.</p>
      )}
      <dl className="review-definitions">
        <dt>{set.freeText[0]!.text}</dt>
        <dd>{response.mqlDefinition || <span className="muted">Not written yet.</span>}</dd>
        <dt>{set.freeText[1]!.text}</dt>
        <dd>{response.sqlDefinition || <span className="muted">Not written yet.</span>}</dd>
      </dl>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        <button type="submit" className="button" disabled={open.length > 0}>
          Submit my answers
        </button>
      </Form>
    </section>
  )
}
