import { Form, Link } from '@remix-run/react'
import { ChangeGroups } from '~/components/document/blocks'
import { Field, FormError, useSchemaForm } from '~/components/form'
import type { ChangeGroup } from '~/domain/diff/diff'
import { PUBLISH_NOTE_MAX, PublishSchema } from '~/domain/document/schemas'
import type { FormAnswer } from '~/http/form-answer'

export type PublishView = {
  workshopId: string
  canPublish: boolean
  latest: number | null
  readyToPublish: boolean
  unchangedSince: number | null
  unchangedText: string | null
  missingText: string
  configProblems: string[]
  confirming: boolean
  pending: { summary: string; groups: ChangeGroup[] } | null
}

/** Step two of publishing: what will change, and the note that goes into the version for good. */
function ConfirmPublish({ view, answer }: { view: PublishView; answer?: FormAnswer }) {
  const next = (view.latest ?? 0) + 1
  const { onSubmit, field, errorOf, formError } = useSchemaForm(PublishSchema, {
    defaultValues: { intent: 'publish', note: '', latestSeen: String(view.latest ?? '') },
    answer,
  })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="publish-confirm stack">
      <FormError message={formError} />
      <div>
        <h3>What version {next} changes</h3>
        {view.pending ? (
          <>
            <p className="doc-embed doc-changes-summary">{view.pending.summary}</p>
            <div className="doc-embed">
              <ChangeGroups groups={view.pending.groups} headingLevel={4} />
            </div>
          </>
        ) : (
          <p>This is the first version: everything the teams signed.</p>
        )}
      </div>
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('latestSeen')} />
      <Field
        label={`Note on version ${next}: what changed and why`}
        hint={`Required. Shown on the document's cover, in the changelog and in the diff. It can never be edited (at most ${PUBLISH_NOTE_MAX.toLocaleString('en-US')} characters).`}
        error={errorOf('note')}
      >
        {(props) => <textarea {...props} {...field('note')} rows={4} maxLength={PUBLISH_NOTE_MAX} />}
      </Field>
      <p className="small muted">Publishing freezes version {next}: it can never be edited or deleted.</p>
      <div className="actions">
        <button type="submit" className="button">
          Publish version {next}
        </button>
        <Link to={`/workshops/${view.workshopId}/review#publish-heading`} className="button secondary">
          Cancel
        </Link>
      </div>
    </Form>
  )
}

export function PublishPanel({ view, answer }: { view: PublishView; answer?: FormAnswer }) {
  const next = (view.latest ?? 0) + 1
  const showConfirm = view.canPublish && (view.confirming || Boolean(answer?.values)) && view.readyToPublish
  return (
    <section className="card" aria-labelledby="publish-heading" id="publish">
      <h2 id="publish-heading">Publish</h2>
      {view.configProblems.length ? <p className="field-error">The scoring model has problems: {view.configProblems.join(' ')}</p> : null}
      {!showConfirm ? <FormError message={answer?.errors?.form} /> : null}
      {view.unchangedText !== null ? (
        <p className="muted" data-testid="publish-unchanged">
          {view.unchangedText}
        </p>
      ) : view.readyToPublish ? (
        <p>
          Every section is signed by both teams
          {view.pending ? ` and ${view.pending.summary.charAt(0).toLowerCase()}${view.pending.summary.slice(1)} since version ${view.latest}` : ''}.
        </p>
      ) : (
        <p className="muted">Still missing: {view.missingText || 'a valid scoring model'}.</p>
      )}
      {!view.canPublish ? (
        <p className="small muted">Only the facilitator publishes.</p>
      ) : showConfirm ? (
        <ConfirmPublish view={view} answer={answer} />
      ) : view.readyToPublish ? (
        <Link to={`/workshops/${view.workshopId}/review?publish#publish`} className="button">
          Publish version {next}…
        </Link>
      ) : (
        <button type="button" className="button wrap" disabled>
          {view.unchangedText !== null ? `Publish (nothing changed since version ${view.latest})` : 'Publish (waiting for sign-offs)'}
        </button>
      )}
      {view.latest ? (
        <p className="small">
          Latest: <Link to={`/workshops/${view.workshopId}/versions/${view.latest}`}>version {view.latest}</Link> ·{' '}
          <Link to={`/workshops/${view.workshopId}/versions`}>all versions</Link>
        </p>
      ) : null}
    </section>
  )
}
