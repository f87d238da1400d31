import { z } from 'zod'
import type { ScoringConfig } from '~/domain/scoring'
import { OUT_OF_DATE, rowId, rowRevision } from '~/domain/scoring-model/form-refs'
import { DATE_FORMATS, NUMBER_FORMATS, type BacktestMapping } from './mapping'

/*
 * The back-test's forms: one zod schema each, used by the page (react-hook-form) and the action
 * alike. The mapping form posts flat text; mappingFromForm turns it into a BacktestMapping.
 */

export const MAX_BACKTEST_FILE_BYTES = 200 * 1024 * 1024
export const MAX_BACKTEST_FILE_LABEL = '200 MB'
/** Models one run may score with: each one is a full pass of scoring over the file. */
export const MAX_MODELS_PER_RUN = 3

/** What the upload form checks about the chosen file: in the browser a FileList, on the server what arrived. */
function chosenFile(value: unknown): { name: string; size: number } | null {
  if (value && typeof value === 'object') {
    const list = value as { length?: number; item?: (index: number) => { name: string; size: number } | null }
    if (typeof list.length === 'number' && typeof list.item === 'function') return list.length > 0 ? list.item(0) : null
    const file = value as { name?: unknown; size?: unknown }
    if (typeof file.name === 'string' && typeof file.size === 'number') return { name: file.name, size: file.size }
  }
  return null
}

export const UploadSchema = z.object({
  intent: z.literal('upload', { error: OUT_OF_DATE }),
  file: z.unknown().superRefine((value, context) => {
    const file = chosenFile(value)
    if (!file) context.addIssue({ code: 'custom', message: 'Choose a file to upload (CSV or JSON Lines).' })
    else if (file.size === 0) context.addIssue({ code: 'custom', message: 'The file is empty: choose an export with a header row and one lead a row.' })
    else if (file.size > MAX_BACKTEST_FILE_BYTES) {
      context.addIssue({ code: 'custom', message: `The file is larger than ${MAX_BACKTEST_FILE_LABEL}, the largest file a back-test reads. Split it, or export fewer columns.` })
    }
  }),
})

/** Text listing values separated by commas: "Select, N/A, -". */
const valueList = (label: string, options: { min?: number } = {}) =>
  z
    .string()
    .max(2000, `${label}: at most 2,000 characters.`)
    .transform((text) => [...new Set(text.split(',').map((value) => value.trim()).filter(Boolean))])
    .refine((values) => values.length >= (options.min ?? 0), `${label}: name at least one value.`)
    .refine((values) => values.every((value) => value.length <= 100), `${label}: each value has at most 100 characters.`)

const columnChoice = z.string().max(500)

export const StartRunSchema = z
  .object({
    intent: z.literal('start-run', { error: OUT_OF_DATE }),
    fields: z.array(z.object({ field: z.string().min(1, OUT_OF_DATE).max(100), column: columnChoice })).max(500).default([]),
    outcomeColumn: columnChoice.min(1, 'Choose the column that says whether the lead converted.'),
    convertedValues: valueList('Converted values', { min: 1 }),
    createdColumn: columnChoice,
    dateFormat: z.enum(DATE_FORMATS, { error: 'Choose how dates are written.' }),
    numberFormat: z.enum(NUMBER_FORMATS, { error: 'Choose how numbers are written.' }),
    emptyTokens: valueList('Values that mean "no answer"'),
    trueValues: valueList('Values that mean yes', { min: 1 }),
    falseValues: valueList('Values that mean no', { min: 1 }),
    activities: z
      .array(
        z.object({
          column: columnChoice,
          kind: z.enum(['count', 'value'], { error: 'Choose whether the column counts or names the activity.' }),
          value: z.string().trim().max(100, 'At most 100 characters.'),
          activity: z.string().max(100),
        }),
      )
      .max(100)
      .default([]),
    /** The models to score with: `draft` and `v<number>`, each a checkbox. */
    models: z.record(z.string().regex(/^(draft|v\d+)$/), z.union([z.literal('on'), z.boolean()]), { error: OUT_OF_DATE }).default({}),
    asOf: z.iso.date({ error: 'Give the date as YYYY-MM-DD.' }),
  })
  .superRefine((form, context) => {
    const chosen = chosenModels(form.models)
    if (chosen.length === 0) context.addIssue({ code: 'custom', path: ['models'], message: 'Choose at least one model to score with.' })
    if (chosen.length > MAX_MODELS_PER_RUN) context.addIssue({ code: 'custom', path: ['models'], message: `Choose at most ${MAX_MODELS_PER_RUN} models for one run.` })
    form.activities.forEach((row, index) => {
      if (!row.column) return
      if (!row.activity) context.addIssue({ code: 'custom', path: ['activities', index, 'activity'], message: 'Choose the activity type this column stands for.' })
      if (row.kind === 'value' && !row.value) context.addIssue({ code: 'custom', path: ['activities', index, 'value'], message: 'Say which value of the column means the activity happened.' })
    })
  })
export type StartRunForm = z.output<typeof StartRunSchema>

/** The ticked model boxes: "on" when posted without JavaScript, true through react-hook-form. */
export function chosenModels(models: Record<string, 'on' | boolean>): string[] {
  return Object.entries(models)
    .filter(([, value]) => value === 'on' || value === true)
    .map(([key]) => key)
}
export type StartRunFormInput = z.input<typeof StartRunSchema>

export function mappingFromForm(form: StartRunForm): BacktestMapping {
  return {
    version: 1,
    emptyTokens: form.emptyTokens,
    trueValues: form.trueValues,
    falseValues: form.falseValues,
    numberFormat: form.numberFormat,
    dateFormat: form.dateFormat,
    fields: form.fields.filter((entry) => entry.column !== '').map((entry) => ({ field: entry.field, column: entry.column })),
    outcome: { column: form.outcomeColumn, convertedValues: form.convertedValues },
    createdAt: form.createdColumn ? { column: form.createdColumn } : null,
    activities: form.activities
      .filter((row) => row.column !== '')
      .map((row) => (row.kind === 'count' ? { kind: 'count', column: row.column, activity: row.activity } : { kind: 'value', column: row.column, value: row.value, activity: row.activity })),
  }
}

/** Blank activity rows offered below the mapped ones (without JavaScript the form cannot add rows). */
export const SPARE_ACTIVITY_ROWS = 3

/** The mapping form's values for a mapping, over the model's fields (unmapped ones empty). */
export function startRunFormValues(mapping: BacktestMapping, fields: ScoringConfig['fields'], models: string[], asOf: string): StartRunFormInput {
  const columnOf = new Map(mapping.fields.map((entry) => [entry.field, entry.column]))
  return {
    intent: 'start-run',
    fields: fields.map((field) => ({ field: field.key, column: columnOf.get(field.key) ?? '' })),
    outcomeColumn: mapping.outcome.column,
    convertedValues: mapping.outcome.convertedValues.join(', '),
    createdColumn: mapping.createdAt?.column ?? '',
    dateFormat: mapping.dateFormat,
    numberFormat: mapping.numberFormat,
    emptyTokens: mapping.emptyTokens.join(', '),
    trueValues: mapping.trueValues.join(', '),
    falseValues: mapping.falseValues.join(', '),
    activities: [
      ...mapping.activities.map((row) => ({ column: row.column, kind: row.kind, value: row.kind === 'value' ? row.value : '', activity: row.activity })),
      ...Array.from({ length: SPARE_ACTIVITY_ROWS }, () => ({ column: '', kind: 'count' as const, value: '', activity: '' })),
    ],
    models: Object.fromEntries(models.map((model) => [model, 'on' as const])),
    asOf,
  }
}

export const CancelRunSchema = z.object({ intent: z.literal('cancel-run', { error: OUT_OF_DATE }) })
export const DeleteRunSchema = z.object({ intent: z.literal('delete-run', { error: OUT_OF_DATE }), runId: rowId })

const whole = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(0, `${label} must be 0 or more.`)
    .max(10000, `${label} must be at most 10,000.`)

/** Saves the thresholds chosen with the sliders back to the scoring model (a change like any other). */
export const SaveThresholdsSchema = z.object({
  intent: z.literal('save-thresholds', { error: OUT_OF_DATE }),
  revision: rowRevision,
  minFit: whole('Minimum fit'),
  minEngagement: whole('Minimum engagement'),
})
