import { and, desc, eq, isNull } from 'drizzle-orm'
import { signOffs, users } from '#db/schema'
import { newId } from '#db/ids'
import { SIGN_OFF_SECTIONS, type SignOffSection } from '~/domain/document/snapshot'
import { database } from '~/models/db.server'
import { buildDraftSnapshot, fingerprints, lastChanges } from './snapshot.server'

/*
 * Sign-offs: a team member's signature on one section of the workshop's current content,
 * valid while that section's content keeps the fingerprint it was signed on. Published
 * versions are the version model's (version.server.ts), which reads these.
 */

export type Team = 'marketing' | 'sales'

export type SectionState = {
  section: SignOffSection
  signedBy: { id: string; userId: string; name: string; team: Team; signedAt: Date }[]
  /** Sign-offs voided by a later change, with who changed the section and when. */
  voided: { name: string; team: Team; signedAt: Date; changedBy: string | null; changedAt: Date | null }[]
  missing: Team[]
  withdrawn: { name: string; team: Team; at: Date; comment: string }[]
}

/**
 * Every section's sign-off state against the workshop's current content (the draft it was
 * measured on comes along, so a caller that needs both builds the draft once). Knows nothing of
 * versions: the version model reads this to decide whether publishing is allowed and to freeze
 * who signed.
 */
export async function getSignOffState(workshopId: string) {
  const { db } = await database()
  const draft = await buildDraftSnapshot(workshopId)
  const current = fingerprints(draft)
  const [rows, changes] = await Promise.all([
    db
      .select({
        id: signOffs.id,
        section: signOffs.section,
        team: signOffs.team,
        userId: signOffs.userId,
        name: users.name,
        fingerprint: signOffs.fingerprint,
        signedAt: signOffs.signedAt,
        withdrawnAt: signOffs.withdrawnAt,
        withdrawComment: signOffs.withdrawComment,
      })
      .from(signOffs)
      .innerJoin(users, eq(users.id, signOffs.userId))
      .where(eq(signOffs.workshopId, workshopId))
      .orderBy(desc(signOffs.signedAt)),
    lastChanges(workshopId),
  ])
  const sections: SectionState[] = SIGN_OFF_SECTIONS.map((section) => {
    const mine = rows.filter((row) => row.section === section)
    const active = mine.filter((row) => !row.withdrawnAt)
    const valid = active.filter((row) => row.fingerprint === current[section])
    const voided = active.filter((row) => row.fingerprint !== current[section])
    const change = changes[section]
    return {
      section,
      signedBy: valid.map((row) => ({ id: row.id, userId: row.userId, name: row.name, team: row.team, signedAt: row.signedAt })),
      voided: voided.map((row) => ({ name: row.name, team: row.team, signedAt: row.signedAt, changedBy: change?.name ?? null, changedAt: change?.at ?? null })),
      missing: (['marketing', 'sales'] as const).filter((team) => !valid.some((row) => row.team === team)),
      withdrawn: mine.filter((row) => row.withdrawnAt).map((row) => ({ name: row.name, team: row.team, at: row.withdrawnAt!, comment: row.withdrawComment ?? '' })),
    }
  })
  return { draft, sections }
}

export async function signOffSection(input: { workshopId: string; userId: string; team: Team; section: SignOffSection; now?: Date }) {
  const { db, transaction } = await database()
  return transaction(async () => {
    const draft = await buildDraftSnapshot(input.workshopId)
    const fingerprint = fingerprints(draft)[input.section]
    const existing = await db
      .select({ id: signOffs.id, fingerprint: signOffs.fingerprint })
      .from(signOffs)
      .where(and(eq(signOffs.workshopId, input.workshopId), eq(signOffs.userId, input.userId), eq(signOffs.section, input.section), isNull(signOffs.withdrawnAt)))
    if (existing.some((row) => row.fingerprint === fingerprint)) return { ok: true as const, already: true }
    // A voided sign-off of the same person is replaced by the new one (published versions keep
    // their own copy of who signed, so nothing of record is lost).
    for (const row of existing) await db.delete(signOffs).where(eq(signOffs.id, row.id))
    await db.insert(signOffs).values({ id: newId(), workshopId: input.workshopId, section: input.section, team: input.team, userId: input.userId, fingerprint, signedAt: input.now ?? new Date() })
    return { ok: true as const, already: false }
  })
}

export async function withdrawSignOff(input: { workshopId: string; userId: string; section: SignOffSection; comment: string; now?: Date }) {
  const { db } = await database()
  const withdrawn = await db
    .update(signOffs)
    .set({ withdrawnAt: input.now ?? new Date(), withdrawComment: input.comment })
    .where(and(eq(signOffs.workshopId, input.workshopId), eq(signOffs.userId, input.userId), eq(signOffs.section, input.section), isNull(signOffs.withdrawnAt)))
    .returning({ id: signOffs.id })
  return withdrawn.length > 0
}
