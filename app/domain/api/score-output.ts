import type { z } from 'zod'
import type { Lead, ScoreResult } from '~/domain/scoring'
import type { ScoreOutputSchema } from './schemas'

/**
 * One scored lead as integrators receive it, from the API and from the CLI alike (DESIGN §8):
 * the lead's id (null when it had none) and the engine's explanation, in this key order. Its
 * type is the documented ScoreResult schema of the OpenAPI description, so the two cannot part.
 * `sqlMet` stays internal: the stage already says whether the SQL criteria held.
 */
export type ScoreOutput = z.output<typeof ScoreOutputSchema>

export const SCORE_OUTPUT_FIELDS = ['id', 'fit', 'engagement', 'grade', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', 'contributions'] as const

export function scoreOutput(lead: Lead, result: ScoreResult): ScoreOutput {
  return {
    id: lead.id ?? null,
    fit: result.fit,
    engagement: result.engagement,
    grade: result.grade,
    stage: result.stage,
    disqualifiedBy: result.disqualifiedBy,
    missing: result.missing,
    fastTrack: result.fastTrack,
    contributions: result.contributions,
  }
}
