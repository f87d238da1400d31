import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicOrigin } from '~/http/env.server'
import { documentOfVersion } from '~/models/document.server'
import { pdfResponse, requireVersion, versionFileName, versionPdf } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'

/** The version's definition document as a real PDF, rendered on the server from the same model as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  const document = await documentOfVersion(member.workshopId, version)
  const onlineUrl = `${publicOrigin()}/workshops/${member.workshopId}/versions/${version.number}`
  return pdfResponse(await versionPdf(document, { workshopId: member.workshopId, onlineUrl }), versionFileName(version, 'definition', 'pdf'))
}
