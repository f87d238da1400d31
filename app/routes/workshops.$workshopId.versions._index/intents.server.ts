import { z } from 'zod'
import { renderLogoCheck } from '~/http/document-pdf.server'
import { cleanLogo, LOGO_MAX_BYTES } from '~/domain/document/logo'
import { CreateShareLinkSchema, RemoveLogoSchema, RevokeShareLinkSchema, UploadLogoSchema } from '~/domain/document/schemas'
import { publicOrigin } from '~/http/env.server'
import { validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { oneTimeSecretCookie, takeOneTimeSecret } from '~/http/one-time-secret.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { removeLogo, saveLogo } from '~/models/document-logo.server'
import { createShareLink, revokeShareLink } from '~/models/share-link.server'

type IntentArgs = { member: MemberContext; formData: FormData }

export const versionsPath = (workshopId: string) => `/workshops/${workshopId}/versions`

const NewShareLinkSchema = z.object({ url: z.string().url() })

/**
 * A new share link is shown once, on the page after the redirect: its token travels in the
 * one-time secret cookie (http/one-time-secret.server.ts), never in the URL; only its hash is stored.
 */
export async function createShareLinkIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'share')
  const form = validateFormData(formData, CreateShareLinkSchema)
  if (!form.ok) return invalid('create-share-link', form)
  const token = await createShareLink({ workshopId: member.workshopId, userId: member.user.id, expiresInDays: form.data.expiresInDays })
  const path = versionsPath(member.workshopId)
  const cookie = await oneTimeSecretCookie({ path, userId: member.user.id, secret: { url: `${publicOrigin()}/share/${token}` } })
  return redirectWithFlash(`${path}#share`, 'Share link created. Copy it now: it is shown only once.', { headers: { 'Set-Cookie': cookie } })
}

/** The link created by the post just before, if this is the page right after it. */
export async function takeNewShareLink(request: Request, member: MemberContext) {
  return takeOneTimeSecret(request, { path: versionsPath(member.workshopId), userId: member.user.id, schema: NewShareLinkSchema })
}

export async function revokeShareLinkIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'share')
  const form = validateFormData(formData, RevokeShareLinkSchema)
  if (!form.ok) return invalid('revoke-share-link', form)
  const revoked = await revokeShareLink({ workshopId: member.workshopId, linkId: form.data.linkId })
  if (!revoked) return answer(404, { form: 'revoke-share-link', errors: { form: 'That link was already revoked.' } })
  return redirectWithFlash(`${versionsPath(member.workshopId)}#share`, 'Share link revoked: it stopped working at once.')
}

export async function uploadLogoIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'brand-document')
  const form = validateFormData(formData, UploadLogoSchema)
  if (!form.ok) return invalid('upload-logo', form)
  const file = formData.get('logo')
  if (!(file instanceof File) || file.size === 0) return answer(400, { form: 'upload-logo', errors: { logo: 'Choose a logo file (PNG or JPEG).' }, values: form.values })
  if (file.size > LOGO_MAX_BYTES)
    return answer(400, { form: 'upload-logo', errors: { logo: `The logo is ${Math.ceil(file.size / 1024)} KB: the most is ${LOGO_MAX_BYTES / 1024} KB.` }, values: form.values })
  const clean = cleanLogo(new Uint8Array(await file.arrayBuffer()))
  if (!clean.ok) return answer(400, { form: 'upload-logo', errors: { logo: clean.message }, values: form.values })
  // Well-formed is not yet drawable: the PDF renderer must draw it too, or every later PDF would fail.
  const drawable = await renderLogoCheck(clean.value)
  if (!drawable)
    return answer(400, {
      form: 'upload-logo',
      errors: { logo: 'This image cannot be drawn in a PDF: export it again as a plain PNG (8 bits per channel) or a standard JPEG.' },
      values: form.values,
    })
  const saved = await saveLogo({ workshopId: member.workshopId, userId: member.user.id, logo: clean.value, revision: form.data.revision })
  if (!saved.ok) {
    return conflict('upload-logo', {
      message:
        saved.reason === 'conflict'
          ? 'Someone changed the logo while you were choosing yours: look at it above, then upload yours again to replace it.'
          : 'The logo was removed meanwhile: upload yours again.',
      values: { revision: saved.reason === 'conflict' ? String(saved.current.revision) : '' },
    })
  }
  return redirectWithFlash(
    `${versionsPath(member.workshopId)}#logo`,
    `Logo saved (${clean.value.width} × ${clean.value.height} pixels): it is on the cover of every version's document.`
  )
}

export async function removeLogoIntent({ member, formData }: IntentArgs) {
  requireCapability(member.role, 'brand-document')
  const form = validateFormData(formData, RemoveLogoSchema)
  if (!form.ok) return invalid('remove-logo', form)
  const removed = await removeLogo({ workshopId: member.workshopId, revision: form.data.revision })
  if (!removed.ok && removed.reason === 'conflict')
    return conflict('remove-logo', { message: 'Someone changed the logo meanwhile: look at it, then remove it again if you still want to.' })
  return redirectWithFlash(`${versionsPath(member.workshopId)}#logo`, 'Logo removed from the documents’ cover.')
}
