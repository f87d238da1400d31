import { parseScoringConfig, type ScoringConfig } from '~/domain/scoring'
import type { RunModel } from '~/models/backtest.server'
import { getScoringModel } from '~/models/scoring-model.server'
import { getVersion, listVersions } from '~/models/version.server'

/*
 * The models a back-test can score with: the workshop's draft as it stands, and every published
 * version (so that two versions can be compared on the same file, in one run).
 */

export interface ModelChoice {
  key: string
  label: string
  /** Why it cannot be chosen (a draft the engine refuses), or null. */
  problem: string | null
}

const dateLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

export async function listModelChoices(workshopId: string): Promise<ModelChoice[]> {
  const [draft, versions] = await Promise.all([getScoringModel(workshopId), listVersions(workshopId)])
  return [
    {
      key: 'draft',
      label: 'The current draft',
      problem: draft.validConfig ? null : `The draft cannot be scored yet: ${draft.problems.map((problem) => problem.message).join(' ')}`,
    },
    ...versions.map((version) => ({ key: `v${version.number}`, label: `Version ${version.number} (published ${dateLabel.format(new Date(version.publishedAt))})`, problem: null })),
  ]
}

/** The configs behind the chosen keys, in the order given; a key that names nothing usable is an error in words. */
export async function resolveModels(workshopId: string, keys: string[]): Promise<{ ok: true; models: RunModel[] } | { ok: false; message: string }> {
  const models: RunModel[] = []
  for (const key of keys) {
    if (key === 'draft') {
      const draft = await getScoringModel(workshopId)
      if (!draft.validConfig) return { ok: false, message: 'The draft scoring model cannot be scored yet: fix its problems in step 5, or choose a published version.' }
      models.push({ label: 'Draft', version: null, config: draft.validConfig })
      continue
    }
    const number = Number(key.slice(1))
    const version = Number.isInteger(number) && number > 0 ? await getVersion({ workshopId, number }) : undefined
    const parsed = version ? parseScoringConfig(version.snapshot.scoring as ScoringConfig) : undefined
    if (!parsed) return { ok: false, message: `There is no version ${key.slice(1)}: reload the page.` }
    if (!parsed.ok) return { ok: false, message: `Version ${number}'s scoring config cannot be run: ${parsed.errors.map((error) => error.message).join(' ')}` }
    models.push({ label: `v${number}`, version: number, config: parsed.config })
  }
  return { ok: true, models }
}
