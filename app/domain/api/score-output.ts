import type { z } from 'zod'
import type { Explain, Lead, ScoreResult } from '~/domain/scoring'
import type { ScoreOutputSchema } from './schemas'

/**
 * One scored lead as integrators receive it, from the API and from the CLI alike (DESIGN §8):
 * the lead's id (null when it had none) and the engine's explanation, in this key order; `band`
 * and `priority` (scoring format 2) are always present, null when the config defines none. Its
 * type is the documented ScoreResult schema of the OpenAPI description, so the two cannot part.
 * `sqlMet` stays internal: the stage already says whether the SQL criteria held.
 */
export type ScoreOutput = z.output<typeof ScoreOutputSchema>

export const SCORE_OUTPUT_FIELDS = ['id', 'fit', 'engagement', 'grade', 'band', 'priority', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', 'contributions'] as const

/** With `explain: none` the record has no `contributions` key at all; otherwise the engine's (all or matched). */
export function scoreOutput(lead: Lead, result: ScoreResult, explain: Explain = 'all'): ScoreOutput {
  const output: ScoreOutput = {
    id: lead.id ?? null,
    fit: result.fit,
    engagement: result.engagement,
    grade: result.grade,
    band: result.band,
    priority: result.priority,
    stage: result.stage,
    disqualifiedBy: result.disqualifiedBy,
    missing: result.missing,
    fastTrack: result.fastTrack,
  }
  if (explain !== 'none') output.contributions = result.contributions
  return output
}

/*
 * A score response as JSON text in pieces, so a large batch is serialised a slice at a time
 * (app/api.server.ts) and never as one long JSON.stringify. Joined, the pieces are exactly the
 * text JSON.stringify gives for the whole ScoreResponse: the head, each slice's results, the tail.
 */

/** `{"workshopId":…,"version":…,"asOf":…,"count":…,"results":[`: everything before the first result. */
export function scoreResponseHead(meta: { workshopId: string; version: number; asOf: string; count: number }): string {
  const { workshopId, version, asOf, count } = meta
  return `${JSON.stringify({ workshopId, version, asOf, count }).slice(0, -1)},"results":[`
}

/** One slice of results; `first` says whether it opens the list (no comma before it). */
export function scoreResultsJson(outputs: readonly ScoreOutput[], first: boolean): string {
  if (outputs.length === 0) return ''
  let text = first ? '' : ','
  for (let i = 0; i < outputs.length; i++) text += (i === 0 ? '' : ',') + JSON.stringify(outputs[i])
  return text
}

export const SCORE_RESPONSE_TAIL = ']}'
