import { and, eq, inArray } from 'drizzle-orm'
import { scoringRules } from '#db/schema'
import { STEPS, type StepSlug, type StepState } from '~/domain/workshops/steps'
import { database } from '~/db.server'
import { lifecycleProgress } from './lifecycle.server'

type StepProgress = (workshopId: string) => Promise<Exclude<StepState, 'not-available'>>

/*
 * Each built step registers how to tell its state. A step missing here is honestly shown
 * as "not available yet" rather than with placeholder content.
 */
const progressOf: Partial<Record<StepSlug, StepProgress>> = {
  criteria: (workshopId) => hasRules(workshopId, ['fit', 'disqualifier']),
  scoring: (workshopId) => hasRules(workshopId, ['fit', 'engagement', 'fastTrack']),
  stages: (workshopId) => lifecycleProgress(workshopId, 'stages'),
  sla: (workshopId) => lifecycleProgress(workshopId, 'sla'),
}

async function hasRules(workshopId: string, sections: ('fit' | 'engagement' | 'disqualifier' | 'fastTrack' | 'sql')[]) {
  const { db } = await database()
  const count = await db.$count(scoringRules, and(eq(scoringRules.workshopId, workshopId), inArray(scoringRules.section, sections)))
  return count > 0 ? ('in-progress' as const) : ('empty' as const)
}

export async function getStepStates(workshopId: string) {
  return Promise.all(
    STEPS.map(async (step) => {
      const measure = progressOf[step.slug]
      const state: StepState = measure ? await measure(workshopId) : 'not-available'
      return { ...step, state }
    }),
  )
}

export function isStepAvailable(slug: StepSlug) {
  return slug in progressOf
}
