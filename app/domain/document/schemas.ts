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

/** How long a new share link works: until revoked, or a number of days. */
export const SHARE_LINK_EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never (until revoked)' },
  { value: '7', label: 'After 7 days' },
  { value: '30', label: 'After 30 days' },
  { value: '90', label: 'After 90 days' },
] as const

export const ShareActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create-share-link'),
    // A form from before expiry existed posts no choice: such a link works until revoked, as it did.
    expiresInDays: z
      .enum(['never', '7', '30', '90'], { error: 'Pick when the link expires: never, or after 7, 30 or 90 days.' })
      .default('never')
      .transform((choice) => (choice === 'never' ? null : Number(choice))),
  }),
  z.object({ intent: z.literal('revoke-share-link'), linkId: z.string().min(1) }),
])
