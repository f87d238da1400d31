import { z } from 'zod'
import { scoringSchemaRegistry } from './config-schema'
import { ScoringConfigSchema } from './validate'

export const SCORING_CONFIG_SCHEMA_ID = '/schemas/scoring-config.v1.json'

/**
 * The JSON Schema (draft 2020-12) of the scoring config, generated from the zod schema that the
 * app itself validates with, so the published contract cannot drift from the code. Served at
 * /schemas/scoring-config.v1.json.
 */
export function scoringConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ScoringConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: scoringSchemaRegistry,
    // The cross-reference checks are zod refinements, which JSON Schema cannot express.
    unrepresentable: 'any',
  }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: SCORING_CONFIG_SCHEMA_ID,
    title: 'Leadpact scoring config, format version 1',
    description:
      'A lead scoring model agreed by marketing and sales (fit and engagement points, decay, disqualifiers, fast tracks, MQL ' +
      'thresholds, SQL criteria, grades). The same config, lead and asOf always give the same score. Beyond this schema, a ' +
      'valid config references only declared fields and activities, uses each rule id once, has between ranges with ' +
      'low ≤ high, and sql.minMet no greater than the number of SQL criteria.',
    ...rest,
  }
}
