import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { publicOrigin } from '~/http/env.server'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { secretPageHeaders, takeOneTimeSecret } from '~/http/one-time-secret.server'
import { requireMember } from '~/http/permissions.server'
import { listApiTokens } from '~/models/api-token.server'
import { latestVersionNumber } from '~/models/version.server'
import { CreateTokenForm } from './create-token-form'
import { CreatedToken } from './created-token'
import { createTokenIntent, integrationsPath, NewTokenSchema, revokeTokenIntent } from './intents.server'
import { TokensTable } from './tokens-table'

export const meta: MetaFunction = () => [{ title: 'Integrations · Leadpact' }]

// A page that shows a new token must not be kept by the browser or a proxy.
export const headers = secretPageHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canManage = member.can('manage-integrations')
  const [latest, tokens, revealed] = await Promise.all([
    latestVersionNumber(member.workshopId),
    canManage ? listApiTokens(member.workshopId) : Promise.resolve([]),
    takeOneTimeSecret(request, { path: integrationsPath(member.workshopId), userId: member.user.id, schema: NewTokenSchema }),
  ])
  return json(
    { workshopId: member.workshopId, canManage, origin: publicOrigin(), latest, tokens, created: canManage ? revealed.secret : null },
    { headers: revealed.headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'manage-integrations')
  const formData = await readFormData(request)
  switch (readIntent(formData, ['create-token', 'revoke-token'])) {
    case 'create-token':
      return createTokenIntent({ member, formData })
    case 'revoke-token':
      return revokeTokenIntent({ member, formData })
  }
}

export default function IntegrationsPage() {
  const { tokens, canManage, workshopId, origin, latest, created } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const revokeAnswer = answerFor(actionData, 'revoke-token')
  const refused = revokeAnswer?.notice?.text ?? (revokeAnswer?.errors ? 'This form is out of date: reload the page and try again.' : undefined)
  return (
    <div className="stack">
      <div>
        <h1>Integrations</h1>
        <p className="muted">
          Other tools (a CRM, marketing automation, a data pipeline) read the published definition and score leads through the{' '}
          <Link to="/api">Leadpact API</Link> with a token from this page. Each token works for this workshop only.
        </p>
        <p className="small">
          Workshop id: <code className="mono" data-testid="workshop-id">{workshopId}</code>
          {latest ? (
            <>
              {' '}
              · latest published version: <Link to={`/workshops/${workshopId}/versions/${latest}`}>v{latest}</Link>
            </>
          ) : (
            <> · nothing published yet: the API answers once a version is published.</>
          )}
        </p>
      </div>

      {!canManage ? (
        <div className="card">
          <p>Only facilitators create and revoke API tokens. Ask your facilitator for one.</p>
        </div>
      ) : (
        <>
          {refused ? (
            <div className="alert error" role="alert">
              {refused}
            </div>
          ) : null}
          <div className="card">
            <h2 id="new-token">New API token</h2>
            {created ? <CreatedToken created={created} origin={origin} workshopId={workshopId} /> : null}
            <CreateTokenForm answer={answerFor(actionData, 'create-token')} />
          </div>
          <TokensTable tokens={tokens} />
        </>
      )}
    </div>
  )
}
