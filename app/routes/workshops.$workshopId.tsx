import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, Outlet, useLoaderData, useLocation } from '@remix-run/react'
import { FormattedDate, TimeZoneNote, TimeZoneProvider } from '~/components/dates'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Icon } from '~/components/icons'
import { useListNavigation } from '~/components/list-links'
import { PostButton } from '~/components/post-button'
import { ROLE_LABELS } from '~/domain/workshops/roles'
import { STEP_STATE_LABELS } from '~/domain/workshops/steps'
import { requireMember } from '~/http/permissions.server'
import { getWorkshopFrame } from '~/models/progress.server'
import { ArchiveWorkshopSchema } from '~/domain/workshops/schemas'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.workshop.name} · Leadpact` : 'Workshop · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const { steps, timeZone } = await getWorkshopFrame(member.workshopId)
  return json({ workshop: member.workshop, role: member.role, steps, timeZone, canUnarchive: member.archived && member.can('manage-workshop') })
}

type Steps = ReturnType<typeof useLoaderData<typeof loader>>['steps']

const EXTRA_PAGES = [
  { slug: 'versions', title: 'Published versions' },
  { slug: 'members', title: 'Members' },
  { slug: 'integrations', title: 'Integrations' },
] as const

/** What the phone's step switcher says it is showing: the page the person is on. */
function currentPage(pathname: string, workshopId: string, steps: Steps): { label: string; title: string } {
  const slug = pathname.slice(`/workshops/${workshopId}`.length).split('/')[1] ?? ''
  // Pages that belong to a step without being its page: the simulator (step 5), the draft document (step 8).
  const stepSlug = ({ simulator: 'scoring', draft: 'review' } as Record<string, string>)[slug] ?? slug
  const step = steps.find((candidate) => candidate.slug === stepSlug)
  if (step) return { label: `Step ${step.number} of ${steps.length}`, title: step.title }
  const extra = EXTRA_PAGES.find((page) => page.slug === slug)
  if (extra) return { label: 'Workshop', title: extra.title }
  return { label: 'Workshop', title: 'Overview' }
}

/** "page" on the link to where the person is (the step's own sub-pages included), as NavLink would say it. */
function currentIf(pathname: string, to: string, end = false): 'page' | undefined {
  const path = pathname.replace(/\/+$/, '')
  return path === to || (!end && path.startsWith(`${to}/`)) ? 'page' : undefined
}

/* Plain links with aria-current worked out once from the path, sharing one click handler (components/list-links.tsx): NavLink's per-link hooks were a good part of a page view's rendering. */
function StepLinks({ workshopId, steps, pathname }: { workshopId: string; steps: Steps; pathname: string }) {
  const home = `/workshops/${workshopId}`
  const navigateOnClick = useListNavigation()
  return (
    <>
      <ol>
        <li>
          <a href={home} onClick={navigateOnClick} aria-current={currentIf(pathname, home, true)}>
            <span className="step-num step-home" aria-hidden="true" />
            Overview
          </a>
        </li>
        {steps.map((step) => (
          <li key={step.slug}>
            <a href={`${home}/${step.slug}`} onClick={navigateOnClick} aria-current={currentIf(pathname, `${home}/${step.slug}`)}>
              {/* A signed-off step shows a check where its number was (the state is also said in words, below). */}
              <span className={`step-num state-${step.state}`} aria-hidden="true">
                {step.state === 'signed-off' ? <Icon name="check" /> : step.number}
              </span>
              <span>
                {step.title}
                <span className="visually-hidden"> ({STEP_STATE_LABELS[step.state].toLowerCase()})</span>
              </span>
              {step.state === 'signed-off' ? (
                <span className="step-state" aria-hidden="true">
                  Signed
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ol>
      <ol className="extra">
        {EXTRA_PAGES.map((page) => (
          <li key={page.slug}>
            <a href={`${home}/${page.slug}`} onClick={navigateOnClick} aria-current={currentIf(pathname, `${home}/${page.slug}`)}>
              {page.title}
            </a>
          </li>
        ))}
      </ol>
    </>
  )
}

export default function WorkshopLayout() {
  const { workshop, role, steps, timeZone, canUnarchive } = useLoaderData<typeof loader>()
  const { pathname } = useLocation()
  const current = currentPage(pathname, workshop.id, steps)
  return (
    <TimeZoneProvider zone={timeZone}>
      <div className="workshop-header">
        <p className="workshop-name">
          <Link to={`/workshops/${workshop.id}`}>{workshop.name}</Link>
          <span className="muted"> · {workshop.company}</span>
        </p>
        <span className={`badge ${role}`}>You are: {ROLE_LABELS[role]}</span>
      </div>
      {workshop.archivedAt ? (
        <div className="alert info archived-banner" role="status">
          <span>
            <Icon name="archive" />{' '}
            Archived on <FormattedDate value={workshop.archivedAt} />: this workshop is read-only.
          </span>
          {canUnarchive ? (
            <PostButton schema={ArchiveWorkshopSchema} fields={{ intent: 'unarchive-workshop' }} variant="secondary" action={`/workshops/${workshop.id}/members`} icon="archive-restore">
              Unarchive
            </PostButton>
          ) : null}
        </div>
      ) : null}
      <div className="workshop-layout">
        {/*
          One step menu: beside the page on a desktop; on a phone it hides behind the switcher (a
          native disclosure, so it opens without JavaScript) and shows under it while it is open.
          Keyed by page, so that it closes after a choice.
        */}
        <div className="step-menu">
          <details className="step-switcher" key={pathname}>
            <summary>
              <span className="step-switcher-label">{current.label}</span>
              <span className="step-switcher-title">{current.title}</span>
              <span className="step-switcher-action">
                All steps
                <Icon name="chevron-down" className="step-switcher-chevron" />
              </span>
            </summary>
          </details>
          <nav className="step-nav" aria-label="Workshop steps">
            <StepLinks workshopId={workshop.id} steps={steps} pathname={pathname} />
          </nav>
        </div>
        <div className="workshop-page">
          <Outlet />
          <TimeZoneNote className="muted small time-zone-note" />
        </div>
      </div>
    </TimeZoneProvider>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
