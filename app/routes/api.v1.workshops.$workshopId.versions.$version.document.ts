import { apiError, apiHandler, methodNotAllowed, requireApiToken, resolveVersionNumber } from '~/http/api.server'
import { standaloneDocumentHtml } from '~/http/document-html.server'
import { DocumentQuerySchema } from '~/domain/api/schemas'
import { exportFileName } from '~/domain/document/file-names'
import { renderMarkdown } from '~/domain/document/markdown'
import { getVersionDocument } from '~/models/document.server'
import { pdfResponse, versionPdf } from '~/models/version-export.server'

// GET /api/v1/workshops/:workshopId/versions/:version/document?format=md|html|pdf
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
  if (query.data.format === 'pdf') {
    const pdf = await versionPdf(document, { workshopId: token.workshopId })
    return pdfResponse(pdf, exportFileName({ company: document.cover.company, version: number, kind: 'definition', extension: 'pdf' }), headers)
  }
  return new Response(standaloneDocumentHtml(document), {
    // The page is self-contained: it runs no script and loads nothing (the logo is inline data).
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
  })
})

export const action = methodNotAllowed('GET')
