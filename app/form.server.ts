import type { z } from 'zod'

export type FieldErrors = Record<string, string>

export type ParsedForm<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> }

/** Reads a posted form (urlencoded or multipart) and validates it with the same zod schema the page uses. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<z.output<S>>> {
  const formData = await request.formData()
  return validateFormData(formData, schema)
}

export function validateFormData<S extends z.ZodType>(formData: FormData, schema: S): ParsedForm<z.output<S>> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string' && !(key in values)) values[key] = value
  const result = schema.safeParse(unflatten(values))
  if (result.success) return { ok: true, data: result.data, values: echoable(values) }
  return { ok: false, errors: toFieldErrors(result.error.issues), values: echoable(values) }
}

export function toFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form'
    errors[key] ??= issue.message
  }
  return errors
}

/** What a refused form may send back to refill itself: never a password. */
export function echoable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)))
}

/**
 * Turns posted names like `clauses.0.field` (what react-hook-form's register() emits) into
 * nested objects and arrays, so one zod schema reads both the client's and the server's data.
 */
export function unflatten(values: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const parts = name.split('.')
    let node: Record<string, unknown> | unknown[] = root
    parts.forEach((part, index) => {
      const last = index === parts.length - 1
      const key: string | number = Array.isArray(node) ? Number(part) : part
      if (last) {
        ;(node as Record<string | number, unknown>)[key] = value
        return
      }
      const existing = (node as Record<string | number, unknown>)[key]
      const next = existing ?? (/^\d+$/.test(parts[index + 1]!) ? [] : {})
      ;(node as Record<string | number, unknown>)[key] = next
      node = next as Record<string, unknown> | unknown[]
    })
  }
  return compactArrays(root) as Record<string, unknown>
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]))
  return value
}
