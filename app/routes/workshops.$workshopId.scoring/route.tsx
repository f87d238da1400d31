import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { FormError } from '~/components/form'
import { RuleEditor } from '~/components/scoring/rule-editor'
import { RuleCard, ruleLinks } from '~/components/scoring/rule-list'
import { ScoringHeader } from '~/components/scoring/scoring-header'
import { isScoringSection, SCORING_SECTIONS, type ScoringSection } from '~/domain/scoring-model/model'
import { formFromRule, newRuleValues } from '~/domain/scoring-model/rule-form'
import { ruleView } from '~/domain/scoring-model/view'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getKeptScoringModel } from '~/models/scoring-model-kept.server'
import { deleteScoringRuleIntent, saveScoringRuleIntent } from './intents.server'
import { ConflictAlert } from '~/components/conflict-note'

export const meta: MetaFunction = () => [{ title: 'Scoring model · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const model = await getKeptScoringModel(member.workshopId)
  const url = new URL(request.url)
  const editId = url.searchParams.get('edit')
  const add = url.searchParams.get('add') ?? ''
  const editing = editId ? model.rules.find((rule) => rule.id === editId && isScoringSection(rule.section)) : undefined
  const view = (section: ScoringSection) =>
    model.rules.filter((rule) => rule.section === section).map((rule) => ruleView(rule, model.fields, model.activities, model.settings.halfLifeDays))
  const { fitMax, engagementMax, halfLifeDays } = model.settings
  // The vocabulary (fields with their values, activities) is only for the rule editor: sent when it is open.
  const editorOpen = Boolean(editing) || isScoringSection(add)
  return json({
    workshopId: member.workshopId,
    canEdit: member.can('edit-scoring'),
    fields: editorOpen ? model.fields.map(({ key, label, type, values }) => ({ key, label, type, ...(values?.length ? { values } : {}) })) : [],
    activities: editorOpen ? model.activities.map(({ key, label, properties }) => ({ key, label, properties: properties ?? [] })) : [],
    rules: { fit: view('fit'), engagement: view('engagement'), fastTrack: view('fastTrack') },
    settings: { fitMax, engagementMax, halfLifeDays },
    configFormat: model.config.schemaVersion,
    problems: model.problems.map((problem) => problem.message),
    editing: editing ? { id: editing.id, revision: editing.revision, ...formFromRule(editing) } : null,
    deleting: model.rules.find((rule) => rule.id === url.searchParams.get('delete') && isScoringSection(rule.section))?.id ?? null,
    adding: isScoringSection(add) ? add : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent of this page changes the model: a viewer is refused before the form is read.
  const member = await requireMember(request, params.workshopId, 'edit-scoring')
  const formData = await readFormData(request)
  switch (readIntent(formData, ['save-rule', 'delete-rule'])) {
    case 'save-rule':
      return saveScoringRuleIntent({ member, formData })
    case 'delete-rule':
      return deleteScoringRuleIntent({ member, formData })
  }
}

const RULE_CARDS = {
  fit: { id: 'fit', title: 'Fit rules', addLabel: 'Add fit rule', showPoints: true, empty: 'No fit rules yet. Add the criteria from step 4, or a rule such as “VP or C-level: +25”.' },
  engagement: {
    id: 'engagement',
    title: 'Engagement rules',
    addLabel: 'Add engagement rule',
    showPoints: true,
    empty: 'No engagement rules yet. Add one per activity, e.g. “Pricing page view: +10, last 30 days, cap 30”.',
  },
  fastTrack: { id: 'fasttrack', title: 'Fast-track actions', addLabel: 'Add fast-track', showPoints: false, empty: 'No fast-track actions. Most teams fast-track a demo request.' },
} as const satisfies Record<ScoringSection, unknown>

export default function ScoringPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const base = useLocation().pathname
  const ruleAnswer = answerFor(actionData, 'save-rule')
  const deleteAnswer = answerFor(actionData, 'delete-rule')
  const adding: ScoringSection = data.adding ?? 'fit'
  // After a conflict the editor retries at the revision that now stands.
  const answeredRevision = ruleAnswer?.values?.revision
  const revision = typeof answeredRevision === 'string' && answeredRevision ? Number(answeredRevision) : data.editing?.revision
  const { settings } = data
  const links = ruleLinks(base, data.deleting)
  const introductions: Record<ScoringSection, string> = {
    fit: `Who the lead is. Fit = the sum of matching rules, kept between 0 and ${settings.fitMax}.`,
    engagement: `What the lead did. Activity points ${settings.halfLifeDays ? `halve every ${settings.halfLifeDays} days` : 'do not decay'}; engagement is kept between 0 and ${settings.engagementMax}.`,
    fastTrack: 'Actions that make a lead with enough fit an MQL at once, whatever its engagement score.',
  }
  return (
    <div className="stack">
      <ScoringHeader workshopId={data.workshopId} current="rules" />
      <ConflictAlert answer={ruleAnswer ?? deleteAnswer} />
      <FormError message={deleteAnswer?.errors?.form} />
      {data.problems.length > 0 ? (
        <div className="alert error" role="alert">
          The model has problems to fix before it can be exported: {data.problems.join(' ')}
        </div>
      ) : null}

      {(data.editing || data.adding) && data.canEdit ? (
        <RuleEditor
          key={`${data.editing?.id ?? adding}-${revision ?? 0}`}
          title={data.editing ? `Edit “${data.editing.values.label}”` : 'Add a rule'}
          sections={data.editing ? [data.editing.values.section] : SCORING_SECTIONS}
          fields={data.fields}
          activities={data.activities}
          defaultValues={
            // An engagement or fast-track rule is usually about what the lead did: start from an activity.
            data.editing?.values ?? newRuleValues(adding)
          }
          answer={ruleAnswer}
          ruleId={data.editing?.id}
          revision={revision}
          cancelTo={base}
          allowActivity
          modelHalfLife={settings.halfLifeDays}
        />
      ) : null}

      {SCORING_SECTIONS.map((section) => (
        <RuleCard
          key={section}
          {...RULE_CARDS[section]}
          addHref={`${base}?add=${section}#rule-editor`}
          links={links}
          canEdit={data.canEdit}
          rules={data.rules[section]}
        >
          <p className="muted small">{introductions[section]}</p>
        </RuleCard>
      ))}

      <section className="card" aria-labelledby="json-heading">
        <h2 id="json-heading">The whole config</h2>
        <p>
          What other tools would run if this draft were published now, in scoring format {data.configFormat}:{' '}
          <a href={`/workshops/${data.workshopId}/scoring/config.json`} target="_blank" rel="noreferrer">
            open the draft config as JSON
          </a>{' '}
          (its format is described by <a href={`/schemas/scoring-config.v${data.configFormat}.json`}>the JSON Schema</a>). Published versions’ configs are
          downloaded from <Link to={`/workshops/${data.workshopId}/versions`}>Versions</Link>.
        </p>
      </section>
    </div>
  )
}
