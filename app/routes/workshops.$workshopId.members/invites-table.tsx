import { FormattedDate } from '~/components/dates'
import { PostButton } from '~/components/post-button'
import { ROLE_LABELS, type Role } from '~/domain/workshops/roles'
import { ScrollRegion } from '~/components/scroll-region'
import { RevokeInviteSchema } from '~/domain/workshops/schemas'

type InviteRow = {
  id: string
  role: Role
  status: 'active' | 'expired' | 'revoked' | 'used-up'
  uses: number
  maxUses: number | null
  expiresAt: string
  createdByName: string
}

const STATUS_BADGE = { active: 'ok', expired: '', revoked: 'danger', 'used-up': '' } as const
const STATUS_LABELS = { active: 'Active', expired: 'Expired', revoked: 'Revoked', 'used-up': 'Used' } as const

export function InvitesTable({ invites }: { invites: InviteRow[] }) {
  return (
    <section className="card" aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invites</h2>
      {invites.length === 0 ? (
        <p className="muted">No invites yet. Create a link above and send it to your colleagues.</p>
      ) : (
        <ScrollRegion label="Invites">
          <table>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Uses</th>
                <th scope="col">Expires</th>
                <th scope="col">Created by</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.id}>
                  <td>
                    <span className={`badge ${invite.role}`}>{ROLE_LABELS[invite.role]}</span>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[invite.status]}`}>{STATUS_LABELS[invite.status]}</span>
                  </td>
                  <td>
                    {invite.uses}
                    {invite.maxUses === null ? ' (multi-use)' : ` of ${invite.maxUses}`}
                  </td>
                  <td className="small">
                    <FormattedDate value={invite.expiresAt} withTime />
                  </td>
                  <td className="small">{invite.createdByName}</td>
                  <td>
                    {invite.status === 'active' ? (
                      <PostButton schema={RevokeInviteSchema}
                        fields={{ intent: 'revoke-invite', inviteId: invite.id }}
                        label={`Revoke the ${ROLE_LABELS[invite.role]} invite`}
                        confirm="Revoke this invite? The link stops working at once; people who already joined stay members."
                        icon="ban"
                      >
                        Revoke
                      </PostButton>
                    ) : null}
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
