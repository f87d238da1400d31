import type { z } from 'zod'

export type FieldErrors = Record<string, string>

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> }

/** Reads a posted form (urlencoded or multipart) and validates it with the same zod schema the page uses. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<z.output<S>>> {
  const formData = await request.formData()
  return validateFormData(formData, schema)
}

export function validateFormData<S extends z.ZodType>(formData: FormData, schema: S): ParsedForm<z.output<S>> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string' && !(key in values)) values[key] = value
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
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
