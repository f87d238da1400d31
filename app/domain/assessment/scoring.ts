import { DIMENSION_IDS, DONT_KNOW, dimensionTitle, type Answer, type DimensionId, type QuestionSet } from './questions'

/*
 * How answers become scores. Every number a consultant puts in front of a leadership team comes
 * from these few rules, so each is stated where it is applied:
 *
 * - An answer scores 1–5; a reverse-worded statement scores 6 − answer; "don't know" is left out.
 * - A person's score in a dimension is the mean of their scored answers in it (none: no score).
 * - A team's score in a dimension is the mean of its members' scores × 20, rounded: 20 when
 *   everyone strongly disagrees, 100 when everyone strongly agrees — the scale of the
 *   Kotler/Rackham/Krishnaswamy instrument (HBR 2006), whose 20 statements sum to 20–100.
 * - The perception gap is marketing's score minus sales' (positive: marketing sees more alignment).
 * - The alignment index is the weighted mean, over the dimensions, of marketing's and sales'
 *   scores averaged with one vote per team (INDEX_FORMULA), read on the instrument's four bands.
 * - A team's results show only from MIN_RESPONSES_PER_TEAM submitted responses: fewer would let
 *   anyone in the room work out who answered what.
 */

export const TEAMS = ['marketing', 'sales', 'other'] as const
export type Team = (typeof TEAMS)[number]
export const TEAM_LABELS: Record<Team, string> = { marketing: 'Marketing', sales: 'Sales', other: 'Other' }

export const MIN_RESPONSES_PER_TEAM = 3

export const INDEX_FORMULA =
  'The alignment index is the weighted average, over the six dimensions, of the mean of marketing’s and sales’ scores (one vote per team, whatever its size); every score is the average answer × 20, reverse-worded statements turned round and “don’t know” left out.'

export const BANDS = [
  { id: 'undefined', label: 'Undefined', min: 0, description: 'The teams work on their own agendas; conflict over leads is common and nobody owns the handoff.' },
  { id: 'defined', label: 'Defined', min: 40, description: 'Rules and processes mark the boundaries; the teams cooperate on paper but still argue over leads and credit.' },
  { id: 'aligned', label: 'Aligned', min: 60, description: 'Clear but flexible boundaries, shared planning and a shared language for leads.' },
  { id: 'integrated', label: 'Integrated', min: 80, description: 'Shared goals, metrics and processes; the handoff is hardly noticed.' },
] as const
export type Band = (typeof BANDS)[number]

/** The band a 0–100 score reads on: 20–39 Undefined, 40–59 Defined, 60–79 Aligned, 80–100 Integrated. */
export function bandOf(score: number): Band {
  let band: Band = BANDS[0]
  for (const candidate of BANDS) if (score >= candidate.min) band = candidate
  return band
}

export type ResponseAnswers = { team: Team; answers: Readonly<Record<string, Answer>> }

/** What a 1–5 answer counts for: reverse-worded statements turned round; "don't know" counts for nothing. */
export function pointsOf(answer: Answer, reverse: boolean): number | null {
  if (answer === DONT_KNOW) return null
  return reverse ? 6 - answer : answer
}

/** One person's mean (1–5) per dimension, from their scored answers; a dimension with none is absent. */
export function personDimensionMeans(set: QuestionSet, answers: Readonly<Record<string, Answer>>): Partial<Record<DimensionId, number>> {
  const sums = new Map<DimensionId, { total: number; count: number }>()
  for (const statement of set.statements) {
    const answer = Object.hasOwn(answers, statement.id) ? answers[statement.id] : undefined
    if (answer === undefined) continue
    const points = pointsOf(answer, statement.reverse)
    if (points === null) continue
    const sum = sums.get(statement.dimension) ?? { total: 0, count: 0 }
    sums.set(statement.dimension, { total: sum.total + points, count: sum.count + 1 })
  }
  return Object.fromEntries([...sums].map(([dimension, sum]) => [dimension, sum.total / sum.count]))
}

export type TeamDimensionScore = { score: number | null; respondents: number }
export type TeamScores = { responses: number; dimensions: Record<DimensionId, TeamDimensionScore> }

/** A team's 0–100 score per dimension (rounded), and how many people it rests on. */
export function teamScores(set: QuestionSet, responses: readonly ResponseAnswers[]): TeamScores {
  const means = responses.map((response) => personDimensionMeans(set, response.answers))
  const dimensions = Object.fromEntries(
    DIMENSION_IDS.map((dimension) => {
      const scored = means.map((mean) => mean[dimension]).filter((value): value is number => value !== undefined)
      const score = scored.length === 0 ? null : Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 20)
      return [dimension, { score, respondents: scored.length }]
    }),
  ) as Record<DimensionId, TeamDimensionScore>
  return { responses: responses.length, dimensions }
}

/** Marketing minus sales, or null when either has no score. */
export function perceptionGap(marketing: number | null, sales: number | null): number | null {
  return marketing === null || sales === null ? null : marketing - sales
}

/** The mean of marketing's and sales' scores: one vote per team. */
export function combinedScore(marketing: number | null, sales: number | null): number | null {
  return marketing === null || sales === null ? null : (marketing + sales) / 2
}

/**
 * The alignment index (INDEX_FORMULA), rounded: dimensions without both teams' scores are left
 * out and the remaining weights count in proportion. Null when no dimension has both.
 */
export function alignmentIndex(combined: Partial<Record<DimensionId, number | null>>, weights: Readonly<Record<DimensionId, number>>): number | null {
  let total = 0
  let weightSum = 0
  for (const dimension of DIMENSION_IDS) {
    const score = combined[dimension]
    const weight = weights[dimension]
    if (score === null || score === undefined || !(weight > 0)) continue
    total += score * weight
    weightSum += weight
  }
  return weightSum === 0 ? null : Math.round(total / weightSum)
}

export type DimensionResult = {
  id: DimensionId
  title: string
  weight: number
  marketing: number | null
  sales: number | null
  other: number | null
  combined: number | null
  gap: number | null
}

export type RoundResult = {
  /** Submitted responses per team: shown to the facilitator even below the threshold. */
  counts: Record<Team, number>
  /** Which teams have enough responses for their results to show. */
  visible: Record<Team, boolean>
  /** Both marketing and sales have enough responses: gaps, index and recommendations exist. */
  comparable: boolean
  minResponses: number
  dimensions: DimensionResult[]
  index: number | null
  band: Band | null
  /** Dimensions from weakest to strongest by combined score (only when comparable). */
  weakest: DimensionId[]
  /** The dimension with the largest gap either way, or null. */
  largestGap: DimensionId | null
}

/**
 * Everything the results page, the report and the portfolio show for one round. A team below
 * `minResponses` keeps only its count: its scores are null, and it takes no part in gaps or the index.
 */
export function assessRound(
  set: QuestionSet,
  responses: readonly ResponseAnswers[],
  options: { minResponses?: number; weights?: Readonly<Record<DimensionId, number>> } = {},
): RoundResult {
  const minResponses = options.minResponses ?? MIN_RESPONSES_PER_TEAM
  const weights = options.weights ?? set.weights
  const byTeam = Object.fromEntries(TEAMS.map((team) => [team, responses.filter((response) => response.team === team)])) as Record<Team, ResponseAnswers[]>
  const counts = Object.fromEntries(TEAMS.map((team) => [team, byTeam[team].length])) as Record<Team, number>
  const visible = Object.fromEntries(TEAMS.map((team) => [team, counts[team] >= minResponses])) as Record<Team, boolean>
  const scores = Object.fromEntries(TEAMS.map((team) => [team, visible[team] ? teamScores(set, byTeam[team]) : null])) as Record<Team, TeamScores | null>
  const comparable = visible.marketing && visible.sales

  const dimensions: DimensionResult[] = DIMENSION_IDS.map((id) => {
    const marketing = scores.marketing?.dimensions[id].score ?? null
    const sales = scores.sales?.dimensions[id].score ?? null
    return {
      id,
      title: dimensionTitle(set, id),
      weight: weights[id],
      marketing,
      sales,
      other: scores.other?.dimensions[id].score ?? null,
      combined: combinedScore(marketing, sales),
      gap: perceptionGap(marketing, sales),
    }
  })
  const index = comparable ? alignmentIndex(Object.fromEntries(dimensions.map((d) => [d.id, d.combined])), weights) : null
  const ranked = dimensions.filter((d) => d.combined !== null)
  // Stable sorts: a tie keeps the questionnaire's order, so the same answers always read the same.
  const weakest = [...ranked].sort((a, b) => a.combined! - b.combined!).map((d) => d.id)
  const gaps = dimensions.filter((d) => d.gap !== null).sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!))
  return {
    counts,
    visible,
    comparable,
    minResponses,
    dimensions,
    index,
    band: index === null ? null : bandOf(index),
    weakest,
    largestGap: gaps[0]?.id ?? null,
  }
}

export type DimensionChange = {
  id: DimensionId
  title: string
  before: { marketing: number | null; sales: number | null; combined: number | null; gap: number | null }
  after: { marketing: number | null; sales: number | null; combined: number | null; gap: number | null }
  /** after − before of the combined score; null when either round has none. */
  change: number | null
  /** How much the absolute gap shrank (positive = closer together). */
  gapClosed: number | null
}

export type RoundComparison = { dimensions: DimensionChange[]; indexBefore: number | null; indexAfter: number | null; indexChange: number | null }

const difference = (after: number | null, before: number | null) => (after === null || before === null ? null : after - before)

/** Two rounds side by side: the change per dimension and in the index (the "after" round minus the "before"). */
export function compareRounds(before: RoundResult, after: RoundResult): RoundComparison {
  const dimensions = after.dimensions.map((dimension): DimensionChange => {
    const earlier = before.dimensions.find((candidate) => candidate.id === dimension.id)
    const pick = (d: DimensionResult | undefined) => ({ marketing: d?.marketing ?? null, sales: d?.sales ?? null, combined: d?.combined ?? null, gap: d?.gap ?? null })
    const was = pick(earlier)
    const now = pick(dimension)
    return {
      id: dimension.id,
      title: dimension.title,
      before: was,
      after: now,
      change: difference(now.combined, was.combined),
      gapClosed: was.gap === null || now.gap === null ? null : Math.abs(was.gap) - Math.abs(now.gap),
    }
  })
  return { dimensions, indexBefore: before.index, indexAfter: after.index, indexChange: difference(after.index, before.index) }
}
