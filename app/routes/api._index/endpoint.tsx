import type { ApiOperationView } from '~/domain/api/reference'
import { InlineHtml } from './html'
import { CodeBlock, ScrollRegion } from '~/components/scroll-region'

function Example({ label, text }: { label: string; text: string }) {
  return (
    <details className="api-example">
      <summary>{label}</summary>
      <CodeBlock label={label} className="code-block scroll">
        {text}
      </CodeBlock>
    </details>
  )
}

export function Endpoint({ operation }: { operation: ApiOperationView }) {
  const headingId = `${operation.id}-heading`
  return (
    <section className="card api-endpoint" id={operation.id} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className={`http-method ${operation.method}`}>{operation.method.toUpperCase()}</span> <code className="api-path">{operation.path}</code>
      </h2>
      <p>
        <strong>{operation.summary}.</strong> <InlineHtml html={operation.descriptionHtml} />
      </p>
      {operation.needsNoToken ? <p className="small muted">No token needed.</p> : null}

      {operation.parameters.length > 0 ? (
        <ScrollRegion label={`Parameters of ${operation.summary}`}>
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
                    <code>{parameter.type}</code>
                    {parameter.defaultValue !== null ? <span className="muted"> default {parameter.defaultValue}</span> : null}
                    {parameter.examples !== null ? <span className="muted"> e.g. {parameter.examples}</span> : null}
                  </td>
                  <td>
                    <InlineHtml html={parameter.descriptionHtml} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}

      {operation.requestBody ? (
        <p>
          Body: <code>{operation.requestBody.contentTypes}</code>, <a href={`#schema-${operation.requestBody.type}`}>{operation.requestBody.type}</a>
          {operation.requestBody.description ? `; ${operation.requestBody.description}` : ''}
        </p>
      ) : null}

      <h3>Try it</h3>
      <CodeBlock label={`curl command for ${operation.summary}`}>{operation.curl}</CodeBlock>
      {operation.examples.map((example) => (
        <Example key={example.label} label={example.label} text={example.text} />
      ))}

      <ScrollRegion label={`Responses of ${operation.summary}`}>
        <table>
          <caption>Responses</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {operation.responses.map((response) => (
              <tr key={response.status}>
                <th scope="row">{response.status}</th>
                <td>
                  <InlineHtml html={response.descriptionHtml} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  )
}
