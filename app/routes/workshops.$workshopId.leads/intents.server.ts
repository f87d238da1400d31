import {
  AddTraitSchema,
  DeleteAgreedSchema,
  DeleteTraitSchema,
  DraftCriterionSchema,
  FormNameSchema,
  LinkNotesSchema,
  MergeTraitsSchema,
  RevealBoardSchema,
  SaveAgreedSchema,
  SaveTraitSchema,
  SeparateTraitSchema,
} from '~/domain/lead-board/schemas'
import { BOARD_FORMS, listLabels, noteLabel, TEAM_LABELS } from '~/domain/lead-board/view'
import { validateFormData, type FormValues } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { addCommentIntent } from '~/http/comment-intent.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { draftCriterionFromAgreedTrait, draftMessage } from '~/models/draft-criterion.server'
import {
  type AgreedElsewhere,
  addTrait,
  deleteAgreedTrait,
  deleteTrait,
  isTeam,
  mergeTraits,
  revealBoard,
  saveAgreedTrait,
  saveTrait,
  separateTrait,
  setTraitLink,
  touchBoard,
} from '~/models/lead-board.server'

/*
 * One function per intent of the good/bad lead board: the capability, the form's schema, the
 * model, then a redirect with a flash message (Post/Redirect/Get) or a FormAnswer (400/404/409)
 * that the page shows next to the form named in it.
 */

type IntentInput = { request: Request; member: MemberContext; formData: FormData }

const boardPath = (member: MemberContext, hash?: string) => `/workshops/${member.workshopId}/leads${hash ? `#${hash}` : ''}`

/** The form that posted, when the page has several for one intent (a group's merge, a note's "agree as is"). */
function postedForm(formData: FormData, fallback: string) {
  const posted = FormNameSchema.safeParse(formData.get('form') ?? undefined)
  return posted.success && posted.data ? posted.data : fallback
}

/** The card a refused one-button form belongs to, or the page when the post named none. */
function cardOf(values: FormValues, key: 'traitId' | 'agreedId') {
  const id = values[key]
  if (typeof id !== 'string' || !id.trim()) return BOARD_FORMS.board
  return key === 'traitId' ? BOARD_FORMS.note(id.trim()) : BOARD_FORMS.agreed(id.trim())
}

/** A team member writes for their own team only; a post naming the other team is refused. */
function requireTeam(member: MemberContext, posted: string | undefined) {
  const team = member.role
  invariantResponse(isTeam(team), 'Only marketing and sales members write notes on the board.', { status: 403 })
  invariantResponse(posted === undefined || posted === team, `You write notes for ${TEAM_LABELS[team]} only.`, { status: 403 })
  return team
}

export async function addTraitIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'write-team-notes')
  const parsed = validateFormData(formData, AddTraitSchema)
  if (!parsed.ok) return invalid(postedForm(formData, 'add-trait'), parsed)
  const team = requireTeam(member, parsed.data.team)
  const trait = await addTrait({ workshopId: member.workshopId, team, authorId: member.user.id, kind: parsed.data.kind, text: parsed.data.text, why: parsed.data.why })
  return redirectWithFlash(boardPath(member, BOARD_FORMS.note(trait.id)), `Added “${trait.text}”.`)
}

export async function saveTraitIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'write-team-notes')
  const parsed = validateFormData(formData, SaveTraitSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'traitId'), parsed)
  const team = requireTeam(member, parsed.data.team)
  const { traitId, revision, kind, text, why } = parsed.data
  const form = BOARD_FORMS.note(traitId)
  const saved = await saveTrait({ workshopId: member.workshopId, team, traitId, revision, kind, text, why })
  if (saved.ok) return redirectWithFlash(boardPath(member, form), `Saved “${saved.value.text}”.`)
  // Deleted meanwhile, or another team's note: the same answer, so nothing of theirs shows.
  if (saved.reason === 'not-found') return answer(404, { form: BOARD_FORMS.board, notice: { tone: 'error', text: 'This note was deleted meanwhile.' } })
  return conflict(form, {
    message: 'Someone on your team changed this note while you were editing. Their version is below; your text is still in the form — save again to replace theirs.',
    theirs: { kind: saved.current.kind, text: saved.current.text, why: saved.current.why },
    values: { ...parsed.values, revision: String(saved.current.revision) },
  })
}

export async function deleteTraitIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'write-team-notes')
  const parsed = validateFormData(formData, DeleteTraitSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'traitId'), parsed)
  const team = requireTeam(member, undefined)
  const { traitId, revision } = parsed.data
  const deleted = await deleteTrait({ workshopId: member.workshopId, team, traitId, revision })
  if (deleted.ok) return redirectWithFlash(boardPath(member, `${deleted.value.kind}-notes`), `Deleted “${deleted.value.text}”.`)
  // Deleted meanwhile (or never the team's): what the person wanted has happened.
  if (deleted.reason === 'not-found') return redirectWithFlash(boardPath(member), 'That note was already deleted.')
  return conflict(BOARD_FORMS.note(traitId), {
    message: 'Someone on your team changed this note after you opened the page, so it was not deleted. Check their change.',
    theirs: { kind: deleted.current.kind, text: deleted.current.text, why: deleted.current.why },
  })
}

export async function revealIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'reveal-board')
  const parsed = validateFormData(formData, RevealBoardSchema)
  if (!parsed.ok) return invalid(BOARD_FORMS.reveal, parsed)
  const revealed = await revealBoard({ workshopId: member.workshopId, userId: member.user.id })
  return redirectWithFlash(boardPath(member), revealed.ok ? 'Both lists are now visible to everyone.' : 'The lists were already revealed.')
}

export async function linkIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'link-notes')
  const form = postedForm(formData, BOARD_FORMS.link)
  const parsed = validateFormData(formData, LinkNotesSchema)
  if (!parsed.ok) return invalid(form, parsed)
  const { aId, bId, linked } = parsed.data
  const changed = await setTraitLink({ workshopId: member.workshopId, userId: member.user.id, aId, bId, linked })
  if (changed.ok) {
    return linked
      ? redirectWithFlash(boardPath(member, 'groups'), 'Linked: the two notes now count as the same thing.')
      : redirectWithFlash(boardPath(member, 'contradictions'), 'Unlinked: the two notes are no longer grouped or flagged together.')
  }
  if (changed.reason === 'not-revealed') return answer(400, { form, notice: { tone: 'error', text: 'Linking starts after the reveal.' } })
  return answer(404, { form, notice: { tone: 'error', text: 'One of the notes was deleted meanwhile.' } })
}

export async function separateIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'link-notes')
  const parsed = validateFormData(formData, SeparateTraitSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'traitId'), parsed)
  const separated = await separateTrait({ workshopId: member.workshopId, userId: member.user.id, traitId: parsed.data.traitId })
  if (separated.ok) return redirectWithFlash(boardPath(member, 'groups'), 'Taken out of its group.')
  const text = separated.reason === 'not-revealed' ? 'Grouping starts after the reveal.' : 'That note was deleted meanwhile.'
  return answer(400, { form: BOARD_FORMS.note(parsed.data.traitId), notice: { tone: 'error', text } })
}

export async function mergeIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'shape-agreed-list')
  const form = postedForm(formData, 'merge')
  const parsed = validateFormData(formData, MergeTraitsSchema)
  if (!parsed.ok) return invalid(form, parsed)
  const { kind, text, sourceTraitIds } = parsed.data
  const merged = await mergeTraits({ workshopId: member.workshopId, userId: member.user.id, kind, text, sourceTraitIds })
  if (merged.ok) return redirectWithFlash(boardPath(member, BOARD_FORMS.agreed(merged.value.id)), `Agreed: “${merged.value.text}”.`)
  if (merged.reason === 'not-revealed') return answer(400, { form, notice: { tone: 'error', text: 'The room merges after the facilitator reveals both lists.' } })
  if (merged.reason === 'already-merged') {
    // Someone merged (some of) these notes first: nothing is written, the wording stays in the form, and the page says who did it and how.
    const { agreed } = merged
    return conflict(form, {
      message: mergedMeanwhile(agreed),
      values: parsed.values,
      theirs: { agreedId: agreed.id, revision: agreed.revision, text: agreed.text, kind: agreed.kind, agreedByName: agreed.agreedByName },
    })
  }
  return conflict(form, { message: 'One of these notes was deleted meanwhile; nothing was agreed. Check the board and try again.', values: parsed.values })
}

/** "Sam Sales merged M1 and S1 as a good lead a moment ago." The agreed words themselves show beside it. */
function mergedMeanwhile(agreed: AgreedElsewhere) {
  const who = agreed.agreedByName ?? 'Someone'
  // In board order (marketing's M before sales' S, then by number), whatever order the rows came back in.
  const ordered = [...agreed.notes].sort((a, b) => a.team.localeCompare(b.team) || a.seq - b.seq)
  const notes = listLabels(ordered.map((note) => noteLabel(note.team, note.seq)))
  return `${who} merged ${notes} as a ${agreed.kind} lead while you were writing, so nothing of yours was saved. Your wording is still in the form.`
}

export async function saveAgreedIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'shape-agreed-list')
  const parsed = validateFormData(formData, SaveAgreedSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'agreedId'), parsed)
  const { agreedId, revision, kind, text } = parsed.data
  const form = BOARD_FORMS.agreed(agreedId)
  const saved = await saveAgreedTrait({ workshopId: member.workshopId, agreedId, revision, kind, text })
  if (saved.ok) return redirectWithFlash(boardPath(member, form), `Saved “${saved.value.text}”.`)
  if (saved.reason === 'not-found') return answer(404, { form: BOARD_FORMS.board, notice: { tone: 'error', text: 'This agreed trait was deleted meanwhile.' } })
  return conflict(form, {
    message: 'Someone changed this agreed trait while you were editing. Their version is below; your text is still in the form — save again to replace theirs.',
    theirs: { kind: saved.current.kind, text: saved.current.text },
    values: { ...parsed.values, revision: String(saved.current.revision) },
  })
}

export async function deleteAgreedIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'shape-agreed-list')
  const parsed = validateFormData(formData, DeleteAgreedSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'agreedId'), parsed)
  const { agreedId, revision } = parsed.data
  const deleted = await deleteAgreedTrait({ workshopId: member.workshopId, agreedId, revision })
  if (deleted.ok || deleted.reason === 'not-found') return redirectWithFlash(boardPath(member, 'agreed'), 'Removed from the agreed list.')
  return conflict(BOARD_FORMS.agreed(agreedId), {
    message: 'Someone changed this agreed trait meanwhile, so it was not removed.',
    theirs: { kind: deleted.current.kind, text: deleted.current.text },
  })
}

export async function draftCriterionIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'shape-agreed-list')
  const parsed = validateFormData(formData, DraftCriterionSchema)
  if (!parsed.ok) return invalid(cardOf(parsed.values, 'agreedId'), parsed)
  const form = BOARD_FORMS.agreed(parsed.data.agreedId)
  const drafted = await draftCriterionFromAgreedTrait({ workshopId: member.workshopId, agreedId: parsed.data.agreedId })
  if (drafted.ok) return redirectWithFlash(boardPath(member, form), draftMessage(drafted))
  const status = drafted.reason === 'already-open' ? 409 : drafted.reason === 'not-found' ? 404 : 400
  return answer(status, { form, notice: { tone: 'warn', text: draftMessage(drafted) } })
}

/** The shared comment intent; a comment also refreshes the open boards, like any change to the step. */
export async function commentIntent({ request, member, formData }: IntentInput) {
  const response = await addCommentIntent({ request, member, formData, step: 'leads' })
  if (response.status === 302) await touchBoard(member.workshopId)
  return response
}
