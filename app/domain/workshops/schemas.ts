import { z } from 'zod'
import { ROLES } from './roles'

export const WorkshopSchema = z.object({
  name: z.string({ error: 'Name the workshop.' }).trim().min(1, 'Name the workshop.').max(120, 'A name has at most 120 characters.'),
  company: z
    .string({ error: 'Enter the company.' })
    .trim()
    .min(1, 'Enter the company whose leads you are defining.')
    .max(120, 'A company name has at most 120 characters.'),
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

export const MemberActionSchema = z.discriminatedUnion('intent', [InviteSchema, RevokeInviteSchema, ChangeRoleSchema, RemoveMemberSchema])
