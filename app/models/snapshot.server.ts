import { createHash } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import { agreedTraits, funnelTargets, handoffSlas, lifecycleStages, personas, workshopContexts, workshops } from '#db/schema'
import { type Snapshot, canonicalJson, sectionContent, SIGN_OFF_SECTIONS, type SignOffSection } from '~/domain/document/snapshot'
import { reverseFunnel } from '~/domain/lifecycle/funnel'
import { HandoffSchema } from '~/domain/sla/schema'
import { funnelRatesFromStages, type LifecycleStage } from '~/domain/lifecycle/stages'
import { database } from '~/models/db.server'
import { getScoringModel } from './scoring-model.server'

/*
 * The workshop's current content as a Snapshot: what a version freezes, what sign-offs
 * fingerprint, what the draft document previews. Reads every step's tables directly so the
 * document never depends on how a step's page is built.
 */

export type DraftSnapshot = Omit<Snapshot, 'signOffs'>

export async function buildDraftSnapshot(workshopId: string): Promise<DraftSnapshot> {
  const { db } = await database()
  const [workshop] = await db.select({ id: workshops.id, name: workshops.name, company: workshops.company }).from(workshops).where(eq(workshops.id, workshopId))
  if (!workshop) throw new Error(`No workshop ${workshopId}`)
  const [contextRow, traitRows, personaRows, stageRows, funnelRow, handoffRow, model] = await Promise.all([
    db.select().from(workshopContexts).where(eq(workshopContexts.workshopId, workshopId)).then((rows) => rows[0]),
    db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshopId)).orderBy(asc(agreedTraits.createdAt), asc(agreedTraits.id)),
    db.select().from(personas).where(eq(personas.workshopId, workshopId)).orderBy(asc(personas.position), asc(personas.createdAt)),
    db.select().from(lifecycleStages).where(eq(lifecycleStages.workshopId, workshopId)).orderBy(asc(lifecycleStages.position)),
    db.select().from(funnelTargets).where(eq(funnelTargets.workshopId, workshopId)).then((rows) => rows[0]),
    db.select().from(handoffSlas).where(eq(handoffSlas.workshopId, workshopId)).then((rows) => rows[0]),
    getScoringModel(workshopId),
  ])
  const stages: LifecycleStage[] = stageRows.map((row) => ({
    key: row.key as LifecycleStage['key'],
    label: row.label,
    definition: row.definition,
    entryCriteria: row.entryCriteria,
    exitCriteria: row.exitCriteria,
    owner: row.owner,
    conversionRateToNext: row.conversionRateToNext,
    typicalDays: row.typicalDays,
    enabled: row.enabled,
  }))
  const handoff = handoffRow ? HandoffSchema.safeParse(handoffRow.handoff) : null
  let perMonth: NonNullable<Snapshot['funnel']>['perMonth'] = null
  if (funnelRow && stages.length) {
    const rates = funnelRatesFromStages(stages)
    if (rates.ok) {
      const funnel = reverseFunnel({
        revenueTarget: funnelRow.revenueTarget,
        periodMonths: funnelRow.periodMonths,
        averageDealSize: funnelRow.averageDealSize,
        rates: rates.value.rates,
        salEnabled: rates.value.salEnabled,
      })
      if (funnel.ok) perMonth = funnel.value.perMonth
    }
  }
  return {
    formatVersion: 1,
    workshop,
    context: contextRow
      ? {
          company: workshop.company,
          product: contextRow.product,
          dealSize: contextRow.dealSize,
          currency: contextRow.currency,
          salesCycleDays: contextRow.salesCycleDays,
          inboundPercent: contextRow.inboundPercent,
          goals: contextRow.goals,
          participants: contextRow.participants,
        }
      : null,
    agreedTraits: traitRows.map((row) => ({ kind: row.kind, text: row.text, sources: row.sourceTexts })),
    personas: personaRows.map((row) => ({
      name: row.name,
      negative: row.negative,
      title: row.title,
      seniority: row.seniority,
      department: row.department,
      industry: row.industry,
      companySize: row.companySize,
      region: row.region,
      pains: row.pains,
      goals: row.goals,
      buyingRole: row.buyingRole,
      closedWonMatch: row.closedWonMatch,
      closedWonNote: row.closedWonNote,
    })),
    // An invalid draft model is still shown; publishing refuses it (see publishVersion).
    scoring: (model.validConfig ?? model.config) as Snapshot['scoring'],
    stages,
    funnel: funnelRow
      ? { revenueTarget: funnelRow.revenueTarget, periodMonths: funnelRow.periodMonths, averageDealSize: funnelRow.averageDealSize, currency: funnelRow.currency, perMonth }
      : null,
    handoff: handoff && handoff.success ? handoff.data : null,
  }
}

export function fingerprint(snapshot: DraftSnapshot, section: SignOffSection): string {
  return createHash('sha256').update(canonicalJson(sectionContent(snapshot, section))).digest('hex').slice(0, 32)
}

export function fingerprints(snapshot: DraftSnapshot): Record<SignOffSection, string> {
  return Object.fromEntries(SIGN_OFF_SECTIONS.map((section) => [section, fingerprint(snapshot, section)])) as Record<SignOffSection, string>
}

/** Who last changed each section (rows carry updated_by/updated_at), for "changed by Dana at 14:02". */
export async function lastChanges(workshopId: string): Promise<Record<SignOffSection, { name: string | null; at: Date } | null>> {
  const { db } = await database()
  const rows = (await db.all(sql`
    SELECT changes.section, users.name, changes.at FROM (
      SELECT 'context-leads' AS section, updated_by AS user_id, updated_at AS at FROM workshop_contexts WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'context-leads', agreed_by, updated_at FROM agreed_traits WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'personas', updated_by, updated_at FROM personas WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'criteria-scoring', updated_by, updated_at FROM scoring_rules WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'criteria-scoring', updated_by, updated_at FROM scoring_settings WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'stages-funnel', updated_by, updated_at FROM lifecycle_stages WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'stages-funnel', updated_by, updated_at FROM funnel_targets WHERE workshop_id = ${workshopId}
      UNION ALL SELECT 'handoff-sla', updated_by, updated_at FROM handoff_slas WHERE workshop_id = ${workshopId}
    ) AS changes LEFT JOIN users ON users.id = changes.user_id
    ORDER BY changes.at`)) as [string, string | null, number][]
  const result = Object.fromEntries(SIGN_OFF_SECTIONS.map((section) => [section, null])) as Record<SignOffSection, { name: string | null; at: Date } | null>
  // Ordered by time: the last row of a section is its latest change.
  for (const [section, name, at] of rows) result[section as SignOffSection] = { name, at: new Date(at) }
  return result
}
