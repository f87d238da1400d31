import { z } from 'zod'
import { RULE_KINDS, type BacktestAggregate } from './aggregate'

/*
 * A stored back-test aggregate read from outside (a workshop backup): the shape of
 * BacktestAggregate, and the sums that hold for every aggregate a run counts, so the results
 * page shows from it exactly what it showed where it was counted, and cannot be made to claim
 * more converted leads than leads, or a lead outside the score range.
 */

/** The largest axis maximum accepted: far above any model (the settings form allows 10,000), small enough to draw. */
export const MAX_AXIS_MAX = 1_000_000

const count = z.number().int().nonnegative()
const wholeScore = z.number().int().nonnegative()

const CellSchema = z.tuple([wholeScore, wholeScore, z.number().int().min(-1), z.number().int().min(0).max(15), count, count])
const MonthCellSchema = z.tuple([z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)'), wholeScore, wholeScore, z.number().int().min(0).max(7), count, count])

const RuleTallySchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  kind: z.enum(RULE_KINDS),
  points: z.number().nullable(),
  matched: count,
  converted: count,
})

export const BacktestAggregateSchema = z
  .object({
    format: z.literal(1),
    leads: count,
    converted: count,
    dated: count,
    fitMax: z.number().nonnegative().max(MAX_AXIS_MAX),
    engagementMax: z.number().nonnegative().max(MAX_AXIS_MAX),
    grades: z.array(z.object({ grade: z.string().min(1), minFit: z.number() })).max(100),
    thresholds: z.object({ minFit: z.number(), minEngagement: z.number() }),
    sqlMinMet: count,
    cells: z.array(CellSchema),
    months: z.array(MonthCellSchema),
    rules: z.array(RuleTallySchema),
  })
  .superRefine((aggregate, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message })
    const fitTop = Math.floor(aggregate.fitMax)
    const engagementTop = Math.floor(aggregate.engagementMax)
    let leads = 0
    let converted = 0
    for (const [index, [fit, engagement, grade, , cellLeads, cellConverted]] of aggregate.cells.entries()) {
      if (fit > fitTop) issue(['cells', index, 0], `fit ${fit} is above the aggregate's fitMax ${aggregate.fitMax}`)
      if (engagement > engagementTop) issue(['cells', index, 1], `engagement ${engagement} is above the aggregate's engagementMax ${aggregate.engagementMax}`)
      if (grade >= aggregate.grades.length) issue(['cells', index, 2], `grade ${grade} is not one of the ${aggregate.grades.length} grades`)
      if (cellConverted > cellLeads) issue(['cells', index, 5], 'more converted leads than leads')
      leads += cellLeads
      converted += cellConverted
    }
    if (leads !== aggregate.leads) issue(['leads'], `says ${aggregate.leads} leads, its cells hold ${leads}`)
    if (converted !== aggregate.converted) issue(['converted'], `says ${aggregate.converted} converted leads, its cells hold ${converted}`)
    let dated = 0
    for (const [index, [, fit, engagement, , monthLeads, monthConverted]] of aggregate.months.entries()) {
      if (fit > fitTop || engagement > engagementTop) issue(['months', index], 'a score is above the aggregate’s maximum')
      if (monthConverted > monthLeads) issue(['months', index, 5], 'more converted leads than leads')
      dated += monthLeads
    }
    if (dated !== aggregate.dated) issue(['dated'], `says ${aggregate.dated} dated leads, its months hold ${dated}`)
    if (aggregate.dated > aggregate.leads) issue(['dated'], 'more dated leads than leads')
    for (const [index, rule] of aggregate.rules.entries()) {
      if (rule.converted > rule.matched) issue(['rules', index, 'converted'], 'more converted leads than matched')
      if (rule.matched > aggregate.leads) issue(['rules', index, 'matched'], 'more matched leads than leads')
    }
  })

// The schema reads exactly what a run stores.
const _reads: z.ZodType<BacktestAggregate> = BacktestAggregateSchema
void _reads
