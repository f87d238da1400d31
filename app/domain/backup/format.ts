import { z } from 'zod'

/*
 * The whole-workshop backup file. Versioned: an instance refuses a file of a newer format
 * rather than guessing. People are referenced by email (never password hashes, sessions,
 * invite or API tokens), rows keep their original ids (remapped on import).
 */

export const BACKUP_FORMAT = 'leadpact-workshop-backup'
export const BACKUP_FORMAT_VERSION = 1

export const BackupPersonSchema = z.object({ id: z.string().min(1), email: z.string().min(3), name: z.string() })

export const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'This is not a Leadpact workshop backup.' }),
  formatVersion: z.number().int().positive(),
  exportedAt: z.string(),
  workshop: z.object({ id: z.string().min(1), name: z.string().min(1), company: z.string().min(1) }),
  people: z.array(BackupPersonSchema),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  /** Rows per table, written last: a truncated file fails here or earlier. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
})

export type BackupFile = z.infer<typeof BackupFileSchema>

export type BackupCheck = { ok: true; file: BackupFile } | { ok: false; message: string }

/** Checks a file's text before anything is written: JSON, format, version, completeness. */
export function checkBackupText(text: string): BackupCheck {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, message: 'The file is not valid JSON; it may be truncated or not a Leadpact backup.' }
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    return { ok: false, message: `This backup has format version ${version}; this Leadpact reads up to version ${BACKUP_FORMAT_VERSION}. Update Leadpact first.` }
  }
  const parsed = BackupFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, message: `The backup is not valid: ${issue.path.join('.') || 'file'}: ${issue.message}` }
  }
  for (const [table, rows] of Object.entries(parsed.data.tables)) {
    if (parsed.data.counts[table] !== rows.length) return { ok: false, message: `The backup is incomplete: table ${table} has ${rows.length} rows, ${parsed.data.counts[table] ?? 0} expected.` }
  }
  return { ok: true, file: parsed.data }
}
