import { z } from 'zod'
import { SIGN_OFF_SECTIONS } from './snapshot'

export const ReviewActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('sign-off'), section: z.enum(SIGN_OFF_SECTIONS, { error: 'Unknown section.' }) }),
  z.object({
    intent: z.literal('withdraw'),
    section: z.enum(SIGN_OFF_SECTIONS, { error: 'Unknown section.' }),
    comment: z.string({ error: 'Say why you withdraw.' }).trim().min(1, 'Say why you withdraw, so the room knows what to fix.').max(500, 'At most 500 characters.'),
  }),
  z.object({ intent: z.literal('publish') }),
])
