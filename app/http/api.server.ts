import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ConcurrencyLimiter, TokenBucketLimiter, WorkQueue, type RateLimitDecision, type RateLimitOptions } from '~/domain/api/rate-limit'
import {
  BODY_BYTES_PER_UNIT,
  MAX_BATCHES_IN_WORK,
  MAX_BODY_BYTES,
  MAX_CONCURRENT_BATCHES,
  RATE_LIMIT,
  readVersionParam,
  type ApiError,
  type ApiErrorCode,
  type ApiScope,
} from '~/domain/api/schemas'
import { parseScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { authenticateApiToken, type AuthenticatedToken } from '~/models/api-token.server'
import { getVersion, latestVersionNumber } from '~/models/version.server'
import { formatBytes, readBodyBytes } from './body.server'
import { openScoreJob, ScoreJobError, type ScoreJob } from './score-pool.server'

/*
 * The plumbing every /api/v1 route shares (DESIGN §8): JSON errors, bearer tokens, the limits
 * (a budget of leads and a cap on batches in flight per token, ADR 009), bounded JSON bodies,
 * resolving `{version}`, and scoring a batch in a worker thread. Routes stay a few lines each.
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
  return jsonResponse(JSON.stringify(data), init)
}

function jsonResponse(body: BodyInit, init: { status?: number; headers?: HeadersInit }) {
  const headers = new Headers(init.headers)
  headers.set('Content-Type', JSON_TYPE)
  // Answers depend on the token: no shared cache may keep them.
  headers.set('Cache-Control', 'no-store')
  return new Response(body, { status: init.status ?? 200, headers })
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
    // After the answer is handed over, in a later turn: nothing read the body, so nothing else will.
    setImmediate(() => void discardUnreadBody(request))
    return response
  }
}

/**
 * Reads and drops a body nobody read (a request refused before its body mattered), up to the body
 * limit, after which the connection is cut. Left unread, it would stall the client's upload
 * until the connection is reset, and the client would never see our answer and its Retry-After.
 * A body declared over the limit is cut at once (the request edge refuses those before us).
 */
async function discardUnreadBody(request: Request) {
  if (!request.body || request.bodyUsed) return
  let total = 0
  try {
    const reader = request.body.getReader()
    if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return void (await reader.cancel())
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      total += value.byteLength
      if (total > MAX_BODY_BYTES) return void (await reader.cancel())
    }
  } catch {
    // The client went away; nothing is left to drop.
  }
}

/** The other half of a resource route: a 405 naming the method that works. */
export function methodNotAllowed(allowed: 'GET' | 'POST') {
  return async () => apiError(405, 'method_not_allowed', `Use ${allowed} for this endpoint.`, { headers: { Allow: allowed === 'GET' ? 'GET, HEAD' : 'POST' } })
}

// ── Limits ────────────────────────────────────────────────────────────────────────────────

let limiter = new TokenBucketLimiter(RATE_LIMIT)
let batches = new ConcurrencyLimiter(MAX_CONCURRENT_BATCHES)
let work = new WorkQueue(MAX_BATCHES_IN_WORK)
let clock = () => Date.now()

/**
 * Replaces the limiters (fresh buckets, no batches in flight); tests pass small limits and their
 * own clock. No argument restores the defaults.
 */
export function configureApiRateLimit(
  options: Partial<RateLimitOptions> & { maxConcurrentBatches?: number; maxBatchesInWork?: number; now?: () => number } = {},
) {
  limiter = new TokenBucketLimiter({ capacity: options.capacity ?? RATE_LIMIT.capacity, refillPerSecond: options.refillPerSecond ?? RATE_LIMIT.refillPerSecond })
  batches = new ConcurrencyLimiter(options.maxConcurrentBatches ?? MAX_CONCURRENT_BATCHES)
  work = new WorkQueue(options.maxBatchesInWork ?? MAX_BATCHES_IN_WORK)
  clock = options.now ?? (() => Date.now())
}

/**
 * Takes `cost` units from the token's budget (`wholeCost` being what the request costs in all,
 * for Retry-After) and says so in RateLimit-* headers; over budget, throws the 429.
 */
function charge(context: ApiContext, tokenId: string, cost: number, wholeCost: number, what: (retry: string) => string) {
  const decision = limiter.take(tokenId, clock(), cost, wholeCost)
  setRateHeaders(context, decision)
  if (!decision.ok) {
    const seconds = decision.retryAfterSeconds
    throw apiError(429, 'rate_limited', what(`retry in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`), {
      details: { retryAfterSeconds: seconds },
      headers: { 'Retry-After': String(seconds) },
    })
  }
}

function setRateHeaders(context: ApiContext, decision: RateLimitDecision) {
  context.headers.set('RateLimit-Limit', String(decision.limit))
  context.headers.set('RateLimit-Remaining', String(decision.remaining))
  context.headers.set('RateLimit-Reset', String(decision.resetSeconds))
}

const formatCount = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** What a body of `bytes` costs at least (BODY_BYTES_PER_UNIT). */
export const bodyUnits = (bytes: number) => Math.ceil(bytes / BODY_BYTES_PER_UNIT)

/**
 * A scoring request's bill. It costs max(1, its leads, the KiB of its body); requireApiToken has
 * already taken the 1 every request pays, and the rest is charged as it becomes known: the body's
 * size from Content-Length before it is read (or once read), the leads once counted, before any
 * is validated or scored. What was charged stays charged when a later step refuses the request:
 * reading and parsing its body was work done.
 */
export function scoringBill(context: ApiContext, token: AuthenticatedToken) {
  let paid = 1
  return {
    /** Brings the charge up to `units`, for `reason` ("its 4,000 leads"). */
    atLeast(units: number, reason: string) {
      if (units <= paid) return
      const { capacity, refillPerSecond } = limiter.options
      if (units > capacity) {
        // Only a body far over any real batch gets here (the body limit keeps it under the capacity by default).
        throw apiError(413, 'payload_too_large', `This request costs ${units.toLocaleString('en-US')} (${reason}), more than a token may ever spend at once (${capacity.toLocaleString('en-US')}). Split the batch.`, {
          details: { limit: capacity, received: units },
        })
      }
      charge(
        context,
        token.id,
        units - paid,
        units,
        (retry) =>
          `This request costs ${units.toLocaleString('en-US')} of this token’s budget (${reason}): more than it may spend now (up to ${capacity.toLocaleString('en-US')} at once, ${refillPerSecond.toLocaleString('en-US')} more each second). ${retry[0]!.toUpperCase()}${retry.slice(1)}, or send smaller batches.`,
      )
      paid = units
    },
  }
}

export const describeLeads = (leads: number) => `its ${formatCount(leads, 'lead', 'leads')}`
export const describeBody = (bytes: number) => `its body of ${formatCount(bodyUnits(bytes), 'KiB', 'KiB')}`

/**
 * Holds one of the token's batch slots until the returned release is called. With every slot of
 * the token taken, throws a 429 at once, before the body is read: one token has at most
 * MAX_CONCURRENT_BATCHES batches in flight, so thirty parallel batches hold two batches' memory.
 */
export function acquireBatchSlot(token: AuthenticatedToken): () => void {
  const release = batches.acquire(token.id)
  if (release) return release
  const limit = batches.limit
  throw apiError(
    429,
    'rate_limited',
    `This token already has ${limit} ${limit === 1 ? 'batch' : 'batches'} being scored, the most it may have at once: wait for ${limit === 1 ? 'it' : 'one'} to finish, then retry in 1 second.`,
    { details: { retryAfterSeconds: 1, batchesInFlight: limit }, headers: { 'Retry-After': '1' } },
  )
}

/** Waits for a place among the server's batches in work (MAX_BATCHES_IN_WORK), the others waiting unread; call the result when done. */
export function enterBatchWork(): Promise<() => void> {
  return work.enter()
}

// ── Authentication ────────────────────────────────────────────────────────────────────────

const REALM = 'realm="Leadpact API"'

/**
 * The request's token, if it may act on `workshopId` with `scope`; otherwise throws the answer:
 * 401 without a live token, 429 over the token's budget, 403 for another workshop or a
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

  // Every request costs 1 of the token's budget; a scoring request pays for its leads later (chargeForLeads).
  charge(context, token.id, 1, 1, (retry) => `This token has used up its budget of requests and scored leads: ${retry}.`)

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
 * Validated scoring configs by workshop and version. Published versions never change (the
 * database refuses it), so a config checked once stays right; the cache only saves reading and
 * validating it on every request. The scoring worker compiles and keeps its own scorers.
 */
const configs = new Map<string, ScoringConfig>()
const MAX_CONFIGS = 100

/** A published version's scoring config and the key the scoring worker keeps its scorer under. */
export async function versionConfigFor(workshopId: string, number: number): Promise<{ key: string; config: ScoringConfig }> {
  const key = `${workshopId}\u0000${number}`
  const cached = configs.get(key)
  if (cached) return { key, config: cached }
  const version = await getVersion({ workshopId, number })
  if (!version) throw apiError(404, 'not_found', `Version ${number} of this workshop does not exist.`)
  const config = requireValidConfig(version)
  if (configs.size >= MAX_CONFIGS) configs.delete(configs.keys().next().value!)
  configs.set(key, config)
  return { key, config }
}

/**
 * A stored version's scoring config, checked with the schema publishing uses. Versions never
 * change, but the schema may have tightened since one was stored (or a backup from an older
 * instance carried it): such a version answers a 422 naming the version and the first problem's
 * path, rather than a 500 or a config the CLI would refuse.
 */
export function requireValidConfig(version: { number: number; snapshot: { scoring: unknown } }): ScoringConfig {
  const parsed = parseScoringConfig(version.snapshot.scoring)
  if (parsed.ok) return parsed.config
  const [first, ...more] = parsed.errors
  throw apiError(
    422,
    'invalid_version',
    `Version ${version.number}'s scoring config does not pass validation (${first!.message}${more.length > 0 ? `, and ${more.length} more` : ''}), so it cannot be served or scored. Publish a corrected version and use that one.`,
    { details: { version: version.number, issues: parsed.errors.slice(0, 20) } },
  )
}

// ── Bodies ────────────────────────────────────────────────────────────────────────────────

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/

/**
 * The request's body bytes, for a JSON body, or a thrown 415 (not JSON, another charset,
 * compressed) or 413 (over `maxBytes`, judged from Content-Length and again while reading, so an
 * oversized body is never buffered whole). Decoding and parsing are the scoring worker's
 * (openBatch): they grow with the body, and the server thread does not wait for them.
 */
export async function readJsonBodyBytes(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
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

  // One buffer of its own (never a pooled one), so that it can be handed to the worker without a copy.
  const read = await readBodyBytes(request, maxBytes)
  if (!read.ok) throw tooLarge()
  return read.bytes
}


// ── Scoring a batch in the worker ─────────────────────────────────────────────────────────

const jobError = (error: unknown) => {
  if (!(error instanceof ScoreJobError)) return error
  if (error.refusal) return apiJson({ error: error.refusal.error }, { status: error.refusal.status })
  console.error(error.message)
  return apiError(503, 'internal_error', 'Scoring is unavailable for a moment: retry in a few seconds.', { headers: { 'Retry-After': '5' } })
}

/** Hands the body to a scoring worker (score-pool.server.ts), which parses it and counts its leads: a 400 or 413 when it cannot. */
export async function openBatch(body: Uint8Array): Promise<ScoreJob> {
  try {
    return await openScoreJob(body)
  } catch (error) {
    throw jobError(error)
  }
}

/** The 200 answer to a scoring request, scored and written by the worker that read it; a 400 for a lead that does not pass the schema. */
export async function scoreBatch(job: ScoreJob, input: { workshopId: string; version: number; scorerKey: string; config: ScoringConfig; nowMs: number }): Promise<Response> {
  try {
    return jsonResponse(await job.score(input), {})
  } catch (error) {
    throw jobError(error)
  }
}
