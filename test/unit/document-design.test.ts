import { describe, expect, it } from 'vitest'
import { diffSnapshots, groupChanges, kindOf, summariseChanges } from '~/domain/diff/diff'
import { documentDate, documentDateTime, knownTimeZone } from '~/domain/document/dates'
import { exportFileName, slugify } from '~/domain/document/file-names'
import { cleanLogo, fitLogo, LOGO_MAX_BYTES } from '~/domain/document/logo'
import { buildDocument, type Block } from '~/domain/document/model'
import { conditionInWords, vocabularyOf } from '~/domain/document/plain-words'
import type { Snapshot } from '~/domain/document/snapshot'
import { acmeScoringConfig, type Condition, type ScoringConfig } from '~/domain/scoring'
import { defaultStages } from '~/domain/lifecycle/stages'
import { defaultHandoff } from '~/domain/sla/schema'

const base: Snapshot = {
  formatVersion: 1,
  workshop: { id: 'w1', name: 'Acme Analytics — MQL/SQL definition 2027', company: 'Acme Analytics' },
  context: null,
  agreedTraits: [],
  personas: [],
  scoring: structuredClone(acmeScoringConfig),
  stages: defaultStages,
  funnel: null,
  handoff: defaultHandoff,
  signOffs: [
    { section: 'personas', team: 'marketing', name: 'Mia Marketing', signedAt: '2026-10-05T13:30:00.000Z' },
    { section: 'personas', team: 'sales', name: 'Sam Sales', signedAt: '2026-10-05T13:31:00.000Z' },
    { section: 'handoff-sla', team: 'sales', name: 'Sam Sales', signedAt: '2026-11-09T09:00:00.000Z' },
  ],
}

describe('rules in plain words', () => {
  const words = vocabularyOf(acmeScoringConfig)
  it.each<[Condition, string]>([
    [{ field: 'seniority', op: 'in', value: ['c_level', 'vp'] }, 'Seniority is C-level or VP'],
    [{ field: 'seniority', op: 'eq', value: 'student' }, 'Seniority is Student'],
    [{ field: 'country', op: 'notIn', value: ['us', 'ca'] }, 'Country is neither United States nor Canada'],
    [{ field: 'employees', op: 'between', value: [200, 5000] }, 'Number of employees is between 200 and 5,000'],
    [{ field: 'employees', op: 'gte', value: 1000 }, 'Number of employees is at least 1,000'],
    [{ field: 'authority', op: 'eq', value: true }, 'Talking to the decision maker: yes'],
    [{ field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'gmx.de'] }, 'Business email is at gmail.com or gmx.de'],
    [{ field: 'phone', op: 'absent' }, 'Phone is missing'],
    [{ field: 'industry', op: 'eq', value: 'Retail' }, 'Industry is “Retail”'],
    [
      {
        any: [
          { field: 'jobTitle', op: 'contains', value: 'data' },
          { field: 'jobTitle', op: 'contains', value: 'analytics' },
        ],
      },
      'Job title contains “data” or “analytics”',
    ],
    [
      {
        all: [
          { field: 'employees', op: 'gte', value: 1000 },
          {
            any: [
              { field: 'seniority', op: 'eq', value: 'vp' },
              { field: 'need', op: 'eq', value: 'high' },
            ],
          },
        ],
      },
      'Number of employees is at least 1,000 and (Seniority is VP or Confirmed need is High)',
    ],
    [{ not: { field: 'timeline', op: 'in', value: ['this_quarter', 'later'] } }, 'not (Purchase timeline is This quarter or Later)'],
  ])('%j reads “%s”', (condition, text) => {
    expect(conditionInWords(condition, words)).toBe(text)
  })

  it('matches value labels the way scoring compares text (trimmed, any case)', () => {
    expect(conditionInWords({ field: 'seniority', op: 'eq', value: ' C_Level ' }, words)).toBe('Seniority is C-level')
  })

  it('never shows a slug or an enum list for the demo’s rules', () => {
    const document = buildDocument({ snapshot: base, status: { kind: 'draft' }, changelog: [] })
    const text = JSON.stringify(document.sections.flatMap((section) => section.blocks))
    for (const slug of ['c_level', 'this_quarter', 'next_quarter', '"vp"', 'demo_request', 'pricing_view']) expect(text).not.toContain(slug)
    expect(text).not.toMatch(/\(c_level|month\(s\)/)
  })
})

describe('the designed document', () => {
  const document = buildDocument({
    snapshot: base,
    status: { kind: 'published', version: 2, publishedAt: '2026-11-09T10:00:00.000Z', publishedBy: 'Fran Facilitator', note: '  Demo requests weigh more.  ' },
    changelog: [{ section: 'Thresholds', kind: 'changed', text: 'MQL engagement threshold 45 → 40' }],
    logo: { src: 'data:image/png;base64,AAAA', width: 418, height: 136 },
  })

  it('has a cover with the company, the version, a human date in the workshop’s zone, who signed for each team, the note and the logo', () => {
    expect(document.timeZone).toBe('Europe/Berlin')
    expect(document.cover).toMatchObject({
      company: 'Acme Analytics',
      workshop: 'Acme Analytics — MQL/SQL definition 2027',
      version: 'Version 2',
      date: '9 Nov 2026',
      note: 'Demo requests weigh more.',
      logo: { width: 418, height: 136 },
      signers: [
        { team: 'Marketing', names: ['Mia Marketing'] },
        { team: 'Sales', names: ['Sam Sales'] },
      ],
    })
    expect(document.cover.facts).toContainEqual({ label: 'Published', value: '9 Nov 2026, 11:00 CET' })
    expect(document.footer).toBe('Acme Analytics · MQL/SQL definition v2')
  })

  it('puts the definitions first and the sign-offs and changelog last', () => {
    const ids = document.sections.map((section) => section.id)
    expect(ids[0]).toBe('summary')
    expect(ids.slice(-2)).toEqual(['sign-offs', 'changelog'])
    expect(document.sections[0]!.blocks[0]).toMatchObject({ type: 'definitions', items: [{ term: 'MQL' }, { term: 'SQL' }] })
    const signOffs = document.sections.find((section) => section.id === 'sign-offs')!.blocks.find((block) => block.type === 'table') as Extract<Block, { type: 'table' }>
    expect(signOffs.headers).toEqual(['Section', 'Marketing', 'Sales'])
    expect(signOffs.rows).toContainEqual(['Personas', 'Mia Marketing, 5 Oct 2026, 15:30 CEST', 'Sam Sales, 5 Oct 2026, 15:31 CEST'])
    const changelog = document.sections.at(-1)!.blocks
    expect(changelog[0]).toEqual({ type: 'note', label: 'Note on version 2, by Fran Facilitator', text: 'Demo requests weigh more.' })
    expect(changelog[1]).toMatchObject({ type: 'changes', summary: 'MQL engagement threshold 45 → 40' })
  })

  it('shows the matrix and the funnel as visuals, personas and stages as cards, and tables that fit a portrait page', () => {
    const blocks = document.sections.flatMap((section) => section.blocks)
    expect(blocks.some((block) => block.type === 'matrix')).toBe(true)
    const stages = document.sections.find((section) => section.id === 'stages')!.blocks[0]!
    expect(stages.type).toBe('cards')
    for (const block of blocks.filter((candidate): candidate is Extract<Block, { type: 'table' }> => candidate.type === 'table')) {
      expect(block.headers.length, block.headers.join()).toBeLessThanOrEqual(3)
      expect(block.widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(1, 5)
      for (const row of block.rows) expect(row).toHaveLength(block.headers.length)
    }
    const withFunnel = buildDocument({
      snapshot: {
        ...base,
        funnel: {
          revenueTarget: 1_200_000,
          periodMonths: 12,
          averageDealSize: 30_000,
          currency: 'EUR',
          perMonth: { leads: 2000, mqls: 400, sals: 300, sqls: 120, opportunities: 40, customers: 4 },
        },
      },
      status: { kind: 'draft' },
      changelog: [],
    })
    const funnel = withFunnel.sections.find((section) => section.id === 'funnel')!.blocks
    expect(funnel[0]).toEqual({ type: 'paragraph', text: 'Revenue target 1,200,000 EUR per year, with an average deal of 30,000 EUR. What that takes each month:' })
    expect(funnel[1]).toMatchObject({
      type: 'funnel',
      steps: [
        { label: 'Leads', value: 2000 },
        { label: 'MQLs', value: 400 },
        { label: 'SALs' },
        { label: 'SQLs' },
        { label: 'Opportunities' },
        { label: 'Customers', value: 4, rateToNext: null },
      ],
    })
  })
})

describe('the diff, coloured and summed up', () => {
  it('gives every change a kind and sums it up in one line, counting a rule once', () => {
    const after = structuredClone(base)
    const demo = after.scoring.engagement.rules.find((rule) => rule.id === 'eng-demo')! as { points: number; maxPoints?: number }
    demo.points += 10
    demo.maxPoints = (demo.maxPoints ?? 0) + 10
    after.scoring.disqualifiers.push({ id: 'dq-customer', label: 'Existing customer', when: { field: 'company', op: 'in', value: ['Globex'] } })
    after.scoring.fit.rules = after.scoring.fit.rules.filter((rule) => rule.id !== 'fit-intern')
    after.scoring.mql.minEngagement -= 5
    const changes = diffSnapshots(base, after)
    expect(changes.every((change) => change.kind)).toBe(true)
    expect(summariseChanges(changes)).toBe('1 rule changed, 1 rule added, 1 rule removed, MQL engagement threshold 40 → 35')
    expect(groupChanges(changes).map((group) => [group.section, group.changes.map((change) => change.kind)])).toEqual([
      ['Fit rules', ['removed']],
      ['Engagement rules', ['changed', 'changed']],
      ['Disqualifiers', ['added']],
      ['Thresholds', ['changed']],
    ])
    expect(summariseChanges([])).toBe('No changes.')
  })

  it('reads the kind of changes stored before kinds were', () => {
    expect(kindOf({ section: 'Fit rules', text: 'added “X” (Seniority is VP, 5 points)' })).toBe('added')
    expect(kindOf({ section: 'Handoff SLA', text: 'rejection reason removed: “No budget”' })).toBe('removed')
    expect(kindOf({ section: 'Thresholds', text: 'MQL minimum fit: 50 → 55' })).toBe('changed')
  })
})

describe('dates and file names', () => {
  it('shows one human format in the workshop’s zone, and UTC for a zone the runtime does not know', () => {
    expect(documentDateTime('2026-10-05T13:30:00Z', 'Europe/Berlin')).toBe('5 Oct 2026, 15:30 CEST')
    expect(documentDateTime('2026-10-05T13:30:00Z', 'America/New_York')).toBe('5 Oct 2026, 09:30 GMT-4')
    expect(documentDate('2026-12-31T23:30:00Z', 'Europe/Berlin')).toBe('1 Jan 2027')
    expect(knownTimeZone('Mars/Olympus')).toBe('UTC')
  })

  it.each([
    ['Acme Analytics', 'acme-analytics'],
    ['Müller & Söhne GmbH', 'muller-sohne-gmbh'],
    ['  ***  ', 'workshop'],
    ['Straße 1', 'strasse-1'],
  ])('slugs %j as %j', (company, slug) => {
    expect(slugify(company)).toBe(slug)
  })

  it('names every export after the company and the version', () => {
    expect(exportFileName({ company: 'Acme Analytics', version: 2, kind: 'definition', extension: 'pdf' })).toBe('acme-analytics-mql-sql-definition-v2.pdf')
    expect(exportFileName({ company: 'Acme Analytics', version: 2, kind: 'sql', extension: 'duckdb.sql' })).toBe('acme-analytics-scoring-v2.duckdb.sql')
  })
})

/** A minimal PNG: signature, IHDR, the given extra chunks, one IDAT, IEND (CRCs computed). */
function png(width: number, height: number, extra: [string, Uint8Array][] = []): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length)
    const view = new DataView(out.buffer)
    view.setUint32(0, data.length)
    out.set(new TextEncoder().encode(type), 4)
    out.set(data, 8)
    view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)))
    return out
  }
  const ihdr = new Uint8Array(13)
  new DataView(ihdr.buffer).setUint32(0, width)
  new DataView(ihdr.buffer).setUint32(4, height)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map(([type, data]) => chunk(type, data)),
    chunk('IDAT', new Uint8Array([0x78, 0x9c, 0x03, 0x00])),
    chunk('IEND', new Uint8Array()),
  ]
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

describe('the cover logo', () => {
  it('keeps a PNG’s picture and drops its text and EXIF chunks', () => {
    const secret = new TextEncoder().encode('Author\u0000Jane Doe, GPS 52.52 13.40')
    const cleaned = cleanLogo(
      png(120, 40, [
        ['tEXt', secret],
        ['eXIf', secret],
      ])
    )
    expect(cleaned.ok).toBe(true)
    if (!cleaned.ok) return
    expect(cleaned.value).toMatchObject({ contentType: 'image/png', width: 120, height: 40 })
    const text = new TextDecoder('latin1').decode(cleaned.value.bytes)
    expect(text).not.toContain('Jane Doe')
    expect(text).toContain('IDAT')
  })

  it('keeps a JPEG’s picture and drops EXIF and comments', () => {
    const segment = (marker: number, payload: string) => {
      const body = new TextEncoder().encode(payload)
      return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]
    }
    const sof = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x40, 0x01, 0x01, 0x11, 0x00]
    const bytes = new Uint8Array([
      0xff,
      0xd8,
      ...segment(0xe0, 'JFIF\u0000\u0001\u0001'),
      ...segment(0xe1, 'Exif\u0000\u0000GPS home'),
      ...segment(0xfe, 'secret comment'),
      ...sof,
      0xff,
      0xda,
      0x00,
      0x08,
      1,
      1,
      0,
      0,
      0x3f,
      0,
      0x12,
      0x34,
      0xff,
      0x00,
      0x56,
      0xff,
      0xd9,
    ])
    const cleaned = cleanLogo(bytes)
    expect(cleaned).toMatchObject({ ok: true, value: { contentType: 'image/jpeg', width: 64, height: 32 } })
    const text = new TextDecoder('latin1').decode((cleaned as { value: { bytes: Uint8Array } }).value.bytes)
    expect(text).toContain('JFIF')
    expect(text).not.toContain('GPS home')
    expect(text).not.toContain('secret comment')
  })

  it.each<[string, Uint8Array, RegExp]>([
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG logos are not accepted/],
    ['a GIF', new TextEncoder().encode('GIF89a....'), /must be a PNG or a JPEG/],
    ['a truncated PNG', png(100, 100).subarray(0, 40), /damaged/],
    [
      'a PNG with a bad checksum',
      (() => {
        const bytes = png(100, 100)
        bytes[30] = bytes[30]! ^ 0xff
        return bytes
      })(),
      /damaged/,
    ],
    ['a 10-pixel PNG', png(10, 10), /at least 16 pixels/],
    ['a huge PNG', png(9000, 100), /at most 4000 pixels/],
    ['an empty file', new Uint8Array(), /Choose a logo file/],
    ['too many bytes', new Uint8Array(LOGO_MAX_BYTES + 1), /the most is 512 KB/],
  ])('refuses %s with a message', (_name, bytes, message) => {
    const result = cleanLogo(bytes)
    expect(result.ok).toBe(false)
    expect((result as { message: string }).message).toMatch(message)
  })

  it('fits the logo into the cover’s box without enlarging it', () => {
    expect(fitLogo({ width: 418, height: 136 }, { width: 220, height: 72 })).toEqual({ width: 220, height: 72 })
    expect(fitLogo({ width: 100, height: 20 }, { width: 220, height: 72 })).toEqual({ width: 100, height: 20 })
  })
})

describe('a config field’s value labels', () => {
  it('are optional and checked by the config schema', async () => {
    const { parseScoringConfig } = await import('~/domain/scoring')
    const config = structuredClone(acmeScoringConfig) as ScoringConfig
    expect(parseScoringConfig(config).ok).toBe(true)
    ;(config.fields[1] as { values?: unknown }).values = [{ value: '', label: 'Nothing' }]
    expect(parseScoringConfig(config).ok).toBe(false)
  })
})
