import { z } from 'zod'
import type { ScoringConfig } from '~/domain/scoring'
import { fold } from './row-reader'

export { compileRowReader, monthOf, type MappedRow, type RowReader, type RowReaderOptions } from './row-reader'

/*
 * How the columns of a file of historical leads become leads the engine scores (DESIGN §5, §6):
 * every conversion is declared here, never implicit. "Select" counts as absent because the
 * mapping says so; "Yes" is true because it is one of the mapping's true values; "TotalVisits = 5"
 * is five visits because an activity mapping says so.
 */

export const DEFAULT_EMPTY_TOKENS = ['Select', 'N/A', '-'] as const
export const DEFAULT_TRUE_VALUES = ['yes', 'true', '1', 'y'] as const
export const DEFAULT_FALSE_VALUES = ['no', 'false', '0', 'n'] as const
export const DEFAULT_CONVERTED_VALUES = ['1', 'yes', 'true', 'won', 'converted'] as const
/** A count column makes at most this many activities for one lead; a larger count is a bad row. */
export { MAX_ACTIVITIES_PER_CELL } from './row-reader'

export const NUMBER_FORMATS = ['plain', 'comma-thousands', 'dot-thousands'] as const
export type NumberFormat = (typeof NUMBER_FORMATS)[number]
export const NUMBER_FORMAT_LABELS: Record<NumberFormat, string> = {
  plain: '1234.5 (no thousands separator)',
  'comma-thousands': '1,234.5 (comma between thousands)',
  'dot-thousands': '1.234,5 (dot between thousands, decimal comma)',
}
export const DATE_FORMATS = ['iso', 'day-first', 'month-first'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: '2026-03-14 or 2026-03-14T09:30:00Z (ISO 8601, or epoch milliseconds)',
  'day-first': '14/03/2026 or 14.03.2026 09:30 (day first)',
  'month-first': '03/14/2026 9:30 (month first)',
}

const ColumnName = z.string().min(1, 'Choose a column.').max(500, 'A column name has at most 500 characters.')
const Token = z.string().trim().min(1, 'A value must not be blank.').max(100, 'A value has at most 100 characters.')
const Key = z.string().min(1).max(100)

export const ActivityMappingSchema = z.discriminatedUnion('kind', [
  /** The cell holds a count: "TotalVisits = 5" gives five activities. */
  z.object({ kind: z.literal('count'), column: ColumnName, activity: Key }),
  /** The cell names what happened: "Last Activity = Email Opened" gives one activity. */
  z.object({ kind: z.literal('value'), column: ColumnName, value: Token, activity: Key }),
])
export type ActivityMapping = z.infer<typeof ActivityMappingSchema>

export const BacktestMappingSchema = z
  .object({
    version: z.literal(1),
    /** Cell values that mean "no answer", compared trimmed and case-insensitively. */
    emptyTokens: z.array(Token).max(50),
    /** For boolean fields, compared trimmed and case-insensitively. */
    trueValues: z.array(Token).min(1).max(20),
    falseValues: z.array(Token).min(1).max(20),
    numberFormat: z.enum(NUMBER_FORMATS),
    dateFormat: z.enum(DATE_FORMATS),
    /** Which column feeds each field of the scoring model (fields not listed stay absent). */
    fields: z.array(z.object({ field: Key, column: ColumnName })).max(500),
    outcome: z.object({ column: ColumnName, convertedValues: z.array(Token).min(1, 'Name at least one value that means converted.').max(20) }),
    /** The lead's created date: MQLs per month, the date of its mapped activities and the moment it is scored as of. */
    createdAt: z.object({ column: ColumnName }).nullable(),
    activities: z.array(ActivityMappingSchema).max(100),
  })
  .superRefine((mapping, context) => {
    const trueSet = new Set(mapping.trueValues.map(fold))
    const both = mapping.falseValues.filter((value) => trueSet.has(fold(value)))
    if (both.length) context.addIssue({ code: 'custom', path: ['falseValues'], message: `"${both[0]}" cannot mean both true and false.` })
    const seen = new Set<string>()
    mapping.fields.forEach((entry, index) => {
      if (seen.has(entry.field)) context.addIssue({ code: 'custom', path: ['fields', index, 'field'], message: `The field ${entry.field} is mapped twice.` })
      seen.add(entry.field)
    })
  })
export type BacktestMapping = z.infer<typeof BacktestMappingSchema>


/** A column or field name reduced to letters and digits: "Lead Source", "lead_source" and "leadSource" match. */
export function normaliseColumnName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

const OUTCOME_NAMES = ['converted', 'won', 'outcome', 'isconverted', 'closedwon', 'iswon', 'convertedtocustomer', 'customer']
const CREATED_NAMES = ['createdat', 'created', 'createddate', 'createdon', 'createdtime', 'leadcreated', 'leadcreatedat', 'leadcreateddate', 'createdatetime', 'date']

/**
 * A mapping for a file with these columns: the workshop's saved mapping where its columns are in
 * the file, and for everything else the column whose normalised name matches the field's key or
 * label (or, for the outcome and created date, a usual name such as "Converted" or "Created at").
 * `missing` lists the saved mapping's columns this file does not have.
 */
export function suggestMapping(columns: readonly string[], config: Pick<ScoringConfig, 'fields' | 'activities'>, saved: BacktestMapping | null) {
  const present = new Set(columns)
  const byName = new Map<string, string>()
  for (const column of columns) {
    const name = normaliseColumnName(column)
    if (name && !byName.has(name)) byName.set(name, column)
  }
  const missing = new Set<string>()
  const keep = (column: string | undefined) => {
    if (column === undefined) return undefined
    if (present.has(column)) return column
    missing.add(column)
    return undefined
  }
  const fieldKeys = new Set(config.fields.map((field) => field.key))
  const activityKeys = new Set(config.activities.map((activity) => activity.key))

  const fields: BacktestMapping['fields'] = []
  for (const field of config.fields) {
    const savedColumn = keep(saved?.fields.find((entry) => entry.field === field.key)?.column)
    const column = savedColumn ?? byName.get(normaliseColumnName(field.key)) ?? byName.get(normaliseColumnName(field.label))
    if (column !== undefined) fields.push({ field: field.key, column })
  }
  const outcomeColumn = keep(saved?.outcome.column) ?? OUTCOME_NAMES.map((name) => byName.get(name)).find(Boolean) ?? ''
  const createdColumn = keep(saved?.createdAt?.column) ?? CREATED_NAMES.map((name) => byName.get(name)).find(Boolean)
  const activities = (saved?.activities ?? []).filter((entry) => keep(entry.column) !== undefined && activityKeys.has(entry.activity))
  // An activity type whose key or label names a column outright ("Demo requests") counts it.
  for (const activity of config.activities) {
    const column = byName.get(normaliseColumnName(activity.key)) ?? byName.get(normaliseColumnName(activity.label))
    if (column !== undefined && !activities.some((entry) => entry.column === column)) activities.push({ kind: 'count', column, activity: activity.key })
  }
  const mapping = {
    version: 1 as const,
    emptyTokens: saved?.emptyTokens ?? [...DEFAULT_EMPTY_TOKENS],
    trueValues: saved?.trueValues ?? [...DEFAULT_TRUE_VALUES],
    falseValues: saved?.falseValues ?? [...DEFAULT_FALSE_VALUES],
    numberFormat: saved?.numberFormat ?? ('plain' as const),
    dateFormat: saved?.dateFormat ?? ('iso' as const),
    fields: fields.filter((entry) => fieldKeys.has(entry.field)),
    outcome: { column: outcomeColumn, convertedValues: saved?.outcome.convertedValues ?? [...DEFAULT_CONVERTED_VALUES] },
    createdAt: createdColumn === undefined ? null : { column: createdColumn },
    activities,
  }
  return { mapping, missing: [...missing] }
}

/**
 * What stops this mapping from running on a file with these columns and a model with these
 * fields and activities: each problem in words. Empty when it can run.
 */
export function mappingProblems(mapping: BacktestMapping, columns: readonly string[], config: Pick<ScoringConfig, 'fields' | 'activities'>): string[] {
  const present = new Set(columns)
  const problems: string[] = []
  const used = [
    ...mapping.fields.map((entry) => entry.column),
    mapping.outcome.column,
    ...(mapping.createdAt ? [mapping.createdAt.column] : []),
    ...mapping.activities.map((entry) => entry.column),
  ]
  const absent = [...new Set(used.filter((column) => !present.has(column)))]
  if (absent.length) problems.push(`The file has no column ${absent.map((column) => `"${column}"`).join(', ')}.`)
  const fieldKeys = new Set(config.fields.map((field) => field.key))
  const unknownFields = mapping.fields.filter((entry) => !fieldKeys.has(entry.field)).map((entry) => entry.field)
  if (unknownFields.length) problems.push(`The scoring model has no field ${unknownFields.join(', ')}.`)
  const activityKeys = new Set(config.activities.map((activity) => activity.key))
  const unknownActivities = [...new Set(mapping.activities.filter((entry) => !activityKeys.has(entry.activity)).map((entry) => entry.activity))]
  if (unknownActivities.length) problems.push(`The scoring model has no activity type ${unknownActivities.join(', ')}.`)
  if (mapping.fields.some((entry) => entry.column === mapping.outcome.column)) {
    problems.push(`The outcome column "${mapping.outcome.column}" also feeds a field: the model would see the answer it is tested against.`)
  }
  return problems
}
