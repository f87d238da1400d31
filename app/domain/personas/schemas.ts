import { z } from 'zod'

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
const text = (label: string, max: number) => z.string().trim().max(max, `${label} has at most ${max.toLocaleString('en-US')} characters.`).default('')
const RevisionSchema = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: 'This form is out of date. Reload the page.' }).int().positive('This form is out of date. Reload the page.').optional(),
)

export const PersonaSchema = z.object({
  negative: z.enum(['true', 'false'], { error: 'Say whether this is a buyer or a negative persona.' }).transform((value) => value === 'true'),
  name: z.string({ error: 'Name the persona.' }).trim().min(1, 'Name the persona, e.g. “Operations Olivia”.').max(80, 'A persona name has at most 80 characters.'),
  title: text('The title', 120),
  seniority: text('The seniority', 60),
  department: text('The department', 80),
  industry: text('The industry', 120),
  companySize: text('The company size', 60),
  region: text('The region', 120),
  pains: text('The pains', 1000),
  goals: text('The goals', 1000),
  buyingRole: z.preprocess(blankToUndefined, z.enum(BUYING_ROLES, { error: 'Pick a buying role.' }).optional()),
  revision: RevisionSchema,
})

/** Sales' check that a persona matches the buyers it really closed. */
export const ClosedWonSchema = z.object({
  closedWonMatch: z.enum(CLOSED_WON_MATCHES, { error: 'Pick yes, partly or no.' }),
  closedWonNote: text('The note', 500),
  revision: z.coerce.number({ error: 'This form is out of date. Reload the page.' }).int().positive('This form is out of date. Reload the page.'),
})

export type PersonaForm = z.output<typeof PersonaSchema>
export type PersonaFormInput = z.input<typeof PersonaSchema>
