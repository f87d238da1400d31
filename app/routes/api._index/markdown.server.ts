import { micromark } from 'micromark'
import type { MarkdownRenderer } from '~/domain/api/reference'

/*
 * The API's descriptions are CommonMark (OpenAPI says so), rendered here on the server with
 * micromark. Its defaults are the safe ones: raw HTML in the text is escaped, and links with a
 * dangerous protocol (javascript:) lose their href.
 */

const SINGLE_PARAGRAPH = /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>\n?$/

export const markdownToHtml: MarkdownRenderer = {
  block: (markdown) => micromark(markdown),
  // Inside a sentence or a table cell: the one paragraph's content, without the <p> around it.
  inline: (markdown) => {
    const html = micromark(markdown)
    return SINGLE_PARAGRAPH.exec(html)?.[1] ?? html
  },
}
