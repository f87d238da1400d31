import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadHeaders, requireVersion, rulesCsv, versionFileName } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  return new Response(rulesCsv(version.snapshot.scoring), { headers: downloadHeaders('text/csv; charset=utf-8', versionFileName(version, 'rules', 'csv')) })
}
