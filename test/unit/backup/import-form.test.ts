import { describe, expect, it } from 'vitest'
import { MAX_BACKUP_BYTES } from '~/domain/backup/format'
import { IMPORT_MESSAGES, ImportBackupSchema } from '~/domain/backup/import-form'

const messagesOf = (value: unknown) => {
  const result = ImportBackupSchema.safeParse({ backup: value })
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

/** What react-hook-form holds for a file input: a FileList (length and item()). */
function fileList(...files: File[]) {
  return { length: files.length, item: (index: number) => files[index] ?? null }
}

const file = (name: string, bytes: number, type = '') => new File([new Uint8Array(bytes)], name, { type })

describe('the workshop import form, the same schema in the browser and on the server', () => {
  it('takes one .json file under the limit, as the browser holds it and as the server receives it', () => {
    expect(messagesOf(fileList(file('acme-backup.json', 10, 'application/json')))).toEqual([])
    expect(messagesOf({ name: 'ACME.JSON', size: 10, type: '' })).toEqual([])
    // No extension at all: the type the browser gave decides.
    expect(messagesOf({ name: 'backup', size: 10, type: 'application/json' })).toEqual([])
  })

  it('asks for a file when none is chosen or the file is empty', () => {
    expect(messagesOf(fileList())).toEqual([`backup: ${IMPORT_MESSAGES.choose}`])
    expect(messagesOf(undefined)).toEqual([`backup: ${IMPORT_MESSAGES.choose}`])
    expect(messagesOf('backup.json')).toEqual([`backup: ${IMPORT_MESSAGES.choose}`])
    expect(messagesOf(fileList(file('empty.json', 0)))).toEqual([`backup: ${IMPORT_MESSAGES.choose}`])
  })

  it('refuses a file over the limit before anything is sent, and names the limit', () => {
    expect(messagesOf({ name: 'big.json', size: MAX_BACKUP_BYTES + 1, type: 'application/json' })).toEqual([`backup: ${IMPORT_MESSAGES.tooLarge}`])
    expect(messagesOf({ name: 'just-fits.json', size: MAX_BACKUP_BYTES, type: 'application/json' })).toEqual([])
    expect(IMPORT_MESSAGES.tooLarge).toBe('The file is larger than 20 MB, the largest backup Leadpact imports.')
  })

  it('refuses what is not a .json file, whatever type it claims', () => {
    expect(messagesOf(fileList(file('leads.csv', 10, 'text/csv')))).toEqual([`backup: ${IMPORT_MESSAGES.notJson}`])
    expect(messagesOf({ name: 'backup.json.txt', size: 10, type: 'application/json' })).toEqual([`backup: ${IMPORT_MESSAGES.notJson}`])
    expect(messagesOf({ name: 'backup', size: 10, type: 'text/plain' })).toEqual([`backup: ${IMPORT_MESSAGES.notJson}`])
  })
})
