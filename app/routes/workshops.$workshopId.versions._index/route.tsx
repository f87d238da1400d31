import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { secretPageHeaders } from '~/http/one-time-secret.server'
import { requireMember } from '~/http/permissions.server'
import { getDocumentLogo, getLogo } from '~/models/document-logo.server'
import { listShareLinks } from '~/models/share-link.server'
import { listVersions } from '~/models/version.server'
import { createShareLinkIntent, removeLogoIntent, revokeShareLinkIntent, takeNewShareLink, uploadLogoIntent } from './intents.server'
import { LogoCard } from './logo-card'
import { ShareLinks } from './share-links'
import { Icon } from '~/components/icons'

export const meta: MetaFunction = () => [{ title: 'Published versions · Leadpact' }]

export const headers = secretPageHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canShare = member.can('share')
  const canBrand = member.can('brand-document')
  const [versions, shareLinks, newLink, logo, logoImage] = await Promise.all([
    listVersions(member.workshopId),
    canShare ? listShareLinks(member.workshopId) : Promise.resolve([]),
    canShare ? takeNewShareLink(request, member) : { secret: null, headers: undefined },
    canBrand ? getLogo(member.workshopId) : undefined,
    canBrand ? getDocumentLogo(member.workshopId) : null,
  ])
  return json(
    {
      workshopId: member.workshopId,
      company: member.workshop.company,
      canShare,
      canBrand,
      versions: versions.map(({ changelog: _changelog, ...version }) => version),
      shareLinks: shareLinks.map((link) => ({ id: link.id, createdAt: link.createdAt.toISOString(), expiresAt: link.expiresAt?.toISOString() ?? null, status: link.status })),
      newShareUrl: newLink.secret?.url ?? null,
      logo: logo && logoImage ? { src: logoImage.src, width: logo.width, height: logo.height, revision: logo.revision, bytes: logo.bytes } : null,
    },
    { headers: newLink.headers }
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every form of this page is the facilitator's (share links, the logo): refused before the body is read.
  const member = await requireMember(request, params.workshopId, 'share')
  const formData = await readFormData(request)
  switch (readIntent(formData, ['create-share-link', 'revoke-share-link', 'upload-logo', 'remove-logo'])) {
    case 'create-share-link':
      return createShareLinkIntent({ member, formData })
    case 'revoke-share-link':
      return revokeShareLinkIntent({ member, formData })
    case 'upload-logo':
      return uploadLogoIntent({ member, formData })
    case 'remove-logo':
      return removeLogoIntent({ member, formData })
  }
}

export default function VersionsPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const { workshopId, versions } = data
  return (
    <div className="stack">
      <div>
        <h2>Published versions</h2>
        <p className="muted">Each version is frozen: it can never be edited or deleted. Compare any two.</p>
      </div>
      {versions.length === 0 ? (
        <div className="empty">
          <Icon name="file-text" className="empty-icon" />
          <h2>Nothing published yet</h2>
          <p>When both teams have signed every section, the facilitator publishes version 1 from the review step.</p>
          <Link to={`/workshops/${workshopId}/review`} className="button secondary">
            Go to review
          </Link>
        </div>
      ) : (
        <>
          <ol className="version-list">
            {versions.map((version, index) => (
              <li key={version.number} className="card version-item">
                <div className="section-head">
                  <h3>
                    <Link to={`/workshops/${workshopId}/versions/${version.number}`}>Version {version.number}</Link> {index === 0 ? <span className="badge ok">latest</span> : null}
                  </h3>
                  <span className="small muted">
                    <time dateTime={version.publishedAt}>{version.publishedText}</time> by {version.publishedBy}
                  </span>
                </div>
                {version.note ? <p className="version-note">{version.note}</p> : null}
                <p className="small">
                  {version.number === 1 ? (
                    'First version.'
                  ) : (
                    <>
                      {version.summary} ·{' '}
                      <Link to={`/workshops/${workshopId}/versions/${version.number - 1}/diff/${version.number}`}>what changed since v{version.number - 1}</Link>
                    </>
                  )}{' '}
                  · <a href={`/workshops/${workshopId}/versions/${version.number}/export.pdf`}>PDF</a>
                </p>
              </li>
            ))}
          </ol>
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
      {data.canShare && versions.length > 0 ? (
        <ShareLinks
          links={data.shareLinks}
          newUrl={data.newShareUrl}
          createAnswer={answerFor(actionData, 'create-share-link')}
          revokeAnswer={answerFor(actionData, 'revoke-share-link')}
        />
      ) : null}
      {data.canBrand ? (
        <LogoCard logo={data.logo} company={data.company} uploadAnswer={answerFor(actionData, 'upload-logo')} removeAnswer={answerFor(actionData, 'remove-logo')} />
      ) : null}
    </div>
  )
}
