import { SavedDifferencesSchema } from '~/domain/lifecycle/conflicts'
import type { FormAnswer } from '~/http/form-answer'

/**
 * A refused save (409): who saved meanwhile, and what they changed. The rows come in the answer's
 * `conflict.theirs.differences` (domain/lifecycle/conflicts.ts): three-way when the form said
 * which version it was opened on, so each row shows that version, theirs and yours.
 */
export function ConflictNote({ conflict }: { conflict: NonNullable<FormAnswer['conflict']> }) {
  const parsed = SavedDifferencesSchema.safeParse(conflict.theirs?.differences)
  const differences = parsed.success ? parsed.data : []
  const threeWay = differences.some((difference) => difference.was !== undefined)
  return (
    <div className="alert warn" role="alert">
      <p>{conflict.message}</p>
      {differences.length > 0 ? (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">What</th>
              {threeWay ? <th scope="col">When you opened it</th> : null}
              <th scope="col">Theirs (saved)</th>
              <th scope="col">Yours</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((difference) => (
              <tr key={difference.label}>
                <th scope="row">{difference.label}</th>
                {threeWay ? <td>{difference.was}</td> : null}
                <td>{difference.theirs}</td>
                <td>
                  {difference.yours}
                  {difference.youChanged === false ? <span className="muted small"> (not changed by you: saving again puts it back)</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="small">Their save changed nothing you are changing.</p>
      )}
    </div>
  )
}

/**
 * A refused save (409) whose answer carries only its message, and for a rule the label (and
 * points) of the version that now stands: the one alert every form shows above itself. Renders
 * nothing without a conflict. (ConflictNote above is for answers that list the differences.)
 */
export function ConflictAlert({ answer }: { answer?: FormAnswer }) {
  if (!answer?.conflict) return null
  const { label, points } = answer.conflict.theirs ?? {}
  return (
    <div className="alert warn" role="alert">
      <p>{answer.conflict.message}</p>
      {typeof label === 'string' ? (
        <p className="small">
          Their version: <strong>{label}</strong>
          {typeof points === 'number' ? `, ${points} points` : ''}.
        </p>
      ) : null}
    </div>
  )
}
