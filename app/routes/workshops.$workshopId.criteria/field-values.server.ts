import { FieldValuesSchema } from '~/domain/scoring-model/field-values-form'
import { conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import type { FormValues } from '~/http/form.server'
import { validateFormData } from '~/http/form.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { saveFieldValues } from '~/models/field-values.server'

/** Each text field has its own values form on the page: the answer names the field it is about. */
export const fieldValuesForm = (fieldId: unknown) => `field-values:${typeof fieldId === 'string' ? fieldId : ''}`

/** Saves a text field's allowed values and their labels (the criteria page's "Allowed values"). */
export async function saveFieldValuesIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, FieldValuesSchema)
  const name = fieldValuesForm((form.values as FormValues).fieldId)
  if (!form.ok) return invalid(name, form)
  const { fieldId, revision, values } = form.data
  const saved = await saveFieldValues({ workshopId: member.workshopId, fieldId, revision, values })
  if (saved.ok) {
    const what = saved.count === 0 ? `“${saved.label}” takes any text now (no allowed values).` : `Saved ${saved.count === 1 ? 'one allowed value' : `${saved.count.toLocaleString('en-US')} allowed values`} for “${saved.label}”.`
    return redirectWithFlash(`/workshops/${member.workshopId}/criteria#values-${fieldId}`, what)
  }
  invariantResponse(saved.reason !== 'not-found', 'This field no longer exists: reload the page.', { status: 404 })
  if (saved.reason === 'invalid') return invalid(name, { errors: saved.errors, values: form.values })
  return conflict(name, { message: 'Someone changed this field’s values while you were editing; the list shows theirs now. Make your change again.' })
}
