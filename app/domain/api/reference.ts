import { curlCommand, type OpenApiDocument, type OpenApiOperation } from './openapi'

/*
 * The /api page's view of the OpenAPI description: what each endpoint, parameter, response and
 * schema says, with every description turned into HTML by the Markdown renderer the caller
 * passes (the page renders it on the server, with a CommonMark library; the domain stays free
 * of it). Nothing here is written by users: the texts are the API's own descriptions.
 */

export type JsonSchema = {
  type?: string | string[]
  $ref?: string
  items?: JsonSchema
  enum?: unknown[]
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  maxItems?: number
  default?: unknown
  examples?: unknown[]
  anyOf?: JsonSchema[]
}

/** Markdown to HTML: `block` for paragraphs, `inline` for text inside a sentence or a table cell. */
export interface MarkdownRenderer {
  block(markdown: string): string
  inline(markdown: string): string
}

/** The schemas a reader of the page needs spelled out; the scoring config has its own JSON Schema. */
export const SHOWN_SCHEMAS = ['ScoreRequest', 'Lead', 'ScoreResponse', 'ScoreResult', 'Contribution', 'VersionList', 'VersionSummary', 'Error'] as const

/** A schema's type in a few characters: `string`, `Lead[]`, `"md" | "html"`. */
export function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any'
  if (schema.$ref) return schema.$ref.split('/').pop()!
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ')
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`
  if (Array.isArray(schema.type)) return schema.type.join(' | ')
  return schema.type ?? 'any'
}

const exampleText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2))

function operationView(path: string, method: string, operation: OpenApiOperation, origin: string, markdown: MarkdownRenderer) {
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))
  const successContent = (success?.[1].content ?? {}) as Record<string, { example?: unknown }>
  const jsonBody = operation.requestBody?.content['application/json']
  const bodyType = typeOf(jsonBody?.schema as JsonSchema | undefined)
  return {
    id: operation.operationId,
    path,
    method,
    summary: operation.summary,
    descriptionHtml: markdown.inline(operation.description),
    needsNoToken: operation.security !== undefined && operation.security.length === 0,
    parameters: (operation.parameters ?? []).map((parameter) => {
      const schema = parameter.schema as JsonSchema
      return {
        name: parameter.name,
        in: parameter.in,
        required: Boolean(parameter.required),
        type: typeOf(schema),
        defaultValue: schema.default === undefined ? null : String(schema.default),
        examples: schema.examples ? schema.examples.join(', ') : null,
        descriptionHtml: markdown.inline(parameter.description ?? ''),
      }
    }),
    requestBody: operation.requestBody
      ? { contentTypes: Object.keys(operation.requestBody.content).join(', '), type: bodyType, description: operation.requestBody.description ?? null }
      : null,
    curl: curlCommand(origin, path, method, operation),
    examples: [
      ...(jsonBody?.example !== undefined ? [{ label: 'Example request body', text: exampleText(jsonBody.example) }] : []),
      ...Object.entries(successContent)
        .filter(([, content]) => content.example !== undefined)
        .map(([type, content]) => ({ label: `Example response (${success![0]}, ${type})`, text: exampleText(content.example) })),
    ],
    responses: Object.entries(operation.responses).map(([status, response]) => ({ status, descriptionHtml: markdown.inline(String(response.description ?? '')) })),
  }
}

function schemaView(name: string, schema: JsonSchema, markdown: MarkdownRenderer) {
  const required = new Set(schema.required ?? [])
  return {
    name,
    descriptionHtml: schema.description ? markdown.inline(schema.description) : null,
    properties: Object.entries(schema.properties ?? {}).map(([property, value]) => ({
      name: property,
      required: required.has(property),
      type: typeOf(value),
      maxItems: value.maxItems ?? null,
      descriptionHtml: markdown.inline(value.description ?? ''),
    })),
  }
}

export type ApiOperationView = ReturnType<typeof operationView>
export type ApiSchemaView = ReturnType<typeof schemaView>

/** Everything the /api page shows, from the description the API serves at /api/v1/openapi.json. */
export function apiReference(document: OpenApiDocument, origin: string, markdown: MarkdownRenderer) {
  const schemas = (document.components as { schemas: Record<string, JsonSchema> }).schemas
  return {
    version: document.info.version,
    introHtml: markdown.block(document.info.description),
    operations: Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => operationView(path, method, operation, origin, markdown)),
    ),
    schemas: SHOWN_SCHEMAS.map((name) => schemaView(name, schemas[name]!, markdown)),
  }
}
