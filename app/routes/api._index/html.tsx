/**
 * HTML the server rendered from the API's own Markdown descriptions (markdown.server.ts escapes
 * any raw HTML in them): inline inside a sentence or a cell, or as paragraphs.
 */
export function InlineHtml({ html }: { html: string }) {
  return <span dangerouslySetInnerHTML={{ __html: html }} />
}

export function ProseHtml({ html }: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: html }} />
}
