import { apiError } from '~/http/api.server'

// Anything else under /api/v1 answers in the API's own terms (JSON), not with the app's HTML 404 page.
const notFound = async ({ request }: { request: Request }) =>
  apiError(404, 'not_found', `There is no endpoint ${new URL(request.url).pathname}. The endpoints are listed at /api/v1/openapi.json.`)

export const loader = notFound
export const action = notFound
