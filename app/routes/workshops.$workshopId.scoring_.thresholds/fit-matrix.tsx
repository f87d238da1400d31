import type { fitMatrix } from '~/domain/scoring-model/matrix'
import { ScrollRegion } from '~/components/scroll-region'

const CELL_TEXT = { mql: 'MQL', some: 'Partly', none: '—' } as const

/** Which combinations of fit grade and engagement are MQLs, as the thresholds stand. */
export function FitMatrixCard({ matrix, minFit, minEngagement }: { matrix: ReturnType<typeof fitMatrix>; minFit: number; minEngagement: number }) {
  return (
    <section className="card" aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">Fit × engagement matrix</h2>
      <p className="muted small">
        Which combinations of fit grade and engagement are MQLs (fit ≥ {minFit} and engagement ≥ {minEngagement}).
      </p>
      <ScrollRegion label="Fit × engagement matrix">
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">Grade (fit)</th>
              {matrix.bands.map((band) => (
                <th scope="col" key={band.label}>
                  {band.name === undefined ? `Engagement ${band.label}` : `Engagement band ${band.name} (${band.label})`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.grade}>
                <th scope="row">
                  {row.grade} <span className="muted small">({row.fitRange})</span>
                </th>
                {row.cells.map((cell, index) => (
                  <td key={index} className={cell}>
                    {CELL_TEXT[cell]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="legend">
        <span className="mql">MQL</span>
        <span className="some">Partly MQL (a threshold falls inside the cell)</span>
        <span className="none">Not an MQL (unless fast-tracked)</span>
      </div>
    </section>
  )
}
