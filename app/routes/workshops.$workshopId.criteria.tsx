import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { Field, FormError } from '~/components/form'
import { RuleEditor } from '~/components/rule-editor'
import { RuleCard, RuleList } from '~/components/rule-list'
import { AddActivitySchema, AddFieldSchema, RequiredFieldsSchema, SqlMinMetSchema, SuggestionSchema } from '~/domain/scoring-model/criteria-forms'
import { describeCondition } from '~/domain/scoring-model/describe'
import { FIELD_TYPE_OPTIONS } from '~/domain/scoring-model/field-types'
import { formFromRule, type Condition, type RuleSection } from '~/domain/scoring-model/rule-form'
import { ruleView } from '~/domain/scoring-model/view'
import { validateFormData, readFormData } from '~/form.server'
import {
  addActivity,
  addField,
  decideSuggestion,
  getScoringModel,
  listOpenSuggestions,
  saveRequiredFields,
  saveSettings,
} from '~/models/scoring-model.server'
import { requireMember } from '~/http/permissions.server'
import { handleRuleIntent, type RuleActionData } from '~/scoring-actions.server'

export const meta: MetaFunction = () => [{ title: 'Qualifying criteria · Leadpact' }]

const SECTIONS: readonly RuleSection[] = ['fit', 'disqualifier', 'sql']
const EDITORS = ['facilitator', 'marketing', 'sales'] as const
const SECTION_TITLES: Record<string, string> = { fit: 'qualifying criterion', disqualifier: 'disqualifier', sql: 'SQL question' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [model, suggestions] = await Promise.all([getScoringModel(member.workshopId), listOpenSuggestions(member.workshopId)])
  const url = new URL(request.url)
  const editId = url.searchParams.get('edit')
  const addSection = url.searchParams.get('add') as RuleSection | null
  const editing = editId ? model.rules.find((rule) => rule.id === editId && SECTIONS.includes(rule.section)) : undefined
  const fieldLabel = (key: string) => model.fields.find((field) => field.key === key)?.label ?? key
  const view = (section: RuleSection) =>
    model.rules.filter((rule) => rule.section === section).map((rule) => ruleView(rule, model.fields, model.activities, model.settings.halfLifeDays))
  return json({
    workshopId: member.workshopId,
    canEdit: (EDITORS as readonly string[]).includes(member.role),
    fields: model.fields.map(({ key, label, type }) => ({ key, label, type })),
    activities: model.activities.map(({ key, label }) => ({ key, label })),
    qualifying: view('fit'),
    disqualifiers: view('disqualifier'),
    sqlQuestions: view('sql'),
    settings: { revision: model.settings.revision, required: model.settings.required, sqlMinMet: model.settings.sqlMinMet },
    suggestions: suggestions.map((suggestion) => ({
      id: suggestion.id,
      revision: suggestion.revision,
      source: suggestion.source,
      sourceLabel: suggestion.sourceLabel,
      section: suggestion.section,
      label: suggestion.label,
      description: suggestion.condition
        ? describeCondition(suggestion.condition as Condition, fieldLabel)
        : suggestion.activity
          ? `Did “${model.activities.find((a) => a.key === suggestion.activity)?.label ?? suggestion.activity}”`
          : '',
    })),
    editing: editing ? { id: editing.id, revision: editing.revision, ...formFromRule(editing) } : null,
    adding: addSection && SECTIONS.includes(addSection) ? addSection : null,
  })
}

type ActionData = RuleActionData & { formErrors?: Record<string, Record<string, string>>; notice?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'edit-criteria')
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')
  const fail = (form: string, errors: Record<string, string>, status = 400) => json<ActionData>({ formErrors: { [form]: errors } }, { status })

  switch (intent) {
    case 'save-required': {
      const form = validateFormData(formData, RequiredFieldsSchema)
      if (!form.ok) return fail('required', form.errors)
      const required = Object.entries(form.data.required)
        .filter(([, value]) => value === 'on')
        .map(([key]) => key)
      const saved = await saveRequiredFields({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, required })
      if (saved.ok) return json<ActionData>({ saved: 'Saved the required information.' })
      if (saved.reason === 'conflict') return fail('required', { form: 'Someone changed these settings meanwhile; the page shows their choice now. Make your change again.' }, 409)
      if (saved.reason === 'invalid') return fail('required', saved.errors)
      throw new Response('Not found', { status: 404 })
    }
    case 'save-sql-min-met': {
      const form = validateFormData(formData, SqlMinMetSchema)
      if (!form.ok) return fail('sqlMinMet', form.errors)
      const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: { sqlMinMet: form.data.sqlMinMet } })
      if (saved.ok) return json<ActionData>({ saved: `An SQL now needs ${form.data.sqlMinMet} questions to hold.` })
      if (saved.reason === 'conflict') return fail('sqlMinMet', { form: 'Someone changed this meanwhile; the page shows their value now.' }, 409)
      if (saved.reason === 'invalid') return fail('sqlMinMet', { sqlMinMet: 'There are not that many SQL questions.' })
      throw new Response('Not found', { status: 404 })
    }
    case 'add-field': {
      const form = validateFormData(formData, AddFieldSchema)
      if (!form.ok) return fail('field', form.errors)
      const added = await addField({ workshopId: member.workshopId, ...form.data })
      return added.ok ? json<ActionData>({ saved: `Added the field “${form.data.label}”.` }) : fail('field', added.errors)
    }
    case 'add-activity': {
      const form = validateFormData(formData, AddActivitySchema)
      if (!form.ok) return fail('activity', form.errors)
      const added = await addActivity({ workshopId: member.workshopId, ...form.data })
      return added.ok ? json<ActionData>({ saved: `Added the activity “${form.data.label}”.` }) : fail('activity', added.errors)
    }
    case 'accept-suggestion':
    case 'dismiss-suggestion': {
      const form = validateFormData(formData, SuggestionSchema)
      if (!form.ok) return fail('suggestion', { form: 'This suggestion form is out of date: reload the page.' })
      const accept = form.data.intent === 'accept-suggestion'
      const decided = await decideSuggestion({ workshopId: member.workshopId, userId: member.user.id, suggestionId: form.data.suggestionId, revision: form.data.revision, accept })
      if (decided.ok) return json<ActionData>({ saved: accept ? `Added “${decided.label}” as a criterion.` : `Dismissed “${decided.label}”.` })
      if (decided.reason === 'invalid') return fail('suggestion', decided.errors)
      return fail('suggestion', { form: 'Someone already decided on this suggestion.' }, 409)
    }
    default:
      return handleRuleIntent(member, formData, SECTIONS)
  }
}

export default function CriteriaPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const base = useLocation().pathname
  const editorOpen = (data.editing || data.adding) && !actionData?.saved
  const formErrors = actionData?.formErrors ?? {}
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 4</p>
        <h2>Qualifying and disqualifying criteria</h2>
        <p className="muted">
          The field guides&apos; two questions, as rules both teams can read and a machine can score. Qualifying criteria become fit rules: set
          their points in <Link to={`/workshops/${data.workshopId}/scoring`}>step 5</Link>.
        </p>
      </div>
      {actionData?.saved ? (
        <div className="alert success" role="status">
          {actionData.saved}
        </div>
      ) : null}
      {actionData?.conflict ? (
        <div className="alert warn" role="alert">
          {actionData.conflict.message}
          {actionData.conflict.rule ? <span> Their version: “{actionData.conflict.rule.label}”.</span> : null}
        </div>
      ) : null}
      <FormError message={formErrors.suggestion?.form} />

      {data.suggestions.length > 0 ? (
        <section className="card" aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">Suggestions from the board and personas</h2>
          <p className="muted small">Drafted from the agreed good/bad lead traits and negative personas. Accept to add them as criteria, or dismiss.</p>
          <ul className="suggestions">
            {data.suggestions.map((suggestion) => (
              <li key={suggestion.id}>
                <div>
                  <strong>{suggestion.label}</strong> <span className="badge">{SECTION_TITLES[suggestion.section] ?? suggestion.section}</span>
                  <div className="muted small">
                    {suggestion.description} · from {suggestion.source === 'trait' ? 'the agreed trait' : 'the negative persona'} “{suggestion.sourceLabel}”
                  </div>
                </div>
                {data.canEdit ? (
                  <div className="actions">
                    {(['accept-suggestion', 'dismiss-suggestion'] as const).map((intent) => (
                      <Form method="post" key={intent}>
                        <input type="hidden" name="intent" value={intent} />
                        <input type="hidden" name="suggestionId" value={suggestion.id} />
                        <input type="hidden" name="revision" value={suggestion.revision} />
                        <button type="submit" className={`button small ${intent === 'accept-suggestion' ? '' : 'secondary'}`}>
                          {intent === 'accept-suggestion' ? 'Accept' : 'Dismiss'}
                        </button>
                      </Form>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {editorOpen && data.canEdit ? (
        <RuleEditor
          key={`${data.editing?.id ?? data.adding}-${actionData?.conflict?.rule?.revision ?? data.editing?.revision ?? 0}`}
          title={data.editing ? `Edit “${data.editing.values.label}”` : `Add a ${SECTION_TITLES[data.adding ?? 'fit']}`}
          sections={data.editing ? [data.editing.values.section as RuleSection] : [data.adding ?? 'fit']}
          fields={data.fields}
          activities={data.activities}
          defaultValues={
            (actionData?.values as never) ??
            data.editing?.values ?? { section: data.adding ?? 'fit', label: '', points: data.adding === 'fit' ? '0' : '', basis: 'condition', combinator: 'all', clauses: [] }
          }
          serverErrors={actionData?.errors}
          ruleId={data.editing?.id}
          revision={actionData?.conflict?.rule?.revision ?? data.editing?.revision}
          cancelTo={base}
          allowActivity={false}
        />
      ) : null}

      <RuleCard
        id="qualify"
        title="What must a prospect have to qualify?"
        addLabel="Add qualifying criterion"
        addHref={`${base}?add=fit#rule-editor`}
        editHref={(id) => `${base}?edit=${id}#rule-editor`}
        canEdit={data.canEdit}
        rules={data.qualifying}
        showPoints={true}
        empty="No qualifying criteria yet. Start with the traits both teams agreed on, e.g. “Company with 50–5,000 employees”."
      />

      <RuleCard
        id="disqualify"
        title="What disqualifies automatically, even if everything else fits?"
        addLabel="Add disqualifier"
        addHref={`${base}?add=disqualifier#rule-editor`}
        editHref={(id) => `${base}?edit=${id}#rule-editor`}
        canEdit={data.canEdit}
        rules={data.disqualifiers}
        showPoints={false}
        empty="No disqualifiers yet. Typical ones: students, competitors, free-mail addresses."
      />

      <section className="card" aria-labelledby="required-heading">
        <h2 id="required-heading">Minimum information before handoff</h2>
        <p className="muted small">A lead missing any of these stays a lead, however well it scores.</p>
        <FormError message={formErrors.required?.form} />
        <Form method="post" key={`required-${data.settings.revision}`}>
          <input type="hidden" name="intent" value="save-required" />
          <input type="hidden" name="revision" value={data.settings.revision} />
          <fieldset disabled={!data.canEdit} className="checkbox-grid">
            <legend>Required fields</legend>
            {data.fields.map((field) => (
              <label key={field.key} className="choice">
                <input type="checkbox" name={`required.${field.key}`} defaultChecked={data.settings.required.includes(field.key)} /> {field.label}
              </label>
            ))}
          </fieldset>
          {data.canEdit ? (
            <button type="submit" className="button secondary">
              Save required information
            </button>
          ) : null}
        </Form>
      </section>

      <section className="card" aria-labelledby="sql-heading">
        <div className="section-head">
          <h2 id="sql-heading">SQL questions</h2>
          {data.canEdit ? (
            <Link to={`${base}?add=sql#rule-editor`} className="button secondary small">
              Add SQL question
            </Link>
          ) : null}
        </div>
        <p className="muted small">What sales confirms in the first conversation (budget, authority, need, timeline, current solution, ready to move).</p>
        <RuleList
          caption="SQL questions"
          rules={data.sqlQuestions}
          canEdit={data.canEdit}
          editHref={(id) => `${base}?edit=${id}#rule-editor`}
          showPoints={false}
          empty="No SQL questions yet. Add budget, authority, need and timeline."
        />
        <Form method="post" className="inline-form" key={`minmet-${data.settings.revision}`}>
          <input type="hidden" name="intent" value="save-sql-min-met" />
          <input type="hidden" name="revision" value={data.settings.revision} />
          <FormError message={formErrors.sqlMinMet?.form} />
          <Field label="An MQL becomes an SQL when this many questions hold" error={formErrors.sqlMinMet?.sqlMinMet}>
            {(props) => (
              <div className="actions">
                <input {...props} name="sqlMinMet" type="number" min={1} max={Math.max(1, data.sqlQuestions.length)} defaultValue={data.settings.sqlMinMet} style={{ width: 90 }} disabled={!data.canEdit} />
                <span>of {data.sqlQuestions.length}</span>
                {data.canEdit ? (
                  <button type="submit" className="button secondary small">
                    Save
                  </button>
                ) : null}
              </div>
            )}
          </Field>
        </Form>
      </section>

      <section className="card" aria-labelledby="fields-heading">
        <h2 id="fields-heading">Fields and activities</h2>
        <p className="muted small">What criteria can refer to. Keys are the column names other tools send in their leads.</p>
        <div className="grid-2">
          <div>
            <h3>Fields</h3>
            <ul className="tag-list">
              {data.fields.map((field) => (
                <li key={field.key}>
                  {field.label} <span className="muted mono small">{field.key}</span>{' '}
                  <span className="badge">{FIELD_TYPE_OPTIONS.find((option) => option.value === field.type)?.label}</span>
                </li>
              ))}
            </ul>
            {data.canEdit ? (
              <Form method="post" noValidate className="stack-tight">
                <input type="hidden" name="intent" value="add-field" />
                <div className="grid-3">
                  <Field label="New field label" error={formErrors.field?.label}>
                    {(props) => <input {...props} name="label" type="text" />}
                  </Field>
                  <Field label="Key" error={formErrors.field?.key}>
                    {(props) => <input {...props} name="key" type="text" placeholder="annualRevenue" />}
                  </Field>
                  <Field label="Type" error={formErrors.field?.type}>
                    {(props) => (
                      <select {...props} name="type" defaultValue="string">
                        {FIELD_TYPE_OPTIONS.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                <button type="submit" className="button secondary small">
                  Add field
                </button>
              </Form>
            ) : null}
          </div>
          <div>
            <h3>Activities</h3>
            <ul className="tag-list">
              {data.activities.map((activity) => (
                <li key={activity.key}>
                  {activity.label} <span className="muted mono small">{activity.key}</span>
                </li>
              ))}
            </ul>
            {data.canEdit ? (
              <Form method="post" noValidate className="stack-tight">
                <input type="hidden" name="intent" value="add-activity" />
                <div className="grid-3">
                  <Field label="New activity label" error={formErrors.activity?.label}>
                    {(props) => <input {...props} name="label" type="text" />}
                  </Field>
                  <Field label="Activity key" error={formErrors.activity?.key}>
                    {(props) => <input {...props} name="key" type="text" placeholder="event_visit" />}
                  </Field>
                </div>
                <button type="submit" className="button secondary small">
                  Add activity
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      </section>
    </div>
  )
}
