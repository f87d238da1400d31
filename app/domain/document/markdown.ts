import type { Block, DefinitionDocument } from './model'

function escapeCell(text: string) {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return item.text
    case 'subheading':
      return `### ${item.text}`
    case 'empty':
      return `_${item.text}_`
    case 'list':
      return item.items.map((text) => `- ${text.replace(/\r?\n/g, ' ')}`).join('\n')
    case 'table': {
      const lines = [`| ${item.headers.map(escapeCell).join(' | ')} |`, `| ${item.headers.map(() => '---').join(' | ')} |`]
      for (const row of item.rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`)
      return (item.caption ? `${item.caption}\n\n` : '') + lines.join('\n')
    }
  }
}

/** The definition document as Markdown, for wikis and pull requests. */
export function renderMarkdown(document: DefinitionDocument): string {
  const status =
    document.status.kind === 'draft'
      ? '**DRAFT — not published, may still change.**'
      : `Version ${document.status.version}, published ${document.status.publishedAt.slice(0, 16).replace('T', ' ')} UTC by ${document.status.publishedBy}.`
  const parts = [`# ${document.title}`, `${document.subtitle} · ${status}`]
  for (const section of document.sections) {
    parts.push(`## ${section.title}`)
    for (const item of section.blocks) parts.push(block(item))
  }
  return `${parts.join('\n\n')}\n`
}
