import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportFileName } from '~/domain/document/file-names'
import { publicOrigin } from '~/http/env.server'
import { requireSharedDocument, SHARE_HEADERS } from '~/http/share.server'
import { pdfResponse, versionPdf } from '~/models/version-export.server'

/** The shared document as a PDF: the same latest version the share page shows, for people without an account. */
export async function loader({ params }: LoaderFunctionArgs) {
  const shared = await requireSharedDocument(params.token)
  const onlineUrl = `${publicOrigin()}/share/${params.token}`
  const pdf = await versionPdf(shared.document, { workshopId: shared.workshopId, onlineUrl })
  return pdfResponse(pdf, exportFileName({ company: shared.document.cover.company, version: shared.version, kind: 'definition', extension: 'pdf' }), SHARE_HEADERS)
}
