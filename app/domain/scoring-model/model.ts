import type { Condition, FieldType } from '~/domain/scoring'

/*
 * domain/scoring-model: the workshop's editable scoring model — its stored rows (this file), their
 * assembly into a config (assemble.ts), the forms that edit it, and how it reads in words. It
 * builds on domain/scoring (the config contract and engine), never the other way round.
 */

/** The kinds of rule a workshop edits: criteria in step 4 (fit, disqualifier, sql), scoring in step 5. */
export const RULE_SECTIONS = ['fit', 'engagement', 'disqualifier', 'fastTrack', 'sql'] as const
export type RuleSection = (typeof RULE_SECTIONS)[number]

/** Sections whose rules carry points. */
export const POINTED_SECTIONS: readonly RuleSection[] = ['fit', 'engagement']

/** `values`: display labels for the values the field takes (`c_level` → “C-level”), shown by documents; null when none. */
export type StoredField = { key: string; label: string; type: FieldType; values?: { value: string; label: string }[] | null }
/** A property an activity of this type carries (`completed`, `url`), declared like a field. */
export type StoredActivityProperty = { key: string; label: string; type: FieldType }
/** `properties`: what activities of this type carry, for `where` conditions; null or empty when none. */
export type StoredActivity = { key: string; label: string; properties?: StoredActivityProperty[] | null }

/** When an activity counts, relative to the moment a lead is scored (format 2). */
export const TIME_DIRECTIONS = ['past', 'future', 'any'] as const
export type TimeDirection = (typeof TIME_DIRECTIONS)[number]

/**
 * The format-2 parts of a rule, stored together: an activity rule's `where` over the activity's
 * properties, its time direction, its own half-life (a number, `null` for no decay, absent for
 * the model's) and date bounds; `required` on an SQL question. Absent parts are format 1.
 */
export type StoredRuleOptions = {
  where?: Condition
  time?: TimeDirection
  halfLifeDays?: number | null
  since?: string
  until?: string
  required?: boolean
}

/** An engagement band: engagement ≥ minEngagement (the first band that fits, from the top). */
export type StoredBand = { band: string; minEngagement: number }
/** The priority of a grade × band cell: its name ("A1"), what sales does, and the SLA priority it maps to. */
export type StoredPriority = { grade: string; band: string; priority: string; label: string; slaPriority?: string }

/** One rule as stored: a condition rule (`condition`) or an activity rule (`activity`). */
export type StoredRule = {
  section: RuleSection
  ruleKey: string
  label: string
  points: number | null
  condition: Condition | null
  activity: string | null
  withinDays: number | null
  maxPoints: number | null
  /** Format-2 parts; absent or null for a format-1 rule. */
  options?: StoredRuleOptions | null
}

/** A rule to save: a stored rule before it has its key in the config. */
export type RuleDraft = Omit<StoredRule, 'ruleKey'>

export type StoredSettings = {
  fitMax: number
  engagementMax: number
  halfLifeDays: number | null
  mqlMinFit: number
  mqlMinEngagement: number
  sqlMinMet: number
  grades: { grade: string; minFit: number }[]
  required: string[]
  /** Engagement bands, highest first; empty when the model has none. */
  bands?: StoredBand[] | null
  priorities?: StoredPriority[] | null
}

/** The sections the scoring page (step 5) edits; the criteria page (step 4) edits fit, disqualifier and sql. */
export const SCORING_SECTIONS = ['fit', 'engagement', 'fastTrack'] as const satisfies readonly RuleSection[]
export type ScoringSection = (typeof SCORING_SECTIONS)[number]

export function isScoringSection(section: string): section is ScoringSection {
  return (SCORING_SECTIONS as readonly string[]).includes(section)
}
