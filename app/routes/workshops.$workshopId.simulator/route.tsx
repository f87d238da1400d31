import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { explainedScorer } from '~/domain/scoring-model/explain'
import { simulatorValues } from '~/domain/scoring-model/simulator-form'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getExampleLead, listExampleLeads } from '~/models/example-lead.server'
import { getScoringModel } from '~/models/scoring-model.server'
import { ExamplesTable } from './examples-table'
import { deleteExampleIntent, saveExampleIntent, simulateIntent } from './intents.server'
import { EmptyResult, ResultPanel } from './result-panel'
import { SimulatorForm } from './simulator-form'
import { getWorkshopTimeZone } from '~/models/lifecycle.server'

export const meta: MetaFunction = () => [{ title: 'Simulator · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const query = new URL(request.url).searchParams
  const exampleId = query.get('example')
  const [model, examples, loaded, zone] = await Promise.all([
    getScoringModel(member.workshopId),
    listExampleLeads(member.workshopId),
    exampleId ? getExampleLead({ workshopId: member.workshopId, id: exampleId }) : undefined,
    getWorkshopTimeZone(member.workshopId),
  ])
  const score = model.validConfig ? explainedScorer(model.validConfig) : null
  const now = new Date()
  // ?intent=simulate&…: a lead typed in and scored (see simulateIntent); ?example=…: a saved one.
  const simulation = query.get('intent') === 'simulate' ? simulateIntent(query, model.fields, score, now, zone, model.activities) : null
  return json(
    {
      workshopId: member.workshopId,
      canSave: member.can('save-example-leads'),
      problems: model.problems.map((problem) => problem.message),
      fields: model.fields.map(({ key, label, type, values }) => ({ key, label, type, values: values ?? [] })),
      activities: model.activities.map(({ key, label, properties }) => ({ key, label, properties: properties ?? [] })),
      lead: simulation?.lead ?? (loaded ? simulatorValues(loaded.lead, loaded.asOf, loaded.name, zone) : simulatorValues({ attributes: {}, activities: [] }, now, '', zone)),
      result: simulation ? simulation.result : loaded && score ? score(loaded.lead, loaded.asOf) : null,
      refused: simulation?.refused ?? null,
      examples: examples.map((example) => ({
        id: example.id,
        revision: example.revision,
        name: example.name,
        asOf: example.asOf.toISOString(),
        result: score ? score(example.lead, example.asOf) : null,
      })),
    },
    // A refused lead is refused input, whether it came as a query or as a post.
    { status: simulation?.refused ? 400 : 200 },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['save-example', 'delete-example'])) {
    case 'save-example':
      return saveExampleIntent({ member, formData })
    case 'delete-example':
      return deleteExampleIntent({ member, formData })
  }
}

export default function SimulatorPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const formAnswer = answerFor(actionData, 'save-example') ?? data.refused ?? undefined
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 5 · Simulator</p>
        <h1>Score a lead by hand</h1>
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
        <SimulatorForm
          key={JSON.stringify([data.lead, formAnswer?.values ?? null])}
          fields={data.fields}
          activities={data.activities}
          defaults={data.lead}
          answer={formAnswer}
          canSave={data.canSave}
        />
        <div aria-live="polite">{data.result ? <ResultPanel result={data.result} /> : <EmptyResult />}</div>
      </div>
      <ExamplesTable examples={data.examples} workshopId={data.workshopId} canEdit={data.canSave} answer={answerFor(actionData, 'delete-example')} />
    </div>
  )
}
