import type { FieldType, Lead, LeadActivity, ScoringConfig } from '~/domain/scoring/config-schema'
import { numberFromText } from '~/domain/scoring/normalise'
import { TextMemo } from '~/domain/scoring/text-memo'
import { parseTimestamp } from '~/domain/scoring/timestamps'
import type { BacktestMapping, DateFormat, NumberFormat } from './mapping'

/*
 * A mapping compiled for one file (mapping.ts says what a mapping is and checks it): reads a
 * row's cells into a lead to score. It runs in every back-test worker thread and the CLI, for
 * every row, so it imports nothing it does not run (no schema library: a worker starts faster).
 */

/** A lead's activities a single cell may stand for ("TotalVisits = 5" is five visits). */
export const MAX_ACTIVITIES_PER_CELL = 1000

/** Text compared as the mapping compares it: trimmed, case folded. */
export function fold(text: string): string {
  return text.trim().toLowerCase()
}

/** One row of the file read through the mapping: a lead to score, or why the row is bad. */
export type MappedRow =
  | { ok: true; lead: Lead; converted: boolean; month: string; asOfMs: number }
  | { ok: false; message: string }

type CellValue = unknown

interface FieldReader {
  key: string
  store: (target: Record<string, unknown>, value: unknown) => void
  type: FieldType
  at: number
  column: string
}

export interface RowReaderOptions {
  /**
   * One lead, rewritten for every row, for a caller that scores each row and forgets it at once
   * (the back-test): no objects per row, and one shape of attributes (every mapped field present,
   * undefined when absent, which the engine reads as absent) so the engine's reads stay fast. A
   * row's lead is only valid until the next row is read.
   */
  reuse?: boolean
}

/**
 * Compiles a mapping for a file whose header is `columns` into a function from one row's cells
 * to a lead. Call mappingProblems first: a column the file lacks reads as absent here.
 * `runAsOfMs` is the moment leads without a created date are scored as of.
 */
export function compileRowReader(mapping: BacktestMapping, columns: readonly string[], config: Pick<ScoringConfig, 'fields'>, runAsOfMs: number, options: RowReaderOptions = {}) {
  const indexOf = new Map<string, number>()
  columns.forEach((column, i) => {
    if (!indexOf.has(column)) indexOf.set(column, i)
  })
  const at = (column: string) => indexOf.get(column) ?? -1
  const types = new Map(config.fields.map((field) => [field.key, field.type]))
  const fields: FieldReader[] = mapping.fields
    .filter((entry) => types.has(entry.field))
    .map((entry) => ({ key: entry.field, type: types.get(entry.field)!, at: at(entry.column), column: entry.column, store: fieldStore(entry.field) }))
  const empty = new Set(mapping.emptyTokens.map(fold))
  // Cheap tests first: most cells are not an empty token, and lower-casing each one would cost more than the rest of its reading.
  const emptyLengths = new Set([...empty].map((token) => token.length))
  const emptyFirstCodes = new Set([...empty].map((token) => token.charCodeAt(0) | 0x20))
  const maxEmptyLength = Math.max(0, ...emptyLengths)
  /** emptyLength[n] is 1 when an empty token is n characters long. */
  const emptyLength = new Uint8Array(maxEmptyLength + 1)
  for (const length of emptyLengths) emptyLength[length] = 1
  const trueValues = new Set(mapping.trueValues.map(fold))
  const falseValues = new Set(mapping.falseValues.map(fold))
  // Yes/no columns hold a handful of spellings: each is looked up once, then remembered as written.
  const booleanOf = memo((text: string) => {
    const folded = text.toLowerCase()
    return trueValues.has(folded) ? true : falseValues.has(folded) ? false : undefined
  })
  const convertedValues = new Set(mapping.outcome.convertedValues.map(fold))
  // An outcome column holds a handful of spellings too.
  const convertedOf = memo((text: string) => convertedValues.has(text.toLowerCase()))
  const outcomeAt = at(mapping.outcome.column)
  const outcomeColumn = mapping.outcome.column
  const createdAt = mapping.createdAt ? at(mapping.createdAt.column) : -1
  const createdColumn = mapping.createdAt?.column ?? ''
  const counts = mapping.activities.flatMap((entry) => (entry.kind === 'count' ? [{ ...entry, at: at(entry.column) }] : []))
  // Value mappings by column: one reading of "Last Activity" finds every activity its value stands for.
  const valueColumns = [...new Set(mapping.activities.flatMap((entry) => (entry.kind === 'value' ? [entry.column] : [])))].map((column) => {
    const byValue = new Map<string, string[]>()
    for (const entry of mapping.activities) {
      if (entry.kind !== 'value' || entry.column !== column) continue
      const list = byValue.get(fold(entry.value)) ?? []
      list.push(entry.activity)
      byValue.set(fold(entry.value), list)
    }
    return { column, at: at(column), activitiesOf: memo((text: string) => byValue.get(text.toLowerCase())) }
  })
  const readNumber = numberReader(mapping.numberFormat)
  const readDate = dateReader(mapping.dateFormat)

  /** Trimmed text of a cell; null when absent (empty or a declared empty token); undefined when it has no text form (a nested JSON value). */
  function textOf(value: CellValue): string | null | undefined {
    if (typeof value === 'string') {
      // Most cells start and end with a printable ASCII character: nothing to trim.
      const length = value.length
      const trimmed = length > 0 && isPrintable(value.charCodeAt(0)) && isPrintable(value.charCodeAt(length - 1)) ? value : value.trim()
      if (trimmed.length === 0) return null
      if (trimmed.length <= maxEmptyLength && emptyLength[trimmed.length] === 1 && emptyFirstCodes.has(trimmed.charCodeAt(0) | 0x20) && empty.has(trimmed.toLowerCase())) return null
      return trimmed
    }
    if (value === null || value === undefined) return null
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
    if (typeof value === 'boolean') return value ? 'true' : 'false'
    return undefined
  }

  const reuse = options.reuse === true
  const shared: Record<string, unknown> = {}
  if (reuse) for (const field of fields) field.store(shared, undefined)
  /** This row's activities (reuse only): the pooled objects, in a small array made per row (cheaper than emptying one). */
  let sharedActivities: LeadActivity[] = []
  const sharedLead: { attributes: Record<string, unknown>; activities: LeadActivity[] | undefined } = { attributes: shared, activities: undefined }
  const sharedRow = { ok: true as const, lead: sharedLead as Lead, converted: false, month: '', asOfMs: 0 }
  /** Activity objects of earlier rows, rewritten for this one (reuse only). */
  const activityPool: LeadActivity[] = []
  const addActivity = (list: LeadActivity[] | undefined, type: string, at: number): LeadActivity[] => {
    if (!reuse) {
      const activities = list ?? []
      activities.push({ type, at })
      return activities
    }
    const n = sharedActivities.length
    let activity = activityPool[n]
    if (activity === undefined) activityPool.push((activity = { type, at }))
    else {
      activity.type = type
      activity.at = at
    }
    sharedActivities.push(activity)
    return sharedActivities
  }

  return function readRow(cells: readonly CellValue[]): MappedRow {
    const attributes: Record<string, unknown> = reuse ? shared : {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]
      if (field.at < 0) continue
      const cell = cells[field.at]
      // A JSON true or false is a boolean already; only text needs the declared values.
      if (typeof cell === 'boolean' && field.type === 'boolean') {
        field.store(attributes, cell)
        continue
      }
      const text = textOf(cell)
      if (text === null) {
        if (reuse) field.store(attributes, undefined)
        continue
      }
      if (text === undefined) return { ok: false, message: `${field.column}: a nested value, not text` }
      switch (field.type) {
        case 'number': {
          const n = readNumber(text)
          if (n !== n) return { ok: false, message: `${field.column}: "${clip(text)}" is not a number` }
          field.store(attributes, n)
          break
        }
        case 'boolean': {
          const value = booleanOf(text)
          if (value === undefined) return { ok: false, message: `${field.column}: "${clip(text)}" is neither a true nor a false value` }
          field.store(attributes, value)
          break
        }
        case 'date': {
          const ms = readDate(text)
          if (ms !== ms) return { ok: false, message: `${field.column}: "${clip(text)}" is not a date` }
          field.store(attributes, mapping.dateFormat === 'iso' ? text : ms)
          break
        }
        default:
          field.store(attributes, text)
      }
    }

    const outcome = outcomeAt < 0 ? null : textOf(cells[outcomeAt])
    if (outcome === null) return { ok: false, message: `${outcomeColumn}: no outcome` }
    if (outcome === undefined) return { ok: false, message: `${outcomeColumn}: a nested value, not an outcome` }
    const converted = convertedOf(outcome)

    let createdMs = NaN
    if (createdAt >= 0) {
      const text = textOf(cells[createdAt])
      if (text === undefined) return { ok: false, message: `${createdColumn}: a nested value, not a date` }
      if (text !== null) {
        createdMs = readDate(text)
        if (createdMs !== createdMs) return { ok: false, message: `${createdColumn}: "${clip(text)}" is not a date` }
      }
    }
    const dated = createdMs === createdMs
    const asOfMs = dated ? createdMs : runAsOfMs

    let leadActivities: LeadActivity[] | undefined
    if (reuse && sharedActivities.length > 0) sharedActivities = []
    for (let i = 0; i < counts.length; i++) {
      const entry = counts[i]
      if (entry.at < 0) continue
      const text = textOf(cells[entry.at])
      if (text === null) continue
      if (text === undefined) return { ok: false, message: `${entry.column}: a nested value` }
      const count = numberFromText(text)
      if (!Number.isInteger(count) || count < 0) return { ok: false, message: `${entry.column}: "${clip(text)}" is not a whole number of activities` }
      if (count > MAX_ACTIVITIES_PER_CELL) return { ok: false, message: `${entry.column}: ${count} is more than ${MAX_ACTIVITIES_PER_CELL.toLocaleString('en-US')} activities` }
      for (let k = 0; k < count; k++) leadActivities = addActivity(leadActivities, entry.activity, asOfMs)
    }
    for (let i = 0; i < valueColumns.length; i++) {
      const entry = valueColumns[i]
      if (entry.at < 0) continue
      const text = textOf(cells[entry.at])
      if (text === null) continue
      if (text === undefined) return { ok: false, message: `${entry.column}: a nested value` }
      const types = entry.activitiesOf(text)
      if (types === undefined) continue
      for (let k = 0; k < types.length; k++) leadActivities = addActivity(leadActivities, types[k], asOfMs)
    }

    const month = dated ? monthOf(createdMs) : ''
    if (reuse) {
      sharedLead.activities = leadActivities
      sharedRow.converted = converted
      sharedRow.month = month
      sharedRow.asOfMs = asOfMs
      return sharedRow
    }
    const lead: Lead = leadActivities ? { attributes, activities: leadActivities } : { attributes }
    return { ok: true, lead, converted, month, asOfMs }
  }
}

export type RowReader = ReturnType<typeof compileRowReader>

/**
 * A pure function of a cell's text, remembered for the first 1,000 distinct texts (a column of
 * categories has a few dozen). In a TextMemo, as the engine remembers attribute values: a cell is
 * a new string each row, and a Map would hash all of it.
 */
function memo<T>(compute: (text: string) => T): (text: string) => T {
  // undefined is a value too (a text that means nothing): kept as this marker, so one lookup answers.
  const UNDEFINED = {}
  const known = new TextMemo<T | typeof UNDEFINED>()
  return (text) => {
    const hit = known.get(text)
    if (hit !== undefined) return (hit === UNDEFINED ? undefined : hit) as T
    const value = compute(text)
    if (known.size < 1000) known.set(text, value === undefined ? UNDEFINED : value)
    return value
  }
}

/** A character that trim() keeps at either end: printable ASCII, space excluded. */
function isPrintable(code: number): boolean {
  return code > 0x20 && code < 0x7f
}

/**
 * Stores one field's value in a lead's attributes. A plain object keeps V8's fast properties (one
 * without a prototype does not); "__proto__" is the one key plain assignment would not store as
 * an own property.
 */
function fieldStore(key: string): (target: Record<string, unknown>, value: unknown) => void {
  if (key === '__proto__') return (target, value) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return (target, value) => {
    target[key] = value
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

function numberReader(format: NumberFormat): (text: string) => number {
  if (format === 'comma-thousands') return (text) => numberFromText(text.includes(',') ? text.replace(/,(?=\d{3}(\D|$))/g, '') : text)
  if (format === 'dot-thousands') return (text) => numberFromText(text.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.'))
  return numberFromText
}

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

function dateReader(format: DateFormat): (text: string) => number {
  if (format === 'iso') return parseTimestamp
  const dayFirst = format === 'day-first'
  return (text) => {
    const match = DAY_MONTH_YEAR.exec(text)
    if (!match) return NaN
    const [first, second, year, hour, minute, second2] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)))
    const day = dayFirst ? first : second
    const month = dayFirst ? second : first
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second2 > 59) return NaN
    const ms = Date.UTC(year, month - 1, day, hour, minute, second2)
    // Date.UTC rolls 31 April over to 1 May: refuse dates that are not on the calendar.
    return new Date(ms).getUTCDate() === day ? ms : NaN
  }
}

/** "2026-03" for a moment in March 2026 (UTC). */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7)
}
