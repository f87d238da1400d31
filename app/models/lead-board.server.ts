import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { agreedTraits, leadBoards, leadTraits, memberships, TEAMS, traitLinks, users } from '#db/schema'
import { newId } from '#db/ids'
import { groupTraits, type ManualLink, type TraitKind, type TraitTeam } from '~/domain/lead-board/matcher'
import type { Role } from '~/domain/workshops/roles'
import { database } from '~/models/db.server'
import { deleteAtRevision, updateAtRevision, type SaveResult } from './revision.server'

/*
 * Step 2, the good/bad lead board. Until the facilitator reveals, each team's notes are its
 * own: the queries below never read the other team's rows for a team member, and read no
 * note at all for the facilitator or a viewer (they get counts), so nothing can leak through
 * a loader, an action's answer or a conflict message. Every change bumps the board's
 * change counter in the same transaction; open boards poll it (the events route) to refresh.
 */

export type Team = TraitTeam
export type BoardViewer = { userId: string; role: Role }

export function isTeam(role: string): role is Team {
  return (TEAMS as readonly string[]).includes(role)
}

/** The teams whose notes this viewer may read now. */
function readableTeams(viewer: BoardViewer, revealed: boolean): Team[] {
  if (revealed) return [...TEAMS]
  return isTeam(viewer.role) ? [viewer.role] : []
}

async function bumpBoard(workshopId: string, patch: { revealedAt?: Date; revealedBy?: string } = {}) {
  const { db } = await database()
  await db
    .insert(leadBoards)
    .values({ id: newId(), workshopId, changeCounter: 1, ...patch })
    .onConflictDoUpdate({ target: leadBoards.workshopId, set: { changeCounter: sql`${leadBoards.changeCounter} + 1`, ...patch } })
}

async function boardState(workshopId: string) {
  const { db } = await database()
  const [row] = await db
    .select({ revealedAt: leadBoards.revealedAt, revealedByName: users.name, changeCounter: leadBoards.changeCounter })
    .from(leadBoards)
    .leftJoin(users, eq(users.id, leadBoards.revealedBy))
    .where(eq(leadBoards.workshopId, workshopId))
  return { revealedAt: row?.revealedAt ?? null, revealedByName: row?.revealedByName ?? null, changeCounter: row?.changeCounter ?? 0 }
}

/** `seq`: the note's number in its team's list (M3), given once at creation; 0 only for notes imported from an older backup. */
export type BoardNote = { id: string; team: Team; seq: number; kind: TraitKind; text: string; why: string; authorName: string | null; revision: number }
export type AgreedRow = {
  id: string
  kind: TraitKind
  text: string
  revision: number
  sourceTraitIds: string[]
  sourceTexts: { team: string; text: string }[]
  agreedByName: string | null
}
export type TraitCounts = Record<Team, Record<TraitKind, number>>

/** What one viewer may see of the board: notes of the readable teams only, counts of all. */
export async function getLeadBoard(workshopId: string, viewer: BoardViewer) {
  const { db } = await database()
  const state = await boardState(workshopId)
  const revealed = state.revealedAt !== null
  const teams = readableTeams(viewer, revealed)
  const [countRows, notes, links, agreed] = await Promise.all([
    db
      .select({ team: leadTraits.team, kind: leadTraits.kind, count: sql<number>`count(*)` })
      .from(leadTraits)
      .where(eq(leadTraits.workshopId, workshopId))
      .groupBy(leadTraits.team, leadTraits.kind),
    teams.length === 0
      ? Promise.resolve([] as BoardNote[])
      : db
          .select({
            id: leadTraits.id,
            team: leadTraits.team,
            seq: leadTraits.seq,
            kind: leadTraits.kind,
            text: leadTraits.text,
            why: leadTraits.why,
            authorName: users.name,
            revision: leadTraits.revision,
          })
          .from(leadTraits)
          .leftJoin(users, eq(users.id, leadTraits.authorId))
          .where(and(eq(leadTraits.workshopId, workshopId), inArray(leadTraits.team, teams)))
          .orderBy(asc(leadTraits.createdAt), asc(leadTraits.id)),
    // Links and the agreed list only ever concern revealed notes.
    revealed
      ? db
          .select({ aId: traitLinks.traitAId, bId: traitLinks.traitBId, linked: traitLinks.linked })
          .from(traitLinks)
          .where(eq(traitLinks.workshopId, workshopId))
          .orderBy(asc(traitLinks.createdAt))
      : Promise.resolve([] as ManualLink[]),
    revealed ? listAgreedTraits(workshopId) : Promise.resolve([] as AgreedRow[]),
  ])
  const counts: TraitCounts = { marketing: { good: 0, bad: 0 }, sales: { good: 0, bad: 0 } }
  for (const row of countRows) counts[row.team][row.kind] = Number(row.count)
  return {
    revealed,
    revealedAt: state.revealedAt,
    revealedByName: state.revealedByName,
    changeCounter: state.changeCounter,
    counts,
    notes,
    links,
    agreed,
  }
}

async function listAgreedTraits(workshopId: string): Promise<AgreedRow[]> {
  const { db } = await database()
  return db
    .select({
      id: agreedTraits.id,
      kind: agreedTraits.kind,
      text: agreedTraits.text,
      revision: agreedTraits.revision,
      sourceTraitIds: agreedTraits.sourceTraitIds,
      sourceTexts: agreedTraits.sourceTexts,
      agreedByName: users.name,
    })
    .from(agreedTraits)
    .leftJoin(users, eq(users.id, agreedTraits.agreedBy))
    .where(eq(agreedTraits.workshopId, workshopId))
    .orderBy(asc(agreedTraits.createdAt), asc(agreedTraits.id))
}

/**
 * The board's change counter for a member, in one indexed read; `null` when the user is not
 * (or no longer) a member, so a live connection ends when someone is removed from the workshop.
 */
export async function boardChangeCounterFor(input: { workshopId: string; userId: string }): Promise<number | null> {
  const { db } = await database()
  const [row] = await db
    .select({ changeCounter: leadBoards.changeCounter })
    .from(memberships)
    .leftJoin(leadBoards, eq(leadBoards.workshopId, memberships.workshopId))
    .where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)))
  return row ? (row.changeCounter ?? 0) : null
}

/**
 * The next number for a note of `team` (M4 after M1–M3), counted on the board so that a deleted
 * note's number is never given again: labels stay what the room has been saying out loud and
 * what comments cite. Also bumps the change counter. Inside the caller's transaction.
 */
async function takeNoteNumber(workshopId: string, team: Team): Promise<number> {
  const { db } = await database()
  await numberImportedNotes(workshopId, team)
  const highest = sql`(SELECT coalesce(max("seq"), 0) FROM "lead_traits" WHERE "workshop_id" = ${workshopId} AND "team" = ${team})`
  const key = team === 'marketing' ? 'marketingSeq' : 'salesSeq'
  const column = leadBoards[key]
  const [row] = await db
    .insert(leadBoards)
    .values({ id: newId(), workshopId, changeCounter: 1, [key]: sql`${highest} + 1` })
    .onConflictDoUpdate({ target: leadBoards.workshopId, set: { changeCounter: sql`${leadBoards.changeCounter} + 1`, [key]: sql`max(${column}, ${highest}) + 1` } })
    .returning({ marketingSeq: leadBoards.marketingSeq, salesSeq: leadBoards.salesSeq })
  return row![key]
}

/** Notes from a backup written before notes had numbers get theirs, in the order they were written (as the board showed them). */
async function numberImportedNotes(workshopId: string, team: Team) {
  const { db } = await database()
  const unnumbered = await db
    .select({ id: leadTraits.id })
    .from(leadTraits)
    .where(and(eq(leadTraits.workshopId, workshopId), eq(leadTraits.team, team), eq(leadTraits.seq, 0)))
    .orderBy(asc(leadTraits.createdAt), asc(leadTraits.id))
  if (unnumbered.length === 0) return
  const [top] = await db
    .select({ seq: sql<number>`coalesce(max(${leadTraits.seq}), 0)` })
    .from(leadTraits)
    .where(and(eq(leadTraits.workshopId, workshopId), eq(leadTraits.team, team)))
  let next = Number(top?.seq ?? 0)
  for (const note of unnumbered) await db.update(leadTraits).set({ seq: ++next }).where(eq(leadTraits.id, note.id))
}

/** A team member's new note; `at` only for the demo seed, which writes a session that happened in September. */
export async function addTrait(input: { workshopId: string; team: Team; authorId: string; kind: TraitKind; text: string; why?: string; at?: Date }) {
  const { db, transaction } = await database()
  return transaction(async () => {
    const seq = await takeNoteNumber(input.workshopId, input.team)
    const at = input.at ? { createdAt: input.at, updatedAt: input.at } : {}
    const [row] = await db
      .insert(leadTraits)
      .values({ id: newId(), workshopId: input.workshopId, team: input.team, seq, kind: input.kind, text: input.text, why: input.why ?? '', authorId: input.authorId, ...at })
      .returning()
    return row!
  })
}

type TraitRow = typeof leadTraits.$inferSelect

/** A team member changes one of the team's notes, at the revision they started from. */
export async function saveTrait(input: {
  workshopId: string
  team: Team
  traitId: string
  revision: number
  kind: TraitKind
  text: string
  why?: string
}): Promise<SaveResult<TraitRow>> {
  const { transaction } = await database()
  return transaction(async () => {
    const saved = await updateAtRevision(
      leadTraits,
      { id: input.traitId, revision: input.revision, scope: and(eq(leadTraits.workshopId, input.workshopId), eq(leadTraits.team, input.team)) },
      { kind: input.kind, text: input.text, why: input.why ?? '' },
    )
    if (saved.ok) await bumpBoard(input.workshopId)
    return saved
  })
}

export async function deleteTrait(input: { workshopId: string; team: Team; traitId: string; revision: number }): Promise<SaveResult<TraitRow>> {
  const { transaction } = await database()
  return transaction(async () => {
    const deleted = await deleteAtRevision(leadTraits, {
      id: input.traitId,
      revision: input.revision,
      scope: and(eq(leadTraits.workshopId, input.workshopId), eq(leadTraits.team, input.team)),
    })
    if (deleted.ok) await bumpBoard(input.workshopId)
    return deleted
  })
}

/** Shows both teams' lists to everyone. Revealing twice changes nothing. */
export async function revealBoard(input: { workshopId: string; userId: string; now?: Date }): Promise<{ ok: true } | { ok: false; reason: 'already-revealed' }> {
  const { transaction } = await database()
  return transaction(async () => {
    const state = await boardState(input.workshopId)
    if (state.revealedAt) return { ok: false, reason: 'already-revealed' } as const
    await bumpBoard(input.workshopId, { revealedAt: input.now ?? new Date(), revealedBy: input.userId })
    return { ok: true } as const
  })
}

export type BoardChange = { ok: true } | { ok: false; reason: 'not-revealed' | 'not-found' }

async function existingTraitIds(workshopId: string, ids: string[]) {
  const { db } = await database()
  if (ids.length === 0) return []
  return db
    .select({ id: leadTraits.id, team: leadTraits.team, seq: leadTraits.seq, text: leadTraits.text })
    .from(leadTraits)
    .where(and(eq(leadTraits.workshopId, workshopId), inArray(leadTraits.id, ids)))
}

/** The facilitator's correction: two notes say the same thing (`linked`), or do not. A later call on the pair replaces the earlier. */
export async function setTraitLink(input: { workshopId: string; userId: string; aId: string; bId: string; linked: boolean }): Promise<BoardChange> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<BoardChange> => {
    if (!(await boardState(input.workshopId)).revealedAt) return { ok: false, reason: 'not-revealed' }
    const [first, second] = input.aId < input.bId ? [input.aId, input.bId] : [input.bId, input.aId]
    if ((await existingTraitIds(input.workshopId, [first, second])).length !== 2) return { ok: false, reason: 'not-found' }
    await db
      .insert(traitLinks)
      .values({ id: newId(), workshopId: input.workshopId, traitAId: first, traitBId: second, linked: input.linked, createdBy: input.userId })
      .onConflictDoUpdate({
        target: [traitLinks.workshopId, traitLinks.traitAId, traitLinks.traitBId],
        set: { linked: input.linked, createdBy: input.userId, createdAt: new Date() },
      })
    await bumpBoard(input.workshopId)
    return { ok: true }
  })
}

/** Takes one note out of the group the matcher (or a link) put it in: unlinks it from every other note of that group. */
export async function separateTrait(input: { workshopId: string; userId: string; traitId: string }): Promise<BoardChange> {
  const { transaction } = await database()
  return transaction(async (): Promise<BoardChange> => {
    const board = await getLeadBoard(input.workshopId, { userId: input.userId, role: 'facilitator' })
    if (!board.revealed) return { ok: false, reason: 'not-revealed' }
    const { groups } = groupTraits(board.notes, board.links)
    const group = groups.find((candidate) => candidate.traitIds.includes(input.traitId))
    if (!group) return { ok: false, reason: 'not-found' }
    for (const otherId of group.traitIds) {
      if (otherId === input.traitId) continue
      await setTraitLink({ workshopId: input.workshopId, userId: input.userId, aId: input.traitId, bId: otherId, linked: false })
    }
    return { ok: true }
  })
}

/** An agreed trait that already took some of the notes a merge names: who agreed it, in which words, from which notes. */
export type AgreedElsewhere = { id: string; kind: TraitKind; text: string; revision: number; agreedByName: string | null; notes: { team: Team; seq: number }[] }

export type MergeResult =
  | { ok: true; value: { id: string; text: string } }
  | { ok: false; reason: 'not-revealed' | 'not-found' }
  | { ok: false; reason: 'already-merged'; agreed: AgreedElsewhere }

/**
 * The room agrees a trait; it remembers which notes it came from (and their words then) and who
 * agreed. A note goes into one agreed trait only: when someone merged one of these notes a moment
 * earlier, nothing is written and the answer says who did and how, so the second person decides.
 */
export async function mergeTraits(input: { workshopId: string; userId: string; kind: TraitKind; text: string; sourceTraitIds: string[] }): Promise<MergeResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<MergeResult> => {
    if (!(await boardState(input.workshopId)).revealedAt) return { ok: false, reason: 'not-revealed' }
    const sources = await existingTraitIds(input.workshopId, input.sourceTraitIds)
    if (sources.length !== input.sourceTraitIds.length) return { ok: false, reason: 'not-found' }
    const wanted = new Set(input.sourceTraitIds)
    const earlier = (await listAgreedTraits(input.workshopId)).find((row) => row.sourceTraitIds.some((id) => wanted.has(id)))
    if (earlier) {
      const taken = sources.filter((source) => earlier.sourceTraitIds.includes(source.id))
      const { id, kind, text, revision, agreedByName } = earlier
      return { ok: false, reason: 'already-merged', agreed: { id, kind, text, revision, agreedByName, notes: taken.map(({ team, seq }) => ({ team, seq })) } }
    }
    const byId = new Map(sources.map((source) => [source.id, source]))
    const ordered = input.sourceTraitIds.map((id) => byId.get(id)!)
    const [row] = await db
      .insert(agreedTraits)
      .values({
        id: newId(),
        workshopId: input.workshopId,
        kind: input.kind,
        text: input.text,
        sourceTraitIds: ordered.map((source) => source.id),
        sourceTexts: ordered.map((source) => ({ team: source.team, text: source.text })),
        agreedBy: input.userId,
      })
      .returning({ id: agreedTraits.id, text: agreedTraits.text })
    await bumpBoard(input.workshopId)
    return { ok: true, value: row! }
  })
}

type AgreedTraitRow = typeof agreedTraits.$inferSelect

export async function saveAgreedTrait(input: { workshopId: string; agreedId: string; revision: number; kind: TraitKind; text: string }): Promise<SaveResult<AgreedTraitRow>> {
  const { transaction } = await database()
  return transaction(async () => {
    const saved = await updateAtRevision(
      agreedTraits,
      { id: input.agreedId, revision: input.revision, scope: eq(agreedTraits.workshopId, input.workshopId) },
      { kind: input.kind, text: input.text },
    )
    if (saved.ok) await bumpBoard(input.workshopId)
    return saved
  })
}

export async function deleteAgreedTrait(input: { workshopId: string; agreedId: string; revision: number }): Promise<SaveResult<AgreedTraitRow>> {
  const { transaction } = await database()
  return transaction(async () => {
    const deleted = await deleteAtRevision(agreedTraits, { id: input.agreedId, revision: input.revision, scope: eq(agreedTraits.workshopId, input.workshopId) })
    if (deleted.ok) await bumpBoard(input.workshopId)
    return deleted
  })
}

export async function getAgreedTrait(input: { workshopId: string; agreedId: string }) {
  const { db } = await database()
  const [row] = await db
    .select({ id: agreedTraits.id, kind: agreedTraits.kind, text: agreedTraits.text })
    .from(agreedTraits)
    .where(and(eq(agreedTraits.id, input.agreedId), eq(agreedTraits.workshopId, input.workshopId)))
  return row
}

/** Tells open boards to refresh for a change that is not a note (a comment on the step). */
export async function touchBoard(workshopId: string) {
  await bumpBoard(workshopId)
}

export async function leadsProgress(workshopId: string) {
  const { db } = await database()
  const [traits, agreed] = await Promise.all([
    db.$count(leadTraits, eq(leadTraits.workshopId, workshopId)),
    db.$count(agreedTraits, eq(agreedTraits.workshopId, workshopId)),
  ])
  return traits + agreed > 0 ? ('in-progress' as const) : ('empty' as const)
}
