import { Document, Image, Link, Page, StyleSheet, Text, View } from '@react-pdf/renderer'
import type { ComponentProps, ReactNode } from 'react'
import type { Block, Card, DefinitionDocument, Fact, MatrixCell, Tone } from '~/domain/document/model'
import { changeText, type ChangeKind } from '~/domain/diff/diff'
import { fitLogo } from '~/domain/document/logo'

/*
 * The definition document as a PDF page tree (@react-pdf/renderer), from the same model as the
 * HTML page. Only the server renders it (app/document-pdf.server.tsx registers the fonts).
 * A4 portrait: the cover alone on page 1, contents with links on page 2, each section on a new
 * page, a running footer with page numbers on every page after the cover.
 */

export const PDF_FONT = 'DejaVu Sans'

const C = {
  ink: '#17202b',
  muted: '#505b69',
  line: '#d8dde4',
  soft: '#f4f6f8',
  brand: '#3b3fb6',
  brandSoft: '#eceefd',
  good: '#0f6b35',
  goodSoft: '#e3f3e8',
  bad: '#a4251b',
  badSoft: '#fcebe9',
  warn: '#7a4f00',
  warnSoft: '#fff3d1',
  marketing: '#0b6e4f',
  marketingSoft: '#e3f4ed',
  sales: '#a64208',
  salesSoft: '#fdeee3',
  mql: '#137333',
  mqlSome: '#c8e6d2',
}

const TONE_LINE: Record<Tone, string> = {
  brand: C.brand,
  marketing: C.marketing,
  sales: C.sales,
  shared: '#6b7280',
  good: C.good,
  bad: C.bad,
  neutral: C.muted,
}
const TONE_TAG: Record<Tone, [string, string]> = {
  brand: [C.brandSoft, '#2c2f8f'],
  marketing: [C.marketingSoft, C.marketing],
  sales: [C.salesSoft, C.sales],
  shared: [C.soft, '#374151'],
  good: [C.goodSoft, C.good],
  bad: [C.badSoft, C.bad],
  neutral: [C.soft, C.muted],
}
const CHANGE: Record<ChangeKind, { text: string; color: string; soft: string; line: string }> = {
  added: { text: 'ADDED', color: C.good, soft: C.goodSoft, line: C.good },
  removed: { text: 'REMOVED', color: C.bad, soft: C.badSoft, line: C.bad },
  changed: {
    text: 'CHANGED',
    color: C.warn,
    soft: C.warnSoft,
    line: '#b07800',
  },
}

const s = StyleSheet.create({
  // No lineHeight anywhere on the content pages: react-pdf 4.9 lays a page with dynamic content (the
  // page numbers) out again, resolving each already-resolved lineHeight once more (×fontSize per pass,
  // until the numbers overflow). The fonts' own line spacing (1.16 for DejaVu Sans) is used instead.
  page: {
    fontFamily: PDF_FONT,
    fontSize: 9.5,
    color: C.ink,
    paddingTop: 50,
    paddingBottom: 58,
    paddingHorizontal: 48,
  },
  cover: {
    fontFamily: PDF_FONT,
    fontSize: 10,
    lineHeight: 1.45,
    color: C.ink,
    padding: 56,
  },
  footer: {
    position: 'absolute',
    bottom: 26,
    left: 48,
    right: 48,
    flexDirection: 'row',
    justifyContent: 'space-between',
    fontSize: 7.5,
    color: C.muted,
    borderTopWidth: 0.5,
    borderTopColor: C.line,
    paddingTop: 6,
  },
  kicker: {
    fontSize: 8,
    fontWeight: 'bold',
    color: C.brand,
    letterSpacing: 1.2,
    textTransform: 'uppercase',
  },
  label: {
    fontSize: 7,
    fontWeight: 'bold',
    color: C.muted,
    letterSpacing: 0.6,
    textTransform: 'uppercase',
  },
  h1: { fontSize: 26, fontWeight: 'bold', lineHeight: 1.2, marginTop: 4 },
  h2: { fontSize: 17, fontWeight: 'bold', marginBottom: 12 },
  h3: { fontSize: 11, fontWeight: 'bold', marginTop: 12, marginBottom: 6 },
  p: { marginBottom: 8 },
  muted: { color: C.muted },
  empty: { color: C.muted, fontStyle: 'italic', marginBottom: 8 },
})

/** A Text's style as react-pdf types it for View and Text alike. */
type TextStyle = ComponentProps<typeof View>['style']

/**
 * Text people typed with line breaks, one Text per line: a line feed inside a Text makes
 * react-pdf reach for the PDF's standard Helvetica (not embedded) for the break.
 */
function Lines({ text, style }: { text: string; style?: TextStyle }) {
  const lines = text.split(/\r\n?|\n/)
  if (lines.length === 1) return <Text style={style}>{text}</Text>
  return (
    <View>
      {lines.map((line, index) =>
        line.trim() ? (
          <Text key={index} style={style}>
            {line}
          </Text>
        ) : (
          <View key={index} style={{ height: 4 }} />
        )
      )}
    </View>
  )
}

function Label({ children }: { children: ReactNode }) {
  return <Text style={s.label}>{children}</Text>
}

function Facts({ items }: { items: readonly Fact[] }) {
  return (
    <View style={{ marginBottom: 10 }}>
      {items.map((fact) => (
        <View key={fact.label} style={{ flexDirection: 'row', marginBottom: 4 }} wrap={false}>
          <View style={{ width: '27%', paddingRight: 10, paddingTop: 1.5 }}>
            <Label>{fact.label}</Label>
          </View>
          <View style={{ width: '73%' }}>
            <Lines text={fact.value} />
          </View>
        </View>
      ))}
    </View>
  )
}

function Table({ block }: { block: Extract<Block, { type: 'table' }> }) {
  const cell = (index: number) => ({
    width: `${block.widths[index]! * 100}%`,
    paddingVertical: 4,
    paddingHorizontal: 5,
    textAlign: block.numeric?.includes(index) ? ('right' as const) : ('left' as const),
  })
  return (
    <View style={{ marginBottom: 10 }}>
      <View
        style={{
          flexDirection: 'row',
          borderBottomWidth: 1.2,
          borderBottomColor: C.line,
        }}
        wrap={false}
      >
        {block.headers.map((header, index) => (
          <Text key={header} style={[cell(index), s.label]}>
            {header}
          </Text>
        ))}
      </View>
      {block.rows.map((row, rowIndex) => (
        <View
          key={rowIndex}
          style={{
            flexDirection: 'row',
            borderBottomWidth: 0.5,
            borderBottomColor: C.line,
          }}
          wrap={false}
        >
          {row.map((text, index) => (
            <Text key={index} style={[cell(index), block.numeric?.includes(index) ? { fontWeight: 'bold' } : {}]}>
              {/* An empty Text would fall back to the PDF's standard Helvetica, which is not embedded. */}
              {text || '—'}
            </Text>
          ))}
        </View>
      ))}
      {block.caption ? <Text style={[s.muted, { fontSize: 8, marginTop: 4 }]}>{block.caption}</Text> : null}
    </View>
  )
}

function CardView({ card }: { card: Card }) {
  const [tagBackground, tagColor] = TONE_TAG[card.tag?.tone ?? 'brand']
  return (
    <View
      style={{
        width: '48.5%',
        marginBottom: 10,
        borderWidth: 0.75,
        borderColor: C.line,
        borderTopWidth: 3,
        borderTopColor: TONE_LINE[card.tone ?? 'brand'],
        padding: 9,
      }}
      wrap={false}
    >
      <View
        style={{
          flexDirection: 'row',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          marginBottom: 3,
        }}
      >
        <Text
          style={{
            fontSize: 10.5,
            fontWeight: 'bold',
            maxWidth: card.tag ? '58%' : '100%',
          }}
        >
          {card.title}
        </Text>
        {card.tag ? (
          <Text
            style={{
              fontSize: 7,
              fontWeight: 'bold',
              backgroundColor: tagBackground,
              color: tagColor,
              paddingVertical: 1.5,
              paddingHorizontal: 5,
              borderRadius: 6,
            }}
          >
            {card.tag.text}
          </Text>
        ) : null}
      </View>
      {card.lead ? (
        <View style={{ marginBottom: 4 }}>
          <Lines text={card.lead} style={[s.muted, { fontSize: 8.5 }]} />
        </View>
      ) : null}
      {card.facts.map((fact) => (
        <View key={fact.label} style={{ marginTop: 3 }}>
          <Label>{fact.label}</Label>
          <Lines text={fact.value} style={{ fontSize: 8.5 }} />
        </View>
      ))}
    </View>
  )
}

const MATRIX: Record<MatrixCell, { text: string; background: string; color: string }> = {
  mql: { text: 'MQL', background: C.mql, color: '#ffffff' },
  some: { text: 'some', background: C.mqlSome, color: '#0b4a22' },
  none: { text: '—', background: C.soft, color: C.muted },
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <View style={s.p}>
          <Lines text={block.text} />
        </View>
      )
    case 'subheading':
      return (
        <Text style={s.h3} minPresenceAhead={40}>
          {block.text}
        </Text>
      )
    case 'empty':
      return <Text style={s.empty}>{block.text}</Text>
    case 'list':
      return (
        <View style={{ marginBottom: 8 }}>
          {block.items.map((item, index) => (
            <View key={index} style={{ flexDirection: 'row', marginBottom: 2 }} wrap={false}>
              <Text style={{ width: 10 }}>•</Text>
              <Text style={{ flex: 1 }}>{item}</Text>
            </View>
          ))}
        </View>
      )
    case 'table':
      return <Table block={block} />
    case 'definitions':
      return (
        <View style={{ marginBottom: 12 }}>
          {block.items.map((item) => {
            const sql = item.term === 'SQL'
            return (
              <View
                key={item.term}
                style={{
                  flexDirection: 'row',
                  backgroundColor: sql ? C.goodSoft : C.brandSoft,
                  borderRadius: 6,
                  padding: 12,
                  marginBottom: 8,
                }}
                wrap={false}
              >
                <Text
                  style={{
                    fontSize: 15,
                    fontWeight: 'bold',
                    color: '#ffffff',
                    backgroundColor: sql ? C.good : C.brand,
                    borderRadius: 5,
                    paddingVertical: 3,
                    paddingHorizontal: 7,
                    marginRight: 12,
                    alignSelf: 'flex-start',
                  }}
                >
                  {item.term}
                </Text>
                <View style={{ flex: 1 }}>
                  <Label>{item.name}</Label>
                  <Text style={{ fontSize: 11, marginTop: 2 }}>{item.text}</Text>
                </View>
              </View>
            )
          })}
        </View>
      )
    case 'stats':
      return (
        <View
          style={{
            flexDirection: 'row',
            justifyContent: 'space-between',
            marginBottom: 10,
          }}
          wrap={false}
        >
          {block.items.map((item) => (
            <View
              key={item.label}
              style={{
                width: '23.5%',
                borderWidth: 0.75,
                borderColor: C.line,
                borderRadius: 5,
                padding: 8,
                alignItems: 'center',
              }}
            >
              <Text style={{ fontSize: 16, fontWeight: 'bold' }}>{item.value}</Text>
              <Text style={[s.muted, { fontSize: 7.5, textAlign: 'center' }]}>{item.label}</Text>
            </View>
          ))}
        </View>
      )
    case 'facts':
      return <Facts items={block.items} />
    case 'columns':
      return (
        <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginBottom: 10 }} wrap={false}>
          {block.columns.map((column) => {
            const bad = column.tone === 'bad'
            return (
              <View
                key={column.title}
                style={{
                  width: '48.5%',
                  backgroundColor: bad ? C.badSoft : C.goodSoft,
                  borderTopWidth: 3,
                  borderTopColor: bad ? C.bad : C.good,
                  padding: 10,
                }}
              >
                <Text
                  style={{
                    fontSize: 10.5,
                    fontWeight: 'bold',
                    marginBottom: 5,
                  }}
                >
                  {column.title}
                </Text>
                {column.items.length ? (
                  column.items.map((item, index) => (
                    <View key={index} style={{ flexDirection: 'row', marginBottom: 3 }} wrap={false}>
                      <Text style={{ width: 9 }}>•</Text>
                      <Text style={{ flex: 1 }}>{item}</Text>
                    </View>
                  ))
                ) : (
                  <Text style={s.empty}>{column.empty}</Text>
                )}
              </View>
            )
          })}
        </View>
      )
    case 'cards':
      return (
        <View
          style={{
            flexDirection: 'row',
            flexWrap: 'wrap',
            justifyContent: 'space-between',
          }}
        >
          {block.cards.map((card, index) => (
            <CardView key={index} card={card} />
          ))}
        </View>
      )
    case 'matrix': {
      const width = `${100 / (block.bands.length + 1)}%`
      return (
        <View style={{ marginBottom: 12 }} wrap={false}>
          <View style={{ flexDirection: 'row' }}>
            <Text style={[s.label, { width, padding: 3 }]}>Fit grade</Text>
            {block.bands.map((band) => (
              <Text key={band} style={[s.label, { width, padding: 3, textAlign: 'center' }]}>
                Engagement {band}
              </Text>
            ))}
          </View>
          {block.rows.map((row) => (
            <View key={row.grade} style={{ flexDirection: 'row' }}>
              <Text style={{ width, padding: 3, paddingTop: 7, fontWeight: 'bold' }}>
                {row.grade} <Text style={[s.muted, { fontWeight: 'normal' }]}>({row.range})</Text>
              </Text>
              {row.cells.map((cell, index) => (
                <View key={index} style={{ width, padding: 2 }}>
                  <Text
                    style={{
                      backgroundColor: MATRIX[cell].background,
                      color: MATRIX[cell].color,
                      textAlign: 'center',
                      paddingVertical: 6,
                      borderRadius: 3,
                      fontWeight: cell === 'none' ? 'normal' : 'bold',
                    }}
                  >
                    {MATRIX[cell].text}
                  </Text>
                </View>
              ))}
            </View>
          ))}
          <Text style={[s.muted, { fontSize: 8, marginTop: 4 }]}>{block.caption}</Text>
        </View>
      )
    }
    case 'funnel': {
      const max = Math.max(1, ...block.steps.map((step) => step.value))
      return (
        <View style={{ marginBottom: 12 }} wrap={false}>
          {block.steps.map((step) => (
            <View key={step.label} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 3 }}>
              <Text style={{ width: 90, textAlign: 'right', paddingRight: 8, fontWeight: 'bold' }}>{step.label}</Text>
              <View style={{ flex: 1, flexDirection: 'row', alignItems: 'center' }}>
                {/* Square-root widths: a funnel of 2,000 leads and 8 customers stays readable. */}
                <View
                  style={{
                    width: `${Math.max(12, Math.round(Math.sqrt(step.value / max) * 78))}%`,
                    backgroundColor: C.brand,
                    borderRadius: 3,
                    paddingVertical: 4,
                    paddingHorizontal: 6,
                  }}
                >
                  <Text style={{ color: '#ffffff', fontWeight: 'bold' }}>{step.value.toLocaleString('en-US')}</Text>
                </View>
                {step.rateToNext ? <Text style={[s.muted, { fontSize: 8, marginLeft: 6 }]}>{step.rateToNext} move on</Text> : null}
              </View>
            </View>
          ))}
          <Text style={[s.muted, { fontSize: 8, marginTop: 4 }]}>{block.caption}</Text>
        </View>
      )
    }
    case 'note':
      return (
        <View
          style={{
            borderLeftWidth: 3,
            borderLeftColor: C.brand,
            backgroundColor: C.brandSoft,
            padding: 10,
            marginBottom: 12,
          }}
          wrap={false}
        >
          <Text style={[s.label, { color: C.brand, marginBottom: 3 }]}>{block.label}</Text>
          <Lines text={block.text} />
        </View>
      )
    case 'changes':
      return (
        <View>
          <Text style={{ fontWeight: 'bold', fontSize: 10.5, marginBottom: 6 }}>{block.summary}</Text>
          {block.groups.map((group) => (
            <View key={group.section} style={{ marginBottom: 6 }}>
              <Text style={s.h3} minPresenceAhead={30}>
                {group.section}
              </Text>
              {group.changes.map((change, index) => (
                <View
                  key={index}
                  style={{
                    flexDirection: 'row',
                    backgroundColor: CHANGE[change.kind].soft,
                    borderLeftWidth: 3,
                    borderLeftColor: CHANGE[change.kind].line,
                    paddingVertical: 4,
                    paddingHorizontal: 7,
                    marginBottom: 3,
                  }}
                  wrap={false}
                >
                  <Text
                    style={{
                      width: 52,
                      fontSize: 6.5,
                      fontWeight: 'bold',
                      color: CHANGE[change.kind].color,
                      paddingTop: 1.5,
                    }}
                  >
                    {CHANGE[change.kind].text}
                  </Text>
                  <Text style={{ flex: 1 }}>{changeText(change.kind, change.text)}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      )
  }
}

function Cover({ document, onlineUrl }: { document: DefinitionDocument; onlineUrl?: string }) {
  const cover = document.cover
  const logo = cover.logo ? fitLogo(cover.logo, { width: 200, height: 64 }) : null
  return (
    <Page size="A4" style={s.cover}>
      <View
        style={{
          flexDirection: 'row',
          justifyContent: 'space-between',
          alignItems: 'center',
          minHeight: 64,
        }}
      >
        {/* react-pdf's Image is decorative in the text layer: the company name follows in words. */}
        {cover.logo && logo ? <Image src={cover.logo.src} style={{ width: logo.width, height: logo.height }} /> : <View />}
        <Text style={s.kicker}>MQL/SQL definition · {cover.version}</Text>
      </View>
      <View style={{ flex: 1, justifyContent: 'center' }}>
        {document.status.kind === 'draft' ? (
          <Text
            style={{
              alignSelf: 'flex-start',
              borderWidth: 1.5,
              borderColor: C.bad,
              color: C.bad,
              fontWeight: 'bold',
              padding: 5,
              marginBottom: 16,
              letterSpacing: 1,
            }}
          >
            DRAFT — NOT PUBLISHED
          </Text>
        ) : null}
        <Text style={{ fontSize: 12, fontWeight: 'bold', color: C.muted }}>{cover.company}</Text>
        <Text style={s.h1}>{document.title}</Text>
        <Text style={{ fontSize: 12, color: C.muted, marginTop: 8 }}>{cover.workshop}</Text>
        <View
          style={{
            height: 4,
            width: 80,
            backgroundColor: C.brand,
            marginVertical: 22,
          }}
        />
        <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>
          {cover.facts.map((fact) => (
            <View key={fact.label} style={{ width: '33%', marginBottom: 10, paddingRight: 8 }}>
              <Label>{fact.label}</Label>
              <Text style={{ fontWeight: 'bold' }}>{fact.value}</Text>
            </View>
          ))}
        </View>
        {cover.signers.length ? (
          <View
            style={{
              flexDirection: 'row',
              backgroundColor: C.soft,
              borderRadius: 6,
              padding: 12,
              marginTop: 6,
            }}
          >
            {cover.signers.map((team) => (
              <View key={team.team} style={{ width: '50%', paddingRight: 8 }}>
                <Label>Signed for {team.team.toLowerCase()}</Label>
                <Text style={{ fontWeight: 'bold' }}>{team.names.length ? team.names.join(', ') : '—'}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {cover.note ? (
          <View
            style={{
              borderLeftWidth: 3,
              borderLeftColor: C.brand,
              backgroundColor: C.brandSoft,
              padding: 12,
              marginTop: 16,
            }}
          >
            <Text style={[s.label, { color: C.brand, marginBottom: 4 }]}>What changed and why</Text>
            <Lines text={cover.note} />
          </View>
        ) : null}
      </View>
      {onlineUrl ? (
        <Text style={[s.muted, { fontSize: 8 }]}>
          Online: <Link src={onlineUrl}>{onlineUrl}</Link>
        </Text>
      ) : null}
      <Text style={[s.muted, { fontSize: 8, marginTop: 2 }]}>Times in {document.timeZone}. Made with Leadpact.</Text>
    </Page>
  )
}

/**
 * `sectionPages`: where each section starts, from a first rendering (the contents page lists
 * them); without it the contents page lists the sections without numbers.
 */
export function DefinitionPdf({
  document,
  onlineUrl,
  sectionPages,
  onSectionPage,
}: {
  document: DefinitionDocument
  onlineUrl?: string
  sectionPages?: Record<string, number>
  onSectionPage?: (id: string, page: number) => void
}) {
  const version = document.status.kind === 'published' ? `v${document.status.version}` : 'draft'
  return (
    <Document title={`${document.title} (${version})`} author={document.cover.company} subject={document.subtitle} creator="Leadpact" producer="Leadpact" language="en">
      <Cover document={document} onlineUrl={onlineUrl} />
      <Page size="A4" style={s.page}>
        <Text style={s.h2}>Contents</Text>
        {document.sections.map((section, index) => (
          <Link key={section.id} src={`#${section.id}`} style={{ color: C.ink, textDecoration: 'none' }}>
            <View
              style={{
                flexDirection: 'row',
                justifyContent: 'space-between',
                borderBottomWidth: 0.5,
                borderBottomColor: C.line,
                paddingVertical: 6,
              }}
            >
              <Text style={{ fontSize: 11 }}>
                {index + 1}. {section.title}
              </Text>
              <Text style={{ fontSize: 11, color: C.muted }}>{sectionPages?.[section.id] ?? ''}</Text>
            </View>
          </Link>
        ))}
        {document.sections.map((section) => (
          <View key={section.id} id={section.id} break={section.newPage} style={section.newPage ? {} : { marginTop: 22 }}>
            <Text style={s.h2} minPresenceAhead={120}>
              {section.title}
            </Text>
            {/* Records where the section landed, for the contents page of the second rendering. */}
            <Text
              style={{ fontSize: 1 }}
              render={({ pageNumber }) => {
                onSectionPage?.(section.id, pageNumber)
                return ' '
              }}
            />
            {section.blocks.map((block, index) => (
              <BlockView key={index} block={block} />
            ))}
          </View>
        ))}
        <View style={s.footer} fixed>
          <Text>{document.footer}</Text>
          <Text render={({ pageNumber, totalPages }) => `page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  )
}
