import type { ScoreResult, ScoringConfig } from '~/domain/scoring'

/*
 * What a back-test keeps of a file (DESIGN §6): counts, never leads. Every figure of the results
 * page is a sum over these counts, for any whole-number pair of MQL thresholds, because for a
 * whole number t, `fit ≥ t` holds exactly when `floor(fit) ≥ t` (the same for engagement). So a
 * lead is counted under floor(fit), floor(engagement), its grade and the four facts the stage
 * needs besides the thresholds (disqualified, a required field missing, a fast track held, enough
 * SQL criteria held), with its outcome. Per month the same without the grade. Per rule: how many
 * leads it matched and how many of those converted.
 */

export const CELL_FLAGS = { disqualified: 1, missingRequired: 2, fastTrack: 4, sqlQualified: 8 } as const
/** Month cells: a lead that cannot be an MQL whatever the thresholds (disqualified or missing a required field). */
export const MONTH_FLAGS = { ineligible: 1, fastTrack: 4 } as const

export const RULE_KINDS = ['fit', 'engagement', 'disqualifier', 'fastTrack', 'sql'] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export interface RuleTally {
  id: string
  label: string
  kind: RuleKind
  /** Points per match (per activity for activity rules); null for disqualifiers, fast tracks and SQL criteria. */
  points: number | null
  matched: number
  converted: number
}

/** [floor(fit), floor(engagement), grade index (−1: no grade), CELL_FLAGS, leads, converted] */
export type AggregateCell = [number, number, number, number, number, number]
/** [month "YYYY-MM", floor(fit), floor(engagement), MONTH_FLAGS, leads, converted] */
export type MonthCell = [string, number, number, number, number, number]

export interface BacktestAggregate {
  format: 1
  leads: number
  converted: number
  /** Leads with a created date (the others are in no month). */
  dated: number
  fitMax: number
  engagementMax: number
  /** Grades from the highest minFit down; cells name them by index. */
  grades: { grade: string; minFit: number }[]
  /** The thresholds of the model the run scored with. */
  thresholds: { minFit: number; minEngagement: number }
  sqlMinMet: number
  cells: AggregateCell[]
  months: MonthCell[]
  rules: RuleTally[]
}

/**
 * Counts scored leads into a BacktestAggregate. `add` is called once per lead with the engine's
 * result and matched rules (scoreMatches); it allocates nothing once a cell exists.
 */
export class BacktestTally {
  private readonly cells = new Map<number, AggregateCell>()
  private readonly months = new Map<string, Map<number, MonthCell>>()
  private readonly rules: RuleTally[]
  private readonly gradeIndex: Map<string, number>
  private readonly grades: { grade: string; minFit: number }[]
  /** Per rule (in the order of this.rules): leads it matched, and converted leads among them. */
  private readonly matchedCounts: Float64Array
  private readonly convertedCounts: Float64Array
  private readonly engagementSpan: number
  private readonly gradeSpan: number
  private readonly hasSqlCriteria: boolean
  private leads = 0
  private converted = 0
  private dated = 0

  constructor(private readonly config: ScoringConfig) {
    this.grades = [...config.grades].sort((a, b) => b.minFit - a.minFit).map((grade) => ({ grade: grade.grade, minFit: grade.minFit }))
    this.gradeIndex = new Map(this.grades.map((grade, index) => [grade.grade, index]))
    const tally = (kind: RuleKind, rule: { id: string; label: string; points?: number }): RuleTally => ({
      id: rule.id,
      label: rule.label,
      kind,
      points: rule.points ?? null,
      matched: 0,
      converted: 0,
    })
    this.rules = [
      ...config.fit.rules.map((rule) => tally('fit', rule)),
      ...config.engagement.rules.map((rule) => tally('engagement', rule)),
      ...config.disqualifiers.map((rule) => tally('disqualifier', rule)),
      ...config.fastTrack.map((rule) => tally('fastTrack', rule)),
      ...config.sql.criteria.map((rule) => tally('sql', rule)),
    ]
    this.matchedCounts = new Float64Array(this.rules.length)
    this.convertedCounts = new Float64Array(this.rules.length)
    this.engagementSpan = Math.floor(config.engagement.max) + 1
    this.gradeSpan = this.grades.length + 1
    this.hasSqlCriteria = config.sql.criteria.length > 0
  }

  /**
   * Counts one lead: its result from the engine's scoreMatches, with `matched` the rules it marked
   * (one byte per rule, in the order of this.rules).
   */
  add(result: ScoreResult, matched: Uint8Array, converted: boolean, month: string) {
    const fit = Math.floor(result.fit)
    const engagement = Math.floor(result.engagement)
    const grade = result.grade === null ? -1 : (this.gradeIndex.get(result.grade) ?? -1)
    const disqualified = result.disqualifiedBy.length > 0
    const missing = result.missing.length > 0
    const fastTrack = result.fastTrack.length > 0
    const sqlQualified = this.hasSqlCriteria && result.sqlMet.length >= this.config.sql.minMet
    const flags =
      (disqualified ? CELL_FLAGS.disqualified : 0) |
      (missing ? CELL_FLAGS.missingRequired : 0) |
      (fastTrack ? CELL_FLAGS.fastTrack : 0) |
      (sqlQualified ? CELL_FLAGS.sqlQualified : 0)
    const outcome = converted ? 1 : 0
    this.leads++
    this.converted += outcome

    const key = ((fit * this.engagementSpan + engagement) * this.gradeSpan + grade + 1) * 16 + flags
    let cell = this.cells.get(key)
    if (cell === undefined) {
      cell = [fit, engagement, grade, flags, 0, 0]
      this.cells.set(key, cell)
    }
    cell[4]++
    cell[5] += outcome

    if (month !== '') {
      this.dated++
      let byMonth = this.months.get(month)
      if (byMonth === undefined) {
        byMonth = new Map()
        this.months.set(month, byMonth)
      }
      const monthFlags = (disqualified || missing ? MONTH_FLAGS.ineligible : 0) | (fastTrack ? MONTH_FLAGS.fastTrack : 0)
      const monthKey = (fit * this.engagementSpan + engagement) * 8 + monthFlags
      let monthCell = byMonth.get(monthKey)
      if (monthCell === undefined) {
        monthCell = [month, fit, engagement, monthFlags, 0, 0]
        byMonth.set(monthKey, monthCell)
      }
      monthCell[4]++
      monthCell[5] += outcome
    }

    const matchedCounts = this.matchedCounts
    const convertedCounts = this.convertedCounts
    for (let r = 0; r < matchedCounts.length; r++) {
      const hit = matched[r]
      matchedCounts[r] += hit
      convertedCounts[r] += hit & outcome
    }
  }

  result(): BacktestAggregate {
    return {
      format: 1,
      leads: this.leads,
      converted: this.converted,
      dated: this.dated,
      fitMax: this.config.fit.max,
      engagementMax: this.config.engagement.max,
      grades: this.grades.map((grade) => ({ ...grade })),
      thresholds: { minFit: this.config.mql.minFit, minEngagement: this.config.mql.minEngagement },
      sqlMinMet: this.config.sql.minMet,
      cells: sortCells([...this.cells.values()].map((cell) => [...cell] as AggregateCell)),
      months: sortMonths([...this.months.values()].flatMap((byMonth) => [...byMonth.values()].map((cell) => [...cell] as MonthCell))),
      rules: this.rules.map((rule, r) => ({ ...rule, matched: this.matchedCounts[r], converted: this.convertedCounts[r] })),
    }
  }
}

function sortCells(cells: AggregateCell[]): AggregateCell[] {
  return cells.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3])
}

function sortMonths(months: MonthCell[]): MonthCell[] {
  return months.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2] || a[3] - b[3])
}

/**
 * The aggregate of two parts of one file counted with the same config (each thread of a run
 * counts its own share): counts add up, so the whole is exactly what one tally of every lead
 * gives, cells and months in the same order.
 */
export function mergeAggregates(a: BacktestAggregate, b: BacktestAggregate): BacktestAggregate {
  if (a.rules.length !== b.rules.length || a.rules.some((rule, i) => rule.id !== b.rules[i].id || rule.kind !== b.rules[i].kind)) {
    throw new Error('Aggregates of different configs cannot be merged.')
  }
  const cells = new Map<string, AggregateCell>()
  for (const cell of [...a.cells, ...b.cells]) {
    const key = `${cell[0]} ${cell[1]} ${cell[2]} ${cell[3]}`
    const known = cells.get(key)
    if (known) {
      known[4] += cell[4]
      known[5] += cell[5]
    } else cells.set(key, [...cell])
  }
  const months = new Map<string, MonthCell>()
  for (const cell of [...a.months, ...b.months]) {
    const key = `${cell[0]} ${cell[1]} ${cell[2]} ${cell[3]}`
    const known = months.get(key)
    if (known) {
      known[4] += cell[4]
      known[5] += cell[5]
    } else months.set(key, [...cell])
  }
  return {
    ...a,
    leads: a.leads + b.leads,
    converted: a.converted + b.converted,
    dated: a.dated + b.dated,
    grades: a.grades.map((grade) => ({ ...grade })),
    thresholds: { ...a.thresholds },
    cells: sortCells([...cells.values()]),
    months: sortMonths([...months.values()]),
    rules: a.rules.map((rule, i) => ({ ...rule, matched: rule.matched + b.rules[i].matched, converted: rule.converted + b.rules[i].converted })),
  }
}
