import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { STEPS } from '~/domain/workshops/steps'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { Icon } from '~/components/icons'

/** A step whose page is not built yet: say so plainly instead of showing fake content. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const step = STEPS.find((candidate) => candidate.slug === params.step)
  invariantResponse(step, 'Step not found', { status: 404 })
  return json({ step, workshopId: member.workshopId })
}

export default function UnavailableStep() {
  const { step, workshopId } = useLoaderData<typeof loader>()
  return (
    <div className="empty">
      <Icon name="lock" className="empty-icon" />
      <p className="eyebrow">Step {step.number}</p>
      <h1>{step.title} is not available yet</h1>
      <p>{step.summary} This step is still being built; nothing you enter elsewhere is lost in the meantime.</p>
      <Link to={`/workshops/${workshopId}`} className="button secondary">
        Back to the overview
      </Link>
    </div>
  )
}
