import type { Block, DefinitionDocument } from '~/domain/document/model'

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return <p>{block.text}</p>
    case 'subheading':
      return <h3>{block.text}</h3>
    case 'empty':
      return <p className="muted">{block.text}</p>
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
        <div className="table-wrap">
          <table className="doc-table">
            {block.caption ? <caption>{block.caption}</caption> : null}
            <thead>
              <tr>
                {block.headers.map((header) => (
                  <th scope="col" key={header}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, cellIndex) => (
                    <td key={cellIndex} className={cell === 'MQL' ? 'cell-mql' : cell === 'partly' ? 'cell-some' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
  }
}

/** The MQL/SQL definition document; prints to a clean A4 PDF (see the print rules in app.css). */
export function DefinitionDocumentView({ document }: { document: DefinitionDocument }) {
  return (
    <article className={`definition-document ${document.status.kind === 'draft' ? 'is-draft' : ''}`}>
      {document.status.kind === 'draft' ? (
        <p className="draft-mark" role="note">
          DRAFT — not published; it changes as the workshop goes on.
        </p>
      ) : null}
      <header className="doc-header">
        <p className="eyebrow">{document.subtitle}</p>
        <h1>{document.title}</h1>
        <p className="muted">
          {document.status.kind === 'published'
            ? `Version ${document.status.version} · published ${document.status.publishedAt.slice(0, 16).replace('T', ' ')} UTC by ${document.status.publishedBy}`
            : 'Draft preview'}
        </p>
      </header>
      <nav className="doc-toc no-print" aria-label="Contents">
        <ol>
          {document.sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {document.sections.map((section) => (
        <section key={section.id} id={section.id} className="doc-section" aria-labelledby={`${section.id}-title`}>
          <h2 id={`${section.id}-title`}>{section.title}</h2>
          {section.blocks.map((block, index) => (
            <BlockView key={index} block={block} />
          ))}
        </section>
      ))}
    </article>
  )
}
