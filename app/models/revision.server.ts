import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { database } from '~/models/db.server'

/*
 * Optimistic concurrency, in one place. Every editable row has `revision`; a form carries the
 * revision it was rendered from, and the update only applies if nobody saved in between.
 * Otherwise the caller gets the row as it stands now, to show the other person's change.
 */

export type RevisionedTable = SQLiteTable & {
  id: SQLiteColumn
  revision: SQLiteColumn
}

export type SaveResult<Row> =
  | { ok: true; value: Row }
  | { ok: false; reason: 'conflict'; current: Row }
  | { ok: false; reason: 'not-found' }

export async function updateAtRevision<T extends RevisionedTable>(
  table: T,
  target: { id: string; revision: number; scope?: SQL },
  patch: Partial<T['$inferInsert']>,
): Promise<SaveResult<T['$inferSelect']>> {
  const { db, transaction } = await database()
  const columns = table as unknown as Record<string, SQLiteColumn>
  const owned = target.scope ? and(eq(table.id, target.id), target.scope) : eq(table.id, target.id)
  return transaction(async () => {
    const set: Record<string, unknown> = { ...patch, revision: sql`${table.revision} + 1` }
    if ('updatedAt' in columns) set.updatedAt = new Date()
    const updated = (await db
      .update(table)
      .set(set as never)
      .where(and(owned, eq(table.revision, target.revision)))
      .returning()) as T['$inferSelect'][]
    if (updated[0]) return { ok: true, value: updated[0] }
    const current = (await db.select().from(table as SQLiteTable).where(owned).limit(1)) as T['$inferSelect'][]
    if (!current[0]) return { ok: false, reason: 'not-found' }
    return { ok: false, reason: 'conflict', current: current[0] }
  })
}

/** Deletes a row only if it is still at the revision the user saw. */
export async function deleteAtRevision<T extends RevisionedTable>(
  table: T,
  target: { id: string; revision: number; scope?: SQL },
): Promise<SaveResult<T['$inferSelect']>> {
  const { db, transaction } = await database()
  const owned = target.scope ? and(eq(table.id, target.id), target.scope) : eq(table.id, target.id)
  return transaction(async () => {
    const deleted = (await db.delete(table).where(and(owned, eq(table.revision, target.revision))).returning()) as T['$inferSelect'][]
    if (deleted[0]) return { ok: true, value: deleted[0] }
    const current = (await db.select().from(table as SQLiteTable).where(owned).limit(1)) as T['$inferSelect'][]
    if (!current[0]) return { ok: false, reason: 'not-found' }
    return { ok: false, reason: 'conflict', current: current[0] }
  })
}
