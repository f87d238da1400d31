import { and, asc, eq } from 'drizzle-orm'
import { exampleLeads } from '#db/schema'
import { newId } from '#db/ids'
import type { SimulatedLead } from '~/domain/scoring-model/simulator-form'
import { database } from '~/models/db.server'
import { deleteAtRevision } from './revision.server'

export async function listExampleLeads(workshopId: string) {
  const { db } = await database()
  const rows = await db.select().from(exampleLeads).where(eq(exampleLeads.workshopId, workshopId)).orderBy(asc(exampleLeads.createdAt))
  return rows.map((row) => ({ id: row.id, revision: row.revision, name: row.name, lead: row.lead as SimulatedLead, asOf: row.asOf }))
}

export async function saveExampleLead(input: { workshopId: string; userId: string; name: string; lead: SimulatedLead; asOf: Date }) {
  const { db } = await database()
  const [row] = await db
    .insert(exampleLeads)
    .values({ id: newId(), workshopId: input.workshopId, name: input.name, lead: input.lead, asOf: input.asOf, createdBy: input.userId })
    .returning({ id: exampleLeads.id })
  return row!
}

export async function getExampleLead(input: { workshopId: string; id: string }) {
  const { db } = await database()
  const [row] = await db.select().from(exampleLeads).where(and(eq(exampleLeads.id, input.id), eq(exampleLeads.workshopId, input.workshopId)))
  return row ? { ...row, lead: row.lead as SimulatedLead } : undefined
}

export async function deleteExampleLead(input: { workshopId: string; id: string; revision: number }) {
  return deleteAtRevision(exampleLeads, { id: input.id, revision: input.revision, scope: eq(exampleLeads.workshopId, input.workshopId) })
}
