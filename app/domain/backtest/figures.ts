import type { Stage } from '~/domain/scoring'
import { fitMatrix, type Band, type MatrixCell } from '~/domain/scoring-model/matrix'
import { CELL_FLAGS, MONTH_FLAGS, type BacktestAggregate } from './aggregate'

/*
 * Every figure of a back-test's results, computed from its stored aggregate for one pair of
 * whole-number MQL thresholds. It runs on the server for the first render and in the browser
 * while the sliders move; a test holds it equal to scoring every lead again at those thresholds.
 */

export interface Thresholds {
  minFit: number
  minEngagement: number
}

export interface Counts {
  leads: number
  converted: number
}

export interface HistogramBin extends Counts {
  from: number
  to: number
  label: string
  /** Whether the leads of this bin pass the axis' threshold: all of them, some, or none. */
  passes: 'all' | 'some' | 'none'
}

export interface MatrixFigure {
  bands: Band[]
  rows: { grade: string; fitRange: string; cells: (Counts & { zone: MatrixCell })[] }[]
}

export interface Decile extends Counts {
  decile: number
  /** The range of combined scores in this tenth of the leads (floor(fit) + floor(engagement)). */
  minScore: number
  maxScore: number
}

export interface MonthFigure extends Counts {
  month: string
  mqls: number
  mqlsConverted: number
}

export interface BacktestFigures {
  thresholds: Thresholds
  leads: number
  converted: number
  baselineRate: number | null
  stages: Record<Stage, Counts>
  /** "Is MQL": stage mql or sql (an SQL is an MQL that also meets the SQL criteria). */
  mql: Counts & { precision: number | null; recall: number | null; lift: number | null }
  fitHistogram: HistogramBin[]
  engagementHistogram: HistogramBin[]
  matrix: MatrixFigure
  deciles: Decile[]
  /** Area under the ROC curve of each score against the outcome (0.5: no better than chance); null without both outcomes. */
  auc: { combined: number | null; fit: number | null; engagement: number | null }
  months: MonthFigure[]
  /** Leads without a created date, counted in no month. */
  undated: number
}

/** The slider range of each threshold: whole numbers from 0 to the axis' maximum. */
export function thresholdRange(aggregate: Pick<BacktestAggregate, 'fitMax' | 'engagementMax'>) {
  return { fit: { min: 0, max: Math.floor(aggregate.fitMax) }, engagement: { min: 0, max: Math.floor(aggregate.engagementMax) } }
}

/** Whole-number thresholds within the range: the figures are exact for these. */
export function wholeThresholds(aggregate: Pick<BacktestAggregate, 'fitMax' | 'engagementMax'>, thresholds: Thresholds): Thresholds {
  const range = thresholdRange(aggregate)
  const whole = (value: number, max: number) => Math.min(max, Math.max(0, Math.ceil(Number.isFinite(value) ? value : 0)))
  return { minFit: whole(thresholds.minFit, range.fit.max), minEngagement: whole(thresholds.minEngagement, range.engagement.max) }
}

/** The stage of the leads of one cell at these thresholds (DESIGN §5, in the engine's order). */
export function stageOfCell(fit: number, engagement: number, flags: number, thresholds: Thresholds): Stage {
  if (flags & CELL_FLAGS.disqualified) return 'disqualified'
  if (flags & CELL_FLAGS.missingRequired) return 'lead'
  if (fit >= thresholds.minFit && (engagement >= thresholds.minEngagement || (flags & CELL_FLAGS.fastTrack) !== 0)) {
    return flags & CELL_FLAGS.sqlQualified ? 'sql' : 'mql'
  }
  return 'lead'
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

export function computeFigures(aggregate: BacktestAggregate, requested: Thresholds): BacktestFigures {
  const thresholds = wholeThresholds(aggregate, requested)
  const stages: Record<Stage, Counts> = {
    disqualified: { leads: 0, converted: 0 },
    lead: { leads: 0, converted: 0 },
    mql: { leads: 0, converted: 0 },
    sql: { leads: 0, converted: 0 },
  }
  const range = thresholdRange(aggregate)
  const fitBins = bins(range.fit.max, thresholds.minFit)
  const engagementBins = bins(range.engagement.max, thresholds.minEngagement)
  const matrix = matrixFor(aggregate, thresholds)
  const bandOf = bandLookup(matrix.bands, range.engagement.max)
  const noGradeRow = matrix.rows.length - 1
  const binWidth = (binsOf: HistogramBin[]) => (binsOf.length > 1 ? binsOf[1].from - binsOf[0].from : 1)
  const fitWidth = binWidth(fitBins)
  const engagementWidth = binWidth(engagementBins)
  const combined = new Map<number, Counts>()
  const fitScores = new Map<number, Counts>()
  const engagementScores = new Map<number, Counts>()

  for (const [fit, engagement, grade, flags, leads, converted] of aggregate.cells) {
    const stage = stageOfCell(fit, engagement, flags, thresholds)
    stages[stage].leads += leads
    stages[stage].converted += converted
    add(fitBins[Math.min(fitBins.length - 1, Math.floor(fit / fitWidth))], leads, converted)
    add(engagementBins[Math.min(engagementBins.length - 1, Math.floor(engagement / engagementWidth))], leads, converted)
    const row = matrix.rows[grade < 0 ? noGradeRow : grade]
    if (row) add(row.cells[bandOf(engagement)], leads, converted)
    addTo(combined, fit + engagement, leads, converted)
    addTo(fitScores, fit, leads, converted)
    addTo(engagementScores, engagement, leads, converted)
  }
  // The "no grade" row is shown only when some lead has no grade.
  if (matrix.rows[noGradeRow].cells.every((cell) => cell.leads === 0)) matrix.rows.pop()

  const mqlLeads = stages.mql.leads + stages.sql.leads
  const mqlConverted = stages.mql.converted + stages.sql.converted
  const baselineRate = ratio(aggregate.converted, aggregate.leads)
  const precision = ratio(mqlConverted, mqlLeads)
  return {
    thresholds,
    leads: aggregate.leads,
    converted: aggregate.converted,
    baselineRate,
    stages,
    mql: {
      leads: mqlLeads,
      converted: mqlConverted,
      precision,
      recall: ratio(mqlConverted, aggregate.converted),
      lift: precision === null || !baselineRate ? null : precision / baselineRate,
    },
    fitHistogram: fitBins,
    engagementHistogram: engagementBins,
    matrix,
    deciles: deciles(combined, aggregate.leads),
    auc: { combined: auc(combined), fit: auc(fitScores), engagement: auc(engagementScores) },
    months: monthFigures(aggregate, thresholds),
    undated: aggregate.leads - aggregate.dated,
  }
}

function add(target: Counts | undefined, leads: number, converted: number) {
  if (!target) return
  target.leads += leads
  target.converted += converted
}

function addTo(map: Map<number, Counts>, score: number, leads: number, converted: number) {
  const entry = map.get(score)
  if (entry) add(entry, leads, converted)
  else map.set(score, { leads, converted })
}

const NICE_WIDTHS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]

/** Bins of a nice width covering 0…max, at most 25 of them. */
function bins(max: number, threshold: number): HistogramBin[] {
  const values = max + 1
  const width = NICE_WIDTHS.find((candidate) => Math.ceil(values / candidate) <= 25) ?? Math.ceil(values / 25)
  const result: HistogramBin[] = []
  for (let from = 0; from <= max; from += width) {
    const to = Math.min(max, from + width - 1)
    const passes = from >= threshold ? 'all' : to >= threshold ? 'some' : 'none'
    result.push({ from, to, label: from === to ? String(from) : `${from}–${to}`, passes, leads: 0, converted: 0 })
  }
  return result
}

function matrixFor(aggregate: BacktestAggregate, thresholds: Thresholds): MatrixFigure {
  const shape = fitMatrix({
    fitMax: aggregate.fitMax,
    engagementMax: aggregate.engagementMax,
    mqlMinFit: thresholds.minFit,
    mqlMinEngagement: thresholds.minEngagement,
    grades: aggregate.grades,
  })
  const rows = shape.rows.map((row) => ({ grade: row.grade, fitRange: row.fitRange, cells: row.cells.map((zone) => ({ zone, leads: 0, converted: 0 })) }))
  const lowest = aggregate.grades.length ? Math.min(...aggregate.grades.map((grade) => grade.minFit)) : aggregate.fitMax + 1
  rows.push({
    grade: 'No grade',
    fitRange: lowest > 0 ? `0–${Math.ceil(lowest) - 1}` : '—',
    cells: shape.bands.map(() => ({ zone: 'none' as const, leads: 0, converted: 0 })),
  })
  return { bands: shape.bands, rows }
}

/** The band of a whole engagement score (the bands cover 0…max without gaps). */
function bandLookup(bands: Band[], max: number): (engagement: number) => number {
  const index = new Int32Array(max + 1)
  for (let value = 0; value <= max; value++) {
    const found = bands.findIndex((band) => value >= band.min && value <= band.max)
    index[value] = found < 0 ? bands.length - 1 : found
  }
  return (engagement) => index[Math.min(max, Math.max(0, engagement))]
}

/**
 * Ten equal tenths of the leads, highest combined score first. Leads with the same score cannot
 * be told apart, so a score shared across a boundary is split between the two tenths in
 * proportion (its conversions too): counts may be fractional.
 */
function deciles(byScore: Map<number, Counts>, total: number): Decile[] {
  if (total === 0) return []
  const groups = [...byScore.entries()].sort(([a], [b]) => b - a)
  const result: Decile[] = Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, leads: 0, converted: 0, minScore: Infinity, maxScore: -Infinity }))
  let start = 0
  for (const [score, counts] of groups) {
    const end = start + counts.leads
    for (let d = Math.floor((start * 10) / total); d < 10; d++) {
      const from = (d * total) / 10
      const to = ((d + 1) * total) / 10
      const overlap = Math.min(end, to) - Math.max(start, from)
      if (overlap <= 0) {
        if (from >= end) break
        continue
      }
      const decile = result[d]
      decile.leads += overlap
      decile.converted += (counts.converted * overlap) / counts.leads
      decile.minScore = Math.min(decile.minScore, score)
      decile.maxScore = Math.max(decile.maxScore, score)
    }
    start = end
  }
  return result.filter((decile) => decile.leads > 0)
}

/**
 * The Mann–Whitney AUC: the chance that a converted lead scores higher than one that did not
 * (ties count half). Summed as whole numbers (twice the wins plus the ties), then divided once.
 */
export function auc(byScore: Map<number, Counts>): number | null {
  let positives = 0
  let negatives = 0
  for (const counts of byScore.values()) {
    positives += counts.converted
    negatives += counts.leads - counts.converted
  }
  if (positives === 0 || negatives === 0) return null
  let twiceWins = 0
  let negativesBelow = 0
  for (const [, counts] of [...byScore.entries()].sort(([a], [b]) => a - b)) {
    const negativesHere = counts.leads - counts.converted
    twiceWins += counts.converted * (2 * negativesBelow + negativesHere)
    negativesBelow += negativesHere
  }
  return twiceWins / (2 * positives * negatives)
}

function monthFigures(aggregate: BacktestAggregate, thresholds: Thresholds): MonthFigure[] {
  const byMonth = new Map<string, MonthFigure>()
  for (const [month, fit, engagement, flags, leads, converted] of aggregate.months) {
    let figure = byMonth.get(month)
    if (!figure) {
      figure = { month, leads: 0, converted: 0, mqls: 0, mqlsConverted: 0 }
      byMonth.set(month, figure)
    }
    figure.leads += leads
    figure.converted += converted
    const isMql =
      !(flags & MONTH_FLAGS.ineligible) && fit >= thresholds.minFit && (engagement >= thresholds.minEngagement || (flags & MONTH_FLAGS.fastTrack) !== 0)
    if (isMql) {
      figure.mqls += leads
      figure.mqlsConverted += converted
    }
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
}
