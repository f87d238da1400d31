import { STEPS, type StepSlug } from '~/domain/workshops/steps'
import type { DimensionId } from './questions'
import { bandOf, type DimensionResult, type RoundResult } from './scoring'

/*
 * What to do about a round's results, in this product's steps. Each dimension has one workshop
 * step that addresses it and two phrasings: one for a dimension both teams rate low (fix the
 * thing), one for a dimension the teams see differently (agree on the thing, in the room).
 */

/** A gap of at least this many points (on 0–100) is worth raising on its own. */
export const GAP_WORTH_RAISING = 10
/** Dimensions rated at least this (the Integrated band) need no fixing. */
const INTEGRATED = 80
/** At most this many recommendations: a leadership team acts on three, not six. */
export const MAX_RECOMMENDATIONS = 3

/** `subject`: the dimension inside a sentence (“disagree most on the feedback loop”). */
type Advice = { subject: string; fix: { step: StepSlug; text: string }; agree: { step: StepSlug; text: string } }

/** Per dimension: what fixes it when both teams rate it low, and where to agree on it when they see it differently. */
export const ADVICE: Record<DimensionId, Advice> = {
  definitions: {
    subject: 'what a qualified lead is',
    fix: { step: 'criteria', text: 'write down what qualifies and what disqualifies a lead in the qualifying criteria, then set the MQL and SQL thresholds in the scoring model, so “qualified” has one written meaning' },
    agree: { step: 'leads', text: 'put both teams’ good and bad leads side by side on the board and merge them into one agreed list before writing the criteria' },
  },
  handoff: {
    subject: 'the handoff',
    fix: { step: 'sla', text: 'set routing and response-time targets per priority in the handoff SLA, starting with minutes for demo requests' },
    agree: { step: 'sla', text: 'agree in the handoff SLA who receives each MQL, how fast they call and what context travels with the lead' },
  },
  feedback: {
    subject: 'the feedback loop',
    fix: { step: 'sla', text: 'make rejection reasons required and write recycle rules back to nurture in the handoff SLA' },
    agree: { step: 'sla', text: 'agree rejection reasons and recycle rules in the handoff SLA, so marketing hears why a lead was turned down' },
  },
  goals: {
    subject: 'shared goals and metrics',
    fix: { step: 'stages', text: 'set target conversion rates per lifecycle stage and work back from the revenue target to the MQLs needed per month' },
    agree: { step: 'stages', text: 'agree one funnel in the lifecycle stages: the conversion rate both teams answer for at each stage, worked back from the revenue target' },
  },
  data: {
    subject: 'lead data and scoring',
    fix: { step: 'scoring', text: 'agree the fit and engagement rules in the scoring model and the fields a lead needs before handoff, then back-test them on last year’s leads' },
    agree: { step: 'scoring', text: 'walk both teams through the scoring model and try real leads in the simulator, so each sees why a lead scores as it does' },
  },
  cadence: {
    subject: 'how often they talk',
    fix: { step: 'sla', text: 'set the review cadence in the handoff SLA: a monthly look at lead quality and a quarterly review of the definition' },
    agree: { step: 'sla', text: 'agree in the handoff SLA how often both teams review lead quality and the definition, and who calls the meeting' },
  },
}

export type Recommendation = {
  dimension: DimensionId
  kind: 'gap' | 'weakest' | 'keep'
  text: string
  step: { slug: StepSlug; number: number; title: string }
}

function stepOf(slug: StepSlug) {
  const step = STEPS.find((candidate) => candidate.slug === slug)!
  return { slug, number: step.number, title: step.title }
}

function gapText(d: DimensionResult): string {
  const { step: slug, text } = ADVICE[d.id].agree
  const step = stepOf(slug)
  const [higher, lower] = d.gap! > 0 ? [`marketing rates it ${d.marketing}`, `sales ${d.sales}`] : [`sales rates it ${d.sales}`, `marketing ${d.marketing}`]
  return `Sales and marketing disagree most on ${ADVICE[d.id].subject} (${higher}, ${lower}): ${text} (step ${step.number}, ${step.title}).`
}

function weakestText(d: DimensionResult, first: boolean): string {
  const { step: slug, text } = ADVICE[d.id].fix
  const step = stepOf(slug)
  const score = Math.round(d.combined!)
  return `${d.title} ${first ? 'is the weakest dimension' : 'comes next'} (${score}, ${bandOf(score).label}): ${text} (step ${step.number}, ${step.title}).`
}

/**
 * Up to three recommendations: the largest gap first (when it is at least GAP_WORTH_RAISING),
 * then the weakest dimensions below the Integrated band (weakest first), never two for one dimension. A round
 * already Integrated everywhere, without a gap worth raising, gets one: keep reviewing.
 */
export function recommend(result: RoundResult): Recommendation[] {
  if (!result.comparable) return []
  const byId = new Map(result.dimensions.map((d) => [d.id, d]))
  const chosen: Recommendation[] = []
  const gap = result.largestGap ? byId.get(result.largestGap) : undefined
  if (gap && gap.gap !== null && Math.abs(gap.gap) >= GAP_WORTH_RAISING) {
    chosen.push({ dimension: gap.id, kind: 'gap', text: gapText(gap), step: stepOf(ADVICE[gap.id].agree.step) })
  }
  result.weakest.forEach((id, rank) => {
    const d = byId.get(id)!
    if (chosen.length >= MAX_RECOMMENDATIONS || d.combined === null || d.combined >= INTEGRATED) return
    if (!chosen.some((r) => r.dimension === id)) chosen.push({ dimension: id, kind: 'weakest', text: weakestText(d, rank === 0), step: stepOf(ADVICE[id].fix.step) })
  })
  if (chosen.length === 0) {
    const step = stepOf('review')
    chosen.push({
      dimension: 'cadence',
      kind: 'keep',
      text: `Both teams rate every dimension as integrated and see it alike: keep it that way with a fixed review of the definition, signed off by both teams (step ${step.number}, ${step.title}).`,
      step,
    })
  }
  return chosen
}
