import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '~/domain/workshops/roles'
import { AcceptInviteSchema } from '~/domain/workshops/schemas'
import { readFormData, readIntent, validateFormData } from '~/http/form.server'
import { answer, invalid, redirectWithFlash } from '~/http/actions.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { acceptInvite, findInvite, removedSinceInvite } from '~/models/invite.server'
import { getWorkshopForMember } from '~/models/workshop.server'
import { getUser, requireUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Workshop invite · Leadpact' }, { name: 'robots', content: 'noindex' }]

const PROBLEMS = {
  'not-found': 'This invite link is not valid. Ask the facilitator for a new one.',
  expired: 'This invite link has expired. Ask the facilitator for a new one.',
  revoked: 'This invite link was revoked by the facilitator.',
  'used-up': 'This invite link has already been used. Ask the facilitator for a new one.',
  removed: 'You were removed from this workshop after this link was made, so it no longer lets you in. Ask the facilitator for a new invite.',
} as const

const STATUS: Record<keyof typeof PROBLEMS, number> = { 'not-found': 404, expired: 410, revoked: 410, 'used-up': 410, removed: 403 }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const invite = await findInvite(token)
  const user = await getUser(request)
  if (!invite) return json({ problem: PROBLEMS['not-found'], member: null, invite: null, user: user ?? null, path: `/invites/${token}` }, { status: 404 })
  // Someone opening a link they already used (or any link to a workshop they are in) is simply a member.
  const membership = user ? await getWorkshopForMember({ workshopId: invite.workshopId, userId: user.id }) : undefined
  const removed = user && !membership && invite.status === 'active' ? await removedSinceInvite(invite, user.id) : false
  const problem = membership ? null : invite.status !== 'active' ? PROBLEMS[invite.status] : removed ? PROBLEMS.removed : null
  return json({
    problem,
    member: membership ? { workshopId: membership.id, role: membership.role } : null,
    invite: { workshopName: invite.workshopName, company: invite.company, role: invite.role },
    user: user ?? null,
    path: `/invites/${token}`,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  readIntent(formData, ['accept-invite'])
  const parsed = validateFormData(formData, AcceptInviteSchema)
  if (!parsed.ok) return invalid('accept-invite', parsed)
  const result = await acceptInvite({ token: params.token ?? '', userId: user.id })
  if (!result.ok) return answer(STATUS[result.reason], { form: 'accept-invite', errors: { form: PROBLEMS[result.reason] } })
  return redirectWithFlash(`/workshops/${result.workshopId}`, result.alreadyMember ? 'You are already a member of this workshop.' : 'You joined the workshop.')
}

export default function InvitePage() {
  const loaded = useLoaderData<typeof loader>()
  const refused = answerFor(useActionData<FormAnswer>(), 'accept-invite')
  const { invite, user, path, member } = loaded
  const problem = refused?.errors?.form ?? loaded.problem
  const next = encodeURIComponent(path)
  return (
    <div className="narrow">
      <div className="card">
        <p className="eyebrow">Workshop invite</p>
        {invite && member ? (
          <>
            <h1>You are already a member of “{invite.workshopName}”</h1>
            <p>
              You take part as <span className={`badge ${member.role}`}>{ROLE_LABELS[member.role]}</span>. This link is not needed any more.
            </p>
            <Link to={`/workshops/${member.workshopId}`} className="button">
              Open the workshop
            </Link>
          </>
        ) : problem || !invite ? (
          <>
            <h1>This link does not work</h1>
            <p>{problem}</p>
            <Link to="/workshops" className="button secondary">
              Go to my workshops
            </Link>
          </>
        ) : (
          <>
            <h1>Join “{invite.workshopName}”</h1>
            <p>
              You are invited to <strong>{invite.company}</strong>&apos;s workshop as{' '}
              <span className={`badge ${invite.role}`}>{ROLE_LABELS[invite.role]}</span>. {ROLE_DESCRIPTIONS[invite.role]}
            </p>
            {user ? (
              <>
                <p className="muted small">Signed in as {user.email}.</p>
                <PostButton schema={AcceptInviteSchema} fields={{ intent: 'accept-invite' }} variant="primary">
                  Join the workshop
                </PostButton>
              </>
            ) : (
              <div className="actions">
                <Link to={`/signup?redirectTo=${next}`} className="button">
                  Sign up to join
                </Link>
                <Link to={`/login?redirectTo=${next}`} className="button secondary">
                  I have an account
                </Link>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  )
}
