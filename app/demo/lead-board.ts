import type { CommentStep } from '~/domain/comments/schemas'
import type { ContextForm } from '~/domain/context/schemas'
import type { PersonaForm } from '~/domain/personas/schemas'
import type { DemoPeople } from './people'

/*
 * Demo content for steps 1–3 of the Acme Analytics workshop: the context, both teams' notes
 * (with groups the matcher finds and two contradictions), the reveal, the room settling both
 * contradictions before anyone signs (one is no contradiction, the other becomes an agreed
 * trait), five agreed traits with their provenance, three buyer personas checked by sales
 * against closed-won deals, a negative persona, and comments on each step.
 */

/** When the workshop's session on steps 1–3 began; notes and comments are timed from here. */
export const SESSION_START = new Date('2026-09-14T09:00:00Z')

export const CONTEXT: Omit<ContextForm, 'company' | 'workshopRevision' | 'revision'> = {
  product:
    'Self-service product analytics for B2B SaaS companies: dashboards, funnels and retention reports on top of the customer’s own data warehouse, sold as a yearly subscription.',
  dealSize: 24_000,
  currency: 'EUR',
  salesCycleDays: 75,
  inboundPercent: 65,
  goals:
    'Agree one MQL and SQL definition that both teams sign.\nCut the share of MQLs that sales rejects from 45 % to under 20 % by Q3.\nReach hot leads (demo requests) within 15 minutes during business hours.',
  participants: [
    { name: 'Fran Facilitator', team: 'facilitator', title: 'Revenue operations lead' },
    { name: 'Mia Marketing', team: 'marketing', title: 'Demand generation manager' },
    { name: 'Lena Vogt', team: 'marketing', title: 'Content lead' },
    { name: 'Sam Sales', team: 'sales', title: 'Head of Sales DACH' },
    { name: 'Tom Becker', team: 'sales', title: 'Account executive' },
    { name: 'Priya Nair', team: 'sales', title: 'SDR team lead' },
  ],
}

export type Note = { team: 'marketing' | 'sales'; kind: 'good' | 'bad'; text: string; why?: string }

// Written in this order, the notes are M1–M8 and S1–S9 on the board for good: comments below cite them by label.
export const NOTES: Note[] = [
  { team: 'marketing', kind: 'good', text: 'Companies with 200–2,000 employees', why: 'Big enough to have a data team, small enough to buy without procurement.' },
  { team: 'marketing', kind: 'good', text: 'Marketing managers who download our benchmark report', why: 'Our best-converting content offer.' },
  { team: 'marketing', kind: 'good', text: 'Based in DACH or the UK' },
  { team: 'marketing', kind: 'good', text: 'Requested a demo' },
  { team: 'marketing', kind: 'good', text: 'Agencies that build dashboards for their clients', why: 'One agency brings several end customers.' },
  { team: 'marketing', kind: 'bad', text: 'Students and researchers' },
  { team: 'marketing', kind: 'bad', text: 'Gmail or other free email addresses' },
  { team: 'marketing', kind: 'bad', text: 'Companies with fewer than 20 employees', why: 'They stay on the free plan.' },
  { team: 'sales', kind: 'good', text: 'Mid-market: 250–5,000 employees' },
  { team: 'sales', kind: 'good', text: 'A VP or C-level sponsor is involved', why: 'Without a sponsor, deals stall at the security review.' },
  { team: 'sales', kind: 'good', text: 'Budget approved for this year' },
  { team: 'sales', kind: 'good', text: 'Asked for a demo or started a trial' },
  { team: 'sales', kind: 'good', text: 'Head of Data at a SaaS company' },
  { team: 'sales', kind: 'bad', text: 'Marketing agencies reselling to their clients', why: 'We lost 8 of the last 10 agency deals on reseller terms.' },
  { team: 'sales', kind: 'bad', text: 'Students' },
  { team: 'sales', kind: 'bad', text: 'Free email address' },
  { team: 'sales', kind: 'bad', text: 'No budget before next year' },
]

export const AGREED: { kind: 'good' | 'bad'; text: string; sources: string[]; by: keyof DemoPeople }[] = [
  { kind: 'good', text: 'Companies with 200–5,000 employees', sources: ['Companies with 200–2,000 employees', 'Mid-market: 250–5,000 employees'], by: 'facilitatorId' },
  { kind: 'good', text: 'Requested a demo or started a trial', sources: ['Requested a demo', 'Asked for a demo or started a trial'], by: 'salesId' },
  { kind: 'bad', text: 'Students and researchers', sources: ['Students and researchers', 'Students'], by: 'marketingId' },
  { kind: 'bad', text: 'Free email address (Gmail, Hotmail …)', sources: ['Gmail or other free email addresses', 'Free email address'], by: 'marketingId' },
  // Settles the contradiction M5 vs S6 once sales had checked last year's agency deals (see the comments).
  { kind: 'bad', text: 'Agencies that resell our product to their clients', sources: ['Agencies that build dashboards for their clients', 'Marketing agencies reselling to their clients'], by: 'salesId' },
]

/**
 * Contradictions the facilitator marked as none: both notes stay, neither is wrong. M2 vs S2:
 * the manager who downloads the report finds us, the VP or C-level sponsor signs.
 */
export const NOT_CONTRADICTIONS: { a: string; b: string }[] = [{ a: 'Marketing managers who download our benchmark report', b: 'A VP or C-level sponsor is involved' }]

export const PERSONAS: { form: Omit<PersonaForm, 'revision'>; closedWon?: { match: 'yes' | 'partly' | 'no'; note: string } }[] = [
  {
    form: {
      negative: false,
      name: 'Data-driven Dana',
      title: 'Head of Data and Analytics',
      seniority: 'Head of',
      department: 'Data',
      industry: 'Software (SaaS)',
      companySize: '201–1,000',
      region: 'DACH and UK',
      pains: 'Product numbers live in five tools; every board meeting starts with an argument about whose dashboard is right.',
      goals: 'One trusted set of product metrics, without building and maintaining it in-house.',
      buyingRole: 'decision-maker',
    },
    closedWon: { match: 'yes', note: 'Signed 8 of our last 12 deals.' },
  },
  {
    form: {
      negative: false,
      name: 'Product Paul',
      title: 'Senior Product Manager',
      seniority: 'Manager',
      department: 'Product',
      industry: 'Software (SaaS)',
      companySize: '51–200',
      region: 'Europe',
      pains: 'Waits two weeks for every funnel question the data team has to answer.',
      goals: 'Answer his own questions about activation and retention the same day.',
      buyingRole: 'influencer',
    },
    closedWon: { match: 'partly', note: 'The champion in 5 of 12 deals, but never the one who signs.' },
  },
  {
    form: {
      negative: false,
      name: 'Finance Fiona',
      title: 'Chief Financial Officer',
      seniority: 'C-level',
      department: 'Finance',
      industry: 'Software',
      companySize: '1,001–5,000',
      region: 'Europe',
      pains: 'Tool sprawl: pays for three overlapping analytics licences.',
      goals: 'Fewer tools and a price that grows predictably.',
      buyingRole: 'blocker',
    },
    closedWon: { match: 'no', note: 'Appears in lost deals, not won ones: plan for her objections rather than target her.' },
  },
  {
    form: {
      negative: true,
      name: 'Students and researchers',
      title: 'Student',
      seniority: 'Student or intern',
      department: '',
      industry: 'Education',
      companySize: '',
      region: 'Anywhere',
      pains: 'Download every report and template for a thesis or a course; never have a budget and stay on the free tier.',
      goals: 'Free data and templates.',
      buyingRole: undefined,
    },
  },
]

/** One comment per step, `minutes` after the session started. */
export const COMMENTS: { step: CommentStep; by: keyof DemoPeople; body: string; minutes: number }[] = [
  { step: 'context', by: 'facilitatorId', body: 'Deal size and cycle are from the CRM (closed-won, last 12 months, median).', minutes: 5 },
  {
    step: 'leads',
    by: 'salesId',
    body: 'Agencies (M5 vs S6): we lose most agency deals on reseller terms. I will pull last year’s agency deals before we decide; until then they stay off the agreed list.',
    minutes: 55,
  },
  {
    step: 'leads',
    by: 'facilitatorId',
    body: 'M2 vs S2 is no contradiction: the manager who downloads the report finds us, the VP or C-level sponsor signs. Both notes stay; I unlinked them.',
    minutes: 58,
  },
  {
    step: 'leads',
    by: 'salesId',
    body: 'Agencies (M5 vs S6), as promised: 8 of last year’s 10 agency deals were lost on reseller terms. Agreed with marketing: agencies that resell to their clients are a bad lead; an agency using us for its own reporting is scored like any company.',
    // The Monday after the session, before anyone signed the section.
    minutes: 7 * 24 * 60,
  },
  { step: 'personas', by: 'marketingId', body: 'Fiona blocks rather than buys: should our pricing page answer her questions earlier?', minutes: 80 },
]
