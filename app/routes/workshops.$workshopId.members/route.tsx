import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { secretPageHeaders, takeOneTimeSecret } from '~/http/one-time-secret.server'
import { requireMember } from '~/http/permissions.server'
import { listInvites } from '~/models/invite.server'
import { latestVersionNumber } from '~/models/version.server'
import { listMembers } from '~/models/workshop.server'
import { InviteCard } from './invite-card'
import { InvitesTable } from './invites-table'
import {
  archiveWorkshopIntent,
  changeRoleIntent,
  createInviteIntent,
  deleteWorkshopIntent,
  membersPath,
  NewInviteLinkSchema,
  removeMemberIntent,
  revokeInviteIntent,
} from './intents.server'
import { MembersTable } from './members-table'
import { WorkshopCard } from './workshop-card'
import { Icon } from '~/components/icons'

export const meta: MetaFunction = () => [{ title: 'Members · Leadpact' }]

// A page that shows a new invite link must not be kept by the browser or a proxy.
export const headers = secretPageHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const canManage = member.can('manage-members')
  const [members, invites, revealed] = await Promise.all([
    listMembers(member.workshopId),
    canManage ? listInvites(member.workshopId) : Promise.resolve([]),
    takeOneTimeSecret(request, { path: membersPath(member.workshopId), userId: member.user.id, schema: NewInviteLinkSchema }),
  ])
  const newInviteLink = canManage ? revealed.secret : null
  const workshop = member.can('manage-workshop')
    ? { name: member.workshop.name, archived: member.archived, publishedVersions: await latestVersionNumber(member.workshopId) }
    : null
  return json({ workshopId: member.workshopId, me: member.user.id, canManage, members, invites, newInviteLink, workshop }, { headers: revealed.headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'manage-members')
  const formData = await readFormData(request)
  switch (readIntent(formData, ['create-invite', 'revoke-invite', 'change-role', 'remove-member', 'archive-workshop', 'unarchive-workshop', 'delete-workshop'])) {
    case 'create-invite':
      return createInviteIntent({ member, formData })
    case 'revoke-invite':
      return revokeInviteIntent({ member, formData })
    case 'change-role':
      return changeRoleIntent({ member, formData })
    case 'remove-member':
      return removeMemberIntent({ member, formData })
    case 'archive-workshop':
    case 'unarchive-workshop':
      return archiveWorkshopIntent({ member, formData })
    case 'delete-workshop':
      return deleteWorkshopIntent({ member, formData })
  }
}

/** A refused one-button or row form says why at the top of the page; the invite form answers beside its fields. */
function refusal(answer: FormAnswer | undefined) {
  if (!answer || answer.form === 'create-invite' || answer.form === 'delete-workshop') return undefined
  // A role picked badly shows beside its row; a broken hidden field (a row id, a revision) only here.
  const hidden = Object.keys(answer.errors ?? {}).some((name) => name !== 'role' && name !== 'form')
  return answer.conflict?.message ?? answer.notice?.text ?? answer.errors?.form ?? (hidden ? 'This form is out of date: reload the page and try again.' : undefined)
}

export default function MembersPage() {
  const { members, invites, canManage, me, workshopId, newInviteLink, workshop } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const refused = refusal(actionData)
  return (
    <div className="stack">
      <div>
        <h1>Members</h1>
        <p className="muted">Marketing and sales members propose, discuss and sign off; viewers read. Only facilitators manage members.</p>
      </div>
      {refused ? (
        <div className="alert error" role="alert">
          {refused}
        </div>
      ) : null}
      <MembersTable members={members} me={me} canManage={canManage} answer={actionData} />

      {canManage ? (
        <>
          <InviteCard newInviteLink={newInviteLink} answer={actionData} />

          <div className="card">
            <h2>Backup</h2>
            <p className="muted small">
              Download the whole workshop — every step, published versions, sign-offs — as one file another Leadpact instance can import. It holds no
              passwords, sessions or tokens.
            </p>
            <a href={`/workshops/${workshopId}/backup.json`} className="button secondary" download>
              <Icon name="download" />
              Download backup
            </a>
          </div>

          <InvitesTable invites={invites} />
        </>
      ) : null}
      {workshop ? <WorkshopCard workshop={workshop} workshopId={workshopId} answer={answerFor(actionData, 'delete-workshop')} /> : null}
    </div>
  )
}
