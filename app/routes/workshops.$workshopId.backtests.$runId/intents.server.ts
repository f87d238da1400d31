import { resolveModels } from '~/backtest/model-choices.server'
import { cancelBacktest, enqueueRun } from '~/backtest/runner.server'
import { CancelRunSchema, chosenModels, mappingFromForm, SaveThresholdsSchema, StartRunSchema } from '~/domain/backtest/forms'
import { BacktestMappingSchema, mappingProblems } from '~/domain/backtest/mapping'
import { toFieldErrors, validateFormData } from '~/http/form.server'
import { answer, conflict, invalid, redirectWithFlash } from '~/http/actions.server'
import { requireCapability, type MemberContext } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getRun, queueRun } from '~/models/backtest.server'
import { getScoringModel, saveSettings } from '~/models/scoring-model.server'

type IntentInput = { member: MemberContext; runId: string; formData: FormData }

const runPath = (workshopId: string, runId: string) => `/workshops/${workshopId}/backtests/${runId}`

/** The mapping form: checked, turned into a mapping that must fit the file and the chosen models, then queued. */
export async function startRunIntent({ member, runId, formData }: IntentInput) {
  const form = validateFormData(formData, StartRunSchema)
  if (!form.ok) return invalid('start-run', form)
  const run = await getRun({ workshopId: member.workshopId, runId })
  invariantResponse(run, 'Back-test not found', { status: 404 })
  if (run.status !== 'mapping') return redirectWithFlash(runPath(member.workshopId, runId), { tone: 'warn', text: 'This run has started already.' })
  const models = await resolveModels(member.workshopId, chosenModels(form.data.models))
  if (!models.ok) return invalid('start-run', { errors: { models: models.message }, values: form.values })
  const mapping = BacktestMappingSchema.safeParse(mappingFromForm(form.data))
  if (!mapping.success) return invalid('start-run', { errors: toFieldErrors(mapping.error.issues), values: form.values })
  const known = {
    fields: models.models.flatMap((model) => model.config.fields),
    activities: models.models.flatMap((model) => model.config.activities),
  }
  const problems = mappingProblems(mapping.data, run.columns, known)
  if (problems.length) return invalid('start-run', { errors: { form: problems.join(' ') }, values: form.values })
  const queued = await queueRun({
    workshopId: member.workshopId,
    runId,
    userId: member.user.id,
    mapping: mapping.data,
    models: models.models,
    asOf: new Date(`${form.data.asOf}T23:59:59.999Z`),
  })
  invariantResponse(queued.ok || queued.reason !== 'not-found', 'Back-test not found', { status: 404 })
  if (!queued.ok) return redirectWithFlash(runPath(member.workshopId, runId), { tone: 'warn', text: 'This run has started already.' })
  void enqueueRun(runId)
  return redirectWithFlash(runPath(member.workshopId, runId), `Started the back-test of ${run.fileName}.`)
}

export async function cancelRunIntent({ member, runId, formData }: IntentInput) {
  const form = validateFormData(formData, CancelRunSchema)
  if (!form.ok) return invalid('cancel-run', form)
  const cancelled = await cancelBacktest({ workshopId: member.workshopId, runId })
  invariantResponse(cancelled.ok || cancelled.reason !== 'not-found', 'Back-test not found', { status: 404 })
  if (!cancelled.ok) return answer(409, { form: 'cancel-run', errors: { form: 'The run has finished already; nothing to cancel.' } })
  return redirectWithFlash(runPath(member.workshopId, runId), 'Cancelled the run and deleted its file.')
}

/** The sliders' thresholds, saved to the scoring model as a change (which voids its sign-off, like any change). */
export async function saveThresholdsIntent({ member, runId, formData }: IntentInput) {
  requireCapability(member.role, 'edit-scoring')
  const form = validateFormData(formData, SaveThresholdsSchema)
  if (!form.ok) return invalid('save-thresholds', form)
  const { minFit, minEngagement } = form.data
  const model = await getScoringModel(member.workshopId)
  if (minFit > model.settings.fitMax || minEngagement > model.settings.engagementMax) {
    return invalid('save-thresholds', {
      errors: { form: `The scoring model's caps are fit ${model.settings.fitMax} and engagement ${model.settings.engagementMax}: a threshold above its cap could never be reached.` },
      values: form.values,
    })
  }
  const saved = await saveSettings({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, patch: { mqlMinFit: minFit, mqlMinEngagement: minEngagement } })
  const back = `${runPath(member.workshopId, runId)}?minFit=${minFit}&minEngagement=${minEngagement}#thresholds`
  if (saved.ok) {
    return redirectWithFlash(back, `Saved the MQL thresholds to the scoring model: fit ≥ ${minFit}, engagement ≥ ${minEngagement}. The scoring sign-offs are void until both teams sign again.`)
  }
  invariantResponse(saved.reason !== 'not-found', 'This workshop has no scoring model.', { status: 404 })
  if (saved.reason === 'invalid') return invalid('save-thresholds', { errors: saved.errors, values: form.values })
  return conflict('save-thresholds', {
    message: `Someone changed the scoring model's thresholds meanwhile (now fit ≥ ${saved.current.mqlMinFit}, engagement ≥ ${saved.current.mqlMinEngagement}). Save again to replace them with yours.`,
    values: { ...form.values, revision: String(saved.current.revision) },
  })
}
