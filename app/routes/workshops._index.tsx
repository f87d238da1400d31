import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { ROLE_LABELS } from '~/domain/workshops/roles'
import { listWorkshopsForUser } from '~/models/workshop.server'
import { requireUser } from '~/http/session.server'
import { Icon } from '~/components/icons'

export const meta: MetaFunction = () => [{ title: 'My workshops · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return json({ workshops: await listWorkshopsForUser(user.id) })
}

export default function WorkshopsPage() {
  const { workshops } = useLoaderData<typeof loader>()
  const active = workshops.filter((workshop) => !workshop.archivedAt)
  const archived = workshops.filter((workshop) => workshop.archivedAt)
  return (
    <>
      <div className="page-header">
        <div>
          <h1>My workshops</h1>
          <p>Each workshop produces one shared, versioned definition of a lead.</p>
        </div>
        <div className="actions">
          <Link to="/workshops/import" className="button secondary">
            Import a backup
          </Link>
          {workshops.length > 0 ? (
            <Link to="/workshops/new" className="button">
              New workshop
            </Link>
          ) : null}
        </div>
      </div>
      {workshops.length === 0 ? (
        <div className="empty">
          <Icon name="layout-grid" className="empty-icon" />
          <h2>No workshops yet</h2>
          <p>
            Create a workshop for your company, then invite your marketing and sales colleagues with a link. If a colleague invited you,
            open their invite link to join.
          </p>
          <Link to="/workshops/new" className="button">
            Create your first workshop
          </Link>
        </div>
      ) : (
        <>
          {active.length > 0 ? <WorkshopList workshops={active} /> : <p className="muted">Every workshop is archived.</p>}
          {archived.length > 0 ? (
            <section className="archived-workshops" aria-labelledby="archived-heading">
              <h2 id="archived-heading">Archived</h2>
              <p className="muted small">Read-only. A facilitator can unarchive a workshop on its Members page.</p>
              <WorkshopList workshops={archived} headingLevel={3} />
            </section>
          ) : null}
        </>
      )}
    </>
  )
}

type Summary = ReturnType<typeof useLoaderData<typeof loader>>['workshops'][number]

function WorkshopList({ workshops, headingLevel = 2 }: { workshops: Summary[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2'
  return (
    <ul className="workshop-list">
      {workshops.map((workshop) => (
        <li key={workshop.id}>
          <Link to={`/workshops/${workshop.id}`} className="card workshop-card">
            <Heading>{workshop.name}</Heading>
            <p className="muted">{workshop.company}</p>
            <div className="actions small">
              <span className={`badge ${workshop.role}`}>{ROLE_LABELS[workshop.role]}</span>
              <span className="muted">
                {workshop.memberCount} {workshop.memberCount === 1 ? 'member' : 'members'} · created <FormattedDate value={workshop.createdAt} />
              </span>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  )
}
