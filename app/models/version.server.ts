import { and, desc, eq, max, sql } from 'drizzle-orm'
import { users, versions, workshops } from '#db/schema'
import { newId } from '#db/ids'
import { diffSnapshots, summariseChanges, type Change } from '~/domain/diff/diff'
import { documentDateTime } from '~/domain/document/dates'
import { PUBLISH_NOTE_MAX } from '~/domain/document/schemas'
import { sameContent, type Snapshot } from '~/domain/document/snapshot'
import { parseScoringConfig } from '~/domain/scoring'
import { database } from '~/models/db.server'
import { getSignOffState } from './sign-off.server'

/*
 * Published versions: the immutable snapshots a workshop publishes once both teams signed every
 * section, their list, one version with its snapshot and changelog (what the pages, the API and
 * every export read), and the latest number. The version model depends on the sign-off model
 * (publishing reads who signed and freezes it), never the other way round.
 */

/**
 * The review page's state: every section's sign-offs, the scoring config's problems, and
 * whether publishing now is allowed against the latest version.
 */
export async function getReviewState(workshopId: string) {
  const [{ draft, sections }, latest] = await Promise.all([getSignOffState(workshopId), getLatestVersion(workshopId)])
  const configProblems = (() => {
    const parsed = parseScoringConfig(draft.scoring)
    return parsed.ok ? [] : parsed.errors.map((error) => error.message)
  })()
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
