import {
  BandsSchema,
  bandsPatch,
  PrioritiesSchema,
  prioritiesFromForm,
  ThresholdsSchema,
  thresholdsFormValues,
  thresholdsPatch,
} from '~/domain/scoring-model/settings-form'
import { validateFormData } from '~/http/form.server'
import { conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getScoringModel, saveSettings } from '~/models/scoring-model.server'

type IntentInput = { member: MemberContext; formData: FormData }

/** The scoring model's second page: thresholds, grades, bands and priorities. */
export const thresholdsPagePath = (workshopId: string) => `/workshops/${workshopId}/scoring/thresholds`
const pagePath = thresholdsPagePath

export async function saveThresholdsIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-scoring')
  const form = validateFormData(formData, ThresholdsSchema)
  if (!form.ok) return invalid('save-thresholds', form)
  const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: thresholdsPatch(form.data) })
  if (saved.ok) return redirectWithFlash(`${pagePath(member.workshopId)}#thresholds-heading`, 'Saved the thresholds and grades.')
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-thresholds', { errors: saved.errors, values: form.values })
  // The form shows their values (the page reloads them); the person makes the change again on top.
  return conflict('save-thresholds', {
    message: 'Someone saved the thresholds while you were editing; the form now shows their values. Make your change again.',
    theirs: thresholdsFormValues(saved.current),
  })
}

/** Format 2: the engagement bands (renamed bands keep their priorities, removed ones lose them). */
export async function saveBandsIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-scoring')
  const form = validateFormData(formData, BandsSchema)
  if (!form.ok) return invalid('save-bands', form)
  const { settings } = await getScoringModel(member.workshopId)
  const patch = bandsPatch(form.data, settings)
  const saved = await saveSettings({
    workshopId: member.workshopId,
    userId: member.user.id,
    revision: form.data.revision,
    patch: { bands: patch.bands.length ? patch.bands : null, priorities: patch.priorities.length ? patch.priorities : null },
  })
  const dropped = patch.dropped ? ` ${patch.dropped === 1 ? 'One priority' : `${patch.dropped} priorities`} of a removed band went with it.` : ''
  if (saved.ok) return redirectWithFlash(`${pagePath(member.workshopId)}#bands-heading`, patch.bands.length ? `Saved the engagement bands.${dropped}` : `Removed the engagement bands.${dropped}`)
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-bands', { errors: saved.errors, values: form.values })
  return conflict('save-bands', { message: 'Someone saved the scoring settings while you were editing; the form now shows their bands. Make your change again.' })
}

/** Format 2: the grade × band priority matrix. */
export async function savePrioritiesIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-scoring')
  const form = validateFormData(formData, PrioritiesSchema)
  if (!form.ok) return invalid('save-priorities', form)
  const priorities = prioritiesFromForm(form.data)
  const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: { priorities: priorities.length ? priorities : null } })
  if (saved.ok) return redirectWithFlash(`${pagePath(member.workshopId)}#priorities-heading`, 'Saved the priority matrix.')
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-priorities', { errors: saved.errors, values: form.values })
  return conflict('save-priorities', { message: 'Someone saved the scoring settings while you were editing; the matrix now shows theirs. Make your change again.' })
}
