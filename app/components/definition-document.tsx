import type { DefinitionDocument } from '~/domain/document/model'
import { fitLogo } from '~/domain/document/logo'
import { BlockView } from './document/blocks'
import { DOCUMENT_CSS, printFooterCss } from './document/document-css'

/** The document's styles alone, for a page that shows pieces of it (a diff) without a whole document. */
export function DocumentCss() {
  // A constant: no user text.
  return <style dangerouslySetInnerHTML={{ __html: DOCUMENT_CSS }} />
}

/** The document's styles and its print footer, once per page that shows a document. */
export function DocumentStyles({ document }: { document: DefinitionDocument }) {
  // Constant CSS plus a footer string escaped by printFooterCss: nothing typed by users reaches this raw.
  return <style dangerouslySetInnerHTML={{ __html: DOCUMENT_CSS + printFooterCss(document.footer) }} />
}

function Cover({ document }: { document: DefinitionDocument }) {
  const cover = document.cover
  const logoSize = cover.logo ? fitLogo(cover.logo, { width: 220, height: 72 }) : null
  return (
    <header className="doc-cover">
      <div className="doc-cover-top">
        {cover.logo && logoSize ? <img className="doc-logo" src={cover.logo.src} width={logoSize.width} height={logoSize.height} alt={`${cover.company} logo`} /> : <span />}
        <p className="doc-kicker">MQL/SQL definition · {cover.version}</p>
      </div>
      {document.status.kind === 'draft' ? (
        <p className="doc-draft-mark" role="note">
          DRAFT — not published; it changes as the workshop goes on.
        </p>
      ) : null}
      <div>
        <p className="doc-company">{cover.company}</p>
        <h1>{document.title}</h1>
      </div>
      <p className="doc-workshop">{cover.workshop}</p>
      <dl className="doc-cover-facts">
        {cover.facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {cover.signers.length ? (
        <dl className="doc-signers">
          {cover.signers.map((team) => (
            <div key={team.team}>
              <dt>Signed for {team.team.toLowerCase()}</dt>
              <dd>{team.names.length ? team.names.join(', ') : '—'}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {cover.note ? (
        <blockquote className="doc-note">
          <p className="doc-note-label">What changed and why</p>
          <p>{cover.note}</p>
        </blockquote>
      ) : null}
    </header>
  )
}

/**
 * The MQL/SQL definition document: a cover, contents, the sections. The same view serves the
 * version page, the share page and the HTML download; it prints to A4 (see document-css.ts).
 */
export function DefinitionDocumentView({ document }: { document: DefinitionDocument }) {
  return (
    <article className={`definition-document${document.status.kind === 'draft' ? ' is-draft' : ''}`} aria-label={document.title}>
      <DocumentStyles document={document} />
      <Cover document={document} />
      <nav className="doc-toc" aria-labelledby="doc-toc-title">
        <h2 id="doc-toc-title">Contents</h2>
        <ol>
          {document.sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {document.sections.map((section) => (
        <section key={section.id} id={section.id} className={`doc-section${section.newPage ? ' is-new-page' : ''}`} aria-labelledby={`${section.id}-title`}>
          <h2 id={`${section.id}-title`}>{section.title}</h2>
          {section.blocks.map((block, index) => (
            <BlockView key={index} block={block} />
          ))}
        </section>
      ))}
    </article>
  )
}
