import { sampleRows } from '~/backtest/inspect.server'
import { listModelChoices, resolveModels } from '~/backtest/model-choices.server'
import { isRunLive } from '~/backtest/runner.server'
import { compareSides } from '~/domain/backtest/compare'
import { ruleEvidence } from '~/domain/backtest/evidence'
import { computeFigures, wholeThresholds } from '~/domain/backtest/figures'
import { runProgress } from '~/domain/backtest/format'
import { startRunFormValues } from '~/domain/backtest/forms'
import { suggestMapping } from '~/domain/backtest/mapping'
import type { ScoringConfig } from '~/domain/scoring'
import { getRun, getSavedMapping, type BacktestRun } from '~/models/backtest.server'
import { getScoringModel } from '~/models/scoring-model.server'

/*
 * What the run page shows in each state of a run, as plain data for the loader: the mapping form
 * (from the workshop's saved mapping and the column names), the progress, or the results.
 */

/** The first item of each key, in order: the fields of several models, as the first model types them. */
function uniqueByKey<T extends { key: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => !seen.has(item.key) && Boolean(seen.add(item.key)))
}

export async function mappingView(workshopId: string, run: BacktestRun, today: Date) {
  const choices = await listModelChoices(workshopId)
  const usable = choices.filter((choice) => choice.problem === null)
  const resolved = await resolveModels(
    workshopId,
    usable.map((choice) => choice.key),
  )
  const configs: ScoringConfig[] = resolved.ok ? resolved.models.map((model) => model.config) : []
  const fields = uniqueByKey(configs.flatMap((config) => config.fields))
  const activities = uniqueByKey(configs.flatMap((config) => config.activities))
  const suggestion = suggestMapping(run.columns, { fields, activities }, await getSavedMapping(workshopId))
  const preselected = usable.slice(0, 1).map((choice) => choice.key)
  const samples = run.tempPath ? await sampleRows(run.tempPath, run.format, run.delimiter, run.columns) : []
  return {
    defaults: startRunFormValues(suggestion.mapping, fields, preselected, today.toISOString().slice(0, 10)),
    columns: run.columns,
    fields: fields.map(({ key, label, type }) => ({ key, label, type })),
    activities: activities.map(({ key, label }) => ({ key, label })),
    models: choices,
    missing: suggestion.missing,
    preview: run.columns.map((column, index) => ({ column, values: samples.map((row) => row[index] ?? '').filter((value) => value !== '').slice(0, 4) })),
  }
}

export function progressView(run: BacktestRun, now: Date) {
  return { live: isRunLive(run.id), progress: runProgress(run, now) }
}

const readThreshold = (query: URLSearchParams, name: string) => {
  const value = query.get(name)
  return value === null || value.trim() === '' ? undefined : Number(value)
}

/** The results of one model of a finished run, at the thresholds of the address (or of that model), and what it is compared with. */
export async function resultsView(workshopId: string, run: BacktestRun, query: URLSearchParams) {
  const index = Math.min(Math.max(0, Math.floor(Number(query.get('model') ?? 0)) || 0), Math.max(0, run.results.length - 1))
  const aggregate = run.results[index]
  if (!aggregate) return null
  const thresholds = wholeThresholds(aggregate, {
    minFit: readThreshold(query, 'minFit') ?? aggregate.thresholds.minFit,
    minEngagement: readThreshold(query, 'minEngagement') ?? aggregate.thresholds.minEngagement,
  })
  const model = await getScoringModel(workshopId)
  const side = (label: string, result: (typeof run.results)[number]) => ({
    label,
    figures: computeFigures(result, result.thresholds),
    evidence: ruleEvidence(result),
  })
  let comparison: { labels: [string, string]; sameFile: boolean; table: ReturnType<typeof compareSides> } | null = null
  const otherId = query.get('with')
  const other = otherId ? await getRun({ workshopId, runId: otherId }) : undefined
  const labelOf = (of: BacktestRun, i: number) => `${of.models[i]?.label ?? 'Model'} · ${of.fileName}`
  if (other && other.status === 'done' && other.results[0]) {
    const labels: [string, string] = [labelOf(run, index), other.id === run.id ? labelOf(other, 0) : `${labelOf(other, 0)} (other run)`]
    comparison = { labels, sameFile: other.fileSha256 === run.fileSha256, table: compareSides(side(labels[0], aggregate), side(labels[1], other.results[0])) }
  } else if (run.results.length >= 2) {
    const otherIndex = index === 0 ? 1 : 0
    const labels: [string, string] = [run.models[index]?.label ?? 'Model', run.models[otherIndex]?.label ?? 'Model']
    comparison = { labels, sameFile: true, table: compareSides(side(labels[0], aggregate), side(labels[1], run.results[otherIndex]!)) }
  }
  return {
    index,
    aggregate,
    thresholds,
    modelLabel: run.models[index]?.label ?? 'The model',
    models: run.models.map((entry) => entry.label),
    scoring: { minFit: model.settings.mqlMinFit, minEngagement: model.settings.mqlMinEngagement, revision: model.settings.revision },
    comparison,
  }
}
