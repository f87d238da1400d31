import type { RuleDraft, StoredActivityProperty, StoredBand, StoredPriority } from '~/domain/scoring-model/model'

/*
 * What Acme prepares for its next version, after v2 (published 9 Nov 2026): the draft uses
 * scoring format 2 (issue #19). The CRM now records whether a demo was held ("Completed"), so a
 * held demo scores and fades slowly while a booked one counts ahead; unsubscribes knock a lead
 * out for 90 days; a demo request fast-tracks only while it is fresh; "a demo was held" becomes
 * the one SQL question that must hold; and the grade × engagement matrix the room drew becomes
 * priorities sales can route on. Published v1 and v2 stay as they were.
 */

export const DRAFT_FIELD = { key: 'lastDealLostOn', label: 'Last deal lost on', type: 'date' as const }
export const DRAFT_ACTIVITY = { key: 'unsubscribe', label: 'Unsubscribed from emails' }

export const DRAFT_PROPERTIES: { activityKey: string; property: StoredActivityProperty }[] = [
  { activityKey: 'demo_request', property: { key: 'completed', label: 'Completed', type: 'boolean' } },
  { activityKey: 'webinar', property: { key: 'minutesWatched', label: 'Minutes watched', type: 'number' } },
]

const base = { points: null, condition: null, activity: null, withinDays: null, maxPoints: null, options: null } satisfies Partial<RuleDraft>

export const DRAFT_RULES: RuleDraft[] = [
  {
    ...base,
    section: 'engagement',
    label: 'Held demo',
    points: 30,
    maxPoints: 30,
    activity: 'demo_request',
    withinDays: 180,
    // The CRM records "Completed" since 1 Jan 2026; a held demo fades slower than a click.
    options: { where: { field: 'completed', op: 'eq', value: true }, time: 'past', halfLifeDays: 60, since: '2026-01-01' },
  },
  {
    ...base,
    section: 'engagement',
    label: 'Demo booked for the next two weeks',
    points: 15,
    maxPoints: 15,
    activity: 'demo_request',
    withinDays: 14,
    options: { where: { field: 'completed', op: 'eq', value: false }, time: 'future', halfLifeDays: null },
  },
  {
    ...base,
    section: 'fit',
    label: 'Lost a deal more than 6 months ago: worth another try',
    points: 5,
    condition: { field: 'lastDealLostOn', op: 'olderThanDays', value: 180 },
  },
  {
    ...base,
    section: 'disqualifier',
    label: 'Unsubscribed in the last 90 days',
    condition: { activity: 'unsubscribe', time: 'past', withinDays: 90 },
  },
  {
    ...base,
    section: 'fastTrack',
    label: 'Webinar regular in a target role',
    condition: {
      all: [
        { field: 'seniority', op: 'in', value: ['c_level', 'vp', 'director', 'head'] },
        { activity: 'webinar', time: 'past', withinDays: 90, minCount: 2, where: { field: 'minutesWatched', op: 'gte', value: 30 } },
      ],
    },
  },
  {
    ...base,
    section: 'sql',
    label: 'A demo was held',
    condition: { activity: 'demo_request', time: 'past', withinDays: 90, where: { field: 'completed', op: 'eq', value: true } },
    options: { required: true },
  },
]

/** The existing demo-request fast track, in the draft: only a request from the last 30 days (or one booked ahead). */
export const DEMO_FAST_TRACK_DAYS = 30

export const DRAFT_BANDS: StoredBand[] = [
  { band: '1', minEngagement: 60 },
  { band: '2', minEngagement: 35 },
  { band: '3', minEngagement: 15 },
  { band: '4', minEngagement: 0 },
]

export const DRAFT_PRIORITIES: StoredPriority[] = [
  { grade: 'A', band: '1', priority: 'A1', label: 'Call within 5 minutes', slaPriority: 'hot' },
  { grade: 'A', band: '2', priority: 'A2', label: 'Call within the hour', slaPriority: 'hot' },
  { grade: 'A', band: '3', priority: 'A3', label: 'Personal email today, call tomorrow', slaPriority: 'warm' },
  { grade: 'A', band: '4', priority: 'A4', label: 'Account-based nurture', slaPriority: 'normal' },
  { grade: 'B', band: '1', priority: 'B1', label: 'Call within the hour', slaPriority: 'hot' },
  { grade: 'B', band: '2', priority: 'B2', label: 'Call within 4 business hours', slaPriority: 'warm' },
  { grade: 'B', band: '3', priority: 'B3', label: 'Nurture with case studies', slaPriority: 'normal' },
  { grade: 'C', band: '1', priority: 'C1', label: 'Qualify by email within 2 days', slaPriority: 'normal' },
  { grade: 'C', band: '2', priority: 'C2', label: 'Nurture', slaPriority: 'normal' },
]
