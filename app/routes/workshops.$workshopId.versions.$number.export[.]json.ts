import type { LoaderFunctionArgs } from '@remix-run/node'
import { configJson } from '~/domain/exports/config-json'
import { downloadHeaders, requireVersion, versionFileName } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  return new Response(configJson(version.snapshot.scoring), { headers: downloadHeaders('application/json; charset=utf-8', versionFileName(version, 'config', 'json')) })
}
