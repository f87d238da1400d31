import { z } from 'zod'
import { plainText } from '../text'
import { ROLES } from './roles'

export const WorkshopSchema = z.object({
  name: plainText({ max: 120, label: 'The name', error: 'Name the workshop.', tooLong: 'A name has at most 120 characters.' }).min(1, 'Name the workshop.'),
  company: plainText({ max: 120, label: 'The company name', error: 'Enter the company.', tooLong: 'A company name has at most 120 characters.' }).min(
    1,
    'Enter the company whose leads you are defining.',
  ),
})

const RoleSchema = z.enum(ROLES, { error: 'Pick a role.' })

export const INVITE_EXPIRY_DAYS = [1, 7, 30] as const

export const InviteSchema = z.object({
  intent: z.literal('create-invite'),
  role: RoleSchema,
  expiresInDays: z.coerce
    .number({ error: 'Pick when the link expires.' })
    .int()
    .refine((days) => (INVITE_EXPIRY_DAYS as readonly number[]).includes(days), 'Pick 1, 7 or 30 days.'),
  uses: z.enum(['single', 'multi'], { error: 'Pick single or multiple use.' }),
})

export const RevokeInviteSchema = z.object({ intent: z.literal('revoke-invite'), inviteId: z.string().min(1) })

export const ChangeRoleSchema = z.object({
  intent: z.literal('change-role'),
  membershipId: z.string().min(1),
  revision: z.coerce.number().int().positive(),
  role: RoleSchema,
})

export const RemoveMemberSchema = z.object({
  intent: z.literal('remove-member'),
  membershipId: z.string().min(1),
  revision: z.coerce.number().int().positive(),
})

/** Archiving is undone as easily as it is done: one button each way. */
export const ArchiveWorkshopSchema = z.object({ intent: z.enum(['archive-workshop', 'unarchive-workshop']) })

/** Deleting cannot be undone: the facilitator types the workshop's name (compared with the stored name by the action). */
export const DeleteWorkshopSchema = z.object({
  intent: z.literal('delete-workshop'),
  confirmName: z.string().trim().min(1, 'Type the workshop’s name to confirm.').max(200, 'Type the workshop’s name to confirm.'),
})

/** The invite page's one button: join the workshop the link is for. */
export const AcceptInviteSchema = z.object({ intent: z.literal('accept-invite') })
