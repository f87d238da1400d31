import type { ScoringConfig } from '~/domain/scoring'
import { formatNumber, joinWords, vocabularyOf } from './plain-words'

type FastTrack = ScoringConfig['fastTrack'][number]

function gradeFor(config: ScoringConfig, minFit: number): string | null {
  const grades = [...config.grades].sort((a, b) => a.minFit - b.minFit)
  // The lowest grade whose range is entirely at or above the threshold.
  const grade = grades.find((g) => g.minFit >= minFit)
  return grade ? grade.grade : null
}

/** "An MQL is …" and "An SQL is …" in words a salesperson reads, generated from the rules. */
export function definitionSummary(config: ScoringConfig): { mql: string; sql: string } {
  const words = vocabularyOf(config)
  const activityLabel = (key: string) => config.activities.find((activity) => activity.key === key)?.label ?? key
  const grade = gradeFor(config, config.mql.minFit)
  const decay = config.engagement.halfLifeDays ? `, with older activity counting less (points halve every ${formatNumber(config.engagement.halfLifeDays)} days)` : ''
  const fastTracks = config.fastTrack.map((rule: FastTrack) => ('activity' in rule ? activityLabel(rule.activity).toLowerCase() : rule.label.toLowerCase()))
  const disqualifiers = config.disqualifiers.map((rule) => rule.label.toLowerCase())
  const required = config.required.map(words.fieldLabel).map((label) => label.toLowerCase())
  let mql = `An MQL is a lead with fit ≥ ${formatNumber(config.mql.minFit)}${
    grade && config.grades.find((g) => g.grade === grade)?.minFit === config.mql.minFit ? ` (grade ${grade} or better)` : ''
  } who has engaged ≥ ${formatNumber(config.mql.minEngagement)} points${decay}`
  if (fastTracks.length) mql += `, or who did one of these: ${joinWords(fastTracks, 'or')}`
  mql += '.'
  if (required.length) mql += ` We hand over only leads whose ${joinWords(required)} we know.`
  if (disqualifiers.length) mql += ` Never an MQL: ${joinWords(disqualifiers, 'or')}.`
  const questions = config.sql.criteria.map((criterion) => criterion.label.replace(/:.*$/, '').toLowerCase())
  const sql = config.sql.criteria.length
    ? `An SQL is an MQL for which sales has confirmed at least ${config.sql.minMet} of these ${config.sql.criteria.length}: ${joinWords(questions)}.`
    : 'No SQL questions are defined yet: an MQL becomes an SQL when sales accepts it.'
  return { mql, sql }
}
