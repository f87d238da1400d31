import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { membershipRemovals, memberships, users, workshops } from '#db/schema'
import { newId } from '#db/ids'
import type { Role } from '~/domain/workshops/roles'
import { database } from '~/db.server'
import { deleteAtRevision, updateAtRevision } from './revision.server'
import { createScoringDefaults } from './scoring-model.server'

export type WorkshopSummary = { id: string; name: string; company: string; role: Role; createdAt: Date; memberCount: number }

export async function createWorkshop(input: { name: string; company: string; userId: string }) {
  const { db, transaction } = await database()
  return transaction(async () => {
    const id = newId()
    const [workshop] = await db.insert(workshops).values({ id, name: input.name, company: input.company, createdBy: input.userId }).returning()
    await db.insert(memberships).values({ id: newId(), workshopId: id, userId: input.userId, role: 'facilitator' })
    await createScoringDefaults(id)
    return workshop!
  })
}

export async function listWorkshopsForUser(userId: string): Promise<WorkshopSummary[]> {
  const { db } = await database()
  // One query: the member count is a correlated subquery, not a query per workshop.
  return db
    .select({
      id: workshops.id,
      name: workshops.name,
      company: workshops.company,
      role: memberships.role,
      createdAt: workshops.createdAt,
      memberCount: sql<number>`(select count(*) from ${memberships} as others where others.workshop_id = ${workshops.id})`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(workshops, eq(workshops.id, memberships.workshopId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(workshops.createdAt))
}

/** The workshop as seen by one member, or undefined when the user is not a member. */
export async function getWorkshopForMember({ workshopId, userId }: { workshopId: string; userId: string }) {
  const { db } = await database()
  const [row] = await db
    .select({
      id: workshops.id,
      name: workshops.name,
      company: workshops.company,
      revision: workshops.revision,
      role: memberships.role,
      membershipId: memberships.id,
    })
    .from(workshops)
    .innerJoin(memberships, and(eq(memberships.workshopId, workshops.id), eq(memberships.userId, userId)))
    .where(eq(workshops.id, workshopId))
  return row
}

export async function renameWorkshop(input: { workshopId: string; revision: number; name: string; company: string }) {
  return updateAtRevision(workshops, { id: input.workshopId, revision: input.revision }, { name: input.name, company: input.company })
}

export type Member = { membershipId: string; userId: string; name: string; email: string; role: Role; revision: number; joinedAt: Date }

export async function listMembers(workshopId: string): Promise<Member[]> {
  const { db } = await database()
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      revision: memberships.revision,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workshopId, workshopId))
    .orderBy(asc(memberships.createdAt))
}

export type MemberChange = Awaited<ReturnType<typeof updateAtRevision<typeof memberships>>> | { ok: false; reason: 'last-facilitator' }

async function isLastFacilitator(workshopId: string, membershipId: string) {
  const { db } = await database()
  const facilitators = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workshopId, workshopId), eq(memberships.role, 'facilitator')))
  return facilitators.length === 1 && facilitators[0]!.id === membershipId
}

export async function changeMemberRole(input: { workshopId: string; membershipId: string; revision: number; role: Role }): Promise<MemberChange> {
  const { transaction } = await database()
  return transaction(async () => {
    // A workshop without a facilitator could never be managed or published again.
    if (input.role !== 'facilitator' && (await isLastFacilitator(input.workshopId, input.membershipId))) {
      return { ok: false, reason: 'last-facilitator' } as const
    }
    return updateAtRevision(
      memberships,
      { id: input.membershipId, revision: input.revision, scope: eq(memberships.workshopId, input.workshopId) },
      { role: input.role },
    )
  })
}

/**
 * Removes a member and records the removal: invites created before it no longer let that person
 * back in (app/models/invite.server.ts), so a still-valid team link cannot undo the removal.
 */
export async function removeMember(input: { workshopId: string; membershipId: string; revision: number; removedBy?: string; now?: Date }): Promise<MemberChange> {
  const { db, transaction } = await database()
  return transaction(async () => {
    if (await isLastFacilitator(input.workshopId, input.membershipId)) return { ok: false, reason: 'last-facilitator' } as const
    const removed = await deleteAtRevision(memberships, {
      id: input.membershipId,
      revision: input.revision,
      scope: eq(memberships.workshopId, input.workshopId),
    })
    if (removed.ok) {
      await db.insert(membershipRemovals).values({
        id: newId(),
        workshopId: input.workshopId,
        userId: removed.value.userId,
        removedAt: input.now ?? new Date(),
        removedBy: input.removedBy ?? null,
      })
    }
    return removed
  })
}
