import type { Block, DefinitionDocument } from './model'

/*
 * Every text of the document model is plain text typed by people (a trait, a persona's pains, a
 * rule label), so the Markdown export escapes all of it: rendered by any CommonMark (or GFM)
 * renderer, the .md shows the literal text — no HTML, no links, no headings, lists, code or
 * tables that nobody wrote on purpose. Only the structure below (headings, lists, tables, the
 * draft banner) is Markdown.
 */

/** Characters with an inline meaning anywhere in a line: emphasis, code, links, tables, strikethrough, headings, escapes. */
const INLINE_SPECIAL = /[\\`*_[\]|~#]/g
/** An ordered-list marker at the start of a line ("1." or "1)"). */
const ORDERED_MARKER = /^(\d+)([.)])/
/** Block markers that only count at the start of a line: quotes, bullets, setext underlines. */
const LINE_START_SPECIAL = /^[>+\-=]/

/** Escapes what means something inside a line (a table cell holds nothing else). */
function escapeInline(raw: string): string {
  // Leading whitespace would make an indented code block or change a list item's content.
  return (
    raw
      .trim()
      .replace(INLINE_SPECIAL, (character) => `\\${character}`)
      // Entities are decoded by renderers: "&lt;" typed by someone must stay "&lt;".
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, '&amp;')
      // No raw HTML at all, inline or as a block.
      .replace(/</g, '&lt;')
  )
}

/** …and what would start a block (a quote, a list, a heading underline) at the start of a line. */
function escapeLine(raw: string): string {
  return escapeInline(raw)
    .replace(ORDERED_MARKER, '$1\\$2')
    .replace(LINE_START_SPECIAL, (character) => `\\${character}`)
}

function lines(text: string): string[] {
  return text.split(/\r\n?|\n/)
}

/** One line of escaped text: line breaks become spaces (headings, list items, table cells). */
export function escapeMarkdownInline(text: string): string {
  return lines(text)
    .map(escapeLine)
    .filter((line) => line !== '')
    .join(' ')
}

/** Escaped text as paragraphs: a line break stays a line break, a blank line starts a new paragraph. */
export function escapeMarkdownText(text: string): string {
  const paragraphs: string[][] = [[]]
  for (const line of lines(text).map(escapeLine)) {
    if (line === '') {
      if (paragraphs.at(-1)!.length > 0) paragraphs.push([])
    } else paragraphs.at(-1)!.push(line)
  }
  // A backslash at the end of a line is CommonMark's hard line break.
  return paragraphs
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => paragraph.join('\\\n'))
    .join('\n\n')
}

/** A table cell: inline content only, so "+30" and "1." stay as they are. */
function escapeCell(text: string): string {
  return lines(text)
    .map(escapeInline)
    .filter((line) => line !== '')
    .join(' ')
}

const KIND_MARKS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const

function table(headers: string[], rows: string[][], numeric: readonly number[] = []): string {
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  const rule = `| ${headers.map((_, index) => (numeric.includes(index) ? '---:' : '---')).join(' | ')} |`
  return [row(headers), rule, ...rows.map(row)].join('\n')
}

const facts = (items: readonly { label: string; value: string }[]) =>
  items.map((fact) => `- **${escapeMarkdownInline(fact.label)}:** ${escapeMarkdownInline(fact.value)}`).join('\n')

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return escapeMarkdownText(item.text)
    case 'subheading':
      return `### ${escapeMarkdownInline(item.text)}`
    case 'empty':
      return `_${escapeMarkdownInline(item.text)}_`
    case 'list':
      return item.items.map((text) => `- ${escapeMarkdownInline(text)}`).join('\n')
    case 'table':
      return (item.caption ? `${escapeMarkdownText(item.caption)}\n\n` : '') + table(item.headers, item.rows, item.numeric)
    case 'definitions':
      return item.items
        .map((definition) => `**${escapeMarkdownInline(definition.term)}** (${escapeMarkdownInline(definition.name)}): ${escapeMarkdownInline(definition.text)}`)
        .join('\n\n')
    case 'stats':
      return item.items.map((stat) => `- **${escapeMarkdownInline(stat.value)}** ${escapeMarkdownInline(stat.label)}`).join('\n')
    case 'facts':
      return facts(item.items)
    case 'columns':
      return item.columns
        .map(
          (column) =>
            `**${escapeMarkdownInline(column.title)}**\n\n${
              column.items.length ? column.items.map((text) => `- ${escapeMarkdownInline(text)}`).join('\n') : `_${escapeMarkdownInline(column.empty)}_`
            }`
        )
        .join('\n\n')
    case 'cards':
      return item.cards
        .map((card) =>
          [
            `#### ${escapeMarkdownInline(card.title)}${card.tag ? ` (${escapeMarkdownInline(card.tag.text)})` : ''}`,
            ...(card.lead ? [escapeMarkdownText(card.lead)] : []),
            ...(card.facts.length ? [facts(card.facts)] : []),
          ].join('\n\n')
        )
        .join('\n\n')
    case 'matrix':
      return `${escapeMarkdownText(item.caption)}\n\n${table(
        ['Grade (fit)', ...item.bands.map((band) => `Engagement ${band}`)],
        item.rows.map((row) => [`${row.grade} (${row.range})`, ...row.cells.map((cell) => (cell === 'mql' ? 'MQL' : cell === 'some' ? 'partly' : '—'))])
      )}`
    case 'funnel':
      return `${escapeMarkdownText(item.caption)}\n\n${table(
        ['Per month', 'Needed', 'Moves on'],
        item.steps.map((step) => [step.label, step.value.toLocaleString('en-US'), step.rateToNext ?? '—']),
        [1, 2]
      )}`
    case 'note':
      return `> **${escapeMarkdownInline(item.label)}:** ${escapeMarkdownText(item.text).replace(/\n/g, '\n> ')}`
    case 'changes':
      return [
        `**${escapeMarkdownInline(item.summary)}**`,
        ...item.groups.map(
          (group) =>
            `#### ${escapeMarkdownInline(group.section)}\n\n${group.changes.map((change) => `- ${KIND_MARKS[change.kind]}: ${escapeMarkdownInline(change.text)}`).join('\n')}`
        ),
      ].join('\n\n')
  }
}

/** The definition document as Markdown, for wikis and pull requests. */
export function renderMarkdown(document: DefinitionDocument): string {
  const cover = document.cover
  const status =
    document.status.kind === 'draft'
      ? '**DRAFT — not published, may still change.**'
      : `${escapeMarkdownInline(cover.version)} · ${cover.facts
          .filter((fact) => fact.label !== 'Version')
          .map((fact) => `${escapeMarkdownInline(fact.label)} ${escapeMarkdownInline(fact.value)}`)
          .join(' · ')}`
  const signers = cover.signers
    .filter((team) => team.names.length)
    .map((team) => `Signed for ${escapeMarkdownInline(team.team.toLowerCase())} by ${escapeMarkdownInline(team.names.join(', '))}.`)
  const parts = [`# ${escapeMarkdownInline(document.title)}`, `${escapeMarkdownInline(document.subtitle)} · ${status}`, ...(signers.length ? [signers.join(' ')] : [])]
  if (cover.note) parts.push(`> **What changed and why:** ${escapeMarkdownText(cover.note).replace(/\n/g, '\n> ')}`)
  for (const section of document.sections) {
    parts.push(`## ${escapeMarkdownInline(section.title)}`)
    for (const item of section.blocks) parts.push(block(item))
  }
  return `${parts.join('\n\n')}\n`
}
