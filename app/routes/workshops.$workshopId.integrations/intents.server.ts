import { z } from 'zod'
import { API_SCOPES, CreateTokenSchema, RevokeTokenSchema } from '~/domain/api/schemas'
import { validateFormData } from '~/http/form.server'
import { answer, invalid, redirectWithFlash } from '~/http/actions.server'
import { oneTimeSecretCookie } from '~/http/one-time-secret.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-token.server'

type IntentInput = { member: MemberContext; formData: FormData }

export const integrationsPath = (workshopId: string) => `/workshops/${workshopId}/integrations`

/** A token just created: the page shows it once, after the redirect (Leadpact keeps only its hash). */
export const NewTokenSchema = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.enum(API_SCOPES)), token: z.string() })

export async function createTokenIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-integrations')
  const parsed = validateFormData(formData, CreateTokenSchema)
  if (!parsed.ok) return invalid('create-token', parsed)
  const created = await createApiToken({ workshopId: member.workshopId, name: parsed.data.name, scopes: parsed.data.scopes, createdBy: member.user.id })
  const path = integrationsPath(member.workshopId)
  const secret = { id: created.id, name: created.name, scopes: created.scopes, token: created.token } satisfies z.input<typeof NewTokenSchema>
  return redirectWithFlash(`${path}#new-token`, `Token “${created.name}” created.`, {
    headers: { 'Set-Cookie': await oneTimeSecretCookie({ path, userId: member.user.id, secret }) },
  })
}

export async function revokeTokenIntent({ member, formData }: IntentInput) {
  requireCapability(member.role, 'manage-integrations')
  const parsed = validateFormData(formData, RevokeTokenSchema)
  if (!parsed.ok) return invalid('revoke-token', parsed)
  const { tokenId } = parsed.data
  const result = await revokeApiToken({ workshopId: member.workshopId, tokenId })
  if (result === 'not-found') return answer(404, { form: 'revoke-token', notice: { tone: 'error', text: 'That token does not exist.' } })
  const name = (await listApiTokens(member.workshopId)).find((token) => token.id === tokenId)?.name ?? 'the token'
  return redirectWithFlash(integrationsPath(member.workshopId), `Revoked “${name}”: requests with it now get 401.`)
}
