import { z } from 'zod'
import { PRIORITIES } from '~/domain/sla/schema'
import { plainText } from '../text'
import { rowRevision } from './form-refs'
import type { StoredBand, StoredPriority, StoredSettings } from './model'

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`)

export const ThresholdsSchema = z
  .object({
    intent: z.literal('save-thresholds'),
    revision: rowRevision,
    fitMax: whole('The fit cap', 1, 10000),
    engagementMax: whole('The engagement cap', 1, 10000),
    halfLifeDays: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      whole('The half-life', 1, 3650).optional(),
    ),
    mqlMinFit: whole('Minimum fit', 0, 10000),
    mqlMinEngagement: whole('Minimum engagement', 0, 10000),
    gradeA: whole('Grade A', 0, 10000),
    gradeB: whole('Grade B', 0, 10000),
    gradeC: whole('Grade C', 0, 10000),
    gradeD: whole('Grade D', 0, 10000),
  })
  .superRefine((value, ctx) => {
    if (value.mqlMinFit > value.fitMax) ctx.addIssue({ code: 'custom', path: ['mqlMinFit'], message: 'Minimum fit cannot exceed the fit cap: no lead could reach it.' })
    if (value.mqlMinEngagement > value.engagementMax)
      ctx.addIssue({ code: 'custom', path: ['mqlMinEngagement'], message: 'Minimum engagement cannot exceed the engagement cap.' })
    if (!(value.gradeA > value.gradeB && value.gradeB > value.gradeC && value.gradeC > value.gradeD))
      ctx.addIssue({ code: 'custom', path: ['gradeB'], message: 'Grades must step down: A above B above C above D.' })
    if (value.gradeA > value.fitMax) ctx.addIssue({ code: 'custom', path: ['gradeA'], message: 'Grade A cannot be above the fit cap.' })
  })

export type ThresholdsForm = z.output<typeof ThresholdsSchema>
export type ThresholdsFormInput = z.input<typeof ThresholdsSchema>

export function thresholdsPatch(form: ThresholdsForm): Partial<StoredSettings> {
  return {
    fitMax: form.fitMax,
    engagementMax: form.engagementMax,
    halfLifeDays: form.halfLifeDays ?? null,
    mqlMinFit: form.mqlMinFit,
    mqlMinEngagement: form.mqlMinEngagement,
    grades: [
      { grade: 'A', minFit: form.gradeA },
      { grade: 'B', minFit: form.gradeB },
      { grade: 'C', minFit: form.gradeC },
      { grade: 'D', minFit: form.gradeD },
    ],
  }
}

/** The thresholds form's values for the stored settings, at their revision. */
export function thresholdsFormValues(settings: Pick<StoredSettings, 'fitMax' | 'engagementMax' | 'halfLifeDays' | 'mqlMinFit' | 'mqlMinEngagement' | 'grades'> & { revision: number }) {
  const gradeMin = (grade: string) => String(settings.grades.find((candidate) => candidate.grade === grade)?.minFit ?? '')
  return {
    intent: 'save-thresholds' as const,
    revision: String(settings.revision),
    fitMax: String(settings.fitMax),
    engagementMax: String(settings.engagementMax),
    halfLifeDays: settings.halfLifeDays === null ? '' : String(settings.halfLifeDays),
    mqlMinFit: String(settings.mqlMinFit),
    mqlMinEngagement: String(settings.mqlMinEngagement),
    gradeA: gradeMin('A'),
    gradeB: gradeMin('B'),
    gradeC: gradeMin('C'),
    gradeD: gradeMin('D'),
  }
}

/*
 * Format 2: engagement bands and the grade × band priority matrix, each its own form. Bands are
 * rows (name, minimum engagement) with empty rows to add more; clearing a row removes the band.
 * A renamed band keeps its priorities (each row posts the name it was saved under); a removed
 * band's priorities go with it. The matrix is one row per grade × band cell.
 */

export const MAX_BANDS = 8

const bandName = plainText({ max: 40, label: 'The band', tooLong: 'A band name has at most 40 characters.' }).optional().default('')

export const BandsSchema = z
  .object({
    intent: z.literal('save-bands'),
    revision: rowRevision,
    bands: z
      .array(
        z.object({
          band: bandName,
          minEngagement: z.string().trim().optional().default(''),
          was: z.string().optional().default(''),
        }),
      )
      .max(MAX_BANDS + 2, `At most ${MAX_BANDS} bands.`)
      .optional()
      .default([]),
  })
  .superRefine((form, ctx) => {
    const seen = new Map<string, number>()
    const minimums = new Map<number, number>()
    let count = 0
    form.bands.forEach((row, index) => {
      if (!row.band && !row.minEngagement) return
      count++
      if (!row.band) ctx.addIssue({ code: 'custom', path: ['bands', index, 'band'], message: 'Name the band, e.g. 1 or Hot.' })
      const min = Number(row.minEngagement)
      if (row.minEngagement === '' || !Number.isInteger(min) || min < 0 || min > 10000)
        ctx.addIssue({ code: 'custom', path: ['bands', index, 'minEngagement'], message: 'Enter the minimum engagement, a whole number from 0.' })
      else if (minimums.has(min)) ctx.addIssue({ code: 'custom', path: ['bands', index, 'minEngagement'], message: `Band ${minimums.get(min)! + 1} already starts at ${min}.` })
      else minimums.set(min, index)
      const key = row.band.toLowerCase()
      if (row.band && seen.has(key)) ctx.addIssue({ code: 'custom', path: ['bands', index, 'band'], message: 'Two bands have this name.' })
      seen.set(key, index)
    })
    if (count > MAX_BANDS) ctx.addIssue({ code: 'custom', path: ['bands'], message: `At most ${MAX_BANDS} bands.` })
  })

export type BandsForm = z.output<typeof BandsSchema>

/**
 * The bands to store, highest first, and the priorities that follow them: a renamed band's
 * entries take its new name, a removed band's are dropped (`dropped` counts them, for the message).
 */
export function bandsPatch(form: BandsForm, current: Pick<StoredSettings, 'priorities'>): { bands: StoredBand[]; priorities: StoredPriority[]; dropped: number } {
  const rows = form.bands.filter((row) => row.band && row.minEngagement !== '')
  const bands = rows.map((row) => ({ band: row.band, minEngagement: Number(row.minEngagement) })).sort((a, b) => b.minEngagement - a.minEngagement)
  const renamed = new Map(rows.filter((row) => row.was).map((row) => [row.was, row.band]))
  const kept: StoredPriority[] = []
  let dropped = 0
  for (const entry of current.priorities ?? []) {
    const band = renamed.get(entry.band) ?? (bands.some((candidate) => candidate.band === entry.band) && !renamed.has(entry.band) ? entry.band : undefined)
    if (band === undefined) dropped++
    else kept.push({ ...entry, band })
  }
  return { bands, priorities: kept, dropped }
}

/** The bands form's rows for the stored bands, and empty rows to add more. */
export function bandsFormValues(settings: Pick<StoredSettings, 'bands'> & { revision: number }) {
  const rows = (settings.bands ?? []).map((band) => ({ band: band.band, minEngagement: String(band.minEngagement), was: band.band }))
  const blanks = Math.max(0, Math.min(2, MAX_BANDS - rows.length))
  return {
    intent: 'save-bands' as const,
    revision: String(settings.revision),
    bands: [...rows, ...Array.from({ length: rows.length === 0 ? 4 : blanks }, () => ({ band: '', minEngagement: '', was: '' }))],
  }
}

/** The handoff SLA priorities a matrix cell may name; the SLA step defines their targets. */
export const SLA_PRIORITY_CHOICES = PRIORITIES

export const PrioritiesSchema = z.object({
  intent: z.literal('save-priorities'),
  revision: rowRevision,
  cells: z
    .array(
      z.object({
        grade: z.string().max(200).optional().default(''),
        band: z.string().max(40).optional().default(''),
        priority: plainText({ max: 40, label: 'The priority', tooLong: 'A priority name has at most 40 characters.' }).optional().default(''),
        label: plainText({ max: 200, label: 'What sales does', tooLong: 'Keep it under 200 characters.' }).optional().default(''),
        slaPriority: z
          .union([z.literal(''), z.enum(PRIORITIES, { error: 'Pick one of the SLA’s priorities.' })])
          .optional()
          .default(''),
      }),
    )
    .max(200)
    .optional()
    .default([]),
}).superRefine((form, ctx) => {
  form.cells.forEach((cell, index) => {
    if ((cell.priority || cell.slaPriority) && !cell.label)
      ctx.addIssue({ code: 'custom', path: ['cells', index, 'label'], message: 'Say what sales does with these leads, e.g. “Call within 5 minutes”.' })
  })
})

export type PrioritiesForm = z.output<typeof PrioritiesSchema>

/** The entries to store: a cell with what sales does; its name defaults to grade and band ("A1"). */
export function prioritiesFromForm(form: PrioritiesForm): StoredPriority[] {
  return form.cells
    .filter((cell) => cell.grade && cell.band && cell.label)
    .map((cell) => ({
      grade: cell.grade,
      band: cell.band,
      priority: cell.priority || `${cell.grade}${cell.band}`,
      label: cell.label,
      ...(cell.slaPriority ? { slaPriority: cell.slaPriority } : {}),
    }))
}

/** One form row per grade × band (grades from the top, bands from the top), filled from the stored entries. */
export function prioritiesFormValues(settings: Pick<StoredSettings, 'bands' | 'priorities' | 'grades'> & { revision: number }) {
  const grades = [...settings.grades].sort((a, b) => b.minFit - a.minFit)
  const cells = grades.flatMap((grade) =>
    (settings.bands ?? []).map((band) => {
      const entry = settings.priorities?.find((candidate) => candidate.grade === grade.grade && candidate.band === band.band)
      return { grade: grade.grade, band: band.band, priority: entry?.priority ?? '', label: entry?.label ?? '', slaPriority: (entry?.slaPriority ?? '') as '' | (typeof PRIORITIES)[number] }
    }),
  )
  return { intent: 'save-priorities' as const, revision: String(settings.revision), cells }
}
