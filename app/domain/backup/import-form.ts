import { z } from 'zod'
import { MAX_BACKUP_BYTES } from './format'

/*
 * The workshop import form: one file, checked by the same schema in the browser (before anything
 * is sent: a FileList from react-hook-form) and on the server (what arrived: name, size, type).
 * What the file holds is the backup format's business (format.ts), read on the server only.
 */

export const MAX_BACKUP_LABEL = `${MAX_BACKUP_BYTES / 1024 / 1024} MB`

export const IMPORT_MESSAGES = {
  choose: 'Choose a backup file (.json) to import.',
  tooLarge: `The file is larger than ${MAX_BACKUP_LABEL}, the largest backup Leadpact imports.`,
  notJson: 'A backup is a .json file, downloaded from a workshop’s members page: choose that file.',
} as const

type ChosenFile = { name: string; size: number; type: string }

/** The chosen file: in the browser the input's FileList, on the server what the upload carried. */
function chosenFile(value: unknown): ChosenFile | null {
  if (!value || typeof value !== 'object') return null
  const list = value as { length?: unknown; item?: unknown }
  if (typeof list.length === 'number' && typeof list.item === 'function') {
    return list.length > 0 ? chosenFile((list.item as (index: number) => unknown).call(value, 0)) : null
  }
  const file = value as { name?: unknown; size?: unknown; type?: unknown }
  if (typeof file.name !== 'string' || typeof file.size !== 'number') return null
  return { name: file.name, size: file.size, type: typeof file.type === 'string' ? file.type : '' }
}

/** A .json name, or a JSON type when the name says nothing (a browser names the type from the extension). */
function looksLikeJson(file: ChosenFile): boolean {
  if (/\.json$/i.test(file.name)) return true
  return !/\.[^./\\]+$/.test(file.name) && /^application\/json\b/i.test(file.type)
}

export const ImportBackupSchema = z.object({
  backup: z.unknown().superRefine((value, context) => {
    const file = chosenFile(value)
    if (!file || file.size === 0) context.addIssue({ code: 'custom', message: IMPORT_MESSAGES.choose })
    else if (file.size > MAX_BACKUP_BYTES) context.addIssue({ code: 'custom', message: IMPORT_MESSAGES.tooLarge })
    else if (!looksLikeJson(file)) context.addIssue({ code: 'custom', message: IMPORT_MESSAGES.notJson })
  }),
})
