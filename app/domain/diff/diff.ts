import type { Condition, ScoringConfig } from '~/domain/scoring'
import { describeSlaDuration, ROUTING_LABELS } from '~/domain/sla/schema'
import { conditionInWords, formatNumber, vocabularyOf, windowInWords } from '~/domain/document/plain-words'
import { canonicalJson, type Snapshot } from '~/domain/document/snapshot'

/*
 * What changed between two versions, in words a marketer reads ("Demo request: 20 → 30
 * points"). The version diff page and the generated changelog both use this one function.
 */

export type ChangeKind = 'added' | 'removed' | 'changed'

/**
 * One change. `kind` colours it in the diff; `subject` names the rule it is about, so the summary
 * counts rules rather than lines. Changelogs stored before both existed carry neither (see kindOf).
 */
export type Change = { section: string; text: string; kind?: ChangeKind; subject?: string }

/** Any rule of the config, seen through the fields rules may have. */
type AnyRule = {
  id: string
  label: string
  points?: number
  when?: Condition
  activity?: string
  withinDays?: number
  maxPoints?: number
  // Format 2
  where?: Condition
  time?: 'past' | 'future' | 'any'
  halfLifeDays?: number | null
  since?: string
  until?: string
  required?: boolean
}

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
  const words = vocabularyOf(config)
  const what = rule.activity
    ? `each “${config.activities.find((a) => a.key === rule.activity)?.label ?? rule.activity}”${
        rule.where ? ` with ${conditionInWords(rule.where, words.propertyWords?.([rule.activity]) ?? words)}` : ''
      }`
    : rule.when
    ? conditionInWords(rule.when, vocabularyOf(config))
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
    for (const rule of newRules) if (!oldById.has(rule.id)) changes.push({ section, kind: 'added', subject: rule.id, text: `added ${ruleText(after, rule)}` })
    for (const rule of oldRules) if (!newById.has(rule.id)) changes.push({ section, kind: 'removed', subject: rule.id, text: `removed ${ruleText(before, rule)}` })
    for (const rule of newRules) {
      const old = oldById.get(rule.id)
      if (!old) continue
      const name = rule.label
      const changed = (text: string) => changes.push({ section, kind: 'changed', subject: rule.id, text })
      if (old.label !== rule.label) changed(`renamed “${old.label}” to “${rule.label}”`)
      if (old.points !== rule.points) changed(`${name}: ${old.points ?? 0} → ${rule.points ?? 0} points`)
      if (!same(old.when, rule.when) || old.activity !== rule.activity) changed(`${name}: condition changed from ${ruleText(before, old)} to ${ruleText(after, rule)}`)
      if (old.withinDays !== rule.withinDays) changed(`${name}: window ${old.withinDays ?? 'any age'} → ${rule.withinDays ?? 'any age'} days`)
      if (old.maxPoints !== rule.maxPoints) changed(`${name}: cap ${old.maxPoints ?? 'none'} → ${rule.maxPoints ?? 'none'}`)
      // Format 2 (a format-1 rule has none of these, so format-1 diffs read as before).
      if (old.activity === rule.activity && !same(old.where, rule.where)) changed(`${name}: counts ${ruleText(before, old)} → ${ruleText(after, rule)}`)
      const period = (r: AnyRule) => windowInWords({ time: r.time, since: r.since, until: r.until }) || 'any date'
      if (old.time !== rule.time || old.since !== rule.since || old.until !== rule.until) changed(`${name}: dates counted ${period(old)} → ${period(rule)}`)
      const fade = (r: AnyRule) => (r.halfLifeDays === undefined ? 'the model’s half-life' : r.halfLifeDays === null ? 'no decay' : `a ${formatNumber(r.halfLifeDays)}-day half-life`)
      if (old.halfLifeDays !== rule.halfLifeDays) changed(`${name}: fades with ${fade(old)} → ${fade(rule)}`)
      if (Boolean(old.required) !== Boolean(rule.required)) changed(`${name}: ${rule.required ? 'now required for an SQL' : 'no longer required for an SQL'}`)
    }
  }
  const numbers: [string, number | null, number | null][] = [
    ['MQL fit threshold', before.mql.minFit, after.mql.minFit],
    ['MQL engagement threshold', before.mql.minEngagement, after.mql.minEngagement],
    ['Fit cap', before.fit.max, after.fit.max],
    ['Engagement cap', before.engagement.max, after.engagement.max],
    ['Half-life of activity points (days)', before.engagement.halfLifeDays, after.engagement.halfLifeDays],
    ['SQL questions that must hold', before.sql.minMet, after.sql.minMet],
  ]
  for (const [label, old, now] of numbers) if (old !== now) changes.push({ section: 'Thresholds', kind: 'changed', text: `${label} ${old ?? 'none'} → ${now ?? 'none'}` })
  const gradeText = (config: ScoringConfig) =>
    [...config.grades]
      .sort((a, b) => b.minFit - a.minFit)
      .map((g) => `${g.grade} ≥ ${g.minFit}`)
      .join(', ')
  if (gradeText(before) !== gradeText(after)) changes.push({ section: 'Grades', kind: 'changed', text: `${gradeText(before)} → ${gradeText(after)}` })
  changes.push(...diffFormat2Settings(before, after))
  const added = after.required.filter((key) => !before.required.includes(key))
  const removed = before.required.filter((key) => !after.required.includes(key))
  const labels = (config: ScoringConfig, keys: string[]) => keys.map((key) => vocabularyOf(config).fieldLabel(key)).join(', ')
  if (added.length) changes.push({ section: 'Required information', kind: 'added', text: `now required: ${labels(after, added)}` })
  if (removed.length) changes.push({ section: 'Required information', kind: 'removed', text: `no longer required: ${labels(before, removed)}` })
  return changes
}

/** Format 2: activity properties, engagement bands and the priority matrix. */
function diffFormat2Settings(before: ScoringConfig, after: ScoringConfig): Change[] {
  const changes: Change[] = []
  for (const activity of after.activities) {
    const old = before.activities.find((candidate) => candidate.key === activity.key)
    const oldKeys = new Set((old?.properties ?? []).map((property) => property.key))
    const newKeys = new Set((activity.properties ?? []).map((property) => property.key))
    for (const property of activity.properties ?? [])
      if (!oldKeys.has(property.key)) changes.push({ section: 'Activities', kind: 'added', text: `added the property “${property.label}” to “${activity.label}”` })
    for (const property of old?.properties ?? [])
      if (!newKeys.has(property.key)) changes.push({ section: 'Activities', kind: 'removed', text: `removed the property “${property.label}” from “${activity.label}”` })
  }
  const bandText = (config: ScoringConfig) => (config.engagement.bands ?? []).map((band) => `${band.band} ≥ ${formatNumber(band.minEngagement)}`).join(', ') || 'none'
  if (bandText(before) !== bandText(after)) changes.push({ section: 'Engagement bands', kind: 'changed', text: `${bandText(before)} → ${bandText(after)}` })
  const cell = (entry: { grade: string; band: string }) => `${entry.grade} × band ${entry.band}`
  const entryText = (entry: NonNullable<ScoringConfig['priorities']>[number]) => `${entry.priority}, “${entry.label}”${entry.slaPriority ? ` (SLA ${entry.slaPriority})` : ''}`
  const oldEntries = before.priorities ?? []
  const newEntries = after.priorities ?? []
  for (const entry of newEntries) {
    const old = oldEntries.find((candidate) => candidate.grade === entry.grade && candidate.band === entry.band)
    if (!old) changes.push({ section: 'Priorities', kind: 'added', text: `added ${cell(entry)}: ${entryText(entry)}` })
    else if (!same(old, entry)) changes.push({ section: 'Priorities', kind: 'changed', text: `${cell(entry)}: ${entryText(old)} → ${entryText(entry)}` })
  }
  for (const entry of oldEntries)
    if (!newEntries.some((candidate) => candidate.grade === entry.grade && candidate.band === entry.band))
      changes.push({ section: 'Priorities', kind: 'removed', text: `removed ${cell(entry)}: ${entryText(entry)}` })
  return changes
}

function diffByKey<T>(section: string, before: readonly T[], after: readonly T[], key: (item: T) => string, describe: (old: T, now: T) => string[]): Change[] {
  const changes: Change[] = []
  const oldByKey = new Map(before.map((item) => [key(item), item]))
  const newByKey = new Map(after.map((item) => [key(item), item]))
  for (const [name, item] of newByKey) {
    const old = oldByKey.get(name)
    if (!old) changes.push({ section, kind: 'added', text: `added “${name}”` })
    else for (const text of describe(old, item)) changes.push({ section, kind: 'changed', text })
  }
  for (const name of oldByKey.keys()) if (!newByKey.has(name)) changes.push({ section, kind: 'removed', text: `removed “${name}”` })
  return changes
}

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`)

/** "per month", "per quarter", "per year", "per 18 months". */
export function perPeriod(months: number): string {
  if (months === 1) return 'per month'
  if (months === 3) return 'per quarter'
  if (months === 12) return 'per year'
  return `per ${months} months`
}

export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  return changesBetween(before, after).map((change) => ({ ...change, kind: change.kind ?? 'changed' }))
}

function changesBetween(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = []
  if (!same(before.context, after.context)) changes.push({ section: 'Context', text: 'the context was updated' })
  changes.push(
    ...diffByKey(
      'Good and bad leads',
      before.agreedTraits,
      after.agreedTraits,
      (trait) => `${trait.kind === 'good' ? 'Good' : 'Bad'}: ${trait.text}`,
      () => []
    )
  )
  changes.push(
    ...diffByKey(
      'Personas',
      before.personas,
      after.personas,
      (persona) => persona.name,
      (old, now) => {
        const texts: string[] = []
        if (old.negative !== now.negative) texts.push(`“${now.name}” is now ${now.negative ? 'a negative persona' : 'a buyer persona'}`)
        if (old.closedWonMatch !== now.closedWonMatch) texts.push(`“${now.name}” matches closed-won buyers: ${old.closedWonMatch ?? '—'} → ${now.closedWonMatch ?? '—'}`)
        const { negative: _a, closedWonMatch: _b, ...restOld } = old
        const { negative: _c, closedWonMatch: _d, ...restNew } = now
        if (!same(restOld, restNew)) texts.push(`“${now.name}” was edited`)
        return texts
      }
    )
  )
  changes.push(...diffScoring(before.scoring, after.scoring))
  changes.push(
    ...diffByKey(
      'Lifecycle stages',
      before.stages,
      after.stages,
      (stage) => stage.label,
      (old, now) => {
        const texts: string[] = []
        if (old.conversionRateToNext !== now.conversionRateToNext)
          texts.push(`${now.label}: conversion to next ${pct(old.conversionRateToNext)} → ${pct(now.conversionRateToNext)}`)
        if (old.typicalDays !== now.typicalDays) texts.push(`${now.label}: typical days ${old.typicalDays ?? '—'} → ${now.typicalDays ?? '—'}`)
        if (old.owner !== now.owner) texts.push(`${now.label}: owner ${old.owner} → ${now.owner}`)
        if (old.enabled !== now.enabled) texts.push(`${now.label}: ${now.enabled ? 'switched on' : 'switched off'}`)
        if (old.definition !== now.definition || old.entryCriteria !== now.entryCriteria || old.exitCriteria !== now.exitCriteria)
          texts.push(`${now.label}: definition or criteria reworded`)
        return texts
      }
    )
  )
  if (before.funnel && after.funnel) {
    if (before.funnel.revenueTarget !== after.funnel.revenueTarget || before.funnel.periodMonths !== after.funnel.periodMonths)
      changes.push({
        section: 'Funnel targets',
        text: `revenue target ${formatNumber(before.funnel.revenueTarget)} ${perPeriod(before.funnel.periodMonths)} → ${formatNumber(after.funnel.revenueTarget)} ${perPeriod(
          after.funnel.periodMonths
        )}`,
      })
    if (before.funnel.averageDealSize !== after.funnel.averageDealSize)
      changes.push({ section: 'Funnel targets', text: `average deal ${formatNumber(before.funnel.averageDealSize)} → ${formatNumber(after.funnel.averageDealSize)}` })
  } else if (!same(before.funnel, after.funnel))
    changes.push({ section: 'Funnel targets', kind: after.funnel ? 'added' : 'removed', text: after.funnel ? 'funnel targets set' : 'funnel targets removed' })
  const a = before.handoff
  const b = after.handoff
  if (a && b) {
    for (const target of b.responseTargets) {
      const old = a.responseTargets.find((t) => t.priority === target.priority)
      if (old && !same(old.within, target.within))
        changes.push({ section: 'Handoff SLA', text: `${target.label}: ${describeSlaDuration(old.within)} → ${describeSlaDuration(target.within)}` })
    }
    if (a.routing !== b.routing) changes.push({ section: 'Handoff SLA', text: `routing ${ROUTING_LABELS[a.routing]} → ${ROUTING_LABELS[b.routing]}` })
    if (a.timeZone !== b.timeZone) changes.push({ section: 'Handoff SLA', text: `time zone ${a.timeZone} → ${b.timeZone}` })
    if (!same(a.businessHours, b.businessHours)) changes.push({ section: 'Handoff SLA', text: 'business hours changed' })
    if (!same(a.holidays, b.holidays)) changes.push({ section: 'Handoff SLA', text: 'holidays changed' })
    if (!same(a.acceptanceWindow, b.acceptanceWindow))
      changes.push({ section: 'Handoff SLA', text: `acceptance window ${describeSlaDuration(a.acceptanceWindow)} → ${describeSlaDuration(b.acceptanceWindow)}` })
    if (!same(a.followUp, b.followUp))
      changes.push({
        section: 'Handoff SLA',
        text: `follow-up ${a.followUp.attempts} attempts over ${a.followUp.overDays} days → ${b.followUp.attempts} over ${b.followUp.overDays}`,
      })
    for (const reason of b.rejectionReasons)
      if (!a.rejectionReasons.includes(reason)) changes.push({ section: 'Handoff SLA', text: `rejection reason added: “${reason}”`, kind: 'added' })
    for (const reason of a.rejectionReasons)
      if (!b.rejectionReasons.includes(reason)) changes.push({ section: 'Handoff SLA', text: `rejection reason removed: “${reason}”`, kind: 'removed' })
    if (!same(a.recycleRules, b.recycleRules)) changes.push({ section: 'Handoff SLA', text: 'recycle rules changed' })
    if (a.commitments.mqlsPerMonth !== b.commitments.mqlsPerMonth)
      changes.push({ section: 'Handoff SLA', text: `marketing's MQL commitment ${a.commitments.mqlsPerMonth} → ${b.commitments.mqlsPerMonth} a month` })
    if (a.commitments.followUpWithinSlaPercent !== b.commitments.followUpWithinSlaPercent)
      changes.push({ section: 'Handoff SLA', text: `sales' follow-up commitment ${a.commitments.followUpWithinSlaPercent} % → ${b.commitments.followUpWithinSlaPercent} %` })
    if (a.reviewCadence !== b.reviewCadence) changes.push({ section: 'Handoff SLA', text: `review ${a.reviewCadence} → ${b.reviewCadence}` })
  } else if (!same(a, b)) changes.push({ section: 'Handoff SLA', kind: b ? 'added' : 'removed', text: b ? 'the SLA was defined' : 'the SLA was removed' })
  return changes
}

/** A stored change's kind; changelogs from before kinds were stored say it in their words. */
export function kindOf(change: Change): ChangeKind {
  if (change.kind) return change.kind
  if (/^added\b|reason added|targets set|was defined/.test(change.text)) return 'added'
  if (/^removed\b|reason removed|targets removed|was removed/.test(change.text)) return 'removed'
  return 'changed'
}

/** A change as shown beside its kind's badge ("Added"): without the verb the badge already says. */
export function changeText(kind: ChangeKind, text: string): string {
  const rest = kind === 'changed' ? text : text.replace(new RegExp(`^${kind} `), '')
  return rest.charAt(0).toUpperCase() + rest.slice(1)
}

export type ChangeGroup = { section: string; changes: { kind: ChangeKind; text: string }[] }

/** Changes grouped by section, in the order they were found (the document's order). */
export function groupChanges(changes: readonly Change[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup['changes']>()
  for (const change of changes) groups.set(change.section, [...(groups.get(change.section) ?? []), { kind: kindOf(change), text: change.text }])
  return [...groups].map(([section, texts]) => ({ section, changes: texts }))
}

const RULE_SECTIONS = new Set(['Fit rules', 'Engagement rules', 'Disqualifiers', 'Fast-track', 'SQL questions'])
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The diff in one line, for the top of the diff and the changelog: rules counted once however
 * many of their parts changed, thresholds spelled out, other sections counted.
 * "1 rule added, 1 rule changed, MQL engagement threshold 45 → 40".
 */
export function summariseChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No changes.'
  const rules = new Map<string, ChangeKind>()
  const parts: string[] = []
  const others = new Map<string, number>()
  for (const change of changes) {
    if (RULE_SECTIONS.has(change.section)) {
      const key = `${change.section}\u0000${change.subject ?? change.text}`
      const kind = kindOf(change)
      // A rule both changed and added/removed (renamed ids) counts as what happened to it first.
      if (!rules.has(key)) rules.set(key, kind)
    } else if (change.section === 'Thresholds') parts.push(change.text)
    else others.set(change.section, (others.get(change.section) ?? 0) + 1)
  }
  const byKind = (kind: ChangeKind) => [...rules.values()].filter((k) => k === kind).length
  const ruleParts = [
    byKind('changed') ? `${count(byKind('changed'), 'rule')} changed` : '',
    byKind('added') ? `${count(byKind('added'), 'rule')} added` : '',
    byKind('removed') ? `${count(byKind('removed'), 'rule')} removed` : '',
  ].filter(Boolean)
  const otherParts = [...others].map(([section, n]) => `${section}: ${count(n, 'change')}`)
  const line = [...ruleParts, ...parts, ...otherParts].join(', ')
  return line.charAt(0).toUpperCase() + line.slice(1)
}
