import { describe, expect, it } from 'vitest'
import { acmeScoringConfig, compile, parseScoringConfig, type Lead } from '~/domain/scoring'
import { AS_OF, daysAgo } from './build-config'

const engine = compile(acmeScoringConfig)
const vpOfData = {
  jobTitle: 'VP Data & Analytics',
  seniority: 'vp',
  industry: 'SaaS',
  employees: 1200,
  country: 'DE',
  email: 'lena@northwind.example',
  company: 'Northwind',
  phone: '+49 30 1234567',
}

describe('acmeScoringConfig', () => {
  it('is valid as it stands: parsing neither refuses nor changes it', () => {
    expect(parseScoringConfig(acmeScoringConfig)).toEqual({ ok: true, config: acmeScoringConfig })
  })

  it.each<[string, Lead, { stage: string; grade: string | null; fit?: number }]>([
    [
      'an enterprise VP of data who asked for a demo and meets 3 of 4 BANT criteria is an SQL',
      {
        attributes: { ...vpOfData, budget: '50000', authority: 'true', need: 'High', timeline: 'later' },
        activities: [{ type: 'demo_request', at: daysAgo(2) }],
      },
      { stage: 'sql', grade: 'A', fit: 90 },
    ],
    [
      'the same lead meeting 2 of 4 is an MQL',
      { attributes: { ...vpOfData, budget: 5000, authority: true, need: 'high' }, activities: [{ type: 'demo_request', at: daysAgo(2) }] },
      { stage: 'mql', grade: 'A' },
    ],
    [
      'a free-mail address disqualifies',
      { attributes: { ...vpOfData, email: 'lena.k@GMAIL.com' }, activities: [{ type: 'demo_request', at: daysAgo(2) }] },
      { stage: 'disqualified', grade: 'A' },
    ],
    ['a student disqualifies', { attributes: { ...vpOfData, jobTitle: 'Student assistant', seniority: 'student' } }, { stage: 'disqualified', grade: 'C', fit: 40 }],
    ['a competitor disqualifies', { attributes: { ...vpOfData, company: ' datadash ' } }, { stage: 'disqualified', grade: 'A' }],
    [
      'a director at a mid-market fintech who started a trial and read up, without a demo',
      {
        attributes: { jobTitle: 'Director of Finance', seniority: 'Director', industry: 'fintech', employees: '350', country: 'us', email: 'sam@ledger.example', company: 'Ledger' },
        activities: [
          { type: 'pricing_view', at: daysAgo(1) },
          { type: 'pricing_view', at: daysAgo(3) },
          { type: 'webinar', at: daysAgo(10) },
          { type: 'content_download', at: daysAgo(20) },
          { type: 'trial_start', at: daysAgo(5) },
        ],
      },
      { stage: 'mql', grade: 'B', fit: 70 },
    ],
    [
      'a small retailer with plenty of activity does not fit',
      {
        attributes: { jobTitle: 'Store manager', seniority: 'manager', industry: 'retail', employees: 30, country: 'US', email: 'jo@shop.example', company: 'Shop' },
        activities: [{ type: 'demo_request', at: daysAgo(1) }, { type: 'trial_start', at: daysAgo(1) }],
      },
      { stage: 'lead', grade: 'D', fit: 10 },
    ],
    ['a missing country keeps a great lead a lead', { attributes: { ...vpOfData, country: ' ' }, activities: [{ type: 'demo_request', at: daysAgo(2) }] }, { stage: 'lead', grade: 'A' }],
  ])('%s', (_name, lead, expected) => {
    expect(engine.score(lead, AS_OF)).toMatchObject(expected)
  })
})
