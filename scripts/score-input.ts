import type { z } from 'zod'
import { BacktestMappingSchema, compileRowReader, mappingProblems, type BacktestMapping } from '../app/domain/backtest/mapping'
import { formatPath, type Lead, type ScoringConfig } from '../app/domain/scoring'

/*
 * How leadpact-score turns a CSV row or a JSON line into a lead (DESIGN §5, §8): one reading of
 * a value on every path. A CSV cell is the same text as in JSON: "yes" stays "yes", "1,000" stays
 * "1,000" and "07/01/2025" stays "07/01/2025", and the engine reads them as it reads that text in
 * JSON Lines, the API or SQL. Conversions ("Yes" is true, "1,000" is 1000, "Select" is absent,
 * day-first dates) are declared in a mapping file (--mapping): the back-test's saved mapping,
 * read by the back-test's own row reader, so one file means one thing in both places.
 */

/** Where the mapping's unused outcome is "read" from: no file has a column with this name. */
const NO_OUTCOME_COLUMN = '\u0000leadpact-score: no outcome'
const NO_OUTCOME = 'scored'

/**
 * The CLI scores new leads, which have no outcome yet, as of --as-of. So the back-test's outcome
 * (and the lists of converted values) may be left out of a mapping written for the CLI; when
 * present they are accepted and ignored. The created-date column still dates the activities that
 * count columns make, as in the back-test.
 */
const CLI_DEFAULTS = { createdAt: null, activities: [] }

export type MappingRead = { ok: true; mapping: BacktestMapping } | { ok: false; errors: string[] }

/** A mapping file's JSON, checked with the back-test's schema. */
export function readMapping(json: unknown): MappingRead {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, errors: ['expected a JSON object (a back-test mapping)'] }
  const withOutcome = { ...CLI_DEFAULTS, ...json, outcome: { column: NO_OUTCOME_COLUMN, convertedValues: [NO_OUTCOME] } }
  const parsed = BacktestMappingSchema.safeParse(withOutcome)
  if (parsed.success) return { ok: true, mapping: parsed.data }
  return { ok: false, errors: parsed.error.issues.slice(0, 5).map((issue: z.core.$ZodIssue) => `${formatPath(issue.path) || 'the mapping'}: ${issue.message}`) }
}

/** A lead, or why its line cannot be one. */
export type LeadRead = Lead | string

export interface CsvHeaderCheck {
  /** Why the header cannot be scored (the CLI exits 2), if it cannot. */
  problem?: string
  /** Columns that feed nothing, for a warning. */
  ignored: string[]
}

/** Whether a CSV header can be read with this config (and mapping): at least one column must feed a field. */
export function checkCsvHeader(header: readonly string[], config: ScoringConfig, mapping: BacktestMapping | undefined): CsvHeaderCheck {
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name)) return { problem: `the column "${name}" appears twice in the header`, ignored: [] }
    seen.add(name)
  }
  if (mapping) {
    const problems = mappingProblems(mapping, [...header, NO_OUTCOME_COLUMN], config)
    if (problems.length > 0) return { problem: `the mapping does not fit this file: ${problems.join(' ')}`, ignored: [] }
    const used = new Set([...mapping.fields.map((entry) => entry.column), ...mapping.activities.map((entry) => entry.column), mapping.createdAt?.column, 'id', 'activities'])
    return { ignored: header.filter((name) => !used.has(name)) }
  }
  const fieldKeys = new Set(config.fields.map((field) => field.key))
  const ignored = header.filter((name) => !fieldKeys.has(name) && name !== 'id' && name !== 'activities')
  if (fieldKeys.size > 0 && !header.some((name) => fieldKeys.has(name))) {
    const list = (names: readonly string[]) => (names.length === 0 ? '(none)' : names.map((name) => JSON.stringify(name)).join(', '))
    return {
      problem: `no column is named by a field of the config (columns seen: ${list(header)}; fields expected: ${list([...fieldKeys])}); name the columns by field key or map them with --mapping`,
      ignored,
    }
  }
  return { ignored }
}

/**
 * Reads CSV rows of a file with this header into leads. Without a mapping, a column named by a
 * field key is that attribute, as text; "id" is the lead's id and "activities" a JSON array of
 * { type, at } (unless fields carry those keys). With a mapping, the mapping says which column
 * feeds which field and how its text converts, exactly as in the back-test.
 */
export function csvLeadReader(header: readonly string[], config: ScoringConfig, mapping: BacktestMapping | undefined, asOfMs: number): (cells: readonly string[]) => LeadRead {
  const fieldKeys = new Set(config.fields.map((field) => field.key))
  const idAt = header.indexOf('id')
  const activitiesAt = fieldKeys.has('activities') ? -1 : header.indexOf('activities')
  const readId = (cells: readonly string[]) => {
    if (idAt < 0) return null
    const id = cells[idAt].trim()
    return id === '' ? null : id
  }
  const readActivities = (cells: readonly string[]): unknown[] | string | undefined => {
    if (activitiesAt < 0) return undefined
    const text = cells[activitiesAt].trim()
    if (text === '') return undefined
    let activities: unknown
    try {
      activities = JSON.parse(text)
    } catch {
      return 'activities: expected a JSON array of { "type", "at" }'
    }
    return Array.isArray(activities) ? activities : 'activities: expected a JSON array of { "type", "at" }'
  }

  if (mapping) {
    const columns = [...header, NO_OUTCOME_COLUMN]
    const readRow = compileRowReader(mapping, columns, config, asOfMs)
    return (cells) => {
      const mapped = readRow([...cells, NO_OUTCOME])
      if (!mapped.ok) return mapped.message
      const own = readActivities(cells)
      if (typeof own === 'string') return own
      const activities = own ? [...own, ...(mapped.lead.activities ?? [])] : mapped.lead.activities
      return { id: readId(cells), attributes: mapped.lead.attributes, ...(activities ? { activities } : {}) } as Lead
    }
  }

  const fields: { key: string; at: number }[] = []
  header.forEach((name, at) => {
    if (fieldKeys.has(name)) fields.push({ key: name, at })
  })
  const readAttributes = attributesReader(fields)
  return (cells) => {
    const attributes = readAttributes(cells)
    const activities = readActivities(cells)
    if (typeof activities === 'string') return activities
    return (activities === undefined ? { id: readId(cells), attributes } : { id: readId(cells), attributes, activities }) as Lead
  }
}

/**
 * A row's attributes, built as an object literal compiled for this header (`new Function`): every
 * row's object then has the same shape from the start, where assigning the keys one by one took a
 * megamorphic store per cell (~3% of a CSV run). A plain object keeps V8's fast properties (one
 * without a prototype does not). Every key is a computed key passed in as an argument: no header
 * text enters the source, and "__proto__" becomes an own attribute (a literal's "__proto__": would
 * set the prototype, as plain assignment would).
 */
export function attributesReader(fields: readonly { key: string; at: number }[]): (cells: readonly string[]) => Record<string, unknown> {
  // The keys are arguments of the generated code, never its source (as in the engine, ADR 016); a
  // computed key defines an own property, "__proto__" included.
  const names = fields.map((_, i) => `k${i}`)
  const entries = fields.map(({ at }, i) => `[k${i}]: cells[${at}]`)
  // Each key as V8 keeps a property's name (Object.keys gives it back so): the header's text, cut
  // from the file or copied to a worker thread, made every row's object look its keys up again
  // (1M CSV rows: 2.57 → 2.17 s, ~0.8 µs a row in each worker).
  const keys = fields.map((field) => Object.keys({ [field.key]: 0 })[0])
  try {
    return new Function(...names, `return (cells) => ({ ${entries.join(', ')} })`)(...keys) as (cells: readonly string[]) => Record<string, unknown>
  } catch {
    // Code generation refused (node --disallow-code-generation-from-strings): the same object, key by key.
    return (cells) => {
      const attributes: Record<string, unknown> = {}
      for (const { key, at } of fields) Object.defineProperty(attributes, key, { value: cells[at], enumerable: true, writable: true, configurable: true })
      return attributes
    }
  }
}

/**
 * With a mapping, a JSON line's attributes are the row: the mapping reads the columns it names
 * from them (converting as it says) and the lead's own activities are kept. Without one, the
 * lead is scored as it is.
 */
export function jsonLeadMapper(config: ScoringConfig, mapping: BacktestMapping | undefined, asOfMs: number): ((lead: Lead) => LeadRead) | undefined {
  if (!mapping) return undefined
  const columns = [
    ...new Set([...mapping.fields.map((entry) => entry.column), ...mapping.activities.map((entry) => entry.column), ...(mapping.createdAt ? [mapping.createdAt.column] : [])]),
    NO_OUTCOME_COLUMN,
  ]
  const readRow = compileRowReader(mapping, columns, config, asOfMs)
  const last = columns.length - 1
  const cells: unknown[] = new Array<unknown>(columns.length)
  return (lead) => {
    const attributes = lead.attributes
    for (let i = 0; i < last; i++) cells[i] = Object.hasOwn(attributes, columns[i]) ? attributes[columns[i]] : undefined
    cells[last] = NO_OUTCOME
    const mapped = readRow(cells)
    if (!mapped.ok) return mapped.message
    const activities = lead.activities ? [...lead.activities, ...(mapped.lead.activities ?? [])] : mapped.lead.activities
    return { id: lead.id, attributes: mapped.lead.attributes, ...(activities ? { activities } : {}) } as Lead
  }
}

/** Problems of a mapping against the config alone (JSON Lines have no header to check). */
export function mappingConfigProblems(mapping: BacktestMapping, config: ScoringConfig): string[] {
  const columns = [...mapping.fields.map((entry) => entry.column), ...mapping.activities.map((entry) => entry.column), ...(mapping.createdAt ? [mapping.createdAt.column] : []), NO_OUTCOME_COLUMN]
  return mappingProblems(mapping, columns, config)
}
