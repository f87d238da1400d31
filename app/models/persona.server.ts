import { and, asc, eq } from 'drizzle-orm'
import { personas, users } from '#db/schema'
import { newId } from '#db/ids'
import type { ClosedWonMatch, PersonaForm } from '~/domain/personas/schemas'
import type { PersonaView } from '~/domain/personas/view'
import { database } from '~/models/db.server'
import { deleteAtRevision, updateAtRevision } from './revision.server'

export type PersonaRow = typeof personas.$inferSelect

/** The workshop's personas in their order, with the columns the personas page shows. */
export async function listPersonas(workshopId: string): Promise<PersonaView[]> {
  const { db } = await database()
  return db
    .select({
      id: personas.id,
      revision: personas.revision,
      negative: personas.negative,
      name: personas.name,
      title: personas.title,
      seniority: personas.seniority,
      department: personas.department,
      industry: personas.industry,
      companySize: personas.companySize,
      region: personas.region,
      pains: personas.pains,
      goals: personas.goals,
      buyingRole: personas.buyingRole,
      closedWonMatch: personas.closedWonMatch,
      closedWonNote: personas.closedWonNote,
      updatedByName: users.name,
    })
    .from(personas)
    .leftJoin(users, eq(users.id, personas.updatedBy))
    .where(eq(personas.workshopId, workshopId))
    .orderBy(asc(personas.position), asc(personas.createdAt), asc(personas.id))
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
