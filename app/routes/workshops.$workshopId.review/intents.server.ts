import { PublishSchema, SignOffSchema, WithdrawSchema, withdrawFormName } from '~/domain/document/schemas'
import { SECTION_TITLES } from '~/domain/document/snapshot'
import { validateFormData } from '~/http/form.server'
import { answer, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { signOffSection, withdrawSignOff } from '~/models/sign-off.server'
import { publishVersion, type PublishResult } from '~/models/version.server'

type IntentArgs = { member: MemberContext; formData: FormData }

const reviewPath = (member: MemberContext) => `/workshops/${member.workshopId}/review`

export async function signOffIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'sign-off')
  const form = validateFormData(formData, SignOffSchema)
  if (!form.ok) return invalid('sign-off', form)
  invariantResponse(member.role === 'marketing' || member.role === 'sales', 'Only marketing and sales members sign off.', { status: 403 })
  await signOffSection({ workshopId: member.workshopId, userId: member.user.id, team: member.role, section: form.data.section })
  return redirectWithFlash(`${reviewPath(member)}#sign-${form.data.section}`, `Signed “${SECTION_TITLES[form.data.section]}” for ${member.role}.`)
}

export async function withdrawIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'sign-off')
  const section = formData.get('section')
  const form = validateFormData(formData, WithdrawSchema)
  const name = withdrawFormName(typeof section === 'string' ? section : '')
  if (!form.ok) return invalid(name, form)
  const withdrawn = await withdrawSignOff({ workshopId: member.workshopId, userId: member.user.id, section: form.data.section, comment: form.data.comment })
  if (!withdrawn) return answer(400, { form: name, errors: { form: 'You had not signed this section.' }, values: form.values })
  return redirectWithFlash(`${reviewPath(member)}#sign-${form.data.section}`, `Withdrew your sign-off of “${SECTION_TITLES[form.data.section]}”.`)
}

export function unchangedText(latest: number) {
  return `Nothing has changed since version ${latest}: publishing it again would only repeat it. Change a section (and have it signed again) to publish version ${latest + 1}.`
}

function refusal(refused: Extract<PublishResult, { ok: false }>): string {
  switch (refused.reason) {
    case 'unchanged':
      return unchangedText(refused.latest)
    case 'not-ready':
      return `Not every section is signed by both teams yet (${refused.missing.join('; ')}).`
    case 'stale':
      return `Version ${refused.latest} was published while you were writing your note. Read what it changed, then publish again if there is still something to publish.`
    case 'no-note':
      return 'Say in a sentence or two what changed and why: the note stays with the version for good.'
  }
}

export async function publishIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'publish')
  const form = validateFormData(formData, PublishSchema)
  if (!form.ok) return invalid('publish', form)
  const published = await publishVersion({ workshopId: member.workshopId, userId: member.user.id, note: form.data.note, latestSeen: form.data.latestSeen })
  if (!published.ok) {
    const status = published.reason === 'no-note' ? 400 : 409
    return answer(status, { form: 'publish', errors: published.reason === 'no-note' ? { note: refusal(published) } : { form: refusal(published) }, values: form.values })
  }
  return redirectWithFlash(`/workshops/${member.workshopId}/versions/${published.number}/published`, `Published version ${published.number}.`)
}
