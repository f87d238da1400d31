import { and, asc, eq } from 'drizzle-orm'
import { criterionSuggestions, scoringActivities, scoringFields, scoringRules, scoringSettings } from '#db/schema'
import { newId } from '#db/ids'
import { parseScoringConfig, type Condition, type ScoringConfig } from '~/domain/scoring'
import { assembleConfig, ruleKeyFor } from '~/domain/scoring-model/assemble'
import { DEFAULT_ACTIVITIES, DEFAULT_FIELDS, DEFAULT_SETTINGS, DEFAULT_SQL_RULES } from '~/domain/scoring-model/defaults'
import type { RuleDraft, RuleSection, StoredActivityProperty, StoredField, StoredRule, StoredRuleOptions, StoredSettings } from '~/domain/scoring-model/model'
import { ruleFromForm, type RuleForm } from '~/domain/scoring-model/rule-form'
import { database } from '~/models/db.server'
import { deleteAtRevision, updateAtRevision, type SaveResult } from './revision.server'

/** Gives a new workshop the default fields, activities, thresholds and BANT questions. */
export async function createScoringDefaults(workshopId: string) {
  const { db, transaction } = await database()
  await transaction(async () => {
    await db.insert(scoringFields).values(DEFAULT_FIELDS.map((field, position) => ({ id: newId(), workshopId, position, ...field })))
    await db.insert(scoringActivities).values(DEFAULT_ACTIVITIES.map((activity, position) => ({ id: newId(), workshopId, position, ...activity })))
    await db.insert(scoringSettings).values({ workshopId, id: workshopId, ...DEFAULT_SETTINGS })
    await db.insert(scoringRules).values(
      DEFAULT_SQL_RULES.map((rule, position) => ({
        id: newId(),
        workshopId,
        section: 'sql' as const,
        ruleKey: rule.ruleKey,
        label: rule.label,
        condition: rule.condition,
        position,
      })),
    )
  })
}

export type RuleRow = StoredRule & { id: string; revision: number; updatedAt: Date }

/**
 * A stored condition as the engine's type. The columns are JSON that only this module writes,
 * from typed Conditions: a rule's once the whole config it belongs to passed parseScoringConfig,
 * a suggestion's as drafted (it is validated the same way when accepted).
 */
function storedCondition(json: unknown): Condition | null {
  return (json as Condition | null) ?? null
}

function toStoredRule(row: typeof scoringRules.$inferSelect): RuleRow {
  return {
    id: row.id,
    revision: row.revision,
    updatedAt: row.updatedAt,
    section: row.section,
    ruleKey: row.ruleKey,
    label: row.label,
    points: row.points,
    condition: storedCondition(row.condition),
    activity: row.activity,
    withinDays: row.withinDays,
    maxPoints: row.maxPoints,
    options: row.options ?? null,
  }
}

async function loadParts(workshopId: string) {
  const { db } = await database()
  const [fields, activities, ruleRows, settingsRows] = await Promise.all([
    db.select().from(scoringFields).where(eq(scoringFields.workshopId, workshopId)).orderBy(asc(scoringFields.position)),
    db.select().from(scoringActivities).where(eq(scoringActivities.workshopId, workshopId)).orderBy(asc(scoringActivities.position)),
    db.select().from(scoringRules).where(eq(scoringRules.workshopId, workshopId)).orderBy(asc(scoringRules.position), asc(scoringRules.createdAt)),
    db.select().from(scoringSettings).where(eq(scoringSettings.workshopId, workshopId)),
  ])
  const settingsRow = settingsRows[0]
  if (!settingsRow) throw new Error(`Workshop ${workshopId} has no scoring settings`)
  const settings: StoredSettings & { revision: number } = {
    fitMax: settingsRow.fitMax,
    engagementMax: settingsRow.engagementMax,
    halfLifeDays: settingsRow.halfLifeDays,
    mqlMinFit: settingsRow.mqlMinFit,
    mqlMinEngagement: settingsRow.mqlMinEngagement,
    sqlMinMet: settingsRow.sqlMinMet,
    grades: settingsRow.grades,
    required: settingsRow.required,
    bands: settingsRow.bands ?? null,
    priorities: settingsRow.priorities ?? null,
    revision: settingsRow.revision,
  }
  return { fields, activities, rules: ruleRows.map(toStoredRule), settings }
}

/** The workshop's draft scoring model: its rows, and the config they make (with any problems). */
export async function getScoringModel(workshopId: string) {
  const parts = await loadParts(workshopId)
  const config = assembleConfig(parts)
  const parsed = parseScoringConfig(config)
  return { ...parts, config, validConfig: parsed.ok ? parsed.config : null, problems: parsed.ok ? [] : parsed.errors }
}

export type RuleSaveResult = SaveResult<RuleRow> | { ok: false; reason: 'invalid'; errors: Record<string, string> }

function configProblems(parts: ModelParts, rules: StoredRule[], settings: StoredSettings = parts.settings) {
  const parsed = parseScoringConfig(assembleConfig({ ...parts, rules, settings }))
  return parsed.ok ? [] : parsed.errors.map((error) => error.message)
}

type RuleTarget = { workshopId: string; userId: string; ruleId?: string; revision?: number }
type ModelParts = Awaited<ReturnType<typeof loadParts>>

/** Adds a rule, or changes one at the revision the editor saw; refuses a change that would make the config invalid. */
export async function saveRule(input: RuleTarget & { draft: RuleDraft }): Promise<RuleSaveResult> {
  const { transaction } = await database()
  return transaction(async () => storeRule(await loadParts(input.workshopId), input, input.draft))
}

/**
 * The rule editor's save: the form is read against the workshop's fields and activities and the
 * candidate config validated, all on one load of the model inside the write transaction (so a
 * field removed meanwhile cannot slip through between reading and writing).
 */
export async function saveRuleFromForm(input: RuleTarget & { form: RuleForm }): Promise<RuleSaveResult> {
  const { transaction } = await database()
  return transaction(async (): Promise<RuleSaveResult> => {
    const parts = await loadParts(input.workshopId)
    const draft = ruleFromForm(input.form, parts.fields, parts.activities)
    if (!draft.ok) return { ok: false, reason: 'invalid', errors: draft.errors }
    return storeRule(parts, input, draft.rule)
  })
}

/** Inside a write transaction, with the model as loaded in it. */
async function storeRule(parts: ModelParts, target: RuleTarget, draft: RuleDraft): Promise<RuleSaveResult> {
  const { db } = await database()
  const existing = target.ruleId ? parts.rules.find((rule) => rule.id === target.ruleId) : undefined
  if (target.ruleId && !existing) return { ok: false, reason: 'not-found' }
  if (existing && existing.section !== draft.section) {
    return { ok: false, reason: 'invalid', errors: { section: 'A rule keeps its kind; delete it and add a new one instead.' } }
  }
  const ruleKey = existing?.ruleKey ?? ruleKeyFor(draft.section, draft.label, new Set(parts.rules.map((rule) => rule.ruleKey)))
  const candidate: StoredRule = { ...draft, ruleKey }
  const rules = existing ? parts.rules.map((rule) => (rule.id === existing.id ? candidate : rule)) : [...parts.rules, candidate]
  const problems = configProblems(parts, rules)
  if (problems.length) return { ok: false, reason: 'invalid', errors: { form: problems.join(' ') } }
  const values = {
    label: draft.label,
    points: draft.points,
    condition: draft.condition,
    activity: draft.activity,
    withinDays: draft.withinDays,
    maxPoints: draft.maxPoints,
    options: draft.options ?? null,
    updatedBy: target.userId,
  }
  if (existing) {
    const saved = await updateAtRevision(scoringRules, { id: existing.id, revision: target.revision ?? -1, scope: eq(scoringRules.workshopId, target.workshopId) }, values)
    if (!saved.ok) return saved.reason === 'conflict' ? { ok: false, reason: 'conflict', current: toStoredRule(saved.current) } : saved
    return { ok: true, value: toStoredRule(saved.value) }
  }
  const position = parts.rules.filter((rule) => rule.section === draft.section).length
  const [row] = await db
    .insert(scoringRules)
    .values({ id: newId(), workshopId: target.workshopId, section: draft.section, ruleKey, position, ...values })
    .returning()
  return { ok: true, value: toStoredRule(row!) }
}

export async function deleteRule(input: { workshopId: string; ruleId: string; revision: number }): Promise<RuleSaveResult> {
  const { transaction } = await database()
  return transaction(async (): Promise<RuleSaveResult> => {
    const parts = await loadParts(input.workshopId)
    const problems = configProblems(
      parts,
      parts.rules.filter((rule) => rule.id !== input.ruleId),
    )
    if (problems.length) return { ok: false, reason: 'invalid', errors: { form: problems.join(' ') } }
    const deleted = await deleteAtRevision(scoringRules, {
      id: input.ruleId,
      revision: input.revision,
      scope: eq(scoringRules.workshopId, input.workshopId),
    })
    if (!deleted.ok) return deleted.reason === 'conflict' ? { ok: false, reason: 'conflict', current: toStoredRule(deleted.current) } : deleted
    return { ok: true, value: toStoredRule(deleted.value) }
  })
}

export type SettingsSaveResult =
  | SaveResult<StoredSettings & { revision: number }>
  | { ok: false; reason: 'invalid'; errors: Record<string, string> }

export async function saveSettings(input: {
  workshopId: string
  userId: string
  revision: number
  patch: Partial<StoredSettings>
}): Promise<SettingsSaveResult> {
  const { transaction } = await database()
  return transaction(async (): Promise<SettingsSaveResult> => {
    const parts = await loadParts(input.workshopId)
    const settings = { ...parts.settings, ...input.patch }
    const problems = configProblems(parts, parts.rules, settings)
    if (problems.length) return { ok: false, reason: 'invalid', errors: { form: problems.join(' ') } }
    const saved = await updateAtRevision(scoringSettings, { id: input.workshopId, revision: input.revision }, { ...input.patch, updatedBy: input.userId })
    if (!saved.ok) {
      if (saved.reason === 'not-found') return saved
      return { ok: false, reason: 'conflict', current: { ...saved.current, revision: saved.current.revision } }
    }
    return { ok: true, value: { ...saved.value } }
  })
}

/** Any rule of a config, seen through the fields rules may have. */
type ConfigRule = {
  id: string
  label: string
  points?: number
  when?: Condition
  activity?: string
  withinDays?: number
  maxPoints?: number
  // Format 2
  where?: Condition
  time?: StoredRuleOptions['time']
  halfLifeDays?: number | null
  since?: string
  until?: string
  required?: boolean
}

/** A config rule's format-2 parts as stored, or null when it has none. */
function ruleOptionsOf(rule: ConfigRule): StoredRuleOptions | null {
  const options: StoredRuleOptions = {}
  if (rule.where) options.where = rule.where
  if (rule.time) options.time = rule.time
  if (rule.halfLifeDays !== undefined) options.halfLifeDays = rule.halfLifeDays
  if (rule.since) options.since = rule.since
  if (rule.until) options.until = rule.until
  if (rule.required) options.required = true
  return Object.keys(options).length ? options : null
}

/** Replaces the workshop's whole scoring model with a config (the demo seed, an import). */
export async function replaceScoringModel(workshopId: string, input: ScoringConfig) {
  const parsed = parseScoringConfig(input)
  if (!parsed.ok) throw new Error(`Invalid scoring config: ${parsed.errors.map((e) => e.message).join('; ')}`)
  const config = parsed.config
  const { db, transaction } = await database()
  await transaction(async () => {
    await db.delete(scoringRules).where(eq(scoringRules.workshopId, workshopId))
    await db.delete(scoringFields).where(eq(scoringFields.workshopId, workshopId))
    await db.delete(scoringActivities).where(eq(scoringActivities.workshopId, workshopId))
    await db.insert(scoringFields).values(config.fields.map((field, position) => ({ id: newId(), workshopId, position, ...field })))
    await db.insert(scoringActivities).values(config.activities.map((activity, position) => ({ id: newId(), workshopId, position, ...activity })))
    const rows: (typeof scoringRules.$inferInsert)[] = []
    const push = (section: RuleSection, list: readonly ConfigRule[]) =>
      list.forEach((rule, position) =>
        rows.push({
          id: newId(),
          workshopId,
          section,
          position,
          ruleKey: rule.id,
          label: rule.label,
          points: rule.points ?? null,
          condition: rule.when ?? null,
          activity: rule.activity ?? null,
          withinDays: rule.withinDays ?? null,
          maxPoints: rule.maxPoints ?? null,
          options: ruleOptionsOf(rule),
        }),
      )
    push('fit', config.fit.rules)
    push('engagement', config.engagement.rules)
    push('disqualifier', config.disqualifiers)
    push('fastTrack', config.fastTrack)
    push('sql', config.sql.criteria)
    if (rows.length) await db.insert(scoringRules).values(rows)
    const existing = await db.select({ id: scoringSettings.id }).from(scoringSettings).where(eq(scoringSettings.workshopId, workshopId))
    const settings = {
      fitMax: config.fit.max,
      engagementMax: config.engagement.max,
      halfLifeDays: config.engagement.halfLifeDays,
      mqlMinFit: config.mql.minFit,
      mqlMinEngagement: config.mql.minEngagement,
      sqlMinMet: config.sql.minMet,
      grades: config.grades,
      required: config.required,
      bands: config.engagement.bands ?? null,
      priorities: config.priorities ?? null,
    }
    if (existing.length) await db.update(scoringSettings).set(settings).where(and(eq(scoringSettings.workshopId, workshopId)))
    else await db.insert(scoringSettings).values({ workshopId, id: workshopId, ...settings })
  })
}

export async function saveRequiredFields(input: { workshopId: string; userId: string; revision: number; required: string[] }) {
  return saveSettings({ workshopId: input.workshopId, userId: input.userId, revision: input.revision, patch: { required: input.required } })
}

export type AddResult = { ok: true } | { ok: false; errors: Record<string, string> }

export async function addField(input: { workshopId: string; key: string; label: string; type: StoredField['type'] }): Promise<AddResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<AddResult> => {
    const existing = await db.select({ key: scoringFields.key }).from(scoringFields).where(eq(scoringFields.workshopId, input.workshopId))
    if (existing.some((field) => field.key.toLowerCase() === input.key.toLowerCase())) return { ok: false, errors: { key: 'This workshop already has a field with this key.' } }
    await db.insert(scoringFields).values({ id: newId(), workshopId: input.workshopId, key: input.key, label: input.label, type: input.type, position: existing.length })
    return { ok: true }
  })
}

export async function addActivity(input: { workshopId: string; key: string; label: string }): Promise<AddResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<AddResult> => {
    const existing = await db.select({ key: scoringActivities.key }).from(scoringActivities).where(eq(scoringActivities.workshopId, input.workshopId))
    if (existing.some((activity) => activity.key.toLowerCase() === input.key.toLowerCase()))
      return { ok: false, errors: { key: 'This workshop already has an activity with this key.' } }
    await db.insert(scoringActivities).values({ id: newId(), workshopId: input.workshopId, key: input.key, label: input.label, position: existing.length })
    return { ok: true }
  })
}

/**
 * Declares a property on an activity type (format 2); a key the type already has is refused.
 * Adding only appends (like adding a field), so it needs no revision from the page.
 */
export type PropertyResult = AddResult | { ok: false; reason: 'conflict' | 'not-found' }

export async function addActivityProperty(input: { workshopId: string; activityKey: string; property: StoredActivityProperty }): Promise<PropertyResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<PropertyResult> => {
    const [activity] = await db
      .select()
      .from(scoringActivities)
      .where(and(eq(scoringActivities.workshopId, input.workshopId), eq(scoringActivities.key, input.activityKey)))
    if (!activity) return { ok: false, errors: { activityKey: 'Pick one of the workshop’s activities.' } }
    const properties = activity.properties ?? []
    if (properties.some((property) => property.key.toLowerCase() === input.property.key.toLowerCase()))
      return { ok: false, errors: { key: `“${activity.label}” already has a property with this key.` } }
    const saved = await updateAtRevision(
      scoringActivities,
      { id: activity.id, revision: activity.revision, scope: eq(scoringActivities.workshopId, input.workshopId) },
      { properties: [...properties, input.property] },
    )
    if (!saved.ok) return { ok: false, reason: saved.reason }
    return { ok: true }
  })
}

/** Removes a declared property, unless a rule still names it (the config would then be invalid). */
export async function removeActivityProperty(input: { workshopId: string; activityKey: string; propertyKey: string; revision: number }): Promise<PropertyResult> {
  const { transaction } = await database()
  return transaction(async (): Promise<PropertyResult> => {
    const parts = await loadParts(input.workshopId)
    const activity = parts.activities.find((candidate) => candidate.key === input.activityKey)
    if (!activity) return { ok: false, reason: 'not-found' }
    const properties = (activity.properties ?? []).filter((property) => property.key !== input.propertyKey)
    const activities = parts.activities.map((candidate) => (candidate.id === activity.id ? { ...candidate, properties } : candidate))
    const parsed = parseScoringConfig(assembleConfig({ ...parts, activities }))
    if (!parsed.ok) return { ok: false, errors: { form: `A rule still uses this property: ${parsed.errors.map((error) => error.message).join(' ')}` } }
    const saved = await updateAtRevision(
      scoringActivities,
      { id: activity.id, revision: input.revision, scope: eq(scoringActivities.workshopId, input.workshopId) },
      { properties: properties.length ? properties : null },
    )
    if (!saved.ok) return { ok: false, reason: saved.reason }
    return { ok: true }
  })
}

export async function listOpenSuggestions(workshopId: string) {
  const { db } = await database()
  const rows = await db
    .select()
    .from(criterionSuggestions)
    .where(and(eq(criterionSuggestions.workshopId, workshopId), eq(criterionSuggestions.status, 'open')))
    .orderBy(asc(criterionSuggestions.createdAt))
  return rows.map((row) => ({ ...row, condition: storedCondition(row.condition) }))
}

export async function createSuggestion(input: {
  workshopId: string
  source: 'trait' | 'persona'
  sourceLabel: string
  section: RuleSection
  label: string
  condition: Condition | null
  activity: string | null
  /** What of the source the draft left out, in words (lead-board/draft-criterion.ts). */
  note?: string
}) {
  const { db } = await database()
  const [row] = await db.insert(criterionSuggestions).values({ id: newId(), ...input }).returning()
  return row!
}

export type SuggestionResult = { ok: true; label: string; section: RuleSection } | { ok: false; reason: 'conflict' | 'not-found' } | { ok: false; reason: 'invalid'; errors: Record<string, string> }

/** Accepting turns the suggestion into a rule (0 points for fit, to be set in step 5); both happen or neither. */
export async function decideSuggestion(input: { workshopId: string; userId: string; suggestionId: string; revision: number; accept: boolean }): Promise<SuggestionResult> {
  const { db, transaction } = await database()
  return transaction(async (): Promise<SuggestionResult> => {
    const [suggestion] = await db
      .select()
      .from(criterionSuggestions)
      .where(and(eq(criterionSuggestions.id, input.suggestionId), eq(criterionSuggestions.workshopId, input.workshopId)))
    if (!suggestion) return { ok: false, reason: 'not-found' }
    if (suggestion.status !== 'open') return { ok: false, reason: 'conflict' }
    const decided = await updateAtRevision(
      criterionSuggestions,
      { id: suggestion.id, revision: input.revision, scope: eq(criterionSuggestions.workshopId, input.workshopId) },
      { status: input.accept ? 'accepted' : 'dismissed' },
    )
    if (!decided.ok) return { ok: false, reason: decided.reason === 'conflict' ? 'conflict' : 'not-found' }
    if (!input.accept) return { ok: true, label: suggestion.label, section: suggestion.section }
    const saved = await saveRule({
      workshopId: input.workshopId,
      userId: input.userId,
      draft: {
        section: suggestion.section,
        label: suggestion.label,
        points: suggestion.section === 'fit' || suggestion.section === 'engagement' ? 0 : null,
        condition: storedCondition(suggestion.condition),
        activity: suggestion.activity,
        withinDays: null,
        maxPoints: null,
        options: null,
      },
    })
    if (!saved.ok) {
      // Roll the status change back with the failed rule: the whole decision is one transaction.
      throw new SuggestionRefused(saved.reason === 'invalid' ? saved.errors : { form: 'The suggestion could not be turned into a rule.' })
    }
    return { ok: true, label: suggestion.label, section: suggestion.section }
  }).catch((error: unknown) => {
    if (error instanceof SuggestionRefused) return { ok: false, reason: 'invalid', errors: error.errors } as const
    throw error
  })
}

class SuggestionRefused extends Error {
  constructor(readonly errors: Record<string, string>) {
    super('suggestion refused')
  }
}
