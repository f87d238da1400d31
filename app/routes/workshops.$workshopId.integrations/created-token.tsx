import type { ApiScope } from '~/domain/api/schemas'
import { SCOPE_LABELS } from './scope-labels'
import { CopyField } from '~/components/copy-field'
import { CodeBlock } from '~/components/scroll-region'

/** The token just created, with a command to try it: shown once, after the redirect that created it. */
export function CreatedToken({ created, origin, workshopId }: { created: { name: string; scopes: ApiScope[]; token: string }; origin: string; workshopId: string }) {
  const example = `curl -H "Authorization: Bearer ${created.token}" \\\n  "${origin}/api/v1/workshops/${workshopId}/versions"`
  return (
    <div className="alert success" role="status">
      <p>
        <strong>Token “{created.name}” created</strong> ({created.scopes.map((scope) => SCOPE_LABELS[scope]).join(' and ')}). Copy it now: for your
        security it is shown only once, and Leadpact keeps only a fingerprint of it.
      </p>
      <CopyField id="api-token" label="API token" value={created.token} testId="api-token" />
      <p className="small">Try it:</p>
      <CodeBlock label="A command to try the token">{example}</CodeBlock>
    </div>
  )
}
