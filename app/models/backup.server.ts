import { createHash, randomBytes } from 'node:crypto'
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { z } from 'zod'
import {
  agreedTraits,
  assessmentResponses,
  assessmentRounds,
  backtestMappings,
  backtestRuns,
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
  workshopLogos,
  workshops,
} from '#db/schema'
import { newId } from '#db/ids'
import { questionSetById, type Answer } from '~/domain/assessment/questions'
import { isComplete } from '~/domain/assessment/schemas'
import { MIN_RESPONSES_PER_TEAM, TEAMS, type Team } from '~/domain/assessment/scoring'
import { FINISHED_STATUSES } from '~/domain/backtest/status'
import { NON_ACCOUNT_PASSWORD_HASH, nonAccountAuthorEmail } from '~/domain/backup/authors'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  checkBackupText,
  countUnrevealedNotes,
  countWithheldResponses,
  type BackupFile,
  type UnrevealedNotes,
  type WithheldResponses,
} from '~/domain/backup/format'
import {
  AssessmentResponseRowSchema,
  AssessmentRoundRowSchema,
  BacktestMappingRowSchema,
  BacktestRunRowSchema,
  WorkshopLogoRowSchema,
} from '~/domain/backup/sections'
import { checkVersionContent } from '~/domain/backup/versions'
import { database } from '~/models/db.server'

/*
 * Which tables make up a workshop, in insert order, and which of their columns point at
 * users or at other rows (so ids can be remapped on import). Secrets (invites, API tokens,
 * share links, sessions) are deliberately absent.
 */
type Columns = Record<string, SQLiteColumn>
type Row = Record<string, unknown>

type TableSpec = {
  name: string
  table: SQLiteTable
  userColumns: string[]
  rowRefs?: Record<string, string>
  /** JSON columns holding lists of row ids of another table. */
  idLists?: Record<string, string>
  /** Team notes, or rows that quote them: exported only once the board is revealed (ADR 008). */
  teamNotes?: true
  /** One row per workshop, keyed by the workshop's id: the copy's row takes the new workshop's id. */
  keyedByWorkshop?: true
  /** No workshop_id column: the rows belong to the workshop through a row of `parent`, named in `column`. */
  ownedThrough?: { column: string; parent: string }
  /** What goes into the file, when it is not every row of the workshop as stored. */
  exportRows?: (workshopId: string) => Promise<{ rows: Row[]; withheld?: WithheldResponses }>
  /** Every row of the file is read with this schema (format version 2's sections) before anything is written. */
  schema?: z.ZodType<Row>
}

const TABLES: TableSpec[] = [
  { name: 'scoring_fields', table: scoringFields, userColumns: [] },
  { name: 'scoring_activities', table: scoringActivities, userColumns: [] },
  { name: 'scoring_rules', table: scoringRules, userColumns: ['updatedBy'] },
  { name: 'scoring_settings', table: scoringSettings, userColumns: ['updatedBy'], keyedByWorkshop: true },
  { name: 'criterion_suggestions', table: criterionSuggestions, userColumns: [] },
  { name: 'example_leads', table: exampleLeads, userColumns: ['createdBy'] },
  { name: 'workshop_contexts', table: workshopContexts, userColumns: ['updatedBy'] },
  { name: 'lead_traits', table: leadTraits, userColumns: ['authorId'], teamNotes: true },
  { name: 'trait_links', table: traitLinks, userColumns: ['createdBy'], rowRefs: { traitAId: 'lead_traits', traitBId: 'lead_traits' }, teamNotes: true },
  { name: 'agreed_traits', table: agreedTraits, userColumns: ['agreedBy'], idLists: { sourceTraitIds: 'lead_traits' }, teamNotes: true },
  { name: 'lead_boards', table: leadBoards, userColumns: ['revealedBy'] },
  { name: 'personas', table: personas, userColumns: ['updatedBy'] },
  { name: 'comments', table: comments, userColumns: ['authorId'] },
  { name: 'lifecycle_stages', table: lifecycleStages, userColumns: ['updatedBy'] },
  { name: 'funnel_targets', table: funnelTargets, userColumns: ['updatedBy'] },
  { name: 'handoff_slas', table: handoffSlas, userColumns: ['updatedBy'] },
  { name: 'sign_offs', table: signOffs, userColumns: ['userId'] },
  // Format version 2.
  { name: 'backtest_mappings', table: backtestMappings, userColumns: ['updatedBy'], keyedByWorkshop: true, schema: BacktestMappingRowSchema },
  { name: 'backtest_runs', table: backtestRuns, userColumns: ['createdBy'], exportRows: finishedRuns, schema: BacktestRunRowSchema },
  { name: 'workshop_logos', table: workshopLogos, userColumns: ['uploadedBy'], keyedByWorkshop: true, schema: WorkshopLogoRowSchema },
  { name: 'assessment_rounds', table: assessmentRounds, userColumns: ['openedBy', 'closedBy'], schema: AssessmentRoundRowSchema },
  {
    name: 'assessment_responses',
    table: assessmentResponses,
    userColumns: [],
    rowRefs: { roundId: 'assessment_rounds' },
    ownedThrough: { column: 'roundId', parent: 'assessment_rounds' },
    exportRows: visibleResponses,
    schema: AssessmentResponseRowSchema,
  },
  // Last, and in the transaction that makes the workshop visible: a version row can never be
  // deleted (migration 0004), so it must not be written until nothing else can fail.
  { name: 'versions', table: versions, userColumns: ['publishedBy'] },
]


const columnsOf = (spec: TableSpec) => getTableColumns(spec.table) as Columns

function serialise(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]))
}

// ── Export ────────────────────────────────────────────────────────────────────────────────

/**
 * The back-test runs that ended (done, failed or cancelled), without `tempPath`: a run keeps
 * aggregates only, so these hold no lead. A run still mapping, queued or running is left out;
 * its file is on this server only.
 */
async function finishedRuns(workshopId: string) {
  const { db } = await database()
  const rows = (await db
    .select()
    .from(backtestRuns)
    .where(and(eq(backtestRuns.workshopId, workshopId), inArray(backtestRuns.status, [...FINISHED_STATUSES])))) as Row[]
  return { rows: rows.map(({ tempPath: _file, ...run }) => run) }
}

/**
 * The assessment responses the facilitator can read in the app (ADR 008, as the board's notes):
 * submitted responses of a team with at least MIN_RESPONSES_PER_TEAM of them in the round, as
 * the answers CSV shows them — team, answers, the two definitions. Never the respondent key, the
 * channel or the times, which could tell who answered; the ids are numbered afresh in the order
 * of the random ids, as the CSV numbers its rows. Everything else is counted per round.
 */
async function visibleResponses(workshopId: string) {
  const { db } = await database()
  const rounds = (await db.select({ id: assessmentRounds.id }).from(assessmentRounds).where(eq(assessmentRounds.workshopId, workshopId))).map((round) => round.id)
  const responses = rounds.length
    ? await db
        .select({
          id: assessmentResponses.id,
          roundId: assessmentResponses.roundId,
          team: assessmentResponses.team,
          answers: assessmentResponses.answers,
          mqlDefinition: assessmentResponses.mqlDefinition,
          sqlDefinition: assessmentResponses.sqlDefinition,
          submittedAt: assessmentResponses.submittedAt,
        })
        .from(assessmentResponses)
        .where(inArray(assessmentResponses.roundId, rounds))
    : []
  responses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const rows: Row[] = []
  const withheld: WithheldResponses = []
  for (const roundId of [...rounds].sort()) {
    const mine = responses.filter((response) => response.roundId === roundId)
    const submitted = mine.filter((response) => response.submittedAt !== null)
    const counts = Object.fromEntries(TEAMS.map((team) => [team, submitted.filter((response) => response.team === team).length])) as Record<Team, number>
    const shown = submitted.filter((response) => counts[response.team] >= MIN_RESPONSES_PER_TEAM)
    for (const { id: _id, submittedAt: _at, ...response } of shown) rows.push({ id: `response-${rows.length + 1}`, ...response })
    const hidden = Object.fromEntries(TEAMS.map((team) => [team, counts[team] >= MIN_RESPONSES_PER_TEAM ? 0 : counts[team]])) as Record<Team, number>
    const drafts = mine.length - submitted.length
    if (drafts > 0 || TEAMS.some((team) => hidden[team] > 0)) withheld.push({ roundId, submitted: hidden, drafts })
  }
  return { rows, withheld }
}

async function boardIsRevealed(workshopId: string) {
  const { db } = await database()
  const [board] = await db.select({ revealedAt: leadBoards.revealedAt }).from(leadBoards).where(eq(leadBoards.workshopId, workshopId))
  return Boolean(board?.revealedAt)
}

async function countTeamNotes(workshopId: string): Promise<UnrevealedNotes> {
  const { db } = await database()
  const rows = await db
    .select({ team: leadTraits.team, kind: leadTraits.kind, count: sql<number>`count(*)` })
    .from(leadTraits)
    .where(eq(leadTraits.workshopId, workshopId))
    .groupBy(leadTraits.team, leadTraits.kind)
  const counts: UnrevealedNotes = { marketing: { good: 0, bad: 0 }, sales: { good: 0, bad: 0 } }
  for (const row of rows) counts[row.team][row.kind] = Number(row.count)
  return counts
}

/**
 * The workshop as one file, holding no more than the facilitator who downloads it can see
 * (ADR 008, ADR 015). Before the board's reveal the teams' notes (and anything quoting them)
 * stay out: the board promises that nobody, the facilitator included, reads the other team's
 * notes until then. Their counts go in. Likewise the assessment responses the app shows only as
 * counts (visibleResponses), and back-test runs that have not ended (finishedRuns).
 */
export async function exportWorkshop(workshopId: string, now = new Date()): Promise<string> {
  const { db } = await database()
  const [workshop] = await db.select({ id: workshops.id, name: workshops.name, company: workshops.company }).from(workshops).where(eq(workshops.id, workshopId))
  if (!workshop) throw new Error(`No workshop ${workshopId}`)
  // Decided before any note is read; a reveal cannot be undone, so a later one only withholds more than needed.
  const revealed = await boardIsRevealed(workshopId)
  const tables: Record<string, Row[]> = {}
  const counts: Record<string, number> = {}
  const userIds = new Set<string>()
  let withheldResponses: WithheldResponses = []
  for (const spec of TABLES) {
    let rows: Row[]
    if (spec.teamNotes && !revealed) rows = []
    else if (spec.exportRows) {
      const exported = await spec.exportRows(workshopId)
      rows = exported.rows
      if (exported.withheld) withheldResponses = exported.withheld
    } else rows = (await db.select().from(spec.table).where(eq(columnsOf(spec).workshopId!, workshopId))) as Row[]
    rows.sort((a, b) => String(a.id).localeCompare(String(b.id)))
    for (const row of rows) for (const column of spec.userColumns) if (typeof row[column] === 'string') userIds.add(row[column] as string)
    tables[spec.name] = rows.map(serialise)
    counts[spec.name] = rows.length
  }
  const people = userIds.size
    ? (await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, [...userIds]))).sort((a, b) => a.email.localeCompare(b.email))
    : []
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    workshop,
    people,
    ...(revealed ? {} : { unrevealedNotes: await countTeamNotes(workshopId) }),
    ...(withheldResponses.length ? { withheldResponses } : {}),
    tables,
    counts,
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

// ── Import: plan (no database) ────────────────────────────────────────────────────────────

type NewAuthor = { id: string; email: string; name: string }
type PlannedTable = { spec: TableSpec; rows: Row[] }
type ImportPlan = { workshopId: string; workshop: { name: string; company: string }; authors: NewAuthor[]; tables: PlannedTable[] }

class InvalidBackup extends Error {}

/** One row's column values, type-checked against the table (so a bad row is refused before anything is written). */
function checkRow(raw: Row, columns: Columns, where: string): Row {
  const row: Row = {}
  for (const [key, column] of Object.entries(columns)) {
    if (key === 'id' || key === 'workshopId') continue
    const value = raw[key]
    if (value === undefined) {
      if (column.notNull && !column.hasDefault) throw new InvalidBackup(`${where}.${key} is missing`)
      continue
    }
    if (value === null) {
      if (column.notNull) throw new InvalidBackup(`${where}.${key} must not be null`)
      row[key] = null
      continue
    }
    const wrong = (expected: string) => new InvalidBackup(`${where}.${key} must be ${expected}`)
    switch (column.columnType) {
      case 'SQLiteText': {
        if (typeof value !== 'string') throw wrong('text')
        const allowed = (column as { enumValues?: string[] }).enumValues
        if (allowed?.length && !allowed.includes(value)) throw wrong(`one of ${allowed.join(', ')}`)
        row[key] = value
        break
      }
      case 'SQLiteInteger':
        if (!Number.isSafeInteger(value)) throw wrong('a whole number')
        row[key] = value
        break
      case 'SQLiteReal':
      case 'SQLiteNumeric':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('a number')
        row[key] = value
        break
      case 'SQLiteBoolean':
        if (typeof value !== 'boolean') throw wrong('true or false')
        row[key] = value
        break
      case 'SQLiteTimestamp': {
        const date = typeof value === 'string' ? new Date(value) : undefined
        if (!date || Number.isNaN(date.getTime())) throw wrong('a date and time (ISO 8601)')
        row[key] = date
        break
      }
      default:
        // JSON columns take any JSON value (checked for depth and control characters already).
        row[key] = value
    }
  }
  return row
}

/** Refuses two rows that the table's unique columns and indexes would refuse at insert. */
function checkUnique(spec: TableSpec, rows: Row[]) {
  const columns = columnsOf(spec)
  const keyByDbName = new Map(Object.entries(columns).map(([key, column]) => [column.name, key]))
  const sets: string[][] = Object.entries(columns)
    .filter(([, column]) => column.isUnique || column.primary)
    .map(([key]) => [key])
  for (const index of getTableConfig(spec.table).indexes) {
    if (index.config.unique) sets.push(index.config.columns.map((column) => keyByDbName.get((column as SQLiteColumn).name)!))
  }
  for (const keys of sets) {
    const seen = new Set<string>()
    for (const row of rows) {
      const value = JSON.stringify(keys.map((key) => row[key] ?? null))
      if (seen.has(value)) throw new InvalidBackup(`${spec.name}: two rows have the same ${keys.filter((k) => k !== 'workshopId').join(' and ') || 'workshop'}`)
      seen.add(value)
    }
  }
}

/**
 * Turns a checked file into the rows to insert, with new ids, and every person who appears in
 * a row as a new non-account author (ADR 008): nobody's email is looked up, so nothing in the
 * file can be attributed to an account here, and no address in it gets an account.
 */
function planImport(file: BackupFile): ImportPlan {
  const workshopId = newId()
  const people = new Map(file.people.map((person) => [person.id, person]))
  const authors = new Map<string, NewAuthor>()
  const authorFor = (personId: string, where: string) => {
    const person = people.get(personId)
    if (!person) throw new InvalidBackup(`${where} names a person who is not in people`)
    let author = authors.get(personId)
    if (!author) {
      author = { id: newId(), email: nonAccountAuthorEmail(randomBytes(12).toString('hex')), name: person.name }
      authors.set(personId, author)
    }
    return author.id
  }
  const rowMaps = new Map<string, Map<string, string>>()
  // The round of each response, by the round's id in the file.
  const rounds = new Map<string, { openedAt: unknown; questionSetId: unknown }>()
  const tables: PlannedTable[] = []
  for (const spec of TABLES) {
    const columns = columnsOf(spec)
    const ids = new Map<string, string>()
    rowMaps.set(spec.name, ids)
    const rows = (file.tables[spec.name] ?? []).map((fileRow, index) => {
      const where = `${spec.name}.${index}`
      let raw = fileRow
      if (spec.schema) {
        const parsed = spec.schema.safeParse(fileRow)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!
          throw new InvalidBackup(`${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
        }
        raw = parsed.data
      }
      const oldId = raw.id ?? (spec.keyedByWorkshop ? raw.workshopId : undefined)
      if (typeof oldId !== 'string' || oldId === '') throw new InvalidBackup(`${where}.id is missing`)
      if (ids.has(oldId)) throw new InvalidBackup(`${where}.id: the id ${oldId} appears twice in ${spec.name}`)
      const id = spec.keyedByWorkshop ? workshopId : newId()
      ids.set(oldId, id)
      if (spec.table === assessmentRounds) rounds.set(oldId, { openedAt: raw.openedAt, questionSetId: raw.questionSetId })
      if (spec.table === assessmentResponses) raw = { ...raw, ...importedResponse(raw, rounds.get(String(raw.roundId)), where) }
      const row = checkRow(raw, columns, where)
      if (columns.id) row.id = id
      if (columns.workshopId) row.workshopId = workshopId
      for (const column of spec.userColumns) if (typeof row[column] === 'string') row[column] = authorFor(row[column] as string, `${where}.${column}`)
      for (const [column, target] of Object.entries(spec.rowRefs ?? {})) {
        const mapped = rowMaps.get(target)?.get(String(row[column]))
        if (!mapped) throw new InvalidBackup(`${where}.${column} points at a row that is not in ${target}`)
        row[column] = mapped
      }
      for (const [column, target] of Object.entries(spec.idLists ?? {})) {
        const list = row[column]
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new InvalidBackup(`${where}.${column} must be a list of ids`)
        // A source note the backup does not hold (left out before the reveal) is dropped, not kept dangling.
        row[column] = list.flatMap((old) => rowMaps.get(target)?.get(old) ?? [])
      }
      if (spec.name === 'versions') {
        const problem = checkVersionContent(row as { number: number; snapshot: string; changelog: string })
        if (problem) throw new InvalidBackup(`${where} (version ${String(row.number)}): ${problem}`)
      }
      return row
    })
    checkUnique(spec, rows)
    tables.push({ spec, rows })
  }
  return { workshopId, workshop: { name: file.workshop.name, company: file.workshop.company }, authors: [...authors.values()], tables }
}

/**
 * What an imported response stores besides what the file holds: it must answer its round's
 * questionnaire completely (as submitting requires). Nobody can resume it: its respondent key is
 * random, matching no member and no browser. It counts as submitted when its round opened, the
 * only time the file gives (a backup never holds when a response was given, ADR 008).
 */
function importedResponse(raw: Row, round: { openedAt: unknown; questionSetId: unknown } | undefined, where: string): Row {
  if (!round) throw new InvalidBackup(`${where}.roundId points at a row that is not in assessment_rounds`)
  const set = questionSetById(String(round.questionSetId))!
  const answers = raw.answers as Record<string, Answer>
  const known = new Set(set.statements.map((statement) => statement.id))
  const unknown = Object.keys(answers).find((key) => !known.has(key))
  if (unknown) throw new InvalidBackup(`${where}.answers.${unknown}: not a statement of the questionnaire ${set.id}`)
  if (!isComplete(set, raw as { answers: Record<string, Answer>; mqlDefinition: string; sqlDefinition: string })) {
    throw new InvalidBackup(`${where}: a submitted response answers every statement of the questionnaire ${set.id} and gives both definitions`)
  }
  return { respondentKey: `imported.${randomBytes(18).toString('base64url')}`, channel: 'link', startedAt: round.openedAt, submittedAt: round.openedAt }
}

// ── Import: write (short transactions) ───────────────────────────────────────────────────

/** Rows per write transaction: the writer lock is shared by every request, so an import takes it in short turns. */
export const IMPORT_ROWS_PER_TRANSACTION = 500
/** …and roughly this much data per transaction, for tables of large rows. */
const IMPORT_BYTES_PER_TRANSACTION = 1_000_000
/** Rows per INSERT statement: keeps each statement well below SQLite's bound-parameter limit. */
const ROWS_PER_STATEMENT = 100

function* chunks<T>(items: T[], maxItems: number, sizeOf: (item: T) => number = () => 0, maxSize = Infinity): Generator<T[]> {
  let chunk: T[] = []
  let size = 0
  for (const item of items) {
    const itemSize = sizeOf(item)
    if (chunk.length > 0 && (chunk.length >= maxItems || size + itemSize > maxSize)) {
      yield chunk
      chunk = []
      size = 0
    }
    chunk.push(item)
    size += itemSize
  }
  if (chunk.length > 0) yield chunk
}

async function insertRows(table: SQLiteTable, rows: Row[]) {
  const { db } = await database()
  for (const statement of chunks(rows, ROWS_PER_STATEMENT)) await db.insert(table).values(statement as never)
}

/**
 * Writes a plan in short transactions. The workshop stays invisible until the last one: a
 * workshop is only reachable through a membership, and the importer's membership is written
 * together with the versions, after everything else.
 */
async function writeImport(plan: ImportPlan, importerId: string) {
  const { db, transaction } = await database()
  for (const authors of chunks(plan.authors, IMPORT_ROWS_PER_TRANSACTION)) {
    await transaction(() => insertRows(users, authors.map((author) => ({ ...author, passwordHash: NON_ACCOUNT_PASSWORD_HASH }))))
  }
  await transaction(async () => {
    await db.insert(workshops).values({ id: plan.workshopId, name: plan.workshop.name, company: plan.workshop.company, createdBy: importerId })
  })
  const sizeOf = (row: Row) => JSON.stringify(row).length
  let finalRows: Row[] = []
  for (const { spec, rows } of plan.tables) {
    if (spec.table === versions) {
      finalRows = rows
      continue
    }
    for (const chunk of chunks(rows, IMPORT_ROWS_PER_TRANSACTION, sizeOf, IMPORT_BYTES_PER_TRANSACTION)) await transaction(() => insertRows(spec.table, chunk))
  }
  await transaction(async () => {
    await insertRows(versions, finalRows)
    await db.insert(memberships).values({ id: newId(), workshopId: plan.workshopId, userId: importerId, role: 'facilitator' })
  })
}

/** Removes what a failed import wrote (never a version: those are written only in the last transaction, which rolled back). */
async function removePartialImport(plan: ImportPlan) {
  const { db } = await database()
  for (const { spec } of [...plan.tables].reverse()) {
    if (spec.table === versions) continue
    const columns = columnsOf(spec)
    if (spec.ownedThrough) {
      const parent = TABLES.find((candidate) => candidate.name === spec.ownedThrough!.parent)!
      const parentColumns = columnsOf(parent)
      const parents = (await db.select({ id: parentColumns.id! }).from(parent.table).where(eq(parentColumns.workshopId!, plan.workshopId))).map((row) => row.id as string)
      for (const chunk of chunks(parents, IMPORT_ROWS_PER_TRANSACTION)) await db.delete(spec.table).where(inArray(columns[spec.ownedThrough.column]!, chunk))
      continue
    }
    if (!columns.id) {
      await db.delete(spec.table).where(eq(columns.workshopId!, plan.workshopId))
      continue
    }
    const ids = (await db.select({ id: columns.id! }).from(spec.table).where(eq(columns.workshopId!, plan.workshopId))).map((row) => row.id as string)
    for (const chunk of chunks(ids, IMPORT_ROWS_PER_TRANSACTION)) await db.delete(spec.table).where(inArray(columns.id!, chunk))
  }
  await db.delete(memberships).where(eq(memberships.workshopId, plan.workshopId))
  await db.delete(workshops).where(eq(workshops.id, plan.workshopId))
  for (const chunk of chunks(plan.authors, IMPORT_ROWS_PER_TRANSACTION)) {
    const ids = chunk.map((author) => author.id)
    await db.delete(users).where(and(inArray(users.id, ids), eq(users.passwordHash, NON_ACCOUNT_PASSWORD_HASH)))
  }
}

function errorChain(error: unknown): { code?: string; message: string }[] {
  const chain: { code?: string; message: string }[] = []
  let current = error as { code?: string; message?: string; cause?: unknown } | undefined
  while (current && chain.length < 5) {
    chain.push({ code: current.code, message: current.message ?? String(current) })
    current = current.cause as typeof current
  }
  return chain
}

export type ImportResult =
  | { ok: true; workshopId: string; authors: string[]; unrevealedNotes: number; withheldResponses: number }
  | { ok: false; reason: 'invalid' | 'failed'; message: string }

/**
 * Imports a backup as a new workshop facilitated by `userId`, all or nothing. The file is
 * parsed and checked with no transaction open; the rows are then written in short
 * transactions, and the workshop becomes visible only with the last one (ADR 008).
 */
export async function importWorkshop(input: { text: string; userId: string }): Promise<ImportResult> {
  const checked = checkBackupText(input.text)
  if (!checked.ok) return { ok: false, reason: 'invalid', message: checked.message }
  let plan: ImportPlan
  try {
    plan = planImport(checked.file)
  } catch (error) {
    if (error instanceof InvalidBackup) return { ok: false, reason: 'invalid', message: `The backup is not valid: ${error.message}. Nothing was imported.` }
    throw error
  }
  try {
    await writeImport(plan, input.userId)
  } catch (error) {
    let cleanup = ''
    try {
      await removePartialImport(plan)
    } catch (cleanupError) {
      // The rows left behind belong to a workshop without members: nobody can reach them.
      cleanup = ` Cleaning up also failed (${(cleanupError as Error).message}); the partial copy is not visible to anyone.`
    }
    const chain = errorChain(error)
    const constraint = chain.find((link) => link.code === 'SQLITE_CONSTRAINT' || link.code === 'SQLITE_MISMATCH' || link.code === 'SQLITE_TOOBIG')
    if (constraint) return { ok: false, reason: 'invalid', message: `The backup is not valid: ${constraint.message}. Nothing was imported.${cleanup}` }
    return { ok: false, reason: 'failed', message: `The backup could not be imported (${chain.at(-1)!.message}). Nothing was imported; try again.${cleanup}` }
  }
  return {
    ok: true,
    workshopId: plan.workshopId,
    authors: plan.authors.map((author) => author.name).sort((a, b) => a.localeCompare(b)),
    unrevealedNotes: countUnrevealedNotes(checked.file.unrevealedNotes),
    withheldResponses: countWithheldResponses(checked.file.withheldResponses),
  }
}

// ── After an import ───────────────────────────────────────────────────────────────────────

export type ImportSummary = { workshopId: string; name: string; authors: string[] }

/**
 * What the import page reports after an import: the workshop and the non-account authors its
 * rows name. Only for a facilitator of that workshop; anyone else gets undefined.
 */
export async function getImportSummary(input: { workshopId: string; userId: string }): Promise<ImportSummary | undefined> {
  const { db } = await database()
  const [workshop] = await db
    .select({ id: workshops.id, name: workshops.name })
    .from(workshops)
    .innerJoin(memberships, and(eq(memberships.workshopId, workshops.id), eq(memberships.userId, input.userId), eq(memberships.role, 'facilitator')))
    .where(eq(workshops.id, input.workshopId))
  if (!workshop) return undefined
  const named = new Set<string>()
  for (const spec of TABLES) {
    const columns = columnsOf(spec)
    if (!columns.workshopId) continue
    for (const key of spec.userColumns) {
      const rows = await db.selectDistinct({ id: columns[key]! }).from(spec.table).where(eq(columns.workshopId!, workshop.id))
      for (const row of rows) if (typeof row.id === 'string') named.add(row.id)
    }
  }
  const authors: string[] = []
  for (const ids of chunks([...named], IMPORT_ROWS_PER_TRANSACTION)) {
    const rows = await db
      .select({ name: users.name })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.passwordHash, NON_ACCOUNT_PASSWORD_HASH)))
    authors.push(...rows.map((row) => row.name))
  }
  return { workshopId: workshop.id, name: workshop.name, authors: authors.sort((a, b) => a.localeCompare(b)) }
}

export function backupFilename(workshopName: string, now = new Date()) {
  const slug = workshopName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workshop'
  return `leadpact-${slug}-${now.toISOString().slice(0, 10)}.json`
}

/** Short content hash shown next to a download, so two backups can be compared at a glance. */
export function backupDigest(text: string) {
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}
