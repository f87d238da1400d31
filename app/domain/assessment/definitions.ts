import { ATTRIBUTE_LABELS, extractAttributes, normaliseTrait, type Attribute } from '~/domain/lead-board/matcher'
import type { Condition, ScoringConfig } from '~/domain/scoring'

/*
 * "Ask someone in marketing and someone in sales what an MQL is, and compare the answers." Once
 * a version is signed, each free-text definition is read against it: which of the signed
 * definition's key terms it names. The key terms come from the published scoring config (the
 * who — seniority, company size, industry, region —, engagement, the thresholds, the
 * disqualifiers; for an SQL, each qualification question), and the text is read by the lead
 * board's matcher, so "CFO at a 300-person SaaS" names seniority, company size and industry
 * just as it would on the board. Deliberately explainable: every "named" points at a term.
 */

/**
 * A fact the matcher reads; without `value`, any value of the attribute names the term. `wanted`:
 * only a fact the text asks for counts ("not a student" says nothing about the seniority wanted).
 */
type TermFact = { attribute: Attribute; value?: string; wanted?: true; except?: readonly string[] }

// Students and interns are a disqualifier's business, not the seniority an MQL asks for.
const NOT_A_SENIORITY_WANTED = ['student', 'intern']

export type KeyTerm = {
  id: string
  /** What the term is, in a few words ("company size"). */
  label: string
  /** What the signed definition says about it ("200–5,000 employees; more than 5,000 employees"). */
  detail: string
  facts: TermFact[]
  /** Normalised words (the matcher's) any one of which names the term. */
  words: string[]
}

export type DefinitionTerms = { mql: KeyTerm[]; sql: KeyTerm[] }

// Words that qualify a term rather than name it ("High or critical need" names the need).
const QUALIFIERS = new Set(normaliseTrait('high low critical medium strong clear confirmed involved least most year month quarter target served works'))

const ENGAGEMENT_WORDS = [...new Set(normaliseTrait('engagement engaged engaging activity activities interaction interacted interest intent behaviour behavior'))]
const THRESHOLD_WORDS = [...new Set(normaliseTrait('score scored scoring points threshold fit'))]

function valuesOf(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(valuesOf)
  if ('any' in condition) return condition.any.flatMap(valuesOf)
  if ('not' in condition) return valuesOf(condition.not)
  const value = (condition as { value?: unknown }).value
  if (Array.isArray(value)) return value.map(String)
  return value === undefined || value === null ? [] : [String(value)]
}

/** The matcher's words of a label that name something: no numbers, no qualifiers. */
function namingWords(text: string): string[] {
  return [...new Set(normaliseTrait(text).filter((word) => !/\d/.test(word) && !QUALIFIERS.has(word)))]
}

function attributeLabel(attribute: Attribute): string {
  return attribute === 'buyingRole' ? 'decision maker' : ATTRIBUTE_LABELS[attribute]
}

/** The key terms of a signed definition, from its scoring config. */
export function definitionKeyTerms(config: ScoringConfig): DefinitionTerms {
  const mql: KeyTerm[] = []
  const byAttribute = new Map<Attribute, KeyTerm>()
  for (const rule of config.fit.rules) {
    if (rule.points <= 0) continue
    const facts = extractAttributes(`${rule.label}. ${valuesOf(rule.when).join(', ')}`).filter((fact) => !fact.negated)
    if (facts.length === 0) {
      // The label names the rule ("Works in data or analytics"); its values only when it says nothing.
      const fromLabel = namingWords(rule.label)
      const words = fromLabel.length ? fromLabel : namingWords(valuesOf(rule.when).join(' '))
      if (words.length) mql.push({ id: `fit:${rule.id}`, label: rule.label.toLowerCase(), detail: rule.label, facts: [], words })
      continue
    }
    for (const attribute of new Set(facts.map((fact) => fact.attribute))) {
      const term = byAttribute.get(attribute)
      if (term) term.detail += `; ${rule.label}`
      else {
        const fact: TermFact = attribute === 'seniority' ? { attribute, wanted: true, except: NOT_A_SENIORITY_WANTED } : { attribute, wanted: true }
        const created: KeyTerm = { id: `fit:${attribute}`, label: attributeLabel(attribute), detail: rule.label, facts: [fact], words: [] }
        byAttribute.set(attribute, created)
        mql.push(created)
      }
    }
  }
  const activityLabel = (key: string) => config.activities.find((activity) => activity.key === key)?.label ?? key
  const activities = config.engagement.rules.map((rule) => ('activity' in rule ? activityLabel(rule.activity) : rule.label))
  if (activities.length) {
    mql.push({ id: 'engagement', label: 'engagement', detail: activities.join('; '), facts: [{ attribute: 'engagement', wanted: true }], words: ENGAGEMENT_WORDS })
  }
  mql.push({
    id: 'thresholds',
    label: 'score thresholds',
    detail: `fit ≥ ${config.mql.minFit} and engagement ≥ ${config.mql.minEngagement}`,
    facts: [],
    words: THRESHOLD_WORDS,
  })
  if (config.disqualifiers.length) {
    const facts: TermFact[] = []
    const words: string[] = []
    for (const rule of config.disqualifiers) {
      const found = extractAttributes(rule.label)
      if (found.length) facts.push(...found.map((fact) => ({ attribute: fact.attribute, value: fact.value })))
      else words.push(...namingWords(rule.label))
    }
    mql.push({ id: 'disqualifiers', label: 'disqualifiers', detail: config.disqualifiers.map((rule) => rule.label).join('; '), facts, words: [...new Set(words)] })
  }

  const sqlTerms: KeyTerm[] = config.sql.criteria.map((criterion) => {
    const facts = extractAttributes(criterion.label).filter((fact) => !fact.negated)
    const attributes = [...new Set(facts.map((fact) => fact.attribute))]
    const words = attributes.length ? [] : namingWords(criterion.label)
    const bant = attributes.some((attribute) => ['budget', 'buyingRole', 'timeline'].includes(attribute)) || words.includes('need')
    return {
      id: `sql:${criterion.id}`,
      label: attributes.length ? attributes.map(attributeLabel).join(' and ') : words.join(' '),
      detail: criterion.label,
      facts: attributes.map((attribute) => ({ attribute, wanted: true as const })),
      // "BANT" names budget, authority, need and timeline at once.
      words: bant ? [...words, 'bant'] : words,
    }
  })
  return { mql, sql: sqlTerms }
}

export type DefinitionMatch = { named: string[]; missing: string[] }

/** Which key terms a free-text definition names (term ids, in the terms' order). */
export function matchDefinition(text: string, terms: readonly KeyTerm[]): DefinitionMatch {
  const facts = extractAttributes(text)
  const words = new Set(normaliseTrait(text))
  const named: string[] = []
  const missing: string[] = []
  for (const term of terms) {
    const byFact = term.facts.some((sought) =>
      facts.some(
        (fact) =>
          fact.attribute === sought.attribute &&
          (sought.value === undefined || fact.value === sought.value) &&
          !(sought.wanted && fact.negated) &&
          !sought.except?.includes(fact.value),
      ),
    )
    const byWord = term.words.some((word) => words.has(word))
    ;(byFact || byWord ? named : missing).push(term.id)
  }
  return { named, missing }
}
