import { KIND_LABELS } from '~/domain/lead-board/view'
import type { FormAnswer } from '~/http/form-answer'

/** The other person's note or agreed trait as it stands, from a conflict's `theirs`. */
function Theirs({ theirs }: { theirs?: Record<string, unknown> }) {
  const { text, kind, why } = theirs ?? {}
  if (typeof text !== 'string') return null
  const kindLabel = kind === 'good' || kind === 'bad' ? ` (${KIND_LABELS[kind].toLowerCase()})` : ''
  return (
    <p className="small theirs">
      Now: <strong>“{text}”</strong>
      {kindLabel}
      {typeof why === 'string' && why ? ` — why: ${why}` : ''}
    </p>
  )
}

/**
 * What an action said about one of the board's forms when it did not redirect: someone else's
 * change, a notice, or — for a one-button form, whose fields nobody sees — the first error.
 */
export function AnswerNotice({ answer, showErrors = false }: { answer?: FormAnswer; showErrors?: boolean }) {
  if (!answer) return null
  if (answer.conflict) {
    return (
      <div className="alert warn" role="alert">
        {answer.conflict.message}
        <Theirs theirs={answer.conflict.theirs} />
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
