import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { getDraftDocument } from '~/models/document.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Draft definition · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  return json({ document: await getDraftDocument(member.workshopId) })
}

export default function DraftDocumentPage() {
  const { document } = useLoaderData<typeof loader>()
  return <DefinitionDocumentView document={document} />
}
