import type { Condition } from '~/domain/scoring'
import { DEFAULT_ACTIVITIES, DEFAULT_FIELDS } from '~/domain/scoring-model/defaults'
import type { RuleSection } from '~/domain/scoring-model/model'
import { CLOSED_REGIONS, DEFAULT_COUNTRY_VALUES, DEFAULT_SENIORITY_VALUES, FREE_EMAIL_DOMAINS, FREE_EMAIL_PROVIDERS } from './field-values'
import { contentWords, extractAttributes, REGION_PARENT, regionAncestors, type AttributeFact, type TraitKind } from './matcher'

/*
 * Turns an agreed trait or a negative persona into draft criteria for step 4, claiming no more
 * than the words say:
 *
 * - Every condition comes from words of the text, read by the board's matcher ("CFO", "DACH",
 *   "200–2,000 employees"), with the text's own numbers and, for fields that list values, only
 *   values whose label names the same thing ("Head of" → `head`, "DACH" → `de`, `at`, `ch`).
 *   Nothing is guessed: "Mid-market" without a head count, "Europe" without a country list, an
 *   "owner" of a car, give no condition.
 * - Every part of the text is accounted for: it is in a condition, or the draft says it was left
 *   out and why ("“researchers”: no field says this"). "A or B" is an `any`, "A at B" an `all`.
 * - Actions are not conditions: "Requested a demo or started a trial" gives two fast-tracks (step
 *   5 keeps them), and an action inside a description is left out with a word.
 * - When nothing is left, there is no draft at all.
 */

export type FieldValue = { value: string; label: string }
/** A field of the workshop, with the values it lists (null or absent: free values). */
export type KnownField = { key: string; label?: string; values?: readonly FieldValue[] | null }
export type KnownKeys = { fields: readonly KnownField[]; activities: readonly { key: string; label?: string }[] }

export type DraftSection = Extract<RuleSection, 'fit' | 'engagement' | 'disqualifier' | 'fastTrack'>
export type DraftCriterion = { section: DraftSection; label: string; condition: Condition | null; activity: string | null }

/** Why some words of the source are in no condition. */
export type LeftOutReason = 'nothing-to-test' | 'action' | 'action-in-bad' | 'size-word' | 'wide-region' | 'no-field' | 'no-activity' | 'no-value'
export type LeftOut = { words: string; reason: LeftOutReason; /** The field or activity the workshop lacks, or whose values do not name it. */ name?: string }

export type DraftResult = { ok: true; drafts: DraftCriterion[]; leftOut: LeftOut[] } | { ok: false; reason: 'no-fact'; leftOut: LeftOut[] }

const FAST_TRACK_ACTIVITIES = new Set(['demo_request', 'trial_start'])
const MAX_LABEL = 120

/** What a draft is called in the app's words. */
export const DRAFT_SECTION_NAMES: Record<DraftSection, string> = {
  fit: 'qualifying criterion',
  disqualifier: 'disqualifier',
  fastTrack: 'fast-track',
  engagement: 'engagement rule',
}

/** Where an accepted draft lives: fit, disqualifier on the criteria page; fast-track and engagement on the scoring page. */
export const DRAFT_SECTION_STEPS: Record<DraftSection, 4 | 5> = { fit: 4, disqualifier: 4, fastTrack: 5, engagement: 5 }

const SECTION_BADGES: Record<string, string> = { fit: 'Qualifying criterion', disqualifier: 'Disqualifier', fastTrack: 'Fast-track', engagement: 'Engagement rule', sql: 'SQL question' }

/** A suggestion's kind as people say it ("Fast-track", never `fastTrack`). */
export function suggestionKindName(section: string): string {
  return SECTION_BADGES[section] ?? section
}

/** Where a suggestion goes once accepted, said before anyone accepts it; null when it stays on the criteria page. */
export function suggestionDestination(section: string): string | null {
  if (section === 'fastTrack') return 'Accepting adds it to the fast-tracks in step 5 (Scoring), not to this page.'
  if (section === 'engagement') return 'Accepting adds it to the engagement rules in step 5 (Scoring), not to this page.'
  return null
}

/** The message after a suggestion is accepted, saying where the rule now lives. */
export function acceptedSuggestionMessage(label: string, section: string): string {
  if (section === 'fastTrack') return `Added “${label}” as a fast-track. It is in step 5 (Scoring), under Fast-track actions, not on this page.`
  if (section === 'engagement') return `Added “${label}” as an engagement rule. It is in step 5 (Scoring), under Engagement, not on this page: set its points there.`
  if (section === 'fit') return `Added “${label}” as a qualifying criterion. Set its points in step 5 (Scoring).`
  return `Added “${label}” as a ${suggestionKindName(section).toLowerCase()}.`
}

// ---------------------------------------------------------------------------------------------
// Pieces: what one stretch of the text becomes

type Piece = {
  start: number
  end: number
  /** The words as written. */
  words: string
  condition?: Condition
  activity?: string
  leftOut?: LeftOut
}

const label = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, MAX_LABEL)
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()

/** "Hospitals" → "hospital", "Agencies" → "agency": the word a lead's value contains. */
function singular(word: string): string {
  if (word.length <= 4 || KEEPS_ITS_S.has(word)) return word
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`
  if (/(ss|us|is|as|os)$/.test(word)) return word
  return word.replace(/s$/, '')
}

const KEEPS_ITS_S = new Set(['analytics', 'logistics', 'electronics', 'economics', 'robotics', 'statistics', 'physics', 'graphics', 'ethics', 'optics', 'mechanics', 'sales', 'news', 'series'])

/** The words a lead's value would contain: lower case, singular, without the nouns every note adds ("SaaS companies" → "saas"). */
function valueWords(words: string): string {
  const kept = fold(words)
    .replace(/[^\p{L}\p{N}&+.\- ]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word && !GENERIC_NOUNS.has(word))
  return kept.map((word, index) => (index === kept.length - 1 ? singular(word) : word)).join(' ')
}

const GENERIC_NOUNS = new Set(['company', 'companies', 'firm', 'firms', 'business', 'businesses', 'vendor', 'vendors', 'organisation', 'organisations', 'organization', 'organizations', 'sector', 'industry'])

/**
 * Text contains a short word ("IT", "HR") only as a whole word: "digital" must not count as IT.
 * Longer words are contained as they are.
 */
function titleContains(field: string, word: string, negated: boolean): Condition {
  const positive: Condition =
    word.length <= 3
      ? { any: [{ field, op: 'eq', value: word }, { field, op: 'startsWith', value: `${word} ` }, { field, op: 'endsWith', value: ` ${word}` }, { field, op: 'contains', value: ` ${word} ` }] }
      : { field, op: 'contains', value: word }
  if (!negated) return positive
  return 'field' in positive ? { field, op: 'notContains', value: word } : { not: positive }
}

function negate(condition: Condition): Condition {
  if ('field' in condition) {
    switch (condition.op) {
      case 'in':
        return { ...condition, op: 'notIn' }
      case 'contains':
        return { ...condition, op: 'notContains' }
      case 'emailDomainIn':
        return { ...condition, op: 'emailDomainNotIn' }
      case 'emailDomainNotIn':
        return { ...condition, op: 'emailDomainIn' }
      case 'present':
        return { field: condition.field, op: 'absent' }
      case 'eq':
        if (typeof condition.value === 'boolean') return { ...condition, value: !condition.value }
    }
  }
  return 'not' in condition ? condition.not : { not: condition }
}

/** The values of a field whose labels name one of `wanted` (as the matcher reads them), narrowed to the ones the words name outright. */
function valuesNaming(values: readonly FieldValue[], matches: (facts: AttributeFact[]) => boolean, surface: string, narrow: boolean): string[] {
  const named = values.filter((value) => matches(extractAttributes(value.label)) || matches(extractAttributes(value.value.replace(/_/g, ' '))))
  if (!narrow) return named.map((value) => value.value)
  const written = fold(surface)
  const outright = named.filter((value) => written.includes(fold(value.label)))
  return (outright.length ? outright : named).map((value) => value.value)
}

const STRICT_ABOVE = /\b(?:more than|over|above|greater than|bigger than|larger than|longer than)\b|>(?!=)/
const STRICT_BELOW = /\b(?:less than|fewer than|under|below|smaller than|shorter than)\b|<(?!=)/

/** A number condition in the note's own terms: "more than 1000" is `gt 1000`, "under 20" is `lt 20`. */
function numberCondition(field: string, fact: AttributeFact, words: string, headCount: boolean): Condition {
  const { min, max } = fact.range!
  const folded = fold(words)
  // The matcher counts people whole ("more than 1000" starts at 1,001); the condition keeps the number written.
  if (max === null) return STRICT_ABOVE.test(folded) ? { field, op: 'gt', value: headCount ? min - 1 : min } : { field, op: 'gte', value: min }
  const below = STRICT_BELOW.test(folded)
  if (min === max && !below) return { field, op: 'eq', value: min }
  if (min <= (headCount ? 1 : 0)) return below ? { field, op: 'lt', value: headCount ? max + 1 : max } : { field, op: 'lte', value: max }
  return { field, op: 'between', value: [min, max] }
}

type Fields = { has: (key: string) => boolean; values: (key: string, defaults: readonly FieldValue[] | null) => readonly FieldValue[] | null; label: (key: string) => string }

function fieldsOf(known: KnownKeys): Fields {
  const byKey = new Map(known.fields.map((field) => [field.key, field]))
  return {
    has: (key) => byKey.has(key),
    values: (key, defaults) => {
      const own = byKey.get(key)?.values
      return own && own.length ? own : defaults
    },
    label: (key) => byKey.get(key)?.label ?? DEFAULT_FIELDS.find((field) => field.key === key)?.label ?? key,
  }
}

// Actions the matcher reads that no default activity scores.
const OTHER_ACTIVITY_LABELS: Record<string, string> = { event: 'Event visit', web_visit: 'Website visit' }

const activityLabel = (key: string, known: KnownKeys) =>
  known.activities.find((activity) => activity.key === key)?.label ??
  DEFAULT_ACTIVITIES.find((activity) => activity.key === key)?.label ??
  OTHER_ACTIVITY_LABELS[key] ??
  key.replace(/_/g, ' ')

/**
 * One stretch of the text, read as one thing: all the facts the matcher read from the same words
 * ("CFO" is a seniority and a department at once).
 */
function pieceOf(facts: AttributeFact[], text: string, fields: Fields, known: KnownKeys): Piece {
  const span = facts.reduce((acc, fact) => ({ start: Math.min(acc.start, (fact.quote ?? fact.span).start), end: Math.max(acc.end, (fact.quote ?? fact.span).end) }), { start: Infinity, end: -Infinity })
  const words = text.slice(span.start, span.end)
  const base = { start: span.start, end: span.end, words }
  const fact = facts[0]!
  const negated = fact.negated
  const noField = (key: string): Piece => ({ ...base, leftOut: { words, reason: 'no-field', name: fields.label(key) } })
  const conditionOn = (key: string, condition: Condition): Piece => (fields.has(key) ? { ...base, condition: negated ? negate(condition) : condition } : noField(key))
  const surface = text.slice(fact.span.start, fact.span.end)

  const seniorities = facts.filter((f) => f.attribute === 'seniority')
  const departments = facts.filter((f) => f.attribute === 'department')
  // A department executive or a sales rep ("CFO", "VP Finance", "Account executive") is a job title: its own words, nothing more.
  if (departments.length && seniorities.length) {
    if (!fields.has('jobTitle')) return noField('jobTitle')
    return { ...base, condition: titleContains('jobTitle', valueWords(surface), negated) }
  }
  switch (fact.attribute) {
    case 'seniority': {
      const levels = new Set(seniorities.map((f) => f.value))
      if (levels.has('student') || levels.has('intern')) {
        if (!fields.has('jobTitle')) return noField('jobTitle')
        return { ...base, condition: titleContains('jobTitle', valueWords(surface), negated) }
      }
      if (!fields.has('seniority')) return noField('seniority')
      const values = valuesNaming(
        fields.values('seniority', DEFAULT_SENIORITY_VALUES)!,
        (read) => read.some((f) => f.attribute === 'seniority' && levels.has(f.value)),
        surface,
        levels.size === 1,
      )
      if (values.length === 0) return { ...base, leftOut: { words, reason: 'no-value', name: fields.label('seniority') } }
      return conditionOn('seniority', { field: 'seniority', op: 'in', value: values })
    }
    case 'department':
      if (!fields.has('jobTitle')) return noField('jobTitle')
      return { ...base, condition: titleContains('jobTitle', valueWords(surface), negated) }
    case 'industry': {
      if (!fields.has('industry')) return noField('industry')
      const listed = fields.values('industry', null)
      if (!listed) return { ...base, condition: titleContains('industry', valueWords(surface), negated) }
      const values = valuesNaming(listed, (read) => read.some((f) => f.attribute === 'industry' && f.value === fact.value), surface, true)
      if (values.length === 0) return { ...base, leftOut: { words, reason: 'no-value', name: fields.label('industry') } }
      return conditionOn('industry', { field: 'industry', op: 'in', value: values })
    }
    case 'region': {
      if (!fields.has('country')) return noField('country')
      const own = fields.values('country', null)
      const region = fact.value
      const isCountry = !Object.values(REGION_PARENT).includes(region)
      if (!own && !isCountry && !CLOSED_REGIONS.has(region)) return { ...base, leftOut: { words, reason: 'wide-region' } }
      const values = valuesNaming(own ?? DEFAULT_COUNTRY_VALUES, (read) => read.some((f) => f.attribute === 'region' && regionAncestors(f.value).includes(region)), surface, false)
      if (values.length === 0) return { ...base, leftOut: { words, reason: 'no-value', name: fields.label('country') } }
      return conditionOn('country', { field: 'country', op: 'in', value: values })
    }
    case 'employees':
      if (!fact.range) return { ...base, leftOut: { words, reason: 'size-word' } }
      // A size word is a range only when the note gives the number ("Mid-market: 250–5,000"); "freelancer" is one person by definition.
      if (!/\d/.test(words) && fact.value !== '1') return { ...base, leftOut: { words, reason: 'size-word' } }
      return conditionOn('employees', numberCondition('employees', fact, words, true))
    case 'timeline':
      if (!fact.range) return conditionOn('timelineMonths', { field: 'timelineMonths', op: 'present' })
      return conditionOn('timelineMonths', numberCondition('timelineMonths', fact, words, false))
    case 'budget':
      return conditionOn('budget', { field: 'budget', op: 'eq', value: true })
    case 'buyingRole':
      if (fact.value !== 'decision-maker') return { ...base, leftOut: { words, reason: 'nothing-to-test' } }
      return conditionOn('authority', { field: 'authority', op: 'eq', value: true })
    case 'emailType': {
      if (fact.value === 'business') return conditionOn('email', { field: 'email', op: 'emailDomainNotIn', value: [...FREE_EMAIL_DOMAINS] })
      const named = Object.entries(FREE_EMAIL_PROVIDERS)
        .filter(([provider]) => fold(surface).replace(/[^a-z]+/g, ' ').includes(provider))
        .flatMap(([, domains]) => domains)
      return conditionOn('email', { field: 'email', op: 'emailDomainIn', value: named.length ? [...new Set(named)] : [...FREE_EMAIL_DOMAINS] })
    }
    case 'engagement': {
      if (negated) return { ...base, leftOut: { words, reason: 'nothing-to-test' } }
      if (!known.activities.some((activity) => activity.key === fact.value)) return { ...base, leftOut: { words, reason: 'no-activity', name: activityLabel(fact.value, known) } }
      return { ...base, activity: fact.value }
    }
  }
}

// Words that carry no claim of their own in a note ("Gmail users", "Anywhere").
const NO_CLAIM = new Set(['user', 'users', 'buyer', 'buyers', 'visitor', 'visitors', 'anywhere', 'everywhere', 'worldwide', 'global', 'globally', 'any', 'n', 'a', 'na', 'talk', 'talks', 'talking', 'speak', 'speaks', 'speaking'])
// Beside a buying timeline, the words that made the number a timeline ("Buying within 6 months").
const TIMELINE_WORDS = /^(?:buy\w*|purchas\w*|decision|decid\w*|implement\w*|project|sign\w*|clos\w*|evaluat\w*|switch\w*|migrat\w*|deploy\w*|onboard\w*|start\w*|go|live|timeline|timeframe|within|next|this|before|by)$/i
// Between two stretches, only these say "or": the stretches are alternatives ("Students and interns", "DACH or UK").
// Examples in brackets are alternatives too: "Free email address (Gmail, Hotmail …)".
const ALTERNATIVE_GAP_WORDS = /^[\s,;/&+|()…]*(?:(?:and|or|nor|and\/or|as well as|plus|e\.?\s?g\.?|like|such as)\b[\s,.]*)?(?:(?:other|any|all|the|a|an)\b\s*)*$/i
const alternativeGap = (gap: string) => ALTERNATIVE_GAP_WORDS.test(gap) && /[,;/&+|(]|\b(?:and|or|nor|plus|e\.?\s?g|like|such as)\b/i.test(gap)
// A left-out stretch reaches back over these, but not over "and"/"or" (which separate alternatives) or a relative pronoun.
const NOT_PART_OF_A_PHRASE = /^(?:and|or|nor|but|that|who|which|whose|where|when|while)$/i

/**
 * The text cut into what it says: the stretches the matcher read (each a condition, an action,
 * or left out with a reason) and the words it could not read, grouped into phrases.
 */
function readPieces(text: string, fields: Fields, known: KnownKeys): Piece[] {
  const facts = extractAttributes(text)
  const bySpan = new Map<string, AttributeFact[]>()
  for (const fact of facts) {
    const key = `${fact.span.start}:${fact.span.end}`
    bySpan.set(key, [...(bySpan.get(key) ?? []), fact])
  }
  const pieces = [...bySpan.values()].map((group) => pieceOf(group, text, fields, known))
  // The matcher reads a fact once per note; a repeat ("Gmail or other free email addresses") is its own stretch here.
  for (const word of contentWords(text)) {
    if (!word.canonical || pieces.some((piece) => word.start >= piece.start && word.end <= piece.end)) continue
    const from = Math.max(0, ...pieces.filter((piece) => piece.end <= word.start).map((piece) => piece.end))
    const repeats = extractAttributes(text.slice(from, word.end))
      .filter((fact) => fact.span.start + from >= word.start)
      .map((fact) => ({ ...fact, span: shift(fact.span, from), ...(fact.quote ? { quote: shift(fact.quote, from) } : {}) }))
    if (repeats.length) pieces.push(pieceOf(repeats, text, fields, known))
  }
  const covered = (start: number, end: number) => pieces.some((piece) => start >= piece.start && end <= piece.end)
  const timeline = pieces.some((piece) => piece.condition && JSON.stringify(piece.condition).includes('"timelineMonths"'))
  const loose = contentWords(text).filter((word) => {
    const written = fold(text.slice(word.start, word.end))
    return !covered(word.start, word.end) && !NO_CLAIM.has(written) && !(timeline && TIMELINE_WORDS.test(written))
  })

  // Loose words next to each other (in one clause) are one phrase; next to a left-out stretch, they join it.
  const phrases: { start: number; end: number }[] = []
  for (const word of loose) {
    const last = phrases.at(-1)
    if (last && joinable(text.slice(last.end, word.start))) last.end = word.end
    else phrases.push({ start: word.start, end: word.end })
  }
  for (const phrase of phrases) {
    // Next to an action or a stretch left out, loose words are part of it ("download our benchmark report").
    const open = (piece: Piece) => Boolean(piece.leftOut || piece.activity)
    const before = pieces.filter((piece) => open(piece) && piece.end <= phrase.start && joinable(text.slice(piece.end, phrase.start))).at(-1)
    const after = pieces.find((piece) => open(piece) && piece.start >= phrase.end && joinable(text.slice(phrase.end, piece.start)))
    const host = before ?? after
    if (host) {
      host.start = Math.min(host.start, phrase.start)
      host.end = Math.max(host.end, phrase.end)
      host.words = text.slice(host.start, host.end)
      if (host.leftOut) host.leftOut = { ...host.leftOut, words: host.words }
      continue
    }
    // A left-out phrase takes the little words before it ("for this year"), never an "and" or a "who", nor words of a stretch read.
    const floor = Math.max(0, ...pieces.filter((piece) => piece.end <= phrase.start).map((piece) => piece.end))
    let start = phrase.start
    const lead = /(?:^|\s)((?:[\p{L}]+\s+){1,2})$/u.exec(text.slice(Math.max(0, phrase.start - 20), phrase.start))
    if (lead) {
      const little = lead[1]!.trim().split(/\s+/)
      while (little.length && (NOT_PART_OF_A_PHRASE.test(little[0]!) || contentWords(little[0]!).length > 0)) little.shift()
      if (little.length) start = Math.max(floor, phrase.start - (lead[1]!.length - lead[1]!.indexOf(little[0]!)))
    }
    while (start < phrase.start && /\s/.test(text[start]!)) start++
    const words = text.slice(start, phrase.end)
    pieces.push({ start, end: phrase.end, words, leftOut: { words, reason: 'nothing-to-test' } })
  }
  return pieces.sort((a, b) => a.start - b.start)
}

const shift = (span: { start: number; end: number }, by: number) => ({ start: span.start + by, end: span.end + by })

/** Whether the text between two stretches keeps them in one phrase: only spaces and little words, no comma, no "and"/"or". */
function joinable(gap: string): boolean {
  if (/[,;:.!?()[\]\n|/]/.test(gap)) return false
  return gap
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => !NOT_PART_OF_A_PHRASE.test(word) && contentWords(word).length === 0)
}

// ---------------------------------------------------------------------------------------------
// Putting conditions together

/** Alternatives ("A or B") join in one `any`; what describes one lead ("A at B") joins in an `all`. */
function combine(pieces: Piece[], text: string): Condition | null {
  const groups: Piece[][] = []
  let previous: Piece | undefined
  for (const piece of pieces) {
    if (previous && alternativeGap(text.slice(previous.end, piece.start))) groups.at(-1)!.push(piece)
    else groups.push([piece])
    previous = piece
  }
  const parts = groups.map((group) => {
    const conditions = mergeLists(group.map((piece) => piece.condition!))
    if (conditions.length === 1) return conditions[0]!
    // "No students or interns": neither, so every negation holds.
    const allNegative = conditions.every((condition) => 'not' in condition || ('op' in condition && ['notIn', 'notContains', 'emailDomainNotIn', 'absent'].includes(condition.op)))
    return allNegative ? { all: conditions } : { any: conditions }
  })
  return simplify(parts.length === 1 ? parts[0]! : { all: parts })
}

/** Conditions on one field with one list operator become one list: seniority in [vp, c_level]. */
function mergeLists(conditions: Condition[]): Condition[] {
  const merged: Condition[] = []
  for (const condition of conditions) {
    const listOp = 'field' in condition && ['in', 'notIn', 'emailDomainIn', 'emailDomainNotIn'].includes(condition.op)
    const same = listOp ? merged.find((other) => 'field' in other && 'field' in condition && other.field === condition.field && other.op === condition.op) : undefined
    if (same && 'value' in same && 'value' in condition && Array.isArray(same.value) && Array.isArray(condition.value)) {
      ;(same as { value: unknown[] }).value = [...new Set([...same.value, ...condition.value])]
    } else merged.push(structuredClone(condition))
  }
  return merged
}

const same = (a: Condition, b: Condition) => JSON.stringify(a) === JSON.stringify(b)

/** Flattens nested all/any, drops repeats, and absorbs: A and (A or B) is A. */
export function simplify(condition: Condition): Condition {
  if ('field' in condition || 'activity' in condition) return condition
  if ('not' in condition) return { not: simplify(condition.not) }
  const key = 'all' in condition ? 'all' : 'any'
  const parts = ('all' in condition ? condition.all : condition.any).map(simplify).flatMap((part) => (key in part ? (part as Record<typeof key, Condition[]>)[key] : [part]))
  const unique = parts.filter((part, index) => parts.findIndex((other) => same(other, part)) === index)
  const absorbed =
    key === 'all'
      ? unique.filter((part) => !('any' in part && part.any.some((inner) => unique.some((other) => other !== part && same(other, inner)))))
      : unique.filter((part) => !('all' in part && part.all.some((inner) => unique.some((other) => other !== part && same(other, inner)))))
  if (absorbed.length === 1) return absorbed[0]!
  return key === 'all' ? { all: absorbed } : { any: absorbed }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** The drafts of a text's pieces: one condition draft, and an activity draft per action the text offers as an alternative. */
function draftsOf(text: string, kind: TraitKind, pieces: Piece[]): DraftResult {
  const used = pieces.filter((piece) => piece.condition || piece.activity)
  const actions = used.filter((piece) => piece.activity)
  const alternatives = used.every((piece, index) => index === 0 || alternativeGap(text.slice(used[index - 1]!.end, piece.start)))
  // An action is a draft of its own only on a good trait, and only beside alternatives ("a demo or a trial"),
  // never as one condition among others ("managers who download the report"): a condition cannot require an action.
  const ownDrafts = kind === 'good' && alternatives ? actions : []
  const dropped = actions
    .filter((piece) => !ownDrafts.includes(piece))
    .map((piece): Piece => ({ ...piece, activity: undefined, leftOut: { words: piece.words, reason: kind === 'bad' ? 'action-in-bad' : 'action' } }))
  const leftOut = joinLeftOut([...pieces.filter((piece) => piece.leftOut), ...dropped].sort((a, b) => a.start - b.start), text)
  const conditionPieces = used.filter((piece) => piece.condition)
  const condition = conditionPieces.length ? combine(conditionPieces, text) : null
  const count = ownDrafts.length + (condition ? 1 : 0)
  const whole = label(text)
  const drafts: DraftCriterion[] = []
  if (condition) {
    const words = conditionPieces.map((piece) => piece.words).join(' or ')
    drafts.push({ section: kind === 'good' ? 'fit' : 'disqualifier', label: count > 1 ? label(capitalise(words)) : whole, condition, activity: null })
  }
  for (const piece of ownDrafts) {
    drafts.push({
      section: FAST_TRACK_ACTIVITIES.has(piece.activity!) ? 'fastTrack' : 'engagement',
      label: count > 1 ? label(capitalise(piece.words)) : whole,
      condition: null,
      activity: piece.activity!,
    })
  }
  if (drafts.length === 0) return { ok: false, reason: 'no-fact', leftOut }
  return { ok: true, drafts, leftOut }
}

/** Left-out stretches side by side, for the same reason, are one ("downloaded an ebook"). */
function joinLeftOut(pieces: Piece[], text: string): LeftOut[] {
  const joined: { start: number; end: number; leftOut: LeftOut }[] = []
  for (const piece of pieces) {
    const last = joined.at(-1)
    if (last && last.leftOut.reason === piece.leftOut!.reason && last.leftOut.name === piece.leftOut!.name && joinable(text.slice(last.end, piece.start))) {
      last.end = piece.end
      last.leftOut = { ...last.leftOut, words: text.slice(last.start, last.end) }
    } else joined.push({ start: piece.start, end: piece.end, leftOut: piece.leftOut! })
  }
  return joined.map((item) => item.leftOut)
}

// ---------------------------------------------------------------------------------------------
// Sources

/** A good agreed trait becomes a qualifying criterion, a bad one a disqualifier, a hand-raise a fast-track. */
export function draftCriterionFromTrait(text: string, kind: TraitKind, known: KnownKeys): DraftResult {
  return draftsOf(text, kind, readPieces(text, fieldsOf(known), known))
}

export type PersonaFacts = { name: string; title: string; seniority: string; department: string; industry: string; companySize: string; region: string }

/** A persona field that says "no restriction". */
const UNRESTRICTED = /^(?:any|anywhere|all|everywhere|worldwide|global|n\/?a|none|various|mixed|-|–|—)$/i

/**
 * A negative persona ("who we never sell to") becomes one disqualifier: everything that
 * describes it must hold. Its job title counts as written (a title is already what a lead's
 * job title field holds: "Private car owner", never "C-level"); its seniority, department,
 * industry, size and region are read like a note, each word accounted for.
 */
export function draftDisqualifierFromPersona(persona: PersonaFacts, known: KnownKeys): DraftResult {
  const fields = fieldsOf(known)
  const conditions: Condition[] = []
  const leftOut: LeftOut[] = []
  const title = persona.title.trim().replace(/\s+/g, ' ')
  if (title && !UNRESTRICTED.test(title)) {
    if (fields.has('jobTitle')) conditions.push({ field: 'jobTitle', op: 'contains', value: fold(title) })
    else leftOut.push({ words: title, reason: 'no-field', name: fields.label('jobTitle') })
  }
  const size = persona.companySize.trim()
  const parts: { text: string; literal?: 'jobTitle' | 'industry' }[] = [
    { text: persona.seniority },
    { text: persona.department, literal: 'jobTitle' },
    { text: persona.industry, literal: 'industry' },
    { text: size && /\d/.test(size) && !/employee|people|staff|fte/i.test(size) ? `${size} employees` : size },
    { text: persona.region },
  ]
  for (const part of parts) {
    const text = part.text.trim().replace(/\s+/g, ' ')
    if (!text || UNRESTRICTED.test(text)) continue
    const pieces = readPieces(text, fields, known).filter((piece) => !piece.activity)
    const used = pieces.filter((piece) => piece.condition)
    // A department or industry the matcher does not know is still the persona's own word for it.
    if (used.length === 0 && part.literal && fields.has(part.literal) && (part.literal === 'jobTitle' || !fields.values('industry', null))) {
      conditions.push({ field: part.literal, op: 'contains', value: fold(text) })
      continue
    }
    leftOut.push(...joinLeftOut(pieces.filter((piece) => piece.leftOut), text))
    if (used.length) conditions.push(combine(used, text)!)
  }
  if (conditions.length === 0) return { ok: false, reason: 'no-fact', leftOut }
  const condition = simplify(conditions.length === 1 ? conditions[0]! : { all: conditions })
  return { ok: true, drafts: [{ section: 'disqualifier', label: label(persona.name), condition, activity: null }], leftOut }
}

// ---------------------------------------------------------------------------------------------
// In words

const REASONS: Record<LeftOutReason, (item: LeftOut) => string> = {
  'nothing-to-test': () => 'no field says this',
  action: () => 'an action, which a condition cannot require: score it in step 5',
  'action-in-bad': () => 'an action, which cannot disqualify a lead',
  'size-word': () => 'a size without a head count: add the range your teams mean',
  'wide-region': () => 'a region: list the countries you mean',
  'no-field': (item) => `this workshop has no “${item.name}” field`,
  'no-activity': (item) => `this workshop scores no “${item.name}” activity`,
  'no-value': (item) => `no value of “${item.name}” names it`,
}

/** "“researchers” (no field says this); “Mid-market” (a size without a head count: …)". */
export function describeLeftOut(leftOut: readonly LeftOut[]): string {
  return leftOut.map((item) => `“${item.words.trim()}” (${REASONS[item.reason](item)})`).join('; ')
}

/** The note a suggestion carries about what it does not cover, or '' when it covers every word. */
export function leftOutNote(leftOut: readonly LeftOut[]): string {
  return leftOut.length ? `Not in the condition: ${describeLeftOut(leftOut)}.` : ''
}
