import type { Block, Card, MatrixCell } from '~/domain/document/model'
import { changeText, type ChangeGroup } from '~/domain/diff/diff'

const MATRIX_TEXT: Record<MatrixCell, string> = { mql: 'MQL', some: 'some', none: '—' }
const KIND_TEXT = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const

/** The changes between two versions, grouped by section and coloured by kind (with the kind in words too). */
export function ChangeGroups({ groups, headingLevel = 3 }: { groups: readonly ChangeGroup[]; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <>
      {groups.map((group) => (
        <section key={group.section} className="doc-change-group">
          <Heading>{group.section}</Heading>
          <ul className="doc-change-list">
            {group.changes.map((change, index) => (
              <li key={index} className={`doc-change is-${change.kind}`}>
                <span className="doc-change-kind">{KIND_TEXT[change.kind]}</span>
                <span>{changeText(change.kind, change.text)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

function CardView({ card }: { card: Card }) {
  return (
    <article className={`doc-card tone-${card.tone ?? 'brand'}`}>
      <div className="doc-card-head">
        <h4>{card.title}</h4>
        {card.tag ? <span className={`doc-tag tone-${card.tag.tone}`}>{card.tag.text}</span> : null}
      </div>
      {card.lead ? <p className="doc-card-lead">{card.lead}</p> : null}
      {card.facts.length ? (
        <dl>
          {card.facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </article>
  )
}

export function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return <p>{block.text}</p>
    case 'subheading':
      return <h3>{block.text}</h3>
    case 'empty':
      return <p className="doc-empty">{block.text}</p>
    case 'list':
      return (
        <ul>
          {block.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )
    case 'table':
      return (
        // A wide table scrolls inside its wrapper on a phone: a labelled region that keyboards can reach.
        <div className="doc-table-wrap" role="region" tabIndex={0} aria-label={block.caption ?? block.headers.join(', ')}>
          <table className="doc-table">
            {block.caption ? <caption>{block.caption}</caption> : null}
            <colgroup>
              {block.widths.map((width, index) => (
                <col key={index} style={{ width: `${Math.round(width * 1000) / 10}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {block.headers.map((header, index) => (
                  <th scope="col" key={header} className={block.numeric?.includes(index) ? 'num' : undefined}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, cellIndex) => (
                    <td key={cellIndex} className={block.numeric?.includes(cellIndex) ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    case 'definitions':
      return (
        <div className="doc-definitions">
          {block.items.map((item) => (
            <div key={item.term} className={`doc-definition is-${item.term.toLowerCase()}`}>
              <span className="doc-term" aria-hidden="true">
                {item.term}
              </span>
              <p className="doc-term-name">{item.name}</p>
              <p className="doc-definition-text">{item.text}</p>
            </div>
          ))}
        </div>
      )
    case 'stats':
      return (
        <ul className="doc-stats">
          {block.items.map((item) => (
            <li key={item.label}>
              <span className="doc-stat-value">{item.value}</span>
              <span className="doc-stat-label">{item.label}</span>
            </li>
          ))}
        </ul>
      )
    case 'facts':
      return (
        <dl className="doc-facts">
          {block.items.map((fact) => (
            <FactRow key={fact.label} label={fact.label} value={fact.value} />
          ))}
        </dl>
      )
    case 'columns':
      return (
        <div className="doc-columns">
          {block.columns.map((column) => (
            <div key={column.title} className={`doc-column is-${column.tone}`}>
              <h3>{column.title}</h3>
              {column.items.length ? (
                <ul>
                  {column.items.map((item, index) => (
                    <li key={index}>{item}</li>
                  ))}
                </ul>
              ) : (
                <p className="doc-empty">{column.empty}</p>
              )}
            </div>
          ))}
        </div>
      )
    case 'cards':
      return (
        <div className="doc-cards">
          {block.cards.map((card, index) => (
            <CardView key={index} card={card} />
          ))}
        </div>
      )
    case 'matrix':
      return (
        <figure style={{ margin: '0 0 16px' }}>
          <table className="doc-matrix">
            <caption className="visually-hidden">Fit grade by engagement band: which leads are MQLs</caption>
            <thead>
              <tr>
                <th scope="col">Fit grade</th>
                {block.bands.map((band) => (
                  <th scope="col" key={band}>
                    Engagement {band}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row) => (
                <tr key={row.grade}>
                  <th scope="row">
                    {row.grade} <span className="doc-muted">({row.range})</span>
                  </th>
                  {row.cells.map((cell, index) => (
                    <td key={index} className={`is-${cell}`}>
                      {MATRIX_TEXT[cell]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <figcaption className="doc-caption">{block.caption}</figcaption>
        </figure>
      )
    case 'funnel': {
      const max = Math.max(1, ...block.steps.map((step) => step.value))
      return (
        <figure style={{ margin: '0 0 16px' }}>
          <ol className="doc-funnel">
            {block.steps.map((step) => (
              <li key={step.label}>
                <span className="doc-funnel-label">{step.label}</span>
                {/* Square-root widths: a funnel of 2,000 leads and 8 customers stays readable. */}
                <span className="doc-funnel-track">
                  <span className="doc-funnel-bar" style={{ width: `${Math.max(12, Math.round(Math.sqrt(step.value / max) * 78))}%` }}>
                    {step.value.toLocaleString('en-US')}
                  </span>
                  {step.rateToNext ? <span className="doc-funnel-rate">{step.rateToNext} move on</span> : null}
                </span>
              </li>
            ))}
          </ol>
          <figcaption className="doc-caption">{block.caption}</figcaption>
        </figure>
      )
    }
    case 'note':
      return (
        <blockquote className="doc-note">
          <p className="doc-note-label">{block.label}</p>
          <p>{block.text}</p>
        </blockquote>
      )
    case 'changes':
      return (
        <>
          <p className="doc-changes-summary">{block.summary}</p>
          <ChangeGroups groups={block.groups} />
        </>
      )
  }
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  )
}
