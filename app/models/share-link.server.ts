import { createHash } from 'node:crypto'
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import { shareLinks } from '#db/schema'
import { newId, newToken } from '#db/ids'
import { database } from '~/models/db.server'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A new read-only link; the token is returned once, only its hash is kept. With `expiresInDays`
 * it stops working that many days from now, as if revoked; without, it works until revoked.
 */
export async function createShareLink(input: { workshopId: string; userId: string; expiresInDays?: number | null; now?: Date }) {
  const { db } = await database()
  const now = input.now ?? new Date()
  const token = newToken()
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null
  await db.insert(shareLinks).values({ id: newId(), workshopId: input.workshopId, tokenHash: hash(token), createdBy: input.userId, createdAt: now, expiresAt })
  return token
}

export type ShareLinkStatus = 'active' | 'expired' | 'revoked'

export async function listShareLinks(workshopId: string, now = new Date()) {
  const { db } = await database()
  const rows = await db
    .select({ id: shareLinks.id, createdAt: shareLinks.createdAt, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt })
    .from(shareLinks)
    .where(eq(shareLinks.workshopId, workshopId))
    .orderBy(desc(shareLinks.createdAt))
  return rows.map((row) => ({
    ...row,
    status: (row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active') as ShareLinkStatus,
  }))
}

export async function revokeShareLink(input: { workshopId: string; linkId: string; now?: Date }) {
  const { db } = await database()
  const revoked = await db
    .update(shareLinks)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(shareLinks.id, input.linkId), eq(shareLinks.workshopId, input.workshopId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id })
  return revoked.length > 0
}

export type ShareTokenState = { state: 'active'; workshopId: string } | { state: 'revoked' } | { state: 'expired'; expiredAt: Date } | { state: 'unknown' }

/** What a share token opens: a workshop, or why not (its page tells the visitor, without saying whose workshop it was). */
export async function shareTokenState(token: string, now = new Date()): Promise<ShareTokenState> {
  const { db } = await database()
  const [row] = await db
    .select({ workshopId: shareLinks.workshopId, revokedAt: shareLinks.revokedAt, expiresAt: shareLinks.expiresAt })
    .from(shareLinks)
    .where(eq(shareLinks.tokenHash, hash(token)))
  if (!row) return { state: 'unknown' }
  if (row.revokedAt) return { state: 'revoked' }
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { state: 'expired', expiredAt: row.expiresAt }
  return { state: 'active', workshopId: row.workshopId }
}

/** The workshop a live share token opens, or undefined (unknown, revoked or expired: all 404). */
export async function resolveShareToken(token: string, now = new Date()) {
  const { db } = await database()
  const [row] = await db
    .select({ workshopId: shareLinks.workshopId })
    .from(shareLinks)
    .where(and(eq(shareLinks.tokenHash, hash(token)), isNull(shareLinks.revokedAt), or(isNull(shareLinks.expiresAt), gt(shareLinks.expiresAt, now))))
  return row?.workshopId
}
