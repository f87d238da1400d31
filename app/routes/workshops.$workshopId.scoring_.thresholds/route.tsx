import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { ScoringHeader } from '~/components/scoring/scoring-header'
import { fitMatrix } from '~/domain/scoring-model/matrix'
import { bandsFormValues, prioritiesFormValues, thresholdsFormValues } from '~/domain/scoring-model/settings-form'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getHandoff } from '~/models/lifecycle.server'
import { getKeptScoringModel } from '~/models/scoring-model-kept.server'
import { FitMatrixCard } from './fit-matrix'
import { saveBandsIntent, savePrioritiesIntent, saveThresholdsIntent } from './intents.server'
import { BandsCard, PrioritiesCard } from './priority-matrix'
import { ThresholdsCard } from './thresholds-form'

export const meta: MetaFunction = () => [{ title: 'Thresholds and priorities · Scoring model · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [model, handoff] = await Promise.all([getKeptScoringModel(member.workshopId), getHandoff(member.workshopId)])
  return json({
    workshopId: member.workshopId,
    editingPriorities: new URL(request.url).searchParams.get('edit') === 'priorities',
    canEdit: member.can('edit-scoring'),
    settings: model.settings,
    thresholds: thresholdsFormValues(model.settings),
    matrix: fitMatrix(model.settings),
    bands: bandsFormValues(model.settings),
    priorities: prioritiesFormValues(model.settings),
    slaPriorities: handoff.responseTargets.map(({ priority, label }) => ({ priority, label })),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent of this page changes the model: a viewer is refused before the form is read.
  const member = await requireMember(request, params.workshopId, 'edit-scoring')
  const formData = await readFormData(request)
  switch (readIntent(formData, ['save-thresholds', 'save-bands', 'save-priorities'])) {
    case 'save-thresholds':
      return saveThresholdsIntent({ member, formData })
    case 'save-bands':
      return saveBandsIntent({ member, formData })
    case 'save-priorities':
      return savePrioritiesIntent({ member, formData })
  }
}

export default function ScoringThresholdsPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const { settings } = data
  const path = useLocation().pathname
  const prioritiesAnswer = answerFor(actionData, 'save-priorities')
  return (
    <div className="stack">
      <ScoringHeader workshopId={data.workshopId} current="thresholds" />
      <ThresholdsCard key={`thresholds-${settings.revision}`} defaults={data.thresholds} canEdit={data.canEdit} answer={answerFor(actionData, 'save-thresholds')} />
      <FitMatrixCard matrix={data.matrix} minFit={settings.mqlMinFit} minEngagement={settings.mqlMinEngagement} />
      <BandsCard key={`bands-${settings.revision}`} defaults={data.bands} bands={settings.bands ?? []} canEdit={data.canEdit} answer={answerFor(actionData, 'save-bands')} />
      <PrioritiesCard
        key={`priorities-${settings.revision}`}
        defaults={data.editingPriorities || prioritiesAnswer ? data.priorities : null}
        grades={settings.grades}
        bands={settings.bands ?? []}
        priorities={settings.priorities ?? []}
        slaPriorities={data.slaPriorities}
        canEdit={data.canEdit}
        editHref={`${path}?edit=priorities#priority-editor`}
        closeHref={`${path}#priorities-heading`}
        answer={prioritiesAnswer}
      />
    </div>
  )
}
