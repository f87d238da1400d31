import { describe, expect, it } from 'vitest'
import { diffSnapshots, groupChanges } from '~/domain/diff/diff'
import { renderMarkdown } from '~/domain/document/markdown'
import { buildDocument } from '~/domain/document/model'
import { canonicalJson, sectionContent, type Snapshot } from '~/domain/document/snapshot'
import { definitionSummary } from '~/domain/document/summary'
import { acmeScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { defaultHandoff } from '~/domain/sla/schema'
import { defaultStages } from '~/domain/stages'

const base: Snapshot = {
  formatVersion: 1,
  workshop: { id: 'w1', name: 'MQL 2027', company: 'Acme Analytics' },
  context: null,
  agreedTraits: [{ kind: 'good', text: 'Asked for a demo', sources: [{ team: 'sales', text: 'Requested a demo' }] }],
  personas: [],
  scoring: acmeScoringConfig as ScoringConfig,
  stages: defaultStages,
  funnel: null,
  handoff: defaultHandoff,
  signOffs: [],
}

function withScoring(change: (config: ScoringConfig) => void): Snapshot {
  const scoring = structuredClone(base.scoring)
  change(scoring)
  return { ...base, scoring }
}

describe('definitionSummary', () => {
  it('says what an MQL and an SQL are in plain words from the thresholds and rules', () => {
    const summary = definitionSummary(base.scoring)
    expect(summary.mql).toMatch(/^An MQL is a lead with fit ≥ \d+/)
    expect(summary.mql).toContain(`engaged ≥ ${base.scoring.mql.minEngagement} points`)
    expect(summary.mql).toContain('Never an MQL:')
    expect(summary.sql).toContain(`at least ${base.scoring.sql.minMet} of these ${base.scoring.sql.criteria.length}`)
  })
})

describe('diffSnapshots', () => {
  it('is empty for equal snapshots', () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual([])
  })

  it('names re-pointed, added and removed rules and threshold changes in a marketer’s words', () => {
    const demo = base.scoring.engagement.rules.find((rule) => 'activity' in rule && rule.activity === 'demo_request')!
    const after = withScoring((config) => {
      const rule = config.engagement.rules.find((r) => r.id === demo.id)!
      rule.points = demo.points + 10
      config.disqualifiers.push({ id: 'dq-agency', label: 'Agencies', when: { field: 'industry', op: 'eq', value: 'agency' } })
      config.fit.rules.shift()
      config.mql.minFit += 5
    })
    const texts = diffSnapshots(base, after).map((change) => `${change.section}: ${change.text}`)
    expect(texts).toContain(`Engagement rules: ${demo.label}: ${demo.points} → ${demo.points + 10} points`)
    expect(texts.some((text) => text.startsWith('Disqualifiers: added “Agencies”'))).toBe(true)
    expect(texts.some((text) => text.startsWith(`Fit rules: removed “${base.scoring.fit.rules[0]!.label}”`))).toBe(true)
    expect(texts).toContain(`Thresholds: MQL minimum fit: ${base.scoring.mql.minFit} → ${base.scoring.mql.minFit + 5}`)
    expect(groupChanges(diffSnapshots(base, after)).map((group) => group.section)).toEqual(['Fit rules', 'Engagement rules', 'Disqualifiers', 'Thresholds'])
  })

  it('reports stage rates and SLA targets', () => {
    const stages = base.stages.map((stage) => (stage.key === 'mql' ? { ...stage, conversionRateToNext: 0.5 } : stage))
    const handoff = structuredClone(defaultHandoff)
    handoff.responseTargets[1]!.within = { amount: 2, unit: 'business-hours' }
    const texts = diffSnapshots(base, { ...base, stages, handoff }).map((change) => change.text)
    expect(texts.some((text) => /MQL.*conversion to next .* → 50 %/.test(text))).toBe(true)
    expect(texts.some((text) => / → 2 business hours/.test(text))).toBe(true)
  })
})

describe('section fingerprints', () => {
  it('do not change with key order, and ignore the config source', () => {
    const reordered = { ...base, scoring: Object.fromEntries(Object.entries(base.scoring).reverse()) as ScoringConfig }
    expect(canonicalJson(sectionContent(reordered, 'criteria-scoring'))).toBe(canonicalJson(sectionContent(base, 'criteria-scoring')))
    const published = { ...base, scoring: { ...base.scoring, source: { workshopId: 'w1', workshopName: 'x', version: 3, publishedAt: '2026-01-01T00:00:00Z' } } }
    expect(canonicalJson(sectionContent(published, 'criteria-scoring'))).toBe(canonicalJson(sectionContent(base, 'criteria-scoring')))
  })
})

describe('the document', () => {
  it('renders every section to Markdown, marks drafts, and escapes table pipes', () => {
    const scoring = structuredClone(base.scoring)
    scoring.fit.rules[0]!.label = 'A | B'
    const document = buildDocument({ ...base, scoring }, { kind: 'draft' }, [])
    const markdown = renderMarkdown(document)
    expect(markdown).toContain('**DRAFT')
    for (const title of ['In one paragraph', 'Context', 'Good lead, bad lead', 'Personas', 'MQL criteria', 'SQL criteria', 'Lifecycle stages', 'Handoff SLA', 'Funnel targets', 'Sign-offs', 'Changelog'])
      expect(markdown).toContain(`## ${title}`)
    expect(markdown).toContain('A \\| B')
    expect(markdown).toContain('- Asked for a demo')
  })
})
