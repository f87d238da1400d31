import { z } from 'zod'
import { rateText, OWNER_LABELS } from './stage-view'
import type { LifecycleStage } from './stages'

/*
 * A save refused because someone else saved first (409) explains itself in words. The stages, the
 * calculator and the SLA forms carry the stored version they were opened on (a hidden `base`, as
 * JSON), so the explanation is three-way: what *they* changed since you opened the form, next to
 * what you have. Fields only you changed are yours to save and are not listed. A form that did not
 * say what it started from (an old page, a hand-made post) gets the two-way comparison: every field
 * where theirs and yours differ.
 */

/** One row of the explanation. */
export const SavedDifferenceSchema = z.object({
  label: z.string(),
  /** The saved value when you opened the form; absent in the two-way comparison. */
  was: z.string().optional(),
  theirs: z.string(),
  yours: z.string(),
  /** False when you left the field as it was: saving again puts `was` back over their change. */
  youChanged: z.boolean().optional(),
})
export type SavedDifference = z.infer<typeof SavedDifferenceSchema>
export const SavedDifferencesSchema = z.array(SavedDifferenceSchema)

/** One thing a form saves, in words: a value, or a list compared item by item. */
export type Aspect<T> = { label: string; text: (value: T) => string } | { label: string; items: (value: T) => readonly string[] }

function sameList(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

function listText(items: readonly string[]) {
  return items.length ? items.join('; ') : 'none'
}

/** A list's change from `from` to `to`: "adds X; drops Y". */
export function listDelta(from: readonly string[], to: readonly string[]): string {
  const added = to.filter((item) => !from.includes(item))
  const dropped = from.filter((item) => !to.includes(item))
  const parts = [added.length ? `adds ${added.join('; ')}` : null, dropped.length ? `drops ${dropped.join('; ')}` : null].filter(Boolean)
  return parts.length ? parts.join(', ') : 'the same items in another order'
}

/** Two lists side by side (two-way): what only theirs has, and what only yours has. */
function listChange(theirs: readonly string[], yours: readonly string[]): { theirs: string; yours: string } {
  const onlyYours = yours.filter((item) => !theirs.includes(item))
  const onlyTheirs = theirs.filter((item) => !yours.includes(item))
  if (onlyYours.length === 0 && onlyTheirs.length === 0) return { theirs: 'the same items', yours: 'in another order' }
  return {
    theirs: onlyTheirs.length ? `also lists ${onlyTheirs.join(', ')}` : 'nothing that yours lacks',
    yours: onlyYours.length ? `also lists ${onlyYours.join(', ')}` : 'nothing that theirs lacks',
  }
}

/**
 * The rows of a conflict explanation: with `was` (the version the form was opened on), every
 * aspect they changed since; without it, every aspect where theirs and yours differ.
 */
export function savedDifferences<T>(aspects: readonly Aspect<T>[], sides: { theirs: T; yours: T; was: T | null }): SavedDifference[] {
  const { theirs, yours, was } = sides
  const rows: SavedDifference[] = []
  for (const aspect of aspects) {
    if ('text' in aspect) {
      const [t, y] = [aspect.text(theirs), aspect.text(yours)]
      if (was === null) {
        if (t !== y) rows.push({ label: aspect.label, theirs: t, yours: y })
        continue
      }
      const w = aspect.text(was)
      if (t !== w) rows.push({ label: aspect.label, was: w, theirs: t, yours: y, youChanged: y !== w })
      continue
    }
    const [t, y] = [aspect.items(theirs), aspect.items(yours)]
    if (was === null) {
      if (!sameList(t, y)) rows.push({ label: aspect.label, ...listChange(t, y) })
      continue
    }
    const w = aspect.items(was)
    if (sameList(t, w)) continue
    const youChanged = !sameList(y, w)
    rows.push({ label: aspect.label, was: listText(w), theirs: listDelta(w, t), yours: youChanged ? listDelta(w, y) : listText(w), youChanged })
  }
  return rows
}

/** The version a form was opened on, from its hidden `base` field; null when missing or not a valid `schema` value. */
export function readBase<S extends z.ZodType>(text: string | undefined, schema: S): z.output<S> | null {
  if (!text || text.length > 100_000) return null
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The sentence above the explanation. */
export function savedWhileEditing(by: string | null, what: string): string {
  return `${by ?? 'Someone'} saved ${what} while you were editing, so yours was not saved. Your changes are still in the form: check theirs and save again to replace them.`
}

// ── The lifecycle forms' aspects ─────────────────────────────────────────────────────────

const STAGE_ASPECTS: Aspect<LifecycleStage>[] = [
  { label: 'Name', text: (stage) => stage.label },
  { label: 'Owner', text: (stage) => OWNER_LABELS[stage.owner] },
  { label: 'Target rate to the next stage', text: (stage) => rateText(stage.conversionRateToNext) },
  { label: 'Typical days', text: (stage) => String(stage.typicalDays ?? '—') },
  { label: 'Switched on', text: (stage) => (stage.enabled ? 'yes' : 'no') },
  { label: 'Definition', text: (stage) => stage.definition },
  { label: 'Entry criteria', text: (stage) => stage.entryCriteria },
  { label: 'Exit criteria', text: (stage) => stage.exitCriteria },
]

export function stageDifferences(sides: { theirs: LifecycleStage; yours: LifecycleStage; was: LifecycleStage | null }): SavedDifference[] {
  return savedDifferences(STAGE_ASPECTS, sides)
}

/** What the calculator saves: the revenue target and the rate of each stage (a fraction). */
export const FunnelSideSchema = z.object({
  target: z.object({ revenueTarget: z.number(), periodMonths: z.number(), averageDealSize: z.number(), currency: z.string() }),
  rates: z.record(z.string(), z.number().nullable()),
})
export type FunnelSide = z.infer<typeof FunnelSideSchema>

/** `rateFields` are the calculator's rate fields as the form showed them (with or without SAL). */
export function funnelDifferences(
  sides: { theirs: FunnelSide; yours: FunnelSide; was: FunnelSide | null },
  rateFields: readonly { stage: string; label: string }[],
): SavedDifference[] {
  const money = (amount: number, currency: string) => `${currency} ${amount.toLocaleString('en')}`
  const aspects: Aspect<FunnelSide>[] = [
    { label: 'Revenue target', text: ({ target }) => money(target.revenueTarget, target.currency) },
    { label: 'Period', text: ({ target }) => `${target.periodMonths} months` },
    { label: 'Average deal size', text: ({ target }) => money(target.averageDealSize, target.currency) },
    ...rateFields.map((field): Aspect<FunnelSide> => ({ label: field.label, text: ({ rates }) => rateText(rates[field.stage]) })),
  ]
  return savedDifferences(aspects, sides)
}
