import { scoringConfigJsonSchema } from '~/domain/scoring'

// Public and cacheable: other tools validate exported configs against it.
export async function loader() {
  return new Response(JSON.stringify(scoringConfigJsonSchema(), null, 2), {
    headers: {
      'Content-Type': 'application/schema+json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
