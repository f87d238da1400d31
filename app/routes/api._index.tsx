import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fragment, type ReactNode } from 'react'
import { buildOpenApiDocument, curlCommand, type OpenApiOperation } from '~/domain/api/openapi'
import { ROLE_LABELS } from '~/domain/workshops/roles'
import { publicOrigin } from '~/env.server'
import { listWorkshopsForUser } from '~/models/workshop.server'
import { getUser } from '~/session.server'

export const meta: MetaFunction = () => [
  { title: 'API · Leadpact' },
  { name: 'description', content: 'The Leadpact HTTP API: published MQL/SQL definitions and lead scoring for CRMs, marketing automation and data pipelines.' },
]

/** The schemas a reader of this page needs spelled out; the scoring config has its own JSON Schema. */
const SHOWN_SCHEMAS = ['ScoreRequest', 'Lead', 'ScoreResponse', 'ScoreResult', 'Contribution', 'VersionList', 'VersionSummary', 'Error'] as const

type JsonSchema = { type?: string | string[]; $ref?: string; items?: JsonSchema; enum?: unknown[]; description?: string; properties?: Record<string, JsonSchema>; required?: string[]; maxItems?: number; default?: unknown; examples?: unknown[]; anyOf?: JsonSchema[] }

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin()
  const document = buildOpenApiDocument(origin)
  const user = await getUser(request)
  const workshops = user ? (await listWorkshopsForUser(user.id)).map((w) => ({ id: w.id, name: w.name, role: w.role })) : []
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation, curl: curlCommand(origin, path, method, operation) })),
  )
  const schemas = document.components.schemas as Record<string, JsonSchema>
  return json({
    origin,
    intro: document.info.description,
    version: document.info.version,
    operations,
    schemas: SHOWN_SCHEMAS.map((name) => ({ name, schema: schemas[name]! })),
    workshops,
    loggedIn: Boolean(user),
  })
}

/** The description's own light markup: paragraphs, **bold** and `code`. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\n+/).map((paragraph, index) => (
        <p key={index}>{inline(paragraph)}</p>
      ))}
    </>
  )
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)]+\))/).map((part, index) => {
    if (part.startsWith('**')) return <strong key={index}>{part.slice(2, -2)}</strong>
    if (part.startsWith('`')) return <code key={index}>{part.slice(1, -1)}</code>
    const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(part)
    if (link) return <a key={index} href={link[2]}>{link[1]}</a>
    return <Fragment key={index}>{part}</Fragment>
  })
}

function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any'
  if (schema.$ref) return schema.$ref.split('/').pop()!
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ')
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`
  if (Array.isArray(schema.type)) return schema.type.join(' | ')
  return schema.type ?? 'any'
}

function Example({ label, value }: { label: string; value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  return (
    <details className="api-example">
      <summary>{label}</summary>
      <pre className="code-block scroll">
        <code>{text}</code>
      </pre>
    </details>
  )
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
        <Prose text={data.intro} />
      </div>

      <section className="card" aria-labelledby="start-heading">
        <h2 id="start-heading">Get started</h2>
        <ol>
          <li>
            A facilitator opens the workshop’s <strong>Integrations</strong> page, creates a token for the tool, and copies it (it is shown once).
          </li>
          <li>
            Put the token and the workshop id (shown on the same page) in your shell, then paste any command below:
            <pre className="code-block">
              <code>{`export LEADPACT_TOKEN=lp_…\nexport WORKSHOP_ID=${data.workshops[0]?.id ?? '…'}`}</code>
            </pre>
          </li>
        </ol>
        {data.workshops.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Your workshops and their ids</caption>
              <thead>
                <tr>
                  <th scope="col">Your workshops</th>
                  <th scope="col">Workshop id</th>
                  <th scope="col">Your role</th>
                  <th scope="col">
                    <span className="visually-hidden">Tokens</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.workshops.map((workshop) => (
                  <tr key={workshop.id}>
                    <td>{workshop.name}</td>
                    <td>
                      <code>{workshop.id}</code>
                    </td>
                    <td>{ROLE_LABELS[workshop.role]}</td>
                    <td>{workshop.role === 'facilitator' ? <Link to={`/workshops/${workshop.id}/integrations`}>Manage tokens</Link> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : !data.loggedIn ? (
          <p className="small muted">
            <Link to="/login?redirectTo=/api">Log in</Link> to see your workshops’ ids here.
          </p>
        ) : null}
      </section>

      <nav className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        <ul className="api-toc">
          {data.operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`}>
                <span className={`http-method ${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
              </a>{' '}
              <span className="muted">— {operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      {data.operations.map(({ path, method, operation, curl }) => (
        <Endpoint key={operation.operationId} path={path} method={method} operation={operation as OpenApiOperation} curl={curl} />
      ))}

      <section className="card" aria-labelledby="schemas-heading">
        <h2 id="schemas-heading">Schemas</h2>
        <p>
          The scoring config is described by its own JSON Schema, <a href="/schemas/scoring-config.v1.json">/schemas/scoring-config.v1.json</a> (also{' '}
          <code>#/components/schemas/ScoringConfig</code> in the OpenAPI description).
        </p>
        {data.schemas.map(({ name, schema }) => (
          <SchemaTable key={name} name={name} schema={schema as JsonSchema} />
        ))}
      </section>
    </div>
  )
}

function Endpoint({ path, method, operation, curl }: { path: string; method: string; operation: OpenApiOperation; curl: string }) {
  const headingId = `${operation.operationId}-heading`
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))
  const successContent = success?.[1].content as Record<string, { example?: unknown }> | undefined
  const requestExample = operation.requestBody?.content['application/json']?.example
  return (
    <section className="card api-endpoint" id={operation.operationId} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className={`http-method ${method}`}>{method.toUpperCase()}</span> <code className="api-path">{path}</code>
      </h2>
      <p>
        <strong>{operation.summary}.</strong> {inline(operation.description)}
      </p>
      {operation.security && operation.security.length === 0 ? <p className="small muted">No token needed.</p> : null}

      {operation.parameters && operation.parameters.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>Parameters</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={parameter.name}>
                  <th scope="row">
                    <code>{parameter.name}</code>
                    {parameter.required ? null : <span className="muted small"> (optional)</span>}
                  </th>
                  <td>{parameter.in}</td>
                  <td className="small">
                    <code>{typeOf(parameter.schema as JsonSchema)}</code>
                    {(parameter.schema as JsonSchema).default !== undefined ? <span className="muted"> default {String((parameter.schema as JsonSchema).default)}</span> : null}
                    {(parameter.schema as JsonSchema).examples ? <span className="muted"> e.g. {(parameter.schema as JsonSchema).examples!.join(', ')}</span> : null}
                  </td>
                  <td>{inline(parameter.description ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {operation.requestBody ? (
        <p>
          Body: <code>{Object.keys(operation.requestBody.content).join(', ')}</code>,{' '}
          <a href={`#schema-${typeOf(operation.requestBody.content['application/json']?.schema as JsonSchema)}`}>
            {typeOf(operation.requestBody.content['application/json']?.schema as JsonSchema)}
          </a>
          {operation.requestBody.description ? `; ${operation.requestBody.description}` : ''}
        </p>
      ) : null}

      <h3>Try it</h3>
      <pre className="code-block" aria-label={`curl command for ${operation.summary}`}>
        <code>{curl}</code>
      </pre>
      {requestExample !== undefined ? <Example label="Example request body" value={requestExample} /> : null}
      {successContent
        ? Object.entries(successContent)
            .filter(([, content]) => content.example !== undefined)
            .map(([type, content]) => <Example key={type} label={`Example response (${success![0]}, ${type})`} value={content.example} />)
        : null}

      <div className="table-wrap">
        <table>
          <caption>Responses</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(operation.responses).map(([status, response]) => (
              <tr key={status}>
                <th scope="row">{status}</th>
                <td>{inline(String(response.description ?? ''))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function SchemaTable({ name, schema }: { name: string; schema: JsonSchema }) {
  const required = new Set(schema.required ?? [])
  return (
    <div className="table-wrap api-schema" id={`schema-${name}`}>
      <h3>{name}</h3>
      {schema.description ? <p className="muted">{inline(schema.description)}</p> : null}
      <table>
        <caption className="visually-hidden">Properties of {name}</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(schema.properties ?? {}).map(([property, value]) => (
            <tr key={property}>
              <th scope="row">
                <code>{property}</code>
                {required.has(property) ? null : <span className="muted small"> (optional)</span>}
              </th>
              <td className="small">
                <code>{typeOf(value)}</code>
                {value.maxItems !== undefined ? <span className="muted"> at most {value.maxItems.toLocaleString('en-US')}</span> : null}
              </td>
              <td>{inline(value.description ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
