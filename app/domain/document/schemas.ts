import { z } from 'zod'
import { plainText } from '../text'
import { SIGN_OFF_SECTIONS } from './snapshot'

export const ReviewActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('sign-off'), section: z.enum(SIGN_OFF_SECTIONS, { error: 'Unknown section.' }) }),
  z.object({
    intent: z.literal('withdraw'),
    section: z.enum(SIGN_OFF_SECTIONS, { error: 'Unknown section.' }),
    comment: plainText({ max: 500, label: 'The reason', error: 'Say why you withdraw.', tooLong: 'At most 500 characters.' }).min(
      1,
      'Say why you withdraw, so the room knows what to fix.',
    ),
  }),
  z.object({ intent: z.literal('publish') }),
])
