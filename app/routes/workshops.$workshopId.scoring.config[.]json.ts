import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireMember } from '~/http/permissions.server'
import { getKeptScoringModel } from '~/models/scoring-model-kept.server'

/**
 * The draft scoring config as JSON: what other tools would run if the draft were published now,
 * shown in the browser (its JSON viewer) rather than downloaded. Published versions' configs are
 * the versions' exports. Members only; never cached, since the draft changes with every edit.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const model = await getKeptScoringModel(member.workshopId)
  // The draft as the page assembled it (it may still have problems the scoring page lists).
  return new Response(`${JSON.stringify(model.config, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'inline; filename="draft-scoring-config.json"', 'Cache-Control': 'private, no-store' },
  })
}
