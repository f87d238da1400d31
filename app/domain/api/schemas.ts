import { z } from 'zod'
import { EXPLAIN_MODES, formatPath, isLead, LeadSchema, parseTimestamp, type Explain, type Lead } from '~/domain/scoring'
import { describeValue } from '~/domain/scoring/config-messages'

/*
 * The HTTP API's contract (DESIGN §8): the zod schemas here validate the requests, type the
 * responses, and are what /api/v1/openapi.json is generated from (openapi.ts), so the published
 * description cannot drift from the code. The integrations page's forms live here too.
 */

// ── Tokens ────────────────────────────────────────────────────────────────────────────────

export const API_SCOPES = ['read', 'score'] as const
export type ApiScope = (typeof API_SCOPES)[number]

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  read: 'list versions, fetch configs and documents',
  score: 'score leads against a version',
}

export const API_TOKEN_PREFIX = 'lp_'

/** A checkbox posts "on" without JavaScript; react-hook-form gives a boolean (or the value) with it. */
const Checkbox = z
  .union([z.literal('on'), z.boolean()])
  .optional()
  .transform((value) => value === 'on' || value === true)

export const CreateTokenSchema = z
  .object({
    intent: z.literal('create-token'),
    name: z
      .string({ error: 'Name the token.' })
      .trim()
      .min(1, 'Name the token after the tool that will use it, e.g. “HubSpot sync”.')
      .max(80, 'A name has at most 80 characters.'),
    // No box ticked posts no `scopes` at all: prefault reads that as both unticked.
    scopes: z
      .object({ read: Checkbox, score: Checkbox })
      .prefault({})
      .refine((scopes) => scopes.read || scopes.score, 'Pick at least one scope.'),
  })
  .transform(({ intent, name, scopes }) => ({ intent, name, scopes: API_SCOPES.filter((scope) => scopes[scope]) }))

export const RevokeTokenSchema = z.object({ intent: z.literal('revoke-token'), tokenId: z.string().min(1) })

// ── Limits ────────────────────────────────────────────────────────────────────────────────

/** Leads per scoring request: a batch a CRM sync or a dbt run sends in one go, scored in well under a second. */
export const MAX_LEADS_PER_REQUEST = 10_000

/** Request body bytes, checked before parsing: 10,000 leads of ~2 KB each, with room to spare. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024

/**
 * Per token, a budget of work counted in leads (ADR 009): a scoring request costs its number of
 * leads, any other request 1. A token may spend 50,000 at once (five maximum batches) and then
 * 5,000 a second (300,000 a minute) for as long as it likes: a nightly sync of a million leads
 * takes under four minutes, and one token keeps at most about a tenth of a core busy.
 */
export const RATE_LIMIT = { capacity: 50_000, refillPerSecond: 5_000 } as const

/**
 * Reading and parsing a body is work too, whatever it holds: a request costs at least one unit
 * per KiB of body. Real leads are 0.3–2 KB, so their count decides; a 25 MB body of one lead
 * would otherwise cost 1.
 */
export const BODY_BYTES_PER_UNIT = 1024

/** Per token, scoring requests being worked on at once; more answer 429 at once. Bounds the memory one token holds. */
export const MAX_CONCURRENT_BATCHES = 2

/**
 * Server-wide, batches being read, scored and written at once; more wait their turn (unread, so
 * holding almost nothing). Tokens are free to create, so this, not the per-token cap, bounds the
 * process's memory, and keeps the turns of the event loop short for everyone else.
 */
export const MAX_BATCHES_IN_WORK = 4

// ── Requests ──────────────────────────────────────────────────────────────────────────────

/** Titles, descriptions and examples for the OpenAPI document; an `id` makes a named component. */
export const apiSchemaRegistry = z.registry<{ id?: string; title?: string; description?: string; examples?: unknown[] }>()

function documented<T extends z.ZodType>(schema: T, meta: { id?: string; title?: string; description?: string; examples?: unknown[] }): T {
  apiSchemaRegistry.add(schema, meta)
  return schema
}

const TIMESTAMP_HINT = 'a timestamp: ISO 8601 text (UTC when it has no offset) or epoch milliseconds'

export const AsOfSchema = documented(
  z
    .union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'is required' : `expected ${TIMESTAMP_HINT}, got ${describeValue(issue.input)}`) })
    .refine((value) => !Number.isNaN(parseTimestamp(value)), { error: (issue) => `expected ${TIMESTAMP_HINT}, got ${describeValue(issue.input)}` }),
  {
    description:
      'The moment to score as of (decay, "within N days" windows): ISO 8601 text, UTC when it has no offset, or epoch milliseconds. ' +
      'Default: the time the request arrives. The response says which moment was used.',
    examples: ['2026-06-01T12:00:00Z'],
  },
)

documented(LeadSchema, {
  id: 'Lead',
  description:
    'A lead: its attributes by field key (text, numbers, booleans or null; a missing, null or blank value is absent) and its ' +
    'activities ({ type, at } with `at` a timestamp; an activity without a valid `at` is undated: it counts for activity fast tracks only, ' +
    'and the lead is still scored). Values are read as the CLI and the SQL export read the same text. The id, when given, comes back with its result.',
})

export const ExplainSchema = documented(z.enum(EXPLAIN_MODES, { error: 'expected "all", "matched" or "none"' }), {
  description:
    'How much of the explanation each result carries: `all` (default) every rule’s contribution, `matched` only the rules that matched, ' +
    '`none` no `contributions` at all (scores, grade, stage and the lists only: the smallest and fastest answer). Scores are the same either way.',
  examples: ['none'],
})

export const ScoreRequestSchema = documented(
  z.strictObject({
    asOf: AsOfSchema.optional(),
    explain: ExplainSchema.optional(),
    leads: z.array(LeadSchema, { error: (issue) => (issue.input === undefined ? 'is required' : `expected a list of leads, got ${describeValue(issue.input)}`) }).max(MAX_LEADS_PER_REQUEST),
  }),
  {
    id: 'ScoreRequest',
    description: `Up to ${MAX_LEADS_PER_REQUEST.toLocaleString('en-US')} leads, scored in order, as of one moment. Costs the token’s budget one unit a lead, or a unit per KiB of body if that is more (at least 1).`,
  },
)
export type ScoreRequest = z.output<typeof ScoreRequestSchema>

export const VERSION_PARAM_PATTERN = '^(latest|[1-9][0-9]*)$'

/** `$version` in a path: a published version's number, or `latest`. */
export const VersionParamSchema = documented(z.string().regex(new RegExp(VERSION_PARAM_PATTERN)), {
  description: 'A published version number (1, 2, …) or `latest`, the most recently published one.',
  examples: ['latest', '2'],
})

export const WorkshopIdParamSchema = documented(z.string().min(1), {
  description: 'The workshop the token belongs to (shown on the workshop’s Integrations page).',
})

export const DOCUMENT_FORMATS = ['md', 'html', 'pdf'] as const

export const DocumentQuerySchema = z.object({
  format: documented(z.enum(DOCUMENT_FORMATS, { error: 'expected md, html or pdf' }).default('md'), {
    description: '`md`: Markdown (text/markdown). `html`: a standalone HTML page that prints cleanly to A4. `pdf`: the designed PDF (application/pdf), as the app downloads it.',
  }),
})

// ── Responses ─────────────────────────────────────────────────────────────────────────────

const ContributionSchema = documented(
  z.object({
    ruleId: z.string(),
    label: z.string(),
    axis: z.enum(['fit', 'engagement']),
    points: documented(z.number(), { description: 'Points this rule added before the axis was clamped to [0, max]; 0 when it did not match.' }),
    matched: documented(z.boolean(), { description: 'The condition held, or (activity rules) at least one activity counted.' }),
  }),
  { id: 'Contribution' },
)

export const ScoreOutputSchema = documented(
  z.object({
    id: documented(z.union([z.string(), z.number()]).nullable(), { description: 'The lead’s id as sent, or null.' }),
    fit: documented(z.number(), { description: 'clamp(sum of the points of matching fit rules, 0, fit.max)' }),
    engagement: documented(z.number(), { description: 'clamp(condition-rule points + decayed activity-rule totals, 0, engagement.max)' }),
    grade: documented(z.string().nullable(), { description: 'The grade with the highest minFit ≤ fit, or null.' }),
    band: documented(z.string().nullable(), {
      description: 'The engagement band of scoring format 2: the first of engagement.bands whose minEngagement ≤ engagement; null when the config defines none or engagement is below them all.',
    }),
    priority: documented(z.string().nullable(), {
      description: 'The grade × band priority of scoring format 2: the `priority` text (e.g. "A1") of the priorities entry for this grade and band; null when the config defines none, or grade or band is null, or no entry names them.',
    }),
    stage: z.enum(['disqualified', 'lead', 'mql', 'sql']),
    disqualifiedBy: documented(z.array(z.string()), { description: 'Ids of the disqualifiers that held.' }),
    missing: documented(z.array(z.string()), { description: 'Keys of required fields whose value is absent.' }),
    fastTrack: documented(z.array(z.string()), { description: 'Ids of the fast-track entries that held.' }),
    contributions: documented(z.array(ContributionSchema).optional(), {
      description: 'Every fit rule, then every engagement rule, in config order (only the matched ones with `explain: matched`; absent with `explain: none`).',
    }),
  }),
  { id: 'ScoreResult', description: 'One scored lead: the same record the leadpact-score CLI writes, field for field.' },
)

export const ScoreResponseSchema = documented(
  z.object({
    workshopId: z.string(),
    version: documented(z.number().int().positive(), { description: 'The version whose config scored the leads (resolved when the path said `latest`).' }),
    asOf: documented(z.string(), { description: 'The moment the leads were scored as of, ISO 8601 in UTC.' }),
    count: z.number().int().nonnegative(),
    results: documented(z.array(ScoreOutputSchema), { description: 'One result a lead, in request order.' }),
  }),
  { id: 'ScoreResponse' },
)
export type ScoreResponse = z.output<typeof ScoreResponseSchema>

const VersionSummarySchema = documented(
  z.object({
    number: z.number().int().positive(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    changelog: documented(z.array(z.object({ section: z.string(), text: z.string() })), { description: 'What changed against the previous version.' }),
    links: z.object({ config: z.string(), document: z.string(), score: z.string() }),
  }),
  { id: 'VersionSummary' },
)

export const VersionListSchema = documented(
  z.object({
    workshopId: z.string(),
    latest: documented(z.number().int().positive().nullable(), { description: 'The latest version number, or null before the first publish.' }),
    versions: documented(z.array(VersionSummarySchema), { description: 'Newest first. Published versions never change.' }),
  }),
  { id: 'VersionList' },
)
export type VersionList = z.output<typeof VersionListSchema>

export const API_ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'missing_token',
  'invalid_token',
  'wrong_workshop',
  'insufficient_scope',
  'not_found',
  'invalid_version',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export const ApiErrorSchema = documented(
  z.object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: documented(z.string(), { description: 'A sentence for people; for a 400 it starts with the path of the first problem.' }),
      details: documented(z.record(z.string(), z.unknown()).optional(), {
        description:
          'More, by error: `issues` ([{ path, message }]) for a 400, `limit` for a 413, `retryAfterSeconds` for a 429 (with `batchesInFlight` when the token’s scoring requests in flight are what refused it).',
      }),
    }),
  }),
  { id: 'Error', description: 'Every error, whatever its status.' },
)
export type ApiError = z.output<typeof ApiErrorSchema>['error']

// ── Reading a scoring request ─────────────────────────────────────────────────────────────

export interface Issue {
  /** e.g. `leads[3].attributes` (empty for the body as a whole) */
  path: string
  message: string
}

export type ScoreRequestParse = { ok: true; value: { asOf: string | number | undefined; explain: Explain; leads: Lead[] } } | { ok: false; issues: Issue[] }

const MAX_ISSUES = 20

const messageFor: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `expected ${issue.expected}, got ${describeValue(issue.input)}`
  if (issue.code === 'too_big' && issue.origin === 'array') return `has more than ${issue.maximum} items`
  // The one union of a lead without a message of its own is its id.
  if (issue.code === 'invalid_union') return `expected text or a number, got ${describeValue(issue.input)}`
  return undefined
}

/**
 * Validates a scoring request body with ScoreRequestSchema. Valid batches take a fast path that
 * checks each lead with `isLead`, the CLI's own check (a property test holds it to LeadSchema's
 * answer), and scores the leads as sent, exactly as the CLI does; zod then only runs to explain a
 * refused body, with the path of each problem.
 */
export function parseScoreRequest(input: unknown): ScoreRequestParse {
  const shape = scoreRequestShape(input)
  if (shape && shape.leads.every(isLead)) return { ok: true, value: { asOf: shape.asOf, explain: shape.explain, leads: shape.leads } }
  return explainScoreRequest(input)
}

/**
 * The fast path's first half: a body with only "leads", "asOf" and "explain", valid ones, and a list of
 * at most MAX_LEADS_PER_REQUEST leads, which are not checked yet. The API checks them with
 * `isLead` in slices, so a large batch never holds the event loop for long (app/api.server.ts).
 */
export function scoreRequestShape(input: unknown): { asOf: string | number | undefined; explain: Explain; leads: unknown[] } | undefined {
  if (!isPlainObject(input)) return undefined
  const { leads, asOf, explain } = input
  const knownKeys = Object.keys(input).every((key) => key === 'leads' || key === 'asOf' || key === 'explain')
  const asOfOk = asOf === undefined || ((typeof asOf === 'string' || typeof asOf === 'number') && !Number.isNaN(parseTimestamp(asOf)))
  const explainOk = explain === undefined || (EXPLAIN_MODES as readonly unknown[]).includes(explain)
  if (!(knownKeys && asOfOk && explainOk && Array.isArray(leads) && leads.length <= MAX_LEADS_PER_REQUEST)) return undefined
  return { asOf: asOf as string | number | undefined, explain: (explain as Explain | undefined) ?? 'all', leads }
}

/** Runs ScoreRequestSchema over the whole body: the issues of a refused request, each with its path. */
export function explainScoreRequest(input: unknown): ScoreRequestParse {
  const parsed = ScoreRequestSchema.safeParse(input, { error: messageFor })
  if (parsed.success) return { ok: true, value: { asOf: parsed.data.asOf, explain: parsed.data.explain ?? 'all', leads: parsed.data.leads } }
  const issues: Issue[] = []
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push(describe([...issue.path, key], 'unknown key (a request has "leads" and optional "asOf" and "explain")'))
    } else issues.push(describe(issue.path, issue.message))
    if (issues.length >= MAX_ISSUES) break
  }
  return { ok: false, issues }
}

function describe(path: readonly PropertyKey[], message: string): Issue {
  const where = formatPath(path)
  return { path: where, message: where === '' ? `the body ${message}` : `${where}: ${message}` }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `latest`, a version number, or undefined when the text is neither. */
export function readVersionParam(text: string | undefined): 'latest' | number | undefined {
  if (text === undefined || !new RegExp(VERSION_PARAM_PATTERN).test(text)) return undefined
  if (text === 'latest') return 'latest'
  const number = Number(text)
  return Number.isSafeInteger(number) ? number : undefined
}
