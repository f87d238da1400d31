import { scoringConfigJsonSchema } from '~/domain/scoring'

// Public and cacheable, like the format-1 schema: other tools validate exported format-2 configs against it.
export async function loader() {
  return new Response(JSON.stringify(scoringConfigJsonSchema(2), null, 2), {
    headers: {
      'Content-Type': 'application/schema+json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
