import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { membershipRemovals, memberships, users, versions, workshops } from '#db/schema'
import { newId } from '#db/ids'
import type { Role } from '~/domain/workshops/roles'
import { database } from '~/models/db.server'
import { deleteAtRevision, updateAtRevision } from './revision.server'
import { createScoringDefaults } from './scoring-model.server'

export type WorkshopSummary = { id: string; name: string; company: string; role: Role; createdAt: Date; archivedAt: Date | null; memberCount: number }

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
      archivedAt: workshops.archivedAt,
      memberCount: sql<number>`(select count(*) from ${memberships} as others where others.workshop_id = ${workshops.id})`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(workshops, eq(workshops.id, memberships.workshopId))
    .where(and(eq(memberships.userId, userId), isNull(workshops.deletedAt)))
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
      archivedAt: workshops.archivedAt,
      role: memberships.role,
      membershipId: memberships.id,
    })
    .from(workshops)
    .innerJoin(memberships, and(eq(memberships.workshopId, workshops.id), eq(memberships.userId, userId)))
    .where(and(eq(workshops.id, workshopId), isNull(workshops.deletedAt)))
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

/** Archives the workshop (out of the active list, read-only) or brings it back. */
export async function setWorkshopArchived(input: { workshopId: string; archived: boolean; now?: Date }) {
  const { db } = await database()
  await db
    .update(workshops)
    .set({ archivedAt: input.archived ? (input.now ?? new Date()) : null })
    .where(and(eq(workshops.id, input.workshopId), isNull(workshops.deletedAt)))
}

/**
 * Deletes a workshop for everyone: every row of every table that points at it goes (found from the
 * database's own foreign keys, so a table added later is not forgotten), and with the memberships
 * nobody can open it again. Published versions are immutable (migration 0004) and stay, with the
 * workshop's row as their anchor, marked deleted; a workshop that never published is removed whole.
 * The backup the facilitator downloads first holds them all.
 */
export async function deleteWorkshop(input: { workshopId: string; now?: Date }): Promise<{ keptVersions: number }> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const keptVersions = await db.$count(versions, eq(versions.workshopId, input.workshopId))
    // Raw rows arrive as arrays of column values (the sqlite-proxy contract).
    const tables = (await db.all(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`)) as [string][]
    for (const [name] of tables) {
      if (name === 'versions' || name === 'workshops') continue
      const keys = (await db.all(sql`select "table", "from" from pragma_foreign_key_list(${name})`)) as [string, string][]
      for (const [table, column] of keys) {
        if (table === 'workshops') await db.run(sql`delete from ${sql.identifier(name)} where ${sql.identifier(column)} = ${input.workshopId}`)
      }
    }
    if (keptVersions === 0) await db.delete(workshops).where(eq(workshops.id, input.workshopId))
    else await db.update(workshops).set({ deletedAt: input.now ?? new Date(), archivedAt: null }).where(eq(workshops.id, input.workshopId))
    return { keptVersions }
  })
}
