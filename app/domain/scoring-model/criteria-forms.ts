import { z } from 'zod'
import { plainText } from '../text'
import { FIELD_TYPE_OPTIONS } from './field-types'

export const RequiredFieldsSchema = z.object({
  intent: z.literal('save-required'),
  revision: z.coerce.number().int().positive(),
  // Checkboxes post only when ticked; the page posts each ticked field as required.<key>=on.
  required: z.record(z.string(), z.string()).optional().default({}),
})

export const SqlMinMetSchema = z.object({
  intent: z.literal('save-sql-min-met'),
  revision: z.coerce.number().int().positive(),
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

export const SuggestionSchema = z.object({
  intent: z.enum(['accept-suggestion', 'dismiss-suggestion']),
  suggestionId: z.string().min(1),
  revision: z.coerce.number().int().positive(),
})
