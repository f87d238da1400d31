import { ruleConditions, type ActivityCondition, type Condition, type FieldCondition, type FieldType, type ScoreResult, type ScoringConfig } from './config-schema'
import { normaliseDomain, normaliseText, numberFromText, textFromText } from './normalise'
import { DomainMemo, TextMemo } from './text-memo'
import { DAY_MS, parseConfigDate, parseTimestamp, parseTimestampFrom, parseTimestampText } from './timestamps'

/*
 * The engine's fast path: one JavaScript function generated per config and explanation mode
 * (`new Function`), with every attribute a rule reads loaded once into local variables and every
 * condition written out inline, so that scoring a lead makes no call per rule and allocates
 * nothing but its result (and, when asked, its explanation). Same semantics as the closures in
 * engine.ts and slots.ts (DESIGN §5), which remain the path wherever code cannot be generated.
 *
 * Safety: NO text from the config ever appears in the generated source. Field keys, rule ids,
 * labels, values, lists, dates and numbers all go into a constants array that the source reads
 * by index (`k12`); the source is made only of this file's own fixed fragments, numbers it
 * counts itself (indices) and names built from those numbers. A config whose keys or values hold
 * quotes, backticks, comment markers, newlines or `${…}` therefore cannot change the code.
 */

/** What the generated function receives per lead: the lead's attributes, asOf, and its activities as engine.ts read them. */
export type GeneratedScore = (
  attributes: Readonly<Record<string, unknown>>,
  asOfMs: number,
  activityTypes: Int32Array,
  activityTimes: Float64Array,
  activityCount: number,
  activities: readonly unknown[],
  /** Mode `flags` only: one byte per rule, set to 1 when it held and 0 when not (engine.ts's scoreMatches). */
  matched?: Uint8Array,
) => ScoreResult

/** A generated scorer, and whether it reads the lead's activities itself (else engine.ts loads them first). */
export interface GeneratedScorer {
  score: GeneratedScore
  readsActivities: boolean
}

/** An explanation mode, or `flags`: no explanation, each rule's match marked in a byte array instead. */
export type GeneratedMode = 'all' | 'matched' | 'none' | 'flags'

/** What engine.ts has already worked out and shares with the generated code. */
export interface GenerationPlan {
  config: ScoringConfig
  typeOf: (key: string) => FieldType
  activityIndex: ReadonlyMap<string, number>
  /** Grades, highest minFit first; bands as declared; priorityOf[grade][band]. */
  grades: readonly { grade: string; minFit: number }[]
  bands: readonly { band: string; minEngagement: number }[]
  priorityOf: readonly (readonly (string | null)[])[]
  /** A format-2 activity condition, as engine.ts compiles it (it reads the activities engine.ts loaded). */
  activityTest: (condition: ActivityCondition) => () => boolean
  /** Engagement rule i when it is an activity rule with a window, a time direction or `where`: its capped total, NaN when nothing counted. */
  activityRuleTotal: (ruleIndex: number) => () => number
  /** The shared, frozen empty list of scores-only results. */
  nothing: never[]
}

/** The forms of one attribute that conditions read (as slots.ts decides them). */
interface SlotNeeds {
  key: string
  type: FieldType
  text: boolean
  number: boolean
  time: boolean
  domain: boolean
  /** Whether a condition compares the value with asOf (withinDays, olderThanDays). */
  asOfDependent: boolean
  /** The distinct field conditions on this key, by op and value. */
  atoms: Map<string, FieldCondition>
  /** Whether the results of its conditions are remembered per value (see `memoised` below). */
  memo: boolean
  /** Whether they are remembered per email domain instead (its conditions read only the domain and presence: DomainMemo). */
  byDomain: boolean
}

/**
 * Whether the email domain of normalised text, the part after its last "@" at `at`, is one of a
 * list given by length: compared in place, without cutting the domain out of the text.
 */
function domainIn(text: string, at: number, byLength: ReadonlyMap<number, readonly string[]>): boolean {
  const candidates = byLength.get(text.length - at - 1)
  if (candidates === undefined) return false
  for (let i = 0; i < candidates.length; i++) if (text.startsWith(candidates[i]!, at + 1)) return true
  return false
}

const HELPERS = { textFromText, numberFromText, parseTimestampText, parseTimestamp, parseTimestampFrom, domainIn, hasOwn: Object.hasOwn, TextMemo, DomainMemo }

/** Outside `all`, the lists of up to this many rules are made in advance, one per set of rules that held (2^n). */
const SHARED_LIST_RULES = 6

/** Activity types up to this long are found by table, by length and the last four bits of their first character. */
const PLACE_LENGTH = 64
const PLACES = (PLACE_LENGTH + 1) << 4
const placeOf = (type: string) => (type.length << 4) | (type.charCodeAt(0) & 15)

/** Lists longer than this become a Set; shorter ones are compared one by one. */
const SCAN_LIMIT = 8

/**
 * Remembered values per attribute. Text attributes usually take few distinct values (a country,
 * a seniority, a job title), so the results of every condition on one are kept per raw text, as
 * the bits of a number: a lead whose value was seen before costs one Map lookup instead of
 * trimming, lower-casing and comparing. The conditions are pure functions of the value (those
 * that read asOf are never remembered), so this changes no result. When the Map is full, it
 * starts again if it was mostly hit, and is given up for this scorer if it was mostly missed
 * (an email address, an id): then the attribute is normalised per lead as before.
 */
const MEMO_LIMIT = 1024
/** Longer texts are not kept (a value is a category, not a document; the Map must stay small). */
const MEMO_TEXT_LIMIT = 200
/** Bits of a number that a bitwise OR keeps positive. */
const MEMO_BITS = 30

/**
 * Generates the scorer of one explanation mode. Throws when the platform refuses to evaluate
 * code (a Content-Security-Policy without 'unsafe-eval'); engine.ts then keeps its closures.
 */
export function generateScorer(plan: GenerationPlan, mode: GeneratedMode): GeneratedScorer {
  const { source, constants, readsActivities } = generateSource(plan, mode)
  // The source holds no config text (see above).
  const factory = new Function('K', 'H', source) as (constants: unknown[], helpers: typeof HELPERS) => GeneratedScore
  return { score: factory(constants, HELPERS), readsActivities }
}

/** The source of the generated scorer and the constants it reads; exported for the tests. */
export function generateSource(plan: GenerationPlan, mode: GeneratedMode): { source: string; constants: unknown[]; readsActivities: boolean } {
  const { config } = plan
  const constants: unknown[] = []
  const constantIndex = new Map<unknown, number>()
  /** A constant's name in the source. Only primitives are shared; objects get a constant each. */
  const constant = (value: unknown): string => {
    // Map keys treat -0 as 0, so -0 gets a constant of its own.
    const shareable = value === null || (typeof value !== 'object' && typeof value !== 'function' && !Object.is(value, -0))
    let index = shareable ? constantIndex.get(value) : undefined
    if (index === undefined) {
      index = constants.length
      constants.push(value)
      if (shareable) constantIndex.set(value, index)
    }
    return `k${index}`
  }

  // Pass 1: the slots, and what each needs (the same rules as slots.ts's registerNeeds).
  const slots: SlotNeeds[] = []
  const slotIndex = new Map<string, number>()
  const slotOf = (key: string): number => {
    let index = slotIndex.get(key)
    if (index === undefined) {
      index = slots.length
      slots.push({ key, type: plan.typeOf(key), text: false, number: false, time: false, domain: false, asOfDependent: false, atoms: new Map(), memo: false, byDomain: false })
      slotIndex.set(key, index)
    }
    return index
  }
  const register = (condition: Condition) => {
    forEachFieldCondition(condition, (field) => {
      const slot = slots[slotOf(field.field)]!
      // Internal only: never part of the generated source.
      slot.atoms.set(JSON.stringify([field.op, 'value' in field ? field.value : null]), field)
      if (field.op === 'withinDays' || field.op === 'olderThanDays') slot.asOfDependent = true
      switch (field.op) {
        case 'gt':
        case 'gte':
        case 'lt':
        case 'lte':
        case 'between':
          slot.number = true
          break
        case 'withinDays':
        case 'before':
        case 'after':
        case 'olderThanDays':
          slot.time = true
          break
        case 'emailDomainIn':
        case 'emailDomainNotIn':
          slot.text = true
          slot.domain = true
          break
        case 'present':
        case 'absent':
          break
        default:
          slot.text = true
      }
    })
  }
  for (const rule of config.fit.rules) register(rule.when)
  for (const rule of config.engagement.rules) if ('when' in rule) register(rule.when)
  for (const rule of config.disqualifiers) register(rule.when)
  for (const rule of config.fastTrack) if ('when' in rule) register(rule.when)
  for (const rule of config.sql.criteria) register(rule.when)
  const requiredSlots = config.required.map(slotOf)
  const memoState: string[] = []
  /** The bit of each remembered condition of a slot, by op and value. */
  const atomBits = new Map<number, Map<string, number>>()
  for (const [s, slot] of slots.entries()) {
    if (requiredSlots.includes(s)) slot.atoms.set(JSON.stringify(['absent', null]), { field: slot.key, op: 'absent' })
    slot.memo = slot.text && !slot.asOfDependent && slot.atoms.size <= MEMO_BITS
    if (!slot.memo) continue
    const ops = [...slot.atoms.values()].map((atom) => atom.op)
    slot.byDomain = slot.domain && slot.type !== 'number' && ops.every((op) => op === 'emailDomainIn' || op === 'emailDomainNotIn' || op === 'present' || op === 'absent')
    atomBits.set(s, new Map([...slot.atoms.keys()].map((atom, bit) => [atom, bit])))
    // Per scorer, kept between leads: the TextMemo (or DomainMemo) of value → bits, whether it is still used, its hits since it was last cleared.
    memoState.push(`const M${s} = new H_${slot.byDomain ? 'DomainMemo' : 'TextMemo'}(); let U${s} = true, C${s} = 0;`)
  }

  const out: string[] = []
  const line = (text: string) => out.push(text)

  // The lead's attributes, each normalised once (slots.ts's load, written out per slot).
  for (const [s, slot] of slots.entries()) {
    const key = constant(slot.key)
    // A key named like an Object.prototype member ("constructor") must not read the inherited one.
    const read = slot.key in Object.prototype ? `(H_hasOwn(A, ${key}) ? A[${key}] : undefined)` : `A[${key}]`
    if (!slot.memo) {
      line(`let a${s} = false, t${s} = null, n${s} = NaN, m${s} = NaN, d${s} = -1;`)
      line(`{ const r = ${read};`)
      loadSlot(s, slot)
      line('}')
      continue
    }
    // Remembered: the bits of its conditions, looked up by the raw text, or computed and kept.
    line(`let w${s} = 0;`)
    line(`{ const r = ${read}; let hit;`)
    line(`if (typeof r === 'string' && U${s}) hit = M${s}.get(r);`)
    line(`if (hit !== undefined) { w${s} = hit; C${s}++; }`)
    line(`else { let a${s} = false, t${s} = null, n${s} = NaN, m${s} = NaN, d${s} = -1;`)
    loadSlot(s, slot)
    const atoms = [...slot.atoms.values()]
    line(`w${s} = ${atoms.map((atom, bit) => `(${rawFieldExpression(atom)} ? ${1 << bit} : 0)`).join(' | ')};`)
    line(`if (typeof r === 'string' && U${s} && r.length <= ${MEMO_TEXT_LIMIT}) {`)
    line(`if (M${s}.size >= ${MEMO_LIMIT}) { if (C${s} < M${s}.size) U${s} = false; M${s}.clear(); C${s} = 0; }`)
    line(`if (U${s}) M${s}.set(r, w${s}); } } }`)
  }

  /** slots.ts's load of one value into the slot's variables (r: the raw value). */
  function loadSlot(s: number, slot: SlotNeeds) {
    line(`if (typeof r === 'string') { const x = r.trim(); if (x.length === 0) a${s} = true; else {`)
    if (slot.text) line(slot.type === 'number' ? `t${s} = H_textFromText(x, 'number');` : `t${s} = x.toLowerCase();`)
    // The email domain: where it starts, after the last "@" (-1: none).
    // (A loop: String.prototype.lastIndexOf is a call into the runtime, several times slower here.)
    if (slot.domain) line(`d${s} = t${s}.length - 1; while (d${s} >= 0 && t${s}.charCodeAt(d${s}) !== 64) d${s}--;`)
    if (slot.number) line(`n${s} = H_numberFromText(x);`)
    if (slot.time) line(`m${s} = H_parseTimestampText(x);`)
    line('} }')
    line(`else if (typeof r === 'number') {`)
    // normaliseText of a number, which does not depend on the field's type.
    if (slot.text) line(`t${s} = Number.isFinite(r) ? String(r) : String(r).toLowerCase();`)
    if (slot.number) line(`n${s} = Number.isFinite(r) ? r : NaN;`)
    if (slot.time) line(`m${s} = H_parseTimestamp(r);`)
    line('}')
    line(`else if (r === undefined || r === null) a${s} = true;`)
    if (slot.text) line(`else if (typeof r === 'boolean') t${s} = r ? 'true' : 'false';`)
    // Objects and arrays are present but have no text or number; a Date has a time.
    if (slot.time) line(`else if (typeof r !== 'boolean') m${s} = H_parseTimestamp(r);`)
  }

  /** A condition as a JavaScript expression over the slots. */
  function expression(condition: Condition): string {
    if ('all' in condition) {
      if (condition.all.length === 0) return 'true'
      return `(${condition.all.map(expression).join(' && ')})`
    }
    if ('any' in condition) {
      if (condition.any.length === 0) return 'false'
      return `(${condition.any.map(expression).join(' || ')})`
    }
    if ('not' in condition) return `!${expression(condition.not)}`
    if ('activity' in condition) return `${constant(plan.activityTest(condition))}()`
    return fieldExpression(condition)
  }
  function fieldExpression(condition: FieldCondition): string {
    const s = slotIndex.get(condition.field)!
    const bits = atomBits.get(s)
    if (bits === undefined) return rawFieldExpression(condition)
    return `((w${s} & ${1 << bits.get(JSON.stringify([condition.op, 'value' in condition ? condition.value : null]))!}) !== 0)`
  }
  /**
   * A condition as 0 (false) or -1 (true) computed without a branch, where it is one remembered
   * condition or `any` of remembered conditions of one slot: 0 - (w & mask) is negative when any
   * of the bits is set, and its sign spread over 32 bits is -1. Undefined for other conditions.
   * Random leads make the branches of such tests hard to predict. (0 - x, not -x: -0 is a double,
   * and one double stored in a result makes V8 box that field in every result.)
   */
  function bitExpression(condition: Condition): string | undefined {
    if ('not' in condition) {
      const inner = bitExpression(condition.not)
      return inner === undefined ? undefined : `~${inner}`
    }
    if ('all' in condition || 'any' in condition) {
      const parts = 'all' in condition ? condition.all : condition.any
      if (parts.length === 0) return undefined
      // In `any`, the remembered conditions of one slot share a mask.
      const masks = new Map<number, number>()
      const others: string[] = []
      for (const part of parts) {
        const atom = 'any' in condition ? rememberedBit(part) : undefined
        if (atom !== undefined) masks.set(atom.slot, (masks.get(atom.slot) ?? 0) | atom.mask)
        else {
          const bit = bitExpression(part)
          if (bit === undefined) return undefined
          others.push(bit)
        }
      }
      const bits = [...[...masks].map(([slot, mask]) => `((0 - (w${slot} & ${mask})) >> 31)`), ...others]
      return bits.length === 1 ? bits[0] : `(${bits.join('all' in condition ? ' & ' : ' | ')})`
    }
    const atom = rememberedBit(condition)
    return atom === undefined ? undefined : `((0 - (w${atom.slot} & ${atom.mask})) >> 31)`
  }
  /** The slot and bit of a remembered field condition. */
  function rememberedBit(condition: Condition): { slot: number; mask: number } | undefined {
    if (!('field' in condition) || !('op' in condition)) return undefined
    const slot = slotIndex.get(condition.field)
    const bit = slot === undefined ? undefined : atomBits.get(slot)?.get(JSON.stringify([condition.op, 'value' in condition ? condition.value : null]))
    return slot === undefined || bit === undefined ? undefined : { slot, mask: 1 << bit }
  }
  /** A field condition over the slot's variables. */
  function rawFieldExpression(condition: FieldCondition): string {
    const s = slotIndex.get(condition.field)!
    const type = plan.typeOf(condition.field)
    const t = `t${s}`
    const text = (value: string | number | boolean) => constant(normaliseText(value, type))
    // Negative operators are the exact complement of their positive twin, as in slots.ts.
    const oneOf = (variable: string, list: unknown[]) => {
      const unique = [...new Set(list)]
      if (unique.length === 0) return 'false'
      if (unique.length <= SCAN_LIMIT) return `(${variable} !== null && (${unique.map((value) => `${variable} === ${constant(value)}`).join(' || ')}))`
      return `(${variable} !== null && ${constant(new Set(unique))}.has(${variable}))`
    }
    /** Whether the slot's email domain (emailDomainOf of its text) is one of a list. */
    const domainOneOf = (s: number, list: string[]) => {
      const unique = [...new Set(list)]
      if (unique.length === 0) return 'false'
      const [t, at] = [`t${s}`, `d${s}`]
      if (unique.length <= SCAN_LIMIT) {
        return `(${at} >= 0 && (${unique.map((domain) => `(${t}.length - ${at} - 1 === ${constant(domain.length)} && ${t}.startsWith(${constant(domain)}, ${at} + 1))`).join(' || ')}))`
      }
      const byLength = new Map<number, string[]>()
      for (const domain of unique) byLength.set(domain.length, [...(byLength.get(domain.length) ?? []), domain])
      return `(${at} >= 0 && H_domainIn(${t}, ${at}, ${constant(byLength)}))`
    }
    switch (condition.op) {
      case 'eq':
        return `(${t} === ${text(condition.value)})`
      case 'neq':
        return `(${t} !== ${text(condition.value)})`
      case 'in':
        return oneOf(t, condition.value.map((value) => normaliseText(value, type)))
      case 'notIn':
        return `!${oneOf(t, condition.value.map((value) => normaliseText(value, type)))}`
      case 'contains':
        return `(${t} !== null && ${t}.includes(${text(condition.value)}))`
      case 'notContains':
        return `!(${t} !== null && ${t}.includes(${text(condition.value)}))`
      case 'startsWith':
        return `(${t} !== null && ${t}.startsWith(${text(condition.value)}))`
      case 'endsWith':
        return `(${t} !== null && ${t}.endsWith(${text(condition.value)}))`
      // NaN (absent or not a number) fails every comparison.
      case 'gt':
        return `(n${s} > ${constant(condition.value)})`
      case 'gte':
        return `(n${s} >= ${constant(condition.value)})`
      case 'lt':
        return `(n${s} < ${constant(condition.value)})`
      case 'lte':
        return `(n${s} <= ${constant(condition.value)})`
      case 'between':
        return `(n${s} >= ${constant(condition.value[0])} && n${s} <= ${constant(condition.value[1])})`
      case 'present':
        return `!a${s}`
      case 'absent':
        return `a${s}`
      case 'emailDomainIn':
        return domainOneOf(s, condition.value.map(normaliseDomain))
      case 'emailDomainNotIn':
        return `!${domainOneOf(s, condition.value.map(normaliseDomain))}`
      // Future dates hold (a negative age); an invalid or absent date is NaN and fails.
      case 'withinDays':
        return `(asOfMs - m${s} <= ${constant(condition.value * DAY_MS)})`
      case 'before':
        return `(m${s} < ${constant(parseConfigDate(condition.value))})`
      case 'after':
        return `(m${s} > ${constant(parseConfigDate(condition.value))})`
      case 'olderThanDays':
        return `(asOfMs - m${s} > ${constant(condition.value * DAY_MS)})`
    }
  }

  const all = mode === 'all'
  const matchedOnly = mode === 'matched'
  const flags = mode === 'flags'
  const nothing = constant(plan.nothing)
  const contributionCount = config.fit.rules.length + config.engagement.rules.length
  line(all ? `const C = new Array(${contributionCount});` : matchedOnly ? 'const C = [];' : `const C = ${nothing};`)
  const contribution = (index: number, id: string, label: string, axis: 'fit' | 'engagement', matched: string, points: string) => {
    if (all) line(`C[${index}] = { ruleId: ${constant(id)}, label: ${constant(label)}, axis: '${axis}', points: ${matched} ? ${points} : 0, matched: ${matched} };`)
    else if (matchedOnly) line(`if (${matched}) C.push({ ruleId: ${constant(id)}, label: ${constant(label)}, axis: '${axis}', points: ${points}, matched: true });`)
    else if (flags) line(`R[${index}] = ${matched} ? 1 : 0;`)
  }
  // Mode flags: the byte of the rules after fit and engagement (disqualifiers, fast tracks, SQL criteria), in that order.
  let flagIndex = contributionCount

  // Format 1's activity rules and fast tracks (no time direction, since, until or where, and no
  // activity condition anywhere): one pass over the lead's activities reads each type and date
  // once and adds to every rule of its type, in the order of the activities as engine.ts's loops
  // do. Otherwise engine.ts loads the activities and format 2's parts run as its closures.
  const isPlain = (rule: (typeof config.engagement.rules)[number]) =>
    'activity' in rule && (rule.time === undefined || rule.time === 'any') && rule.since === undefined && rule.until === undefined && rule.where === undefined
  const conditions = ruleConditions(config)
  const oneActivityPass = !conditions.some(hasActivityCondition) && config.engagement.rules.every((rule) => 'when' in rule || isPlain(rule))
  const modelHalfLife = config.engagement.halfLifeDays
  const table = oneActivityPass ? activityTable() : undefined
  if (table !== undefined) {
    // Each counted type feeds at most one activity rule and any undated fast tracks, and the types
    // differ in length or first character: a type's number is read from a table by those two and
    // checked by comparing the text, and the rule's numbers are read by it, without the branches
    // of a switch, whose outcome a random mix of activities makes hard to predict.
    const { types, rules, fastTracks, datedCount } = table
    const place = new Int8Array(PLACES).fill(-1)
    for (const [x, type] of types.entries()) place[placeOf(type)] = x
    const numbers = (of: (rule: number) => number) => constant(Float64Array.from(rules.slice(0, datedCount), (i) => of(i)))
    const rule = (i: number) => config.engagement.rules[i] as { points: number; withinDays?: number; halfLifeDays?: number | null }
    const windowMs = numbers((i) => (rule(i).withinDays === undefined ? Infinity : rule(i).withinDays! * DAY_MS))
    const points = numbers((i) => rule(i).points)
    // No half-life: 0.5 ** (age / Infinity) is exactly 1, as is the decay it stands for (the rule's points × 1).
    const halfLife = numbers((i) => {
      const days = rule(i).halfLifeDays === undefined ? modelHalfLife : rule(i).halfLifeDays
      return days === null || days === undefined ? Infinity : days
    })
    const fastTrackBits = constant(Int32Array.from(types, (_, x) => fastTracks.reduce((bits, ft, k) => (ft.type === x ? bits | (1 << k) : bits), 0)))
    memoState.push(`const PA = new Float64Array(${Math.max(datedCount, 1)}), PC = new Uint8Array(${Math.max(datedCount, 1)});`)
    for (let x = 0; x < datedCount; x++) line(`PA[${x}] = 0; PC[${x}] = 0;`)
    line('let ft = 0;')
    line(`for (let j = 0; j < L.length; j++) { const activity = L[j]; if (activity == null) continue;`)
    line(`const type = activity.type; if (typeof type !== 'string') continue;`)
    line(`const n = type.length; if (n === 0 || n > ${PLACE_LENGTH}) continue;`)
    line(`const x = ${constant(place)}[(n << 4) | (type.charCodeAt(0) & 15)];`)
    line(`if (x < 0 || type !== ${constant(types)}[x]) continue;`)
    if (fastTracks.length > 0) line(`ft |= ${fastTrackBits}[x];`)
    if (datedCount < types.length) line(`if (x >= ${datedCount}) continue;`)
    // An unreadable date is NaN, which fails the window: the activity counts for no rule. So does
    // one whose date alone shows it older than the window (parseTimestampFrom: its time is not read).
    line(`const diffMs = asOfMs - H_parseTimestampFrom(activity.at, asOfMs - ${windowMs}[x]);`)
    // The same expression as DESIGN §5 writes it (and engine.ts computes), so results match bit for bit.
    line(`if (diffMs <= ${windowMs}[x]) { const ageMs = diffMs < 0 ? 0 : diffMs; PA[x] += ${points}[x] * Math.pow(0.5, ageMs / ${constant(DAY_MS)} / ${halfLife}[x]); PC[x] = 1; }`)
    line('}')
    for (let x = 0; x < datedCount; x++) line(`let p${rules[x]!} = PA[${x}], c${rules[x]!} = PC[${x}] === 1;`)
    for (const [k, { index }] of fastTracks.entries()) line(`const q${index} = (ft & ${1 << k}) !== 0;`)
  } else if (oneActivityPass) {
    /** Per activity type: what its activities add to, and whether that needs their date. */
    const byType = new Map<number, { key: string; codes: string[]; dated: boolean; widestMs: number }>()
    /** What an activity of the type adds to; windowMs: the window its date must be in, undefined when its date is not read. */
    const add = (activity: string, code: string, windowMs: number | undefined) => {
      const type = plan.activityIndex.get(activity)!
      const entry = byType.get(type) ?? { key: activity, codes: [], dated: false, widestMs: -Infinity }
      const dated = windowMs !== undefined
      byType.set(type, { key: activity, codes: [...entry.codes, code], dated: entry.dated || dated, widestMs: dated ? Math.max(entry.widestMs, windowMs) : entry.widestMs })
    }
    for (const [i, rule] of config.engagement.rules.entries()) {
      if ('when' in rule) continue
      line(`let p${i} = 0, c${i} = false;`)
      const halfLifeDays = rule.halfLifeDays === undefined ? modelHalfLife : rule.halfLifeDays
      // The same expression as DESIGN §5 writes it (and engine.ts computes), so results match bit for bit.
      const decay = halfLifeDays === null ? '1' : `Math.pow(0.5, ageMs / ${constant(DAY_MS)} / ${constant(halfLifeDays)})`
      const windowMs = rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS
      add(
        rule.activity,
        `{ const diffMs = asOfMs - at; if (diffMs <= ${constant(windowMs)}) { ` + `const ageMs = diffMs < 0 ? 0 : diffMs; p${i} += ${constant(rule.points)} * ${decay}; c${i} = true; } }`,
        windowMs,
      )
    }
    for (const [i, rule] of config.fastTrack.entries()) {
      if ('when' in rule) continue
      line(`let q${i} = false;`)
      // Any activity of the type (undated too); with withinDays, one no older than it (a future one holds).
      if (rule.withinDays === undefined) add(rule.activity, `q${i} = true;`, undefined)
      else add(rule.activity, `if (asOfMs - at <= ${constant(rule.withinDays * DAY_MS)}) q${i} = true;`, rule.withinDays * DAY_MS)
    }
    if (byType.size > 0) {
      // The type is found by its length, then compared with the types of that length (a Map would
      // hash it first). Only texts equal a key, as in the Map; types no rule counts are skipped.
      // Its number (x) picks what it adds to; types whose rules need the date come first, so the
      // date is read at one place in the loop.
      const entries = [...byType.values()].sort((a, b) => Number(b.dated) - Number(a.dated))
      const datedCount = entries.filter((entry) => entry.dated).length
      line(`for (let j = 0; j < L.length; j++) { const activity = L[j]; if (activity == null) continue;`)
      line(`const type = activity.type; if (typeof type !== 'string') continue;`)
      line('let x = -1;')
      line('switch (type.length) {')
      const byLength = new Map<number, number[]>()
      for (const [x, entry] of entries.entries()) byLength.set(entry.key.length, [...(byLength.get(entry.key.length) ?? []), x])
      for (const [length, xs] of byLength) line(`case ${length}: x = ${xs.map((x) => `type === ${constant(entries[x]!.key)} ? ${x} : `).join('')}-1; break;`)
      line('}')
      line('if (x < 0) continue;')
      // An unreadable date is NaN: the activity is undated and counts for nothing that needs its date.
      // Read from asOf less the type's widest window on: an activity older than that counts for
      // none of its rules, and parseTimestampFrom may then leave its time unread (NaN).
      if (datedCount > 0) {
        const widest = constant(Float64Array.from(entries.slice(0, datedCount), (entry) => entry.widestMs))
        line(`const at = ${datedCount === entries.length ? '' : `x >= ${datedCount} ? NaN : `}H_parseTimestampFrom(activity.at, asOfMs - ${widest}[x]);`)
      }
      line('switch (x) {')
      for (const [x, entry] of entries.entries()) line(`case ${x}: ${entry.codes.join(' ')} break;`)
      line('} }')
    }
  }

  /**
   * When activities can be read by table (see its use): the counted types, those with a rule first
   * (`datedCount` of them); the rule of each; the undated fast tracks and their type's number.
   */
  function activityTable(): { types: string[]; rules: number[]; fastTracks: { index: number; type: number }[]; datedCount: number } | undefined {
    const ruleOf = new Map<string, number>()
    for (const [i, rule] of config.engagement.rules.entries()) {
      if ('when' in rule) continue
      if (ruleOf.has(rule.activity)) return undefined
      ruleOf.set(rule.activity, i)
    }
    const fastTrackTypes: { index: number; activity: string }[] = []
    for (const [index, rule] of config.fastTrack.entries()) {
      if ('when' in rule) continue
      if (rule.withinDays !== undefined) return undefined
      fastTrackTypes.push({ index, activity: rule.activity })
    }
    if (fastTrackTypes.length > 30) return undefined
    const types = [...ruleOf.keys(), ...fastTrackTypes.map(({ activity }) => activity).filter((activity) => !ruleOf.has(activity))].filter((type, i, all) => all.indexOf(type) === i)
    if (types.length === 0 || types.length > 127) return undefined
    const places = new Set(types.map(placeOf))
    if (places.size !== types.length || types.some((type) => type.length === 0 || type.length > PLACE_LENGTH)) return undefined
    return {
      types,
      rules: types.filter((type) => ruleOf.has(type)).map((type) => ruleOf.get(type)!),
      fastTracks: fastTrackTypes.map(({ index, activity }) => ({ index, type: types.indexOf(activity) })),
      datedCount: ruleOf.size,
    }
  }

  line('let fit = 0;')
  for (const [i, rule] of config.fit.rules.entries()) {
    line(`const f${i} = ${expression(rule.when)};`)
    // Whole points (int32) are added as points & 0 or points & -1, without a branch: the same sum.
    const bit = (rule.points | 0) === rule.points && !Object.is(rule.points, -0) ? bitExpression(rule.when) : undefined
    line(bit === undefined ? `if (f${i}) fit += ${constant(rule.points)};` : `fit += ${constant(rule.points)} & ${bit};`)
    contribution(i, rule.id, rule.label, 'fit', `f${i}`, constant(rule.points))
  }

  line('let engagement = 0;')
  for (const [i, rule] of config.engagement.rules.entries()) {
    const index = config.fit.rules.length + i
    if ('when' in rule) {
      line(`const e${i} = ${expression(rule.when)};`)
      line(`if (e${i}) engagement += ${constant(rule.points)};`)
      contribution(index, rule.id, rule.label, 'engagement', `e${i}`, constant(rule.points))
      continue
    }
    const plain = (rule.time === undefined || rule.time === 'any') && rule.since === undefined && rule.until === undefined && rule.where === undefined
    if (!plain) line(`const p${i} = ${constant(plan.activityRuleTotal(i))}();`)
    else if (oneActivityPass) {
      const maxPoints = rule.maxPoints ?? Infinity
      line(`if (!c${i}) p${i} = NaN; else if (p${i} > ${constant(maxPoints)}) p${i} = ${constant(maxPoints)}; else if (p${i} < ${constant(-maxPoints)}) p${i} = ${constant(-maxPoints)};`)
    } else {
      // engine.ts's scoreActivityRule for a rule with no window but withinDays, written out.
      const halfLifeDays = rule.halfLifeDays === undefined ? modelHalfLife : rule.halfLifeDays
      const points = constant(rule.points)
      const maxPoints = rule.maxPoints ?? Infinity
      line(`let p${i} = 0, c${i} = false;`)
      line(`for (let j = 0; j < NA; j++) { if (TY[j] !== ${constant(plan.activityIndex.get(rule.activity)!)}) continue;`)
      line('const diffMs = asOfMs - TM[j];')
      line(`if (!(diffMs <= ${constant(rule.withinDays === undefined ? Infinity : rule.withinDays * DAY_MS)})) continue;`)
      line('const ageMs = diffMs < 0 ? 0 : diffMs;')
      // The same expression as DESIGN §5 writes it (and engine.ts computes), so results match bit for bit.
      line(`p${i} += ${points} * ${halfLifeDays === null ? '1' : `Math.pow(0.5, ageMs / ${constant(DAY_MS)} / ${constant(halfLifeDays)})`};`)
      line(`c${i} = true; }`)
      line(`if (!c${i}) p${i} = NaN; else if (p${i} > ${constant(maxPoints)}) p${i} = ${constant(maxPoints)}; else if (p${i} < ${constant(-maxPoints)}) p${i} = ${constant(-maxPoints)};`)
    }
    line(`const e${i} = p${i} === p${i};`)
    line(`if (e${i}) engagement += p${i};`)
    contribution(index, rule.id, rule.label, 'engagement', `e${i}`, `p${i}`)
  }
  line(`fit = fit < 0 ? 0 : fit > ${constant(config.fit.max)} ? ${constant(config.fit.max)} : fit;`)
  line(`engagement = engagement < 0 ? 0 : engagement > ${constant(config.engagement.max)} ? ${constant(config.engagement.max)} : engagement;`)

  // The lists. Whether each rule held goes into a local first (in mode flags also into its byte),
  // then the list is made at its length: a list grown by push would get room for 17 ids, a new
  // backing store, on its second id. Fresh lists for `all` (callers may keep and change them),
  // else the shared empty one when nothing is listed.
  let heldCount = 0
  const holds = (held: string, flagged: boolean): string => {
    const local = `h${heldCount++}`
    line(`const ${local} = ${held};`)
    if (flags && flagged) line(`R[${flagIndex++}] = ${local} ? 1 : 0;`)
    return local
  }
  const list = (name: string, entries: { held: string; id: string; bit?: string }[]) => {
    if (entries.length === 0) {
      line(`const ${name} = ${all ? '[]' : nothing};`)
      return
    }
    if (!all && entries.length <= SHARED_LIST_RULES) {
      // Outside `all`, lists are read-only (the empty one is already shared): every list these
      // rules can make is made here, once, frozen, and the lead's is picked by which rules held.
      const lists = Array.from({ length: 1 << entries.length }, (_, mask) => Object.freeze(entries.filter((_, i) => (mask >> i) & 1).map(({ id }) => id)))
      lists[0] = plan.nothing
      line(`const ${name} = ${constant(lists)}[${entries.map(({ held, bit }, i) => (bit === undefined ? `(${held} ? ${1 << i} : 0)` : `(${bit} & ${1 << i})`)).join(' | ')}];`)
      return
    }
    line(`let ${name} = ${all ? '[]' : nothing};`)
    const locals = entries.map(({ held }) => held)
    line(`if (${locals.join(' || ')}) { ${name} = new Array(${locals.map((held) => `(${held} ? 1 : 0)`).join(' + ')}); let j = 0;`)
    for (const { held, id } of entries) line(`if (${held}) ${name}[j++] = ${constant(id)};`)
    line('}')
  }
  list('disqualifiedBy', config.disqualifiers.map((rule) => ({ held: holds(expression(rule.when), true), id: rule.id, bit: bitExpression(rule.when) })))
  list(
    'missing',
    requiredSlots.map((s, i) => {
      const absent: FieldCondition = { field: slots[s]!.key, op: 'absent' }
      return { held: holds(fieldExpression(absent), false), id: config.required[i]!, bit: bitExpression(absent) }
    }),
  )
  const fastTracks = config.fastTrack.map((rule, i) => {
    if ('when' in rule) return { held: holds(expression(rule.when), true), id: rule.id, bit: bitExpression(rule.when) }
    if (oneActivityPass) return { held: holds(`q${i}`, true), id: rule.id }
    // Any activity of the type (undated too); with withinDays, one no older than it (a future one holds).
    const type = constant(plan.activityIndex.get(rule.activity)!)
    const dated = rule.withinDays === undefined ? '' : ` && asOfMs - TM[j] <= ${constant(rule.withinDays * DAY_MS)}`
    const local = `y${i}`
    line(`let ${local} = false; for (let j = 0; j < NA; j++) if (TY[j] === ${type}${dated}) { ${local} = true; break; }`)
    return { held: holds(local, true), id: rule.id }
  })
  list('fastTrack', fastTracks)
  const criteria = config.sql.criteria.map((criterion) => ({ held: holds(expression(criterion.when), true), id: criterion.id, bit: bitExpression(criterion.when) }))
  list('sqlMet', criteria)
  const requiredCriteria = criteria.filter((_, i) => config.sql.criteria[i]!.required === true)
  line(`const requiredFailed = ${requiredCriteria.length === 0 ? 'false' : requiredCriteria.map(({ held }) => `!${held}`).join(' || ')};`)

  // decideStage (engine.ts), DESIGN §5 in order.
  const { minFit, minEngagement } = config.mql
  const hasSqlCriteria = config.sql.criteria.length > 0
  line(
    `const stage = disqualifiedBy.length > 0 ? 'disqualified' : missing.length > 0 ? 'lead' : ` +
      `!(fit >= ${constant(minFit)} && (engagement >= ${constant(minEngagement)} || fastTrack.length > 0)) ? 'lead' : ` +
      `${hasSqlCriteria ? `sqlMet.length >= ${constant(config.sql.minMet)} && !requiredFailed` : 'false'} ? 'sql' : 'mql';`,
  )
  // The first grade whose minFit ≤ fit (highest first), the first band reached.
  line('let g = -1;')
  for (const [i, grade] of plan.grades.entries()) line(`${i === 0 ? '' : 'else '}if (${constant(grade.minFit)} <= fit) g = ${i};`)
  line('let b = -1;')
  for (const [i, band] of plan.bands.entries()) line(`${i === 0 ? '' : 'else '}if (${constant(band.minEngagement)} <= engagement) b = ${i};`)
  const gradeNames = constant(plan.grades.map((grade) => grade.grade))
  const bandNames = constant(plan.bands.map((band) => band.band))
  const priorities = constant(plan.priorityOf)
  line(
    `return { fit, engagement, grade: g < 0 ? null : ${gradeNames}[g], band: b < 0 ? null : ${bandNames}[b], ` +
      `priority: g < 0 || b < 0 ? null : ${priorities}[g][b], stage, contributions: C, disqualifiedBy, fastTrack, missing, sqlMet };`,
  )

  const preamble = [
    "'use strict';",
    ...constants.map((_, i) => `const k${i} = K[${i}];`),
    ...Object.keys(HELPERS).map((name) => `const H_${name} = H.${name};`),
    ...memoState,
    'return function score(A, asOfMs, TY, TM, NA, L, R) {',
  ]
  return { source: [...preamble, ...out, '};'].join('\n'), constants, readsActivities: oneActivityPass }
}

function hasActivityCondition(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(hasActivityCondition)
  if ('any' in condition) return condition.any.some(hasActivityCondition)
  if ('not' in condition) return hasActivityCondition(condition.not)
  return 'activity' in condition
}

/** Calls `visit` on every field condition of a condition, not descending into activity conditions (their `where` reads properties). */
export function forEachFieldCondition(condition: Condition, visit: (condition: FieldCondition) => void) {
  if ('all' in condition) condition.all.forEach((inner) => forEachFieldCondition(inner, visit))
  else if ('any' in condition) condition.any.forEach((inner) => forEachFieldCondition(inner, visit))
  else if ('not' in condition) forEachFieldCondition(condition.not, visit)
  else if (!('activity' in condition)) visit(condition)
}
