import { acceptedSuggestionMessage } from '~/domain/lead-board/draft-criterion'
import {
  AddActivityPropertySchema,
  AddActivitySchema,
  AddFieldSchema,
  RemoveActivityPropertySchema,
  RequiredFieldsSchema, SqlMinMetSchema, SuggestionSchema, type CriteriaSection } from '~/domain/scoring-model/criteria-forms'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { deleteRuleIntent as deleteRule, saveRuleIntent as saveRule, type RulePage } from '~/http/rule-intents.server'
import {
  addActivity,
  addActivityProperty,
  addField,
  decideSuggestion,
  removeActivityProperty,
  saveRequiredFields,
  saveSettings,
} from '~/models/scoring-model.server'

type IntentInput = { member: MemberContext; formData: FormData }

/** The heading each section's rules sit under on the page. */
const SECTION_ANCHORS: Record<CriteriaSection, string> = { fit: 'qualify-heading', disqualifier: 'disqualify-heading', sql: 'sql-heading' }

const pagePath = (member: MemberContext, hash?: string) => `/workshops/${member.workshopId}/criteria${hash ? `#${hash}` : ''}`

export async function saveRequiredIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, RequiredFieldsSchema)
  if (!form.ok) return invalid('save-required', form)
  const saved = await saveRequiredFields({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, required: form.data.required })
  if (saved.ok) return redirectWithFlash(pagePath(member, 'required-heading'), 'Saved the required information.')
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-required', { errors: saved.errors, values: form.values })
  // Their choice is what the page shows now: the boxes refill from it, not from this post.
  return conflict('save-required', { message: 'Someone changed these settings meanwhile; the page shows their choice now. Make your change again.' })
}

export async function saveSqlMinMetIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, SqlMinMetSchema)
  if (!form.ok) return invalid('save-sql-min-met', form)
  const { sqlMinMet } = form.data
  const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: { sqlMinMet } })
  if (saved.ok) return redirectWithFlash(pagePath(member, 'sql-heading'), `An SQL now needs ${sqlMinMet} questions to hold.`)
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-sql-min-met', { errors: { sqlMinMet: 'There are not that many SQL questions.' }, values: form.values })
  return conflict('save-sql-min-met', { message: 'Someone changed this meanwhile; the page shows their value now.' })
}

export async function addFieldIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, AddFieldSchema)
  if (!form.ok) return invalid('add-field', form)
  const added = await addField({ workshopId: member.workshopId, key: form.data.key, label: form.data.label, type: form.data.type })
  if (!added.ok) return invalid('add-field', { errors: added.errors, values: form.values })
  return redirectWithFlash(pagePath(member, 'fields-heading'), `Added the field “${form.data.label}”.`)
}

export async function addActivityIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, AddActivitySchema)
  if (!form.ok) return invalid('add-activity', form)
  const added = await addActivity({ workshopId: member.workshopId, key: form.data.key, label: form.data.label })
  if (!added.ok) return invalid('add-activity', { errors: added.errors, values: form.values })
  return redirectWithFlash(pagePath(member, 'fields-heading'), `Added the activity “${form.data.label}”.`)
}

/** Accept (the suggestion becomes a rule) or dismiss one drafted criterion. */
export async function decideSuggestionIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, SuggestionSchema)
  if (!form.ok) return answer(400, { form: 'suggestion', errors: { form: 'This suggestion form is out of date: reload the page.' } })
  const accept = form.data.intent === 'accept-suggestion'
  const decided = await decideSuggestion({ workshopId: member.workshopId, userId: member.user.id, suggestionId: form.data.suggestionId, revision: form.data.revision, accept })
  if (decided.ok) return redirectWithFlash(pagePath(member), accept ? acceptedSuggestionMessage(decided.label, decided.section) : `Dismissed “${decided.label}”.`)
  // The suggested rule would not fit the model: say why, in one line above the suggestions.
  if (decided.reason === 'invalid') return answer(400, { form: 'suggestion', errors: { form: Object.values(decided.errors).join(' ') } })
  return conflict('suggestion', { message: 'Someone already decided on this suggestion.' })
}

/** The rule editor's save and the rule tables' delete, shared with the scoring page (http/rule-intents.server.ts). */
const CRITERIA_RULES: RulePage = { capability: 'edit-criteria', path: (workshopId) => `/workshops/${workshopId}/criteria`, anchors: SECTION_ANCHORS }

export const saveRuleIntent = (input: IntentInput) => saveRule(input, CRITERIA_RULES)
export const deleteRuleIntent = (input: IntentInput) => deleteRule(input, CRITERIA_RULES)

/** Format 2: a property declared on an activity type (its key is what leads carry in `properties`). */
export async function addActivityPropertyIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, AddActivityPropertySchema)
  if (!form.ok) return invalid('add-activity-property', form)
  const { activityKey, key, label, type } = form.data
  const added = await addActivityProperty({ workshopId: member.workshopId, activityKey, property: { key, label, type } })
  if (added.ok) return redirectWithFlash(pagePath(member, 'fields-heading'), `Added the property “${label}”.`)
  if ('errors' in added) return invalid('add-activity-property', { errors: added.errors, values: form.values })
  if (added.reason === 'not-found') return invalid('add-activity-property', { errors: { activityKey: 'Pick one of the workshop’s activities.' }, values: form.values })
  return conflict('add-activity-property', { message: 'Someone changed this activity meanwhile; the page shows it as it is now. Add the property again.', values: form.values })
}

export async function removeActivityPropertyIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, RemoveActivityPropertySchema)
  if (!form.ok) return answer(400, { form: 'remove-activity-property', errors: { form: 'This form is out of date: reload the page.' } })
  const removed = await removeActivityProperty({ workshopId: member.workshopId, ...form.data })
  if (removed.ok) return redirectWithFlash(pagePath(member, 'fields-heading'), 'Removed the property.')
  if ('errors' in removed) return answer(400, { form: 'remove-activity-property', errors: removed.errors })
  if (removed.reason === 'not-found') return redirectWithFlash(pagePath(member, 'fields-heading'), 'That activity was already removed.')
  return conflict('remove-activity-property', { message: 'Someone changed this activity meanwhile; the page shows it as it is now.' })
}
