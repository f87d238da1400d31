import { z } from 'zod'
import { plainText } from '../text'
import { SIGN_OFF_SECTIONS } from './snapshot'

/*
 * The forms of the review step (sign-off, withdraw, publish) and of the versions page (share
 * links, the cover's logo): one schema per form, used by the page (react-hook-form) and the action.
 */

const SectionSchema = z.enum(SIGN_OFF_SECTIONS, { error: 'Unknown section.' })

export const SignOffSchema = z.object({ intent: z.literal('sign-off'), section: SectionSchema })

/** The withdraw form of one section (each section card has its own): its name in the FormAnswer. */
export const withdrawFormName = (section: string) => `withdraw:${section}`

export const WithdrawSchema = z.object({
  intent: z.literal('withdraw'),
  section: SectionSchema,
  comment: plainText({ max: 500, label: 'The reason', error: 'Say why you withdraw.', tooLong: 'At most 500 characters.' }).min(
    1,
    'Say why you withdraw, so the room knows what to fix.'
  ),
})

/** The most a publish note holds: a few sentences on what changed and why. */
export const PUBLISH_NOTE_MAX = 1000

/**
 * The latest version number the page showed ('' = none yet): a publish from a page older than
 * another publish is refused. Absent (a hand-made post): not checked; the unchanged check still holds.
 */
const SeenVersionSchema = z.preprocess((value) => (value === '' ? 0 : value), z.coerce.number({ error: 'Reload the page and try again.' }).int().min(0).optional())

export const PublishSchema = z.object({
  intent: z.literal('publish'),
  note: plainText({
    max: PUBLISH_NOTE_MAX,
    multiline: true,
    label: 'The note',
    error: 'Say in a sentence or two what changed and why.',
    tooLong: `Keep the note under ${PUBLISH_NOTE_MAX.toLocaleString('en-US')} characters: the changelog lists every change for you.`,
  }).min(1, 'Say in a sentence or two what changed and why: the note stays with the version for good.'),
  latestSeen: SeenVersionSchema,
})

/** How long a new share link works: until revoked, or a number of days. */
export const SHARE_LINK_EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never (until revoked)' },
  { value: '7', label: 'After 7 days' },
  { value: '30', label: 'After 30 days' },
  { value: '90', label: 'After 90 days' },
] as const

export const CreateShareLinkSchema = z.object({
  intent: z.literal('create-share-link'),
  // A form from before expiry existed posts no choice: such a link works until revoked, as it did.
  expiresInDays: z
    .enum(['never', '7', '30', '90'], { error: 'Pick when the link expires: never, or after 7, 30 or 90 days.' })
    .default('never')
    .transform((choice) => (choice === 'never' ? null : Number(choice))),
})

export const RevokeShareLinkSchema = z.object({ intent: z.literal('revoke-share-link'), linkId: z.string().min(1, 'This form is out of date: reload the page.') })

/** The logo's revision the facilitator saw ('' = there was none). */
const LogoRevisionSchema = z.preprocess((value) => (value === '' || value === undefined ? null : value), z.coerce.number().int().positive().nullable())

/** The file itself is checked by cleanLogo (logo.ts): a schema cannot read bytes. */
export const UploadLogoSchema = z.object({ intent: z.literal('upload-logo'), revision: LogoRevisionSchema })

export const RemoveLogoSchema = z.object({ intent: z.literal('remove-logo'), revision: z.coerce.number({ error: 'Reload the page and try again.' }).int().positive() })
