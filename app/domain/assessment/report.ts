import { definitionSummary } from '~/domain/document/summary'
import type { ScoringConfig } from '~/domain/scoring'
import { definitionKeyTerms, matchDefinition, type KeyTerm } from './definitions'
import type { Answer, QuestionSet } from './questions'
import { recommend, type Recommendation } from './recommendations'
import { assessRound, compareRounds, TEAMS, type RoundComparison, type RoundResult, type Team } from './scoring'

/*
 * One round's results as the page, the printable report and the Markdown export show them:
 * one view model, so the three never disagree. Nothing in it names a respondent, and nothing of
 * a team below the anonymity threshold is in it but its count.
 */

export type SubmittedResponse = { team: Team; answers: Readonly<Record<string, Answer>>; mqlDefinition: string; sqlDefinition: string }

export type DefinitionEntry = { text: string; named: string[] }
export type TeamDefinitions = { team: Team; mql: DefinitionEntry[]; sql: DefinitionEntry[] }
/** How many of a team's definitions name a term, per term. */
export type TermCoverage = { termId: string; label: string; detail: string; named: Partial<Record<Team, number>>; of: Partial<Record<Team, number>> }

export type SignedDefinition = {
  version: number
  summary: { mql: string; sql: string }
  terms: { mql: KeyTerm[]; sql: KeyTerm[] }
  coverage: { mql: TermCoverage[]; sql: TermCoverage[] }
}

export type RoundReport = {
  round: { id: string; name: string; openedAt: string; closedAt: string | null; questionSet: { id: string; title: string } }
  result: RoundResult
  recommendations: Recommendation[]
  definitions: TeamDefinitions[]
  signed: SignedDefinition | null
  comparison: { round: { id: string; name: string }; changes: RoundComparison } | null
}

export type ReportInput = {
  set: QuestionSet
  round: RoundReport['round']
  responses: readonly SubmittedResponse[]
  /** The latest published version's number and scoring config, if any. */
  signed?: { version: number; config: ScoringConfig } | null
  /** An earlier round of the same workshop to compare with. */
  previous?: { round: { id: string; name: string }; set: QuestionSet; responses: readonly SubmittedResponse[] } | null
}

// Alphabetical, so the order says nothing about who answered first.
const byText = (a: DefinitionEntry, b: DefinitionEntry) => a.text.localeCompare(b.text, 'en')

export function buildRoundReport(input: ReportInput): RoundReport {
  const result = assessRound(input.set, input.responses)
  const terms = input.signed ? definitionKeyTerms(input.signed.config) : null
  const definitions: TeamDefinitions[] = TEAMS.filter((team) => result.visible[team]).map((team) => {
    const mine = input.responses.filter((response) => response.team === team)
    const entries = (which: 'mqlDefinition' | 'sqlDefinition', keyTerms: KeyTerm[] | undefined) =>
      mine
        .map((response) => response[which].trim())
        .filter((text) => text.length > 0)
        .map((text) => ({ text, named: keyTerms ? matchDefinition(text, keyTerms).named : [] }))
        .sort(byText)
    return { team, mql: entries('mqlDefinition', terms?.mql), sql: entries('sqlDefinition', terms?.sql) }
  })
  const coverageOf = (keyTerms: KeyTerm[], which: 'mql' | 'sql'): TermCoverage[] =>
    keyTerms.map((term) => ({
      termId: term.id,
      label: term.label,
      detail: term.detail,
      named: Object.fromEntries(definitions.map((d) => [d.team, d[which].filter((entry) => entry.named.includes(term.id)).length])),
      of: Object.fromEntries(definitions.map((d) => [d.team, d[which].length])),
    }))
  const signed: SignedDefinition | null =
    input.signed && terms
      ? { version: input.signed.version, summary: definitionSummary(input.signed.config), terms, coverage: { mql: coverageOf(terms.mql, 'mql'), sql: coverageOf(terms.sql, 'sql') } }
      : null
  const previous = input.previous
  const comparison = previous ? { round: previous.round, changes: compareRounds(assessRound(previous.set, previous.responses), result) } : null
  return { round: input.round, result, recommendations: recommend(result), definitions, signed, comparison }
}
