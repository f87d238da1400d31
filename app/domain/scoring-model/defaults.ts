import type { Condition, FieldType } from '~/domain/scoring'

/** What every new workshop starts from: the fields and activities most B2B teams score on. */
export const DEFAULT_FIELDS: { key: string; label: string; type: FieldType }[] = [
  { key: 'jobTitle', label: 'Job title', type: 'string' },
  { key: 'seniority', label: 'Seniority', type: 'string' },
  { key: 'industry', label: 'Industry', type: 'string' },
  { key: 'employees', label: 'Employees', type: 'number' },
  { key: 'country', label: 'Country', type: 'string' },
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'phone', label: 'Phone', type: 'string' },
  { key: 'company', label: 'Company', type: 'string' },
  { key: 'budget', label: 'Budget confirmed', type: 'boolean' },
  { key: 'authority', label: 'Talking to the decision maker', type: 'boolean' },
  { key: 'need', label: 'Need confirmed', type: 'boolean' },
  { key: 'timelineMonths', label: 'Buying timeline (months)', type: 'number' },
  { key: 'currentSolution', label: 'Current solution', type: 'string' },
  { key: 'readyToMove', label: 'Ready to move', type: 'boolean' },
]

export const DEFAULT_ACTIVITIES: { key: string; label: string }[] = [
  { key: 'pricing_view', label: 'Pricing page view' },
  { key: 'demo_request', label: 'Demo request' },
  { key: 'trial_start', label: 'Trial start' },
  { key: 'content_download', label: 'Content download' },
  { key: 'webinar', label: 'Webinar attended' },
  { key: 'email_click', label: 'Email click' },
  { key: 'form_fill', label: 'Form fill' },
]

export const DEFAULT_SETTINGS = {
  fitMax: 100,
  engagementMax: 100,
  halfLifeDays: 30,
  mqlMinFit: 40,
  mqlMinEngagement: 30,
  sqlMinMet: 3,
  grades: [
    { grade: 'A', minFit: 75 },
    { grade: 'B', minFit: 50 },
    { grade: 'C', minFit: 25 },
    { grade: 'D', minFit: 0 },
  ],
  required: ['email', 'company'],
}

/** The field guides' SQL questions (BANT), "3 of 4 must hold". */
export const DEFAULT_SQL_RULES: readonly { ruleKey: string; label: string; condition: Condition }[] = [
  { ruleKey: 'sql-budget', label: 'Budget: money is set aside for this', condition: { field: 'budget', op: 'eq', value: true } },
  { ruleKey: 'sql-authority', label: 'Authority: we talk to the person who decides', condition: { field: 'authority', op: 'eq', value: true } },
  { ruleKey: 'sql-need', label: 'Need: the pain we solve is confirmed', condition: { field: 'need', op: 'eq', value: true } },
  { ruleKey: 'sql-timeline', label: 'Timeline: buying within 6 months', condition: { field: 'timelineMonths', op: 'lte', value: 6 } },
]
