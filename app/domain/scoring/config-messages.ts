import type { z } from 'zod'

/** How a validation message names the value it got: short, and never the whole value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  return String(value)
}

/** A schema's error: "is required" when the key is missing, else what was expected and what came. */
export function expecting(what: string): z.core.$ZodErrorMap {
  return (issue) => (issue.input === undefined ? 'is required' : `expected ${what}, got ${describeValue(issue.input)}`)
}
