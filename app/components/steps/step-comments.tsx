import { Form } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, useSchemaForm } from '~/components/form'
import { COMMENT_MAX, CommentSchema } from '~/domain/comments/schemas'

export type StepComment = { id: string; body: string; authorName: string | null; createdAt: string }

/**
 * A step's discussion thread: what the room said that does not fit a field. Posts the
 * `add-comment` intent to the step's own action; `resetKey` changes after a comment is saved,
 * which empties the form (and only then: a live refresh must not wipe what someone is typing).
 */
export function StepComments({
  comments,
  canComment,
  errors,
  values,
  resetKey,
}: {
  comments: StepComment[]
  canComment: boolean
  errors?: Record<string, string>
  values?: Record<string, string>
  resetKey?: string
}) {
  return (
    <section className="card step-comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Discussion</h2>
      {comments.length === 0 ? (
        <p className="muted small">No comments yet. Note here what the room discussed that does not fit a field: open questions, who checks what by when.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="comment-meta small">
                <strong>{comment.authorName ?? 'A former member'}</strong> · <FormattedDate value={comment.createdAt} withTime />
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? <CommentForm key={resetKey ?? 'comment'} errors={errors} values={values} /> : <p className="muted small">Viewers read the discussion; members of the teams and the facilitator write in it.</p>}
    </section>
  )
}

function CommentForm({ errors, values }: { errors?: Record<string, string>; values?: Record<string, string> }) {
  const { form, onSubmit, field } = useSchemaForm(CommentSchema, { defaultValues: { intent: 'add-comment', body: '' }, serverErrors: errors, serverValues: values })
  const error = form.formState.errors.body?.message ?? errors?.body
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="comment-form">
      <input type="hidden" {...field('intent')} />
      <Field label="Add a comment" hint={`Up to ${COMMENT_MAX.toLocaleString('en-US')} characters.`} error={error}>
        {(props) => <textarea {...props} {...field('body')} rows={2} maxLength={COMMENT_MAX} />}
      </Field>
      <button type="submit" className="button secondary small">
        Post comment
      </button>
    </Form>
  )
}
