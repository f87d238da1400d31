import { dimensionTitle, type Answer, type QuestionSet } from './questions'
import { FREE_TEXT_SECTION, isComplete, nextSection, SECTIONS, type Section } from './schemas'

/*
 * Where a respondent is in the questionnaire: which page to show for a request, and how far
 * each page is answered. The same for a member in the app and a guest on the public link.
 */

export type DraftAnswers = { answers: Readonly<Record<string, Answer>>; mqlDefinition: string; sqlDefinition: string }

export type AnsweringPage =
  | { state: 'start' }
  | { state: 'closed' }
  | { state: 'submitted' }
  | { state: 'section'; section: Section }
  | { state: 'review' }

export const REVIEW_PAGE = 'review'

/**
 * The page to show: a submitted response is thanked, a closed round says so, a respondent who
 * has not started picks a team; then the page asked for (`?page=`), or where they left off, or
 * the review once everything is answered.
 */
export function answeringPage(set: QuestionSet, input: { closed: boolean; response: (DraftAnswers & { submitted: boolean }) | null; requested: string | null }): AnsweringPage {
  const { response, requested } = input
  if (response?.submitted) return { state: 'submitted' }
  if (input.closed) return { state: 'closed' }
  if (!response) return { state: 'start' }
  if (requested && (SECTIONS as readonly string[]).includes(requested)) return { state: 'section', section: requested as Section }
  const next = nextSection(set, response)
  return next ? { state: 'section', section: next } : { state: 'review' }
}

export type SectionProgress = { section: Section; title: string; answered: number; total: number; complete: boolean }

export function sectionTitle(set: QuestionSet, section: Section): string {
  return section === FREE_TEXT_SECTION ? 'In your own words' : dimensionTitle(set, section)
}

export function answeringProgress(set: QuestionSet, draft: DraftAnswers): SectionProgress[] {
  return SECTIONS.map((section) => {
    if (section === FREE_TEXT_SECTION) {
      const answered = [draft.mqlDefinition, draft.sqlDefinition].filter((text) => text.trim().length > 0).length
      return { section, title: sectionTitle(set, section), answered, total: 2, complete: answered === 2 }
    }
    const statements = set.statements.filter((statement) => statement.dimension === section)
    const answered = statements.filter((statement) => Object.hasOwn(draft.answers, statement.id)).length
    return { section, title: sectionTitle(set, section), answered, total: statements.length, complete: answered === statements.length }
  })
}

/** The page after `section`: the next one, or the review after the last. */
export function pageAfter(section: Section): Section | typeof REVIEW_PAGE {
  const index = SECTIONS.indexOf(section)
  return SECTIONS[index + 1] ?? REVIEW_PAGE
}

export { isComplete }
