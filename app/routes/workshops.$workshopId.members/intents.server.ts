import { z } from 'zod'
import { ROLE_LABELS, ROLES } from '~/domain/workshops/roles'
import { ArchiveWorkshopSchema, ChangeRoleSchema, DeleteWorkshopSchema, InviteSchema, RemoveMemberSchema, RevokeInviteSchema } from '~/domain/workshops/schemas'
import { publicOrigin } from '~/http/env.server'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { oneTimeSecretCookie } from '~/http/one-time-secret.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { createInvite, revokeInvite } from '~/models/invite.server'
import { changeMemberRole, deleteWorkshop, removeMember, setWorkshopArchived, type MemberChange } from '~/models/workshop.server'

type IntentInput = { member: MemberContext; formData: FormData }

export const membersPath = (workshopId: string) => `/workshops/${workshopId}/members`

/** The link of an invite just created: the page shows it once, after the redirect (the token is stored only as a hash). */
export const NewInviteLinkSchema = z.object({ url: z.string().url(), role: z.enum(ROLES) })

export async function createInviteIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-members')
  const parsed = validateFormData(formData, InviteSchema)
  if (!parsed.ok) return invalid('create-invite', parsed)
  const { role, expiresInDays, uses } = parsed.data
  const invite = await createInvite({ workshopId: member.workshopId, role, expiresInDays, singleUse: uses === 'single', createdBy: member.user.id })
  const path = membersPath(member.workshopId)
  const link = { url: `${publicOrigin()}/invites/${invite.token}`, role: invite.role } satisfies z.input<typeof NewInviteLinkSchema>
  return redirectWithFlash(`${path}#invite-by-link`, `Invite link for ${ROLE_LABELS[invite.role]} created.`, {
    headers: { 'Set-Cookie': await oneTimeSecretCookie({ path, userId: member.user.id, secret: link }) },
  })
}

export async function revokeInviteIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-members')
  const parsed = validateFormData(formData, RevokeInviteSchema)
  if (!parsed.ok) return invalid('revoke-invite', parsed)
  const revoked = await revokeInvite({ workshopId: member.workshopId, inviteId: parsed.data.inviteId })
  if (!revoked) return answer(404, { form: 'revoke-invite', notice: { tone: 'error', text: 'That invite does not exist.' } })
  return redirectWithFlash(`${membersPath(member.workshopId)}#invites-heading`, 'Invite revoked: its link no longer lets anyone in.')
}

function refusedChange(form: 'change-role' | 'remove-member', result: Exclude<MemberChange, { ok: true }>) {
  if (result.reason === 'last-facilitator') {
    return answer(400, { form, notice: { tone: 'error', text: 'A workshop needs at least one facilitator: make someone else facilitator first.' } })
  }
  if (result.reason === 'not-found') return answer(404, { form, notice: { tone: 'error', text: 'That member has already left the workshop.' } })
  return conflict(form, { message: 'Someone changed this member while you were looking. The list now shows their change; try again if needed.' })
}

export async function changeRoleIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-members')
  const parsed = validateFormData(formData, ChangeRoleSchema)
  if (!parsed.ok) return invalid('change-role', parsed)
  const { membershipId, revision, role } = parsed.data
  const changed = await changeMemberRole({ workshopId: member.workshopId, membershipId, revision, role })
  if (!changed.ok) return refusedChange('change-role', changed)
  return redirectWithFlash(membersPath(member.workshopId), `Role changed to ${ROLE_LABELS[role]}.`)
}

export async function removeMemberIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-members')
  const parsed = validateFormData(formData, RemoveMemberSchema)
  if (!parsed.ok) return invalid('remove-member', parsed)
  const { membershipId, revision } = parsed.data
  const removed = await removeMember({ workshopId: member.workshopId, membershipId, revision, removedBy: member.user.id })
  if (!removed.ok) return refusedChange('remove-member', removed)
  // A facilitator who removes themselves (another one stays) can no longer see the page.
  if (removed.value.userId === member.user.id) return redirectWithFlash('/workshops', `You left “${member.workshop.name}”.`)
  return redirectWithFlash(membersPath(member.workshopId), 'Member removed: old invite links no longer let them back in.')
}

/** Archive (read-only, out of the active list) or bring back: reversible, so one click each way. */
export async function archiveWorkshopIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-workshop')
  const parsed = validateFormData(formData, ArchiveWorkshopSchema)
  if (!parsed.ok) return invalid('archive-workshop', parsed)
  const archived = parsed.data.intent === 'archive-workshop'
  await setWorkshopArchived({ workshopId: member.workshopId, archived })
  return archived
    ? redirectWithFlash(`${membersPath(member.workshopId)}#workshop-heading`, 'Workshop archived: it is read-only now and listed under “Archived”.')
    : redirectWithFlash(`/workshops/${member.workshopId}`, 'Workshop unarchived: everyone can work in it again.')
}

/** Delete for everyone, once the facilitator has typed the workshop's name. */
export async function deleteWorkshopIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-workshop')
  const parsed = validateFormData(formData, DeleteWorkshopSchema)
  if (!parsed.ok) return invalid('delete-workshop', parsed)
  const name = member.workshop.name
  if (parsed.data.confirmName !== name.trim()) {
    return answer(400, {
      form: 'delete-workshop',
      errors: { confirmName: `That is not the workshop’s name: type “${name}” exactly.` },
      values: { intent: 'delete-workshop', confirmName: parsed.data.confirmName },
    })
  }
  const { keptVersions } = await deleteWorkshop({ workshopId: member.workshopId })
  const kept = keptVersions === 0 ? '' : ` Its ${keptVersions === 1 ? 'published version is' : `${keptVersions} published versions are`} kept in the record, and in the backup.`
  return redirectWithFlash('/workshops', `Deleted “${name}” for everyone.${kept}`)
}
