import type { RuleDraft } from '~/domain/scoring-model/model'
import type { SimulatedLead } from '~/domain/scoring-model/simulator-form'

/*
 * Demo content for steps 5 and 8: the simulator's saved example leads, and the review between
 * the two published versions. The scoring model itself is `acmeScoringConfig` in the scoring
 * domain, which the API reference, the bench and the tests use as their worked example too.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** The day the example leads were scored: their activities are dated back from it. */
export const EXAMPLES_AS_OF = new Date('2026-11-20T12:00:00Z')
const daysAgo = (days: number) => new Date(EXAMPLES_AS_OF.getTime() - days * DAY_MS).toISOString()

export const EXAMPLE_LEADS: { name: string; lead: SimulatedLead }[] = [
  {
    name: 'CFO at a 400-person SaaS, asked for a demo',
    lead: {
      attributes: { jobTitle: 'Chief Financial Officer', seniority: 'c_level', industry: 'Software', employees: 400, country: 'DE', email: 'c.weber@nordwind-saas.de', company: 'Nordwind SaaS', budget: 60000, authority: true, need: 'high', timeline: 'this_quarter' },
      activities: [
        { type: 'pricing_view', at: daysAgo(3) },
        { type: 'demo_request', at: daysAgo(1) },
      ],
    },
  },
  {
    name: 'Marketing manager, reads the blog',
    lead: {
      attributes: { jobTitle: 'Marketing Manager', seniority: 'manager', industry: 'Retail', employees: 120, country: 'GB', email: 'sam@shopfront.co.uk', company: 'Shopfront' },
      activities: [
        { type: 'content_download', at: daysAgo(40) },
        { type: 'email_click', at: daysAgo(10) },
      ],
    },
  },
  {
    name: 'Student with a Gmail address',
    lead: {
      attributes: { jobTitle: 'Student', seniority: 'student', email: 'jo.student@gmail.com', company: 'University' },
      activities: [{ type: 'webinar', at: daysAgo(5) }],
    },
  },
]

/** v1 as first agreed; both teams sign every section an hour before each publish. */
export const V1_PUBLISHED_AT = new Date('2026-10-05T15:30:00Z')
/** What the facilitator wrote when publishing each version (stored in the version's immutable row). */
export const VERSION_NOTES = {
  v1: 'The first definition both teams signed after the September workshop: fit first (mid-market and enterprise data teams in our target industries), engagement second, and a demo request as the fast track. We review it after one month of real leads.',
  v2: 'After the October review of 212 handed-over leads: demo requests converted best, so they weigh 10 points more; existing customers went to sales as new leads, so they are now knocked out; and the engagement bar drops by 5 because good-fit leads were waiting too long for a call.',
} as const
/** v2 after a review: the demo request is worth 10 points more, existing customers are knocked out, the MQL engagement bar drops by 5. */
export const V2_PUBLISHED_AT = new Date('2026-11-09T10:00:00Z')
export const REVIEW: { demoRequestExtraPoints: number; mqlMinEngagementChange: number; disqualifier: RuleDraft } = {
  demoRequestExtraPoints: 10,
  mqlMinEngagementChange: -5,
  disqualifier: {
    section: 'disqualifier',
    label: 'Existing customer',
    points: null,
    condition: { field: 'company', op: 'in', value: ['Globex', 'Initech', 'Umbrella Analytics'] },
    activity: null,
    withinDays: null,
    maxPoints: null,
  },
}
