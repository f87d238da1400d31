import { createHash } from 'node:crypto'
import { and, desc, eq, max } from 'drizzle-orm'
import { invites, membershipRemovals, memberships, users, workshops } from '#db/schema'
import { newId, newToken } from '#db/ids'
import type { Role } from '~/domain/workshops/roles'
import { database } from '~/models/db.server'

const DAY_MS = 24 * 60 * 60 * 1000

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export type InviteStatus = 'active' | 'expired' | 'revoked' | 'used-up'

export function inviteStatus(invite: { expiresAt: Date; revokedAt: Date | null; maxUses: number | null; uses: number }, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked'
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used-up'
  return 'active'
}

/** Creates an invite; the token is returned once and only its hash is stored. */
export async function createInvite(input: { workshopId: string; role: Role; expiresInDays: number; singleUse: boolean; createdBy: string; now?: Date }) {
  const { db } = await database()
  const now = input.now ?? new Date()
  const token = newToken()
  const [invite] = await db
    .insert(invites)
    .values({
      id: newId(),
      workshopId: input.workshopId,
      tokenHash: hashToken(token),
      role: input.role,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      maxUses: input.singleUse ? 1 : null,
      createdBy: input.createdBy,
      // Compared with removals (acceptInvite): the moment the facilitator made the link.
      createdAt: now,
    })
    .returning({ id: invites.id, role: invites.role, expiresAt: invites.expiresAt })
  return { ...invite!, token }
}

export async function listInvites(workshopId: string, now = new Date()) {
  const { db } = await database()
  const rows = await db
    .select({
      id: invites.id,
      role: invites.role,
      expiresAt: invites.expiresAt,
      maxUses: invites.maxUses,
      uses: invites.uses,
      revokedAt: invites.revokedAt,
      createdAt: invites.createdAt,
      createdByName: users.name,
    })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.createdBy))
    .where(eq(invites.workshopId, workshopId))
    .orderBy(desc(invites.createdAt))
  return rows.map((row) => ({ ...row, status: inviteStatus(row, now) }))
}

export async function revokeInvite(input: { workshopId: string; inviteId: string; now?: Date }) {
  const { db } = await database()
  const revoked = await db
    .update(invites)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(invites.id, input.inviteId), eq(invites.workshopId, input.workshopId)))
    .returning({ id: invites.id })
  return revoked.length > 0
}

export async function findInvite(token: string, now = new Date()) {
  const { db } = await database()
  const [row] = await db
    .select({
      id: invites.id,
      workshopId: invites.workshopId,
      workshopName: workshops.name,
      company: workshops.company,
      role: invites.role,
      expiresAt: invites.expiresAt,
      maxUses: invites.maxUses,
      uses: invites.uses,
      revokedAt: invites.revokedAt,
      createdAt: invites.createdAt,
    })
    .from(invites)
    .innerJoin(workshops, eq(workshops.id, invites.workshopId))
    .where(eq(invites.tokenHash, hashToken(token)))
  return row ? { ...row, status: inviteStatus(row, now) } : undefined
}

export type AcceptResult =
  | { ok: true; workshopId: string; alreadyMember: boolean }
  | { ok: false; reason: 'not-found' | 'expired' | 'revoked' | 'used-up' | 'removed' }

/** When the person was last removed from the workshop, if ever. */
async function lastRemovalAt(workshopId: string, userId: string): Promise<Date | null> {
  const { db } = await database()
  const [row] = await db
    .select({ at: max(membershipRemovals.removedAt) })
    .from(membershipRemovals)
    .where(and(eq(membershipRemovals.workshopId, workshopId), eq(membershipRemovals.userId, userId)))
  return row?.at ? new Date(row.at) : null
}

/**
 * Whether this invite may let this person in: not when they were removed from the workshop after
 * the invite was created (a new invite, made after the removal, works).
 */
export async function removedSinceInvite(invite: { workshopId: string; createdAt: Date }, userId: string): Promise<boolean> {
  const removedAt = await lastRemovalAt(invite.workshopId, userId)
  return removedAt !== null && invite.createdAt.getTime() <= removedAt.getTime()
}

/**
 * Joins the workshop with the invite's role; an existing member keeps their role and uses no slot.
 * A person removed from the workshop cannot come back through an invite created before the removal.
 */
export async function acceptInvite(input: { token: string; userId: string; now?: Date }): Promise<AcceptResult> {
  const { db, transaction } = await database()
  const now = input.now ?? new Date()
  return transaction(async () => {
    const invite = await findInvite(input.token, now)
    if (!invite) return { ok: false, reason: 'not-found' }
    const [existing] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workshopId, invite.workshopId), eq(memberships.userId, input.userId)))
    if (existing) return { ok: true, workshopId: invite.workshopId, alreadyMember: true }
    if (invite.status !== 'active') return { ok: false, reason: invite.status }
    if (await removedSinceInvite(invite, input.userId)) return { ok: false, reason: 'removed' }
    await db.insert(memberships).values({ id: newId(), workshopId: invite.workshopId, userId: input.userId, role: invite.role })
    await db.update(invites).set({ uses: invite.uses + 1 }).where(eq(invites.id, invite.id))
    return { ok: true, workshopId: invite.workshopId, alreadyMember: false }
  })
}
