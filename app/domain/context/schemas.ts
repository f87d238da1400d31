import { z } from 'zod'
import { plainText } from '../text'

/*
 * Step 1, the context the room needs before defining a lead. Participants are typed one per
 * line ("Dana Fox — sales — Head of Sales"), the way a facilitator copies them from an invite
 * list, and stored as structured rows.
 */

export const CONTEXT_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY', 'INR'] as const
export const PARTICIPANTS_MAX = 40
export const PARTICIPANT_TEAMS = ['marketing', 'sales', 'facilitator', 'other'] as const
export type ParticipantTeam = (typeof PARTICIPANT_TEAMS)[number]
export type Participant = { name: string; team: string; title?: string }

const TEAM_WORDS: Record<string, ParticipantTeam> = {
  marketing: 'marketing',
  mkt: 'marketing',
  sales: 'sales',
  facilitator: 'facilitator',
  facilitation: 'facilitator',
  other: 'other',
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

const optionalWhole = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.replace(/[\s,’']/g, '')) : value),
    z.coerce
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min.toLocaleString('en-US')}.`)
      .max(max, `${label} must be at most ${max.toLocaleString('en-US')}.`)
      .optional(),
  )

// A line splits on a dash with spaces around it, an em or en dash, a vertical bar or a tab;
// "Jean-Luc" keeps its hyphen.
const SEPARATOR = /\s+[-–—]\s+|\s*[–—|\t]\s*/

/** One participant per line: "Name — team — title" (title optional). */
export function parseParticipants(text: string): { ok: true; participants: Participant[] } | { ok: false; message: string } {
  const lines = text.split(/\r?\n/)
  const participants: Participant[] = []
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const [name = '', team = '', ...rest] = line.split(SEPARATOR).map((part) => part.trim())
    const title = rest.join(' — ').trim()
    if (!name || !team) return { ok: false, message: `Line ${index + 1}: write “Name — team — title”, e.g. “Dana Fox — sales — Head of Sales”.` }
    if (name.length > 80 || team.length > 40 || title.length > 120) return { ok: false, message: `Line ${index + 1} is too long: keep a name to 80 and a title to 120 characters.` }
    // Own keys only: a team typed as "constructor" must not find Object.prototype's.
    const word = team.toLowerCase()
    const known = Object.hasOwn(TEAM_WORDS, word) ? TEAM_WORDS[word] : undefined
    participants.push({ name, team: known ?? team, ...(title ? { title } : {}) })
  }
  if (participants.length > PARTICIPANTS_MAX) return { ok: false, message: `List at most ${PARTICIPANTS_MAX} participants.` }
  return { ok: true, participants }
}

export function formatParticipants(participants: readonly Participant[]): string {
  return participants.map((p) => [p.name, p.team, p.title].filter(Boolean).join(' — ')).join('\n')
}

export const ContextSchema = z.object({
  company: plainText({ max: 120, label: 'The company name', error: 'Enter the company.', tooLong: 'A company name has at most 120 characters.' }).min(
    1,
    'Enter the company whose leads you are defining.',
  ),
  product: plainText({
    max: 1000,
    multiline: true,
    label: 'The product description',
    error: 'Describe what the company sells.',
    tooLong: 'Keep the product description to 1,000 characters.',
  }).min(1, 'Describe the product or service in a sentence.'),
  dealSize: optionalWhole('The deal size', 0, 1_000_000_000),
  currency: z.enum(CONTEXT_CURRENCIES, { error: 'Pick a currency.' }),
  salesCycleDays: optionalWhole('The sales cycle', 1, 1000),
  inboundPercent: optionalWhole('The inbound share', 0, 100),
  goals: plainText({ max: 2000, multiline: true, label: 'The goals', tooLong: 'Keep the goals to 2,000 characters.' }).default(''),
  participants: plainText({ max: 20_000, multiline: true, label: 'The participant list' })
    .default('')
    .transform((text, ctx) => {
      const parsed = parseParticipants(text)
      if (parsed.ok) return parsed.participants
      ctx.addIssue({ code: 'custom', message: parsed.message })
      return z.NEVER
    }),
  // The revisions the form was rendered from: the context row (absent before the first save) and the workshop (its company).
  revision: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  workshopRevision: z.coerce.number({ error: 'This form is out of date. Reload the page.' }).int().positive('This form is out of date. Reload the page.'),
})

export type ContextForm = z.output<typeof ContextSchema>
export type ContextFormInput = z.input<typeof ContextSchema>
