import { savedWhileEditing } from '~/domain/lifecycle/conflicts'
import { HandoffFormSchema, handoffDifferences } from '~/domain/sla/form'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { saveHandoff } from '~/models/lifecycle.server'

export async function saveSlaIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  requireCapability(member.role, 'edit-sla')
  const form = validateFormData(formData, HandoffFormSchema)
  if (!form.ok) return invalid('save-sla', form)
  const { revision, handoff, base } = form.data
  const saved = await saveHandoff({ workshopId: member.workshopId, userId: member.user.id, revision, handoff })
  if (saved.ok) return redirectWithFlash(`/workshops/${member.workshopId}/sla`, 'Saved the handoff SLA. The examples below now follow it.')
  if (saved.reason === 'invalid') return answer(400, { form: 'save-sla', errors: { form: Object.values(saved.errors).join(' ') }, values: form.values })
  invariantResponse(saved.reason === 'conflict', 'Not found', { status: 404 })
  const theirs = saved.current
  return conflict('save-sla', {
    message: savedWhileEditing(theirs.updatedByName, 'the SLA'),
    // What the person typed, at the revision that now stands and opened on theirs: saving again replaces theirs knowingly.
    values: { ...form.values, revision: String(theirs.revision), base: JSON.stringify(theirs.handoff) },
    theirs: { differences: handoffDifferences(theirs.handoff, handoff, base) },
  })
}
