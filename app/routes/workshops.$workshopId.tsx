import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ROLE_LABELS } from '~/domain/workshops/roles'
import { getStepStates } from '~/models/progress.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.workshop.name} · Leadpact` : 'Workshop · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const steps = await getStepStates(member.workshopId)
  return json({ workshop: member.workshop, role: member.role, steps })
}

export default function WorkshopLayout() {
  const { workshop, role, steps } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">{workshop.company}</p>
          <h1 style={{ marginBottom: 0 }}>
            <Link to={`/workshops/${workshop.id}`} style={{ color: 'inherit', textDecoration: 'none' }}>
              {workshop.name}
            </Link>
          </h1>
        </div>
        <span className={`badge ${role}`}>You are: {ROLE_LABELS[role]}</span>
      </div>
      <div className="workshop-layout">
        <nav className="step-nav" aria-label="Workshop steps">
          <ol>
            <li>
              <NavLink to={`/workshops/${workshop.id}`} end>
                <span className="step-num" aria-hidden="true">
                  ⌂
                </span>
                Overview
              </NavLink>
            </li>
            {steps.map((step) => (
              <li key={step.slug}>
                <NavLink to={`/workshops/${workshop.id}/${step.slug}`}>
                  <span className={`step-num state-${step.state}`} aria-hidden="true">
                    {step.state === 'signed-off' ? '✓' : step.number}
                  </span>
                  <span>
                    {step.title}
                    <span className="visually-hidden"> ({step.state.replace('-', ' ')})</span>
                  </span>
                </NavLink>
              </li>
            ))}
          </ol>
          <ol className="extra">
            <li>
              <NavLink to={`/workshops/${workshop.id}/versions`}>
                <span className="step-num" aria-hidden="true">
                  v
                </span>
                Published versions
              </NavLink>
            </li>
            <li>
              <NavLink to={`/workshops/${workshop.id}/members`}>
                <span className="step-num" aria-hidden="true">
                  ⋯
                </span>
                Members
              </NavLink>
            </li>
            <li>
              <NavLink to={`/workshops/${workshop.id}/integrations`}>
                <span className="step-num" aria-hidden="true">
                  ⇄
                </span>
                Integrations
              </NavLink>
            </li>
          </ol>
        </nav>
        <div>
          <Outlet />
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
