import { expect } from 'vitest'
import type { ScoreResult } from '~/domain/scoring'
import type { NaiveResultV2 } from './naive-format-2'

/*
 * What the property tests of both formats share: how many runs, and what "the engine agrees
 * with the naive reading" means for one lead.
 */

/** 1,000 random configs by default; PROPERTY_RUNS=10000 npm run test:unit for a deeper search. */
export const PROPERTY_RUNS = propertyRuns(process.env.PROPERTY_RUNS)

export function propertyRuns(value: string | undefined): number {
  if (value === undefined || value === '') return 1_000
  const runs = Number(value)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS must be a whole number of runs, at least 1 (got "${value}")`)
  return runs
}

/** Every score, band, priority and list, and every rule's contribution in config order (a missing, extra or reordered one fails). */
export function expectAsNaive(actual: ScoreResult, expected: NaiveResultV2): void {
  expect(actual.fit).toBe(expected.fit)
  expect(Math.abs(actual.engagement - expected.engagement)).toBeLessThanOrEqual(1e-9)
  expect(actual.grade).toBe(expected.grade)
  expect(actual.band).toBe(expected.band)
  expect(actual.priority).toBe(expected.priority)
  expect(actual.stage).toBe(expected.stage)
  expect(actual.disqualifiedBy).toEqual(expected.disqualifiedBy)
  expect(actual.fastTrack).toEqual(expected.fastTrack)
  expect(actual.missing).toEqual(expected.missing)
  expect(actual.sqlMet).toEqual(expected.sqlMet)
  expect(actual.contributions).toEqual(expected.contributions.map((c) => ({ ...c, points: expect.closeTo(c.points, 9) })))
}
