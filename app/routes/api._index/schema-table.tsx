import type { ApiSchemaView } from '~/domain/api/reference'
import { InlineHtml } from './html'
import { ScrollRegion } from '~/components/scroll-region'

export function SchemaTable({ schema }: { schema: ApiSchemaView }) {
  return (
    <div className="api-schema" id={`schema-${schema.name}`}>
      <h3>{schema.name}</h3>
      {schema.descriptionHtml ? (
        <p className="muted">
          <InlineHtml html={schema.descriptionHtml} />
        </p>
      ) : null}
      <ScrollRegion label={`Properties of ${schema.name}`}>
        <table>
          <caption className="visually-hidden">Properties of {schema.name}</caption>
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {schema.properties.map((property) => (
              <tr key={property.name}>
                <th scope="row">
                  <code>{property.name}</code>
                  {property.required ? null : <span className="muted small"> (optional)</span>}
                </th>
                <td className="small">
                  <code>{property.type}</code>
                  {property.maxItems !== null ? <span className="muted"> at most {property.maxItems.toLocaleString('en-US')}</span> : null}
                </td>
                <td>
                  <InlineHtml html={property.descriptionHtml} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  )
}
