import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { getVersionDocument } from '~/models/document.server'
import { requireMember } from '~/permissions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} (v${data.number}) · Leadpact` : 'Version · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const number = Number(params.number)
  const document = Number.isInteger(number) ? await getVersionDocument({ workshopId: member.workshopId, number }) : undefined
  if (!document) throw new Response('Version not found', { status: 404 })
  return json({ document, number, workshopId: member.workshopId })
}

export default function VersionPage() {
  const { document } = useLoaderData<typeof loader>()
  return <DefinitionDocumentView document={document} />
}
