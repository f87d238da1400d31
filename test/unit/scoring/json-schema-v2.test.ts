import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { acmeScoringConfig, OPERATORS, parseScoringConfig } from '~/domain/scoring'
import { loader } from '~/routes/schemas.scoring-config[.]v2[.]json'
import { configArbV2 } from '../../support/format-2-arbitraries'
import { configArb } from '../../support/format-1-arbitraries'

/** What /schemas/scoring-config.v2.json answers, checked by a real JSON Schema 2020-12 validator. */
let schema: Record<string, unknown>
let validate: ReturnType<Ajv2020['compile']>

beforeAll(async () => {
  const response = await loader()
  expect(response.headers.get('Content-Type')).toBe('application/schema+json; charset=utf-8')
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
  schema = (await response.json()) as Record<string, unknown>
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats.default(ajv)
  validate = ajv.compile(schema)
})

function errorsOf(config: unknown): ErrorObject[] {
  return validate(config) ? [] : (validate.errors ?? [])
}

describe('the served format-2 JSON Schema', () => {
  it('names itself, the recursive Condition, the ActivityCondition and all 21 operators', () => {
    expect(schema.$id).toBe('/schemas/scoring-config.v2.json')
    const defs = schema.$defs as Record<string, { oneOf?: { properties: { op: { enum?: string[]; const?: string } } }[] }>
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['Condition', 'FieldCondition', 'ActivityCondition']))
    const ops = defs.FieldCondition!.oneOf!.flatMap((branch) => branch.properties.op.enum ?? [branch.properties.op.const!])
    expect(ops.sort()).toEqual([...OPERATORS].sort())
  })

  it('accepts random format-2 configs that the app accepts, and format-1 ones', () => {
    fc.assert(
      fc.property(fc.oneof(configArbV2, configArb), (config) => {
        expect(parseScoringConfig(config).ok).toBe(true)
        expect(errorsOf(config)).toEqual([])
      }),
      { numRuns: 300 },
    )
    expect(errorsOf(acmeScoringConfig)).toEqual([])
  })

  it.each([
    ['schemaVersion 3', (c: Record<string, unknown>) => (c.schemaVersion = 3), { instancePath: '/schemaVersion' }],
    ['an unknown time direction', (c: Record<string, unknown>) => ((c.engagement as { rules: unknown[] }).rules = [{ id: 'r', label: 'R', activity: 'demo_request', points: 1, time: 'later' }]), { instancePath: '/engagement/rules/0' }],
    ['a date with an offset', (c: Record<string, unknown>) => ((c.engagement as { rules: unknown[] }).rules = [{ id: 'r', label: 'R', activity: 'demo_request', points: 1, since: '2026-01-01T00:00:00+02:00' }]), { instancePath: '/engagement/rules/0' }],
    ['minCount 0', (c: Record<string, unknown>) => ((c.fit as { rules: unknown[] }).rules = [{ id: 'f', label: 'F', points: 1, when: { activity: 'demo_request', minCount: 0 } }]), { instancePath: '/fit/rules/0/when' }],
  ])('refuses %s, as the app does', (_name, mutate, expected) => {
    const config = structuredClone(acmeScoringConfig) as unknown as Record<string, unknown>
    config.schemaVersion = 2
    mutate(config)
    expect(parseScoringConfig(config).ok).toBe(false)
    expect(errorsOf(config).map((error) => error.instancePath)).toEqual(expect.arrayContaining([expect.stringContaining(expected.instancePath)]))
  })
})
