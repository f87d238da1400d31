import type { ApiScope } from '~/domain/api/schemas'
import { SCOPE_LABELS } from './scope-labels'

/** The token just created, with a command to try it: shown once, after the redirect that created it. */
export function CreatedToken({ created, origin, workshopId }: { created: { name: string; scopes: ApiScope[]; token: string }; origin: string; workshopId: string }) {
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
