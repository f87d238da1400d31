import { and, asc, eq } from 'drizzle-orm'
import { personas, users } from '#db/schema'
import { newId } from '#db/ids'
import type { ClosedWonMatch, PersonaForm } from '~/domain/personas/schemas'
import { database } from '~/db.server'
import { deleteAtRevision, updateAtRevision } from './revision.server'

export type PersonaRow = typeof personas.$inferSelect

export async function listPersonas(workshopId: string) {
  const { db } = await database()
  const rows = await db
    .select({ persona: personas, updatedByName: users.name })
    .from(personas)
    .leftJoin(users, eq(users.id, personas.updatedBy))
    .where(eq(personas.workshopId, workshopId))
    .orderBy(asc(personas.position), asc(personas.createdAt), asc(personas.id))
  return rows.map((row) => ({ ...row.persona, updatedByName: row.updatedByName }))
}

export async function getPersona(input: { workshopId: string; personaId: string }) {
  const { db } = await database()
  const [row] = await db.select().from(personas).where(and(eq(personas.id, input.personaId), eq(personas.workshopId, input.workshopId)))
  return row
}

function columnsOf(form: PersonaForm) {
  return {
    negative: form.negative,
    name: form.name,
    title: form.title,
    seniority: form.seniority,
    department: form.department,
    industry: form.industry,
    companySize: form.companySize,
    region: form.region,
    pains: form.pains,
    goals: form.goals,
    buyingRole: form.buyingRole ?? null,
  }
}

export async function addPersona(input: { workshopId: string; userId: string; form: PersonaForm }) {
  const { db, transaction } = await database()
  return transaction(async () => {
    const position = await db.$count(personas, eq(personas.workshopId, input.workshopId))
    const [row] = await db
      .insert(personas)
      .values({ id: newId(), workshopId: input.workshopId, position, updatedBy: input.userId, ...columnsOf(input.form) })
      .returning()
    return row!
  })
}

export async function savePersona(input: { workshopId: string; userId: string; personaId: string; revision: number; form: PersonaForm }) {
  return updateAtRevision(
    personas,
    { id: input.personaId, revision: input.revision, scope: eq(personas.workshopId, input.workshopId) },
    { ...columnsOf(input.form), updatedBy: input.userId },
  )
}

export async function deletePersona(input: { workshopId: string; personaId: string; revision: number }) {
  return deleteAtRevision(personas, { id: input.personaId, revision: input.revision, scope: eq(personas.workshopId, input.workshopId) })
}

/** Sales' check against the buyers it recently closed. */
export async function markClosedWon(input: { workshopId: string; userId: string; personaId: string; revision: number; match: ClosedWonMatch; note: string }) {
  return updateAtRevision(
    personas,
    { id: input.personaId, revision: input.revision, scope: eq(personas.workshopId, input.workshopId) },
    { closedWonMatch: input.match, closedWonNote: input.note, updatedBy: input.userId },
  )
}

export async function personasProgress(workshopId: string) {
  const { db } = await database()
  const count = await db.$count(personas, eq(personas.workshopId, workshopId))
  return count > 0 ? ('in-progress' as const) : ('empty' as const)
}
