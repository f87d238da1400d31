import type { FieldType } from './config-schema'

/**
 * How lead values and rule values are compared (DESIGN §5). The engine applies these to each
 * lead attribute once per lead, and to each rule's value once, when the config is compiled.
 *
 * - Absent: missing, null, or text that is empty after trimming (String.prototype.trim).
 * - Text: trimmed and lower-cased; booleans are "true" / "false"; numbers are in their shortest
 *   decimal form (JavaScript's Number#toString: 50.0 is "50", 0.10 is "0.1").
 * - On a field of type number, numeric text is read as the number it writes, so "50.0", " 50 ",
 *   "5e1" and 50 all compare as "50": a CRM or CSV export carries numbers as text. On other
 *   field types text stays text, so a postcode "02134" keeps its zero and "1.10" stays "1.10".
 * - Numbers: numbers, or text written as a decimal number ("12", "-1.5", "1e3"); never hex,
 *   "Infinity", thousands separators or booleans. Anything else is NaN, and numeric
 *   comparisons with NaN are false.
 */

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/** The number that trimmed, non-empty text writes, or NaN. */
export function numberFromText(trimmed: string): number {
  // Most numbers in a file are a few plain digits: added up here, exactly (under 2^53), without the pattern and Number().
  const length = trimmed.length
  if (length > 0 && length <= 15) {
    let n = 0
    let i = 0
    for (; i < length; i++) {
      const digit = trimmed.charCodeAt(i) - 48
      if (digit < 0 || digit > 9) break
      n = n * 10 + digit
    }
    if (i === length) return n
  }
  if (!NUMERIC_TEXT.test(trimmed)) return NaN
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : NaN
}

/** Normalised text of trimmed, non-empty text on a field of the given type. */
export function textFromText(trimmed: string, type: FieldType): string {
  if (type === 'number') {
    const n = numberFromText(trimmed)
    if (n === n) return String(n)
  }
  return trimmed.toLowerCase()
}

/**
 * The normalised text of a value, or null when it is absent or has no text form (objects,
 * arrays): such values are present but never equal, contain or start with anything.
 */
export function normaliseText(value: unknown, type: FieldType): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    return trimmed === '' ? null : textFromText(trimmed, type)
  }
  // Only code can pass NaN or Infinity (JSON cannot); lower-case them like any other text.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value).toLowerCase()
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return null
}

/** The finite number a value stands for, or NaN. */
export function toFiniteNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN
  if (typeof value === 'string') return numberFromText(value.trim())
  return NaN
}

/** The part after the last "@" of normalised text, or null when there is no "@". */
export function emailDomainOf(text: string): string | null {
  const at = text.lastIndexOf('@')
  return at === -1 ? null : text.slice(at + 1)
}

/** A domain as a rule lists it: "@Gmail.com " compares as "gmail.com". */
export function normaliseDomain(domain: string): string {
  const text = domain.trim().toLowerCase()
  return text.startsWith('@') ? text.slice(1) : text
}
