import { FormattedDate } from '~/components/dates'
import { PostButton } from '~/components/post-button'
import { type ApiScope, RevokeTokenSchema } from '~/domain/api/schemas'
import { SCOPE_LABELS } from './scope-labels'
import { ScrollRegion } from '~/components/scroll-region'

type TokenRow = {
  id: string
  name: string
  scopes: ApiScope[]
  prefix: string
  createdAt: string
  createdByName: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet. Create one above for each tool that should reach this workshop.</p>
      ) : (
        <ScrollRegion label="API tokens">
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
                      <div className="actions">
                        <span className="badge ok">active</span>
                        <PostButton schema={RevokeTokenSchema}
                          fields={{ intent: 'revoke-token', tokenId: token.id }}
                          label={`Revoke ${token.name}`}
                          confirm={`Revoke “${token.name}”? Every tool using it is refused from its next request on. This cannot be undone: a new token means setting the tool up again.`}
                          icon="ban"
                        >
                          Revoke
                        </PostButton>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
