/**
 * Numbers as people type them into the lifecycle and SLA forms. Blank is "not given" (null);
 * text that is not a number is NaN, so the schema that reads it says so next to the field.
 */

/** "25", "25 %", "12,5" → 25, 25, 12.5. A comma is a decimal comma here: a rate has no thousands. */
export function readPercent(text: unknown): number | null {
  if (typeof text === 'number') return text
  if (typeof text !== 'string') return null
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.')
  if (cleaned === '') return null
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

/** "1,200,000", "1 200 000", "1_200_000" → 1200000. */
export function readAmount(text: unknown): number | null {
  if (typeof text === 'number') return text
  if (typeof text !== 'string') return null
  const cleaned = text.trim().replace(/[\s,_]/g, '')
  if (cleaned === '') return null
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

/** A stored fraction for a percentage typed by a person (12.5 → 0.125, without 0.12500000000000001). */
export function fractionOfPercent(percent: number): number {
  return Number((percent / 100).toPrecision(12))
}

/** The percentage to show for a stored fraction (0.125 → "12.5"). */
export function percentText(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return ''
  return String(Number((fraction * 100).toPrecision(12)))
}
