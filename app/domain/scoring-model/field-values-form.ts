import { z } from 'zod'
import { plainText } from '../text'
import { rowId, rowRevision } from './form-refs'

/*
 * The allowed values of a text field, each with its display label (`c_level` → “C-level”): the
 * criteria page's editor posts them as rows `values.0.value`, `values.0.label`… Rows left blank
 * are the empty ones offered to type more into and are dropped. The config refuses the same
 * things (domain/scoring: at most 500, no value twice as scores compare text); this form says so
 * per row, in the editor's words.
 */

/** As many as the config format takes (config-schema.ts, `fields[].values`). */
export const MAX_FIELD_VALUES = 500

/** How the engine compares text: trimmed, lower-cased. Two values equal this way are one value. */
export const comparableValue = (value: string) => value.trim().toLowerCase()

const cell = (label: string, max: number) => plainText({ max, label, tooLong: `${label} has at most ${max} characters.` }).optional().default('')

const RowSchema = z.object({ value: cell('A value', 200), label: cell('A label', 200) })

/**
 * The posted rows as a list. Past the form reader's array limit (form.server.ts), indexes arrive
 * as object keys (`{ "0": …, "250": … }`): read them back in index order, so a long list is
 * counted and refused with the message below, not misread.
 */
export function rowsFromPost(posted: unknown): unknown {
  if (posted === undefined || posted === '') return []
  if (Array.isArray(posted) || typeof posted !== 'object' || posted === null) return posted
  const entries = Object.entries(posted)
  if (!entries.every(([key]) => /^\d+$/.test(key))) return posted
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => row)
}

export const FieldValuesSchema = z
  .object({
    intent: z.literal('save-field-values'),
    fieldId: rowId,
    revision: rowRevision,
    values: z.preprocess(rowsFromPost, z.array(RowSchema, { error: 'This form is out of date: reload the page.' })),
  })
  .superRefine((form, ctx) => {
    const filled = form.values.filter((row) => row.value !== '' || row.label !== '')
    if (filled.length > MAX_FIELD_VALUES) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `A field lists at most ${MAX_FIELD_VALUES} allowed values; this list has ${filled.length.toLocaleString('en-US')}. Keep the ones rules and documents need.`,
      })
      return
    }
    const firstRow = new Map<string, number>()
    form.values.forEach((row, index) => {
      if (row.value === '' && row.label === '') return
      if (row.value === '') {
        ctx.addIssue({ code: 'custom', path: ['values', index, 'value'], message: `Enter the value leads carry for “${row.label}” (e.g. c_level), or clear its label to remove the row.` })
        return
      }
      if (row.label === '') ctx.addIssue({ code: 'custom', path: ['values', index, 'label'], message: `Enter how “${row.value}” reads in documents (e.g. C-level).` })
      const key = comparableValue(row.value)
      const first = firstRow.get(key)
      if (first === undefined) firstRow.set(key, index)
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['values', index, 'value'],
          message: `“${row.value}” is already listed (row ${first + 1}); values are compared ignoring case and spaces at either end.`,
        })
      }
    })
  })
  .transform((form) => ({ ...form, values: form.values.filter((row) => row.value !== '' || row.label !== '') }))

export type FieldValuesForm = z.output<typeof FieldValuesSchema>
export type FieldValuesFormInput = z.input<typeof FieldValuesSchema>

/** Empty rows offered under a field's values, to type more into (without JavaScript too). */
export const BLANK_VALUE_ROWS = 3

/** The editor's rows for a field's stored values, then the blank ones. */
export function valueRows(values: readonly { value: string; label: string }[] | null | undefined, blanks = BLANK_VALUE_ROWS) {
  return [...(values ?? []).map(({ value, label }) => ({ value, label })), ...Array.from({ length: blanks }, () => ({ value: '', label: '' }))]
}
