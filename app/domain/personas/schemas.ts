import { z } from 'zod'
import { plainText } from '../text'

export const BUYING_ROLES = ['decision-maker', 'influencer', 'user', 'blocker'] as const
export type BuyingRole = (typeof BUYING_ROLES)[number]
export const BUYING_ROLE_LABELS: Record<BuyingRole, string> = {
  'decision-maker': 'Decision maker',
  influencer: 'Influencer',
  user: 'User',
  blocker: 'Blocker',
}

export const SENIORITIES = ['C-level', 'VP', 'Director', 'Head of', 'Manager', 'Individual contributor', 'Student or intern'] as const
export const COMPANY_SIZE_BANDS = ['1–10', '11–50', '51–200', '201–1,000', '1,001–5,000', '5,001+'] as const

export const CLOSED_WON_MATCHES = ['yes', 'partly', 'no'] as const
export type ClosedWonMatch = (typeof CLOSED_WON_MATCHES)[number]
export const CLOSED_WON_LABELS: Record<ClosedWonMatch, string> = { yes: 'Yes', partly: 'Partly', no: 'No' }

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const text = (label: string, max: number, multiline = false) => plainText({ max, multiline, label }).default('')
const RevisionSchema = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: 'This form is out of date. Reload the page.' }).int().positive('This form is out of date. Reload the page.').optional(),
)

export const PersonaSchema = z.object({
  negative: z.enum(['true', 'false'], { error: 'Say whether this is a buyer or a negative persona.' }).transform((value) => value === 'true'),
  name: plainText({ max: 80, label: 'The persona name', error: 'Name the persona.', tooLong: 'A persona name has at most 80 characters.' }).min(
    1,
    'Name the persona, e.g. “Operations Olivia”.',
  ),
  title: text('The title', 120),
  seniority: text('The seniority', 60),
  department: text('The department', 80),
  industry: text('The industry', 120),
  companySize: text('The company size', 60),
  region: text('The region', 120),
  pains: text('The pains', 1000, true),
  goals: text('The goals', 1000, true),
  buyingRole: z.preprocess(blankToUndefined, z.enum(BUYING_ROLES, { error: 'Pick a buying role.' }).optional()),
  revision: RevisionSchema,
})

const OUT_OF_DATE = 'This form is out of date. Reload the page.'
const PersonaIdSchema = z.string({ error: OUT_OF_DATE }).min(1, OUT_OF_DATE)
const CurrentRevisionSchema = z.coerce.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).positive(OUT_OF_DATE)

/** The persona editor adding a buyer or negative persona. */
export const AddPersonaSchema = PersonaSchema.extend({ intent: z.literal('add-persona') })

/** The persona editor changing a persona at the revision it was opened at. */
export const SavePersonaSchema = PersonaSchema.extend({ intent: z.literal('save-persona'), personaId: PersonaIdSchema, revision: CurrentRevisionSchema })

/** What the persona editor checks in the browser: adding or saving, by its `intent`. */
export const PersonaEditorSchema = z.discriminatedUnion('intent', [AddPersonaSchema, SavePersonaSchema])

/** Sales' check that a persona matches the buyers it really closed. */
export const ClosedWonSchema = z.object({
  intent: z.literal('mark-closed-won'),
  personaId: PersonaIdSchema,
  closedWonMatch: z.enum(CLOSED_WON_MATCHES, { error: 'Pick yes, partly or no.' }),
  closedWonNote: text('The note', 500),
  revision: CurrentRevisionSchema,
})

/** The one-button delete on a persona card, at the revision the person saw. */
export const DeletePersonaSchema = z.object({ intent: z.literal('delete-persona'), personaId: PersonaIdSchema, revision: CurrentRevisionSchema })

/** The one-button "draft a disqualifier" on a negative persona's card. */
export const DraftDisqualifierSchema = z.object({ intent: z.literal('draft-disqualifier'), personaId: PersonaIdSchema })

export type PersonaForm = z.output<typeof PersonaSchema>
export type PersonaFormInput = z.input<typeof PersonaSchema>
