import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { FormattedDate } from '~/components/dates'
import { Field } from '~/components/form'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '~/domain/workshops/roles'
import { INVITE_EXPIRY_DAYS, MemberActionSchema } from '~/domain/workshops/schemas'
import { publicOrigin } from '~/env.server'
import { parseForm } from '~/form.server'
import { createInvite, listInvites, revokeInvite } from '~/models/invite.server'
import { changeMemberRole, listMembers, removeMember, type MemberChange } from '~/models/workshop.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Members · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canManage = member.role === 'facilitator'
  return json({
    workshopId: member.workshopId,
    me: member.user.id,
    canManage,
    members: await listMembers(member.workshopId),
    invites: canManage ? await listInvites(member.workshopId) : [],
  })
}

function changeFailure(result: Exclude<MemberChange, { ok: true }>) {
  if (result.reason === 'last-facilitator') return { status: 400, message: 'A workshop needs at least one facilitator: make someone else facilitator first.' }
  if (result.reason === 'not-found') return { status: 404, message: 'That member has already left the workshop.' }
  return { status: 409, message: 'Someone changed this member while you were looking. The list now shows their change; try again if needed.' }
}

type ActionData = { errors?: Record<string, string>; message?: string; inviteLink?: { url: string; role: Role } }

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'manage-members')
  const form = await parseForm(request, MemberActionSchema)
  if (!form.ok) return json<ActionData>({ errors: form.errors, message: 'Check the highlighted fields.', inviteLink: undefined }, { status: 400 })
  const data = form.data
  switch (data.intent) {
    case 'create-invite': {
      const invite = await createInvite({
        workshopId: member.workshopId,
        role: data.role,
        expiresInDays: data.expiresInDays,
        singleUse: data.uses === 'single',
        createdBy: member.user.id,
      })
      return json<ActionData>({ errors: undefined, message: undefined, inviteLink: { url: `${publicOrigin()}/invites/${invite.token}`, role: invite.role } })
    }
    case 'revoke-invite': {
      const revoked = await revokeInvite({ workshopId: member.workshopId, inviteId: data.inviteId })
      if (!revoked) return json<ActionData>({ errors: undefined, message: 'That invite does not exist.', inviteLink: undefined }, { status: 404 })
      return json<ActionData>({ errors: undefined, message: undefined, inviteLink: undefined })
    }
    case 'change-role':
    case 'remove-member': {
      const result =
        data.intent === 'change-role'
          ? await changeMemberRole({ workshopId: member.workshopId, membershipId: data.membershipId, revision: data.revision, role: data.role })
          : await removeMember({ workshopId: member.workshopId, membershipId: data.membershipId, revision: data.revision, removedBy: member.user.id })
      if (!result.ok) {
        const failure = changeFailure(result)
        return json<ActionData>({ errors: undefined, message: failure.message, inviteLink: undefined }, { status: failure.status })
      }
      return json<ActionData>({ errors: undefined, message: undefined, inviteLink: undefined })
    }
  }
}

const STATUS_BADGE = { active: 'ok', expired: '', revoked: 'danger', 'used-up': '' } as const

export default function MembersPage() {
  const { members, invites, canManage, me, workshopId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const errors = actionData?.errors
  return (
    <div className="stack">
      <div>
        <h2>Members</h2>
        <p className="muted">Marketing and sales members propose, discuss and sign off; viewers read. Only facilitators manage members.</p>
      </div>
      {actionData?.message ? (
        <div className="alert error" role="alert">
          {actionData.message}
        </div>
      ) : null}
      <div className="card table-wrap">
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
                      <Form method="post" className="actions">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="membershipId" value={m.membershipId} />
                        <input type="hidden" name="revision" value={m.revision} />
                        <label className="visually-hidden" htmlFor={`role-${m.membershipId}`}>
                          Role of {m.name}
                        </label>
                        <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role} style={{ width: 'auto' }}>
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABELS[role]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button secondary small" disabled={busy}>
                          Change role
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove-member" />
                        <input type="hidden" name="membershipId" value={m.membershipId} />
                        <input type="hidden" name="revision" value={m.revision} />
                        <button type="submit" className="button danger small" disabled={busy} aria-label={`Remove ${m.name}`}>
                          Remove
                        </button>
                      </Form>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canManage ? (
        <>
          <div className="card">
            <h2>Invite by link</h2>
            <p className="muted">Anyone with the link can join with the role you pick, until it expires or you revoke it.</p>
            {actionData?.inviteLink ? (
              <div className="alert success" role="status">
                <p>
                  <strong>Invite link for {ROLE_LABELS[actionData.inviteLink.role]} created.</strong> Copy it now: for your security it is
                  shown only once.
                </p>
                <div className="copy-box">
                  <label className="visually-hidden" htmlFor="invite-link">
                    Invite link
                  </label>
                  <input id="invite-link" type="text" readOnly value={actionData.inviteLink.url} data-testid="invite-link" />
                </div>
              </div>
            ) : null}
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="create-invite" />
              <div className="grid-2">
                <Field label="Role" error={errors?.role}>
                  {(props) => (
                    <select {...props} name="role" defaultValue="marketing">
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]} — {ROLE_DESCRIPTIONS[role]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Expires after" error={errors?.expiresInDays}>
                  {(props) => (
                    <select {...props} name="expiresInDays" defaultValue="7">
                      {INVITE_EXPIRY_DAYS.map((days) => (
                        <option key={days} value={days}>
                          {days === 1 ? '1 day' : `${days} days`}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <fieldset>
                <legend>Uses</legend>
                <label className="choice">
                  <input type="radio" name="uses" value="single" defaultChecked /> One person (the link stops working once used)
                </label>
                <label className="choice">
                  <input type="radio" name="uses" value="multi" /> Anyone with the link (for a whole team)
                </label>
                {errors?.uses ? <span className="field-error">{errors.uses}</span> : null}
              </fieldset>
              <button type="submit" className="button" disabled={busy}>
                Create invite link
              </button>
            </Form>
          </div>

          <div className="card">
            <h2>Backup</h2>
            <p className="muted small">
              Download the whole workshop — every step, published versions, sign-offs — as one file another Leadpact instance can import. It holds no
              passwords, sessions or tokens.
            </p>
            <a href={`/workshops/${workshopId}/backup.json`} className="button secondary" download>
              Download backup
            </a>
          </div>

          <div className="card table-wrap">
            <h2>Invites</h2>
            {invites.length === 0 ? (
              <p className="muted">No invites yet. Create a link above and send it to your colleagues.</p>
            ) : (
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
                        <span className={`badge ${STATUS_BADGE[invite.status]}`}>{invite.status.replace('-', ' ')}</span>
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
                          <PostButton fields={{ intent: 'revoke-invite', inviteId: invite.id }}>
                            Revoke
                          </PostButton>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      ) : null}
    </div>
  )
}
