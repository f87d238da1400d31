import { z } from 'zod'
import { plainText } from '../text'
import { FIELD_TYPE_OPTIONS } from './field-types'
import { rowId, rowRevision } from './form-refs'
import type { RuleSection } from './model'

/** The rule sections the criteria page (step 4) edits; the scoring page edits the others. */
export const CRITERIA_SECTIONS = ['fit', 'disqualifier', 'sql'] as const satisfies readonly RuleSection[]
export type CriteriaSection = (typeof CRITERIA_SECTIONS)[number]

/** What one rule of each section is called in the page's words ("Add a disqualifier"). */
export const CRITERIA_SECTION_TITLES: Record<CriteriaSection, string> = { fit: 'qualifying criterion', disqualifier: 'disqualifier', sql: 'SQL question' }

export function isCriteriaSection(section: string): section is CriteriaSection {
  return (CRITERIA_SECTIONS as readonly string[]).includes(section)
}

const revision = rowRevision
const id = rowId

/** The fields a lead must have before handoff: the keys of the ticked boxes. */
export const RequiredFieldsSchema = z.object({
  intent: z.literal('save-required'),
  revision,
  // A posted box is required.<key>=on and an unticked one posts nothing; react-hook-form
  // (checking before it posts) holds a box as its value, true or false.
  required: z
    .record(z.string(), z.union([z.string(), z.boolean()]))
    .optional()
    .default({})
    .transform((boxes) => Object.keys(boxes).filter((key) => boxes[key] === 'on' || boxes[key] === true)),
})

export const SqlMinMetSchema = z.object({
  intent: z.literal('save-sql-min-met'),
  revision,
  sqlMinMet: z.coerce.number({ error: 'Enter how many questions must hold.' }).int('Enter a whole number.').min(1, 'At least one question must hold.'),
})

const key = z
  .string({ error: 'Enter a key.' })
  .trim()
  .min(1, 'Enter a key, e.g. annualRevenue.')
  .max(40, 'A key has at most 40 characters.')
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'Use letters, digits and _ only, starting with a letter (it is the column name in exports).')

const label = plainText({ max: 80, label: 'The label', error: 'Enter a label.', tooLong: 'A label has at most 80 characters.' }).min(1, 'Enter a label.')

export const AddFieldSchema = z.object({
  intent: z.literal('add-field'),
  key,
  label,
  type: z.enum(FIELD_TYPE_OPTIONS.map((option) => option.value) as ['string', 'number', 'boolean', 'date', 'email'], { error: 'Pick a type.' }),
})

export const AddActivitySchema = z.object({ intent: z.literal('add-activity'), key, label })

/** The one-button accept and dismiss of a drafted criterion. */
export const SuggestionSchema = z.object({
  intent: z.enum(['accept-suggestion', 'dismiss-suggestion']),
  suggestionId: id,
  revision,
})

/** Format 2: declares a property on an activity type (what `where` conditions may read); adding never overwrites, like adding a field. */
export const AddActivityPropertySchema = z.object({
  intent: z.literal('add-activity-property'),
  activityKey: z.string({ error: 'Pick an activity.' }).trim().min(1, 'Pick an activity.').max(100),
  key: key,
  label,
  type: z.enum(FIELD_TYPE_OPTIONS.map((option) => option.value) as ['string', 'number', 'boolean', 'date', 'email'], { error: 'Pick a type.' }),
})

/** The one-button removal of a declared property. */
export const RemoveActivityPropertySchema = z.object({
  intent: z.literal('remove-activity-property'),
  activityKey: id,
  propertyKey: id,
  revision,
})
