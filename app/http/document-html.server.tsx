import { renderToStaticMarkup } from 'react-dom/server'
import { DefinitionDocumentView } from '~/components/definition-document'
import type { DefinitionDocument } from '~/domain/document/model'

// A downloaded document stands alone: no app CSS, no scripts, nothing fetched (the logo is inline).
// The document's own styles (and its print rules) come with the view.
const PAGE_CSS = `
body { font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; margin: 0; padding: 32px 16px; background: #eef1f4; }
@media (max-width: 640px) { body { padding: 0; background: #fff; } }
@media print { body { padding: 0; background: #fff; } }
`

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

export function standaloneDocumentHtml(document: DefinitionDocument): string {
  const body = renderToStaticMarkup(<DefinitionDocumentView document={document} />)
  const title = document.status.kind === 'published' ? `${document.title} (v${document.status.version})` : `${document.title} (draft)`
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>\n`
}
