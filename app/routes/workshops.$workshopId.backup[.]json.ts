import type { LoaderFunctionArgs } from '@remix-run/node'
import { backupFilename, exportWorkshop } from '~/models/backup.server'
import { requireMember } from '~/http/permissions.server'

/** The whole workshop as one versioned JSON file (no passwords, sessions or tokens). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'download-backup')
  const text = await exportWorkshop(member.workshopId)
  return new Response(text, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${backupFilename(member.workshop.name)}"`,
      'Cache-Control': 'no-store',
    },
  })
}
