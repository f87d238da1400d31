import { Link } from '@remix-run/react'
import { FormError } from '~/components/form'
import { PostButton } from '~/components/post-button'
import type { ExplainedResult } from '~/domain/scoring-model/explain'
import type { FormAnswer } from '~/http/form-answer'
import { STAGE_LABELS, tenth } from './result-panel'
import { ScrollRegion } from '~/components/scroll-region'
import { FormattedDate } from '~/components/dates'
import { DeleteExampleSchema } from '~/domain/scoring-model/simulator-form'
import { ConflictAlert } from '~/components/conflict-note'

export type ExampleView = { id: string; revision: number; name: string; asOf: string; result: ExplainedResult | null }

/** The saved example leads, re-scored with the current model on every view; editors delete them here. */
export function ExamplesTable({ examples, workshopId, canEdit, answer }: { examples: readonly ExampleView[]; workshopId: string; canEdit: boolean; answer?: FormAnswer }) {
  return (
    <section className="card" aria-labelledby="examples-heading">
      <h2 id="examples-heading">Example leads, scored with the current model</h2>
      <ConflictAlert answer={answer} />
      <FormError message={answer?.errors?.form} />
      {examples.length === 0 ? (
        <p className="muted">No saved examples yet. Score a lead, name it and press “Save as example”: the table re-scores them whenever the model changes.</p>
      ) : (
        <ScrollRegion label="Example leads">
          <table>
            <thead>
              <tr>
                <th scope="col">Example</th>
                <th scope="col" className="num">
                  Fit
                </th>
                <th scope="col" className="num">
                  Engagement
                </th>
                <th scope="col">Grade</th>
                <th scope="col">Stage</th>
                <th scope="col">As of</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {examples.map((example) => (
                <tr key={example.id} data-testid={`example-${example.name}`}>
                  <td>
                    <Link to={`/workshops/${workshopId}/simulator?example=${example.id}`}>{example.name}</Link>
                  </td>
                  <td className="num" data-testid="example-fit">
                    {example.result ? tenth(example.result.fit) : '—'}
                  </td>
                  <td className="num">{example.result ? tenth(example.result.engagement) : '—'}</td>
                  <td>{example.result?.grade ?? '—'}</td>
                  <td>{example.result ? <span className={`stage stage-${example.result.stage}`}>{STAGE_LABELS[example.result.stage]}</span> : '—'}</td>
                  <td className="small">
                    <FormattedDate value={example.asOf} withTime />
                  </td>
                  <td>
                    {canEdit ? (
                      <div className="row-actions">
                        <PostButton schema={DeleteExampleSchema}
                          fields={{ intent: 'delete-example', exampleId: example.id, revision: example.revision }}
                          label={`Delete example ${example.name}`}
                          confirm={`Delete the example “${example.name}”? Its lead is gone for everyone.`}
                          icon="trash-2"
                        >
                          Delete
                        </PostButton>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
