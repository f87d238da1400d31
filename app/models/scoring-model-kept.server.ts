import { getScoringModel } from '~/models/scoring-model.server'
import { keptUntilChange } from '~/models/until-change.server'

export type ScoringModel = Awaited<ReturnType<typeof getScoringModel>>

/*
 * The draft scoring model as pages read it: getScoringModel's rows, config and problems, worked
 * out once per change of the data instead of on every view (reading four tables, assembling the
 * config and validating it against the schema was most of the scoring page's loader). Writes read
 * the model inside their transaction with getScoringModel, never from here (ADR 013).
 */
const models = keptUntilChange<ScoringModel>()

/** The workshop's draft scoring model, shared between requests until anything is written: do not change it. */
export function getKeptScoringModel(workshopId: string): Promise<ScoringModel> {
  return models.get(workshopId, async () => {
    const model = await getScoringModel(workshopId)
    // Outside production a page that changed the shared model would throw here, in the tests, not corrupt the next view.
    return process.env.NODE_ENV === 'production' ? model : deepFreeze(model)
  })
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
