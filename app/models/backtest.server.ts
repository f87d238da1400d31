import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import { backtestMappings, backtestRuns, users } from '#db/schema'
import { newId } from '#db/ids'
import type { BacktestAggregate } from '~/domain/backtest/aggregate'
import { BacktestMappingSchema, type BacktestMapping } from '~/domain/backtest/mapping'
import type { ScoringConfig } from '~/domain/scoring'
import { database } from '~/models/db.server'

/*
 * Back-test runs (step 9) and the mapping each workshop used last. A run keeps aggregates only;
 * `tempPath` names the uploaded file while it waits for its mapping or runs, and is cleared once
 * the file is gone. Every query is scoped by workshop.
 */

export type RunStatus = (typeof backtestRuns.$inferSelect)['status']

/** A model a run scores with: the draft as it stood, or a published version. */
export interface RunModel {
  label: string
  version: number | null
  config: ScoringConfig
}

export interface BadRow {
  line: number
  message: string
}

type RunRow = typeof backtestRuns.$inferSelect

function toRun(row: RunRow & { createdByName?: string | null }) {
  return {
    id: row.id,
    workshopId: row.workshopId,
    createdByName: row.createdByName ?? null,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    fileSha256: row.fileSha256,
    format: row.format,
    delimiter: row.delimiter,
    columns: row.columns,
    status: row.status,
    tempPath: row.tempPath,
    mapping: row.mapping === null ? null : (row.mapping as BacktestMapping),
    models: (row.models as RunModel[] | null) ?? [],
    asOf: row.asOf,
    rowsDone: row.rowsDone,
    bytesDone: row.bytesDone,
    rowsPerSecond: row.rowsPerSecond,
    badRowCount: row.badRowCount,
    badRows: row.badRows,
    results: (row.results as BacktestAggregate[] | null) ?? [],
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdAt: row.createdAt,
    revision: row.revision,
  }
}
export type BacktestRun = ReturnType<typeof toRun>

export async function createUploadedRun(input: {
  workshopId: string
  userId: string
  fileName: string
  fileBytes: number
  fileSha256: string
  format: 'csv' | 'jsonl'
  delimiter: string
  columns: string[]
  tempPath: string
}) {
  const { db } = await database()
  const [row] = await db
    .insert(backtestRuns)
    .values({ id: newId(), createdBy: input.userId, status: 'mapping', ...input })
    .returning({ id: backtestRuns.id })
  return row!.id
}

/** The workshop's runs, newest first, without their aggregates. */
export async function listRuns(workshopId: string) {
  const { db } = await database()
  const rows = await db
    .select({
      id: backtestRuns.id,
      fileName: backtestRuns.fileName,
      fileBytes: backtestRuns.fileBytes,
      fileSha256: backtestRuns.fileSha256,
      status: backtestRuns.status,
      rowsDone: backtestRuns.rowsDone,
      badRowCount: backtestRuns.badRowCount,
      models: backtestRuns.models,
      createdAt: backtestRuns.createdAt,
      finishedAt: backtestRuns.finishedAt,
      createdByName: users.name,
    })
    .from(backtestRuns)
    .leftJoin(users, eq(users.id, backtestRuns.createdBy))
    .where(eq(backtestRuns.workshopId, workshopId))
    .orderBy(desc(backtestRuns.createdAt))
  return rows.map((row) => ({ ...row, models: ((row.models as RunModel[] | null) ?? []).map((model) => ({ label: model.label, version: model.version })) }))
}

export async function getRun(input: { workshopId: string; runId: string }): Promise<BacktestRun | undefined> {
  const { db } = await database()
  const [row] = await db
    .select({ run: backtestRuns, createdByName: users.name })
    .from(backtestRuns)
    .leftJoin(users, eq(users.id, backtestRuns.createdBy))
    .where(and(eq(backtestRuns.id, input.runId), eq(backtestRuns.workshopId, input.workshopId)))
  return row ? toRun({ ...row.run, createdByName: row.createdByName }) : undefined
}

/** A run by id alone: for the runner, which works for whichever workshop queued it. */
export async function getRunForRunner(runId: string): Promise<BacktestRun | undefined> {
  const { db } = await database()
  const [row] = await db.select().from(backtestRuns).where(eq(backtestRuns.id, runId))
  return row ? toRun(row) : undefined
}

/** The mapping the workshop used last, or null (also when it no longer reads as a mapping). */
export async function getSavedMapping(workshopId: string): Promise<BacktestMapping | null> {
  const { db } = await database()
  const [row] = await db.select({ mapping: backtestMappings.mapping }).from(backtestMappings).where(eq(backtestMappings.workshopId, workshopId))
  if (!row) return null
  const parsed = BacktestMappingSchema.safeParse(row.mapping)
  return parsed.success ? parsed.data : null
}

export type QueueResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-waiting' }

/**
 * Hands a run waiting for its mapping to the queue, with the mapping and models it runs with,
 * and keeps the mapping as the workshop's for its next file. Only from "mapping": a second
 * submission of the same form finds the run queued already and changes nothing.
 */
export async function queueRun(input: { workshopId: string; runId: string; userId: string; mapping: BacktestMapping; models: RunModel[]; asOf: Date }): Promise<QueueResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<QueueResult> => {
    const updated = await db
      .update(backtestRuns)
      .set({ status: 'queued', mapping: input.mapping, models: input.models, asOf: input.asOf, updatedAt: new Date(), revision: sql`${backtestRuns.revision} + 1` })
      .where(and(eq(backtestRuns.id, input.runId), eq(backtestRuns.workshopId, input.workshopId), eq(backtestRuns.status, 'mapping')))
      .returning({ id: backtestRuns.id })
    if (!updated.length) {
      const [exists] = await db.select({ id: backtestRuns.id }).from(backtestRuns).where(and(eq(backtestRuns.id, input.runId), eq(backtestRuns.workshopId, input.workshopId)))
      return { ok: false, reason: exists ? 'not-waiting' : 'not-found' }
    }
    await db
      .insert(backtestMappings)
      .values({ workshopId: input.workshopId, mapping: input.mapping, updatedBy: input.userId })
      .onConflictDoUpdate({
        target: backtestMappings.workshopId,
        set: { mapping: input.mapping, updatedBy: input.userId, updatedAt: new Date(), revision: sql`${backtestMappings.revision} + 1` },
      })
    return { ok: true }
  })
}

export async function markRunning(runId: string, startedAt: Date) {
  const { db } = await database()
  const updated = await db
    .update(backtestRuns)
    .set({ status: 'running', startedAt, updatedAt: startedAt })
    .where(and(eq(backtestRuns.id, runId), eq(backtestRuns.status, 'queued')))
    .returning({ id: backtestRuns.id })
  return updated.length > 0
}

export async function recordProgress(runId: string, progress: { rowsDone: number; bytesDone: number; rowsPerSecond: number | null }) {
  const { db } = await database()
  await db
    .update(backtestRuns)
    .set({ ...progress, updatedAt: new Date() })
    .where(and(eq(backtestRuns.id, runId), eq(backtestRuns.status, 'running')))
}

export async function completeRun(
  runId: string,
  outcome: { rows: number; bytes: number; rowsPerSecond: number | null; badRowCount: number; badRows: BadRow[]; results: BacktestAggregate[]; finishedAt: Date },
) {
  const { db } = await database()
  await db
    .update(backtestRuns)
    .set({
      status: 'done',
      rowsDone: outcome.rows,
      bytesDone: outcome.bytes,
      rowsPerSecond: outcome.rowsPerSecond,
      badRowCount: outcome.badRowCount,
      badRows: outcome.badRows,
      results: outcome.results,
      tempPath: null,
      finishedAt: outcome.finishedAt,
      updatedAt: outcome.finishedAt,
    })
    .where(and(eq(backtestRuns.id, runId), eq(backtestRuns.status, 'running')))
}

/** A run that could not finish: why, in words; its file is gone (the caller deleted it). */
export async function failRun(runId: string, message: string, at: Date) {
  const { db } = await database()
  await db
    .update(backtestRuns)
    .set({ status: 'failed', error: message, tempPath: null, finishedAt: at, updatedAt: at })
    .where(and(eq(backtestRuns.id, runId), inArray(backtestRuns.status, ['mapping', 'queued', 'running'])))
}

/** Stops a run that waits or runs: returns the file to delete, or why not. */
export async function cancelRun(input: { workshopId: string; runId: string; at: Date }) {
  const { db, transaction } = await database()
  return transaction(async () => {
    const [row] = await db
      .select({ status: backtestRuns.status, tempPath: backtestRuns.tempPath })
      .from(backtestRuns)
      .where(and(eq(backtestRuns.id, input.runId), eq(backtestRuns.workshopId, input.workshopId)))
    if (!row) return { ok: false as const, reason: 'not-found' as const }
    if (!['mapping', 'queued', 'running'].includes(row.status)) return { ok: false as const, reason: 'finished' as const, status: row.status }
    await db
      .update(backtestRuns)
      .set({ status: 'cancelled', tempPath: null, finishedAt: input.at, updatedAt: input.at })
      .where(eq(backtestRuns.id, input.runId))
    return { ok: true as const, tempPath: row.tempPath }
  })
}

/** Removes a finished run (done, failed or cancelled) and its aggregates. */
export async function deleteRun(input: { workshopId: string; runId: string }) {
  const { db } = await database()
  const deleted = await db
    .delete(backtestRuns)
    .where(and(eq(backtestRuns.id, input.runId), eq(backtestRuns.workshopId, input.workshopId), inArray(backtestRuns.status, ['done', 'failed', 'cancelled'])))
    .returning({ id: backtestRuns.id, fileName: backtestRuns.fileName })
  return deleted[0]
}

/** Runs in a state that needs a live worker or a file: the runner checks them against what it holds. */
export async function listUnfinishedRuns() {
  const { db } = await database()
  return db
    .select({ id: backtestRuns.id, status: backtestRuns.status, tempPath: backtestRuns.tempPath, createdAt: backtestRuns.createdAt })
    .from(backtestRuns)
    .where(inArray(backtestRuns.status, ['mapping', 'queued', 'running']))
}

/** Uploads never mapped since `before`: their files are deleted and the runs forgotten. */
export async function deleteAbandonedUploads(before: Date) {
  const { db } = await database()
  return db
    .delete(backtestRuns)
    .where(and(eq(backtestRuns.status, 'mapping'), lt(backtestRuns.createdAt, before)))
    .returning({ id: backtestRuns.id, tempPath: backtestRuns.tempPath })
}

/** Step 9's state for the overview: no run yet, or runs (the step is optional and never signed off). */
export async function backtestProgress(workshopId: string): Promise<'empty' | 'in-progress'> {
  const { db } = await database()
  const count = await db.$count(backtestRuns, eq(backtestRuns.workshopId, workshopId))
  return count > 0 ? 'in-progress' : 'empty'
}

/** A run that finished elsewhere (the demo seed scores its generated leads in the start-up transaction): stored as done at once. */
export async function recordFinishedRun(input: {
  workshopId: string
  userId: string
  fileName: string
  fileBytes: number
  fileSha256: string
  columns: string[]
  mapping: BacktestMapping
  models: RunModel[]
  asOf: Date
  startedAt: Date
  finishedAt: Date
  outcome: { rows: number; bytes: number; badRowCount: number; badRows: BadRow[]; results: BacktestAggregate[] }
}) {
  const { db } = await database()
  const seconds = (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000
  const [row] = await db
    .insert(backtestRuns)
    .values({
      id: newId(),
      workshopId: input.workshopId,
      createdBy: input.userId,
      fileName: input.fileName,
      fileBytes: input.fileBytes,
      fileSha256: input.fileSha256,
      format: 'csv',
      delimiter: ',',
      columns: input.columns,
      status: 'done',
      mapping: input.mapping,
      models: input.models,
      asOf: input.asOf,
      rowsDone: input.outcome.rows,
      bytesDone: input.outcome.bytes,
      rowsPerSecond: seconds > 0 ? input.outcome.rows / seconds : null,
      badRowCount: input.outcome.badRowCount,
      badRows: input.outcome.badRows,
      results: input.outcome.results,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      createdAt: input.startedAt,
      updatedAt: input.finishedAt,
    })
    .returning({ id: backtestRuns.id })
  await db
    .insert(backtestMappings)
    .values({ workshopId: input.workshopId, mapping: input.mapping, updatedBy: input.userId, updatedAt: input.startedAt })
    .onConflictDoUpdate({ target: backtestMappings.workshopId, set: { mapping: input.mapping, updatedBy: input.userId, updatedAt: input.startedAt } })
  return row!.id
}
