/** One field that differs between the other person's saved version and the form being saved. */
export type SavedDifference = { label: string; theirs: string; yours: string }

/** A refused save (409): who saved meanwhile, and what they changed that you are changing too. */
export function ConflictNote({ what, conflict }: { what: string; conflict: { by: string | null; differences: readonly SavedDifference[] } }) {
  return (
    <div className="alert warn" role="alert">
      <p>
        {conflict.by ?? 'Someone'} saved {what} while you were editing, so yours was not saved. Your changes are still in the form: check theirs and save
        again to replace them.
      </p>
      {conflict.differences.length > 0 ? (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Theirs (saved)</th>
              <th scope="col">Yours</th>
            </tr>
          </thead>
          <tbody>
            {conflict.differences.map((difference) => (
              <tr key={difference.label}>
                <th scope="row">{difference.label}</th>
                <td>{difference.theirs}</td>
                <td>{difference.yours}</td>
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
