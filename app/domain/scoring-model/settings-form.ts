import { z } from 'zod'
import { rowRevision } from './form-refs'
import type { StoredSettings } from './model'

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
