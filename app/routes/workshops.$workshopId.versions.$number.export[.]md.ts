import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderMarkdown } from '~/domain/document/markdown'
import { getVersionDocument } from '~/models/document.server'
import { downloadHeaders, requireVersion } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  const document = await getVersionDocument({ workshopId: member.workshopId, number: version.number })
  return new Response(renderMarkdown(document!), { headers: downloadHeaders('text/markdown; charset=utf-8', `mql-sql-definition-v${version.number}.md`) })
}
