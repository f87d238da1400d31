import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { calculationFromQuery } from '~/domain/lifecycle/calculator'
import { FunnelFormSchema, funnelToForm, stageToForm, type FunnelFormValues, type StageFormValues } from '~/domain/lifecycle/forms'
import { stageView, type StageView } from '~/domain/lifecycle/stage-view'
import { readFormData, readIntent, toFieldErrors } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getHandoff, getLifecycle } from '~/models/lifecycle.server'
import { FunnelCalculator } from './funnel-calculator'
import { calculateIntent, saveStageIntent, saveTargetIntent } from './intents.server'
import { StageCard } from './stage-card'
import { StageEditor } from './stage-editor'

export const meta: MetaFunction = () => [{ title: 'Lifecycle stages · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [lifecycle, handoff] = await Promise.all([getLifecycle(member.workshopId), getHandoff(member.workshopId)])
  const query = new URL(request.url).searchParams
  const canEdit = member.can('edit-lifecycle')
  const editing = canEdit ? lifecycle.stages.find((stage) => stage.key === query.get('edit')) : undefined
  const stored = funnelToForm({
    revision: lifecycle.target.revision,
    target: lifecycle.target,
    salEnabled: lifecycle.salEnabled,
    stages: lifecycle.stages,
    mqlsThisMonth: handoff.commitments.mqlsPerMonth,
  })
  // A calculation's address (?revenueTarget=…): its figures, checked like the form checks them.
  const calculation = calculationFromQuery(query, stored)
  const checked = calculation ? FunnelFormSchema.safeParse(calculation) : null
  return json({
    workshopId: member.workshopId,
    canEdit,
    stages: lifecycle.stages.map((stage) => stageView(stage, lifecycle.salEnabled)),
    editing: editing ? stageToForm(editing) : null,
    funnelForm: calculation ?? stored,
    calculationErrors: checked && !checked.success ? toFieldErrors(checked.error.issues) : null,
    mqlCommitment: handoff.commitments.mqlsPerMonth,
    ratesProblem: lifecycle.rates.ok ? null : lifecycle.rates.message,
    // "From step 1" only while the calculator shows that figure (a calculation's address may carry another).
    dealSizeFromContext: Boolean(lifecycle.target.dealSizeFromContext) && (!calculation || calculation.averageDealSize === stored.averageDealSize),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['save-stage', 'save-target', 'calculate'])) {
    case 'save-stage':
      return saveStageIntent({ member, formData })
    case 'save-target':
      return saveTargetIntent({ member, formData })
    case 'calculate':
      return calculateIntent({ member, formData })
  }
}

export default function StagesPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const { pathname } = useLocation()
  const stageAnswer = answerFor(actionData, 'save-stage')
  const funnelAnswer = answerFor(actionData, 'funnel') ?? (data.calculationErrors ? { form: 'funnel', errors: data.calculationErrors } : undefined)
  const renderStage = (stage: StageView) =>
    data.editing?.key === stage.key ? (
      <StageEditor
        key={`${stage.key}-${String(stageAnswer?.values?.revision ?? stage.revision)}`}
        stage={stage}
        // A refused save refills the form with what was sent (an unticked box is simply absent from it).
        defaults={(stageAnswer?.values as StageFormValues | undefined) ?? data.editing}
        answer={stageAnswer}
        cancelTo={`${pathname}#stage-${stage.key}`}
      />
    ) : (
      <StageCard key={stage.key} stage={stage} workshopId={data.workshopId} editHref={data.canEdit ? `${pathname}?edit=${stage.key}#stage-${stage.key}` : null} />
    )

  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 6</p>
        <h1>Lifecycle stages</h1>
        <p className="muted">
          The stages a lead moves through, what each one means, who owns it, and the share that should move on. The calculator below works back from
          the revenue target to the leads you need each month.
        </p>
      </div>

      <section className="card" aria-labelledby="stages-heading">
        <h2 id="stages-heading">From lead to customer</h2>
        <ol className="stage-flow">
          {data.stages
            .filter((stage) => !stage.side)
            .map((stage) => (
              <li key={stage.key}>{renderStage(stage)}</li>
            ))}
        </ol>
        <h3 className="side-heading">Side stages</h3>
        <ul className="stage-flow side">
          {data.stages
            .filter((stage) => stage.side)
            .map((stage) => (
              <li key={stage.key}>{renderStage(stage)}</li>
            ))}
        </ul>
      </section>

      <FunnelCalculator
        // Mounted afresh when the stored figures or the calculation's address change, or a refused save brings new revisions.
        key={`${JSON.stringify(data.funnelForm)}-${String(funnelAnswer?.values?.revision ?? '')}`}
        defaults={(funnelAnswer?.values as FunnelFormValues | undefined) ?? data.funnelForm}
        answer={funnelAnswer}
        canEdit={data.canEdit}
        mqlCommitment={data.mqlCommitment}
        ratesProblem={data.ratesProblem}
        workshopId={data.workshopId}
        owners={Object.fromEntries(data.stages.map((stage) => [stage.key, stage.owner]))}
        dealSizeFromContext={data.dealSizeFromContext}
      />
    </div>
  )
}
