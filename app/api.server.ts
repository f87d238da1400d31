import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { TokenBucketLimiter, type RateLimitOptions } from '~/domain/api/rate-limit'
import { MAX_BODY_BYTES, RATE_LIMIT, readVersionParam, type ApiError, type ApiErrorCode, type ApiScope } from '~/domain/api/schemas'
import { compile, type CompiledScoring } from '~/domain/scoring'
import { authenticateApiToken, type AuthenticatedToken } from '~/models/api-token.server'
import { getVersion, latestVersionNumber } from '~/models/sign-off.server'

/*
 * The plumbing every /api/v1 route shares (DESIGN §8): JSON errors, bearer tokens, the rate
 * limit, bounded JSON bodies, and resolving `{version}`. Routes stay a few lines each.
 */

type Params = LoaderFunctionArgs['params']

/** What a handler gets; headers set here (rate-limit state) go on whatever it answers, errors included. */
export interface ApiContext {
  request: Request
  params: Params
  headers: Headers
}

const JSON_TYPE = 'application/json; charset=utf-8'

export function apiJson(data: unknown, init: { status?: number; headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers)
  headers.set('Content-Type', JSON_TYPE)
  // Answers depend on the token: no shared cache may keep them.
  headers.set('Cache-Control', 'no-store')
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers })
}

export function apiError(status: number, code: ApiErrorCode, message: string, options: { details?: ApiError['details']; headers?: HeadersInit } = {}) {
  const error: ApiError = options.details ? { code, message, details: options.details } : { code, message }
  return apiJson({ error }, { status, headers: options.headers })
}

/** Wraps a route handler: thrown Responses are answers, anything else a logged JSON 500. */
export function apiHandler(handler: (context: ApiContext) => Promise<Response>) {
  return async ({ request, params }: LoaderFunctionArgs | ActionFunctionArgs): Promise<Response> => {
    const headers = new Headers()
    let response: Response
    try {
      response = await handler({ request, params, headers })
    } catch (thrown) {
      if (thrown instanceof Response) response = thrown
      else {
        console.error(thrown)
        response = apiError(500, 'internal_error', 'Something went wrong on our side. Try again; if it keeps happening, tell us what you sent.')
      }
    }
    headers.forEach((value, key) => {
      if (!response.headers.has(key)) response.headers.set(key, value)
    })
    return response
  }
}

/** The other half of a resource route: a 405 naming the method that works. */
export function methodNotAllowed(allowed: 'GET' | 'POST') {
  return async () => apiError(405, 'method_not_allowed', `Use ${allowed} for this endpoint.`, { headers: { Allow: allowed === 'GET' ? 'GET, HEAD' : 'POST' } })
}

// ── Rate limit ────────────────────────────────────────────────────────────────────────────

let limiter = new TokenBucketLimiter(RATE_LIMIT)
let clock = () => Date.now()

/** Replaces the limiter (fresh buckets); tests pass small limits and their own clock. No argument restores the defaults. */
export function configureApiRateLimit(options: Partial<RateLimitOptions> & { now?: () => number } = {}) {
  limiter = new TokenBucketLimiter({ capacity: options.capacity ?? RATE_LIMIT.capacity, refillPerSecond: options.refillPerSecond ?? RATE_LIMIT.refillPerSecond })
  clock = options.now ?? (() => Date.now())
}

// ── Authentication ────────────────────────────────────────────────────────────────────────

const REALM = 'realm="Leadpact API"'

/**
 * The request's token, if it may act on `workshopId` with `scope`; otherwise throws the answer:
 * 401 without a live token, 429 over the token's rate limit, 403 for another workshop or a
 * missing scope. A token of another workshop gets a 403 whether or not that workshop exists.
 */
export async function requireApiToken(context: ApiContext, scope: ApiScope): Promise<AuthenticatedToken> {
  const header = context.request.headers.get('Authorization')
  const match = header ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header) : null
  if (!match) {
    throw apiError(401, 'missing_token', 'Send an API token: "Authorization: Bearer lp_…". A facilitator creates tokens on the workshop’s Integrations page.', {
      headers: { 'WWW-Authenticate': `Bearer ${REALM}` },
    })
  }
  const token = await authenticateApiToken(match[1]!)
  if (!token) {
    throw apiError(401, 'invalid_token', 'The API token is unknown or has been revoked.', {
      headers: { 'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token"` },
    })
  }

  const decision = limiter.take(token.id, clock())
  context.headers.set('RateLimit-Limit', String(decision.limit))
  context.headers.set('RateLimit-Remaining', String(decision.remaining))
  context.headers.set('RateLimit-Reset', String(decision.resetSeconds))
  if (!decision.ok) {
    const seconds = decision.retryAfterSeconds
    throw apiError(429, 'rate_limited', `Too many requests for this token: retry in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`, {
      details: { retryAfterSeconds: seconds },
      headers: { 'Retry-After': String(seconds) },
    })
  }

  if (token.workshopId !== context.params.workshopId) {
    throw apiError(403, 'wrong_workshop', 'This token belongs to another workshop. Each token works for the one workshop it was created in.')
  }
  if (!token.scopes.includes(scope)) {
    throw apiError(403, 'insufficient_scope', `This token lacks the "${scope}" scope. Create a token with it on the workshop’s Integrations page.`, {
      headers: { 'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${scope}"` },
    })
  }
  return token
}

// ── Versions ──────────────────────────────────────────────────────────────────────────────

/** The version number `{version}` names (a number or `latest`), or a thrown 404. */
export async function resolveVersionNumber(workshopId: string, param: string | undefined): Promise<number> {
  const wanted = readVersionParam(param)
  if (wanted === undefined) throw apiError(404, 'not_found', `"${param}" is not a version: use a version number (1, 2, …) or "latest".`)
  const latest = await latestVersionNumber(workshopId)
  if (latest === null) throw apiError(404, 'not_found', 'This workshop has no published version yet.')
  if (wanted === 'latest') return latest
  if (wanted > latest) throw apiError(404, 'not_found', `Version ${wanted} of this workshop does not exist. Published versions: ${latest === 1 ? '1' : `1–${latest}`}.`)
  return wanted
}

export async function requireVersion(workshopId: string, param: string | undefined) {
  const number = await resolveVersionNumber(workshopId, param)
  const version = await getVersion({ workshopId, number })
  if (!version) throw apiError(404, 'not_found', `Version ${number} of this workshop does not exist.`)
  return version
}

/**
 * Compiled scorers by workshop and version. Published versions never change (the database
 * refuses it), so a scorer compiled once stays right; the cache only saves validating and
 * compiling the config on every request.
 */
const scorers = new Map<string, CompiledScoring>()
const MAX_SCORERS = 100

export async function scorerFor(workshopId: string, number: number): Promise<CompiledScoring> {
  const key = `${workshopId}\u0000${number}`
  const cached = scorers.get(key)
  if (cached) return cached
  const version = await getVersion({ workshopId, number })
  if (!version) throw apiError(404, 'not_found', `Version ${number} of this workshop does not exist.`)
  const scorer = compile(version.snapshot.scoring)
  if (scorers.size >= MAX_SCORERS) scorers.delete(scorers.keys().next().value!)
  scorers.set(key, scorer)
  return scorer
}

// ── Bodies ────────────────────────────────────────────────────────────────────────────────

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/

/**
 * The request's JSON body, or a thrown 415 (not JSON, another charset, compressed), 413 (over
 * `maxBytes`, judged from Content-Length and again while reading, so an oversized body is never
 * buffered whole) or 400 (empty, not UTF-8, not JSON).
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get('Content-Type') ?? ''
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase())
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw apiError(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${mediaType ? `, not "${mediaType}"` : ''}.`)
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '')
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw apiError(415, 'unsupported_media_type', `Send JSON in UTF-8, not ${charset}.`)
  const encoding = request.headers.get('Content-Encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity') throw apiError(415, 'unsupported_media_type', `Send the body uncompressed (Content-Encoding "${encoding}" is not accepted).`)

  const tooLarge = () =>
    apiError(413, 'payload_too_large', `The body is over the limit of ${formatBytes(maxBytes)}. Split the batch into smaller requests.`, { details: { limitBytes: maxBytes } })
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge()

  const chunks: Uint8Array[] = []
  let total = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw tooLarge()
      }
      chunks.push(value)
    }
  }
  if (total === 0) throw apiError(400, 'invalid_json', 'The body is empty: send a JSON object.')

  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw apiError(400, 'invalid_json', 'The body is not valid UTF-8.')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw apiError(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`)
  }
}

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`
}
