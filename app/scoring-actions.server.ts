import { json } from '@remix-run/node'
import { z } from 'zod'
import { RuleFormSchema, ruleFromForm, type RuleSection } from '~/domain/scoring-model/rule-form'
import { unflatten, validateFormData } from '~/form.server'
import { deleteRule, getScoringModel, saveRule, type RuleRow } from '~/models/scoring-model.server'
import type { MemberContext } from '~/permissions.server'

export type RuleActionData = {
  errors?: Record<string, string>
  values?: Record<string, unknown>
  conflict?: { rule: RuleRow | null; message: string }
  saved?: string
}

const RuleRefSchema = z.object({
  ruleId: z.string().min(1).optional(),
  revision: z.coerce.number().int().positive().optional(),
})

/** Handles the rule editor's intents (save-rule, delete-rule) for the criteria and scoring pages. */
export async function handleRuleIntent(member: MemberContext, formData: FormData, allowedSections: readonly RuleSection[]) {
  const intent = formData.get('intent')
  const ref = RuleRefSchema.safeParse({ ruleId: formData.get('ruleId') ?? undefined, revision: formData.get('revision') ?? undefined })
  if (!ref.success) return json<RuleActionData>({ errors: { form: 'This form is out of date: reload the page.' } }, { status: 400 })

  if (intent === 'delete-rule') {
    if (!ref.data.ruleId || !ref.data.revision) return json<RuleActionData>({ errors: { form: 'Which rule?' } }, { status: 400 })
    const deleted = await deleteRule({ workshopId: member.workshopId, ruleId: ref.data.ruleId, revision: ref.data.revision })
    if (deleted.ok) return json<RuleActionData>({ saved: `Deleted “${deleted.value.label}”.` })
    if (deleted.reason === 'invalid') return json<RuleActionData>({ errors: deleted.errors }, { status: 400 })
    if (deleted.reason === 'not-found') return json<RuleActionData>({ saved: 'That rule was already deleted.' })
    return json<RuleActionData>(
      { conflict: { rule: deleted.current, message: 'Someone changed this rule after you opened the page, so it was not deleted. Check their change below.' } },
      { status: 409 },
    )
  }

  const form = validateFormData(formData, RuleFormSchema)
  if (!form.ok) return json<RuleActionData>({ errors: form.errors, values: unflatten(form.values) }, { status: 400 })
  if (!allowedSections.includes(form.data.section)) return json<RuleActionData>({ errors: { section: 'This page does not edit that kind of rule.' } }, { status: 400 })
  const model = await getScoringModel(member.workshopId)
  const draft = ruleFromForm(form.data, model.fields, model.activities)
  if (!draft.ok) return json<RuleActionData>({ errors: draft.errors, values: unflatten(form.values) }, { status: 400 })
  const saved = await saveRule({ workshopId: member.workshopId, userId: member.user.id, ruleId: ref.data.ruleId, revision: ref.data.revision, draft: draft.rule })
  if (saved.ok) return json<RuleActionData>({ saved: `Saved “${saved.value.label}”.` })
  if (saved.reason === 'invalid') return json<RuleActionData>({ errors: saved.errors, values: unflatten(form.values) }, { status: 400 })
  if (saved.reason === 'not-found') return json<RuleActionData>({ errors: { form: 'This rule was deleted by someone else meanwhile.' }, values: unflatten(form.values) }, { status: 404 })
  return json<RuleActionData>(
    {
      values: unflatten(form.values),
      conflict: {
        rule: saved.current,
        message: 'Someone saved this rule while you were editing. Their version is shown below; your changes are still in the form — save again to replace theirs.',
      },
    },
    { status: 409 },
  )
}
