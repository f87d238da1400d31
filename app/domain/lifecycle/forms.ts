import { z } from 'zod'
import { FunnelSideSchema, readBase, type FunnelSide } from './conflicts'
import { FunnelInputSchema, type FunnelRateKey, type FunnelRates } from './funnel'
import { LifecycleStageSchema, LIFECYCLE_STAGE_KEYS, type LifecycleStage, type LifecycleStageKey } from './stages'
import { fractionOfPercent, percentText, readAmount, readPercent } from './numbers'

/**
 * The forms of the lifecycle step (stages and the reverse funnel calculator). People type rates
 * as percentages; the domain stores fractions. Each form's checks live in one `read…` function
 * used by the schema (client and server) and, for the calculator, by the live figures, so the
 * message next to a field and the message in place of the figures are the same words.
 */

export type FormIssue = { path: string; message: string }

const OPTIONAL_TEXT = z.string().optional()
const CHECKBOX = z.union([z.string(), z.boolean()]).optional()

function isChecked(value: unknown) {
  return value === true || value === 'on' || value === 'true'
}

const RATE_NOT_A_NUMBER = 'Enter a percentage such as 25 (for 25 %).'
const RATE_TOO_HIGH = 'At most 100 %: a stage cannot pass on more leads than it receives.'

/** Issues for a rate typed as a percentage, before the domain sees it as a fraction. */
function percentIssue(percent: number | null): string | null {
  if (percent === null) return null
  if (Number.isNaN(percent)) return RATE_NOT_A_NUMBER
  if (percent > 100) return RATE_TOO_HIGH
  return null
}

// ── One stage ────────────────────────────────────────────────────────────────────────────

export const StageFieldsSchema = z.object({
  key: z.string({ error: 'Which stage?' }),
  revision: z.string({ error: 'This form is out of date: reload the page.' }),
  /** The stored stage the form was opened on (JSON), to explain a refused save (conflicts.ts). */
  base: OPTIONAL_TEXT,
  label: OPTIONAL_TEXT,
  definition: OPTIONAL_TEXT,
  entryCriteria: OPTIONAL_TEXT,
  exitCriteria: OPTIONAL_TEXT,
  owner: OPTIONAL_TEXT,
  conversionRatePercent: OPTIONAL_TEXT,
  typicalDays: OPTIONAL_TEXT,
  enabled: CHECKBOX,
})
export type StageFormValues = z.input<typeof StageFieldsSchema>

/** Form field for each domain path that differs in name. */
const STAGE_FIELD_OF: Record<string, string> = { conversionRateToNext: 'conversionRatePercent' }

export function readStageForm(values: StageFormValues): { stage: LifecycleStage | null; revision: number; issues: FormIssue[] } {
  const issues: FormIssue[] = []
  const revision = Number(values.revision)
  if (!Number.isInteger(revision) || revision < 1) issues.push({ path: 'form', message: 'This form is out of date: reload the page.' })
  const percent = readPercent(values.conversionRatePercent)
  const percentProblem = percentIssue(percent)
  if (percentProblem) issues.push({ path: 'conversionRatePercent', message: percentProblem })
  const days = readAmount(values.typicalDays)
  if (days !== null && Number.isFinite(days) && !Number.isInteger(days)) issues.push({ path: 'typicalDays', message: 'Use a whole number of days.' })
  const candidate = {
    key: values.key,
    label: values.label ?? '',
    definition: values.definition ?? '',
    entryCriteria: values.entryCriteria ?? '',
    exitCriteria: values.exitCriteria ?? '',
    owner: values.owner ?? '',
    conversionRateToNext: percent === null || Number.isNaN(percent) || percent > 100 ? percent : fractionOfPercent(percent),
    typicalDays: days,
    enabled: isChecked(values.enabled),
  }
  const parsed = LifecycleStageSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.')
      const field = STAGE_FIELD_OF[path] ?? (path || 'form')
      if (!issues.some((known) => known.path === field)) issues.push({ path: field, message: field === 'typicalDays' && Number.isNaN(days) ? 'Enter a whole number of days.' : issue.message })
    }
  }
  return { stage: parsed.success && issues.length === 0 ? parsed.data : null, revision, issues }
}

/** The stage editor's schema: the same checks on the client (zodResolver) and in the action. */
export const StageFormSchema = StageFieldsSchema.superRefine((values, ctx) => {
  for (const issue of readStageForm(values).issues) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message })
}).transform((values) => {
  const read = readStageForm(values)
  return { revision: read.revision, stage: read.stage!, base: readBase(values.base, LifecycleStageSchema) }
})

/** The fields of a stage that its form edits (a stored row has more). */
function stageFields(stage: LifecycleStage): LifecycleStage {
  const { key, label, definition, entryCriteria, exitCriteria, owner, conversionRateToNext, typicalDays, enabled } = stage
  return { key, label, definition, entryCriteria, exitCriteria, owner, conversionRateToNext, typicalDays, enabled }
}

export function stageToForm(stage: LifecycleStage & { revision: number }): StageFormValues {
  return {
    key: stage.key,
    revision: String(stage.revision),
    base: JSON.stringify(stageFields(stage)),
    label: stage.label,
    definition: stage.definition,
    entryCriteria: stage.entryCriteria,
    exitCriteria: stage.exitCriteria,
    owner: stage.owner,
    conversionRatePercent: percentText(stage.conversionRateToNext),
    typicalDays: stage.typicalDays === null ? '' : String(stage.typicalDays),
    enabled: stage.enabled ? 'on' : undefined,
  }
}

// ── The reverse funnel calculator ────────────────────────────────────────────────────────

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY', 'INR', 'BRL'] as const
export type Currency = (typeof CURRENCIES)[number]

export const PERIOD_OPTIONS = [
  { months: 1, label: 'Month' },
  { months: 3, label: 'Quarter (3 months)' },
  { months: 6, label: 'Half-year (6 months)' },
  { months: 12, label: 'Year (12 months)' },
  { months: 24, label: 'Two years (24 months)' },
] as const

/** The calculator's rate fields, top of the funnel first, and the stage that stores each. */
export const RATE_FIELDS: { key: FunnelRateKey; stage: LifecycleStageKey; label: string; sal: boolean | null }[] = [
  { key: 'leadToMql', stage: 'lead', label: 'Lead → MQL', sal: null },
  { key: 'mqlToSal', stage: 'mql', label: 'MQL → SAL', sal: true },
  { key: 'salToSql', stage: 'sal', label: 'SAL → SQL', sal: true },
  { key: 'mqlToSql', stage: 'mql', label: 'MQL → SQL', sal: false },
  { key: 'sqlToOpportunity', stage: 'sql', label: 'SQL → Opportunity', sal: null },
  { key: 'opportunityToCustomer', stage: 'opportunity', label: 'Opportunity → Customer', sal: null },
]

export function rateFieldsFor(salEnabled: boolean) {
  return RATE_FIELDS.filter((field) => field.sal === null || field.sal === salEnabled)
}

const RateFieldsSchema = z.object({
  leadToMql: OPTIONAL_TEXT,
  mqlToSal: OPTIONAL_TEXT,
  salToSql: OPTIONAL_TEXT,
  mqlToSql: OPTIONAL_TEXT,
  sqlToOpportunity: OPTIONAL_TEXT,
  opportunityToCustomer: OPTIONAL_TEXT,
})

export const FunnelFieldsSchema = z.object({
  revision: OPTIONAL_TEXT,
  /** The stored target and rates the form was opened on (JSON), to explain a refused save (conflicts.ts). */
  base: OPTIONAL_TEXT,
  revenueTarget: OPTIONAL_TEXT,
  periodMonths: OPTIONAL_TEXT,
  averageDealSize: OPTIONAL_TEXT,
  currency: OPTIONAL_TEXT,
  salEnabled: OPTIONAL_TEXT,
  rates: RateFieldsSchema.optional(),
  /** The revision of each stage whose rate the form shows, to save a changed rate at the revision read. */
  stageRevisions: z.record(z.string(), z.string()).optional(),
  /** The forward funnel's what-if input; never saved. */
  mqlsThisMonth: OPTIONAL_TEXT,
})
export type FunnelFormValues = z.input<typeof FunnelFieldsSchema>

export interface FunnelTargetValues {
  revenueTarget: number
  periodMonths: number
  averageDealSize: number
  currency: Currency
}

export interface ReadFunnelForm {
  salEnabled: boolean
  target: FunnelTargetValues
  rates: FunnelRates
  issues: FormIssue[]
}

/** Reads the calculator form: the target and the rates (as fractions), with every problem under its field's name. */
export function readFunnelForm(values: FunnelFormValues): ReadFunnelForm {
  const issues: FormIssue[] = []
  const add = (path: string, message: string) => {
    if (!issues.some((issue) => issue.path === path)) issues.push({ path, message })
  }
  const salEnabled = values.salEnabled === 'true'
  const rates: Record<string, number | null> = {}
  for (const field of RATE_FIELDS) {
    const path = `rates.${field.key}`
    if (field.sal !== null && field.sal !== salEnabled) {
      rates[field.key] = null
      continue
    }
    const percent = readPercent(values.rates?.[field.key])
    if (percent === null) add(path, `Enter the ${field.label} rate as a percentage.`)
    const problem = percentIssue(percent)
    if (problem) add(path, problem)
    rates[field.key] = percent === null || Number.isNaN(percent) || percent > 100 ? percent : fractionOfPercent(percent)
  }
  const currency = values.currency ?? ''
  if (!(CURRENCIES as readonly string[]).includes(currency)) add('currency', 'Choose a currency from the list.')
  const revenueTarget = readAmount(values.revenueTarget)
  const averageDealSize = readAmount(values.averageDealSize)
  const periodMonths = readAmount(values.periodMonths)

  // The domain's schema says what is wrong with the amounts and rates (a 0 % rate, a negative deal size…).
  const parsed = FunnelInputSchema.safeParse({
    revenueTarget: revenueTarget ?? Number.NaN,
    periodMonths: periodMonths ?? Number.NaN,
    averageDealSize: averageDealSize ?? Number.NaN,
    rates,
    salEnabled,
  })
  if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.map(String).join('.') || 'form', issue.message)
  for (const [path, amount, what] of [
    ['revenueTarget', revenueTarget, 'revenue target'],
    ['averageDealSize', averageDealSize, 'average deal size'],
  ] as const) {
    if (amount !== null && Number.isFinite(amount) && amount > 0 && !Number.isInteger(amount)) add(path, `Enter the ${what} in whole units, without cents.`)
  }
  return {
    salEnabled,
    target: { revenueTarget: revenueTarget ?? Number.NaN, periodMonths: periodMonths ?? Number.NaN, averageDealSize: averageDealSize ?? Number.NaN, currency: currency as Currency },
    rates: rates as unknown as FunnelRates,
    issues,
  }
}

export type FunnelSave = {
  revision: number
  target: FunnelTargetValues
  rates: { stage: LifecycleStageKey; rate: number; revision: number }[]
  /** What the form was opened on; null when it did not say. */
  base: FunnelSide | null
  /** The rate fields the form showed. */
  rateFields: typeof RATE_FIELDS
}

/** The calculator's schema: the same checks on the client and in the action; its output is what "Save" stores. */
export const FunnelFormSchema = FunnelFieldsSchema.superRefine((values, ctx) => {
  for (const issue of readFunnelForm(values).issues) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message })
}).transform((values): FunnelSave => {
  const read = readFunnelForm(values)
  const rateFields = rateFieldsFor(read.salEnabled)
  return {
    revision: Number(values.revision),
    target: read.target,
    rates: rateFields.map((field) => ({
      stage: field.stage,
      rate: read.rates[field.key]!,
      revision: Number(values.stageRevisions?.[field.stage]),
    })),
    base: readBase(values.base, FunnelSideSchema),
    rateFields,
  }
})

/** The calculator's side of a save, for the conflict explanation: the target and each stage's rate. */
export function funnelSide(target: FunnelSide['target'], stages: readonly { key: LifecycleStageKey; conversionRateToNext: number | null }[]): FunnelSide {
  const { revenueTarget, periodMonths, averageDealSize, currency } = target
  return { target: { revenueTarget, periodMonths, averageDealSize, currency }, rates: Object.fromEntries(stages.map((stage) => [stage.key, stage.conversionRateToNext])) }
}

export function funnelToForm(input: {
  revision: number
  target: { revenueTarget: number; periodMonths: number; averageDealSize: number; currency: string }
  salEnabled: boolean
  stages: readonly { key: LifecycleStageKey; conversionRateToNext: number | null; revision: number }[]
  mqlsThisMonth: number | null
}): FunnelFormValues {
  const byStage = new Map(input.stages.map((stage) => [stage.key, stage]))
  const rates: Record<string, string> = {}
  for (const field of rateFieldsFor(input.salEnabled)) rates[field.key] = percentText(byStage.get(field.stage)?.conversionRateToNext)
  return {
    revision: String(input.revision),
    base: JSON.stringify(funnelSide(input.target, input.stages)),
    revenueTarget: String(input.target.revenueTarget),
    periodMonths: String(input.target.periodMonths),
    averageDealSize: String(input.target.averageDealSize),
    currency: input.target.currency,
    salEnabled: String(input.salEnabled),
    rates,
    stageRevisions: Object.fromEntries(
      LIFECYCLE_STAGE_KEYS.filter((key) => byStage.has(key)).map((key) => [key, String(byStage.get(key)!.revision)]),
    ),
    mqlsThisMonth: input.mqlsThisMonth === null ? '' : String(input.mqlsThisMonth),
  }
}
