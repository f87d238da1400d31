import { z } from 'zod'
import { plainText } from '~/domain/text'
import { AGREEMENT_LABELS, DIMENSION_IDS, DONT_KNOW, DONT_KNOW_LABEL, FREE_TEXT_MAX_CHARACTERS, type Answer, type DimensionId, type QuestionSet } from './questions'
import { TEAMS } from './scoring'

/*
 * The forms of step 10, one schema each, shared by the page (react-hook-form) and the action.
 * The questionnaire is answered a section at a time — one dimension a page, then the two
 * definitions — and every "Save and continue" stores the section, so a respondent who leaves
 * comes back to where they were. Submitting is a separate, final step.
 */

export const ROUND_NAME_MAX = 80

export const OpenRoundSchema = z.object({
  intent: z.literal('open-round'),
  name: plainText({ max: ROUND_NAME_MAX, label: 'The round’s name', error: 'Name the round, e.g. “Before the workshop”.' }).min(1, 'Name the round, e.g. “Before the workshop”.'),
})

export const CloseRoundSchema = z.object({
  intent: z.literal('close-round'),
  roundId: z.string().min(1),
  revision: z.coerce.number().int(),
})

export const StartResponseSchema = z.object({
  intent: z.literal('start-response'),
  team: z.enum(TEAMS, { error: 'Choose the team you work in.' }),
})

export const SubmitResponseSchema = z.object({
  intent: z.literal('submit-response'),
  revision: z.coerce.number().int(),
})

/** The questionnaire's pages: a dimension each, then the two definitions in the respondent's words. */
/** The free-text page's name ('definitions' is a dimension: shared definitions). */
export const FREE_TEXT_SECTION = 'in-your-words'
export const SECTIONS = [...DIMENSION_IDS, FREE_TEXT_SECTION] as const
export type Section = (typeof SECTIONS)[number]

export const SectionParamSchema = z.enum(SECTIONS)

export const ANSWER_VALUES = ['1', '2', '3', '4', '5', DONT_KNOW] as const
export const ANSWER_OPTIONS = [...AGREEMENT_LABELS.map((label, index) => ({ value: String(index + 1), label })), { value: DONT_KNOW, label: DONT_KNOW_LABEL }]

const CHOOSE_ANSWER = `Choose an answer, or “${DONT_KNOW_LABEL}”.`

export function parseAnswer(value: string): Answer {
  return value === DONT_KNOW ? DONT_KNOW : (Number(value) as Answer)
}

/**
 * One section's form: every statement of a dimension answered (1–5 or don't know), or the two
 * one-sentence definitions. Anything else posted — a question of another set, a value such as
 * 6 — is refused with a message and nothing is saved.
 */
export function sectionSchema(set: QuestionSet, section: Section) {
  if (section === FREE_TEXT_SECTION) {
    // Required: the comparison of these sentences is the finding. Not knowing is an answer too.
    const definition = (which: string) =>
      plainText({
        max: FREE_TEXT_MAX_CHARACTERS,
        multiline: true,
        label: `Your ${which} definition`,
        error: `Write a sentence in your own words (“I don’t know” is an answer too).`,
        tooLong: `Keep your ${which} definition to a sentence or two: at most ${FREE_TEXT_MAX_CHARACTERS} characters.`,
      }).min(1, `Write a sentence in your own words (“I don’t know” is an answer too).`)
    return z.object({
      intent: z.literal('save-section'),
      section: z.literal(FREE_TEXT_SECTION),
      mqlDefinition: definition('MQL'),
      sqlDefinition: definition('SQL'),
    })
  }
  const statements = set.statements.filter((statement) => statement.dimension === section)
  const shape = Object.fromEntries(statements.map((statement) => [statement.id, z.enum(ANSWER_VALUES, { error: CHOOSE_ANSWER })]))
  return z.object({
    intent: z.literal('save-section'),
    section: z.literal(section),
    answers: z
      .record(z.string(), z.unknown(), { error: CHOOSE_ANSWER })
      .default({})
      .superRefine((answers, context) => {
        for (const key of Object.keys(answers)) {
          if (!Object.hasOwn(shape, key)) context.addIssue({ code: 'custom', path: [], message: `“${key}” is not a statement of this page: reload the page and answer again.` })
        }
      })
      .pipe(z.object(shape)),
  })
}

/** Whether every statement has an answer (don't know counts): what submitting requires. */
export function unansweredStatements(set: QuestionSet, answers: Readonly<Record<string, Answer>>): string[] {
  return set.statements.filter((statement) => !Object.hasOwn(answers, statement.id)).map((statement) => statement.id)
}

/** Where a respondent resumes: the first page with a statement left unanswered, then the definitions, then none (ready to submit). */
export function nextSection(set: QuestionSet, response: { answers: Readonly<Record<string, Answer>>; mqlDefinition: string; sqlDefinition: string }): Section | null {
  const missing = new Set(unansweredStatements(set, response.answers))
  const dimension = set.statements.find((statement) => missing.has(statement.id))?.dimension
  if (dimension) return dimension
  return response.mqlDefinition.trim() && response.sqlDefinition.trim() ? null : FREE_TEXT_SECTION
}

/** Whether a response holds everything submitting needs. */
export function isComplete(set: QuestionSet, response: { answers: Readonly<Record<string, Answer>>; mqlDefinition: string; sqlDefinition: string }): boolean {
  return nextSection(set, response) === null
}

export function isDimension(section: Section): section is DimensionId {
  return section !== FREE_TEXT_SECTION
}
