import { buildOpenApiDocument } from '~/domain/api/openapi'

// Public, like the config's JSON Schema: tools (editors, client generators) load it cross-origin.
export async function loader({ request }: { request: Request }) {
  return new Response(JSON.stringify(buildOpenApiDocument(new URL(request.url).origin), null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
