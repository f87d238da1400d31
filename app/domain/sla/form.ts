import { z } from 'zod'
import { readBase, savedDifferences, type Aspect, type SavedDifference } from '../lifecycle/conflicts'
import { readAmount } from '../lifecycle/numbers'
import {
  describeSlaDuration,
  FOLLOW_UP_CHANNELS,
  HandoffSchema,
  PRIORITIES,
  REVIEW_CADENCES,
  ROUTING_LABELS,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type FollowUpChannel,
  type Handoff,
  type OpeningHours,
  type RecycleRule,
  type ReviewCadence,
  type SlaDuration,
} from './schema'

/**
 * The handoff SLA as one HTML form. Posted names follow the handoff's own shape where they can
 * (`businessHours.mon.open`, `responseTargets.1.within.amount`), lists are textareas with one
 * item a line, and channels are checkboxes. `readHandoffForm` turns the form into a handoff,
 * validates it with HandoffSchema (the config's contract) and files every problem under the
 * posted field's name, with the line number for a textarea, so it appears next to that field.
 */

export const CHANNEL_LABELS: Record<FollowUpChannel, string> = { phone: 'Phone', email: 'Email', linkedin: 'LinkedIn', sms: 'SMS', video: 'Video call' }
export const REVIEW_CADENCE_LABELS: Record<ReviewCadence, string> = { weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly', quarterly: 'Quarterly' }
export const UNIT_LABELS: Record<SlaDuration['unit'], string> = {
  minutes: 'minutes (around the clock)',
  hours: 'hours (around the clock)',
  'business-minutes': 'business minutes',
  'business-hours': 'business hours',
  'business-days': 'business days',
}

const TEXT = z.string().optional()
const CHECKBOX = z.union([z.string(), z.boolean()]).optional()
const DurationFields = z.object({ amount: TEXT, unit: TEXT })
const OpeningFields = z.object({ open: TEXT, close: TEXT, closed: CHECKBOX })

export const HandoffFieldsSchema = z.object({
  revision: TEXT,
  /** The stored handoff the form was opened on (JSON), to explain a refused save (lifecycle/conflicts.ts). */
  base: TEXT,
  routing: TEXT,
  timeZone: TEXT,
  responseTargets: z.array(z.object({ priority: TEXT, label: TEXT, description: TEXT, within: DurationFields.optional() })).optional(),
  businessHours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, OpeningFields.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof OpeningFields>>).optional(),
  holidays: TEXT,
  acceptanceWindow: DurationFields.optional(),
  followUp: z
    .object({
      attempts: TEXT,
      overDays: TEXT,
      channels: z.object(Object.fromEntries(FOLLOW_UP_CHANNELS.map((channel) => [channel, CHECKBOX])) as Record<FollowUpChannel, typeof CHECKBOX>).optional(),
    })
    .optional(),
  rejectionReasons: TEXT,
  recycle: z.object({ afterAttempts: CHECKBOX, attempts: TEXT, reasons: TEXT }).optional(),
  commitments: z.object({ mqlsPerMonth: TEXT, followUpWithinSlaPercent: TEXT, salesFollowUp: TEXT }).optional(),
  reviewCadence: TEXT,
})
export type HandoffFormValues = z.input<typeof HandoffFieldsSchema>

export type FormIssue = { path: string; message: string }

function isChecked(value: unknown) {
  return value === true || value === 'on' || value === 'true'
}

/** Non-blank lines of a textarea, trimmed, with their line numbers (1-based). */
function lines(text: string | undefined): { line: number; text: string }[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter((line) => line.text !== '')
}

/** "9", "9:00", "0900" → "09:00"; anything else is left for the schema to refuse. */
function readTime(text: string | undefined): string {
  const trimmed = (text ?? '').trim()
  const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(trimmed)
  if (!match) return trimmed
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`
}

/** A number for the schema: blank and non-numbers become NaN, which it reports as "Enter a number." */
function readNumber(text: string | undefined): number {
  return readAmount(text) ?? Number.NaN
}

type Origin = { field: string; line?: number }

export function readHandoffForm(values: HandoffFormValues): { handoff: Handoff | null; revision: number; issues: FormIssue[] } {
  const holidayLines = lines(values.holidays)
  const reasonLines = lines(values.rejectionReasons)
  const recycleReasonLines = lines(values.recycle?.reasons)
  const recycleRules: RecycleRule[] = []
  const recycleOrigins: Origin[] = []
  if (isChecked(values.recycle?.afterAttempts)) {
    recycleRules.push({ after: 'failed-attempts', attempts: readNumber(values.recycle?.attempts) })
    recycleOrigins.push({ field: 'recycle.attempts' })
  }
  for (const reason of recycleReasonLines) {
    recycleRules.push({ after: 'rejection', reason: reason.text })
    recycleOrigins.push({ field: 'recycle.reasons', line: reason.line })
  }

  const candidate = {
    routing: values.routing ?? '',
    timeZone: (values.timeZone ?? '').trim(),
    businessHours: Object.fromEntries(
      WEEKDAYS.map((day) => {
        const opening = values.businessHours?.[day]
        return [day, !opening || isChecked(opening.closed) ? null : { open: readTime(opening.open), close: readTime(opening.close) }]
      }),
    ),
    holidays: holidayLines.map((line) => line.text),
    responseTargets: (values.responseTargets ?? []).map((target) => ({
      priority: target.priority ?? '',
      label: (target.label ?? '').trim(),
      description: (target.description ?? '').trim(),
      within: { amount: readNumber(target.within?.amount), unit: target.within?.unit ?? '' },
    })),
    acceptanceWindow: { amount: readNumber(values.acceptanceWindow?.amount), unit: values.acceptanceWindow?.unit ?? '' },
    followUp: {
      attempts: readNumber(values.followUp?.attempts),
      overDays: readNumber(values.followUp?.overDays),
      channels: FOLLOW_UP_CHANNELS.filter((channel) => isChecked(values.followUp?.channels?.[channel])),
    },
    rejectionReasons: reasonLines.map((line) => line.text),
    recycleRules,
    commitments: {
      mqlsPerMonth: readNumber(values.commitments?.mqlsPerMonth),
      followUpWithinSlaPercent: readNumber(values.commitments?.followUpWithinSlaPercent?.replace(/\s*%$/, '')),
      salesFollowUp: (values.commitments?.salesFollowUp ?? '').trim(),
    },
    reviewCadence: values.reviewCadence ?? '',
  }

  const issues: FormIssue[] = []
  const revision = Number(values.revision)
  if (!Number.isInteger(revision) || revision < 1) issues.push({ path: 'form', message: 'This form is out of date: reload the page.' })
  const parsed = HandoffSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { field, line } = fieldOf(issue.path, { holidayLines, reasonLines, recycleOrigins })
      if (issues.some((known) => known.path === field)) continue
      issues.push({ path: field, message: line ? `Line ${line}: ${issue.message}` : issue.message })
    }
  }
  return { handoff: parsed.success && issues.length === 0 ? parsed.data : null, revision, issues }
}

/** The posted field a HandoffSchema issue belongs to. */
function fieldOf(
  path: readonly PropertyKey[],
  context: { holidayLines: { line: number }[]; reasonLines: { line: number }[]; recycleOrigins: Origin[] },
): Origin {
  const [head, index, ...rest] = path.map((part) => (typeof part === 'symbol' ? String(part) : part))
  const at = typeof index === 'number' ? index : undefined
  switch (head) {
    case 'holidays':
      return { field: 'holidays', line: at === undefined ? undefined : context.holidayLines[at]?.line }
    case 'rejectionReasons':
      return { field: 'rejectionReasons', line: at === undefined ? undefined : context.reasonLines[at]?.line }
    case 'recycleRules':
      return at === undefined ? { field: 'recycle.reasons' } : (context.recycleOrigins[at] ?? { field: 'recycle.reasons' })
    case 'followUp':
      return { field: index === 'channels' ? 'followUp.channels' : `followUp.${String(index ?? 'attempts')}` }
    case 'businessHours':
      // A day-level problem (not expected: the form always sends open/close) goes to the day's closing time.
      if (index === undefined) return { field: 'businessHours' }
      return { field: `businessHours.${String(index)}.${String(rest[0] ?? 'close')}` }
    case 'responseTargets':
      if (at === undefined) return { field: 'responseTargets' }
      return { field: ['responseTargets', at, ...(rest.length ? rest : ['within', 'amount'])].join('.') }
    case undefined:
      return { field: 'form' }
    default:
      return { field: [head, index, ...rest].filter((part) => part !== undefined).join('.') }
  }
}

/** The handoff SLA form's schema: the same checks on the client (zodResolver) and in the action. */
export const HandoffFormSchema = HandoffFieldsSchema.superRefine((values, ctx) => {
  for (const issue of readHandoffForm(values).issues) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message })
}).transform((values) => {
  const read = readHandoffForm(values)
  return { revision: read.revision, handoff: read.handoff!, base: readBase(values.base, HandoffSchema) }
})

export function handoffToForm(handoff: Handoff, revision: number): HandoffFormValues {
  const failed = handoff.recycleRules.find((rule) => rule.after === 'failed-attempts')
  return {
    revision: String(revision),
    base: JSON.stringify(handoff),
    routing: handoff.routing,
    timeZone: handoff.timeZone,
    responseTargets: PRIORITIES.map((priority) => {
      const target = handoff.responseTargets.find((candidate) => candidate.priority === priority)
      return {
        priority,
        label: target?.label ?? '',
        description: target?.description ?? '',
        within: { amount: target ? String(target.within.amount) : '', unit: target?.within.unit ?? 'business-hours' },
      }
    }),
    businessHours: Object.fromEntries(
      WEEKDAYS.map((day) => {
        const opening = handoff.businessHours[day]
        return [day, opening ? { open: opening.open, close: opening.close } : { open: '', close: '', closed: 'on' }]
      }),
    ) as HandoffFormValues['businessHours'],
    holidays: handoff.holidays.join('\n'),
    acceptanceWindow: { amount: String(handoff.acceptanceWindow.amount), unit: handoff.acceptanceWindow.unit },
    followUp: {
      attempts: String(handoff.followUp.attempts),
      overDays: String(handoff.followUp.overDays),
      channels: Object.fromEntries(handoff.followUp.channels.map((channel) => [channel, 'on'])),
    },
    rejectionReasons: handoff.rejectionReasons.join('\n'),
    recycle: {
      afterAttempts: failed ? 'on' : undefined,
      attempts: failed ? String(failed.attempts) : String(handoff.followUp.attempts),
      reasons: handoff.recycleRules.flatMap((rule) => (rule.after === 'rejection' ? [rule.reason] : [])).join('\n'),
    },
    commitments: {
      mqlsPerMonth: String(handoff.commitments.mqlsPerMonth),
      followUpWithinSlaPercent: String(handoff.commitments.followUpWithinSlaPercent),
      salesFollowUp: handoff.commitments.salesFollowUp,
    },
    reviewCadence: handoff.reviewCadence,
  }
}

// ── Reading a handoff back to people ─────────────────────────────────────────────────────

export function describeOpening(opening: OpeningHours | null): string {
  return opening ? `${opening.open}–${opening.close}` : 'closed'
}

function describeRecycleRule(rule: RecycleRule): string {
  return rule.after === 'failed-attempts' ? `after ${rule.attempts} failed attempts` : `after rejection: “${rule.reason}”`
}

const PRIORITY_ASPECTS = PRIORITIES.flatMap((priority): Aspect<Handoff>[] => {
  const targetOf = (handoff: Handoff) => handoff.responseTargets.find((target) => target.priority === priority)
  return [
    { label: `Response target (${priority})`, text: (handoff) => { const target = targetOf(handoff); return target ? `${target.label}: ${describeSlaDuration(target.within)}` : 'none' } },
    { label: `Who is ${priority}`, text: (handoff) => targetOf(handoff)?.description ?? '' },
  ]
})

const HANDOFF_ASPECTS: Aspect<Handoff>[] = [
  { label: 'Routing', text: (handoff) => ROUTING_LABELS[handoff.routing] },
  ...PRIORITY_ASPECTS,
  ...WEEKDAYS.map((day): Aspect<Handoff> => ({ label: `${WEEKDAY_LABELS[day]} hours`, text: (handoff) => describeOpening(handoff.businessHours[day]) })),
  { label: 'Time zone', text: (handoff) => handoff.timeZone },
  { label: 'Holidays', items: (handoff) => handoff.holidays },
  { label: 'Acceptance window', text: (handoff) => describeSlaDuration(handoff.acceptanceWindow) },
  {
    label: 'Follow-up',
    text: ({ followUp }) => `${followUp.attempts} attempts over ${followUp.overDays} days by ${followUp.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}`,
  },
  { label: 'Rejection reasons', items: (handoff) => handoff.rejectionReasons },
  { label: 'Recycle rules', text: (handoff) => handoff.recycleRules.map(describeRecycleRule).join('; ') },
  { label: 'Marketing’s MQLs per month', text: (handoff) => String(handoff.commitments.mqlsPerMonth) },
  { label: 'Contacted within the SLA', text: (handoff) => `${handoff.commitments.followUpWithinSlaPercent} %` },
  { label: 'Sales’ follow-up commitment', text: (handoff) => handoff.commitments.salesFollowUp },
  { label: 'Review', text: (handoff) => REVIEW_CADENCE_LABELS[handoff.reviewCadence] },
]

/**
 * What to tell a person whose save was refused because someone else saved first: what they
 * changed since `was` (the handoff the form was opened on), or, without it, what differs
 * between theirs and yours (lifecycle/conflicts.ts).
 */
export function handoffDifferences(theirs: Handoff, yours: Handoff, was: Handoff | null = null): SavedDifference[] {
  return savedDifferences(HANDOFF_ASPECTS, { theirs, yours, was })
}

/** Every IANA zone this runtime knows, plus the saved one should the list lack it (e.g. "UTC"). */
export function timeZoneOptions(current: string, zones: readonly string[] = Intl.supportedValuesOf('timeZone')): string[] {
  return zones.includes(current) ? [...zones] : [current, ...zones].sort()
}

export { REVIEW_CADENCES }
