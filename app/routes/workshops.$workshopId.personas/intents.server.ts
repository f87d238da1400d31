import { AddPersonaSchema, ClosedWonSchema, DeletePersonaSchema, DraftDisqualifierSchema, SavePersonaSchema } from '~/domain/personas/schemas'
import { PERSONA_FORMS, personaSummary } from '~/domain/personas/view'
import { validateFormData, type FormValues } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { draftDisqualifierFromNegativePersona, draftMessage } from '~/models/draft-criterion.server'
import { addPersona, deletePersona, markClosedWon, savePersona } from '~/models/persona.server'

type IntentInput = { member: MemberContext; formData: FormData }

const pagePath = (member: MemberContext) => `/workshops/${member.workshopId}/personas`
const cardPath = (member: MemberContext, personaId: string) => `${pagePath(member)}#${PERSONA_FORMS.card(personaId)}`

/** The card a refused one-button form belongs to, or the page when the post named no persona. */
function cardFormOf(values: FormValues) {
  return typeof values.personaId === 'string' && values.personaId ? PERSONA_FORMS.card(values.personaId) : 'page'
}

const DELETED_MEANWHILE = { tone: 'error', text: 'This persona was deleted meanwhile.' } as const

export async function addPersonaIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-personas')
  const parsed = validateFormData(formData, AddPersonaSchema)
  if (!parsed.ok) return invalid(PERSONA_FORMS.add(parsed.values.negative === 'true'), parsed)
  const added = await addPersona({ workshopId: member.workshopId, userId: member.user.id, form: parsed.data })
  return redirectWithFlash(cardPath(member, added.id), `Added the ${added.negative ? 'negative ' : ''}persona “${added.name}”.`)
}

export async function savePersonaIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-personas')
  const parsed = validateFormData(formData, SavePersonaSchema)
  if (!parsed.ok) return invalid(cardFormOf(parsed.values), parsed)
  const { personaId, revision } = parsed.data
  const form = PERSONA_FORMS.card(personaId)
  const saved = await savePersona({ workshopId: member.workshopId, userId: member.user.id, personaId, revision, form: parsed.data })
  if (saved.ok) return redirectWithFlash(cardPath(member, personaId), `Saved “${saved.value.name}”.`)
  if (saved.reason === 'not-found') return answer(404, { form, notice: DELETED_MEANWHILE })
  return conflict(form, {
    message: 'Someone saved this persona while you were editing. Their version is below; your text is still in the form — save again to replace theirs.',
    theirs: { summary: personaSummary(saved.current) },
    values: { ...parsed.values, revision: String(saved.current.revision) },
  })
}

export async function deletePersonaIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-personas')
  const parsed = validateFormData(formData, DeletePersonaSchema)
  if (!parsed.ok) return invalid(cardFormOf(parsed.values), parsed)
  const deleted = await deletePersona({ workshopId: member.workshopId, personaId: parsed.data.personaId, revision: parsed.data.revision })
  // Deleted meanwhile by someone else: what the person wanted has happened.
  if (deleted.ok || deleted.reason === 'not-found') return redirectWithFlash(pagePath(member), 'Deleted the persona.')
  return conflict(PERSONA_FORMS.card(parsed.data.personaId), {
    message: 'Someone changed this persona after you opened the page, so it was not deleted. Check their change.',
    theirs: { summary: personaSummary(deleted.current) },
  })
}

export async function markClosedWonIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'check-closed-won')
  const parsed = validateFormData(formData, ClosedWonSchema)
  const formOf = (personaId: unknown) => (typeof personaId === 'string' && personaId ? PERSONA_FORMS.closedWon(personaId) : 'page')
  if (!parsed.ok) return invalid(formOf(parsed.values.personaId), parsed)
  const { personaId, revision, closedWonMatch, closedWonNote } = parsed.data
  const form = PERSONA_FORMS.closedWon(personaId)
  const marked = await markClosedWon({ workshopId: member.workshopId, userId: member.user.id, personaId, revision, match: closedWonMatch, note: closedWonNote })
  if (marked.ok) return redirectWithFlash(cardPath(member, personaId), 'Saved the closed-won check.')
  if (marked.reason === 'not-found') return answer(404, { form, notice: DELETED_MEANWHILE })
  return conflict(form, {
    message: 'This persona changed while you were checking it. Look at the change above, then save your check again.',
    theirs: { summary: personaSummary(marked.current) },
    values: { ...parsed.values, revision: String(marked.current.revision) },
  })
}

export async function draftDisqualifierIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'edit-personas')
  const parsed = validateFormData(formData, DraftDisqualifierSchema)
  if (!parsed.ok) return invalid(cardFormOf(parsed.values), parsed)
  const { personaId } = parsed.data
  const drafted = await draftDisqualifierFromNegativePersona({ workshopId: member.workshopId, personaId })
  if (drafted.ok) return redirectWithFlash(cardPath(member, personaId), draftMessage(drafted))
  const status = drafted.reason === 'already-open' ? 409 : drafted.reason === 'not-found' ? 404 : 400
  return answer(status, { form: PERSONA_FORMS.card(personaId), notice: { tone: 'warn', text: draftMessage(drafted) } })
}
