import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { FormattedDate } from '~/components/dates'
import { SHARE_LINK_EXPIRY_OPTIONS, ShareActionSchema } from '~/domain/document/schemas'
import { publicOrigin } from '~/env.server'
import { validateFormData, readFormData } from '~/form.server'
import { createShareLink, listShareLinks, revokeShareLink } from '~/models/share-link.server'
import { listVersions } from '~/models/sign-off.server'
import { requireMember } from '~/http/permissions.server'

type ActionData = { shareUrl?: string; error?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'share')
  const form = validateFormData(await readFormData(request), ShareActionSchema)
  if (!form.ok) return json<ActionData>({ error: form.errors.expiresInDays ?? 'This form is out of date: reload the page.' }, { status: 400 })
  if (form.data.intent === 'create-share-link') {
    const token = await createShareLink({ workshopId: member.workshopId, userId: member.user.id, expiresInDays: form.data.expiresInDays })
    return json<ActionData>({ shareUrl: `${publicOrigin()}/share/${token}` })
  }
  const revoked = await revokeShareLink({ workshopId: member.workshopId, linkId: form.data.linkId })
  return revoked ? json<ActionData>({}) : json<ActionData>({ error: 'That link was already revoked.' }, { status: 404 })
}

export const meta: MetaFunction = () => [{ title: 'Published versions · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canShare = member.role === 'facilitator'
  return json({
    workshopId: member.workshopId,
    canShare,
    versions: await listVersions(member.workshopId),
    shareLinks: canShare ? await listShareLinks(member.workshopId) : [],
  })
}

export default function VersionsPage() {
  const { workshopId, versions, canShare, shareLinks } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
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
      {canShare && versions.length > 0 ? (
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading">Read-only share link</h2>
          <p className="muted small">Anyone with the link sees the latest published document, without logging in, and nothing else. Revoke it to stop access at once.</p>
          {actionData?.error ? <div className="alert error">{actionData.error}</div> : null}
          {actionData?.shareUrl ? (
            <div className="alert success" role="status">
              <p>
                <strong>Share link created.</strong> Copy it now: it is shown only once.
              </p>
              <label className="visually-hidden" htmlFor="share-url">
                Share link
              </label>
              <input id="share-url" type="text" readOnly value={actionData.shareUrl} data-testid="share-link" />
            </div>
          ) : null}
          {shareLinks.length > 0 ? (
            <ul className="tag-list">
              {shareLinks.map((link) => (
                <li key={link.id} className="actions">
                  <span>
                    Link created <FormattedDate value={link.createdAt} withTime />
                    {link.expiresAt ? (
                      <>
                        {link.status === 'expired' ? ', expired ' : ', expires '}
                        <FormattedDate value={link.expiresAt} withTime />
                      </>
                    ) : (
                      ', never expires'
                    )}
                  </span>
                  {link.status === 'revoked' ? (
                    <span className="badge danger">revoked</span>
                  ) : link.status === 'expired' ? (
                    <span className="badge">expired</span>
                  ) : (
                    <PostButton fields={{ intent: 'revoke-share-link', linkId: link.id }}>
                      Revoke
                    </PostButton>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="create-share-link" />
            <label htmlFor="share-expiry">Expires</label>
            <select id="share-expiry" name="expiresInDays" defaultValue="never" style={{ width: 'auto' }}>
              {SHARE_LINK_EXPIRY_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary">
              Create share link
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
