import { desc, eq } from 'drizzle-orm'
import { users, versions } from '#db/schema'
import type { Snapshot } from '~/domain/document/snapshot'
import { definitionSummary } from '~/domain/document/summary'
import { database } from '~/models/db.server'
import { LruCache } from './lru-cache.server'

/*
 * The workshop overview's front page: the latest published version's number, when and by whom,
 * and "An MQL is … / An SQL is …" in words. A published version never changes (migration 0004's
 * triggers refuse UPDATE and DELETE on `versions`, and a version's id is never reused), so its
 * summary is worked out once per version id and kept; only the small row naming the latest
 * version is read on each view. The publisher's name is read with it, not cached: a person may
 * rename themselves.
 */

export type VersionSummary = ReturnType<typeof definitionSummary>

/** Summaries of published versions by version id (ADR 013). */
const summaries = new LruCache<string, VersionSummary>(500)

export interface LatestVersionHeadline {
  number: number
  publishedAt: Date
  publishedBy: string
  summary: VersionSummary
}

/** The latest published version's headline, or null before the first. One statement when its summary is known, two the first time. */
export async function getLatestVersionHeadline(workshopId: string): Promise<LatestVersionHeadline | null> {
  const { db } = await database()
  const [row] = await db
    .select({ id: versions.id, number: versions.number, publishedAt: versions.publishedAt, publishedBy: users.name })
    .from(versions)
    .innerJoin(users, eq(users.id, versions.publishedBy))
    .where(eq(versions.workshopId, workshopId))
    .orderBy(desc(versions.number))
    .limit(1)
  if (!row) return null
  const summary = await summaries.getOrCreate(row.id, () => summariseVersion(row.id))
  return { number: row.number, publishedAt: row.publishedAt, publishedBy: row.publishedBy, summary }
}

async function summariseVersion(versionId: string): Promise<VersionSummary> {
  const { db } = await database()
  const [row] = await db.select({ snapshot: versions.snapshot }).from(versions).where(eq(versions.id, versionId))
  // The row was just read by id; versions are never deleted.
  if (!row) throw new Error(`Version ${versionId} vanished while its summary was being made`)
  return definitionSummary((JSON.parse(row.snapshot) as Snapshot).scoring)
}

/** For tests: how many summaries are kept. */
export function cachedSummaryCount() {
  return summaries.size
}
