import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { API_SCOPES, CreateTokenSchema, SCOPE_DESCRIPTIONS, tokenFormSchema, type ApiScope } from '~/domain/api/schemas'
import { publicOrigin } from '~/env.server'
import { validateFormData, readFormData } from '~/form.server'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-token.server'
import { latestVersionNumber } from '~/models/sign-off.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Integrations · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canManage = member.role === 'facilitator'
  return json({
    workshopId: member.workshopId,
    canManage,
    origin: publicOrigin(),
    latest: await latestVersionNumber(member.workshopId),
    tokens: canManage ? await listApiTokens(member.workshopId) : [],
  })
}

type ActionData = {
  errors?: Record<string, string>
  values?: Record<string, unknown>
  message?: string
  created?: { id: string; name: string; scopes: ApiScope[]; token: string }
  revoked?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'manage-integrations')
  const formData = await readFormData(request)
  const form = validateFormData(formData, tokenFormSchema(formData.get('intent')))
  if (!form.ok) return json<ActionData>({ errors: form.errors, values: form.values, message: 'Check the highlighted fields.' }, { status: 400 })
  const data = form.data
  if (data.intent === 'create-token') {
    const created = await createApiToken({ workshopId: member.workshopId, name: data.name, scopes: data.scopes, createdBy: member.user.id })
    return json<ActionData>({ created: { id: created.id, name: created.name, scopes: created.scopes, token: created.token } })
  }
  const result = await revokeApiToken({ workshopId: member.workshopId, tokenId: data.tokenId })
  if (result === 'not-found') return json<ActionData>({ message: 'That token does not exist.' }, { status: 404 })
  return json<ActionData>({ revoked: data.tokenId })
}

const SCOPE_LABELS: Record<ApiScope, string> = { read: 'Read', score: 'Score' }

export default function IntegrationsPage() {
  const { tokens, canManage, workshopId, origin, latest } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const created = actionData?.created
  const revokedName = actionData?.revoked ? tokens.find((token) => token.id === actionData.revoked)?.name : undefined
  return (
    <div className="stack">
      <div>
        <h2>Integrations</h2>
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
          {actionData?.message && !actionData.errors ? <FormError message={actionData.message} /> : null}
          {revokedName ? (
            <div className="alert success" role="status">
              Revoked “{revokedName}”: requests with it now get 401.
            </div>
          ) : null}
          <div className="card">
            <h2>New API token</h2>
            {created ? <CreatedToken created={created} origin={origin} workshopId={workshopId} /> : null}
            {/* Keyed by the last token created, so the form starts empty again after each one. */}
            <CreateTokenForm key={created?.id ?? 'new'} busy={busy} serverErrors={created ? undefined : actionData?.errors} serverValues={created ? undefined : actionData?.values} />
          </div>

          <div className="card table-wrap">
            <h2>API tokens</h2>
            {tokens.length === 0 ? (
              <p className="muted">No tokens yet. Create one above for each tool that should reach this workshop.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Token</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={token.id} data-testid={`token-${token.name}`}>
                      <td>
                        <strong>{token.name}</strong>
                      </td>
                      <td>
                        {token.scopes.map((scope) => (
                          <span key={scope} className="badge">
                            {SCOPE_LABELS[scope]}
                          </span>
                        ))}
                      </td>
                      <td>
                        <code className="mono small">{token.prefix}…</code>
                      </td>
                      <td className="small">
                        <FormattedDate value={token.createdAt} />
                        {token.createdByName ? <div className="muted">by {token.createdByName}</div> : null}
                      </td>
                      <td className="small" data-testid="last-used">
                        {token.lastUsedAt ? <FormattedDate value={token.lastUsedAt} withTime /> : <span className="muted">never</span>}
                      </td>
                      <td>
                        {token.revokedAt ? (
                          <span className="badge danger">
                            revoked <FormattedDate value={token.revokedAt} />
                          </span>
                        ) : (
                          <Form method="post" className="actions">
                            <span className="badge ok">active</span>
                            <input type="hidden" name="intent" value="revoke-token" />
                            <input type="hidden" name="tokenId" value={token.id} />
                            <button type="submit" className="button danger small" disabled={busy} aria-label={`Revoke ${token.name}`}>
                              Revoke
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </div>
  )
}

function CreatedToken({ created, origin, workshopId }: { created: NonNullable<ActionData['created']>; origin: string; workshopId: string }) {
  const example = `curl -H "Authorization: Bearer ${created.token}" \\\n  "${origin}/api/v1/workshops/${workshopId}/versions"`
  return (
    <div className="alert success" role="status">
      <p>
        <strong>Token “{created.name}” created</strong> ({created.scopes.map((scope) => SCOPE_LABELS[scope]).join(' and ')}). Copy it now: for your
        security it is shown only once, and Leadpact keeps only a fingerprint of it.
      </p>
      <div className="copy-box">
        <label className="visually-hidden" htmlFor="api-token">
          API token
        </label>
        <input id="api-token" type="text" readOnly value={created.token} data-testid="api-token" className="mono" />
      </div>
      <p className="small">Try it:</p>
      <pre className="code-block">
        <code>{example}</code>
      </pre>
    </div>
  )
}

function CreateTokenForm({ busy, serverErrors, serverValues }: { busy: boolean; serverErrors?: Record<string, string>; serverValues?: Record<string, unknown> }) {
  const { form, onSubmit, field } = useSchemaForm(CreateTokenSchema, {
    defaultValues: { intent: 'create-token', name: '', scopes: { read: 'on', score: 'on' } },
    serverErrors,
    serverValues,
  })
  const errors = form.formState.errors
  const scopeError = (errors.scopes as { message?: string } | undefined)?.message ?? serverErrors?.scopes
  const wasPosted = serverValues !== undefined
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" {...form.register('intent')} value="create-token" />
      <Field label="Name" hint="The tool that will use it, e.g. “HubSpot sync” or “dbt nightly”." error={errors.name?.message}>
        {(props) => <input {...props} {...field('name')} type="text" autoComplete="off" />}
      </Field>
      <fieldset aria-describedby={scopeError ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="choice">
            <input
              type="checkbox"
              {...form.register(`scopes.${scope}`)}
              value="on"
              defaultChecked={wasPosted ? serverValues[`scopes.${scope}`] === 'on' : true}
            />{' '}
            {SCOPE_LABELS[scope]}: <span className="muted">{SCOPE_DESCRIPTIONS[scope]}</span>
          </label>
        ))}
        {scopeError ? (
          <span className="field-error" id="scopes-error" role="alert">
            {scopeError}
          </span>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        Create token
      </button>
    </Form>
  )
}
