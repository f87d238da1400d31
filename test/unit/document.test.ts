import fc from 'fast-check'
import { micromark } from 'micromark'
import { describe, expect, it } from 'vitest'
import { diffSnapshots, groupChanges } from '~/domain/diff/diff'
import { escapeMarkdownInline, escapeMarkdownText, renderMarkdown } from '~/domain/document/markdown'
import { buildDocument } from '~/domain/document/model'
import { canonicalJson, sectionContent, type Snapshot } from '~/domain/document/snapshot'
import { definitionSummary } from '~/domain/document/summary'
import { acmeScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { defaultHandoff } from '~/domain/sla/schema'
import { defaultStages } from '~/domain/lifecycle/stages'

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
    expect(texts).toContain(`Thresholds: MQL fit threshold ${base.scoring.mql.minFit} → ${base.scoring.mql.minFit + 5}`)
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
    const document = buildDocument({ snapshot: { ...base, scoring }, status: { kind: 'draft' }, changelog: [] })
    const markdown = renderMarkdown(document)
    expect(markdown).toContain('**DRAFT')
    for (const title of ['The definition', 'About this workshop', 'Good lead, bad lead', 'Personas', 'MQL criteria', 'SQL criteria', 'Lifecycle stages', 'Handoff SLA', 'Funnel targets', 'Sign-offs', 'Changelog'])
      expect(markdown).toContain(`## ${title}`)
    expect(markdown).toContain('A \\| B')
    expect(markdown).toContain('- Asked for a demo')
  })
})

/*
 * Finding 8 of issue #12: the Markdown export passed HTML and Markdown through (48 alerts when
 * rendered). Rendered with micromark — a CommonMark renderer, installed with @remix-run/dev's MDX
 * toolchain — escaped text must come out as exactly the literal text.
 */
describe('Markdown export escapes user text (issue #12, finding 8)', () => {
  const HOSTILE = [
    '<b>x</b> <script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<!-- hidden --> text',
    '<https://evil.example>',
    '# Heading',
    '### not a heading ###',
    '* bullet',
    '- bullet',
    '+ bullet',
    '1. ordered',
    '12) ordered',
    '> quote',
    '*emphasis* and **strong** and _under_ and __strong__',
    '[x](javascript:alert(1))',
    '![img](https://evil.example/x.png)',
    '[ref]: https://evil.example',
    '[ref] and [x][ref]',
    'use `code` or ```fenced```',
    '~~~',
    '~~strike~~',
    'a | b | c',
    '---',
    '===',
    '***',
    'back\\slash \\* star',
    'R&D &amp; &lt;script&gt; &#60;b&#62; &copy;',
    'trailing backslash \\',
    '[^1] footnote',
    'x<y and y>z',
  ]
  const htmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

  it('renders each hostile string as its literal text, with no raw < and no link syntax', () => {
    for (const text of HOSTILE) {
      const escaped = escapeMarkdownInline(text)
      expect(escaped, text).not.toContain('<')
      expect(escaped, text).not.toMatch(/(^|[^\\])\]\(/)
      expect(micromark(escaped), text).toBe(`<p>${htmlText(text.trim())}</p>`)
    }
  })

  it('keeps any one line literal (property test over Markdown-heavy text)', () => {
    const alphabet = fc.constantFrom(...'<>&;#*_-+=`~|[]()!\\:/.1) aZ'.split(''))
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (text) => {
        const trimmed = text.trim()
        if (trimmed === '') return
        expect(micromark(escapeMarkdownInline(text))).toBe(`<p>${htmlText(trimmed)}</p>`)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps the line breaks of multi-line text and starts no block inside it', () => {
    const text = 'First line\n# not a heading\n---\n\n1. not a list\n    not code\n<div>no html</div>'
    const html = micromark(escapeMarkdownText(text))
    expect(html).toBe(
      '<p>First line<br />\n# not a heading<br />\n---</p>\n<p>1. not a list<br />\nnot code<br />\n&lt;div&gt;no html&lt;/div&gt;</p>',
    )
  })

  it('escapes every user text of the document: titles, traits, personas, rule labels, table cells, the publisher', () => {
    const hostile = HOSTILE.join(' ')
    const scoring = structuredClone(base.scoring)
    scoring.fit.rules[0]!.label = hostile
    const snapshot: Snapshot = {
      ...base,
      workshop: { id: 'w1', name: '<script>alert(1)</script>', company: '[Acme](javascript:alert(1))' },
      agreedTraits: HOSTILE.map((text) => ({ kind: 'good' as const, text, sources: [] })),
      personas: [
        {
          name: '# Olivia',
          negative: false,
          title: '<b>VP</b>',
          seniority: '',
          department: '',
          industry: '',
          companySize: '',
          region: '',
          pains: HOSTILE.join('\n'),
          goals: '1. grow\n2. win',
          buyingRole: null,
          closedWonMatch: null,
          closedWonNote: '',
        },
      ],
      scoring,
    }
    const markdown = renderMarkdown(
      buildDocument({
        snapshot,
        status: { kind: 'published', version: 2, publishedAt: '2026-05-01T10:00:00Z', publishedBy: '<i>Fran</i>', note: HOSTILE.join('\n') },
        changelog: [{ section: 'Fit rules', kind: 'changed', text: hostile }],
      }),
    )
    expect(markdown).not.toContain('<')
    expect(markdown).not.toMatch(/(^|[^\\])\]\(/m)
    const html = micromark(markdown)
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((match) => match[1]))
    // Only the export's own structure: headings, paragraphs, lists, quotes (the publisher's note), emphasis.
    for (const tag of tags) expect(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'li', 'em', 'strong', 'br', 'blockquote']).toContain(tag)
    expect(html).toContain('<h1>[Acme](javascript:alert(1)): what an MQL')
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; · Version 2')
    expect(html).toContain('<li>[x](javascript:alert(1))</li>')
    expect(html).toContain('<li># Heading</li>')
    expect(html).toContain('<li>1. ordered</li>')
    expect(html).toContain('&lt;i&gt;Fran&lt;/i&gt;')
    // GFM tables: every row of a table has as many cell separators as its header (a `|` in a cell is escaped).
    const separators = (line: string) => {
      let count = 0
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\') i++
        else if (line[i] === '|') count++
      }
      return count
    }
    for (const table of markdown.split('\n\n').filter((part) => part.startsWith('| '))) {
      const rows = table.split('\n')
      for (const row of rows) expect(separators(row), row).toBe(separators(rows[0]!))
    }
    expect(markdown).toContain(`| ${escapeMarkdownInline(hostile)} |`)
  })
})
