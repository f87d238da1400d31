import type { FieldCondition, FieldType } from './config-schema'
import { emailDomainOf, normaliseDomain, normaliseText, numberFromText, textFromText } from './normalise'
import { DAY_MS, parseConfigDate, parseTimestamp, parseTimestampText } from './timestamps'

/*
 * The compiled form of field conditions (DESIGN §5), over a table of slots: one slot per key a
 * condition reads, normalised once per record (a lead's attributes, or one activity's properties in
 * format 2's `where`) into the forms its conditions need. Conditions become closures that read the
 * slots, so comparing costs no normalisation and no allocation.
 */

export type Test = () => boolean

/** What the compiled conditions need to know about one key, computed once per record. */
interface Slot {
  key: string
  type: FieldType
  inherited: boolean
  needsText: boolean
  needsNumber: boolean
  needsTime: boolean
  needsDomain: boolean
}

export interface SlotTable {
  /** Pass 1: note what a condition reads (call for every condition before `seal`). */
  registerNeeds(condition: FieldCondition): void
  /** The slot of a key (registering it when new), e.g. for required fields. */
  slotFor(key: string): number
  /** Allocates the per-record buffers; after this, `load` and `compile` may be called. */
  seal(): void
  /** Normalises a record (attributes or properties) into the slots. */
  load(record: Readonly<Record<string, unknown>>): void
  /** Pass 2: a field condition as a closure over the slots. */
  compile(condition: FieldCondition): Test
  isAbsent(slot: number): boolean
}

/**
 * A table of slots. `typeOf` gives the declared type of a key (which decides how number-typed text
 * compares); `asOf` reads the moment being scored, for withinDays and olderThanDays.
 */
export function createSlotTable(typeOf: (key: string) => FieldType, asOf: () => number): SlotTable {
  const slots: Slot[] = []
  const slotIndex = new Map<string, number>()
  let slotCount = 0
  let absent = new Uint8Array(0)
  let texts: (string | null)[] = []
  let domains: (string | null)[] = []
  let numbers = new Float64Array(0)
  let times = new Float64Array(0)

  function slotFor(key: string): number {
    let index = slotIndex.get(key)
    if (index === undefined) {
      index = slots.length
      // A key named like an Object.prototype member ("constructor") must not read the inherited one.
      const inherited = key in Object.prototype
      slots.push({ key, type: typeOf(key), inherited, needsText: false, needsNumber: false, needsTime: false, needsDomain: false })
      slotIndex.set(key, index)
    }
    return index
  }

  function registerNeeds(condition: FieldCondition) {
    const slot = slots[slotFor(condition.field)]
    switch (condition.op) {
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between':
        slot.needsNumber = true
        break
      case 'withinDays':
      case 'before':
      case 'after':
      case 'olderThanDays':
        slot.needsTime = true
        break
      case 'emailDomainIn':
      case 'emailDomainNotIn':
        slot.needsText = true
        slot.needsDomain = true
        break
      case 'present':
      case 'absent':
        break
      default:
        slot.needsText = true
    }
  }

  function seal() {
    slotCount = slots.length
    absent = new Uint8Array(slotCount)
    texts = new Array<string | null>(slotCount).fill(null)
    domains = new Array<string | null>(slotCount).fill(null)
    numbers = new Float64Array(slotCount)
    times = new Float64Array(slotCount)
  }

  function load(record: Readonly<Record<string, unknown>>) {
    for (let s = 0; s < slotCount; s++) {
      const slot = slots[s]
      const raw = slot.inherited && !Object.hasOwn(record, slot.key) ? undefined : record[slot.key]
      if (typeof raw === 'string') {
        const trimmed = raw.trim()
        if (trimmed.length === 0) {
          clearSlot(s, 1)
          continue
        }
        absent[s] = 0
        if (slot.needsText) {
          const text = textFromText(trimmed, slot.type)
          texts[s] = text
          if (slot.needsDomain) domains[s] = emailDomainOf(text)
        }
        if (slot.needsNumber) numbers[s] = numberFromText(trimmed)
        if (slot.needsTime) times[s] = parseTimestampText(trimmed)
      } else if (typeof raw === 'number') {
        absent[s] = 0
        if (slot.needsText) {
          texts[s] = normaliseText(raw, slot.type)
          domains[s] = null
        }
        numbers[s] = Number.isFinite(raw) ? raw : NaN
        if (slot.needsTime) times[s] = parseTimestamp(raw)
      } else if (raw === undefined || raw === null) {
        clearSlot(s, 1)
      } else if (typeof raw === 'boolean') {
        clearSlot(s, 0)
        texts[s] = raw ? 'true' : 'false'
      } else {
        // Objects and arrays are present but have no text or number; a Date has a time.
        clearSlot(s, 0)
        if (slot.needsTime) times[s] = parseTimestamp(raw)
      }
    }
  }
  function clearSlot(s: number, isAbsent: 0 | 1) {
    absent[s] = isAbsent
    texts[s] = null
    domains[s] = null
    numbers[s] = NaN
    times[s] = NaN
  }

  function compile(condition: FieldCondition): Test {
    const s = slotIndex.get(condition.field)!
    const type = typeOf(condition.field)
    const text = (value: string | number | boolean) => normaliseText(value, type)!
    // Negative operators are the exact complement of their positive twin: on an absent value
    // (text null) the positive one is false, so the negative one is true, as DESIGN §5 requires.
    switch (condition.op) {
      case 'eq': {
        const value = text(condition.value)
        return () => texts[s] === value
      }
      case 'neq': {
        const value = text(condition.value)
        return () => texts[s] !== value
      }
      case 'in':
      case 'notIn': {
        const positive = condition.op === 'in'
        const list = [...new Set(condition.value.map(text))]
        // A short list is scanned: comparing a few strings beats hashing a new one for a Set.
        if (list.length <= 8) {
          return () => {
            const t = texts[s]
            if (t === null) return !positive
            for (let i = 0; i < list.length; i++) if (list[i] === t) return positive
            return !positive
          }
        }
        const values = new Set(list)
        return () => {
          const t = texts[s]
          return (t !== null && values.has(t)) === positive
        }
      }
      case 'contains':
      case 'notContains': {
        const value = text(condition.value)
        const positive = condition.op === 'contains'
        return () => {
          const t = texts[s]
          return (t !== null && t.includes(value)) === positive
        }
      }
      case 'startsWith': {
        const value = text(condition.value)
        return () => {
          const t = texts[s]
          return t !== null && t.startsWith(value)
        }
      }
      case 'endsWith': {
        const value = text(condition.value)
        return () => {
          const t = texts[s]
          return t !== null && t.endsWith(value)
        }
      }
      // NaN (absent or not a number) fails every comparison.
      case 'gt': {
        const value = condition.value
        return () => numbers[s] > value
      }
      case 'gte': {
        const value = condition.value
        return () => numbers[s] >= value
      }
      case 'lt': {
        const value = condition.value
        return () => numbers[s] < value
      }
      case 'lte': {
        const value = condition.value
        return () => numbers[s] <= value
      }
      case 'between': {
        const [low, high] = condition.value
        return () => {
          const n = numbers[s]
          return n >= low && n <= high
        }
      }
      case 'present':
        return () => absent[s] === 0
      case 'absent':
        return () => absent[s] === 1
      case 'emailDomainIn':
      case 'emailDomainNotIn': {
        const positive = condition.op === 'emailDomainIn'
        const list = [...new Set(condition.value.map(normaliseDomain))]
        if (list.length <= 8) {
          return () => {
            const domain = domains[s]
            if (domain === null) return !positive
            for (let i = 0; i < list.length; i++) if (list[i] === domain) return positive
            return !positive
          }
        }
        const values = new Set(list)
        return () => {
          const domain = domains[s]
          return (domain !== null && values.has(domain)) === positive
        }
      }
      case 'withinDays': {
        // Future dates hold (a negative age); an invalid or absent date is NaN and fails.
        const windowMs = condition.value * DAY_MS
        return () => asOf() - times[s] <= windowMs
      }
      // Format 2's date operators: NaN (absent or invalid) fails each of them.
      case 'before': {
        const limit = parseConfigDate(condition.value)
        return () => times[s] < limit
      }
      case 'after': {
        const limit = parseConfigDate(condition.value)
        return () => times[s] > limit
      }
      case 'olderThanDays': {
        const windowMs = condition.value * DAY_MS
        return () => asOf() - times[s] > windowMs
      }
    }
  }

  return { registerNeeds, slotFor, seal, load, compile, isAbsent: (slot) => absent[slot] === 1 }
}
