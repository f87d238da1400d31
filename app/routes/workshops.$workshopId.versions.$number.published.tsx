import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { API_BASE } from '~/domain/api/openapi'
import { publicOrigin } from '~/http/env.server'
import { requireMember } from '~/http/permissions.server'
import { latestVersionNumber } from '~/models/version.server'
import { requireVersion, versionFileName } from '~/models/version-export.server'
import { Icon } from '~/components/icons'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Version ${data.number} published · Leadpact` : 'Published · Leadpact' }]

/** Where publishing lands: the version is out; what to do with it next. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  return json({
    workshopId: member.workshopId,
    number: version.number,
    note: version.note,
    isLatest: (await latestVersionNumber(member.workshopId)) === version.number,
    canShare: member.can('share'),
    canIntegrate: member.can('manage-integrations'),
    pdfName: versionFileName(version, 'definition', 'pdf'),
    apiDocument: `${publicOrigin()}${API_BASE}/workshops/${member.workshopId}/versions/${version.number}/document?format=pdf`,
  })
}

export default function PublishedPage() {
  const data = useLoaderData<typeof loader>()
  const base = `/workshops/${data.workshopId}/versions`
  return (
    <div className="stack published-page">
      <div className="card published-hero">
        <p className="eyebrow">Published</p>
        <h2>Version {data.number} is published</h2>
        <p>It is frozen for good: both teams&apos; sign-offs and your note are part of it.</p>
        {data.note ? <blockquote className="version-note">{data.note}</blockquote> : null}
        <div className="actions">
          <Link to={`${base}/${data.number}`} className="button">
            Read version {data.number}
          </Link>
          {data.number > 1 ? (
            <Link to={`${base}/${data.number - 1}/diff/${data.number}`} className="button secondary">
              What changed since v{data.number - 1}
            </Link>
          ) : null}
        </div>
      </div>
      <h3>Next steps</h3>
      <ol className="next-steps">
        <li className="card">
          <h4>Send it to the people who were not in the room</h4>
          {data.canShare ? (
            <p>
              A <Link to={`${base}#share`}>read-only share link</Link> shows the latest published document, and its PDF, without an account. Existing links now show version{' '}
              {data.number}.
            </p>
          ) : (
            <p>The facilitator creates read-only share links on the versions page.</p>
          )}
        </li>
        <li className="card">
          <h4>Download the PDF</h4>
          <p>
            <a href={`${base}/${data.number}/export.pdf`} download={data.pdfName}>
              <Icon name="download" /> {data.pdfName}
            </a>{' '}
            — the designed document for a leadership meeting or an email.
          </p>
        </li>
        <li className="card">
          <h4>Connect your tools</h4>
          <p>
            CRMs and pipelines fetch this version&apos;s scoring config and document through the API, for example <code className="break-all">{data.apiDocument}</code>.{' '}
            {data.canIntegrate ? <Link to={`/workshops/${data.workshopId}/integrations`}>Create an API token</Link> : 'The facilitator creates API tokens.'} ·{' '}
            <Link to="/api">API reference</Link>
          </p>
        </li>
        <li className="card">
          <h4>Export</h4>
          <p>
            <a href={`${base}/${data.number}/export.json`}>Scoring config (JSON)</a> · <a href={`${base}/${data.number}/export.csv`}>rules (CSV)</a> ·{' '}
            <a href={`${base}/${data.number}/export.sql`}>SQL</a> · <a href={`${base}/${data.number}/export.md`}>Markdown</a> ·{' '}
            <a href={`${base}/${data.number}/export.html`}>HTML</a>
          </p>
        </li>
      </ol>
      {!data.isLatest ? <p className="muted small">A newer version has been published since.</p> : null}
    </div>
  )
}
