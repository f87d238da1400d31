import { Link, useRouteLoaderData } from '@remix-run/react'
import { STEP_STATE_LABELS } from '~/domain/workshops/steps'
import type { loader as workshopLoader } from './workshops.$workshopId'

const BADGE: Record<string, string> = { empty: '', 'in-progress': 'warn', 'signed-off': 'ok', 'not-available': '' }

export default function WorkshopOverview() {
  const data = useRouteLoaderData<typeof workshopLoader>('routes/workshops.$workshopId')
  if (!data) return null
  const { workshop, steps } = data
  const available = steps.filter((step) => step.state !== 'not-available')
  const done = available.filter((step) => step.state === 'signed-off').length
  return (
    <div className="stack">
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
            <span className={`step-num ${step.state}`} aria-hidden="true">
              {step.state === 'signed-off' ? '✓' : step.number}
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
