import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'

/** The compare form posts two numbers by GET (works without JS); the diff has a stable address. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const url = new URL(request.url)
  const a = Number(url.searchParams.get('a'))
  const b = Number(url.searchParams.get('b'))
  invariantResponse(Number.isInteger(a) && Number.isInteger(b) && a >= 1 && b >= 1, 'Pick two versions.', { status: 400 })
  return redirect(`/workshops/${member.workshopId}/versions/${a}/diff/${b}`)
}
