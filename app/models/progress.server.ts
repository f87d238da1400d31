import { and, eq, inArray } from 'drizzle-orm'
import { scoringRules } from '#db/schema'
import { STEPS, type StepSlug, type StepState } from '~/domain/workshops/steps'
import { database } from '~/models/db.server'
import type { SignOffSection } from '~/domain/document/snapshot'
import { assessmentProgress } from './assessment.server'
import { backtestProgress } from './backtest.server'
import { contextProgress } from './context.server'
import { getWorkshopTimeZone, lifecycleProgress } from './lifecycle.server'
import { personasProgress } from './persona.server'
import { leadsProgress } from './lead-board.server'
import { getReviewState } from './version.server'

type StepProgress = (workshopId: string) => Promise<Exclude<StepState, 'not-available'>>

/*
 * Each built step registers how to tell its state. A step missing here is honestly shown
 * as "not available yet" rather than with placeholder content.
 */
const progressOf: Partial<Record<StepSlug, StepProgress>> = {
  context: contextProgress,
  leads: leadsProgress,
  personas: personasProgress,
  criteria: (workshopId) => hasRules(workshopId, ['fit', 'disqualifier']),
  scoring: (workshopId) => hasRules(workshopId, ['fit', 'engagement', 'fastTrack']),
  stages: (workshopId) => lifecycleProgress(workshopId, 'stages'),
  sla: (workshopId) => lifecycleProgress(workshopId, 'sla'),
  backtests: backtestProgress,
  assessment: assessmentProgress,
}

async function hasRules(workshopId: string, sections: ('fit' | 'engagement' | 'disqualifier' | 'fastTrack' | 'sql')[]) {
  const { db } = await database()
  const count = await db.$count(scoringRules, and(eq(scoringRules.workshopId, workshopId), inArray(scoringRules.section, sections)))
  return count > 0 ? ('in-progress' as const) : ('empty' as const)
}

/** Which sign-off section covers each step: a step is "signed off" when both teams signed it. */
const SECTION_OF_STEP: Partial<Record<StepSlug, SignOffSection>> = {
  context: 'context-leads',
  leads: 'context-leads',
  personas: 'personas',
  criteria: 'criteria-scoring',
  scoring: 'criteria-scoring',
  stages: 'stages-funnel',
  sla: 'handoff-sla',
}

type StepStates = Awaited<ReturnType<typeof measureStepStates>>

/** What every workshop page's frame shows: the step menu with each step's state, and the workshop's time zone. */
export type WorkshopFrame = { steps: StepStates; timeZone: string }

/*
 * Every workshop page shows the step menu, and measuring it means building the draft snapshot
 * (a dozen queries, a schema parse, fingerprints). It can only change when something was
 * written, so it is kept per workshop until the database's change counter moves.
 */
const cached = new Map<string, { changeCounter: number; frame: Promise<WorkshopFrame> }>()
const CACHED_WORKSHOPS = 500

export async function getWorkshopFrame(workshopId: string): Promise<WorkshopFrame> {
  const { changeCounter } = await database()
  const counter = await changeCounter()
  const hit = cached.get(workshopId)
  if (hit && hit.changeCounter === counter) return hit.frame
  // The measurement in flight is shared: after a write, the fifty page views that arrive while it
  // runs wait for the one measurement instead of each starting its own.
  const frame = Promise.all([measureStepStates(workshopId), getWorkshopTimeZone(workshopId)]).then(([steps, timeZone]) => ({ steps, timeZone }))
  cached.delete(workshopId)
  if (cached.size >= CACHED_WORKSHOPS) cached.delete(cached.keys().next().value!)
  const entry = { changeCounter: counter, frame }
  cached.set(workshopId, entry)
  frame.catch(() => {
    if (cached.get(workshopId) === entry) cached.delete(workshopId)
  })
  return frame
}

export async function getStepStates(workshopId: string): Promise<StepStates> {
  return (await getWorkshopFrame(workshopId)).steps
}

async function measureStepStates(workshopId: string) {
  const review = await getReviewState(workshopId)
  const signed = new Set(review.sections.filter((section) => section.missing.length === 0).map((section) => section.section))
  return Promise.all(
    STEPS.map(async (step) => {
      const measure = progressOf[step.slug]
      let state: StepState = measure ? await measure(workshopId) : 'not-available'
      const section = SECTION_OF_STEP[step.slug]
      if (state !== 'not-available' && section && signed.has(section)) state = 'signed-off'
      if (step.slug === 'review') state = review.readyToPublish ? 'signed-off' : review.sections.some((s) => s.signedBy.length > 0) ? 'in-progress' : 'empty'
      return { ...step, state }
    }),
  )
}

export function isStepAvailable(slug: StepSlug) {
  return slug in progressOf
}
