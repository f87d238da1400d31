import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { RuleEditor } from '~/components/rule-editor'
import { RuleCard } from '~/components/rule-list'
import { fitMatrix } from '~/domain/scoring-model/matrix'
import { formFromRule, type RuleSection } from '~/domain/scoring-model/rule-form'
import { ThresholdsSchema, thresholdsPatch } from '~/domain/scoring-model/settings-form'
import { ruleView } from '~/domain/scoring-model/view'
import { validateFormData, readFormData } from '~/form.server'
import { getScoringModel, saveSettings } from '~/models/scoring-model.server'
import { requireMember } from '~/http/permissions.server'
import { handleRuleIntent, type RuleActionData } from '~/scoring-actions.server'

export const meta: MetaFunction = () => [{ title: 'Scoring model · Leadpact' }]

const SECTIONS: readonly RuleSection[] = ['fit', 'engagement', 'fastTrack']
const EDITORS = ['facilitator', 'marketing', 'sales'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const model = await getScoringModel(member.workshopId)
  const url = new URL(request.url)
  const editId = url.searchParams.get('edit')
  const addSection = url.searchParams.get('add') as RuleSection | null
  const editing = editId ? model.rules.find((rule) => rule.id === editId && SECTIONS.includes(rule.section)) : undefined
  const view = (section: RuleSection) =>
    model.rules.filter((rule) => rule.section === section).map((rule) => ruleView(rule, model.fields, model.activities, model.settings.halfLifeDays))
  return json({
    workshopId: member.workshopId,
    canEdit: (EDITORS as readonly string[]).includes(member.role),
    fields: model.fields.map(({ key, label }) => ({ key, label })),
    activities: model.activities.map(({ key, label }) => ({ key, label })),
    fitRules: view('fit'),
    engagementRules: view('engagement'),
    fastTrackRules: view('fastTrack'),
    settings: model.settings,
    matrix: fitMatrix(model.settings),
    config: model.config,
    problems: model.problems,
    editing: editing ? { id: editing.id, revision: editing.revision, ...formFromRule(editing) } : null,
    adding: addSection && SECTIONS.includes(addSection) ? addSection : null,
  })
}

type ActionData = RuleActionData & { settingsErrors?: Record<string, string>; settingsConflict?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'edit-scoring')
  const formData = await readFormData(request)
  if (formData.get('intent') !== 'save-thresholds') return handleRuleIntent(member, formData, SECTIONS)
  const form = validateFormData(formData, ThresholdsSchema)
  if (!form.ok) return json<ActionData>({ settingsErrors: form.errors }, { status: 400 })
  const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: thresholdsPatch(form.data) })
  if (saved.ok) return json<ActionData>({ saved: 'Saved the thresholds and grades.' })
  if (saved.reason === 'invalid') return json<ActionData>({ settingsErrors: saved.errors }, { status: 400 })
  if (saved.reason === 'conflict') return json<ActionData>({ settingsConflict: true }, { status: 409 })
  throw new Response('Not found', { status: 404 })
}

export default function ScoringPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const location = useLocation()
  const base = location.pathname
  const editorOpen = (data.editing || data.adding) && !actionData?.saved
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 5</p>
        <h2>Scoring model</h2>
        <p className="muted">
          Two axes: <strong>fit</strong> (who they are) and <strong>engagement</strong> (what they did). A lead becomes an MQL when both pass
          their thresholds, or when a fast-track action holds. Try it in the <Link to={`/workshops/${data.workshopId}/simulator`}>simulator</Link>.
        </p>
      </div>
      {actionData?.saved ? (
        <div className="alert success" role="status">
          {actionData.saved}
        </div>
      ) : null}
      {actionData?.conflict ? (
        <div className="alert warn" role="alert">
          <p>{actionData.conflict.message}</p>
          {actionData.conflict.rule ? (
            <p className="small">
              Their version: <strong>{actionData.conflict.rule.label}</strong>
              {actionData.conflict.rule.points !== null ? `, ${actionData.conflict.rule.points} points` : ''}.
            </p>
          ) : null}
        </div>
      ) : null}
      {data.problems.length > 0 ? (
        <div className="alert error" role="alert">
          The model has problems to fix before it can be exported: {data.problems.map((problem) => problem.message).join(' ')}
        </div>
      ) : null}

      {editorOpen && data.canEdit ? (
        <RuleEditor
          key={`${data.editing?.id ?? data.adding}-${actionData?.conflict?.rule?.revision ?? data.editing?.revision ?? 0}`}
          title={data.editing ? `Edit “${data.editing.values.label}”` : 'Add a rule'}
          sections={data.editing ? [data.editing.values.section as RuleSection] : SECTIONS}
          fields={data.fields}
          activities={data.activities}
          defaultValues={
            (actionData?.values as never) ??
            data.editing?.values ?? { section: data.adding ?? 'fit', label: '', points: '', basis: 'condition', combinator: 'all', clauses: [] }
          }
          serverErrors={actionData?.errors}
          ruleId={data.editing?.id}
          revision={actionData?.conflict?.rule?.revision ?? data.editing?.revision}
          cancelTo={base}
          allowActivity
        />
      ) : null}

      <RuleCard
        id="fit"
        title="Fit rules"
        addLabel="Add fit rule"
        addHref={`${base}?add=fit#rule-editor`}
        editHref={(id) => `${base}?edit=${id}#rule-editor`}
        canEdit={data.canEdit}
        rules={data.fitRules}
        showPoints={true}
        empty="No fit rules yet. Add the criteria from step 4, or a rule such as “VP or C-level: +25”."
      >
        <p className="muted small">Who the lead is. Fit = the sum of matching rules, kept between 0 and {data.settings.fitMax}.</p>
      </RuleCard>

      <RuleCard
        id="engagement"
        title="Engagement rules"
        addLabel="Add engagement rule"
        addHref={`${base}?add=engagement#rule-editor`}
        editHref={(id) => `${base}?edit=${id}#rule-editor`}
        canEdit={data.canEdit}
        rules={data.engagementRules}
        showPoints={true}
        empty="No engagement rules yet. Add one per activity, e.g. “Pricing page view: +10, last 30 days, cap 30”."
      >
        <p className="muted small">
          What the lead did. Activity points {data.settings.halfLifeDays ? `halve every ${data.settings.halfLifeDays} days` : 'do not decay'}; engagement is
          kept between 0 and {data.settings.engagementMax}.
        </p>
      </RuleCard>

      <RuleCard
        id="fasttrack"
        title="Fast-track actions"
        addLabel="Add fast-track"
        addHref={`${base}?add=fastTrack#rule-editor`}
        editHref={(id) => `${base}?edit=${id}#rule-editor`}
        canEdit={data.canEdit}
        rules={data.fastTrackRules}
        showPoints={false}
        empty="No fast-track actions. Most teams fast-track a demo request."
      >
        <p className="muted small">Actions that make a lead with enough fit an MQL at once, whatever its engagement score.</p>
      </RuleCard>

      <ThresholdsCard settings={data.settings} canEdit={data.canEdit} errors={actionData?.settingsErrors} conflict={actionData?.settingsConflict} />

      <section className="card" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Fit × engagement matrix</h2>
        <p className="muted small">
          Which combinations of fit grade and engagement are MQLs (fit ≥ {data.settings.mqlMinFit} and engagement ≥ {data.settings.mqlMinEngagement}).
        </p>
        <div className="table-wrap">
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col">Grade (fit)</th>
                {data.matrix.bands.map((band) => (
                  <th scope="col" key={band.label}>
                    Engagement {band.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.matrix.rows.map((row) => (
                <tr key={row.grade}>
                  <th scope="row">
                    {row.grade} <span className="muted small">({row.fitRange})</span>
                  </th>
                  {row.cells.map((cell, index) => (
                    <td key={index} className={cell}>
                      {cell === 'mql' ? 'MQL' : cell === 'some' ? 'Partly' : '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="legend">
          <span className="mql">MQL</span>
          <span className="some">Partly MQL (a threshold falls inside the cell)</span>
          <span className="none">Not an MQL (unless fast-tracked)</span>
        </div>
      </section>

      <section className="card" aria-labelledby="json-heading">
        <h2 id="json-heading">The whole config (read-only)</h2>
        <p className="muted small">
          This is what other tools run. Its format is described by <a href="/schemas/scoring-config.v1.json">the JSON Schema</a>.
        </p>
        <pre className="config-json" tabIndex={0} aria-label="Scoring config as JSON">
          {JSON.stringify(data.config, null, 2)}
        </pre>
      </section>
    </div>
  )
}

function ThresholdsCard({
  settings,
  canEdit,
  errors,
  conflict,
}: {
  settings: { revision: number; fitMax: number; engagementMax: number; halfLifeDays: number | null; mqlMinFit: number; mqlMinEngagement: number; grades: { grade: string; minFit: number }[] }
  canEdit: boolean
  errors?: Record<string, string>
  conflict?: boolean
}) {
  const gradeMin = (grade: string) => String(settings.grades.find((g) => g.grade === grade)?.minFit ?? '')
  const { form, onSubmit, field } = useSchemaForm(ThresholdsSchema, {
    serverErrors: errors,
    defaultValues: {
      revision: String(settings.revision),
      fitMax: String(settings.fitMax),
      engagementMax: String(settings.engagementMax),
      halfLifeDays: settings.halfLifeDays === null ? '' : String(settings.halfLifeDays),
      mqlMinFit: String(settings.mqlMinFit),
      mqlMinEngagement: String(settings.mqlMinEngagement),
      gradeA: gradeMin('A'),
      gradeB: gradeMin('B'),
      gradeC: gradeMin('C'),
      gradeD: gradeMin('D'),
    },
  })
  const e = form.formState.errors as Record<string, { message?: string } | undefined>
  const err = (name: string) => e[name]?.message ?? errors?.[name]
  return (
    <section className="card" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">Thresholds, caps, decay and grades</h2>
      {conflict ? (
        <div className="alert warn" role="alert">
          Someone saved the thresholds while you were editing; the form now shows their values. Make your change again.
        </div>
      ) : null}
      <FormError message={errors?.form} />
      <Form method="post" noValidate onSubmit={onSubmit} key={settings.revision}>
        <input type="hidden" name="intent" value="save-thresholds" />
        <input type="hidden" {...field('revision')} />
        <fieldset disabled={!canEdit}>
          <legend>MQL thresholds</legend>
          <div className="grid-3">
            <Field label="Minimum fit" error={err('mqlMinFit')}>
              {(props) => <input {...props} {...field('mqlMinFit')} type="number" />}
            </Field>
            <Field label="Minimum engagement" error={err('mqlMinEngagement')}>
              {(props) => <input {...props} {...field('mqlMinEngagement')} type="number" />}
            </Field>
          </div>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Caps and decay</legend>
          <div className="grid-3">
            <Field label="Fit cap (max fit)" error={err('fitMax')}>
              {(props) => <input {...props} {...field('fitMax')} type="number" />}
            </Field>
            <Field label="Engagement cap (max engagement)" error={err('engagementMax')}>
              {(props) => <input {...props} {...field('engagementMax')} type="number" />}
            </Field>
            <Field label="Half-life of activity points (days)" hint="Empty: activity never loses value." error={err('halfLifeDays')}>
              {(props) => <input {...props} {...field('halfLifeDays')} type="number" />}
            </Field>
          </div>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Fit grades (minimum fit for each grade)</legend>
          <div className="grid-3">
            {(['A', 'B', 'C', 'D'] as const).map((grade) => (
              <Field key={grade} label={`Grade ${grade}`} error={err(`grade${grade}`)}>
                {(props) => <input {...props} {...field(`grade${grade}`)} type="number" />}
              </Field>
            ))}
          </div>
        </fieldset>
        {canEdit ? (
          <button type="submit" className="button">
            Save thresholds
          </button>
        ) : null}
      </Form>
    </section>
  )
}
