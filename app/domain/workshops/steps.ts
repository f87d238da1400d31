/** The ten workshop steps of DESIGN §2, in the order the room walks them. */
export const STEPS = [
  { slug: 'context', number: 1, title: 'Context', summary: 'Company, offer, sales motion, goals and participants.' },
  { slug: 'leads', number: 2, title: 'Good and bad leads', summary: 'Each team lists traits, then the room agrees one list.' },
  { slug: 'personas', number: 3, title: 'Personas', summary: 'Who we sell to, and who we never sell to.' },
  { slug: 'criteria', number: 4, title: 'Qualifying criteria', summary: 'What qualifies, what disqualifies, what must be known.' },
  { slug: 'scoring', number: 5, title: 'Scoring model', summary: 'Fit and engagement points, thresholds, grades, SQL questions.' },
  { slug: 'stages', number: 6, title: 'Lifecycle stages', summary: 'Lead → MQL → SAL → SQL → Opportunity → Customer.' },
  { slug: 'sla', number: 7, title: 'Handoff SLA', summary: 'Routing, response times, follow-up and recycling.' },
  { slug: 'review', number: 8, title: 'Review and publish', summary: 'Both teams sign off; the facilitator publishes a version.' },
  { slug: 'backtests', number: 9, title: 'Back-test', summary: 'Run the model over historical leads (optional).' },
  { slug: 'assessment', number: 10, title: 'Alignment assessment', summary: 'How aligned are the two teams today? (optional)' },
] as const

export type StepSlug = (typeof STEPS)[number]['slug']
export type StepState = 'empty' | 'in-progress' | 'signed-off' | 'not-available'

export const STEP_STATE_LABELS: Record<StepState, string> = {
  empty: 'Not started',
  'in-progress': 'In progress',
  'signed-off': 'Signed off',
  'not-available': 'Not available yet',
}
