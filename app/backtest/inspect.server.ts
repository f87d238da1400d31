import fs from 'node:fs/promises'
import Papa from 'papaparse'
import { headerNames, type FileFormat } from './read-file.server'

/*
 * A first look at an uploaded file, before anything is stored: is it text, CSV or JSON Lines,
 * which columns does it have. Reads only its first bytes.
 */

const SAMPLE_BYTES = 256 * 1024
const SAMPLE_ROWS = 5
const JSONL_KEY_LINES = 200

export type Inspection =
  | { ok: true; format: FileFormat; delimiter: string; columns: string[] }
  | { ok: false; message: string }

/** The first rows of the file, for the mapping form (read from the temporary file, never stored). */
export type SampleRows = string[][]

async function head(path: string): Promise<Buffer> {
  const file = await fs.open(path, 'r')
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES)
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

function decode(bytes: Buffer, whole: boolean): string | null {
  // A sample may end inside a multi-byte character: let the decoder keep that tail back.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole })
  } catch {
    return null
  }
}

function formatOf(fileName: string, text: string): FileFormat {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? ''
  if (['jsonl', 'ndjson'].includes(extension)) return 'jsonl'
  if (['csv', 'tsv', 'txt'].includes(extension)) return 'csv'
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv'
}

export async function inspectUpload(path: string, fileName: string, size: number): Promise<Inspection> {
  if (size === 0) return { ok: false, message: 'The file is empty: choose an export with a header row and one lead a row.' }
  const bytes = await head(path)
  if (bytes.includes(0)) return { ok: false, message: 'This is not a text file. Choose a CSV or JSON Lines export of your leads.' }
  const whole = bytes.length === size
  const text = decode(bytes, whole)
  if (text === null) return { ok: false, message: 'The file is not UTF-8 text. Save it as "CSV UTF-8" (or JSON Lines in UTF-8) and upload it again.' }
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') return { ok: false, message: 'The file holds no text: choose an export with a header row and one lead a row.' }
  const format = formatOf(fileName, body)
  if (format === 'jsonl') return inspectJsonLines(body, whole)
  const parsed = Papa.parse<string[]>(body, { preview: SAMPLE_ROWS + 1, skipEmptyLines: 'greedy' })
  const [headerRow, ...rows] = parsed.data
  if (!headerRow || headerRow.length < 2) {
    return { ok: false, message: 'No CSV header found: the first line should name the columns, separated by commas (or semicolons or tabs).' }
  }
  if (rows.length === 0 && whole) return { ok: false, message: 'The file has a header but no leads.' }
  return { ok: true, format, delimiter: parsed.meta.delimiter, columns: headerNames(headerRow) }
}

function inspectJsonLines(body: string, whole: boolean): Inspection {
  const lines = body.split('\n')
  // The last line of a sample may be cut off.
  if (!whole) lines.pop()
  const keys = new Set<string>()
  let records = 0
  // Columns are the keys of the first lines' objects; a bad line among them is the run's to report, by number.
  for (const line of lines.slice(0, JSONL_KEY_LINES)) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      continue
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    for (const key of Object.keys(value)) keys.add(key)
    records++
  }
  if (records === 0) return { ok: false, message: `No line among the first ${JSONL_KEY_LINES} is a JSON object: a JSON Lines file has one object a line.` }
  return { ok: true, format: 'jsonl', delimiter: '', columns: [...keys] }
}

/** The first rows of an inspected file, as text cells in the order of `columns`. */
export async function sampleRows(path: string, format: FileFormat, delimiter: string, columns: string[]): Promise<SampleRows> {
  let bytes: Buffer
  try {
    bytes = await head(path)
  } catch {
    return []
  }
  const text = (decode(bytes, false) ?? '').replace(/^\uFEFF/, '')
  if (format === 'csv') {
    const parsed = Papa.parse<string[]>(text, { preview: SAMPLE_ROWS + 1, skipEmptyLines: 'greedy', delimiter })
    return parsed.data.slice(1, SAMPLE_ROWS + 1)
  }
  const rows: SampleRows = []
  for (const line of text.split('\n')) {
    if (rows.length >= SAMPLE_ROWS) break
    if (line.trim() === '') continue
    try {
      const record = JSON.parse(line) as Record<string, unknown>
      rows.push(columns.map((column) => cellText(record[column])))
    } catch {
      break
    }
  }
  return rows
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
