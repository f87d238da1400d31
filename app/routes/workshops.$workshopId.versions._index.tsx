import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { listVersions } from '~/models/sign-off.server'
import { requireMember } from '~/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Published versions · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  return json({ workshopId: member.workshopId, versions: await listVersions(member.workshopId) })
}

export default function VersionsPage() {
  const { workshopId, versions } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div>
        <h2>Published versions</h2>
        <p className="muted">Each version is frozen: it can never be edited or deleted. Compare any two.</p>
      </div>
      {versions.length === 0 ? (
        <div className="empty">
          <h2>Nothing published yet</h2>
          <p>When both teams have signed every section, the facilitator publishes version 1 from the review step.</p>
          <Link to={`/workshops/${workshopId}/review`} className="button secondary">
            Go to review
          </Link>
        </div>
      ) : (
        <>
          <div className="card table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                  <th scope="col">By</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.number}>
                    <td>
                      <Link to={`/workshops/${workshopId}/versions/${version.number}`}>v{version.number}</Link>
                    </td>
                    <td>
                      <FormattedDate value={version.publishedAt} withTime />
                    </td>
                    <td>{version.publishedBy}</td>
                    <td>
                      {version.number === 1 ? 'first version' : `${version.changeCount} changes`}
                      {version.number > 1 ? (
                        <>
                          {' · '}
                          <Link to={`/workshops/${workshopId}/versions/${version.number - 1}/diff/${version.number}`}>diff with v{version.number - 1}</Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.length > 1 ? (
            <Form method="get" action={`/workshops/${workshopId}/versions/compare`} className="card actions">
              <label htmlFor="from">Compare</label>
              <select id="from" name="a" defaultValue={versions[versions.length - 1]!.number} style={{ width: 'auto' }}>
                {versions.map((version) => (
                  <option key={version.number} value={version.number}>
                    v{version.number}
                  </option>
                ))}
              </select>
              <label htmlFor="to">with</label>
              <select id="to" name="b" defaultValue={versions[0]!.number} style={{ width: 'auto' }}>
                {versions.map((version) => (
                  <option key={version.number} value={version.number}>
                    v{version.number}
                  </option>
                ))}
              </select>
              <button type="submit" className="button secondary small">
                Show differences
              </button>
            </Form>
          ) : null}
        </>
      )}
    </div>
  )
}
