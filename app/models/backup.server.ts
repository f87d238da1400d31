import { createHash } from 'node:crypto'
import { eq, getTableColumns, inArray } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import {
  agreedTraits,
  comments,
  criterionSuggestions,
  exampleLeads,
  funnelTargets,
  handoffSlas,
  leadBoards,
  leadTraits,
  lifecycleStages,
  memberships,
  personas,
  scoringActivities,
  scoringFields,
  scoringRules,
  scoringSettings,
  signOffs,
  traitLinks,
  users,
  versions,
  workshopContexts,
  workshops,
} from '#db/schema'
import { newId } from '#db/ids'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, checkBackupText, type BackupFile } from '~/domain/backup/format'
import { database } from '~/db.server'

/*
 * Which tables make up a workshop, in insert order, and which of their columns point at
 * users or at other rows (so ids can be remapped on import). Secrets (invites, API tokens,
 * share links, sessions) are deliberately absent.
 */
type TableSpec = {
  name: string
  table: SQLiteTable
  userColumns: string[]
  rowRefs?: Record<string, string>
  /** JSON columns holding lists of row ids of another table. */
  idLists?: Record<string, string>
}

const TABLES: TableSpec[] = [
  { name: 'scoring_fields', table: scoringFields, userColumns: [] },
  { name: 'scoring_activities', table: scoringActivities, userColumns: [] },
  { name: 'scoring_rules', table: scoringRules, userColumns: ['updatedBy'] },
  { name: 'scoring_settings', table: scoringSettings, userColumns: ['updatedBy'] },
  { name: 'criterion_suggestions', table: criterionSuggestions, userColumns: [] },
  { name: 'example_leads', table: exampleLeads, userColumns: ['createdBy'] },
  { name: 'workshop_contexts', table: workshopContexts, userColumns: ['updatedBy'] },
  { name: 'lead_traits', table: leadTraits, userColumns: ['authorId'] },
  { name: 'trait_links', table: traitLinks, userColumns: ['createdBy'], rowRefs: { traitAId: 'lead_traits', traitBId: 'lead_traits' } },
  { name: 'agreed_traits', table: agreedTraits, userColumns: ['agreedBy'], idLists: { sourceTraitIds: 'lead_traits' } },
  { name: 'lead_boards', table: leadBoards, userColumns: ['revealedBy'] },
  { name: 'personas', table: personas, userColumns: ['updatedBy'] },
  { name: 'comments', table: comments, userColumns: ['authorId'] },
  { name: 'lifecycle_stages', table: lifecycleStages, userColumns: ['updatedBy'] },
  { name: 'funnel_targets', table: funnelTargets, userColumns: ['updatedBy'] },
  { name: 'handoff_slas', table: handoffSlas, userColumns: ['updatedBy'] },
  { name: 'sign_offs', table: signOffs, userColumns: ['userId'] },
  { name: 'versions', table: versions, userColumns: ['publishedBy'] },
]

type Columns = Record<string, SQLiteColumn>

function serialise(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]))
}

function deserialise(row: Record<string, unknown>, columns: Columns): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key in columns)
      .map(([key, value]) => [key, columns[key]!.columnType === 'SQLiteTimestamp' && typeof value === 'string' ? new Date(value) : value]),
  )
}

export async function exportWorkshop(workshopId: string, now = new Date()): Promise<string> {
  const { db } = await database()
  const [workshop] = await db.select({ id: workshops.id, name: workshops.name, company: workshops.company }).from(workshops).where(eq(workshops.id, workshopId))
  if (!workshop) throw new Error(`No workshop ${workshopId}`)
  const tables: Record<string, Record<string, unknown>[]> = {}
  const counts: Record<string, number> = {}
  const userIds = new Set<string>()
  for (const spec of TABLES) {
    const columns = getTableColumns(spec.table) as Columns
    const rows = (await db.select().from(spec.table).where(eq(columns.workshopId!, workshopId))) as Record<string, unknown>[]
    rows.sort((a, b) => String(a.id).localeCompare(String(b.id)))
    for (const row of rows) for (const column of spec.userColumns) if (typeof row[column] === 'string') userIds.add(row[column] as string)
    tables[spec.name] = rows.map(serialise)
    counts[spec.name] = rows.length
  }
  const people = userIds.size
    ? (await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, [...userIds]))).sort((a, b) => a.email.localeCompare(b.email))
    : []
  const file: BackupFile = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, exportedAt: now.toISOString(), workshop, people, tables, counts }
  return `${JSON.stringify(file, null, 2)}\n`
}

// Accounts created for people of an imported workshop cannot log in until they reset… which
// needs an admin; they exist so that names in versions and sign-offs stay what they were.
const NO_LOGIN = 'disabled$imported'

export type ImportResult = { ok: true; workshopId: string } | { ok: false; message: string }

/** Imports a backup as a new workshop owned (facilitated) by `userId`; all or nothing. */
export async function importWorkshop(input: { text: string; userId: string }): Promise<ImportResult> {
  const checked = checkBackupText(input.text)
  if (!checked.ok) return checked
  const file = checked.file
  const { db, transaction } = await database()
  try {
    return await transaction(async (): Promise<ImportResult> => {
      const userMap = new Map<string, string>()
      for (const person of file.people) {
        const email = person.email.trim().toLowerCase()
        const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
        if (existing) userMap.set(person.id, existing.id)
        else {
          const id = newId()
          await db.insert(users).values({ id, email, name: person.name, passwordHash: NO_LOGIN })
          userMap.set(person.id, id)
        }
      }
      const workshopId = newId()
      await db.insert(workshops).values({ id: workshopId, name: file.workshop.name, company: file.workshop.company, createdBy: input.userId })
      await db.insert(memberships).values({ id: newId(), workshopId, userId: input.userId, role: 'facilitator' })
      const rowMaps = new Map<string, Map<string, string>>()
      for (const spec of TABLES) {
        const rows = file.tables[spec.name] ?? []
        const columns = getTableColumns(spec.table) as Columns
        const ids = new Map<string, string>()
        rowMaps.set(spec.name, ids)
        const prepared = rows.map((raw) => {
          const row = deserialise(raw, columns)
          // scoring_settings is keyed by its workshop.
          const id = spec.name === 'scoring_settings' ? workshopId : newId()
          ids.set(String(raw.id), id)
          row.id = id
          row.workshopId = workshopId
          if ('workshopId' in columns && spec.name === 'scoring_settings') row.workshopId = workshopId
          for (const column of spec.userColumns) if (typeof row[column] === 'string') row[column] = userMap.get(row[column] as string) ?? input.userId
          for (const [column, target] of Object.entries(spec.rowRefs ?? {})) {
            const mapped = rowMaps.get(target)?.get(String(row[column]))
            if (!mapped) throw new ImportError(`The backup is inconsistent: ${spec.name}.${column} points at a missing row.`)
            row[column] = mapped
          }
          for (const [column, target] of Object.entries(spec.idLists ?? {})) {
            row[column] = ((row[column] as string[] | null) ?? []).map((old) => rowMaps.get(target)?.get(old) ?? old)
          }
          return row
        })
        for (let i = 0; i < prepared.length; i += 200) await db.insert(spec.table).values(prepared.slice(i, i + 200) as never)
      }
      return { ok: true, workshopId }
    })
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message }
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message
    return { ok: false, message: `The backup could not be imported (${cause}). Nothing was imported.` }
  }
}

class ImportError extends Error {}

export function backupFilename(workshopName: string, now = new Date()) {
  const slug = workshopName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workshop'
  return `leadpact-${slug}-${now.toISOString().slice(0, 10)}.json`
}

/** Short content hash shown next to a download, so two backups can be compared at a glance. */
export function backupDigest(text: string) {
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}
