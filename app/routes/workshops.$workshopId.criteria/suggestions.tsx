import { PostButton } from '~/components/post-button'
import { suggestionDestination, suggestionKindName } from '~/domain/lead-board/draft-criterion'
import { SuggestionSchema } from '~/domain/scoring-model/criteria-forms'

export type SuggestionView = { id: string; revision: number; source: string; sourceLabel: string; section: string; label: string; description: string; note: string }

const DECISIONS = [
  { intent: 'accept-suggestion', label: 'Accept', variant: 'primary' },
  { intent: 'dismiss-suggestion', label: 'Dismiss', variant: 'secondary' },
] as const

/** Criteria drafted in steps 2 and 3, for the room to accept (they become rules) or dismiss. */
export function Suggestions({ suggestions, canEdit }: { suggestions: readonly SuggestionView[]; canEdit: boolean }) {
  if (suggestions.length === 0) return null
  return (
    <section className="card" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">Suggestions from the board and personas</h2>
      <p className="muted small">Drafted from the agreed good/bad lead traits and negative personas. Accept to add them as criteria, or dismiss.</p>
      <ul className="suggestions">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id}>
            <div>
              <strong>{suggestion.label}</strong> <span className="badge">{suggestionKindName(suggestion.section)}</span>
              <div className="muted small">
                {suggestion.description} · from {suggestion.source === 'trait' ? 'the agreed trait' : 'the negative persona'} “{suggestion.sourceLabel}”
              </div>
              {suggestion.note ? <div className="small suggestion-note">{suggestion.note}</div> : null}
              {suggestionDestination(suggestion.section) ? <div className="muted small">{suggestionDestination(suggestion.section)}</div> : null}
            </div>
            {canEdit ? (
              <div className="actions">
                {/* One-button forms, checked by SuggestionSchema before posting and in the action. */}
                {DECISIONS.map((decision) => (
                  <PostButton
                    key={decision.intent}
                    schema={SuggestionSchema}
                    fields={{ intent: decision.intent, suggestionId: suggestion.id, revision: suggestion.revision }}
                    variant={decision.variant}
                    label={`${decision.label} “${suggestion.label}”`}
                  >
                    {decision.label}
                  </PostButton>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
