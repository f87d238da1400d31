import { FieldConditionSchema, type Condition } from '~/domain/scoring'
import type { RuleSection } from '~/domain/scoring-model/model'
import { suggestCriterionFromTrait, type CriterionSection, type SuggestedCondition, type TraitKind } from './matcher'

/*
 * Turns an agreed trait or a negative persona into a draft criterion for step 4. The matcher
 * writes conditions on the default field keys (jobTitle, employees, country…); a workshop may
 * have renamed or removed some, so every clause is checked against the workshop's own fields
 * and the clauses on fields it does not have are left out, and said so.
 */

export type KnownKeys = { fields: readonly string[]; activities: readonly string[] }

export type DraftCriterion = {
  section: Extract<RuleSection, 'fit' | 'disqualifier' | 'fastTrack'>
  label: string
  condition: Condition | null
  activity: string | null
  /** Field keys the matcher used that this workshop does not have (their clauses were dropped). */
  skippedFields: string[]
}

export type DraftResult = { ok: true; draft: DraftCriterion } | { ok: false; reason: 'no-fact' } | { ok: false; reason: 'unknown-fields'; fields: string[] }

const SECTION_OF: Record<CriterionSection, DraftCriterion['section']> = { qualifying: 'fit', disqualifying: 'disqualifier', fastTrack: 'fastTrack' }

/** The condition without the clauses on unknown fields; `null` when nothing is left. */
export function pruneCondition(condition: SuggestedCondition, fields: ReadonlySet<string>, skipped: Set<string>): Condition | null {
  if ('field' in condition) {
    // The matcher writes the engine's conditions (a subset of the operators); the parse checks it at the hand-over.
    if (fields.has(condition.field)) return FieldConditionSchema.parse(condition)
    skipped.add(condition.field)
    return null
  }
  if ('not' in condition) {
    const inner = pruneCondition(condition.not, fields, skipped)
    return inner ? { not: inner } : null
  }
  const [combinator, parts] = 'all' in condition ? (['all', condition.all] as const) : (['any', condition.any] as const)
  const kept = parts.map((part) => pruneCondition(part, fields, skipped)).filter((part): part is Condition => part !== null)
  if (kept.length === 0) return null
  if (kept.length === 1) return kept[0]!
  return combinator === 'all' ? { all: kept } : { any: kept }
}

function fromSuggestion(suggestion: ReturnType<typeof suggestCriterionFromTrait>, known: KnownKeys, label: string): DraftResult {
  if (!suggestion) return { ok: false, reason: 'no-fact' }
  const section = SECTION_OF[suggestion.section]
  if (suggestion.activity) {
    if (!known.activities.includes(suggestion.activity)) return { ok: false, reason: 'unknown-fields', fields: [suggestion.activity] }
    return { ok: true, draft: { section, label, condition: null, activity: suggestion.activity, skippedFields: [] } }
  }
  if (!suggestion.condition) return { ok: false, reason: 'no-fact' }
  const skipped = new Set<string>()
  const condition = pruneCondition(suggestion.condition, new Set(known.fields), skipped)
  if (!condition) return { ok: false, reason: 'unknown-fields', fields: [...skipped] }
  return { ok: true, draft: { section, label, condition, activity: null, skippedFields: [...skipped] } }
}

const label = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, 120)

/** A good agreed trait becomes a qualifying criterion, a bad one a disqualifier, a hand-raise a fast-track. */
export function draftCriterionFromTrait(text: string, kind: TraitKind, known: KnownKeys): DraftResult {
  return fromSuggestion(suggestCriterionFromTrait(text, kind), known, label(text))
}

export type PersonaFacts = { name: string; title: string; seniority: string; department: string; industry: string; companySize: string; region: string }

/**
 * A negative persona ("who we never sell to") becomes a disqualifier on what describes it:
 * its title, seniority, department, industry, size band and region, read by the same matcher
 * as the sticky notes. When none of that gives a fact, its job title alone is the condition.
 */
export function draftDisqualifierFromPersona(persona: PersonaFacts, known: KnownKeys): DraftResult {
  const size = persona.companySize.trim()
  const description = [persona.title, persona.seniority, persona.department, persona.industry, size && !/employee|people|staff/i.test(size) ? `${size} employees` : size, persona.region]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ')
  const suggestion = description ? suggestCriterionFromTrait(description, 'bad') : null
  const result = fromSuggestion(suggestion && { ...suggestion, section: 'disqualifying' }, known, label(persona.name))
  if (result.ok || result.reason === 'unknown-fields' || !persona.title.trim() || !known.fields.includes('jobTitle')) return result
  return {
    ok: true,
    draft: { section: 'disqualifier', label: label(persona.name), condition: { field: 'jobTitle', op: 'contains', value: persona.title.trim().toLowerCase() }, activity: null, skippedFields: [] },
  }
}
