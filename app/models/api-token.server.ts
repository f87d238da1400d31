import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { apiTokens, users } from '#db/schema'
import { newId } from '#db/ids'
import { API_TOKEN_PREFIX, type ApiScope } from '~/domain/api/schemas'
import { database } from '~/models/db.server'

/*
 * API tokens (DESIGN §8): a facilitator creates one per tool, scoped to one workshop. The token is
 * shown once; only its SHA-256 hash is stored, so a copy of the database lets nobody call the API.
 * (A fast hash is right here, unlike for passwords: 32 random bytes cannot be guessed.)
 */

/** Shown in the list so a person can tell their tokens apart ("lp_3f9aXk…"). */
const VISIBLE_CHARACTERS = 10

/** lastUsedAt is written at most this often per token: a busy integration must not turn every read into a write. */
const LAST_USED_PRECISION_MS = 60_000

/** lp_ + 43 characters of base64url (32 bytes). */
const TOKEN_PATTERN = /^lp_[A-Za-z0-9_-]{43}$/

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export async function createApiToken(input: { workshopId: string; name: string; scopes: readonly ApiScope[]; createdBy: string; now?: Date }) {
  const { db } = await database()
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: newId(),
      workshopId: input.workshopId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, VISIBLE_CHARACTERS),
      scopes: [...input.scopes],
      createdBy: input.createdBy,
      createdAt: input.now ?? new Date(),
    })
    .returning({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, prefix: apiTokens.prefix })
  return { ...row!, token }
}

export async function listApiTokens(workshopId: string) {
  const { db } = await database()
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workshopId, workshopId))
    .orderBy(desc(apiTokens.createdAt))
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'not-found'

/** Revoking takes effect on the next request: authentication reads revokedAt every time. */
export async function revokeApiToken(input: { workshopId: string; tokenId: string; now?: Date }): Promise<RevokeResult> {
  const { db } = await database()
  const scope = and(eq(apiTokens.id, input.tokenId), eq(apiTokens.workshopId, input.workshopId))
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(scope, isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
  if (revoked.length > 0) return 'revoked'
  const [existing] = await db.select({ id: apiTokens.id }).from(apiTokens).where(scope)
  return existing ? 'already-revoked' : 'not-found'
}

export type AuthenticatedToken = { id: string; workshopId: string; name: string; scopes: ApiScope[] }

/** The live token a bearer presents, or undefined for an unknown or revoked one. Records the use. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<AuthenticatedToken | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined
  const { db } = await database()
  const [row] = await db
    .select({ id: apiTokens.id, workshopId: apiTokens.workshopId, name: apiTokens.name, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
  if (!row) return undefined
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id))
  }
  return { id: row.id, workshopId: row.workshopId, name: row.name, scopes: row.scopes }
}
