import { z } from 'zod'
import { orderedConfig } from '~/domain/exports/config-json'
import { acmeScoringConfig, compile, parseTimestamp, scoringConfigJsonSchema, SCORING_CONFIG_SCHEMA_ID, SCORING_CONFIG_SCHEMA_IDS, type Lead } from '~/domain/scoring'
import {
  apiSchemaRegistry,
  DocumentQuerySchema,
  MAX_BODY_BYTES,
  MAX_CONCURRENT_BATCHES,
  MAX_LEADS_PER_REQUEST,
  RATE_LIMIT,
  SCOPE_DESCRIPTIONS,
  VersionParamSchema,
  WorkshopIdParamSchema,
  type ApiError,
  type ScoreRequest,
  type ScoreResponse,
  type VersionList,
} from './schemas'
import { scoreOutput } from './score-output'

/*
 * The OpenAPI 3.1 description of /api/v1, generated from the zod schemas that validate the
 * requests (schemas.ts) and the JSON Schema of the scoring config that /schemas serves. The
 * examples are computed by the engine on the Acme demo config, so they are true answers.
 */

type JsonObject = Record<string, unknown>

export const API_BASE = '/api/v1'
const WORKSHOP_PATH = `${API_BASE}/workshops/{workshopId}`

const EXAMPLE_WORKSHOP_ID = 'acme-analytics-demo'
const EXAMPLE_AS_OF = '2026-11-20T12:00:00Z'

const exampleLeads: Lead[] = [
  {
    id: 'crm-1001',
    attributes: {
      jobTitle: 'Chief Financial Officer',
      seniority: 'c_level',
      industry: 'Software',
      employees: 400,
      country: 'DE',
      email: 'c.weber@nordwind-saas.de',
      company: 'Nordwind SaaS',
      budget: 60000,
      authority: true,
      need: 'high',
      timeline: 'this_quarter',
    },
    activities: [
      { type: 'pricing_view', at: '2026-11-17T12:00:00Z' },
      { type: 'demo_request', at: '2026-11-19T12:00:00Z' },
    ],
  },
  {
    id: 'crm-1002',
    attributes: { jobTitle: 'Student', seniority: 'student', email: 'jo.student@gmail.com', company: 'University' },
    activities: [{ type: 'webinar', at: '2026-11-15T12:00:00Z' }],
  },
]

export const exampleScoreRequest: ScoreRequest = { asOf: EXAMPLE_AS_OF, leads: exampleLeads }

function exampleScoreResponse(): ScoreResponse {
  const engine = compile(acmeScoringConfig)
  const asOfMs = parseTimestamp(EXAMPLE_AS_OF)
  const results = exampleLeads.map((lead) => scoreOutput(lead, engine.score(lead, asOfMs)))
  return { workshopId: EXAMPLE_WORKSHOP_ID, version: 2, asOf: new Date(asOfMs).toISOString(), count: results.length, results }
}

function exampleVersionList(): VersionList {
  const links = (n: number) => ({
    config: `${API_BASE}/workshops/${EXAMPLE_WORKSHOP_ID}/versions/${n}/config`,
    document: `${API_BASE}/workshops/${EXAMPLE_WORKSHOP_ID}/versions/${n}/document`,
    score: `${API_BASE}/workshops/${EXAMPLE_WORKSHOP_ID}/versions/${n}/score`,
  })
  return {
    workshopId: EXAMPLE_WORKSHOP_ID,
    latest: 2,
    versions: [
      {
        number: 2,
        publishedAt: '2026-11-09T10:00:00.000Z',
        publishedBy: 'Fran Facilitator',
        changelog: [
          { section: 'Engagement rules', text: 'Demo request: 40 → 50 points' },
          { section: 'Disqualifiers', text: 'Added “Existing customer”' },
        ],
        links: links(2),
      },
      { number: 1, publishedAt: '2026-10-05T15:30:00.000Z', publishedBy: 'Fran Facilitator', changelog: [], links: links(1) },
    ],
  }
}

const EXAMPLE_MARKDOWN = '# Acme Analytics: what an MQL and an SQL are\n\nVersion 2, published 9 Nov 2026 by Fran Facilitator.\n\n## Summary\n\n…'

/** The error each status answers with, as examples for the description. */
const ERRORS = {
  400: { code: 'invalid_request', message: 'leads[3].attributes: expected an object of attributes, got a list', details: { issues: [{ path: 'leads[3].attributes', message: 'leads[3].attributes: expected an object of attributes, got a list' }] } },
  401: { code: 'invalid_token', message: 'The API token is unknown or has been revoked.' },
  403: { code: 'insufficient_scope', message: 'This token lacks the "score" scope. Create a token with it on the workshop’s Integrations page.' },
  404: { code: 'not_found', message: 'Version 7 of this workshop does not exist. Published versions: 1–2.' },
  405: { code: 'method_not_allowed', message: 'Use GET for this endpoint.' },
  413: { code: 'payload_too_large', message: `A request scores at most ${MAX_LEADS_PER_REQUEST} leads; this one has 10001. Split the batch.`, details: { limit: MAX_LEADS_PER_REQUEST, received: 10001 } },
  415: { code: 'unsupported_media_type', message: 'Send the body as JSON with "Content-Type: application/json".' },
  422: {
    code: 'invalid_version',
    message: `Version 3's scoring config does not pass validation (fit.rules[0].when.op: unknown operator "equals"), so it cannot be served or scored. Publish a corrected version and use that one.`,
    details: { version: 3, issues: [{ path: 'fit.rules[0].when.op', message: 'fit.rules[0].when.op: unknown operator "equals"' }] },
  },
  429: {
    code: 'rate_limited',
    message: `This request costs 10,000 of this token’s budget (its 10,000 leads): more than it may spend now (up to ${RATE_LIMIT.capacity.toLocaleString('en-US')} at once, ${RATE_LIMIT.refillPerSecond.toLocaleString('en-US')} more each second). Retry in 2 seconds, or send smaller batches.`,
    details: { retryAfterSeconds: 2 },
  },
} satisfies Record<number, ApiError>

const errorResponse = (description: string, status: keyof typeof ERRORS, headers?: JsonObject): JsonObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: ERRORS[status] } } },
})

const RATE_HEADERS = {
  'RateLimit-Limit': { description: 'The token’s budget when full, in leads (a scoring request costs its number of leads, any other request 1).', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'What is left of the budget after this request.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the budget is full again.', schema: { type: 'integer' } },
}

/** A JSON Schema (2020-12) for one zod schema, with the API's descriptions, without `$schema`. */
function parameterSchema(schema: z.ZodType): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', metadata: apiSchemaRegistry }) as JsonObject
  return rest
}

function withoutDescription(schema: JsonObject): JsonObject {
  const { description: _ignored, ...rest } = schema
  return rest
}

type Parameter = NonNullable<OpenApiOperation['parameters']>[number]

function pathParameter(name: string, schema: z.ZodType): Parameter {
  const generated = parameterSchema(schema)
  return { name, in: 'path', required: true, description: generated.description as string, schema: withoutDescription(generated) }
}

/**
 * The request and response schemas as named components (`#/components/schemas/…`), plus the
 * scoring config and its shared definitions, whose internal `#/$defs/…` references are pointed at
 * the components they become.
 */
function componentSchemas(): JsonObject {
  const generated = z.toJSONSchema(apiSchemaRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: apiSchemaRegistry,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonObject> }
  const schemas: Record<string, JsonObject> = {}
  // zod names each component with `$id` set to its reference, which is not a valid $id: drop it.
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema
    schemas[id] = rest
  }

  // Format 2 is a superset of format 1, so its schema describes every config a version can hold.
  const { $schema: _schema, $id: _id, $defs, ...config } = scoringConfigJsonSchema(2) as JsonObject & { $defs?: Record<string, JsonObject> }
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename)
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? value.replace(/^#\/\$defs\//, '#/components/schemas/') : rename(value)]),
      )
    }
    return node
  }
  for (const [id, schema] of Object.entries($defs ?? {})) {
    if (id in schemas) throw new Error(`The scoring config's definition "${id}" would overwrite an API schema of the same name`)
    schemas[id] = rename(schema) as JsonObject
  }
  schemas.ScoringConfig = {
    ...(rename(config) as JsonObject),
    externalDocs: { description: `Also served on its own as JSON Schemas: ${SCORING_CONFIG_SCHEMA_ID} (format 1) and ${SCORING_CONFIG_SCHEMA_IDS[2]} (format 2)`, url: SCORING_CONFIG_SCHEMA_IDS[2] },
  }
  return schemas
}

export type OpenApiDocument = JsonObject & {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  servers: { url: string; description: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
  components: JsonObject
}

export interface OpenApiOperation {
  operationId: string
  summary: string
  description: string
  tags: string[]
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: JsonObject }[]
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonObject; example?: unknown }> }
  responses: Record<string, JsonObject>
}

const INTRO = `Leadpact's published MQL/SQL definitions, for the tools that act on them: CRMs, marketing automation, data pipelines.

**Authentication.** Every endpoint except this description takes a bearer token: \`Authorization: Bearer lp_…\`. A workshop's facilitator creates tokens on the workshop's Integrations page, one per tool, with the scopes it needs (read: ${SCOPE_DESCRIPTIONS.read}; score: ${SCOPE_DESCRIPTIONS.score}). A token is shown once, belongs to one workshop, and stops working the moment it is revoked.

**Versions are immutable.** A version's config, document and scores never change, so pin a number in production and move to a new version deliberately; \`latest\` follows each publish.

**Scores** are exactly the engine's, as in the app and the \`leadpact-score\` CLI: the same config, lead and \`asOf\` give the same result, field for field.

**Limits.** ${MAX_LEADS_PER_REQUEST.toLocaleString('en-US')} leads and ${MAX_BODY_BYTES / 1024 / 1024} MB per request (413 beyond). Each token has a budget counted in leads: a scoring request costs its number of leads (or the KiB of its body, if that is more), any other request 1. A token may spend ${RATE_LIMIT.capacity.toLocaleString('en-US')} at once, refilled at ${RATE_LIMIT.refillPerSecond.toLocaleString('en-US')} a second (${(RATE_LIMIT.refillPerSecond * 60).toLocaleString('en-US')} a minute), and may have ${MAX_CONCURRENT_BATCHES} scoring requests in flight at once. Beyond either, a 429 says in \`Retry-After\` how many seconds to wait until the whole request fits; the \`RateLimit-*\` headers of every answer show the budget.

**Errors** are JSON \`{ "error": { "code", "message", "details"? } }\` with the HTTP status: 400 invalid (the message starts with the path of the problem, e.g. \`leads[3].attributes\`), 401 missing, unknown or revoked token, 403 a token of another workshop or without the scope, 404 no such version, 405 wrong method, 413 too large, 415 not JSON, 422 a stored version whose config no longer passes validation (it cannot be served or scored; publish a corrected one), 429 rate-limited.`

/** The whole description; `origin` is where this instance answers (e.g. http://localhost:3000). */
export function buildOpenApiDocument(origin: string): OpenApiDocument {
  const workshopId = pathParameter('workshopId', WorkshopIdParamSchema)
  const version = pathParameter('version', VersionParamSchema)
  const format = parameterSchema(DocumentQuerySchema.shape.format)
  const common = {
    401: errorResponse('No token, or an unknown or revoked one.', 401),
    403: errorResponse('The token belongs to another workshop or lacks the scope.', 403),
    429: errorResponse(`Over the token’s budget of leads, or (scoring) ${MAX_CONCURRENT_BATCHES} batches of the token already in flight.`, 429, {
      'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
    }),
  }
  const notFound = { 404: errorResponse('No such version (or none published yet, for `latest`).', 404) }
  const unusable = { 422: errorResponse('The version’s stored config does not pass validation (stored before the schema tightened, or imported): it cannot be served or scored.', 422) }
  const get = { 405: errorResponse('Only GET is allowed.', 405) }
  const json = (schema: JsonObject, example: unknown, description: string): JsonObject => ({
    description,
    headers: RATE_HEADERS,
    content: { 'application/json': { schema, example } },
  })

  const paths: OpenApiDocument['paths'] = {
    [`${WORKSHOP_PATH}/versions`]: {
      get: {
        operationId: 'listVersions',
        summary: 'List published versions',
        description: 'Every published version of the workshop’s definition, newest first, with its changelog and links. Scope: read.',
        tags: ['Versions'],
        security: [{ bearerAuth: ['read'] }],
        parameters: [workshopId],
        responses: { 200: json({ $ref: '#/components/schemas/VersionList' }, exampleVersionList(), 'The versions.'), ...common, ...get },
      },
    },
    [`${WORKSHOP_PATH}/versions/{version}/config`]: {
      get: {
        operationId: 'getVersionConfig',
        summary: 'Get a version’s scoring config',
        description: `The version’s scoring config exactly as exported, with \`source\` naming the workshop and version: format version 1 when it uses no format-2 construct, else \`schemaVersion: 2\`. It alone determines every score: run it with the CLI, or compile it to SQL. Valid against [${SCORING_CONFIG_SCHEMA_ID}](${SCORING_CONFIG_SCHEMA_ID}) (format 1) or [${SCORING_CONFIG_SCHEMA_IDS[2]}](${SCORING_CONFIG_SCHEMA_IDS[2]}) (format 2). Scope: read.`,
        tags: ['Versions'],
        security: [{ bearerAuth: ['read'] }],
        parameters: [workshopId, version],
        responses: { 200: json({ $ref: '#/components/schemas/ScoringConfig' }, orderedConfig(acmeScoringConfig), 'The scoring config.'), ...common, ...notFound, ...unusable, ...get },
      },
    },
    [`${WORKSHOP_PATH}/versions/{version}/document`]: {
      get: {
        operationId: 'getVersionDocument',
        summary: 'Get a version’s definition document',
        description: 'The signed-off MQL/SQL definition document: summary, personas, good and bad leads, criteria, scoring, stages, SLA, sign-offs and changelog, as Markdown (for wikis and repositories), HTML or PDF. Scope: read.',
        tags: ['Versions'],
        security: [{ bearerAuth: ['read'] }],
        parameters: [workshopId, version, { name: 'format', in: 'query', required: false, description: format.description as string, schema: withoutDescription(format) }],
        responses: {
          200: {
            description: 'The document.',
            headers: RATE_HEADERS,
            content: {
              'text/markdown': { schema: { type: 'string' }, example: EXAMPLE_MARKDOWN },
              'text/html': { schema: { type: 'string' }, example: '<!doctype html>\n<html lang="en">…</html>' },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          400: errorResponse('An unknown format.', 400),
          ...common,
          ...notFound,
          ...get,
        },
      },
    },
    [`${WORKSHOP_PATH}/versions/{version}/score`]: {
      post: {
        operationId: 'scoreLeads',
        summary: 'Score a batch of leads',
        description: `Scores up to ${MAX_LEADS_PER_REQUEST.toLocaleString('en-US')} leads with the version’s config, as of \`asOf\` (default: now). Results come back in request order, identical to the \`leadpact-score\` CLI’s on the same config, leads and \`asOf\`. \`explain\` says how much of the explanation each result carries (\`all\`, the default; \`matched\`; \`none\`, for pipelines that only need the scores and stage). Nothing is stored. Scope: score.`,
        tags: ['Scoring'],
        security: [{ bearerAuth: ['score'] }],
        parameters: [workshopId, version],
        requestBody: {
          required: true,
          description: `JSON, at most ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ScoreRequest' }, example: exampleScoreRequest } },
        },
        responses: {
          200: json({ $ref: '#/components/schemas/ScoreResponse' }, exampleScoreResponse(), 'One result a lead, in request order.'),
          400: errorResponse('Invalid JSON, or a request that does not match the schema; the message starts with the path of the first problem.', 400),
          ...common,
          ...notFound,
          405: errorResponse('Only POST is allowed.', 405),
          413: errorResponse(`More than ${MAX_LEADS_PER_REQUEST.toLocaleString('en-US')} leads, or a body over ${MAX_BODY_BYTES / 1024 / 1024} MB.`, 413),
          415: errorResponse('A body that is not JSON (or is compressed).', 415),
          ...unusable,
        },
      },
    },
    [`${API_BASE}/openapi.json`]: {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This description',
        description: 'The OpenAPI 3.1 description of the API. No token needed.',
        tags: ['Meta'],
        security: [],
        responses: { 200: { description: 'The description.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'Leadpact API', version: '1.0.0', description: INTRO },
    servers: [{ url: origin, description: 'This Leadpact instance' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Versions', description: 'Published, signed-off definitions: list them, fetch their config and document.' },
      { name: 'Scoring', description: 'Score leads with a published version.' },
      { name: 'Meta', description: 'About the API itself.' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'lp_ + 43 characters', description: 'An API token from the workshop’s Integrations page.' },
      },
      schemas: componentSchemas(),
    },
  }
}

/** Quotes text for a POSIX shell (single quotes, with embedded ones closed and escaped). */
function shellQuote(text: string) {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/**
 * A curl command for an operation, ready to paste: the token and workshop come from the shell
 * variables LEADPACT_TOKEN and WORKSHOP_ID, the body (if any) is the operation's example.
 */
export function curlCommand(origin: string, path: string, method: string, operation: OpenApiOperation, options: { version?: string } = {}): string {
  const url = origin + path.replace('{workshopId}', '$WORKSHOP_ID').replace('{version}', options.version ?? 'latest')
  const lines = [`curl ${method === 'get' ? '' : `-X ${method.toUpperCase()} `}"${url}${operation.operationId === 'getVersionDocument' ? '?format=md' : ''}"`]
  if (operation.security === undefined || operation.security.length > 0) lines.push(`-H "Authorization: Bearer $LEADPACT_TOKEN"`)
  const body = operation.requestBody?.content['application/json']
  if (body) {
    lines.push(`-H "Content-Type: application/json"`)
    lines.push(`--data ${shellQuote(JSON.stringify(body.example))}`)
  }
  return lines.join(' \\\n  ')
}
