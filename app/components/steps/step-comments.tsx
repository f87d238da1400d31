import { Form } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, useSchemaForm } from '~/components/form'
import { COMMENT_MAX, CommentSchema } from '~/domain/comments/schemas'
import { answerFor, type FormAnswer } from '~/http/form-answer'

export type StepComment = { id: string; body: string; authorName: string | null; createdAt: string }

/**
 * A step's discussion thread: what the room said that does not fit a field. Posts the
 * `add-comment` intent to the step's own action (http/comment-intent.server.ts); `answer` is
 * that action's FormAnswer for the form "comment".
 */
export function StepComments({ comments, canComment, answer }: { comments: StepComment[]; canComment: boolean; answer?: FormAnswer }) {
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
      {canComment ? <CommentForm answer={answerFor(answer, 'comment')} /> : <p className="muted small">Viewers read the discussion; members of the teams and the facilitator write in it.</p>}
    </section>
  )
}

const COMMENT_DEFAULTS = { intent: 'add-comment', body: '' } as const

function CommentForm({ answer }: { answer?: FormAnswer }) {
  const { onSubmit, field, errorOf } = useSchemaForm(CommentSchema, { defaultValues: COMMENT_DEFAULTS, answer })
  const error = errorOf('body')
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="comment-form" id="comment-form">
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
