import { STEPS, type StepSlug, type StepState } from '~/domain/workshops/steps'

type StepProgress = (workshopId: string) => Promise<Exclude<StepState, 'not-available'>>

/*
 * Each built step registers how to tell its state. A step missing here is honestly shown
 * as "not available yet" rather than with placeholder content.
 */
const progressOf: Partial<Record<StepSlug, StepProgress>> = {}

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
