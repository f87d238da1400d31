import { ContextSchema, formatParticipants } from '~/domain/context/schemas'
import { conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { validateFormData } from '~/http/form.server'
import { saveContext, type getContext } from '~/models/context.server'

/** The form's values as stored: what the facilitator edits, at the revisions it was read at. */
export function contextFormValues(stored: Awaited<ReturnType<typeof getContext>>) {
  const context = stored.context
  const optional = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))
  return {
    company: stored.company,
    product: context?.product ?? '',
    dealSize: optional(context?.dealSize),
    currency: context?.currency ?? ('EUR' as const),
    salesCycleDays: optional(context?.salesCycleDays),
    inboundPercent: optional(context?.inboundPercent),
    goals: context?.goals ?? '',
    participants: formatParticipants(context?.participants ?? []),
    revision: context ? String(context.revision) : '',
    workshopRevision: String(stored.workshopRevision),
  }
}

export async function saveContextIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  requireCapability(member.role, 'edit-context')
  const form = validateFormData(formData, ContextSchema)
  if (!form.ok) return invalid('save-context', form)
  const saved = await saveContext({ workshopId: member.workshopId, userId: member.user.id, form: form.data })
  if (saved.ok) return redirectWithFlash(`/workshops/${member.workshopId}/context`, 'Saved the context.')
  const current = contextFormValues(saved.current)
  return conflict('save-context', {
    message: 'Someone saved the context while you were editing. Their version is shown above; your text is still in the form — save again to replace theirs.',
    // What the person typed, at the revisions that now stand: saving again replaces theirs knowingly.
    values: { ...form.values, revision: current.revision, workshopRevision: current.workshopRevision },
  })
}
