/*
 * The fit × engagement matrix: rows are fit grades (A–D), columns engagement bands. A cell is
 * an MQL when every lead in it passes both thresholds, "some" when only part of the cell
 * does (the threshold falls inside the grade's or band's range), "none" otherwise.
 */

export type MatrixCell = 'mql' | 'some' | 'none'

export type Band = { label: string; min: number; max: number; /** The model's own band name, when the columns are its bands. */ name?: string }

/**
 * The model's own engagement bands as columns, lowest first (scoring format 2): the matrix then
 * shows the same bands as the priority matrix and every score's band. Below the lowest band's
 * minimum, a column without a name holds the leads that are in no band.
 */
export function definedBands(engagementMax: number, defined: readonly { band: string; minEngagement: number }[]): Band[] {
  const ascending = [...defined].sort((a, b) => a.minEngagement - b.minEngagement)
  const columns: Band[] = []
  const lowest = ascending[0]!.minEngagement
  if (lowest > 0) columns.push({ label: `0–${lowest - 1}`, min: 0, max: lowest - 1 })
  ascending.forEach((band, index) => {
    const next = ascending[index + 1]
    const min = Math.max(0, band.minEngagement)
    const max = next ? next.minEngagement - 1 : engagementMax
    columns.push({ label: next ? `${min}–${max}` : `${min}–${engagementMax}`, min, max, name: band.band })
  })
  return columns
}

export function engagementBands(engagementMax: number, minEngagement: number): Band[] {
  const cuts = [0, Math.round(minEngagement / 2), minEngagement, Math.round((minEngagement + engagementMax) / 2), engagementMax]
  const unique = [...new Set(cuts.filter((cut) => cut >= 0 && cut <= engagementMax))].sort((a, b) => a - b)
  const bands: Band[] = []
  for (let i = 0; i < unique.length - 1; i++) {
    const min = unique[i]!
    const max = unique[i + 1]!
    bands.push({ label: i === unique.length - 2 ? `${min}–${max}` : `${min}–${max - 1}`, min, max: i === unique.length - 2 ? max : max - 1 })
  }
  return bands.length ? bands : [{ label: `0–${engagementMax}`, min: 0, max: engagementMax }]
}

export function fitMatrix(settings: {
  fitMax: number
  engagementMax: number
  mqlMinFit: number
  mqlMinEngagement: number
  grades: readonly { grade: string; minFit: number }[]
  /** The model's engagement bands (format 2); without them, the columns split engagement around the MQL threshold. */
  bands?: readonly { band: string; minEngagement: number }[] | null
}) {
  const grades = [...settings.grades].sort((a, b) => b.minFit - a.minFit)
  const bands = settings.bands?.length ? definedBands(settings.engagementMax, settings.bands) : engagementBands(settings.engagementMax, settings.mqlMinEngagement)
  const rows = grades.map((grade, index) => {
    const fitLow = grade.minFit
    const fitHigh = index === 0 ? settings.fitMax : grades[index - 1]!.minFit - 1
    const cells = bands.map((band): MatrixCell => {
      const allFit = fitLow >= settings.mqlMinFit
      const someFit = fitHigh >= settings.mqlMinFit
      const allEngaged = band.min >= settings.mqlMinEngagement
      const someEngaged = band.max >= settings.mqlMinEngagement
      if (allFit && allEngaged) return 'mql'
      if (someFit && someEngaged) return 'some'
      return 'none'
    })
    return { grade: grade.grade, fitRange: `${fitLow}–${Math.max(fitLow, fitHigh)}`, cells }
  })
  return { bands, rows }
}
