import { Form, useNavigation } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { ROLE_LABELS, ROLES, type Role } from '~/domain/workshops/roles'
import { ChangeRoleSchema, RemoveMemberSchema } from '~/domain/workshops/schemas'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { ScrollRegion } from '~/components/scroll-region'

type MemberRow = { membershipId: string; userId: string; name: string; email: string; role: Role; revision: number; joinedAt: string }

export function MembersTable({ members, me, canManage, answer }: { members: MemberRow[]; me: string; canManage: boolean; answer?: FormAnswer }) {
  const roleAnswer = answerFor(answer, 'change-role')
  return (
    <ScrollRegion label="Workshop members" className="card">
      <table>
        <caption className="visually-hidden">Workshop members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {canManage ? <th scope="col">Manage</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.membershipId}>
              <td>
                <strong>{m.name}</strong>
                {m.userId === me ? <span className="muted"> (you)</span> : null}
                <div className="muted small">{m.email}</div>
              </td>
              <td>
                <span className={`badge ${m.role}`}>{ROLE_LABELS[m.role]}</span>
              </td>
              <td className="small">
                <FormattedDate value={m.joinedAt} />
              </td>
              {canManage ? (
                <td>
                  <div className="actions">
                    {/* Keyed by revision: after a change the row's form starts from what is stored now. */}
                    <RoleForm key={`${m.membershipId}-${m.revision}`} member={m} answer={roleAnswer?.values?.membershipId === m.membershipId ? roleAnswer : undefined} />
                    <PostButton schema={RemoveMemberSchema}
                      fields={{ intent: 'remove-member', membershipId: m.membershipId, revision: m.revision }}
                      label={`Remove ${m.name}`}
                      confirm={`Remove ${m.name} from this workshop? They lose access at once; what they wrote and signed stays. To bring them back, send a new invite.`}
                      icon="user-minus"
                    >
                      Remove
                    </PostButton>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

function RoleForm({ member, answer }: { member: MemberRow; answer?: FormAnswer }) {
  const busy = useNavigation().state !== 'idle'
  const { onSubmit, field, errorOf } = useSchemaForm(ChangeRoleSchema, {
    defaultValues: { intent: 'change-role', membershipId: member.membershipId, revision: String(member.revision), role: member.role },
    answer,
  })
  const selectId = `role-${member.membershipId}`
  const error = errorOf('role')
  return (
    <Form method="post" className="actions" noValidate onSubmit={onSubmit}>
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('membershipId')} />
      <input type="hidden" {...field('revision')} />
      <label className="visually-hidden" htmlFor={selectId}>
        Role of {member.name}
      </label>
      <select id={selectId} {...field('role')} aria-invalid={Boolean(error)} aria-describedby={error ? `${selectId}-error` : undefined} style={{ width: 'auto' }}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary small" disabled={busy}>
        Change role
      </button>
      {error ? (
        <span className="field-error" id={`${selectId}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </Form>
  )
}
