import { redirect } from '@remix-run/node'
import { calculatorQuery } from '~/domain/lifecycle/calculator'
import { funnelDifferences, savedWhileEditing, stageDifferences } from '~/domain/lifecycle/conflicts'
import { FunnelFieldsSchema, FunnelFormSchema, funnelSide, funnelToForm, StageFormSchema, stageToForm } from '~/domain/lifecycle/forms'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { saveFunnelTarget, saveStage } from '~/models/lifecycle.server'

type IntentArgs = { member: MemberContext; formData: FormData }

export async function saveStageIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'edit-lifecycle')
  const form = validateFormData(formData, StageFormSchema)
  if (!form.ok) return invalid('save-stage', form)
  const { revision, stage, base } = form.data
  const saved = await saveStage({ workshopId: member.workshopId, userId: member.user.id, revision, stage })
  if (saved.ok) {
    const message = [`Saved the ${saved.value.label} stage.`, saved.note].filter(Boolean).join(' ')
    return redirectWithFlash(`/workshops/${member.workshopId}/stages#stage-${saved.value.key}`, message)
  }
  if (saved.reason === 'invalid') return answer(400, { form: 'save-stage', errors: saved.errors, values: form.values })
  invariantResponse(saved.reason === 'conflict', 'No such stage', { status: 404 })
  const theirs = saved.current
  return conflict('save-stage', {
    message: savedWhileEditing(theirs.updatedByName, 'this stage'),
    // What the person typed, at the revision that now stands and opened on theirs: saving again replaces theirs knowingly.
    values: { ...form.values, revision: String(theirs.revision), base: stageToForm(theirs).base },
    theirs: { differences: stageDifferences({ theirs, yours: stage, was: base }) },
  })
}

/** The calculator's two buttons (save, and update figures) answer to one form: 'funnel'. */
export async function saveTargetIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'edit-lifecycle')
  const form = validateFormData(formData, FunnelFormSchema)
  if (!form.ok) return invalid('funnel', form)
  const { revision, target, rates, base, rateFields } = form.data
  const saved = await saveFunnelTarget({ workshopId: member.workshopId, userId: member.user.id, revision, target, rates })
  if (saved.ok) return redirectWithFlash(`/workshops/${member.workshopId}/stages#funnel`, 'Saved the revenue target and the conversion rates.')
  invariantResponse(saved.reason === 'conflict', 'Not found', { status: 404 })
  const { target: theirTarget, stages, updatedByName } = saved.current
  const salEnabled = stages.find((stage) => stage.key === 'sal')?.enabled ?? false
  const fresh = funnelToForm({ revision: theirTarget.revision, target: theirTarget, salEnabled, stages, mqlsThisMonth: null })
  const yours = { target, rates: Object.fromEntries(rates.map((rate) => [rate.stage, rate.rate])) }
  return conflict('funnel', {
    message: savedWhileEditing(updatedByName, 'the target or a rate'),
    values: { ...form.values, revision: fresh.revision, stageRevisions: fresh.stageRevisions, salEnabled: fresh.salEnabled, base: fresh.base },
    theirs: { differences: funnelDifferences({ theirs: funnelSide(theirTarget, stages), yours, was: base }, rateFields) },
  })
}

/**
 * "Update figures" (the calculator without JavaScript) computes and saves nothing, so every member
 * may post it. It answers with the calculation's own address: the page shows the figures there,
 * a reload recomputes rather than posts again, and the address can be shared.
 */
export function calculateIntent({ member, formData }: IntentArgs) {
  const form = validateFormData(formData, FunnelFieldsSchema)
  if (!form.ok) return invalid('funnel', form)
  return redirect(`/workshops/${member.workshopId}/stages?${calculatorQuery(form.data)}#funnel`)
}
