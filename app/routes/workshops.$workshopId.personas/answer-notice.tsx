import type { FormAnswer } from '~/http/form-answer'

/**
 * What an action said about one of the page's forms when it did not redirect: someone else's
 * change (with their persona in one line), a notice, or — for a one-button form, whose fields
 * the person never sees — the first error in words.
 */
export function AnswerNotice({ answer, showErrors = false }: { answer?: FormAnswer; showErrors?: boolean }) {
  if (!answer) return null
  if (answer.conflict) {
    const summary = answer.conflict.theirs?.summary
    return (
      <div className="alert warn" role="alert">
        {answer.conflict.message}
        {typeof summary === 'string' && summary ? <p className="small theirs">Now: {summary}</p> : null}
      </div>
    )
  }
  if (answer.notice) {
    const { tone, text } = answer.notice
    return (
      <div className={`alert ${tone}`} role={tone === 'success' ? 'status' : 'alert'}>
        {text}
      </div>
    )
  }
  const error = showErrors && answer.errors ? (answer.errors.form ?? Object.values(answer.errors)[0]) : undefined
  return error ? (
    <div className="alert error" role="alert">
      {error}
    </div>
  ) : null
}
