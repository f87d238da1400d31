import { createHash } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { shareLinks } from '#db/schema'
import { newId, newToken } from '#db/ids'
import { database } from '~/db.server'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new read-only link; the token is returned once, only its hash is kept. */
export async function createShareLink(input: { workshopId: string; userId: string }) {
  const { db } = await database()
  const token = newToken()
  await db.insert(shareLinks).values({ id: newId(), workshopId: input.workshopId, tokenHash: hash(token), createdBy: input.userId })
  return token
}

export async function listShareLinks(workshopId: string) {
  const { db } = await database()
  return db
    .select({ id: shareLinks.id, createdAt: shareLinks.createdAt, revokedAt: shareLinks.revokedAt })
    .from(shareLinks)
    .where(eq(shareLinks.workshopId, workshopId))
    .orderBy(desc(shareLinks.createdAt))
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

/** The workshop a live share token opens, or undefined (unknown or revoked: both 404). */
export async function resolveShareToken(token: string) {
  const { db } = await database()
  const [row] = await db
    .select({ workshopId: shareLinks.workshopId })
    .from(shareLinks)
    .where(and(eq(shareLinks.tokenHash, hash(token)), isNull(shareLinks.revokedAt)))
  return row?.workshopId
}
