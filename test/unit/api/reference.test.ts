import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '~/domain/api/openapi'
import { apiReference, SHOWN_SCHEMAS, typeOf, type MarkdownRenderer } from '~/domain/api/reference'
import { markdownToHtml } from '~/routes/api._index/markdown.server'

const ORIGIN = 'https://leadpact.example.test'

/** Marks what went through which renderer, so a test sees every description was rendered. */
const marking: MarkdownRenderer = { block: (text) => `[block:${text}]`, inline: (text) => `[inline:${text}]` }

describe('typeOf', () => {
  it.each([
    [undefined, 'any'],
    [{}, 'any'],
    [{ type: 'string' }, 'string'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ $ref: '#/components/schemas/Lead' }, 'Lead'],
    [{ type: 'array', items: { $ref: '#/components/schemas/Lead' } }, 'Lead[]'],
    [{ type: 'array', items: { type: 'array', items: { type: 'number' } } }, 'number[][]'],
    [{ enum: ['md', 'html'] }, '"md" | "html"'],
    [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, 'string | number'],
  ])('%j is %s', (schema, expected) => {
    expect(typeOf(schema)).toBe(expected)
  })
})

describe('apiReference', () => {
  const document = buildOpenApiDocument(ORIGIN)

  it('shows every operation of the description in its order, with each description rendered', () => {
    const reference = apiReference(document, ORIGIN, marking)
    expect(reference.introHtml).toBe(`[block:${document.info.description}]`)
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
    expect(reference.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual(operations.map(({ method, path }) => `${method} ${path}`))
    for (const [index, { operation }] of operations.entries()) {
      const view = reference.operations[index]!
      expect(view).toMatchObject({ id: operation.operationId, summary: operation.summary, descriptionHtml: `[inline:${operation.description}]` })
      expect(view.responses.map((response) => response.status)).toEqual(Object.keys(operation.responses))
      for (const response of view.responses) expect(response.descriptionHtml).toBe(`[inline:${String(operation.responses[response.status]!.description)}]`)
      expect(view.parameters.map((parameter) => parameter.descriptionHtml)).toEqual((operation.parameters ?? []).map((parameter) => `[inline:${parameter.description ?? ''}]`))
    }
  })

  it('spells out the scoring endpoint: parameters, body, curl, examples, and the no-token meta endpoint', () => {
    const reference = apiReference(document, ORIGIN, marking)
    const scoreLeads = reference.operations.find((operation) => operation.id === 'scoreLeads')!
    expect(scoreLeads.parameters.map(({ name, in: where, required, type }) => ({ name, where, required, type }))).toEqual([
      { name: 'workshopId', where: 'path', required: true, type: 'string' },
      { name: 'version', where: 'path', required: true, type: 'string' },
    ])
    expect(scoreLeads.parameters[1]!.examples).toBe('latest, 2')
    expect(scoreLeads.requestBody).toEqual({ contentTypes: 'application/json', type: 'ScoreRequest', description: 'JSON, at most 25 MB.' })
    expect(scoreLeads.curl).toContain(`-X POST "${ORIGIN}/api/v1/workshops/$WORKSHOP_ID/versions/latest/score"`)
    expect(scoreLeads.examples.map((example) => example.label)).toEqual(['Example request body', 'Example response (200, application/json)'])
    expect(JSON.parse(scoreLeads.examples[0]!.text)).toEqual(document.paths['/api/v1/workshops/{workshopId}/versions/{version}/score']!.post!.requestBody!.content['application/json']!.example)
    expect(scoreLeads.needsNoToken).toBe(false)

    const format = reference.operations.find((operation) => operation.id === 'getVersionDocument')!.parameters.find((parameter) => parameter.name === 'format')!
    expect(format).toMatchObject({ required: false, type: '"md" | "html" | "pdf"', defaultValue: 'md' })
    expect(reference.operations.find((operation) => operation.id === 'getOpenApiDocument')).toMatchObject({ needsNoToken: true, requestBody: null })
  })

  it('lists the shown schemas with their properties, required ones marked', () => {
    const reference = apiReference(document, ORIGIN, marking)
    expect(reference.schemas.map((schema) => schema.name)).toEqual([...SHOWN_SCHEMAS])
    const request = reference.schemas.find((schema) => schema.name === 'ScoreRequest')!
    expect(request.properties.map(({ name, required, type, maxItems }) => ({ name, required, type, maxItems }))).toEqual([
      { name: 'asOf', required: false, type: 'string | number', maxItems: null },
      { name: 'explain', required: false, type: '"all" | "matched" | "none"', maxItems: null },
      { name: 'leads', required: true, type: 'Lead[]', maxItems: 10_000 },
    ])
  })
})

describe('the Markdown of the /api page (micromark, on the server)', () => {
  it('renders the intro as paragraphs with bold and code, and inline text without a paragraph around it', () => {
    const reference = apiReference(buildOpenApiDocument(ORIGIN), ORIGIN, markdownToHtml)
    expect(reference.introHtml).toMatch(/^<p>Leadpact's published MQL\/SQL definitions/)
    expect(reference.introHtml).toContain('<p><strong>Authentication.</strong> Every endpoint except this description takes a bearer token: <code>Authorization: Bearer lp_…</code>.')
    expect(reference.introHtml.match(/<p>/g)).toHaveLength(6)
    const config = reference.operations.find((operation) => operation.id === 'getVersionConfig')!
    expect(config.descriptionHtml).toContain('with <code>source</code> naming the workshop')
    expect(config.descriptionHtml).toMatch(
      /Valid against <a href="\/schemas\/scoring-config.v1.json">\/schemas\/scoring-config.v1.json<\/a> \(format 1\) or <a href="\/schemas\/scoring-config.v2.json">\/schemas\/scoring-config.v2.json<\/a> \(format 2\)\. Scope: read\.$/,
    )
    expect(config.descriptionHtml).not.toContain('<p>')
    // No Markdown is left unrendered anywhere on the page.
    const texts = JSON.stringify(reference)
    expect(texts).not.toMatch(/\*\*|`/)
  })

  it('escapes HTML in a description and drops a javascript: link', () => {
    expect(markdownToHtml.inline('a <img src=x onerror=alert(1)> b')).toBe('a &lt;img src=x onerror=alert(1)&gt; b')
    expect(markdownToHtml.inline('[click](javascript:alert(1))')).toBe('<a href="">click</a>')
    expect(markdownToHtml.inline('one\n\ntwo')).toBe('<p>one</p>\n<p>two</p>')
    expect(markdownToHtml.inline('')).toBe('')
  })
})
