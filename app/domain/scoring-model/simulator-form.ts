import { DateTime } from 'luxon'
import { z } from 'zod'
import { plainText } from '../text'
import type { FieldType } from '~/domain/scoring'
import { numberFromText } from '~/domain/scoring/normalise'
import { rowId, rowRevision } from './form-refs'

/*
 * The simulator's form: a lead typed in by hand. Dates and times are entered and shown in the
 * workshop's time zone (the one every page shows times in) and scored as the instants they name.
 * Without a zone they are UTC (the engine's default for timestamps without an offset).
 * "Score this lead" sends it as a query (intent=simulate): nothing is stored, and the page's
 * address is the lead, to share or reload. "Save as example" posts it (intent=save-example).
 */

const isoMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

export const SimulatorSchema = z.object({
  intent: z.enum(['simulate', 'save-example']),
  name: plainText({ max: 80, label: 'The name', tooLong: 'A name has at most 80 characters.' }).optional().default(''),
  asOf: z
    .string()
    .trim()
    .refine((value) => value === '' || (isoMinute.test(value) && !Number.isNaN(Date.parse(`${value}Z`))), 'Enter a date and time, e.g. 2026-06-01T12:00.'),
  attributes: z.record(z.string(), plainText({ max: 500, trim: false, label: 'The value', tooLong: 'A value has at most 500 characters.' })).optional().default({}),
  activities: z
    .array(
      z.object({
        type: plainText({ max: 100, trim: false, label: 'The activity' }).optional().default(''),
        at: z
          .string()
          .trim()
          .optional()
          .default('')
          .refine((value) => value === '' || (isoMinute.test(value) && !Number.isNaN(Date.parse(`${value}Z`))), 'Enter when it happened, e.g. 2026-05-20T09:30.'),
        // Format 2: the activity's properties by key, as typed (read by the declared type in leadFromSimulator).
        properties: z.record(z.string(), plainText({ max: 500, trim: false, label: 'The value', tooLong: 'A value has at most 500 characters.' })).optional().default({}),
      }),
    )
    .max(50, 'At most 50 activities.')
    .optional()
    .default([]),
})
  .superRefine((form, ctx) => {
    if (form.intent === 'save-example' && !form.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name the example lead to save it.' })
    form.activities.forEach((activity, index) => {
      if (activity.type && !activity.at) ctx.addIssue({ code: 'custom', path: ['activities', index, 'at'], message: 'When did it happen?' })
      if (!activity.type && activity.at) ctx.addIssue({ code: 'custom', path: ['activities', index, 'type'], message: 'Which activity?' })
    })
  })

export type SimulatorForm = z.output<typeof SimulatorSchema>
export type SimulatorFormInput = z.input<typeof SimulatorSchema>

/** The one-button delete in the examples table, at the revision the person saw. */
export const DeleteExampleSchema = z.object({ intent: z.literal('delete-example'), exampleId: rowId, revision: rowRevision })

export type SimulatedActivity = { type: string; at: string; properties?: Record<string, string | number | boolean> }
export type SimulatedLead = { attributes: Record<string, string | number | boolean>; activities: SimulatedActivity[] }

/** One typed value by its declared type: empty is absent, numbers as the engine reads them, yes/no as booleans. */
function typedValue(raw: string, type: FieldType): { ok: true; value: string | number | boolean | undefined } | { ok: false; message: string } {
  const text = raw.trim()
  if (text === '') return { ok: true, value: undefined }
  if (type === 'number') {
    const value = numberFromText(text)
    return Number.isNaN(value) ? { ok: false, message: 'Enter a number.' } : { ok: true, value }
  }
  if (type === 'boolean') return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, message: 'Pick yes, no or unknown.' }
  return { ok: true, value: text }
}

/** The typed lead the engine scores: empty answers are left out (absent), yes/no become booleans. */
export function leadFromSimulator(
  form: SimulatorForm,
  fields: readonly { key: string; type: FieldType }[],
  zone = 'UTC',
  activityTypes: readonly { key: string; properties?: readonly { key: string; type: FieldType }[] | null }[] = [],
): { ok: true; lead: SimulatedLead; asOf: string } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const attributes: SimulatedLead['attributes'] = {}
  for (const field of fields) {
    const raw = form.attributes[field.key]?.trim() ?? ''
    if (raw === '') continue
    if (field.type === 'number') {
      // Read as the engine reads numeric text (normalise.ts): "0x2710", "1,000" and "Infinity" are not numbers.
      const value = numberFromText(raw)
      if (Number.isNaN(value)) errors[`attributes.${field.key}`] = 'Enter a number.'
      else attributes[field.key] = value
    } else if (field.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') errors[`attributes.${field.key}`] = 'Pick yes, no or unknown.'
      else attributes[field.key] = raw === 'true'
    } else attributes[field.key] = raw
  }
  const activities: SimulatedActivity[] = []
  form.activities.forEach((row, index) => {
    if (!row.type || !row.at) return
    const activity: SimulatedActivity = { type: row.type, at: instantOf(row.at, zone) }
    // Only the properties this type declares; a date or a time after "Score as of" is a scheduled activity.
    const declared = activityTypes.find((candidate) => candidate.key === row.type)?.properties ?? []
    const properties: Record<string, string | number | boolean> = {}
    for (const property of declared) {
      const typed = typedValue(row.properties[property.key] ?? '', property.type)
      if (!typed.ok) errors[`activities.${index}.properties.${property.key}`] = typed.message
      else if (typed.value !== undefined) properties[property.key] = typed.value
    }
    if (Object.keys(properties).length) activity.properties = properties
    activities.push(activity)
  })
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, lead: { attributes, activities }, asOf: form.asOf ? instantOf(form.asOf, zone) : '' }
}

/** "2026-06-01T12:00" on the wall clock of `zone`, as a UTC instant ("2026-06-01T10:00:00Z" in Berlin in summer). */
function instantOf(wallClock: string, zone: string): string {
  return DateTime.fromISO(wallClock, { zone }).toUTC().toISO({ suppressMilliseconds: true })!
}

/** An instant as the form's wall-clock text in `zone` ("2026-06-01T12:00"). */
function wallClockOf(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(at), { zone }).toFormat("yyyy-LL-dd'T'HH:mm")
}

/** The form's fields as text, as a stored example or a scored query fills them. */
export type SimulatorValues = { name: string; asOf: string; attributes: Record<string, string>; activities: { type: string; at: string; properties?: Record<string, string> }[] }

/** The form's values for a stored example lead. */
export function simulatorValues(lead: SimulatedLead, asOf: Date, name = '', zone = 'UTC'): SimulatorValues {
  return {
    name,
    asOf: wallClockOf(asOf, zone),
    attributes: Object.fromEntries(Object.entries(lead.attributes).map(([key, value]) => [key, String(value)])),
    activities: lead.activities.map((activity) => ({
      type: activity.type,
      at: wallClockOf(activity.at, zone),
      ...(activity.properties ? { properties: Object.fromEntries(Object.entries(activity.properties).map(([key, value]) => [key, String(value)])) } : {}),
    })),
  }
}

export type ActivityRow = { type?: string; at?: string; properties?: Record<string, string> }

/**
 * The activity rows to show: the given ones, in place (a refused form's errors name rows by
 * index), then empty rows until `blanks` empty ones end the list, to type more into.
 */
export function withBlankActivityRows(rows: readonly ActivityRow[], blanks = 2): ActivityRow[] {
  let trailing = 0
  while (trailing < rows.length && !rows[rows.length - 1 - trailing]!.type && !rows[rows.length - 1 - trailing]!.at) trailing++
  return [...rows, ...Array.from({ length: Math.max(0, blanks - trailing) }, () => ({ type: '', at: '' }))]
}
