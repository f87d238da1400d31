import { json } from '@remix-run/node'
import { getVersionDocument } from '~/models/document.server'
import { shareTokenState } from '~/models/share-link.server'
import { latestVersionNumber } from '~/models/version.server'

/** Headers of every share answer: the link is the only credential, so keep it out of search engines, other sites' referrers and caches. */
export const SHARE_HEADERS = { 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' }

export type DeadShareLink = { reason: 'turned-off' | 'expired' | 'unknown' | 'unpublished'; expiredAt?: string }

/**
 * The latest published document a share token opens, or a thrown 404 whose data says why not
 * (the share page shows its own page for it, never the members' 404).
 */
export async function requireSharedDocument(token: string | undefined) {
  const state = await shareTokenState(token ?? '')
  const dead = (body: DeadShareLink) => json(body, { status: 404, headers: SHARE_HEADERS })
  if (state.state === 'revoked') throw dead({ reason: 'turned-off' })
  if (state.state === 'expired') throw dead({ reason: 'expired', expiredAt: state.expiredAt.toISOString() })
  if (state.state === 'unknown') throw dead({ reason: 'unknown' })
  const latest = await latestVersionNumber(state.workshopId)
  const document = latest ? await getVersionDocument({ workshopId: state.workshopId, number: latest }) : undefined
  if (!document || document.status.kind !== 'published') throw dead({ reason: 'unpublished' })
  return { workshopId: state.workshopId, document, version: document.status.version }
}
