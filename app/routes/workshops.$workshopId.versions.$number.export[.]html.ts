import type { LoaderFunctionArgs } from '@remix-run/node'
import { standaloneDocumentHtml } from '~/http/document-html.server'
import { documentOfVersion } from '~/models/document.server'
import { downloadHeaders, requireVersion, versionFileName } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  const document = await documentOfVersion(member.workshopId, version)
  return new Response(standaloneDocumentHtml(document), { headers: downloadHeaders('text/html; charset=utf-8', versionFileName(version, 'definition', 'html')) })
}
