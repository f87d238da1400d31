import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { getVersionDocument } from '~/models/document.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} (v${data.number}) · Leadpact` : 'Version · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const number = Number(params.number)
  const document = Number.isInteger(number) ? await getVersionDocument({ workshopId: member.workshopId, number }) : undefined
  if (!document) throw new Response('Version not found', { status: 404 })
  return json({ document, number, workshopId: member.workshopId })
}

const DOWNLOADS = [
  { ext: 'html', label: 'Document (HTML, prints to PDF)' },
  { ext: 'md', label: 'Document (Markdown)' },
  { ext: 'json', label: 'Scoring config (JSON)' },
  { ext: 'csv', label: 'Rules (CSV)' },
  { ext: 'sql', label: 'Scoring as SQL (PostgreSQL)' },
  { ext: 'sql?dialect=duckdb', label: 'Scoring as SQL (DuckDB)' },
] as const

export default function VersionPage() {
  const { document, number, workshopId } = useLoaderData<typeof loader>()
  const base = `/workshops/${workshopId}/versions/${number}`
  return (
    <div className="stack">
      <div className="card no-print">
        <div className="section-head">
          <h2>Downloads</h2>
          <span className="small muted">
            To save as PDF, print this page (Ctrl/Cmd + P) and choose “Save as PDF”.
          </span>
        </div>
        <ul className="downloads">
          {DOWNLOADS.map((download) => (
            <li key={download.ext}>
              <a href={`${base}/export.${download.ext}`} download className="button secondary small">
                {download.label}
              </a>
            </li>
          ))}
        </ul>
        {number > 1 ? (
          <p className="small">
            <Link to={`${base.replace(/\/\d+$/, '')}/${number - 1}/diff/${number}`}>What changed since v{number - 1}</Link>
          </p>
        ) : null}
      </div>
      <DefinitionDocumentView document={document} />
    </div>
  )
}
