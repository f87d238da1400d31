import type { Condition, ScoringConfig } from '~/domain/scoring'
import { describeCondition } from '~/domain/scoring-model/describe'

/*
 * One rule a row, for spreadsheet users. A cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so an
 * imported label such as =HYPERLINK("http://x","y") stays text (OWASP "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCell(value: string | number | null): string | number {
  if (value === null) return ''
  if (typeof value === 'number') return value
  return FORMULA_START.test(value) ? `'${value}` : value
}

export const RULES_CSV_HEADERS = ['section', 'id', 'label', 'condition', 'points', 'cap', 'window_days'] as const

/** The header and one row a rule, every cell already safe for a spreadsheet; serialised by the CSV download. */
export function rulesCsvRows(config: ScoringConfig): (string | number)[][] {
  const labelOf = (key: string) => config.fields.find((field) => field.key === key)?.label ?? key
  const activityOf = (key: string) => config.activities.find((activity) => activity.key === key)?.label ?? key
  const when = (condition: Condition) => describeCondition(condition, labelOf)
  const rows: (string | number | null)[][] = []
  for (const rule of config.fit.rules) rows.push(['fit', rule.id, rule.label, when(rule.when), rule.points, null, null])
  for (const rule of config.engagement.rules) {
    if ('activity' in rule) rows.push(['engagement', rule.id, rule.label, `each “${activityOf(rule.activity)}”`, rule.points, rule.maxPoints ?? null, rule.withinDays ?? null])
    else rows.push(['engagement', rule.id, rule.label, when(rule.when), rule.points, null, null])
  }
  for (const rule of config.disqualifiers) rows.push(['disqualifier', rule.id, rule.label, when(rule.when), null, null, null])
  for (const rule of config.fastTrack) rows.push(['fast-track', rule.id, rule.label, 'activity' in rule ? `did “${activityOf(rule.activity)}”` : when(rule.when), null, null, null])
  for (const rule of config.sql.criteria) rows.push(['sql', rule.id, rule.label, when(rule.when), null, null, null])
  return [[...RULES_CSV_HEADERS], ...rows.map((row) => row.map(neutraliseCell))]
}
