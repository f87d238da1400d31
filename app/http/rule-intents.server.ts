import type { Capability } from '~/domain/workshops/capabilities'
import type { RuleSection } from '~/domain/scoring-model/model'
import { DeleteRuleSchema, RuleFormSchema, SaveRuleRefSchema } from '~/domain/scoring-model/rule-form'
import { OUT_OF_DATE } from '~/domain/scoring-model/form-refs'
import { validateFormData } from '~/http/form.server'
import { deleteRule, saveRuleFromForm } from '~/models/scoring-model.server'
import { answer, conflict, invalid, redirectWithFlash } from './actions.server'
import { requireCapability, type MemberContext } from './permissions.server'

/*
 * The rule editor's intents (`save-rule`, `delete-rule`), shared by the two pages that edit
 * rules: the criteria (step 4: fit, disqualifier, sql) and the scoring model (step 5: fit,
 * engagement, fastTrack). Each page says what editing takes, where it lives and which sections
 * it edits; the answers are the page's FormAnswers under the form names `save-rule` and
 * `delete-rule`, and a success redirects back with a flash.
 */

export type RulePage = {
  capability: Extract<Capability, 'edit-criteria' | 'edit-scoring'>
  /** The page's path for a workshop. */
  path: (workshopId: string) => string
  /** The sections the page edits, each with the id of the heading its rules sit under. */
  anchors: Partial<Record<RuleSection, string>>
}

type IntentInput = { member: MemberContext; formData: FormData }

/** A new rule in one of the page's sections, or a change at the revision the editor saw. */
export async function saveRuleIntent({ member, formData }: IntentInput, page: RulePage) {
  requireCapability(member.role, page.capability)
  const ref = validateFormData(formData, SaveRuleRefSchema)
  const form = validateFormData(formData, RuleFormSchema)
  if (!ref.ok) return invalid('save-rule', { errors: { form: OUT_OF_DATE }, values: ref.values })
  if (!form.ok) return invalid('save-rule', form)
  const anchor = page.anchors[form.data.section]
  if (!anchor) return invalid('save-rule', { errors: { section: 'This page does not edit that kind of rule.' }, values: form.values })
  const saved = await saveRuleFromForm({ workshopId: member.workshopId, userId: member.user.id, ruleId: ref.data.ruleId, revision: ref.data.revision, form: form.data })
  if (saved.ok) return redirectWithFlash(`${page.path(member.workshopId)}#${anchor}`, `Saved “${saved.value.label}”.`)
  if (saved.reason === 'invalid') return invalid('save-rule', { errors: saved.errors, values: form.values })
  if (saved.reason === 'not-found') return answer(404, { form: 'save-rule', errors: { form: 'This rule was deleted by someone else meanwhile.' }, values: form.values })
  return conflict('save-rule', {
    message: 'Someone saved this rule while you were editing. Their version is shown below; your changes are still in the form — save again to replace theirs.',
    theirs: { label: saved.current.label, points: saved.current.points },
    // What this person typed, at the revision that now stands: saving again replaces theirs knowingly.
    values: { ...form.values, revision: String(saved.current.revision) },
  })
}

/** The delete button in a rule table, at the revision the person saw. */
export async function deleteRuleIntent({ member, formData }: IntentInput, page: RulePage) {
  requireCapability(member.role, page.capability)
  const form = validateFormData(formData, DeleteRuleSchema)
  if (!form.ok) return answer(400, { form: 'delete-rule', errors: { form: OUT_OF_DATE } })
  const deleted = await deleteRule({ workshopId: member.workshopId, ruleId: form.data.ruleId, revision: form.data.revision })
  if (deleted.ok) return redirectWithFlash(page.path(member.workshopId), `Deleted “${deleted.value.label}”.`)
  // Deleted meanwhile by someone else: what the person wanted has happened.
  if (deleted.reason === 'not-found') return redirectWithFlash(page.path(member.workshopId), 'That rule was already deleted.')
  if (deleted.reason === 'invalid') return answer(400, { form: 'delete-rule', errors: deleted.errors })
  return conflict('delete-rule', {
    message: 'Someone changed this rule after you opened the page, so it was not deleted. Check their change below.',
    theirs: { label: deleted.current.label, points: deleted.current.points },
  })
}
