import { CloseRoundSchema, OpenRoundSchema } from '~/domain/assessment/schemas'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { validateFormData } from '~/http/form.server'
import { closeRound, openRound } from '~/models/assessment.server'

const page = (workshopId: string, roundId?: string) => `/workshops/${workshopId}/assessment${roundId ? `?round=${encodeURIComponent(roundId)}` : ''}`

export async function openRoundIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  requireCapability(member.role, 'manage-assessment')
  const form = validateFormData(formData, OpenRoundSchema)
  if (!form.ok) return invalid('open-round', form)
  const opened = await openRound({ workshopId: member.workshopId, userId: member.user.id, name: form.data.name })
  if (!opened.ok) {
    return answer(409, { form: 'open-round', values: form.values, errors: { form: `“${opened.open.name}” is still open: close it before opening another round, so that nobody answers the wrong one.` } })
  }
  return redirectWithFlash(page(member.workshopId, opened.round.id), `Opened “${opened.round.name}”: share its link or ask members to answer in the app.`)
}

export async function closeRoundIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  requireCapability(member.role, 'manage-assessment')
  const form = validateFormData(formData, CloseRoundSchema)
  if (!form.ok) return invalid('close-round', form)
  const closed = await closeRound({ workshopId: member.workshopId, roundId: form.data.roundId, revision: form.data.revision, userId: member.user.id })
  if (closed.ok) return redirectWithFlash(page(member.workshopId, closed.value.id), `Closed “${closed.value.name}”: it takes no more answers.`)
  if (closed.reason === 'not-found') return answer(404, { form: 'close-round', errors: { form: 'That round no longer exists.' } })
  return conflict('close-round', {
    message: closed.current.closedAt ? `“${closed.current.name}” was already closed.` : `“${closed.current.name}” changed since this page was opened: reload it and close the round again.`,
  })
}
