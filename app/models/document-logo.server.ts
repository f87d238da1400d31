import { eq } from 'drizzle-orm'
import { workshopLogos } from '#db/schema'
import type { CleanLogo } from '~/domain/document/logo'
import type { DocumentLogo } from '~/domain/document/model'
import { database } from '~/models/db.server'
import { deleteAtRevision, updateAtRevision, type SaveResult } from './revision.server'

/*
 * The logo on the cover of a workshop's definition documents. It is branding, not agreed content:
 * it is not frozen into versions, so a new logo shows on every version's document. Stored only
 * after app/domain/document/logo.ts has checked and stripped it.
 */

export type StoredLogo = { contentType: 'image/png' | 'image/jpeg'; width: number; height: number; bytes: number; revision: number; uploadedAt: Date }

export async function getLogo(workshopId: string): Promise<StoredLogo | undefined> {
  const { db } = await database()
  const [row] = await db
    .select({
      contentType: workshopLogos.contentType,
      width: workshopLogos.width,
      height: workshopLogos.height,
      data: workshopLogos.data,
      revision: workshopLogos.revision,
      uploadedAt: workshopLogos.uploadedAt,
    })
    .from(workshopLogos)
    .where(eq(workshopLogos.workshopId, workshopId))
  if (!row) return undefined
  const { data, ...logo } = row
  return { ...logo, bytes: Math.floor((data.length * 3) / 4) }
}

/** The logo as the document draws it (a data URI: the document stands alone, in a download too). */
export async function getDocumentLogo(workshopId: string): Promise<DocumentLogo | null> {
  const { db } = await database()
  const [row] = await db
    .select({ contentType: workshopLogos.contentType, data: workshopLogos.data, width: workshopLogos.width, height: workshopLogos.height })
    .from(workshopLogos)
    .where(eq(workshopLogos.workshopId, workshopId))
  return row ? { src: `data:${row.contentType};base64,${row.data}`, width: row.width, height: row.height } : null
}

type LogoRow = typeof workshopLogos.$inferSelect

/**
 * Puts `logo` on the cover. `revision` is the revision of the logo the facilitator saw (null: they
 * saw none); someone else's change in between is a conflict, not a silent replacement.
 */
export async function saveLogo(input: { workshopId: string; userId: string; logo: CleanLogo; revision: number | null; now?: Date }): Promise<SaveResult<LogoRow>> {
  const { db, transaction } = await database()
  const values = {
    contentType: input.logo.contentType,
    data: Buffer.from(input.logo.bytes).toString('base64'),
    width: input.logo.width,
    height: input.logo.height,
    uploadedBy: input.userId,
    uploadedAt: input.now ?? new Date(),
  }
  return transaction(async (): Promise<SaveResult<LogoRow>> => {
    const [current] = await db.select().from(workshopLogos).where(eq(workshopLogos.workshopId, input.workshopId))
    if (!current) {
      if (input.revision !== null) return { ok: false, reason: 'not-found' }
      const [inserted] = await db
        .insert(workshopLogos)
        .values({ workshopId: input.workshopId, id: input.workshopId, ...values })
        .returning()
      return { ok: true, value: inserted! }
    }
    if (input.revision === null) return { ok: false, reason: 'conflict', current }
    return updateAtRevision(workshopLogos, { id: input.workshopId, revision: input.revision }, values)
  })
}

export async function removeLogo(input: { workshopId: string; revision: number }) {
  return deleteAtRevision(workshopLogos, { id: input.workshopId, revision: input.revision })
}
