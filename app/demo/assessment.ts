import type { DimensionId } from '~/domain/assessment/questions'
import type { Team } from '~/domain/assessment/scoring'

/*
 * Demo content for step 10: the assessment Acme ran before the September workshop and again
 * after v2 was published. Before, marketing believes the handoff works and sales does not trust
 * the leads or the definition (the classic gap); after, both teams have moved up and closer.
 * Each person is a level per dimension (1–5, as they would score it) and a wording of their own
 * definitions; the seed turns levels into answers statement by statement (a little spread, a
 * few "don't know"s, reverse-worded statements ticked the other way round).
 */

export type DemoRespondent = {
  team: Team
  /** The demo member who answered in the app, or null for someone on the public link. */
  member: 'marketing' | 'sales' | null
  levels: Record<DimensionId, number>
  /** Statement positions (0–3) within a dimension answered "don't know". */
  dontKnow?: Partial<Record<DimensionId, number[]>>
  mqlDefinition: string
  sqlDefinition: string
}

export type DemoRound = { name: string; openedAt: Date; closedAt: Date; respondents: DemoRespondent[] }

const level = (definitions: number, handoff: number, feedback: number, goals: number, data: number, cadence: number): Record<DimensionId, number> => ({
  definitions,
  handoff,
  feedback,
  goals,
  data,
  cadence,
})

/** Before the workshop (the session was in September 2026). */
export const BEFORE: DemoRound = {
  name: 'Before the workshop',
  openedAt: new Date('2026-08-24T08:00:00Z'),
  closedAt: new Date('2026-09-04T16:00:00Z'),
  respondents: [
    { team: 'marketing', member: 'marketing', levels: level(4, 3, 2, 3, 3, 2), mqlDefinition: 'A lead that reached 50 points in our marketing automation.', sqlDefinition: 'An MQL that sales has accepted.' },
    { team: 'marketing', member: null, levels: level(3, 4, 2, 3, 3, 3), mqlDefinition: 'Anyone who downloads a whitepaper or attends a webinar.', sqlDefinition: 'When sales has had a first call with them.' },
    { team: 'marketing', member: null, levels: level(4, 3, 1, 2, 4, 2), dontKnow: { feedback: [3] }, mqlDefinition: 'Someone who filled in a form and works at a company with more than 50 employees.', sqlDefinition: 'A lead sales decides to work on.' },
    { team: 'marketing', member: null, levels: level(3, 3, 2, 3, 3, 2), mqlDefinition: 'A contact who engaged with three or more of our campaigns.', sqlDefinition: 'I am not sure — sales decides that.' },
    { team: 'marketing', member: null, levels: level(3, 3, 3, 2, 2, 3), dontKnow: { goals: [3] }, mqlDefinition: 'A lead from a target account that opened our emails.', sqlDefinition: 'A lead with a booked meeting.' },
    { team: 'sales', member: 'sales', levels: level(2, 3, 3, 2, 2, 2), mqlDefinition: 'Honestly, whatever marketing sends over.', sqlDefinition: 'Budget, authority, need and timeline confirmed on a call.' },
    { team: 'sales', member: null, levels: level(2, 2, 3, 2, 1, 2), mqlDefinition: 'Someone who asked to talk to sales.', sqlDefinition: 'A lead with budget and a project this quarter.' },
    { team: 'sales', member: null, levels: level(1, 3, 3, 3, 2, 3), mqlDefinition: 'Most of them are students or competitors, so not much.', sqlDefinition: 'A decision maker who has a real need and a timeline.' },
    { team: 'sales', member: null, levels: level(2, 2, 2, 2, 2, 2), dontKnow: { data: [1] }, mqlDefinition: 'A director or above at a software company who requested a demo.', sqlDefinition: 'When I have spoken to the person who signs.' },
    { team: 'sales', member: null, levels: level(3, 3, 3, 2, 2, 2), mqlDefinition: 'A lead with a phone number and a company name.', sqlDefinition: 'An opportunity in the CRM with an amount.' },
    { team: 'other', member: null, levels: level(2, 3, 2, 3, 2, 2), mqlDefinition: 'A lead marketing thinks is ready for sales.', sqlDefinition: 'A lead sales thinks will buy.' },
  ],
}

/** Three weeks after v2 was published (9 November 2026). */
export const AFTER: DemoRound = {
  name: 'After the workshop',
  openedAt: new Date('2026-11-16T08:00:00Z'),
  closedAt: new Date('2026-11-27T16:00:00Z'),
  respondents: [
    { team: 'marketing', member: 'marketing', levels: level(5, 4, 4, 4, 4, 4), mqlDefinition: 'A lead with fit 50 or more (grade B) who has engaged 40 points, or asked for a demo.', sqlDefinition: 'An MQL where sales confirmed at least three of budget, authority, need and timeline.' },
    { team: 'marketing', member: null, levels: level(4, 4, 3, 4, 4, 4), mqlDefinition: 'A director or VP at a 200–5,000-person software or fintech company who engaged with us recently.', sqlDefinition: 'BANT: three of the four confirmed by sales.' },
    { team: 'marketing', member: null, levels: level(4, 4, 3, 3, 4, 3), mqlDefinition: 'Good fit and enough engagement points, never a student, competitor or free-mail address.', sqlDefinition: 'Sales confirmed budget, decision maker, need or timeline — three of them.' },
    { team: 'marketing', member: null, levels: level(4, 3, 4, 4, 3, 4), mqlDefinition: 'A lead that passes both thresholds in the scoring model, or requested a demo.', sqlDefinition: 'An accepted MQL with budget and a timeline within two quarters.' },
    { team: 'sales', member: 'sales', levels: level(4, 4, 4, 3, 3, 4), mqlDefinition: 'A senior person at a mid-market software company with engagement above the threshold.', sqlDefinition: 'Budget of 20k+, the decision maker involved, a high need and buying within two quarters: three of four.' },
    { team: 'sales', member: null, levels: level(4, 4, 4, 3, 4, 3), mqlDefinition: 'Fit score of at least 50 and 40 engagement points, or a demo request.', sqlDefinition: 'BANT, three of four.' },
    { team: 'sales', member: null, levels: level(4, 3, 3, 4, 3, 4), dontKnow: { goals: [3] }, mqlDefinition: 'Someone from a target industry in our regions who asked for a demo or engaged a lot.', sqlDefinition: 'A lead with a real need and a project this quarter or next, with the decision maker.' },
    { team: 'sales', member: null, levels: level(4, 4, 4, 3, 3, 3), mqlDefinition: 'A lead the scoring model marks as MQL — no students, no competitors.', sqlDefinition: 'When three of budget, authority, need and timeline hold.' },
    { team: 'other', member: null, levels: level(4, 4, 3, 4, 3, 4), mqlDefinition: 'A lead that meets the fit and engagement thresholds we agreed.', sqlDefinition: 'An MQL sales qualified with BANT.' },
  ],
}

/** Each statement's answer moves this much around the person's level, so answers are not all alike. */
export const SPREAD = [0, 1, 0, -1] as const
