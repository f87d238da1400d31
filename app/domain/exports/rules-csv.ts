import { formatVersionOf, type Condition, type ScoringConfig } from '~/domain/scoring'
import { activityNamesOf, describeCondition } from '~/domain/scoring-model/describe'

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
/**
 * Format 2's columns, after format 1's: only a config that uses format 2 has them (a format-1
 * config's CSV is byte for byte as before). `half_life_days` is a rule's own (`none`: no decay;
 * empty: the model's); `time` is past, future or any; `required` is yes for a required SQL question.
 * Bands and priorities follow the rules as rows of their own (sections `band` and `priority`).
 */
export const RULES_CSV_HEADERS_V2 = [...RULES_CSV_HEADERS, 'properties', 'time', 'half_life_days', 'since', 'until', 'required'] as const

type Row = (string | number | null)[]

/** The header and one row a rule, every cell already safe for a spreadsheet; serialised by the CSV download. */
export function rulesCsvRows(config: ScoringConfig): (string | number)[][] {
  const labelOf = (key: string) => config.fields.find((field) => field.key === key)?.label ?? key
  const names = activityNamesOf(config.activities)
  const activityOf = names.activityLabel
  const when = (condition: Condition) => describeCondition(condition, labelOf, undefined, names)
  const format2 = formatVersionOf(config) === 2
  const rows: Row[] = []
  // Format 2's cells of a rule: [properties, time, half_life_days, since, until, required].
  const extra = (rule: { where?: Condition; time?: string; halfLifeDays?: number | null; since?: string; until?: string; required?: boolean }): Row =>
    format2
      ? [
          rule.where ? describeCondition(rule.where, names.propertyLabel) : null,
          rule.time ?? null,
          rule.halfLifeDays === undefined ? null : rule.halfLifeDays === null ? 'none' : rule.halfLifeDays,
          rule.since ?? null,
          rule.until ?? null,
          rule.required ? 'yes' : null,
        ]
      : []
  for (const rule of config.fit.rules) rows.push(['fit', rule.id, rule.label, when(rule.when), rule.points, null, null, ...extra({})])
  for (const rule of config.engagement.rules) {
    if ('activity' in rule) rows.push(['engagement', rule.id, rule.label, `each “${activityOf(rule.activity)}”`, rule.points, rule.maxPoints ?? null, rule.withinDays ?? null, ...extra(rule)])
    else rows.push(['engagement', rule.id, rule.label, when(rule.when), rule.points, null, null, ...extra({})])
  }
  for (const rule of config.disqualifiers) rows.push(['disqualifier', rule.id, rule.label, when(rule.when), null, null, null, ...extra({})])
  for (const rule of config.fastTrack)
    rows.push(['fast-track', rule.id, rule.label, 'activity' in rule ? `did “${activityOf(rule.activity)}”` : when(rule.when), null, null, 'activity' in rule ? (rule.withinDays ?? null) : null, ...extra({})])
  for (const rule of config.sql.criteria) rows.push(['sql', rule.id, rule.label, when(rule.when), null, null, null, ...extra(rule)])
  if (format2) {
    for (const band of config.engagement.bands ?? []) rows.push(['band', band.band, `Band ${band.band}`, `engagement ≥ ${band.minEngagement}`, null, null, null, ...extra({})])
    for (const entry of config.priorities ?? [])
      rows.push(['priority', entry.priority, entry.label, `grade ${entry.grade} and band ${entry.band}${entry.slaPriority ? `; SLA priority ${entry.slaPriority}` : ''}`, null, null, null, ...extra({})])
  }
  return [[...(format2 ? RULES_CSV_HEADERS_V2 : RULES_CSV_HEADERS)], ...rows.map((row) => row.map(neutraliseCell))]
}
