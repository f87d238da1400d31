import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { acmeScoringConfig, parseScoringConfig, VERSION_1_OPERATORS } from '~/domain/scoring'
import { loader } from '~/routes/schemas.scoring-config[.]v1[.]json'
import { configArb } from '../../support/format-1-arbitraries'

type Config = Record<string, unknown> & typeof acmeScoringConfig

/** What /schemas/scoring-config.v1.json answers, checked by a real JSON Schema 2020-12 validator. */
let schema: Record<string, unknown>
let validate: ReturnType<Ajv2020['compile']>

beforeAll(async () => {
  const response = await loader()
  expect(response.headers.get('Content-Type')).toBe('application/schema+json; charset=utf-8')
  schema = (await response.json()) as Record<string, unknown>
  // strict: an unknown keyword or format in the schema is an error, not silently ignored;
  // compile() also checks the schema against the 2020-12 meta-schema.
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats.default(ajv)
  validate = ajv.compile(schema)
})

function errorsOf(config: unknown): ErrorObject[] {
  return validate(config) ? [] : (validate.errors ?? [])
}

describe('the served scoring-config JSON Schema', () => {
  it('is a draft 2020-12 schema with its public address, title and description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: '/schemas/scoring-config.v1.json',
      title: expect.stringContaining('scoring config'),
      description: expect.stringContaining('same score'),
      type: 'object',
      additionalProperties: false,
    })
    expect([...(schema.required as string[])].sort()).toEqual(
      ['activities', 'disqualifiers', 'engagement', 'fastTrack', 'fields', 'fit', 'grades', 'mql', 'required', 'schemaVersion', 'sql'],
    )
  })

  it('names the recursive Condition and lists the 18 operators of format 1', () => {
    const defs = schema.$defs as Record<string, { oneOf?: { properties: { op: { enum?: string[]; const?: string } } }[] }>
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['Condition', 'FieldCondition']))
    const ops = defs.FieldCondition.oneOf!.flatMap((branch) => branch.properties.op.enum ?? [branch.properties.op.const!])
    expect(ops.sort()).toEqual([...VERSION_1_OPERATORS].sort())
  })

  it('accepts the Acme example', () => {
    expect(errorsOf(acmeScoringConfig)).toEqual([])
  })

  it('accepts random configs that the app accepts', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        expect(parseScoringConfig(config).ok).toBe(true)
        expect(errorsOf(config)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it.each<[string, (config: Config) => void, Partial<ErrorObject>]>([
    ['an unknown operator', (c) => Object.assign(c.fit.rules[0].when, { op: 'equals' }), { instancePath: '/fit/rules/0/when', keyword: 'anyOf' }],
    ['an unknown key', (c) => Object.assign(c.fit, { maximum: 5 }), { instancePath: '/fit', keyword: 'additionalProperties', params: { additionalProperty: 'maximum' } }],
    [
      'between with one bound',
      (c) => (c.fit.rules[4].when = { field: 'employees', op: 'between', value: [1] as unknown as [number, number] }),
      { instancePath: '/fit/rules/4/when/value', keyword: 'minItems', params: { limit: 2 } },
    ],
    [
      'a value on present',
      (c) => (c.fit.rules[0].when = { field: 'phone', op: 'present', value: 1 } as never),
      { instancePath: '/fit/rules/0/when', keyword: 'additionalProperties', params: { additionalProperty: 'value' } },
    ],
    ['another schema version', (c) => (c.schemaVersion = 3 as 1), { instancePath: '/schemaVersion', keyword: 'const', params: { allowedValue: 1 } }],
    ['a missing section', (c) => delete (c as Record<string, unknown>).grades, { instancePath: '', keyword: 'required', params: { missingProperty: 'grades' } }],
    ['halfLifeDays 0', (c) => (c.engagement.halfLifeDays = 0), { instancePath: '/engagement/halfLifeDays', keyword: 'exclusiveMinimum' }],
  ])('refuses %s, as the app does', (_name, mutate, expected) => {
    const config = structuredClone(acmeScoringConfig) as Config
    mutate(config)
    expect(parseScoringConfig(config).ok).toBe(false)
    expect(errorsOf(config)).toContainEqual(expect.objectContaining(expected))
  })
})
