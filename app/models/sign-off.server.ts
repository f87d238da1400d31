import { and, desc, eq, isNull, max, sql } from 'drizzle-orm'
import { signOffs, users, versions, workshops } from '#db/schema'
import { newId } from '#db/ids'
import { diffSnapshots, summariseChanges, type Change } from '~/domain/diff/diff'
import { documentDateTime } from '~/domain/document/dates'
import { PUBLISH_NOTE_MAX } from '~/domain/document/schemas'
import { sameContent, SIGN_OFF_SECTIONS, type SignOffSection, type Snapshot } from '~/domain/document/snapshot'
import { parseScoringConfig } from '~/domain/scoring'
import { database } from '~/models/db.server'
import { buildDraftSnapshot, fingerprints, lastChanges } from './snapshot.server'

type Team = 'marketing' | 'sales'

export type SectionState = {
  section: SignOffSection
  signedBy: { id: string; userId: string; name: string; team: Team; signedAt: Date }[]
  /** Sign-offs voided by a later change, with who changed the section and when. */
  voided: { name: string; team: Team; signedAt: Date; changedBy: string | null; changedAt: Date | null }[]
  missing: Team[]
  withdrawn: { name: string; team: Team; at: Date; comment: string }[]
}

/** Every section's sign-off state against the workshop's current content. */
export async function getReviewState(workshopId: string) {
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
  const configProblems = (() => {
    const parsed = parseScoringConfig(draft.scoring)
    return parsed.ok ? [] : parsed.errors.map((error) => error.message)
  })()
  const latest = await getLatestVersion(workshopId)
  /** The version whose content the draft repeats: publishing it again is refused. */
  const unchangedSince = latest && sameContent(latest.snapshot, draft) ? latest.number : null
  return {
    draft,
    sections,
    configProblems,
    unchangedSince,
    latest: latest?.number ?? null,
    /** What publishing now would change against the latest version (null before the first). */
    changesSinceLatest: latest ? diffSnapshots(latest.snapshot, { ...draft, signOffs: [] }) : null,
    readyToPublish: sections.every((s) => s.missing.length === 0) && configProblems.length === 0 && unchangedSince === null,
  }
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

export type PublishResult =
  | { ok: true; number: number }
  | { ok: false; reason: 'not-ready'; missing: string[] }
  | { ok: false; reason: 'unchanged'; latest: number }
  | { ok: false; reason: 'no-note' }
  | { ok: false; reason: 'stale'; latest: number }

/**
 * Freezes the current content as the next version, in one transaction, only when both teams
 * signed every section, something changed since the latest version, and the publisher said what
 * and why in a note (stored in the version's immutable row). The checks run inside the write
 * transaction, so of two publishes sent at once the second sees the first's version and is
 * refused as unchanged.
 */
export async function publishVersion(input: {
  workshopId: string
  userId: string
  note: string
  /** The latest version number the publisher saw (0: none): another publish since then is refused as 'stale'. */
  latestSeen?: number
  now?: Date
}): Promise<PublishResult> {
  const note = input.note.trim()
  if (!note || note.length > PUBLISH_NOTE_MAX) return { ok: false, reason: 'no-note' }
  const { db, transaction } = await database()
  return transaction(async (): Promise<PublishResult> => {
    const state = await getReviewState(input.workshopId)
    if (state.unchangedSince !== null) return { ok: false, reason: 'unchanged', latest: state.unchangedSince }
    if (input.latestSeen !== undefined && (state.latest ?? 0) !== input.latestSeen) return { ok: false, reason: 'stale', latest: state.latest ?? 0 }
    if (!state.readyToPublish) {
      const missing = state.sections.flatMap((section) => section.missing.map((team) => `${section.section}: ${team}`))
      return { ok: false, reason: 'not-ready', missing: [...missing, ...state.configProblems] }
    }
    const [{ last } = { last: 0 }] = await db.select({ last: max(versions.number) }).from(versions).where(eq(versions.workshopId, input.workshopId))
    const number = (last ?? 0) + 1
    const publishedAt = input.now ?? new Date()
    const [workshop] = await db.select({ name: workshops.name }).from(workshops).where(eq(workshops.id, input.workshopId))
    const snapshot: Snapshot = {
      ...state.draft,
      scoring: {
        ...state.draft.scoring,
        source: { workshopId: input.workshopId, workshopName: workshop!.name, version: number, publishedAt: publishedAt.toISOString() },
        ...(state.draft.handoff ? { handoff: state.draft.handoff } : {}),
      } as Snapshot['scoring'],
      signOffs: state.sections.flatMap((section) =>
        section.signedBy.map((signed) => ({ section: section.section, team: signed.team, name: signed.name, signedAt: signed.signedAt.toISOString() })),
      ),
    }
    const previous = number > 1 ? await getVersion({ workshopId: input.workshopId, number: number - 1 }) : undefined
    const changelog: Change[] = previous ? diffSnapshots(previous.snapshot, snapshot) : []
    await db.insert(versions).values({
      id: newId(),
      workshopId: input.workshopId,
      number,
      publishedAt,
      publishedBy: input.userId,
      snapshot: JSON.stringify(snapshot),
      changelog: JSON.stringify(changelog),
      note,
    })
    return { ok: true, number }
  })
}

export async function listVersions(workshopId: string) {
  const { db } = await database()
  const rows = await db
    .select({
      number: versions.number,
      publishedAt: versions.publishedAt,
      publishedBy: users.name,
      changelog: versions.changelog,
      note: versions.note,
      // The zone the version's documents show times in (its SLA's), without parsing the whole snapshot.
      timeZone: sql<string | null>`json_extract(${versions.snapshot}, '$.handoff.timeZone')`,
    })
    .from(versions)
    .innerJoin(users, eq(users.id, versions.publishedBy))
    .where(eq(versions.workshopId, workshopId))
    .orderBy(desc(versions.number))
  return rows.map((row) => {
    const changes = JSON.parse(row.changelog) as Change[]
    return { ...row, publishedText: documentDateTime(row.publishedAt, row.timeZone ?? 'UTC'), changeCount: changes.length, summary: summariseChanges(changes) }
  })
}

export async function getVersion(input: { workshopId: string; number: number }) {
  const { db } = await database()
  const [row] = await db
    .select({ number: versions.number, publishedAt: versions.publishedAt, publishedBy: users.name, snapshot: versions.snapshot, changelog: versions.changelog, note: versions.note })
    .from(versions)
    .innerJoin(users, eq(users.id, versions.publishedBy))
    .where(and(eq(versions.workshopId, input.workshopId), eq(versions.number, input.number)))
  if (!row) return undefined
  return { ...row, snapshot: JSON.parse(row.snapshot) as Snapshot, changelog: JSON.parse(row.changelog) as Change[] }
}

async function getLatestVersion(workshopId: string) {
  const { db } = await database()
  const [row] = await db
    .select({ number: versions.number, snapshot: versions.snapshot })
    .from(versions)
    .where(eq(versions.workshopId, workshopId))
    .orderBy(desc(versions.number))
    .limit(1)
  return row ? { number: row.number, snapshot: JSON.parse(row.snapshot) as Snapshot } : undefined
}

export async function latestVersionNumber(workshopId: string) {
  const { db } = await database()
  const [row] = await db.select({ last: max(versions.number) }).from(versions).where(eq(versions.workshopId, workshopId))
  return row?.last ?? null
}
