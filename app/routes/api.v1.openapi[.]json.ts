import { buildOpenApiDocument } from '~/domain/api/openapi'
import { publicOrigin } from '~/http/env.server'

// Public, like the config's JSON Schema: tools (editors, client generators) load it cross-origin.
// Its servers entry is PUBLIC_URL, never the Host header: the answer is publicly cached.
export async function loader(_args: { request: Request }) {
  return new Response(JSON.stringify(buildOpenApiDocument(publicOrigin()), null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
