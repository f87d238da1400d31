import { eq } from 'drizzle-orm'
import { workshopContexts, workshops } from '#db/schema'
import { newId } from '#db/ids'
import type { ContextForm } from '~/domain/context/schemas'
import { database } from '~/models/db.server'
import { updateAtRevision } from './revision.server'

export type ContextRow = typeof workshopContexts.$inferSelect

/** Step 1 as stored: the workshop's company (with the workshop's revision) and the context row, if saved yet. */
export async function getContext(workshopId: string) {
  const { db } = await database()
  const [workshop] = await db.select({ company: workshops.company, revision: workshops.revision }).from(workshops).where(eq(workshops.id, workshopId))
  if (!workshop) throw new Error(`No workshop ${workshopId}`)
  const [context] = await db.select().from(workshopContexts).where(eq(workshopContexts.workshopId, workshopId))
  return { company: workshop.company, workshopRevision: workshop.revision, context: context ?? null }
}

export type ContextSaveResult =
  | { ok: true }
  | { ok: false; reason: 'conflict'; current: Awaited<ReturnType<typeof getContext>> }

class StaleContext extends Error {
  constructor() {
    super('stale context')
  }
}

/**
 * Saves the company (on the workshop) and the context row in one transaction, each at the
 * revision the form was rendered from; a stale one rolls both back and returns what is stored now.
 */
export async function saveContext(input: { workshopId: string; userId: string; form: ContextForm }): Promise<ContextSaveResult> {
  const { db, transaction } = await database()
  const { form } = input
  const fields = {
    product: form.product,
    dealSize: form.dealSize ?? null,
    currency: form.currency,
    salesCycleDays: form.salesCycleDays ?? null,
    inboundPercent: form.inboundPercent ?? null,
    goals: form.goals,
    participants: form.participants,
    updatedBy: input.userId,
  }
  try {
    await transaction(async () => {
      const current = await getContext(input.workshopId)
      if (current.company !== form.company || current.workshopRevision !== form.workshopRevision) {
        const renamed = await updateAtRevision(workshops, { id: input.workshopId, revision: form.workshopRevision }, { company: form.company })
        if (!renamed.ok) throw new StaleContext()
      }
      if (!current.context) {
        // Someone else created the context after this form was rendered empty.
        if (form.revision !== undefined) throw new StaleContext()
        await db.insert(workshopContexts).values({ id: newId(), workshopId: input.workshopId, ...fields })
        return
      }
      if (form.revision === undefined) throw new StaleContext()
      const saved = await updateAtRevision(workshopContexts, { id: current.context.id, revision: form.revision, scope: eq(workshopContexts.workshopId, input.workshopId) }, fields)
      if (!saved.ok) throw new StaleContext()
    })
    return { ok: true }
  } catch (error) {
    if (error instanceof StaleContext) return { ok: false, reason: 'conflict', current: await getContext(input.workshopId) }
    throw error
  }
}

export async function contextProgress(workshopId: string) {
  const { db } = await database()
  const count = await db.$count(workshopContexts, eq(workshopContexts.workshopId, workshopId))
  return count > 0 ? ('in-progress' as const) : ('empty' as const)
}
