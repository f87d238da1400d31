import {
  AddActivitySchema,
  AddFieldSchema,
  DeleteRuleSchema,
  isCriteriaSection,
  RequiredFieldsSchema,
  SaveRuleRefSchema,
  SqlMinMetSchema,
  SuggestionSchema,
  type CriteriaSection,
} from '~/domain/scoring-model/criteria-forms'
import { RuleFormSchema, ruleFromForm } from '~/domain/scoring-model/rule-form'
import { validateFormData } from '~/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { addActivity, addField, decideSuggestion, deleteRule, getScoringModel, saveRequiredFields, saveRule, saveSettings } from '~/models/scoring-model.server'

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
  if (decided.ok) return redirectWithFlash(pagePath(member), accept ? `Added “${decided.label}” as a criterion.` : `Dismissed “${decided.label}”.`)
  // The suggested rule would not fit the model: say why, in one line above the suggestions.
  if (decided.reason === 'invalid') return answer(400, { form: 'suggestion', errors: { form: Object.values(decided.errors).join(' ') } })
  return conflict('suggestion', { message: 'Someone already decided on this suggestion.' })
}

/** The rule editor's save: a new rule in one of this page's sections, or a change at the revision the editor saw. */
export async function saveRuleIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const ref = validateFormData(formData, SaveRuleRefSchema)
  const form = validateFormData(formData, RuleFormSchema)
  if (!ref.ok) return invalid('save-rule', { errors: { form: 'This form is out of date: reload the page.' }, values: ref.values })
  if (!form.ok) return invalid('save-rule', form)
  if (!isCriteriaSection(form.data.section)) return invalid('save-rule', { errors: { section: 'This page does not edit that kind of rule.' }, values: form.values })
  const model = await getScoringModel(member.workshopId)
  const draft = ruleFromForm(form.data, model.fields, model.activities)
  if (!draft.ok) return invalid('save-rule', { errors: draft.errors, values: form.values })
  const saved = await saveRule({ workshopId: member.workshopId, userId: member.user.id, ruleId: ref.data.ruleId, revision: ref.data.revision, draft: draft.rule })
  if (saved.ok) return redirectWithFlash(pagePath(member, SECTION_ANCHORS[form.data.section]), `Saved “${saved.value.label}”.`)
  if (saved.reason === 'invalid') return invalid('save-rule', { errors: saved.errors, values: form.values })
  if (saved.reason === 'not-found') return answer(404, { form: 'save-rule', errors: { form: 'This rule was deleted by someone else meanwhile.' }, values: form.values })
  return conflict('save-rule', {
    message: 'Someone saved this rule while you were editing. Their version is shown below; your changes are still in the form — save again to replace theirs.',
    theirs: { label: saved.current.label },
    values: { ...form.values, revision: String(saved.current.revision) },
  })
}

/** The delete button in a rule table, at the revision the person saw. */
export async function deleteRuleIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-criteria')
  const form = validateFormData(formData, DeleteRuleSchema)
  if (!form.ok) return answer(400, { form: 'delete-rule', errors: { form: 'This form is out of date: reload the page.' } })
  const deleted = await deleteRule({ workshopId: member.workshopId, ruleId: form.data.ruleId, revision: form.data.revision })
  if (deleted.ok) return redirectWithFlash(pagePath(member), `Deleted “${deleted.value.label}”.`)
  if (deleted.reason === 'not-found') return redirectWithFlash(pagePath(member), 'That rule was already deleted.')
  if (deleted.reason === 'invalid') return answer(400, { form: 'delete-rule', errors: deleted.errors })
  return conflict('delete-rule', {
    message: 'Someone changed this rule after you opened the page, so it was not deleted. Check their change below.',
    theirs: { label: deleted.current.label },
  })
}
