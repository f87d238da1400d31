import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { apiError, apiHandler, methodNotAllowed, requireApiToken, resolveVersionNumber } from '~/api.server'
import { DefinitionDocumentView } from '~/components/definition-document'
import { DocumentQuerySchema } from '~/domain/api/schemas'
import { renderMarkdown } from '~/domain/document/markdown'
import type { DefinitionDocument } from '~/domain/document/model'
import { getVersionDocument } from '~/models/document.server'

// GET /api/v1/workshops/:workshopId/versions/:version/document?format=md|html
export const loader = apiHandler(async (context) => {
  const token = await requireApiToken(context, 'read')
  const query = DocumentQuerySchema.safeParse(Object.fromEntries(new URL(context.request.url).searchParams))
  if (!query.success) {
    const issues = query.error.issues.map((issue) => ({ path: issue.path.join('.'), message: `${issue.path.join('.')}: ${issue.message}` }))
    throw apiError(400, 'invalid_request', issues[0]!.message, { details: { issues } })
  }
  const number = await resolveVersionNumber(token.workshopId, context.params.version)
  const document = await getVersionDocument({ workshopId: token.workshopId, number })
  if (!document) throw apiError(404, 'not_found', `Version ${number} of this workshop does not exist.`)
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
  if (query.data.format === 'md') {
    return new Response(renderMarkdown(document), { headers: { ...headers, 'Content-Type': 'text/markdown; charset=utf-8' } })
  }
  return new Response(standaloneHtml(document), {
    // The page is self-contained: it runs no script and loads nothing.
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
  })
})

export const action = methodNotAllowed('GET')

/** A page that stands alone (a wiki import, a file on disk) and prints cleanly to PDF. */
const STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;max-width:960px;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.9rem;margin:.2rem 0}h2{margin-top:2rem}h3{font-size:1rem}.eyebrow{text-transform:uppercase;letter-spacing:.06em;font-size:.75rem;font-weight:700;color:#5b6472}
.muted{color:#5b6472}table{border-collapse:collapse;width:100%;font-size:.9rem;margin-bottom:1rem}th,td{border:1px solid #d8dce3;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f9}caption{caption-side:bottom;text-align:left;color:#5b6472;font-size:.8rem}td.cell-mql{background:#137a4b;color:#fff;font-weight:700;text-align:center}
td.cell-some{background:#cfe9d8;text-align:center}.doc-section{border-top:1px solid #d8dce3;margin-top:1.5rem}
@media print{body{margin:0;max-width:none}.doc-toc{display:none}.doc-section{break-before:page;border-top:none}.doc-section:first-of-type{break-before:auto}thead{display:table-header-group}tr{break-inside:avoid}td.cell-mql{print-color-adjust:exact;-webkit-print-color-adjust:exact}}`

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
}

function standaloneHtml(document: DefinitionDocument) {
  const title = document.status.kind === 'published' ? `${document.title} (v${document.status.version})` : document.title
  const body = renderToStaticMarkup(createElement(DefinitionDocumentView, { document }))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}
