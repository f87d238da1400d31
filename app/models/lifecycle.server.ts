import { and, asc, eq, gt, inArray, isNotNull, or } from 'drizzle-orm'
import { funnelTargets, handoffSlas, lifecycleStages, users, workshopContexts } from '#db/schema'
import { newId } from '#db/ids'
import { reverseFunnel, type FunnelResult, type ReverseFunnel } from '~/domain/lifecycle/funnel'
import { CURRENCIES, type Currency, type FunnelTargetValues } from '~/domain/lifecycle/forms'
import { defaultHandoff, HandoffSchema, type Handoff } from '~/domain/sla/schema'
import {
  defaultStages,
  funnelRatesFromStages,
  inLifecycleOrder,
  LIFECYCLE_STAGE_KEYS,
  LifecycleStageSchema,
  type LifecycleStage,
  type LifecycleStageKey,
  type StageRatesResult,
} from '~/domain/lifecycle/stages'
import { database } from '~/models/db.server'
import { toFieldErrors } from '~/http/form.server'
import { updateAtRevision } from './revision.server'

/*
 * Steps 6 and 7: the lifecycle stages, the funnel target and the handoff SLA of a workshop.
 * Workshops created before these steps existed have no rows, so every read first makes sure the
 * defaults are there (created once, in one transaction; a second caller finds them and adds none).
 */

export const DEFAULT_FUNNEL_TARGET: FunnelTargetValues = { revenueTarget: 1_200_000, periodMonths: 12, averageDealSize: 20_000, currency: 'EUR' }

type StageTableRow = typeof lifecycleStages.$inferSelect

export type StageRow = LifecycleStage & { id: string; revision: number; position: number; updatedAt: Date; updatedBy: string | null }
export type FunnelTargetRow = FunnelTargetValues & {
  id: string
  revision: number
  updatedAt: Date
  updatedBy: string | null
  /** The deal size (and currency) are step 1's, shown until someone saves the target. */
  dealSizeFromContext?: boolean
}
export type HandoffRecord = { id: string; handoff: Handoff; revision: number; updatedAt: Date; updatedBy: string | null; updatedByName: string | null }

function toStageRow(row: StageTableRow): StageRow {
  return {
    id: row.id,
    revision: row.revision,
    position: row.position,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    key: row.key as LifecycleStageKey,
    label: row.label,
    definition: row.definition,
    entryCriteria: row.entryCriteria,
    exitCriteria: row.exitCriteria,
    owner: row.owner,
    conversionRateToNext: row.conversionRateToNext,
    typicalDays: row.typicalDays,
    enabled: row.enabled,
  }
}

function toTargetRow(row: typeof funnelTargets.$inferSelect): FunnelTargetRow {
  return {
    id: row.id,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    revenueTarget: row.revenueTarget,
    periodMonths: row.periodMonths,
    averageDealSize: row.averageDealSize,
    currency: row.currency as FunnelTargetValues['currency'],
  }
}

/**
 * Workshops whose defaults this process has seen complete, per database file. Lifecycle rows are
 * never deleted but with their workshop, so once complete they stay complete: a page read checks
 * once per workshop, not with three counts on every view.
 */
const completeDefaults = new WeakMap<object, Set<string>>()

/** Creates whatever of the defaults is missing (stages, funnel target, handoff); idempotent. */
export async function ensureLifecycleDefaults(workshopId: string) {
  const { db, transaction } = await database()
  const seen = completeDefaults.get(db) ?? new Set<string>()
  completeDefaults.set(db, seen)
  if (seen.has(workshopId)) return
  const [stageCount, targetCount, handoffCount] = await Promise.all([
    db.$count(lifecycleStages, eq(lifecycleStages.workshopId, workshopId)),
    db.$count(funnelTargets, eq(funnelTargets.workshopId, workshopId)),
    db.$count(handoffSlas, eq(handoffSlas.workshopId, workshopId)),
  ])
  if (stageCount >= LIFECYCLE_STAGE_KEYS.length && targetCount > 0 && handoffCount > 0) {
    seen.add(workshopId)
    return
  }
  // The unique indexes (workshop + key, workshop) make a concurrent second attempt insert nothing.
  await transaction(async () => {
    await db
      .insert(lifecycleStages)
      .values(defaultStages.map((stage) => ({ id: newId(), workshopId, position: LIFECYCLE_STAGE_KEYS.indexOf(stage.key), ...stage })))
      .onConflictDoNothing()
    await db
      .insert(funnelTargets)
      .values({ id: newId(), workshopId, ...DEFAULT_FUNNEL_TARGET })
      .onConflictDoNothing()
    await db.insert(handoffSlas).values({ id: newId(), workshopId, handoff: defaultHandoff }).onConflictDoNothing()
  })
}

async function readStages(workshopId: string): Promise<StageRow[]> {
  const { db } = await database()
  const rows = await db.select().from(lifecycleStages).where(eq(lifecycleStages.workshopId, workshopId)).orderBy(asc(lifecycleStages.position))
  return inLifecycleOrder(rows.map(toStageRow))
}

async function readTarget(workshopId: string): Promise<FunnelTargetRow> {
  const { db } = await database()
  const [row] = await db.select().from(funnelTargets).where(eq(funnelTargets.workshopId, workshopId))
  if (!row) throw new Error(`Workshop ${workshopId} has no funnel target`)
  return toTargetRow(row)
}

export interface Lifecycle {
  stages: StageRow[]
  target: FunnelTargetRow
  /** The rates the funnel calculator reads from the stages (or why it cannot). */
  rates: StageRatesResult
  salEnabled: boolean
  /** Leads, MQLs, SALs, SQLs, opportunities and customers needed per month for the target. */
  funnel: FunnelResult<ReverseFunnel> | null
}

/**
 * The deal size step 1 recorded, for a funnel target nobody has saved yet: the calculator starts
 * from the room's own figure instead of the example's. Once someone saves the target, theirs stands.
 */
async function withContextDealSize(workshopId: string, target: FunnelTargetRow): Promise<FunnelTargetRow> {
  if (target.updatedBy !== null || target.revision > 1) return target
  const { db } = await database()
  const [context] = await db
    .select({ dealSize: workshopContexts.dealSize, currency: workshopContexts.currency })
    .from(workshopContexts)
    .where(eq(workshopContexts.workshopId, workshopId))
  if (!context || context.dealSize === null || context.dealSize <= 0 || !(CURRENCIES as readonly string[]).includes(context.currency)) return target
  return { ...target, averageDealSize: context.dealSize, currency: context.currency as Currency, dealSizeFromContext: true }
}

/** The stages (in lifecycle order), the funnel target and what it asks for: for the page, the document and the config. */
export async function getLifecycle(workshopId: string): Promise<Lifecycle> {
  await ensureLifecycleDefaults(workshopId)
  const [stages, stored] = await Promise.all([readStages(workshopId), readTarget(workshopId)])
  const target = await withContextDealSize(workshopId, stored)
  const rates = funnelRatesFromStages(stages)
  const funnel = rates.ok ? reverseFunnel({ ...target, ...rates.value }) : null
  return { stages, target, rates, salEnabled: rates.ok ? rates.value.salEnabled : (stages.find((stage) => stage.key === 'sal')?.enabled ?? false), funnel }
}

async function nameOf(userId: string | null): Promise<string | null> {
  if (!userId) return null
  const { db } = await database()
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId))
  return row?.name ?? null
}

function parseStoredHandoff(workshopId: string, stored: unknown): Handoff {
  const parsed = HandoffSchema.safeParse(stored)
  // Every write goes through HandoffSchema, so a stored handoff that fails it is a bug, not user input.
  if (!parsed.success) throw new Error(`The stored handoff of workshop ${workshopId} is invalid: ${parsed.error.issues.map((issue) => issue.message).join(' ')}`)
  return parsed.data
}

async function readHandoffRow(workshopId: string) {
  await ensureLifecycleDefaults(workshopId)
  const { db } = await database()
  const [row] = await db.select().from(handoffSlas).where(eq(handoffSlas.workshopId, workshopId))
  if (!row) throw new Error(`Workshop ${workshopId} has no handoff SLA`)
  return row
}

/** The handoff SLA with who last saved it: for its editor. */
export async function getHandoffRecord(workshopId: string): Promise<HandoffRecord> {
  const row = await readHandoffRow(workshopId)
  return {
    id: row.id,
    handoff: parseStoredHandoff(workshopId, row.handoff),
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    updatedByName: await nameOf(row.updatedBy),
  }
}

/**
 * The workshop's time zone: the one its handoff SLA counts business hours in, the only zone the
 * room agreed on. Read without creating the defaults (every page's layout asks); until the SLA
 * exists, the zone its default would have.
 */
export async function getWorkshopTimeZone(workshopId: string): Promise<string> {
  const { db } = await database()
  const [row] = await db.select({ handoff: handoffSlas.handoff }).from(handoffSlas).where(eq(handoffSlas.workshopId, workshopId))
  const zone = (row?.handoff as { timeZone?: unknown } | undefined)?.timeZone
  return typeof zone === 'string' && zone ? zone : defaultHandoff.timeZone
}

/** The workshop's handoff SLA: the `handoff` object of its scoring config. */
export async function getHandoff(workshopId: string): Promise<Handoff> {
  return parseStoredHandoff(workshopId, (await readHandoffRow(workshopId)).handoff)
}

type Invalid = { ok: false; reason: 'invalid'; errors: Record<string, string> }
type NotFound = { ok: false; reason: 'not-found' }

export type HandoffSaveResult = { ok: true; value: HandoffRecord } | { ok: false; reason: 'conflict'; current: HandoffRecord } | Invalid | NotFound

/** Saves the whole handoff at the revision the editor read; validated with HandoffSchema (errors keyed by its paths). */
export async function saveHandoff(input: { workshopId: string; userId: string; revision: number; handoff: Handoff }): Promise<HandoffSaveResult> {
  const parsed = HandoffSchema.safeParse(input.handoff)
  if (!parsed.success) return { ok: false, reason: 'invalid', errors: toFieldErrors(parsed.error.issues) }
  const { id } = await getHandoffRecord(input.workshopId)
  const saved = await updateAtRevision(
    handoffSlas,
    { id, revision: input.revision, scope: eq(handoffSlas.workshopId, input.workshopId) },
    { handoff: parsed.data, updatedBy: input.userId },
  )
  if (!saved.ok && saved.reason === 'not-found') return saved
  const row = saved.ok ? saved.value : saved.current
  const record: HandoffRecord = {
    id: row.id,
    handoff: parseStoredHandoff(input.workshopId, row.handoff),
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    updatedByName: await nameOf(row.updatedBy),
  }
  return saved.ok ? { ok: true, value: record } : { ok: false, reason: 'conflict', current: record }
}

export type StageSaveResult =
  | { ok: true; value: StageRow; note: string | null }
  | { ok: false; reason: 'conflict'; current: StageRow & { updatedByName: string | null } }
  | Invalid
  | NotFound

function roundedRate(rate: number) {
  return Math.round(rate * 10_000) / 10_000
}

/**
 * Saves one stage at the revision the editor read. Switching the SAL stage off or on keeps the
 * funnel's MQL → SQL rate: the MQL stage's rate means "to the next enabled stage", so it becomes
 * MQL rate × SAL rate when SAL goes off, and MQL rate ÷ SAL rate when it comes back.
 */
export async function saveStage(input: { workshopId: string; userId: string; revision: number; stage: LifecycleStage }): Promise<StageSaveResult> {
  const parsed = LifecycleStageSchema.safeParse(input.stage)
  if (!parsed.success) return { ok: false, reason: 'invalid', errors: toFieldErrors(parsed.error.issues) }
  const stage = parsed.data
  await ensureLifecycleDefaults(input.workshopId)
  const { db, transaction } = await database()
  return transaction(async (): Promise<StageSaveResult> => {
    const rows = await db
      .select()
      .from(lifecycleStages)
      .where(and(eq(lifecycleStages.workshopId, input.workshopId), inArray(lifecycleStages.key, [stage.key, 'mql'])))
    const existing = rows.find((row) => row.key === stage.key)
    if (!existing) return { ok: false, reason: 'not-found' }
    const saved = await updateAtRevision(
      lifecycleStages,
      { id: existing.id, revision: input.revision, scope: eq(lifecycleStages.workshopId, input.workshopId) },
      {
        label: stage.label,
        definition: stage.definition,
        entryCriteria: stage.entryCriteria,
        exitCriteria: stage.exitCriteria,
        owner: stage.owner,
        conversionRateToNext: stage.conversionRateToNext,
        typicalDays: stage.typicalDays,
        enabled: stage.enabled,
        updatedBy: input.userId,
      },
    )
    if (!saved.ok) {
      if (saved.reason === 'not-found') return saved
      return { ok: false, reason: 'conflict', current: { ...toStageRow(saved.current), updatedByName: await nameOf(saved.current.updatedBy) } }
    }

    let note: string | null = null
    const mql = rows.find((row) => row.key === 'mql')
    const salRate = stage.conversionRateToNext
    if (stage.key === 'sal' && existing.enabled !== stage.enabled && mql?.conversionRateToNext != null && salRate) {
      const mqlRate = stage.enabled ? Math.min(1, roundedRate(mql.conversionRateToNext / salRate)) : roundedRate(mql.conversionRateToNext * salRate)
      // Inside this transaction nobody else can write, so the MQL row is still at the revision just read.
      await updateAtRevision(lifecycleStages, { id: mql.id, revision: mql.revision }, { conversionRateToNext: mqlRate, updatedBy: input.userId })
      const percent = (rate: number) => `${Number((rate * 100).toPrecision(6))} %`
      note = stage.enabled
        ? `The SAL stage is back on: the MQL stage's rate now means MQL → SAL and is ${percent(mqlRate)}, so MQL → SQL stays ${percent(mql.conversionRateToNext)}.`
        : `The SAL stage is off: the MQL stage's rate now means MQL → SQL and is ${percent(mqlRate)} (${percent(mql.conversionRateToNext)} × ${percent(salRate)}).`
    }
    return { ok: true, value: toStageRow(saved.value), note }
  })
}

export type FunnelSaveResult =
  | { ok: true; value: FunnelTargetRow }
  | { ok: false; reason: 'conflict'; current: { target: FunnelTargetRow; stages: StageRow[]; updatedByName: string | null } }
  | NotFound

/** Thrown inside a transaction to roll back the writes made so far. */
class Rollback extends Error {
  constructor(readonly reason: 'conflict' | 'not-found') {
    super(`rolled back: ${reason}`)
  }
}

/**
 * Saves the calculator: the revenue target and, for each rate that differs from its stage's,
 * the stage's rate, all at the revisions the form read and all or nothing.
 */
export async function saveFunnelTarget(input: {
  workshopId: string
  userId: string
  revision: number
  target: FunnelTargetValues
  rates: { stage: LifecycleStageKey; rate: number; revision: number }[]
}): Promise<FunnelSaveResult> {
  await ensureLifecycleDefaults(input.workshopId)
  const { transaction } = await database()
  try {
    return await transaction(async (): Promise<FunnelSaveResult> => {
      const target = await readTarget(input.workshopId)
      const saved = await updateAtRevision(
        funnelTargets,
        { id: target.id, revision: input.revision, scope: eq(funnelTargets.workshopId, input.workshopId) },
        { ...input.target, updatedBy: input.userId },
      )
      if (!saved.ok) throw new Rollback(saved.reason)
      const stages = await readStages(input.workshopId)
      for (const change of input.rates) {
        const stage = stages.find((candidate) => candidate.key === change.stage)
        if (!stage) throw new Rollback('not-found')
        if (stage.conversionRateToNext === change.rate) continue
        const updated = await updateAtRevision(
          lifecycleStages,
          { id: stage.id, revision: change.revision, scope: eq(lifecycleStages.workshopId, input.workshopId) },
          { conversionRateToNext: change.rate, updatedBy: input.userId },
        )
        if (!updated.ok) throw new Rollback(updated.reason)
      }
      return { ok: true, value: toTargetRow(saved.value) }
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
    if (error.reason === 'not-found') return { ok: false, reason: 'not-found' }
    // Read after the rollback: the other person's target and rates as they stand now.
    const [target, stages] = await Promise.all([readTarget(input.workshopId), readStages(input.workshopId)])
    return { ok: false, reason: 'conflict', current: { target, stages, updatedByName: await nameOf(target.updatedBy) } }
  }
}

/** Step progress: 'in-progress' once someone has saved the step (the defaults alone are 'empty'). */
export async function lifecycleProgress(workshopId: string, step: 'stages' | 'sla'): Promise<'empty' | 'in-progress'> {
  const { db } = await database()
  const touched = <T extends typeof lifecycleStages | typeof funnelTargets | typeof handoffSlas>(table: T) =>
    db.$count(table, and(eq(table.workshopId, workshopId), or(gt(table.revision, 1), isNotNull(table.updatedBy))))
  const counts = step === 'stages' ? await Promise.all([touched(lifecycleStages), touched(funnelTargets)]) : [await touched(handoffSlas)]
  return counts.some((count) => count > 0) ? 'in-progress' : 'empty'
}
