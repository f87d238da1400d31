import { percentText } from './numbers'
import { FUNNEL_STAGE_KEYS, TERMINAL_STAGES, type LifecycleStage, type LifecycleStageKey, type StageOwner } from './stages'

/** How the stages page names things: owners, and stages where a full label is too long. */
export const OWNER_LABELS: Record<StageOwner, string> = { marketing: 'Marketing', sales: 'Sales', shared: 'Shared' }

export const SHORT_LABELS: Record<LifecycleStageKey, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
}

export function isTerminalStage(key: LifecycleStageKey): boolean {
  return TERMINAL_STAGES.includes(key)
}

/** A stored rate as people read it: "25 %", or "—" when there is none. */
export function rateText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${percentText(rate)} %`
}

/** Where a stage's conversion rate leads: the next *enabled* funnel stage (or back to MQL for Recycled). */
export function nextStageOf(key: LifecycleStageKey, salEnabled: boolean): string | null {
  const chain = FUNNEL_STAGE_KEYS.filter((candidate) => candidate !== 'sal' || salEnabled)
  if (key === 'recycled') return 'MQL (comes back)'
  const index = chain.indexOf(key as (typeof chain)[number])
  if (index === -1) return key === 'sal' ? 'SQL' : null
  const next = chain[index + 1]
  return next ? SHORT_LABELS[next] : null
}

/** One stage card of the stages page: what the loader hands the view. */
export function stageView(stage: LifecycleStage & { revision: number }, salEnabled: boolean) {
  return {
    key: stage.key,
    revision: stage.revision,
    label: stage.label,
    definition: stage.definition,
    entryCriteria: stage.entryCriteria,
    exitCriteria: stage.exitCriteria,
    owner: stage.owner,
    enabled: stage.enabled,
    ratePercent: stage.conversionRateToNext === null ? null : percentText(stage.conversionRateToNext),
    next: nextStageOf(stage.key, salEnabled),
    typicalDays: stage.typicalDays,
    terminal: isTerminalStage(stage.key),
    side: !(FUNNEL_STAGE_KEYS as readonly string[]).includes(stage.key),
  }
}
export type StageView = ReturnType<typeof stageView>
