import { z } from 'zod'

/*
 * The whole-workshop backup file. Versioned: an instance refuses a file of a newer format
 * rather than guessing. Version 2 added the back-test (its mapping and finished runs), the cover
 * logo and the alignment assessment (sections.ts): a version-1 reader would have dropped them
 * without a word, so it refuses a version-2 file instead. Version-1 files are still read.
 * People are listed by id and name (their email only as a label: an import never matches it to
 * an account, ADR 008); never password hashes, sessions, invite or API tokens. Rows keep their
 * original ids (remapped on import), but for assessment responses, which are numbered afresh so
 * that nothing in the file can point back to who answered (ADR 015).
 */

export const BACKUP_FORMAT = 'leadpact-workshop-backup'
export const BACKUP_FORMAT_VERSION = 2

/** The largest backup file an instance accepts. */
export const MAX_BACKUP_BYTES = 20 * 1024 * 1024

/** Deeper JSON is refused before anything walks it: recursion that deep would overflow the stack. */
const MAX_DEPTH = 64

// Tab, line feed and carriage return are text; the other C0 controls and DEL are not, and a
// NUL in a stored rule value breaks that version's SQL export for good (issue #12).
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export const BackupPersonSchema = z.object({
  id: z.string().min(1),
  /** Informational only; an import never looks it up (ADR 008). */
  email: z.string().optional(),
  name: z.string().trim().min(1, 'a person needs a name').max(80, 'a name has at most 80 characters'),
})

const TeamNoteCountsSchema = z.object({ good: z.number().int().nonnegative(), bad: z.number().int().nonnegative() })

/** Before the board's reveal a backup carries how many notes each team wrote, never their text. */
export const UnrevealedNotesSchema = z.object({ marketing: TeamNoteCountsSchema, sales: TeamNoteCountsSchema })
export type UnrevealedNotes = z.infer<typeof UnrevealedNotesSchema>

const AssessmentTeamCountsSchema = z.object({ marketing: z.number().int().nonnegative(), sales: z.number().int().nonnegative(), other: z.number().int().nonnegative() })

/**
 * Per assessment round, what the facilitator sees in the app only as counts and a backup therefore
 * holds only as counts: submitted responses of a team below the anonymity threshold, and drafts.
 */
export const WithheldResponsesSchema = z.array(z.object({ roundId: z.string().min(1), submitted: AssessmentTeamCountsSchema, drafts: z.number().int().nonnegative() }))
export type WithheldResponses = z.infer<typeof WithheldResponsesSchema>

export function countWithheldResponses(withheld: WithheldResponses | undefined): number {
  return (withheld ?? []).reduce((sum, round) => sum + round.submitted.marketing + round.submitted.sales + round.submitted.other + round.drafts, 0)
}

export const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'This is not a Leadpact workshop backup.' }),
  formatVersion: z.number().int().positive(),
  exportedAt: z.string(),
  workshop: z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(120), company: z.string().trim().min(1).max(120) }),
  people: z.array(BackupPersonSchema),
  /** Present when the board was not revealed at export: the notes stayed with their teams. */
  unrevealedNotes: UnrevealedNotesSchema.optional(),
  /** Assessment responses the facilitator sees only as counts (a team below the anonymity threshold, drafts): their counts, per round. */
  withheldResponses: WithheldResponsesSchema.optional(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  /** Rows per table, written last: a truncated file fails here or earlier. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
})

export type BackupFile = z.infer<typeof BackupFileSchema>

export type BackupCheck = { ok: true; file: BackupFile } | { ok: false; message: string }

export function countUnrevealedNotes(notes: UnrevealedNotes | undefined): number {
  if (!notes) return 0
  return notes.marketing.good + notes.marketing.bad + notes.sales.good + notes.sales.bad
}

/** The first place in `value` that nests too deep or holds a control character, if any. Iterative: the input is untrusted. */
export function findUnsafeValue(value: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (typeof item.value === 'string') {
      const found = CONTROL_CHARACTER.exec(item.value)
      if (found) {
        const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
        return `${item.path || 'file'}: contains the control character U+${code}, which Leadpact does not store`
      }
      continue
    }
    if (!item.value || typeof item.value !== 'object') continue
    if (item.depth >= MAX_DEPTH) return `${item.path || 'file'}: nests more than ${MAX_DEPTH} levels deep`
    const entries = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v] as const) : Object.entries(item.value)
    for (const [key, child] of entries) {
      const path = item.path ? `${item.path}.${key}` : key
      if (CONTROL_CHARACTER.test(key)) return `${path}: contains a control character, which Leadpact does not store`
      stack.push({ value: child, path, depth: item.depth + 1 })
    }
  }
  return undefined
}

/** Checks a file's text before anything is written: JSON, format, version, completeness, safe text. */
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
  const unsafe = findUnsafeValue(raw)
  if (unsafe) return { ok: false, message: `The backup is not valid: ${unsafe}.` }
  const parsed = BackupFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, message: `The backup is not valid: ${issue.path.join('.') || 'file'}: ${issue.message}` }
  }
  for (const [table, rows] of Object.entries(parsed.data.tables)) {
    if (parsed.data.counts[table] !== rows.length) return { ok: false, message: `The backup is incomplete: table ${table} has ${rows.length} rows, ${parsed.data.counts[table] ?? 0} expected.` }
  }
  const personIds = new Set<string>()
  for (const [index, person] of parsed.data.people.entries()) {
    if (personIds.has(person.id)) return { ok: false, message: `The backup is not valid: people.${index}.id: the id ${person.id} appears twice.` }
    personIds.add(person.id)
  }
  return { ok: true, file: parsed.data }
}
