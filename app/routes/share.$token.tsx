import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { isRouteErrorResponse, useLoaderData, useParams, useRouteError } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { exportFileName } from '~/domain/document/file-names'
import { requireSharedDocument, SHARE_HEADERS, type DeadShareLink } from '~/http/share.server'
import { Icon } from '~/components/icons'

/** The share page is the document alone: root.tsx leaves out the app's top bar and footer. */
export const handle = { chrome: 'none' }

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Link turned off · Leadpact' }, { name: 'robots', content: 'noindex, nofollow' }]
  const title = `${data.document.title} (version ${data.version})`
  const description = (data.description.length > 200 ? `${data.description.slice(0, 197)}…` : data.description) || data.document.subtitle
  // Open Graph and Twitter cards: a pasted link previews with the title and the definition.
  return [
    { title },
    { name: 'description', content: description },
    { name: 'robots', content: 'noindex, nofollow' },
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: 'Leadpact' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: description },
  ]
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders

/** Read-only: the latest published document and nothing else of the workshop. */
export async function loader({ params }: LoaderFunctionArgs) {
  const shared = await requireSharedDocument(params.token)
  const definition = shared.document.sections.find((section) => section.id === 'summary')?.blocks.find((block) => block.type === 'definitions')
  return json(
    {
      document: shared.document,
      version: shared.version,
      description: definition?.type === 'definitions' ? definition.items[0]?.text ?? '' : '',
      pdfName: exportFileName({ company: shared.document.cover.company, version: shared.version, kind: 'definition', extension: 'pdf' }),
    },
    { headers: SHARE_HEADERS }
  )
}

function MadeWith() {
  return (
    <p className="share-made-with">
      Made with <a href="/">Leadpact</a>
    </p>
  )
}

export default function SharedDocumentPage() {
  const { document, pdfName } = useLoaderData<typeof loader>()
  const { token } = useParams()
  return (
    <div className="share-page">
      <div className="share-bar">
        <p className="small muted">Shared read-only by {document.cover.company}. This link always shows the latest published version.</p>
        <a className="button small" href={`/share/${token}/document.pdf`} download={pdfName}>
          <Icon name="download" />
          Download PDF
        </a>
      </div>
      <DefinitionDocumentView document={document} />
      <MadeWith />
    </div>
  )
}

const DEAD_TEXT: Record<DeadShareLink['reason'], { title: string; body: string }> = {
  'turned-off': { title: 'This link was turned off', body: "This link was turned off by the workshop's facilitator. Ask the person who sent it to you for a new one." },
  expired: {
    title: 'This link has expired',
    body: "The workshop's facilitator set this link to work for a limited time, and that time is over. Ask the person who sent it to you for a new one.",
  },
  unknown: {
    title: 'This link does not work',
    body: "It may have been copied incompletely, or turned off by the workshop's facilitator. Check the link, or ask the person who sent it to you for a new one.",
  },
  unpublished: { title: 'Nothing to show yet', body: 'The definition behind this link has not been published yet. Try again later, or ask the person who sent it to you.' },
}

/** A dead link gets its own page: what happened and what to do, nothing about accounts or workshops. */
export function ErrorBoundary() {
  const error = useRouteError()
  const reason = isRouteErrorResponse(error) && error.status === 404 ? (error.data as Partial<DeadShareLink> | undefined)?.reason ?? 'unknown' : null
  const text = reason ? DEAD_TEXT[reason] : { title: 'Something went wrong', body: 'The document could not be shown. Try again in a moment.' }
  return (
    <div className="share-page share-dead">
      <div className="card share-dead-card">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
      </div>
      <MadeWith />
    </div>
  )
}
