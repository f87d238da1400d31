import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DefinitionDocumentView } from '~/components/definition-document'
import { requireMember } from '~/http/permissions.server'
import { documentOfVersion } from '~/models/document.server'
import { latestVersionNumber } from '~/models/version.server'
import { requireVersion, versionFileName } from '~/models/version-export.server'
import { Icon } from '~/components/icons'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} (v${data.number}) · Leadpact` : 'Version · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  const [document, latest] = await Promise.all([documentOfVersion(member.workshopId, version), latestVersionNumber(member.workshopId)])
  return json({ document, number: version.number, latest: latest ?? version.number, workshopId: member.workshopId, pdfName: versionFileName(version, 'definition', 'pdf') })
}

const DOWNLOADS = [
  { ext: 'pdf', label: 'PDF', primary: true },
  { ext: 'html', label: 'HTML page (prints to A4)' },
  { ext: 'md', label: 'Markdown' },
  { ext: 'json', label: 'Scoring config (JSON)' },
  { ext: 'csv', label: 'Rules (CSV)' },
  { ext: 'sql', label: 'Scoring as SQL (PostgreSQL)' },
  { ext: 'sql?dialect=duckdb', label: 'Scoring as SQL (DuckDB)' },
] as const

export default function VersionPage() {
  const { document, number, latest, workshopId, pdfName } = useLoaderData<typeof loader>()
  const base = `/workshops/${workshopId}/versions`
  return (
    <div className="stack">
      {number < latest ? (
        <div className="alert warn version-banner no-print" role="note">
          <strong>This is version {number}, not the latest.</strong> Version {latest} replaced it. <Link to={`${base}/${latest}`}>Read version {latest}</Link> ·{' '}
          <Link to={`${base}/${number}/diff/${latest}`}>
            what changed from v{number} to v{latest}
          </Link>
        </div>
      ) : null}
      <div className="card no-print">
        <div className="section-head">
          <h2>Downloads</h2>
          {number > 1 ? <Link to={`${base}/${number - 1}/diff/${number}`}>What changed since v{number - 1}</Link> : null}
        </div>
        <ul className="downloads">
          {DOWNLOADS.map((download) => (
            <li key={download.ext}>
              <a
                href={`${base}/${number}/export.${download.ext}`}
                download={download.ext === 'pdf' ? pdfName : true}
                className={`button small ${'primary' in download ? '' : 'secondary'}`}
              >
                <Icon name="download" />
                {download.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
      <DefinitionDocumentView document={document} />
    </div>
  )
}
