import type { ScoringConfig } from './config-schema'

/** Free-mail providers: a lead on one of these is a person, not a company we can sell to. */
const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'aol.com',
  'icloud.com',
  'gmx.de',
  'web.de',
  'proton.me',
  'protonmail.com',
]

/**
 * The scoring model the Acme Analytics demo workshop agreed on: a B2B analytics SaaS selling to
 * data teams in mid-market and enterprise software, fintech and e-commerce companies. Used by the
 * demo seed, the tests and the bench. 25 rules: 9 fit, 7 engagement (decaying, with a 30-day
 * half-life), 3 disqualifiers, 2 fast tracks, 4 SQL criteria (BANT, 3 of 4).
 */
export const acmeScoringConfig: ScoringConfig = {
  schemaVersion: 1,
  source: { workshopId: 'acme-analytics-demo', workshopName: 'Acme Analytics', version: 2, publishedAt: '2026-05-04T09:30:00.000Z' },
  fields: [
    { key: 'jobTitle', label: 'Job title', type: 'string' },
    {
      key: 'seniority',
      label: 'Seniority',
      type: 'string',
      values: [
        { value: 'c_level', label: 'C-level' },
        { value: 'vp', label: 'VP' },
        { value: 'director', label: 'Director' },
        { value: 'head', label: 'Head of' },
        { value: 'manager', label: 'Manager' },
        { value: 'individual', label: 'Individual contributor' },
        { value: 'student', label: 'Student' },
      ],
    },
    {
      key: 'industry',
      label: 'Industry',
      type: 'string',
      values: [
        { value: 'software', label: 'Software' },
        { value: 'saas', label: 'SaaS' },
        { value: 'fintech', label: 'Fintech' },
        { value: 'e-commerce', label: 'E-commerce' },
        { value: 'financial services', label: 'Financial services' },
      ],
    },
    { key: 'employees', label: 'Number of employees', type: 'number' },
    {
      key: 'country',
      label: 'Country',
      type: 'string',
      values: [
        { value: 'us', label: 'United States' },
        { value: 'ca', label: 'Canada' },
        { value: 'gb', label: 'United Kingdom' },
        { value: 'de', label: 'Germany' },
        { value: 'at', label: 'Austria' },
        { value: 'ch', label: 'Switzerland' },
        { value: 'nl', label: 'Netherlands' },
        { value: 'be', label: 'Belgium' },
        { value: 'fr', label: 'France' },
      ],
    },
    { key: 'email', label: 'Business email', type: 'email' },
    { key: 'phone', label: 'Phone', type: 'string' },
    { key: 'company', label: 'Company', type: 'string' },
    { key: 'budget', label: 'Annual budget for analytics (USD)', type: 'number' },
    { key: 'authority', label: 'Talking to the decision maker', type: 'boolean' },
    {
      key: 'need',
      label: 'Confirmed need',
      type: 'string',
      values: [
        { value: 'critical', label: 'Critical' },
        { value: 'high', label: 'High' },
        { value: 'medium', label: 'Medium' },
        { value: 'low', label: 'Low' },
      ],
    },
    {
      key: 'timeline',
      label: 'Purchase timeline',
      type: 'string',
      values: [
        { value: 'this_quarter', label: 'This quarter' },
        { value: 'next_quarter', label: 'Next quarter' },
        { value: 'this_year', label: 'This year' },
        { value: 'later', label: 'Later' },
      ],
    },
  ],
  activities: [
    { key: 'pricing_view', label: 'Viewed the pricing page' },
    { key: 'demo_request', label: 'Requested a demo' },
    { key: 'trial_start', label: 'Started a trial' },
    { key: 'content_download', label: 'Downloaded content' },
    { key: 'webinar', label: 'Attended a webinar' },
    { key: 'email_click', label: 'Clicked a marketing email' },
    { key: 'form_fill', label: 'Filled in a form' },
  ],
  fit: {
    max: 100,
    rules: [
      { id: 'fit-exec', label: 'C-level or VP', points: 25, when: { field: 'seniority', op: 'in', value: ['c_level', 'vp'] } },
      { id: 'fit-director', label: 'Director or head of', points: 15, when: { field: 'seniority', op: 'in', value: ['director', 'head'] } },
      {
        id: 'fit-data-role',
        label: 'Works in data or analytics',
        points: 10,
        when: {
          any: [
            { field: 'jobTitle', op: 'contains', value: 'data' },
            { field: 'jobTitle', op: 'contains', value: 'analytics' },
            { field: 'jobTitle', op: 'contains', value: 'business intelligence' },
          ],
        },
      },
      {
        id: 'fit-industry',
        label: 'Target industry',
        points: 20,
        when: { field: 'industry', op: 'in', value: ['software', 'saas', 'fintech', 'e-commerce', 'financial services'] },
      },
      { id: 'fit-midmarket', label: '200–5,000 employees', points: 25, when: { field: 'employees', op: 'between', value: [200, 5000] } },
      { id: 'fit-enterprise', label: 'More than 5,000 employees', points: 15, when: { field: 'employees', op: 'gt', value: 5000 } },
      { id: 'fit-small', label: '50–199 employees', points: 5, when: { field: 'employees', op: 'between', value: [50, 199] } },
      {
        id: 'fit-region',
        label: 'Served region (North America, UK, DACH, Benelux, France)',
        points: 10,
        when: { field: 'country', op: 'in', value: ['us', 'ca', 'gb', 'de', 'at', 'ch', 'nl', 'be', 'fr'] },
      },
      {
        id: 'fit-intern',
        label: 'Intern or assistant',
        points: -15,
        when: { any: [{ field: 'jobTitle', op: 'contains', value: 'intern' }, { field: 'jobTitle', op: 'contains', value: 'assistant' }] },
      },
    ],
  },
  engagement: {
    max: 100,
    halfLifeDays: 30,
    rules: [
      { id: 'eng-demo', label: 'Demo request', activity: 'demo_request', points: 40, withinDays: 90, maxPoints: 40 },
      { id: 'eng-trial', label: 'Trial start', activity: 'trial_start', points: 30, withinDays: 60, maxPoints: 30 },
      { id: 'eng-pricing', label: 'Pricing page view', activity: 'pricing_view', points: 10, withinDays: 30, maxPoints: 30 },
      { id: 'eng-webinar', label: 'Webinar attended', activity: 'webinar', points: 10, withinDays: 120, maxPoints: 20 },
      { id: 'eng-content', label: 'Content download', activity: 'content_download', points: 5, withinDays: 90, maxPoints: 15 },
      { id: 'eng-form', label: 'Form fill', activity: 'form_fill', points: 8, withinDays: 60, maxPoints: 16 },
      { id: 'eng-email', label: 'Email click', activity: 'email_click', points: 2, withinDays: 30, maxPoints: 10 },
    ],
  },
  disqualifiers: [
    {
      id: 'dq-student',
      label: 'Student',
      when: {
        any: [
          { field: 'seniority', op: 'eq', value: 'student' },
          { field: 'jobTitle', op: 'contains', value: 'student' },
        ],
      },
    },
    { id: 'dq-free-mail', label: 'Free-mail address', when: { field: 'email', op: 'emailDomainIn', value: FREE_MAIL_DOMAINS } },
    {
      id: 'dq-competitor',
      label: 'Competitor',
      when: {
        any: [
          { field: 'email', op: 'emailDomainIn', value: ['chartwise.io', 'datadash.com', 'insightloop.ai'] },
          { field: 'company', op: 'in', value: ['Chartwise', 'DataDash', 'InsightLoop'] },
        ],
      },
    },
  ],
  required: ['email', 'company', 'country'],
  fastTrack: [
    { id: 'ft-demo', label: 'Asked for a demo', activity: 'demo_request' },
    {
      id: 'ft-enterprise-exec',
      label: 'Enterprise executive',
      when: {
        all: [
          { field: 'employees', op: 'gte', value: 1000 },
          { field: 'seniority', op: 'in', value: ['c_level', 'vp'] },
        ],
      },
    },
  ],
  mql: { minFit: 50, minEngagement: 40 },
  sql: {
    criteria: [
      { id: 'sql-budget', label: 'Budget of at least $20,000 a year', when: { field: 'budget', op: 'gte', value: 20000 } },
      { id: 'sql-authority', label: 'Decision maker involved', when: { field: 'authority', op: 'eq', value: true } },
      { id: 'sql-need', label: 'High or critical need', when: { field: 'need', op: 'in', value: ['critical', 'high'] } },
      {
        id: 'sql-timeline',
        label: 'Buying within two quarters',
        when: { field: 'timeline', op: 'in', value: ['this_quarter', 'next_quarter'] },
      },
    ],
    minMet: 3,
  },
  grades: [
    { grade: 'A', minFit: 75 },
    { grade: 'B', minFit: 50 },
    { grade: 'C', minFit: 25 },
    { grade: 'D', minFit: 0 },
  ],
  // The SLA schema is defined by the SLA domain; the demo seed fills this in.
  handoff: null,
}
