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
  return escapeInline(raw).replace(ORDERED_MARKER, '$1\\$2').replace(LINE_START_SPECIAL, (character) => `\\${character}`)
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
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
      const lines = [row(item.headers), `| ${item.headers.map(() => '---').join(' | ')} |`, ...item.rows.map(row)]
      return (item.caption ? `${escapeMarkdownText(item.caption)}\n\n` : '') + lines.join('\n')
    }
  }
}

/** The definition document as Markdown, for wikis and pull requests. */
export function renderMarkdown(document: DefinitionDocument): string {
  const status =
    document.status.kind === 'draft'
      ? '**DRAFT — not published, may still change.**'
      : `Version ${document.status.version}, published ${document.status.publishedAt.slice(0, 16).replace('T', ' ')} UTC by ${escapeMarkdownInline(document.status.publishedBy)}.`
  const parts = [`# ${escapeMarkdownInline(document.title)}`, `${escapeMarkdownInline(document.subtitle)} · ${status}`]
  for (const section of document.sections) {
    parts.push(`## ${escapeMarkdownInline(section.title)}`)
    for (const item of section.blocks) parts.push(block(item))
  }
  return `${parts.join('\n\n')}\n`
}
