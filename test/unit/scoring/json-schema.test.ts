import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { acmeScoringConfig, OPERATORS, scoringConfigJsonSchema } from '~/domain/scoring'
import { configArb } from './arbitraries'

type Schema = Record<string, unknown> | boolean

/**
 * A validator for the subset of JSON Schema 2020-12 that zod emits (no ajv 8 in the project).
 * Enough to prove that the served schema accepts the configs the app accepts and refuses
 * malformed ones. Returns the first failing instance path, or null.
 */
function validate(root: Record<string, unknown>, schema: Schema, value: unknown, path = '$'): string | null {
  if (schema === true) return null
  if (schema === false) return `${path}: not allowed`
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '')
    const target = (root.$defs as Record<string, Schema>)[name]
    if (!target) throw new Error(`unresolved ${schema.$ref}`)
    const failure = validate(root, target, value, path)
    if (failure) return failure
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    const actual =
      value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return `${path}: expected ${types.join('|')}, got ${actual}`
  }
  if ('const' in schema && value !== schema.const) return `${path}: expected ${JSON.stringify(schema.const)}`
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${path}: not in enum`
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return `${path}: too short`
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return `${path}: too long`
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return `${path}: pattern ${schema.pattern}`
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return `${path}: below minimum`
    if (typeof schema.maximum === 'number' && value > schema.maximum) return `${path}: above maximum`
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return `${path}: not above exclusiveMinimum`
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return `${path}: too few items`
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return `${path}: too many items`
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? []
    for (let i = 0; i < value.length; i++) {
      const itemSchema = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined)
      if (itemSchema === undefined) continue
      const failure = validate(root, itemSchema, value[i], `${path}[${i}]`)
      if (failure) return failure
    }
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {}
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in record)) return `${path}.${key}: required`
    for (const [key, item] of Object.entries(record)) {
      if (item === undefined) continue
      const propertySchema = properties[key] ?? (schema.additionalProperties as Schema | undefined)
      if (propertySchema === undefined) continue
      const failure = validate(root, propertySchema, item, `${path}.${key}`)
      if (failure) return failure
    }
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: Schema) => validate(root, s, value, path) === null)) return `${path}: no anyOf branch`
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s: Schema) => validate(root, s, value, path) === null).length !== 1) {
    return `${path}: not exactly one oneOf branch`
  }
  if (schema.not !== undefined && validate(root, schema.not as Schema, value, path) === null) return `${path}: matches not`
  return null
}

describe('scoringConfigJsonSchema', () => {
  const schema = scoringConfigJsonSchema()

  it('is a draft 2020-12 schema with its public address, title and description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: '/schemas/scoring-config.v1.json',
      title: expect.stringContaining('scoring config'),
      description: expect.stringContaining('same score'),
      type: 'object',
      additionalProperties: false,
    })
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'fields', 'activities', 'fit', 'engagement', 'disqualifiers', 'required', 'fastTrack', 'mql', 'sql', 'grades']),
    )
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })

  it('names the recursive Condition and lists all 18 operators', () => {
    const defs = schema.$defs as Record<string, { oneOf?: { properties: { op: { enum?: string[]; const?: string } } }[] }>
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['Condition', 'FieldCondition']))
    const ops = defs.FieldCondition.oneOf!.flatMap((branch) => branch.properties.op.enum ?? [branch.properties.op.const!])
    expect(ops.sort()).toEqual([...OPERATORS].sort())
  })

  it('accepts the Acme example', () => {
    expect(validate(schema, schema, acmeScoringConfig)).toBeNull()
  })

  it('accepts random valid configs', () => {
    fc.assert(
      fc.property(configArb, (config) => validate(schema, schema, config) === null),
      { numRuns: 300 },
    )
  })

  it.each<[string, (config: Record<string, unknown> & typeof acmeScoringConfig) => void, string]>([
    ['an unknown operator', (c) => Object.assign(c.fit.rules[0].when, { op: 'equals' }), '$.fit.rules[0]'],
    ['an unknown key', (c) => Object.assign(c.fit, { maximum: 5 }), '$.fit'],
    ['between with one bound', (c) => (c.fit.rules[4].when = { field: 'employees', op: 'between', value: [1] as unknown as [number, number] }), '$.fit.rules[4]'],
    ['a value on present', (c) => (c.fit.rules[0].when = { field: 'phone', op: 'present', value: 1 } as never), '$.fit.rules[0]'],
    ['another schema version', (c) => (c.schemaVersion = 2 as 1), '$.schemaVersion'],
    ['a missing section', (c) => delete (c as Record<string, unknown>).grades, '$.grades'],
    ['halfLifeDays 0', (c) => (c.engagement.halfLifeDays = 0), '$.engagement'],
  ])('refuses %s', (_name, mutate, where) => {
    const config = structuredClone(acmeScoringConfig) as Record<string, unknown> & typeof acmeScoringConfig
    mutate(config)
    expect(validate(schema, schema, config)).toContain(where)
  })
})
