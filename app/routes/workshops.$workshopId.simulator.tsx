import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PostButton } from '~/components/post-button'
import { useFieldArray } from 'react-hook-form'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { compile } from '~/domain/scoring'
import { explainStage } from '~/domain/scoring-model/explain'
import { leadFromSimulator, SimulatorSchema, simulatorValues, type SimulatedLead } from '~/domain/scoring-model/simulator-form'
import { unflatten, validateFormData, readFormData } from '~/form.server'
import { deleteExampleLead, getExampleLead, listExampleLeads, saveExampleLead } from '~/models/example-lead.server'
import { getScoringModel } from '~/models/scoring-model.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Simulator · Leadpact' }]

const STAGE_LABELS = { disqualified: 'Disqualified', lead: 'Lead', mql: 'MQL', sql: 'SQL' } as const

async function scorer(workshopId: string) {
  const model = await getScoringModel(workshopId)
  if (!model.validConfig) return { model, score: null }
  const engine = compile(model.validConfig)
  const fieldLabel = (key: string) => model.fields.find((field) => field.key === key)?.label ?? key
  const score = (lead: SimulatedLead, asOf: Date | string) => {
    const result = engine.score(lead, asOf)
    return { ...result, explanation: explainStage(result, model.config, fieldLabel) }
  }
  return { model, score }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const { model, score } = await scorer(member.workshopId)
  const examples = await listExampleLeads(member.workshopId)
  const exampleId = new URL(request.url).searchParams.get('example')
  const loaded = exampleId ? await getExampleLead({ workshopId: member.workshopId, id: exampleId }) : undefined
  const now = new Date()
  return json({
    workshopId: member.workshopId,
    canEdit: member.role !== 'viewer',
    problems: model.problems.map((problem) => problem.message),
    fields: model.fields.map(({ key, label, type }) => ({ key, label, type })),
    activities: model.activities.map(({ key, label }) => ({ key, label })),
    initial: loaded ? simulatorValues(loaded.lead, loaded.asOf, loaded.name) : simulatorValues({ attributes: {}, activities: [] }, now),
    loadedResult: loaded && score ? score(loaded.lead, loaded.asOf) : null,
    examples: examples.map((example) => ({
      id: example.id,
      revision: example.revision,
      name: example.name,
      asOf: example.asOf.toISOString(),
      result: score ? score(example.lead, example.asOf) : null,
    })),
  })
}

type ActionData = { errors?: Record<string, string>; values?: Record<string, unknown>; result?: ReturnType<NonNullable<Awaited<ReturnType<typeof scorer>>['score']>> }

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  if (formData.get('intent') === 'delete-example') {
    const member = await requireMember(request, params.workshopId, 'save-example-leads')
    await deleteExampleLead({ workshopId: member.workshopId, id: String(formData.get('exampleId')), revision: Number(formData.get('revision')) })
    return redirect(`/workshops/${member.workshopId}/simulator`)
  }
  const member = await requireMember(request, params.workshopId)
  const form = validateFormData(formData, SimulatorSchema)
  if (!form.ok) return json<ActionData>({ errors: form.errors, values: form.values }, { status: 400 })
  const { model, score } = await scorer(member.workshopId)
  const lead = leadFromSimulator(form.data, model.fields)
  if (!lead.ok) return json<ActionData>({ errors: lead.errors, values: form.values }, { status: 400 })
  const asOf = lead.asOf || new Date().toISOString()
  if (form.data.intent === 'save-example') {
    if (member.role === 'viewer') throw new Response('Viewers cannot save example leads.', { status: 403 })
    const saved = await saveExampleLead({ workshopId: member.workshopId, userId: member.user.id, name: form.data.name, lead: lead.lead, asOf: new Date(asOf) })
    return redirect(`/workshops/${member.workshopId}/simulator?example=${saved.id}`)
  }
  if (!score) return json<ActionData>({ errors: { form: 'Fix the scoring model first: it has problems.' }, values: form.values }, { status: 400 })
  return json<ActionData>({ result: score(lead.lead, asOf), values: form.values })
}

export default function SimulatorPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const result = actionData?.result ?? data.loadedResult
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 5 · Simulator</p>
        <h2>Score a lead by hand</h2>
        <p className="muted">
          Type what you know about a lead and what it did; see its fit, engagement, grade and stage, and every point explained. Rules are edited in the{' '}
          <Link to={`/workshops/${data.workshopId}/scoring`}>scoring model</Link>.
        </p>
      </div>
      {data.problems.length > 0 ? (
        <div className="alert error" role="alert">
          The scoring model has problems: {data.problems.join(' ')}
        </div>
      ) : null}
      <div className="simulator">
        <SimulatorForm key={JSON.stringify(data.initial)} data={data} actionData={actionData} />
        <div aria-live="polite">{result ? <ResultPanel result={result} /> : <EmptyResult />}</div>
      </div>
      <ExamplesTable examples={data.examples} workshopId={data.workshopId} canEdit={data.canEdit} />
    </div>
  )
}

function SimulatorForm({ data, actionData }: { data: ReturnType<typeof useLoaderData<typeof loader>>; actionData?: ActionData }) {
  const initial = (actionData?.values as typeof data.initial | undefined) ?? data.initial
  const activityRows = [...(initial.activities ?? []), { type: '', at: '' }, { type: '', at: '' }]
  const { form, onSubmit, field } = useSchemaForm(SimulatorSchema, {
    defaultValues: { ...initial, intent: 'simulate', activities: activityRows } as never,
    serverErrors: actionData?.errors,
  })
  const rows = useFieldArray({ control: form.control, name: 'activities' as never })
  const err = (name: string) => {
    const path = name.split('.')
    let node: unknown = form.formState.errors
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part]
    return (node as { message?: string } | undefined)?.message ?? actionData?.errors?.[name]
  }
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card">
      <FormError message={actionData?.errors?.form} />
      <h3>The lead</h3>
      <div className="grid-2 compact">
        {data.fields.map((f) => (
          <Field key={f.key} label={f.label} error={err(`attributes.${f.key}`)}>
            {(props) =>
              f.type === 'boolean' ? (
                <select {...props} {...field(`attributes.${f.key}` as never)}>
                  <option value="">Unknown</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              ) : (
                <input {...props} {...field(`attributes.${f.key}` as never)} type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'} step="any" />
              )
            }
          </Field>
        ))}
      </div>
      <h3>What it did (times in UTC)</h3>
      {rows.fields.map((row, index) => (
        <div className="grid-2 compact" key={row.id}>
          <Field label={`Activity ${index + 1}`} error={err(`activities.${index}.type`)}>
            {(props) => (
              <select {...props} {...field(`activities.${index}.type` as never)}>
                <option value="">None</option>
                {data.activities.map((activity) => (
                  <option key={activity.key} value={activity.key}>
                    {activity.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`When (activity ${index + 1})`} error={err(`activities.${index}.at`)}>
            {(props) => <input {...props} {...field(`activities.${index}.at` as never)} type="datetime-local" />}
          </Field>
        </div>
      ))}
      <button type="button" className="button secondary small js-only" onClick={() => rows.append({ type: '', at: '' } as never)}>
        Add activity
      </button>
      <div className="grid-2 compact" style={{ marginTop: 16 }}>
        <Field label="Score as of (UTC)" hint="Empty: now." error={err('asOf')}>
          {(props) => <input {...props} {...field('asOf')} type="datetime-local" />}
        </Field>
        <Field label="Name (to save as an example)" error={err('name')}>
          {(props) => <input {...props} {...field('name')} type="text" placeholder="e.g. CFO at a 300-person SaaS" />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="simulate" className="button" onClick={() => form.setValue('intent', 'simulate')}>
          Score this lead
        </button>
        {data.canEdit ? (
          <button type="submit" name="intent" value="save-example" className="button secondary" onClick={() => form.setValue('intent', 'save-example')}>
            Save as example
          </button>
        ) : null}
      </div>
      <input type="hidden" {...form.register('intent')} />
    </Form>
  )
}

type Result = NonNullable<ActionData['result']>

function ResultPanel({ result }: { result: Result }) {
  const matched = result.contributions.filter((contribution) => contribution.matched)
  return (
    <section className="card result" aria-labelledby="result-heading">
      <h3 id="result-heading">
        Result: <span className={`stage stage-${result.stage}`}>{STAGE_LABELS[result.stage]}</span>
      </h3>
      <dl className="scores">
        <div>
          <dt>Fit</dt>
          <dd data-testid="result-fit">{Math.round(result.fit * 10) / 10}</dd>
        </div>
        <div>
          <dt>Engagement</dt>
          <dd data-testid="result-engagement">{Math.round(result.engagement * 10) / 10}</dd>
        </div>
        <div>
          <dt>Grade</dt>
          <dd>{result.grade ?? '—'}</dd>
        </div>
      </dl>
      <h4>Why</h4>
      <ul className="why">
        {result.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h4>Every point</h4>
      {matched.length === 0 ? (
        <p className="muted small">No rule gave or took points.</p>
      ) : (
        <table className="small">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Axis</th>
              <th scope="col" className="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {matched.map((contribution) => (
              <tr key={contribution.ruleId}>
                <td>{contribution.label}</td>
                <td>{contribution.axis}</td>
                <td className={`num points ${contribution.points < 0 ? 'negative' : ''}`}>{Math.round(contribution.points * 100) / 100}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function EmptyResult() {
  return (
    <div className="empty">
      <h3>No lead scored yet</h3>
      <p>Fill in what you know, add what the lead did, and press “Score this lead”.</p>
    </div>
  )
}

function ExamplesTable({
  examples,
  workshopId,
  canEdit,
}: {
  examples: ReturnType<typeof useLoaderData<typeof loader>>['examples']
  workshopId: string
  canEdit: boolean
}) {
  return (
    <section className="card" aria-labelledby="examples-heading">
      <h2 id="examples-heading">Example leads, scored with the current model</h2>
      {examples.length === 0 ? (
        <p className="muted">No saved examples yet. Score a lead, name it and press “Save as example”: the table re-scores them whenever the model changes.</p>
      ) : (
        <div className="table-wrap">
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
                    {example.result ? Math.round(example.result.fit * 10) / 10 : '—'}
                  </td>
                  <td className="num">{example.result ? Math.round(example.result.engagement * 10) / 10 : '—'}</td>
                  <td>{example.result?.grade ?? '—'}</td>
                  <td>{example.result ? <span className={`stage stage-${example.result.stage}`}>{STAGE_LABELS[example.result.stage]}</span> : '—'}</td>
                  <td className="small">{example.asOf.slice(0, 16).replace('T', ' ')} UTC</td>
                  <td>
                    {canEdit ? (
                      <PostButton fields={{ intent: 'delete-example', exampleId: example.id, revision: example.revision }} label={`Delete example ${example.name}`}>
                        Delete
                      </PostButton>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
