import { renderToStaticMarkup } from 'react-dom/server'
import { DefinitionDocumentView } from '~/components/definition-document'
import type { DefinitionDocument } from '~/domain/document/model'

// A downloaded document must stand alone (no app CSS, no scripts), print to A4 and read well.
const STANDALONE_CSS = `
body { font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1b2430; line-height: 1.5; margin: 0; padding: 32px; }
.definition-document { max-width: 900px; margin: 0 auto; }
h1 { font-size: 1.8rem; margin: 0 0 8px; } h2 { font-size: 1.25rem; margin: 0 0 12px; } h3 { font-size: 1rem; margin: 16px 0 8px; }
.eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; font-weight: 700; color: #55606e; margin: 0; }
.muted { color: #55606e; }
.draft-mark { display: inline-block; border: 2px solid #b42318; color: #b42318; font-weight: 800; letter-spacing: .08em; padding: 4px 12px; border-radius: 6px; }
.doc-section { border-top: 1px solid #d9dde3; padding-top: 16px; margin-top: 24px; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin-bottom: 12px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d9dde3; vertical-align: top; }
th { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #55606e; }
caption { caption-side: bottom; text-align: left; color: #55606e; font-size: .8rem; }
td.cell-mql { background: #137333; color: #fff; font-weight: 700; text-align: center; } td.cell-some { background: #cfe9d8; text-align: center; }
.no-print { display: none; }
@media print { @page { size: A4; margin: 18mm 16mm; } body { padding: 0; } .doc-section { break-before: page; border-top: none; } .doc-section:first-of-type { break-before: auto; }
  thead { display: table-header-group; } tr { break-inside: avoid; } td.cell-mql, td.cell-some { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`

export function standaloneDocumentHtml(document: DefinitionDocument): string {
  const body = renderToStaticMarkup(<DefinitionDocumentView document={document} />)
  const title = document.status.kind === 'published' ? `${document.title} (v${document.status.version})` : `${document.title} (draft)`
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escaped}</title><style>${STANDALONE_CSS}</style></head><body>${body}</body></html>\n`
}
