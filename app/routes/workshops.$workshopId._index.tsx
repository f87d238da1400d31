import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { STEP_STATE_LABELS } from '~/domain/workshops/steps'
import { getLatestVersionHeadline } from '~/models/version-summary.server'
import { requireMember } from '~/http/permissions.server'
import { listMembers } from '~/models/workshop.server'
import type { loader as workshopLoader } from './workshops.$workshopId'

/** Once published, the latest definition is the workshop's front page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  // The summary of a published version is worked out once and kept (versions are immutable).
  const latest = await getLatestVersionHeadline(member.workshopId)
  // A new workshop: nothing happens until both teams are in the room, so say that first.
  const members = member.can('manage-members') ? await listMembers(member.workshopId) : []
  const missingTeams = member.can('manage-members') ? TEAMS.filter((team) => !members.some((m) => m.role === team)) : []
  return json({
    missingTeams,
    latest,
  })
}

const TEAMS = ['marketing', 'sales'] as const

const BADGE: Record<string, string> = { empty: '', 'in-progress': 'warn', 'signed-off': 'ok', 'not-available': '' }

export default function WorkshopOverview() {
  const data = useRouteLoaderData<typeof workshopLoader>('routes/workshops.$workshopId')
  const { latest, missingTeams } = useLoaderData<typeof loader>()
  if (!data) return null
  const { workshop, steps } = data
  const available = steps.filter((step) => step.state !== 'not-available')
  const done = available.filter((step) => step.state === 'signed-off').length
  return (
    <div className="stack">
      <h1>Overview</h1>
      {missingTeams.length > 0 ? <GetStarted workshopId={workshop.id} missingTeams={missingTeams} /> : null}
      {latest ? (
        <section className="card front-page" aria-labelledby="latest-heading">
          <p className="eyebrow">
            Version {latest.number} · published <FormattedDate value={latest.publishedAt} /> by {latest.publishedBy}
          </p>
          <h2 id="latest-heading">What we agreed</h2>
          <p>{latest.summary.mql}</p>
          <p>{latest.summary.sql}</p>
          <div className="actions">
            <Link to={`/workshops/${workshop.id}/versions/${latest.number}`} className="button">
              Read the definition (v{latest.number})
            </Link>
            <Link to={`/workshops/${workshop.id}/versions`} className="button secondary">
              All versions
            </Link>
          </div>
        </section>
      ) : null}
      <div className="card">
        <h2>Progress</h2>
        <p className="muted">
          {available.length === 0
            ? 'No step can be worked on yet.'
            : `${done} of ${available.length} available steps signed off by both teams.`}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Steps signed off"
          aria-valuemin={0}
          aria-valuemax={available.length}
          aria-valuenow={done}
        >
          <span style={{ width: `${available.length ? (done / available.length) * 100 : 0}%` }} />
        </div>
      </div>
      <ol className="steps" aria-label="Workshop steps">
        {steps.map((step) => (
          <li key={step.slug} className="card step-row">
            <span className={`step-num state-${step.state}`} aria-hidden="true">
              {step.number}
            </span>
            <div>
              <h3>
                <Link to={`/workshops/${workshop.id}/${step.slug}`}>
                  {step.number}. {step.title}
                </Link>
              </h3>
              <p>{step.summary}</p>
            </div>
            <span className={`badge ${BADGE[step.state]}`}>{STEP_STATE_LABELS[step.state]}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** The facilitator's first move in a new workshop: the board and the sign-offs need both teams. */
function GetStarted({ workshopId, missingTeams }: { workshopId: string; missingTeams: readonly ('marketing' | 'sales')[] }) {
  const who = missingTeams.length === 2 ? 'marketing and sales' : missingTeams[0]
  return (
    <section className="card hint-card" aria-labelledby="get-started-heading">
      <h2 id="get-started-heading">Invite {who} first</h2>
      <p>Each team writes its own good and bad lead traits, and both teams sign off every step: the workshop cannot move on without them.</p>
      <ol>
        <li>
          <Link to={`/workshops/${workshopId}/members#invite-by-link`}>Create an invite link</Link> for {who === 'marketing and sales' ? 'each team' : who} and send
          it to them.
        </li>
        <li>
          Meanwhile, <Link to={`/workshops/${workshopId}/context`}>set the scene in step 1</Link>: what the company sells, how, and why both teams are here.
        </li>
      </ol>
      <Link to={`/workshops/${workshopId}/members#invite-by-link`} className="button">
        Invite {who}
      </Link>
    </section>
  )
}
