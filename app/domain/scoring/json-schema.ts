import { z } from 'zod'
import { scoringSchemaRegistry, ScoringConfigV1ShapeSchema, type SchemaVersion } from './config-schema'
import { ScoringConfigSchema } from './validate'

export const SCORING_CONFIG_SCHEMA_ID = '/schemas/scoring-config.v1.json'
export const SCORING_CONFIG_SCHEMA_IDS: Record<SchemaVersion, string> = {
  1: SCORING_CONFIG_SCHEMA_ID,
  2: '/schemas/scoring-config.v2.json',
}

const TITLES: Record<SchemaVersion, string> = {
  1: 'Leadpact scoring config, format version 1',
  2: 'Leadpact scoring config, format version 2',
}

const DESCRIPTIONS: Record<SchemaVersion, string> = {
  1:
    'A lead scoring model agreed by marketing and sales (fit and engagement points, decay, disqualifiers, fast tracks, MQL ' +
    'thresholds, SQL criteria, grades). The same config, lead and asOf always give the same score. Beyond this schema, a ' +
    'valid config references only declared fields and activities, uses each rule id once, has between ranges with ' +
    'low ≤ high, and sql.minMet no greater than the number of SQL criteria.',
  2:
    'A lead scoring model agreed by marketing and sales, format 2: format 1 (fit and engagement points, decay, disqualifiers, ' +
    'fast tracks, MQL thresholds, SQL criteria, grades) plus activity properties and conditions on them, activity conditions ' +
    'wherever a condition is, time directions, per-rule half-lives, date bounds and date operators, engagement bands, the ' +
    'grade × band priority matrix and required SQL criteria (docs/scoring-format-2.md). Every format-1 config is a valid ' +
    'format-2 config with the same results. Beyond this schema, a valid config references only declared fields, activities, ' +
    'activity properties, grades and bands, uses each rule id once, has between ranges with low ≤ high, since ≤ until, bands ' +
    'strictly descending, one priority per grade and band, sql.minMet no greater than the number of SQL criteria, and uses no ' +
    'format-2 construct when schemaVersion is 1.',
}

/**
 * The JSON Schema (draft 2020-12) of the scoring config, generated from the zod schema that the
 * app itself validates with, so the published contract cannot drift from the code. Version 1
 * (served at /schemas/scoring-config.v1.json, the default) comes from the frozen format-1 shape
 * and is the schema it always was; version 2 (/schemas/scoring-config.v2.json) from the shape the
 * app validates with.
 */
export function scoringConfigJsonSchema(version: SchemaVersion = 1): Record<string, unknown> {
  const generated = z.toJSONSchema(version === 1 ? ScoringConfigV1ShapeSchema.superRefine(() => {}) : ScoringConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: scoringSchemaRegistry,
    // The cross-reference checks are zod refinements, which JSON Schema cannot express.
    unrepresentable: 'any',
  }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: SCORING_CONFIG_SCHEMA_IDS[version],
    title: TITLES[version],
    description: DESCRIPTIONS[version],
    ...rest,
  }
}
