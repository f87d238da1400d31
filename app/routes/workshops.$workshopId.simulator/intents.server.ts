import type { ExplainedResult } from '~/domain/scoring-model/explain'
import { OUT_OF_DATE } from '~/domain/scoring-model/form-refs'
import { DeleteExampleSchema, leadFromSimulator, SimulatorSchema, type SimulatedLead, type SimulatorValues } from '~/domain/scoring-model/simulator-form'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import type { FormAnswer } from '~/http/form-answer'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { deleteExampleLead, saveExampleLead } from '~/models/example-lead.server'
import { getWorkshopTimeZone } from '~/models/lifecycle.server'
import { getScoringModel } from '~/models/scoring-model.server'
import { withOtherValues } from './other-values'

type IntentInput = { member: MemberContext; formData: FormData }
type Fields = Awaited<ReturnType<typeof getScoringModel>>['fields']

const pagePath = (member: MemberContext) => `/workshops/${member.workshopId}/simulator`

/**
 * "Score this lead" (intent=simulate in the query): the loader's intent. It computes and stores
 * nothing, so it is a GET: the address is the lead, to reload or send to someone. A refused lead
 * answers like a refused post, as the FormAnswer of the form named `simulate`.
 */
export function simulateIntent(
  query: URLSearchParams,
  fields: Fields,
  score: ((lead: SimulatedLead, asOf: string) => ExplainedResult) | null,
  now: Date,
  /** The workshop's time zone: the typed times are on its wall clock. */
  zone: string,
  /** The activity types with the properties they declare (format 2). */
  activityTypes: Parameters<typeof leadFromSimulator>[3] = [],
): { lead: SimulatorValues; result: ExplainedResult; refused: null } | { lead: null; result: null; refused: FormAnswer } {
  const formData = new FormData()
  for (const [key, value] of query) if (key !== 'example') formData.append(key, value)
  const form = validateFormData(withOtherValues(formData), SimulatorSchema)
  const refuse = (errors: Record<string, string>) => ({ lead: null, result: null, refused: { form: 'simulate', errors, values: form.values } })
  if (!form.ok) return refuse(form.errors)
  const lead = leadFromSimulator(form.data, fields, zone, activityTypes)
  if (!lead.ok) return refuse(lead.errors)
  if (!score) return refuse({ form: 'Fix the scoring model first: it has problems.' })
  const { intent: _intent, ...typed } = form.data
  return { lead: typed, result: score(lead.lead, lead.asOf || now.toISOString()), refused: null }
}

export async function saveExampleIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'save-example-leads')
  const form = validateFormData(withOtherValues(formData), SimulatorSchema)
  if (!form.ok) return invalid('save-example', form)
  const [model, zone] = await Promise.all([getScoringModel(member.workshopId), getWorkshopTimeZone(member.workshopId)])
  const lead = leadFromSimulator(form.data, model.fields, zone, model.activities)
  if (!lead.ok) return invalid('save-example', { errors: lead.errors, values: form.values })
  const asOf = lead.asOf ? new Date(lead.asOf) : new Date()
  const saved = await saveExampleLead({ workshopId: member.workshopId, userId: member.user.id, name: form.data.name, lead: lead.lead, asOf })
  return redirectWithFlash(`${pagePath(member)}?example=${encodeURIComponent(saved.id)}`, `Saved the example “${form.data.name}”.`)
}

/** The delete button in the examples table, at the revision the person saw. */
export async function deleteExampleIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'save-example-leads')
  const form = validateFormData(formData, DeleteExampleSchema)
  if (!form.ok) return answer(400, { form: 'delete-example', errors: { form: OUT_OF_DATE } })
  const deleted = await deleteExampleLead({ workshopId: member.workshopId, id: form.data.exampleId, revision: form.data.revision })
  const examples = `${pagePath(member)}#examples-heading`
  if (deleted.ok) return redirectWithFlash(examples, `Deleted the example “${deleted.value.name}”.`)
  // Deleted meanwhile by someone else: what the person wanted has happened.
  if (deleted.reason === 'not-found') return redirectWithFlash(examples, 'That example was already deleted.')
  return conflict('delete-example', {
    message: 'This example changed after you opened the page, so it was not deleted. The table shows it as it is now; delete it again if you still mean to.',
    theirs: { name: deleted.current.name, revision: deleted.current.revision },
  })
}
