import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const MESSAGES: Record<number, { title: string; body: string }> = {
  403: { title: 'Not allowed', body: 'Your role in this workshop does not allow this.' },
  404: { title: 'Not found', body: 'This page does not exist, or you are not a member of the workshop it belongs to.' },
}

export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const known = MESSAGES[status]
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' && status !== 404 ? error.data : undefined
  if (!isRouteErrorResponse(error)) console.error(error)
  // The page's own content, not an interruption: a heading to land on, no alert role.
  return (
    <div className="narrow card error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>{known?.title ?? 'Something went wrong'}</h1>
      <p>{detail ?? known?.body ?? 'An unexpected error happened. Try again; if it persists, tell us what you were doing.'}</p>
      <Link to="/workshops" className="button secondary">
        Back to my workshops
      </Link>
    </div>
  )
}
