import { apiHandler, methodNotAllowed, requireApiToken, requireValidConfig, requireVersion } from '~/http/api.server'
import { configJson } from '~/domain/exports/config-json'

// GET /api/v1/workshops/:workshopId/versions/:version/config: the scoring config, byte for byte the export.
export const loader = apiHandler(async (context) => {
  const token = await requireApiToken(context, 'read')
  const version = await requireVersion(token.workshopId, context.params.version)
  // Checked, then served as stored: byte for byte the export.
  requireValidConfig(version)
  return new Response(configJson(version.snapshot.scoring), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Disposition': `inline; filename="scoring-config-v${version.number}.json"`,
    },
  })
})

export const action = methodNotAllowed('GET')
