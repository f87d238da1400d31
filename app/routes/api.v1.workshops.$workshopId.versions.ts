import { apiHandler, apiJson, methodNotAllowed, requireApiToken } from '~/http/api.server'
import { API_BASE } from '~/domain/api/openapi'
import type { VersionList } from '~/domain/api/schemas'
import type { Change } from '~/domain/diff/diff'
import { listVersions } from '~/models/version.server'

// GET /api/v1/workshops/:workshopId/versions: every published version, newest first.
export const loader = apiHandler(async (context) => {
  const token = await requireApiToken(context, 'read')
  const versions = await listVersions(token.workshopId)
  const base = `${API_BASE}/workshops/${encodeURIComponent(token.workshopId)}/versions`
  const body: VersionList = {
    workshopId: token.workshopId,
    latest: versions[0]?.number ?? null,
    versions: versions.map((version) => ({
      number: version.number,
      publishedAt: version.publishedAt.toISOString(),
      publishedBy: version.publishedBy,
      changelog: (JSON.parse(version.changelog) as Change[]).map((change) => ({ section: change.section, text: change.text })),
      links: { config: `${base}/${version.number}/config`, document: `${base}/${version.number}/document`, score: `${base}/${version.number}/score` },
    })),
  }
  return apiJson(body)
})

export const action = methodNotAllowed('GET')
