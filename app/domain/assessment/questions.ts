/*
 * The alignment questionnaire as versioned data (DESIGN §7). A round stores the id of the set
 * it was answered on, and a published set never changes: a new wording is a new set, so two
 * rounds on one set — before and after the workshop, or two clients — compare statement by
 * statement. Question ids are stable keys in stored answers and exports; never reuse one.
 */

export const DIMENSION_IDS = ['definitions', 'handoff', 'feedback', 'goals', 'data', 'cadence'] as const
export type DimensionId = (typeof DIMENSION_IDS)[number]

export type Dimension = { id: DimensionId; title: string; description: string }

/** A 1–5 agreement statement. `reverse`: agreeing describes misalignment, so 5 scores as 1. */
export type Statement = { id: string; dimension: DimensionId; text: string; reverse: boolean }

export type FreeTextQuestion = { id: 'mqlDefinition' | 'sqlDefinition'; text: string; hint: string }

export type QuestionSet = {
  id: string
  title: string
  dimensions: readonly Dimension[]
  statements: readonly Statement[]
  freeText: readonly FreeTextQuestion[]
  /** Each dimension's weight in the alignment index; equal unless a set says otherwise. */
  weights: Readonly<Record<DimensionId, number>>
}

export const AGREEMENT_LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'] as const
export const DONT_KNOW = 'dk'
export const DONT_KNOW_LABEL = 'Don’t know'
/** An answer to a statement: 1 (strongly disagree) … 5 (strongly agree), or "don't know". */
export type Answer = 1 | 2 | 3 | 4 | 5 | typeof DONT_KNOW

export const FREE_TEXT_MAX_CHARACTERS = 600

const EQUAL_WEIGHTS: Record<DimensionId, number> = { definitions: 1, handoff: 1, feedback: 1, goals: 1, data: 1, cadence: 1 }

export const ALIGNMENT_2026: QuestionSet = {
  id: 'alignment-2026-1',
  title: 'Marketing–sales alignment, 2026 edition 1',
  dimensions: [
    { id: 'definitions', title: 'Shared definitions', description: 'One meaning of MQL, SAL and SQL, and of the ideal customer, in both teams.' },
    { id: 'handoff', title: 'Handoff process and SLA', description: 'How a qualified lead reaches sales: routing, response times, context.' },
    { id: 'feedback', title: 'Feedback loop', description: 'Rejection reasons, recycling to nurture, and what marketing learns from sales.' },
    { id: 'goals', title: 'Shared goals and metrics', description: 'Targets and numbers both teams are measured on and look at together.' },
    { id: 'data', title: 'Data and tools', description: 'CRM hygiene, lead scoring and lifecycle stages both teams trust.' },
    { id: 'cadence', title: 'Communication cadence', description: 'How often and how early the teams talk, and whether the definition is reviewed.' },
  ],
  statements: [
    { id: 'def-mql-written', dimension: 'definitions', reverse: false, text: 'Marketing and sales use one written definition of a marketing-qualified lead (MQL).' },
    { id: 'def-stages-explained', dimension: 'definitions', reverse: false, text: 'I could explain the difference between an MQL, an SAL and an SQL to a new colleague in a minute.' },
    { id: 'def-depends-who', dimension: 'definitions', reverse: true, text: 'Whether a lead counts as “qualified” depends on who you ask.' },
    { id: 'def-ideal-customer', dimension: 'definitions', reverse: false, text: 'Both teams describe our ideal customer (industry, company size, buyer role) the same way.' },

    { id: 'hand-sla-written', dimension: 'handoff', reverse: false, text: 'We have a written agreement on how fast sales follows up a new MQL.' },
    { id: 'hand-routing', dimension: 'handoff', reverse: false, text: 'Every MQL reaches a named salesperson automatically, without manual sorting.' },
    { id: 'hand-leads-wait', dimension: 'handoff', reverse: true, text: 'Leads regularly wait for days before anyone in sales contacts them.' },
    { id: 'hand-context', dimension: 'handoff', reverse: false, text: 'A lead reaches sales with what the first call needs: its source, its activity and why it fits.' },

    { id: 'fb-rejection-reasons', dimension: 'feedback', reverse: false, text: 'When sales rejects a lead, it records a reason from an agreed list.' },
    { id: 'fb-marketing-in-dark', dimension: 'feedback', reverse: true, text: 'Marketing rarely finds out what happened to the leads it passed to sales.' },
    { id: 'fb-recycling', dimension: 'feedback', reverse: false, text: 'Leads that are not ready to buy go back to marketing for nurturing under agreed rules.' },
    { id: 'fb-changed-targeting', dimension: 'feedback', reverse: false, text: 'Feedback from sales has changed marketing’s targeting or scoring in the last six months.' },

    { id: 'goal-shared-target', dimension: 'goals', reverse: false, text: 'Marketing and sales are measured against a shared pipeline or revenue target.' },
    { id: 'goal-volume-only', dimension: 'goals', reverse: true, text: 'Marketing is judged mainly on lead volume, whatever happens to the leads afterwards.' },
    { id: 'goal-same-numbers', dimension: 'goals', reverse: false, text: 'Both teams look at the same conversion rates from MQL to SQL to won deal.' },
    { id: 'goal-worked-back', dimension: 'goals', reverse: false, text: 'Marketing’s lead targets are worked back from the sales target (deal size, conversion rates).' },

    { id: 'data-crm-complete', dimension: 'data', reverse: false, text: 'The CRM holds what sales needs before a first call (company, role, contact details).' },
    { id: 'data-scoring-known', dimension: 'data', reverse: false, text: 'Leads are scored on fit and engagement by rules both teams know.' },
    { id: 'data-distrust', dimension: 'data', reverse: true, text: 'I do not trust the lead data in our CRM.' },
    { id: 'data-stage-current', dimension: 'data', reverse: false, text: 'Each lead’s lifecycle stage in the CRM is up to date and means the same to both teams.' },

    { id: 'cad-monthly-review', dimension: 'cadence', reverse: false, text: 'Marketing and sales meet at least monthly to review lead quality and pipeline.' },
    { id: 'cad-campaigns-early', dimension: 'cadence', reverse: false, text: 'Sales hears about upcoming campaigns before their leads arrive.' },
    { id: 'cad-only-problems', dimension: 'cadence', reverse: true, text: 'Marketing and sales mostly talk when something has gone wrong.' },
    { id: 'cad-definition-review', dimension: 'cadence', reverse: false, text: 'We review our lead definition at a fixed interval (for example each quarter).' },
  ],
  freeText: [
    { id: 'mqlDefinition', text: 'In one sentence, what is an MQL?', hint: 'In your own words, as you would explain it to a new colleague. No need to look it up.' },
    { id: 'sqlDefinition', text: 'In one sentence, what is an SQL?', hint: 'Again in your own words: when does a lead become sales-qualified?' },
  ],
  weights: EQUAL_WEIGHTS,
}

/** Every set ever published, by id: stored rounds name one of these. */
export const QUESTION_SETS: Readonly<Record<string, QuestionSet>> = { [ALIGNMENT_2026.id]: ALIGNMENT_2026 }

/** The set a new round is answered on. */
export const CURRENT_QUESTION_SET = ALIGNMENT_2026

export function questionSetById(id: string): QuestionSet | undefined {
  return Object.hasOwn(QUESTION_SETS, id) ? QUESTION_SETS[id] : undefined
}

export function dimensionTitle(set: QuestionSet, id: DimensionId): string {
  return set.dimensions.find((dimension) => dimension.id === id)?.title ?? id
}

export function statementsOf(set: QuestionSet, dimension: DimensionId): Statement[] {
  return set.statements.filter((statement) => statement.dimension === dimension)
}
