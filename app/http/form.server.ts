import qs from 'qs'
import type { z } from 'zod'
import { formatBytes, FORM_BODY_LIMIT_BYTES, readBodyBytes } from './body.server'

export type FieldErrors = Record<string, string>

/** `values` is what was sent, nested like the schema's input and without passwords: what a refused form refills itself with. */
export type FormValues = Record<string, unknown>
export type ParsedForm<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues }

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const

function refuse(status: 400 | 413 | 415, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * The posted form, read the one safe way: only form content types (else a thrown 415), at most
 * `maxBytes` (else 413), and a malformed multipart body is a 400, never a 500.
 */
export async function readFormData(request: Request, { maxBytes = FORM_BODY_LIMIT_BYTES }: { maxBytes?: number } = {}): Promise<FormData> {
  const contentType = request.headers.get('Content-Type') ?? ''
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(mediaType as (typeof FORM_TYPES)[number])) {
    throw refuse(415, `Send this form as a web form (${FORM_TYPES.join(' or ')})${mediaType ? `, not ${mediaType}` : ''}.`)
  }
  const body = await readBodyBytes(request, maxBytes)
  if (!body.ok) throw refuse(413, `The form is larger than ${formatBytes(maxBytes)}.`)
  if (mediaType === 'application/x-www-form-urlencoded') {
    const formData = new FormData()
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body.bytes))) formData.append(key, value)
    return formData
  }
  try {
    return await new Request(request.url, { method: 'POST', headers: { 'Content-Type': contentType }, body: body.bytes }).formData()
  } catch {
    throw refuse(400, 'The form could not be read (a malformed multipart body).')
  }
}

/** Reads a posted form and validates it with the same zod schema the page uses. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<z.output<S>>> {
  return validateFormData(await readFormData(request), schema)
}

export function validateFormData<S extends z.ZodType>(formData: FormData, schema: S): ParsedForm<z.output<S>> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string' && !Object.hasOwn(values, key)) values[key] = value
  const result = schema.safeParse(unflatten(values))
  const sent = unflatten(echoable(values))
  if (result.success) return { ok: true, data: result.data, values: sent }
  return { ok: false, errors: toFieldErrors(result.error.issues), values: sent }
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

/** More rows than any of our forms has; a larger index becomes an object key, which the schema refuses. */
const MAX_ARRAY_INDEX = 200

/**
 * Turns posted names like `clauses.0.field` (what react-hook-form's register() emits) into
 * nested objects and arrays, so one zod schema reads both the client's and the server's data.
 * qs does the walking: it skips keys that name Object.prototype members (`__proto__.x`,
 * `constructor.prototype`, `toString`), so no field name reaches a prototype, and it turns an
 * index above MAX_ARRAY_INDEX into an object key instead of allocating a sparse array (a field
 * named `x.500000000` once froze the server for seconds).
 */
export function unflatten(values: Record<string, string>): Record<string, unknown> {
  return qs.parse(values as Record<string, string>, {
    allowDots: true,
    allowPrototypes: false,
    arrayLimit: MAX_ARRAY_INDEX,
    depth: 6,
    parameterLimit: 2000,
    // An index arrives as part of the name, not as repeated keys: never split a value on commas.
    comma: false,
  }) as Record<string, unknown>
}

/**
 * The posted `intent`, one of `intents`; anything else (an old page, a hand-made post, a name
 * like `toString`) is a thrown 400.
 */
export function readIntent<const I extends readonly string[]>(formData: FormData, intents: I): I[number] {
  const intent = formData.get('intent')
  if (typeof intent !== 'string' || !intents.includes(intent)) {
    throw new Response('This form is out of date: reload the page and try again.', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return intent
}
