import type { Condition, ScoringConfig } from '~/domain/scoring'
import { describeCondition } from '~/domain/scoring-model/describe'
import { describeSlaDuration } from '~/domain/sla/schema'
import { canonicalJson, type Snapshot } from '~/domain/document/snapshot'

/*
 * What changed between two versions, in words a marketer reads ("Demo request: 20 → 30
 * points"). The version diff page and the generated changelog both use this one function.
 */

export type Change = { section: string; text: string }

/** Any rule of the config, seen through the fields rules may have. */
type AnyRule = { id: string; label: string; points?: number; when?: Condition; activity?: string; withinDays?: number; maxPoints?: number }

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

function ruleLists(config: ScoringConfig): [string, readonly AnyRule[]][] {
  return [
    ['Fit rules', config.fit.rules],
    ['Engagement rules', config.engagement.rules],
    ['Disqualifiers', config.disqualifiers],
    ['Fast-track', config.fastTrack],
    ['SQL questions', config.sql.criteria],
  ]
}

function ruleText(config: ScoringConfig, rule: AnyRule) {
  const fieldLabel = (key: string) => config.fields.find((field) => field.key === key)?.label ?? key
  const what = rule.activity
    ? `each “${config.activities.find((a) => a.key === rule.activity)?.label ?? rule.activity}”`
    : rule.when
      ? describeCondition(rule.when, fieldLabel)
      : ''
  return `“${rule.label}” (${what}${rule.points !== undefined ? `, ${rule.points} points` : ''})`
}

function diffScoring(before: ScoringConfig, after: ScoringConfig): Change[] {
  const changes: Change[] = []
  const afterLists = new Map(ruleLists(after))
  for (const [section, oldRules] of ruleLists(before)) {
    const newRules = afterLists.get(section) ?? []
    const oldById = new Map(oldRules.map((rule) => [rule.id, rule]))
    const newById = new Map(newRules.map((rule) => [rule.id, rule]))
    for (const rule of newRules) if (!oldById.has(rule.id)) changes.push({ section, text: `added ${ruleText(after, rule)}` })
    for (const rule of oldRules) if (!newById.has(rule.id)) changes.push({ section, text: `removed ${ruleText(before, rule)}` })
    for (const rule of newRules) {
      const old = oldById.get(rule.id)
      if (!old) continue
      const name = rule.label
      if (old.label !== rule.label) changes.push({ section, text: `renamed “${old.label}” to “${rule.label}”` })
      if (old.points !== rule.points) changes.push({ section, text: `${name}: ${old.points ?? 0} → ${rule.points ?? 0} points` })
      if (!same(old.when, rule.when) || old.activity !== rule.activity)
        changes.push({ section, text: `${name}: condition changed from ${ruleText(before, old)} to ${ruleText(after, rule)}` })
      if (old.withinDays !== rule.withinDays) changes.push({ section, text: `${name}: window ${old.withinDays ?? 'any age'} → ${rule.withinDays ?? 'any age'} days` })
      if (old.maxPoints !== rule.maxPoints) changes.push({ section, text: `${name}: cap ${old.maxPoints ?? 'none'} → ${rule.maxPoints ?? 'none'}` })
    }
  }
  const numbers: [string, number | null, number | null][] = [
    ['MQL minimum fit', before.mql.minFit, after.mql.minFit],
    ['MQL minimum engagement', before.mql.minEngagement, after.mql.minEngagement],
    ['Fit cap', before.fit.max, after.fit.max],
    ['Engagement cap', before.engagement.max, after.engagement.max],
    ['Half-life of activity points (days)', before.engagement.halfLifeDays, after.engagement.halfLifeDays],
    ['SQL questions that must hold', before.sql.minMet, after.sql.minMet],
  ]
  for (const [label, old, now] of numbers) if (old !== now) changes.push({ section: 'Thresholds', text: `${label}: ${old ?? 'none'} → ${now ?? 'none'}` })
  const gradeText = (config: ScoringConfig) => [...config.grades].sort((a, b) => b.minFit - a.minFit).map((g) => `${g.grade} ≥ ${g.minFit}`).join(', ')
  if (gradeText(before) !== gradeText(after)) changes.push({ section: 'Grades', text: `${gradeText(before)} → ${gradeText(after)}` })
  const added = after.required.filter((key) => !before.required.includes(key))
  const removed = before.required.filter((key) => !after.required.includes(key))
  if (added.length) changes.push({ section: 'Required information', text: `now required: ${added.join(', ')}` })
  if (removed.length) changes.push({ section: 'Required information', text: `no longer required: ${removed.join(', ')}` })
  return changes
}

function diffByKey<T>(
  section: string,
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  describe: (old: T, now: T) => string[],
): Change[] {
  const changes: Change[] = []
  const oldByKey = new Map(before.map((item) => [key(item), item]))
  const newByKey = new Map(after.map((item) => [key(item), item]))
  for (const [name, item] of newByKey) {
    const old = oldByKey.get(name)
    if (!old) changes.push({ section, text: `added “${name}”` })
    else for (const text of describe(old, item)) changes.push({ section, text })
  }
  for (const name of oldByKey.keys()) if (!newByKey.has(name)) changes.push({ section, text: `removed “${name}”` })
  return changes
}

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`)

export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = []
  if (!same(before.context, after.context)) changes.push({ section: 'Context', text: 'the context was updated' })
  changes.push(
    ...diffByKey('Good and bad leads', before.agreedTraits, after.agreedTraits, (trait) => `${trait.kind === 'good' ? 'Good' : 'Bad'}: ${trait.text}`, () => []),
  )
  changes.push(
    ...diffByKey('Personas', before.personas, after.personas, (persona) => persona.name, (old, now) => {
      const texts: string[] = []
      if (old.negative !== now.negative) texts.push(`“${now.name}” is now ${now.negative ? 'a negative persona' : 'a buyer persona'}`)
      if (old.closedWonMatch !== now.closedWonMatch) texts.push(`“${now.name}” matches closed-won buyers: ${old.closedWonMatch ?? '—'} → ${now.closedWonMatch ?? '—'}`)
      const { negative: _a, closedWonMatch: _b, ...restOld } = old
      const { negative: _c, closedWonMatch: _d, ...restNew } = now
      if (!same(restOld, restNew)) texts.push(`“${now.name}” was edited`)
      return texts
    }),
  )
  changes.push(...diffScoring(before.scoring, after.scoring))
  changes.push(
    ...diffByKey('Lifecycle stages', before.stages, after.stages, (stage) => stage.label, (old, now) => {
      const texts: string[] = []
      if (old.conversionRateToNext !== now.conversionRateToNext) texts.push(`${now.label}: conversion to next ${pct(old.conversionRateToNext)} → ${pct(now.conversionRateToNext)}`)
      if (old.typicalDays !== now.typicalDays) texts.push(`${now.label}: typical days ${old.typicalDays ?? '—'} → ${now.typicalDays ?? '—'}`)
      if (old.owner !== now.owner) texts.push(`${now.label}: owner ${old.owner} → ${now.owner}`)
      if (old.enabled !== now.enabled) texts.push(`${now.label}: ${now.enabled ? 'switched on' : 'switched off'}`)
      if (old.definition !== now.definition || old.entryCriteria !== now.entryCriteria || old.exitCriteria !== now.exitCriteria) texts.push(`${now.label}: definition or criteria reworded`)
      return texts
    }),
  )
  if (before.funnel && after.funnel) {
    if (before.funnel.revenueTarget !== after.funnel.revenueTarget || before.funnel.periodMonths !== after.funnel.periodMonths)
      changes.push({ section: 'Funnel targets', text: `revenue target ${before.funnel.revenueTarget} per ${before.funnel.periodMonths} month(s) → ${after.funnel.revenueTarget} per ${after.funnel.periodMonths} month(s)` })
    if (before.funnel.averageDealSize !== after.funnel.averageDealSize)
      changes.push({ section: 'Funnel targets', text: `average deal ${before.funnel.averageDealSize} → ${after.funnel.averageDealSize}` })
  } else if (!same(before.funnel, after.funnel)) changes.push({ section: 'Funnel targets', text: after.funnel ? 'funnel targets set' : 'funnel targets removed' })
  const a = before.handoff
  const b = after.handoff
  if (a && b) {
    for (const target of b.responseTargets) {
      const old = a.responseTargets.find((t) => t.priority === target.priority)
      if (old && !same(old.within, target.within)) changes.push({ section: 'Handoff SLA', text: `${target.label}: ${describeSlaDuration(old.within)} → ${describeSlaDuration(target.within)}` })
    }
    if (a.routing !== b.routing) changes.push({ section: 'Handoff SLA', text: `routing ${a.routing} → ${b.routing}` })
    if (a.timeZone !== b.timeZone) changes.push({ section: 'Handoff SLA', text: `time zone ${a.timeZone} → ${b.timeZone}` })
    if (!same(a.businessHours, b.businessHours)) changes.push({ section: 'Handoff SLA', text: 'business hours changed' })
    if (!same(a.holidays, b.holidays)) changes.push({ section: 'Handoff SLA', text: 'holidays changed' })
    if (!same(a.acceptanceWindow, b.acceptanceWindow)) changes.push({ section: 'Handoff SLA', text: `acceptance window ${describeSlaDuration(a.acceptanceWindow)} → ${describeSlaDuration(b.acceptanceWindow)}` })
    if (!same(a.followUp, b.followUp)) changes.push({ section: 'Handoff SLA', text: `follow-up ${a.followUp.attempts} attempts over ${a.followUp.overDays} days → ${b.followUp.attempts} over ${b.followUp.overDays}` })
    for (const reason of b.rejectionReasons) if (!a.rejectionReasons.includes(reason)) changes.push({ section: 'Handoff SLA', text: `rejection reason added: “${reason}”` })
    for (const reason of a.rejectionReasons) if (!b.rejectionReasons.includes(reason)) changes.push({ section: 'Handoff SLA', text: `rejection reason removed: “${reason}”` })
    if (!same(a.recycleRules, b.recycleRules)) changes.push({ section: 'Handoff SLA', text: 'recycle rules changed' })
    if (a.commitments.mqlsPerMonth !== b.commitments.mqlsPerMonth) changes.push({ section: 'Handoff SLA', text: `marketing's MQL commitment ${a.commitments.mqlsPerMonth} → ${b.commitments.mqlsPerMonth} a month` })
    if (a.commitments.followUpWithinSlaPercent !== b.commitments.followUpWithinSlaPercent)
      changes.push({ section: 'Handoff SLA', text: `sales' follow-up commitment ${a.commitments.followUpWithinSlaPercent} % → ${b.commitments.followUpWithinSlaPercent} %` })
    if (a.reviewCadence !== b.reviewCadence) changes.push({ section: 'Handoff SLA', text: `review ${a.reviewCadence} → ${b.reviewCadence}` })
  } else if (!same(a, b)) changes.push({ section: 'Handoff SLA', text: b ? 'the SLA was defined' : 'the SLA was removed' })
  return changes
}

/** Changes grouped by section, in the order sections appear in the document. */
export function groupChanges(changes: readonly Change[]): { section: string; changes: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const change of changes) groups.set(change.section, [...(groups.get(change.section) ?? []), change.text])
  return [...groups].map(([section, texts]) => ({ section, changes: texts }))
}
