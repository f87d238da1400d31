import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { getVersionDocument } from '~/models/document.server'
import { resolveShareToken } from '~/models/share-link.server'
import { latestVersionNumber } from '~/models/sign-off.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.document.title : 'Shared definition · Leadpact' },
  { name: 'robots', content: 'noindex, nofollow' },
]

// The link is the only credential: keep it out of search engines and other sites' referrers.
export const headers: HeadersFunction = () => ({ 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' })

/** Read-only: the latest published document and nothing else of the workshop. */
export async function loader({ params }: LoaderFunctionArgs) {
  const workshopId = await resolveShareToken(params.token ?? '')
  if (!workshopId) throw new Response('Not found', { status: 404 })
  const latest = await latestVersionNumber(workshopId)
  const document = latest ? await getVersionDocument({ workshopId, number: latest }) : undefined
  if (!document) throw new Response('Nothing has been published yet.', { status: 404 })
  return json({ document }, { headers: { 'X-Robots-Tag': 'noindex, nofollow' } })
}

export default function SharedDocumentPage() {
  const { document } = useLoaderData<typeof loader>()
  return <DefinitionDocumentView document={document} />
}
