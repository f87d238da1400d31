import { Link } from '@remix-run/react'

export type ScoringPageName = 'rules' | 'thresholds'

const PAGES: { name: ScoringPageName; label: string; path: string }[] = [
  { name: 'rules', label: 'Rules', path: '' },
  { name: 'thresholds', label: 'Thresholds and priorities', path: '/thresholds' },
]

/**
 * The top of the scoring model's two pages (step 5): what the model is, and the tabs between the
 * rules and the thresholds, grades, bands and priorities. Two pages rather than one long one, so
 * each is short enough to work through on a phone.
 */
export function ScoringHeader({ workshopId, current }: { workshopId: string; current: ScoringPageName }) {
  const base = `/workshops/${workshopId}/scoring`
  return (
    <div>
      <p className="eyebrow">Step 5</p>
      <h1>Scoring model</h1>
      <p className="muted">
        Two axes: <strong>fit</strong> (who they are) and <strong>engagement</strong> (what they did). A lead becomes an MQL when both pass their
        thresholds, or when a fast-track action holds. Try it in the <Link to={`/workshops/${workshopId}/simulator`}>simulator</Link>.
      </p>
      <nav className="page-tabs" aria-label="Scoring model">
        {PAGES.map((page) => (
          <Link key={page.name} to={`${base}${page.path}`} aria-current={page.name === current ? 'page' : undefined}>
            {page.label}
          </Link>
        ))}
      </nav>
    </div>
  )
}
