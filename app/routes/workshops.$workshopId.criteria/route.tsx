import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { FormError } from '~/components/form'
import { RuleEditor } from '~/components/scoring/rule-editor'
import { RuleCard, RuleList, ruleLinks } from '~/components/scoring/rule-list'
import { CRITERIA_SECTION_TITLES, isCriteriaSection, type CriteriaSection } from '~/domain/scoring-model/criteria-forms'
import { describeCondition, valueLabelsOf } from '~/domain/scoring-model/describe'
import { formFromRule, newRuleValues } from '~/domain/scoring-model/rule-form'
import { ruleView } from '~/domain/scoring-model/view'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getScoringModel, listOpenSuggestions } from '~/models/scoring-model.server'
import {
  addActivityIntent,
  addActivityPropertyIntent,
  removeActivityPropertyIntent,
  addFieldIntent,
  decideSuggestionIntent,
  deleteRuleIntent,
  saveRequiredIntent,
  saveRuleIntent,
  saveSqlMinMetIntent,
} from './intents.server'
import { FieldValues } from './field-values'
import { saveFieldValuesIntent } from './field-values.server'
import { RequiredFieldsForm, SqlMinMetForm } from './settings-forms'
import { Suggestions } from './suggestions'
import { Vocabulary } from './vocabulary'
import { ConflictAlert } from '~/components/conflict-note'

export const meta: MetaFunction = () => [{ title: 'Qualifying criteria · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [model, suggestions] = await Promise.all([getScoringModel(member.workshopId), listOpenSuggestions(member.workshopId)])
  const url = new URL(request.url)
  const editId = url.searchParams.get('edit')
  const add = url.searchParams.get('add') ?? ''
  const editing = editId ? model.rules.find((rule) => rule.id === editId && isCriteriaSection(rule.section)) : undefined
  const fieldLabel = (key: string) => model.fields.find((field) => field.key === key)?.label ?? key
  const activityLabel = (key: string) => model.activities.find((activity) => activity.key === key)?.label ?? key
  const view = (section: CriteriaSection) =>
    model.rules.filter((rule) => rule.section === section).map((rule) => ruleView(rule, model.fields, model.activities, model.settings.halfLifeDays))
  return json({
    workshopId: member.workshopId,
    canEdit: member.can('edit-criteria'),
    fields: model.fields.map(({ key, label, type, values }) => ({ key, label, type, ...(values?.length ? { values } : {}) })),
    valueFields: model.fields.filter((field) => field.type === 'string').map(({ id, key, label, revision, values }) => ({ id, key, label, revision, values: values ?? [] })),
    activities: model.activities.map(({ key, label, properties, revision }) => ({ key, label, revision, properties: properties ?? [] })),
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
      note: suggestion.note,
      description: suggestion.condition
        ? describeCondition(suggestion.condition, fieldLabel, valueLabelsOf(model.fields))
        : suggestion.activity
          ? `Did “${activityLabel(suggestion.activity)}”`
          : '',
    })),
    editing: editing ? { id: editing.id, revision: editing.revision, ...formFromRule(editing) } : null,
    deleting: model.rules.find((rule) => rule.id === url.searchParams.get('delete') && isCriteriaSection(rule.section))?.id ?? null,
    adding: isCriteriaSection(add) ? add : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  const input = { member, formData }
  const intents = ['save-rule', 'delete-rule', 'save-required', 'save-sql-min-met', 'add-field', 'add-activity', 'accept-suggestion', 'dismiss-suggestion', 'save-field-values', 'add-activity-property', 'remove-activity-property'] as const
  switch (readIntent(formData, intents)) {
    case 'save-rule':
      return saveRuleIntent(input)
    case 'delete-rule':
      return deleteRuleIntent(input)
    case 'save-required':
      return saveRequiredIntent(input)
    case 'save-sql-min-met':
      return saveSqlMinMetIntent(input)
    case 'add-field':
      return addFieldIntent(input)
    case 'add-activity':
      return addActivityIntent(input)
    case 'accept-suggestion':
    case 'dismiss-suggestion':
      return decideSuggestionIntent(input)
    case 'save-field-values':
      return saveFieldValuesIntent(input)
    case 'add-activity-property':
      return addActivityPropertyIntent(input)
    case 'remove-activity-property':
      return removeActivityPropertyIntent(input)
  }
}

export default function CriteriaPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const base = useLocation().pathname
  const ruleAnswer = answerFor(actionData, 'save-rule')
  const deleteAnswer = answerFor(actionData, 'delete-rule')
  const suggestionAnswer = answerFor(actionData, 'suggestion')
  const adding: CriteriaSection = data.adding ?? 'fit'
  const links = ruleLinks(base, data.deleting)
  const answeredRevision = ruleAnswer?.values?.revision
  const revision = typeof answeredRevision === 'string' && answeredRevision ? Number(answeredRevision) : data.editing?.revision
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 4</p>
        <h1>Qualifying and disqualifying criteria</h1>
        <p className="muted">
          The field guides&apos; two questions, as rules both teams can read and a machine can score. Qualifying criteria become fit rules: set
          their points in <Link to={`/workshops/${data.workshopId}/scoring`}>step 5</Link>.
        </p>
      </div>
      <ConflictAlert answer={ruleAnswer ?? deleteAnswer ?? suggestionAnswer} />
      <FormError message={deleteAnswer?.errors?.form ?? suggestionAnswer?.errors?.form} />

      <Suggestions suggestions={data.suggestions} canEdit={data.canEdit} />

      {(data.editing || data.adding) && data.canEdit ? (
        <RuleEditor
          key={`${data.editing?.id ?? adding}-${revision ?? 0}`}
          title={data.editing ? `Edit “${data.editing.values.label}”` : `Add a ${CRITERIA_SECTION_TITLES[adding]}`}
          sections={data.editing ? [data.editing.values.section] : [adding]}
          fields={data.fields}
          activities={data.activities}
          defaultValues={
            (ruleAnswer?.values as never) ?? data.editing?.values ?? { ...newRuleValues(adding), points: adding === 'fit' ? '0' : '' }
          }
          answer={ruleAnswer}
          ruleId={data.editing?.id}
          revision={revision}
          cancelTo={base}
          allowActivity={false}
        />
      ) : null}

      <RuleCard
        id="qualify"
        title="What must a prospect have to qualify?"
        addLabel="Add qualifying criterion"
        addHref={`${base}?add=fit#rule-editor`}
        links={links}
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
        links={links}
        canEdit={data.canEdit}
        rules={data.disqualifiers}
        showPoints={false}
        empty="No disqualifiers yet. Typical ones: students, competitors, free-mail addresses."
      />

      <section className="card" aria-labelledby="required-heading">
        <h2 id="required-heading">Minimum information before handoff</h2>
        <p className="muted small">A lead missing any of these stays a lead, however well it scores.</p>
        <RequiredFieldsForm
          key={`required-${data.settings.revision}`}
          fields={data.fields}
          settings={data.settings}
          canEdit={data.canEdit}
          answer={answerFor(actionData, 'save-required')}
        />
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
          links={links}
          showPoints={false}
          empty="No SQL questions yet. Add budget, authority, need and timeline."
        />
        <SqlMinMetForm
          key={`minmet-${data.settings.revision}`}
          settings={data.settings}
          questions={data.sqlQuestions.length}
          canEdit={data.canEdit}
          answer={answerFor(actionData, 'save-sql-min-met')}
        />
      </section>

      <Vocabulary fields={data.fields} activities={data.activities} canEdit={data.canEdit} actionData={actionData} />
      <FieldValues fields={data.valueFields} canEdit={data.canEdit} actionData={actionData} />
    </div>
  )
}
