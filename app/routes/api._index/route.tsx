import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { buildOpenApiDocument } from '~/domain/api/openapi'
import { apiReference } from '~/domain/api/reference'
import { can } from '~/domain/workshops/capabilities'
import { publicOrigin } from '~/http/env.server'
import { listWorkshopsForUser } from '~/models/workshop.server'
import { getUser } from '~/http/session.server'
import { Endpoint } from './endpoint'
import { GetStarted } from './get-started'
import { ProseHtml } from './html'
import { markdownToHtml } from './markdown.server'
import { SchemaTable } from './schema-table'

export const meta: MetaFunction = () => [
  { title: 'API · Leadpact' },
  { name: 'description', content: 'The Leadpact HTTP API: published MQL/SQL definitions and lead scoring for CRMs, marketing automation and data pipelines.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin()
  const user = await getUser(request)
  const workshops = user
    ? (await listWorkshopsForUser(user.id)).map((w) => ({ id: w.id, name: w.name, role: w.role, canManageTokens: can(w.role, 'manage-integrations') }))
    : []
  return json({ origin, ...apiReference(buildOpenApiDocument(origin), origin, markdownToHtml), workshops, loggedIn: Boolean(user) })
}

export default function ApiPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="api-docs stack">
      <div className="page-header">
        <div>
          <p className="eyebrow">Developers · version {data.version}</p>
          <h1 style={{ marginBottom: 0 }}>Leadpact API</h1>
        </div>
        <a className="button secondary" href="/api/v1/openapi.json">
          OpenAPI 3.1 description (JSON)
        </a>
      </div>

      <div className="card">
        <ProseHtml html={data.introHtml} />
      </div>

      <GetStarted workshops={data.workshops} loggedIn={data.loggedIn} />

      <nav className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        <ul className="api-toc">
          {data.operations.map((operation) => (
            <li key={operation.id}>
              <a href={`#${operation.id}`}>
                <span className={`http-method ${operation.method}`}>{operation.method.toUpperCase()}</span> <code>{operation.path}</code>
              </a>{' '}
              <span className="muted">— {operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      {data.operations.map((operation) => (
        <Endpoint key={operation.id} operation={operation} />
      ))}

      <section className="card" aria-labelledby="schemas-heading">
        <h2 id="schemas-heading">Schemas</h2>
        <p>
          The scoring config is described by its own JSON Schema, <a href="/schemas/scoring-config.v1.json">/schemas/scoring-config.v1.json</a> (also{' '}
          <code>#/components/schemas/ScoringConfig</code> in the OpenAPI description).
        </p>
        {data.schemas.map((schema) => (
          <SchemaTable key={schema.name} schema={schema} />
        ))}
      </section>
    </div>
  )
}
