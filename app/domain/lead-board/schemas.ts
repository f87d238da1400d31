import { z } from 'zod'
import { plainText } from '../text'

export const TRAIT_KINDS = ['good', 'bad'] as const
export const TRAIT_TEXT_MAX = 280
export const TRAIT_WHY_MAX = 500

const KindSchema = z.enum(TRAIT_KINDS, { error: 'Pick whether this describes a good or a bad lead.' })

const TextSchema = plainText({
  max: TRAIT_TEXT_MAX,
  multiline: true,
  label: 'The trait',
  error: 'Describe the trait in a few words.',
  tooLong: `Keep a trait to ${TRAIT_TEXT_MAX} characters, like a sticky note; put the detail in "why".`,
}).min(1, 'Describe the trait in a few words.')

/** An empty optional field posts as "", which means "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

// The revision the edit was based on, from a hidden field; absent when the trait is new.
const RevisionSchema = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: 'This form is out of date. Reload the page and try again.' }).int().positive('This form is out of date. Reload the page and try again.').optional(),
)

export const TraitSchema = z.object({
  kind: KindSchema,
  text: TextSchema,
  why: z.preprocess(
    blankToUndefined,
    plainText({ max: TRAIT_WHY_MAX, label: 'The reason', tooLong: `Keep the reason to ${TRAIT_WHY_MAX} characters.` }).optional(),
  ),
  revision: RevisionSchema,
})

const TraitIdSchema = z.string({ error: 'Pick a trait.' }).trim().min(1, 'Pick a trait.')

/**
 * One line of the room's agreed list. `sourceTraitIds` are the team notes it merges; the form
 * posts them as `sourceTraitIds.0`, `sourceTraitIds.1` … (or one comma-separated field).
 */
export const AgreedTraitSchema = z.object({
  kind: KindSchema,
  text: TextSchema,
  sourceTraitIds: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : (value ?? [])),
    z.array(TraitIdSchema).max(50, 'An agreed trait can merge at most 50 notes.').transform((ids) => [...new Set(ids)]),
  ),
  revision: RevisionSchema,
})

/** The facilitator's correction to the matcher: these two notes say the same thing (or do not). */
export const LinkTraitsSchema = z
  .object({
    aId: TraitIdSchema,
    bId: TraitIdSchema,
    linked: z.enum(['true', 'false'], { error: 'Choose whether to link or unlink the two traits.' }).transform((value) => value === 'true'),
  })
  .refine((link) => link.aId !== link.bId, { message: 'Pick two different traits to link.', path: ['bId'] })

export type TraitInputForm = z.input<typeof TraitSchema>
export type TraitForm = z.output<typeof TraitSchema>
export type AgreedTraitForm = z.output<typeof AgreedTraitSchema>
export type LinkTraitsForm = z.output<typeof LinkTraitsSchema>

/*
 * The board's forms, one schema each: what the page's react-hook-form checks and what the
 * action validates. `form` names which of several forms with one intent posted (a group's merge
 * form, a note's "agree as is"), so a refusal shows next to it.
 */

const OUT_OF_DATE = 'This form is out of date. Reload the page and try again.'
export const BOARD_TEAMS = ['marketing', 'sales'] as const
export const FormNameSchema = z.string().regex(/^[\w-]{1,120}$/, OUT_OF_DATE).optional()
const RowIdSchema = z.string({ error: OUT_OF_DATE }).trim().min(1, OUT_OF_DATE)
const SeenRevisionSchema = z.coerce.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).positive(OUT_OF_DATE)
const TeamSchema = z.enum(BOARD_TEAMS, { error: 'Unknown team: notes belong to marketing or sales.' })

/** A team member's new note; `team` is the column it was written in, checked against the member's team. */
export const AddTraitSchema = TraitSchema.omit({ revision: true }).extend({ intent: z.literal('add-trait'), form: FormNameSchema, team: TeamSchema.optional() })

export const SaveTraitSchema = TraitSchema.extend({
  intent: z.literal('save-trait'),
  team: TeamSchema.optional(),
  traitId: RowIdSchema,
  revision: SeenRevisionSchema,
})

export const DeleteTraitSchema = z.object({ intent: z.literal('delete-trait'), traitId: RowIdSchema, revision: SeenRevisionSchema })

export const RevealBoardSchema = z.object({ intent: z.literal('reveal') })

/** The facilitator's hand link ("says the same as") or unlink ("not a contradiction"). */
export const LinkNotesSchema = LinkTraitsSchema.safeExtend({ intent: z.literal('link'), form: FormNameSchema })

export const SeparateTraitSchema = z.object({ intent: z.literal('separate'), traitId: RowIdSchema })

/**
 * The room agrees a trait: a group merged, one note "as is", or a trait written in discussion.
 * With JavaScript an unticked source checkbox reads as `false`; without, it is not posted.
 */
export const MergeTraitsSchema = AgreedTraitSchema.omit({ revision: true }).extend({
  intent: z.literal('merge'),
  form: FormNameSchema,
  sourceTraitIds: z
    .array(z.union([z.string(), z.literal(false)]), { error: 'Pick the notes to merge.' })
    .default([])
    .transform((ids) => ids.filter((id): id is string => id !== false && id.trim() !== ''))
    .pipe(z.array(TraitIdSchema).max(50, 'An agreed trait can merge at most 50 notes.').transform((ids) => [...new Set(ids)])),
})

export const SaveAgreedSchema = AgreedTraitSchema.omit({ sourceTraitIds: true }).extend({
  intent: z.literal('save-agreed'),
  agreedId: RowIdSchema,
  revision: SeenRevisionSchema,
})

export const DeleteAgreedSchema = z.object({ intent: z.literal('delete-agreed'), agreedId: RowIdSchema, revision: SeenRevisionSchema })

export const DraftCriterionSchema = z.object({ intent: z.literal('draft-criterion'), agreedId: RowIdSchema })
