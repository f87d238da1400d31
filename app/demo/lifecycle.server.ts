import { getHandoffRecord, getLifecycle, saveFunnelTarget, saveHandoff, saveStage } from '~/models/lifecycle.server'
import { demoFunnelTarget, demoHandoff, demoStages } from './lifecycle'

/**
 * Steps 6 and 7 of the demo workshop: its stages, rates, revenue target and Berlin SLA, saved
 * through the same model functions as the editors (revision 2, by `userId`), so the steps show
 * as in progress.
 */
export async function seedLifecycleDemo(workshopId: string, userId: string) {
  const { stages, target } = await getLifecycle(workshopId)
  for (const demo of demoStages) {
    const stage = stages.find((candidate) => candidate.key === demo.key)
    if (!stage) throw new Error(`Demo seed: no ${demo.key} stage`)
    const saved = await saveStage({ workshopId, userId, revision: stage.revision, stage: demo })
    if (!saved.ok) throw new Error(`Demo seed: could not save the ${demo.key} stage (${saved.reason})`)
  }
  const savedTarget = await saveFunnelTarget({ workshopId, userId, revision: target.revision, target: demoFunnelTarget, rates: [] })
  if (!savedTarget.ok) throw new Error(`Demo seed: could not save the funnel target (${savedTarget.reason})`)
  const handoff = await getHandoffRecord(workshopId)
  const savedHandoff = await saveHandoff({ workshopId, userId, revision: handoff.revision, handoff: demoHandoff })
  if (!savedHandoff.ok) throw new Error(`Demo seed: could not save the handoff SLA (${savedHandoff.reason})`)
}
