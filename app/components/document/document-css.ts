/*
 * The definition document's styles: one copy for the page in the app, the share page and the
 * standalone HTML download, so they look (and print) the same. Everything is scoped under
 * `.definition-document` and carries its own colours, because the download has no app CSS.
 *
 * Print: A4 portrait, the cover alone on page 1, each main section on a new page, a running
 * footer with page numbers in the page margin (CSS paged media margin boxes; Chromium ≥ 131).
 */
export const DOCUMENT_CSS = `
/* The colours, also for pieces shown outside a document (a diff, the changes before publishing: .doc-embed). */
.definition-document, .doc-embed { --doc-ink: #17202b; --doc-muted: #505b69; --doc-line: #d8dde4; --doc-soft: #f4f6f8; --doc-brand: #3b3fb6; --doc-brand-soft: #eceefd;
  --doc-good: #0f6b35; --doc-good-soft: #e3f3e8; --doc-bad: #a4251b; --doc-bad-soft: #fcebe9; --doc-warn: #7a4f00; --doc-warn-soft: #fff3d1;
  --doc-marketing: #0b6e4f; --doc-marketing-soft: #e3f4ed; --doc-sales: #a64208; --doc-sales-soft: #fdeee3; --doc-mql: #137333; --doc-mql-some: #c8e6d2; }
.definition-document { color: var(--doc-ink); background: #fff; border: 1px solid var(--doc-line); border-radius: 12px; padding: 40px; max-width: 920px; margin-left: auto; margin-right: auto; line-height: 1.55; font-size: 1rem; overflow-wrap: break-word; }
.definition-document * { box-sizing: border-box; }
.definition-document h1, .definition-document h2, .definition-document h3, .definition-document h4 { line-height: 1.25; color: var(--doc-ink); }
.definition-document p { margin: 0 0 12px; }
.definition-document a { color: var(--doc-brand); }
.definition-document.is-draft { background-image: repeating-linear-gradient(-45deg, transparent 0 60px, rgba(164, 37, 27, 0.035) 60px 120px); }

.doc-cover { display: flex; flex-direction: column; gap: 18px; padding-bottom: 28px; border-bottom: 4px solid var(--doc-brand); }
.doc-cover-top { display: flex; align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap; min-height: 48px; }
.doc-logo { display: block; max-width: 220px; max-height: 72px; width: auto; height: auto; }
.doc-kicker { margin: 0; text-transform: uppercase; letter-spacing: .12em; font-size: .75rem; font-weight: 700; color: var(--doc-brand); }
.doc-company { margin: 0; font-size: 1.05rem; font-weight: 700; color: var(--doc-muted); }
.doc-cover h1 { font-size: 2.3rem; margin: 0; letter-spacing: -0.015em; }
.doc-workshop { margin: 0; font-size: 1.1rem; color: var(--doc-muted); }
.doc-cover-facts, .doc-signers { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px 24px; margin: 0; }
.doc-cover-facts dt, .doc-signers dt, .doc-facts dt, .doc-card dt { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--doc-muted); }
.doc-cover-facts dd, .doc-signers dd { margin: 2px 0 0; font-weight: 600; }
.doc-signers { padding: 14px 16px; background: var(--doc-soft); border-radius: 10px; }
.doc-note { margin: 0; padding: 14px 18px; border-left: 4px solid var(--doc-brand); background: var(--doc-brand-soft); border-radius: 0 10px 10px 0; }
.doc-note-label { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--doc-brand); margin: 0 0 4px !important; }
.doc-note p:last-child { margin: 0; white-space: pre-line; }
.doc-draft-mark { align-self: flex-start; border: 2px solid var(--doc-bad); color: var(--doc-bad); font-weight: 800; letter-spacing: .08em; padding: 4px 12px; border-radius: 6px; margin: 0; }

.doc-toc { margin: 28px 0 0; }
.doc-toc h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: .08em; color: var(--doc-muted); margin: 0 0 8px; }
.doc-toc ol { columns: 2; column-gap: 32px; margin: 0; padding-left: 1.4em; }
.doc-toc li { margin: 0 0 4px; break-inside: avoid; }

.doc-section { border-top: 1px solid var(--doc-line); padding-top: 20px; margin-top: 32px; }
.doc-section > h2 { font-size: 1.45rem; margin: 0 0 14px; }
.doc-section h3 { font-size: 1.05rem; margin: 22px 0 8px; }
.doc-muted { color: var(--doc-muted); }
.definition-document .visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.doc-empty { color: var(--doc-muted); font-style: italic; }

.doc-definitions { display: grid; gap: 14px; margin: 0 0 18px; }
.doc-definition { display: grid; grid-template-columns: auto 1fr; gap: 4px 16px; align-items: start; padding: 18px 20px; border-radius: 12px; background: var(--doc-brand-soft); }
.doc-definition.is-sql { background: var(--doc-good-soft); }
.doc-term { grid-row: span 2; font-size: 1.6rem; font-weight: 800; color: #fff; background: var(--doc-brand); border-radius: 10px; padding: 6px 12px; line-height: 1.2; }
.doc-definition.is-sql .doc-term { background: var(--doc-good); }
.doc-term-name { margin: 0 !important; font-size: .78rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--doc-muted); }
.doc-definition-text { margin: 0 !important; font-size: 1.12rem; line-height: 1.5; }
.doc-stats { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 0 0 8px; padding: 0; list-style: none; }
.doc-stats li { border: 1px solid var(--doc-line); border-radius: 10px; padding: 12px; text-align: center; }
.doc-stat-value { display: block; font-size: 1.6rem; font-weight: 800; font-variant-numeric: tabular-nums; }
.doc-stat-label { display: block; font-size: .8rem; color: var(--doc-muted); }

.doc-facts { display: grid; grid-template-columns: minmax(120px, 26%) 1fr; gap: 6px 18px; margin: 0 0 16px; }
.doc-facts dt { padding-top: 3px; }
.doc-facts dd { margin: 0; }

.doc-table-wrap { width: 100%; overflow-x: auto; margin: 0 0 14px; }
.doc-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .92rem; }
.doc-table th, .doc-table td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--doc-line); overflow-wrap: anywhere; }
.doc-table th { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--doc-muted); border-bottom: 2px solid var(--doc-line); }
.doc-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.doc-table td.num { font-weight: 700; }
.doc-table caption { caption-side: bottom; text-align: left; color: var(--doc-muted); font-size: .82rem; padding-top: 6px; }

.doc-matrix { border-collapse: separate; border-spacing: 4px; width: 100%; table-layout: fixed; font-size: .9rem; margin: 4px 0 6px; }
.doc-matrix th { font-size: .72rem; color: var(--doc-muted); font-weight: 700; padding: 4px; text-align: center; border: none; text-transform: uppercase; letter-spacing: .04em; vertical-align: bottom; }
.doc-matrix th[scope='row'] { text-align: left; white-space: nowrap; text-transform: none; letter-spacing: 0; font-size: .92rem; color: var(--doc-ink); vertical-align: middle; }
.doc-matrix td { text-align: center; padding: 10px 4px; border-radius: 6px; font-weight: 700; border: none; }
.doc-matrix td.is-mql { background: var(--doc-mql); color: #fff; }
.doc-matrix td.is-some { background: var(--doc-mql-some); color: #0b4a22; }
.doc-matrix td.is-none { background: var(--doc-soft); color: var(--doc-muted); font-weight: 400; }
.doc-caption { color: var(--doc-muted); font-size: .82rem; }

.doc-funnel { list-style: none; margin: 8px 0 8px; padding: 0; display: grid; gap: 4px; }
.doc-funnel li { display: grid; grid-template-columns: 130px 1fr; align-items: center; gap: 12px; }
.doc-funnel-label { font-weight: 600; text-align: right; }
.doc-funnel-track { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 10px; min-width: 0; }
.doc-funnel-bar { flex: none; background: var(--doc-brand); color: #fff; border-radius: 6px; padding: 6px 10px; min-width: 4em; font-weight: 700; font-variant-numeric: tabular-nums; }
.doc-funnel-rate { color: var(--doc-muted); font-size: .85rem; white-space: nowrap; }

.doc-columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.doc-column { border-radius: 10px; padding: 14px 16px; border-top: 4px solid var(--doc-good); background: var(--doc-good-soft); }
.doc-column.is-bad { border-top-color: var(--doc-bad); background: var(--doc-bad-soft); }
.doc-column h3 { margin: 0 0 8px !important; }
.doc-column ul { margin: 0; padding-left: 1.2em; }
.doc-column li { margin-bottom: 4px; }

.doc-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 14px; margin: 0 0 16px; }
.doc-card { border: 1px solid var(--doc-line); border-top: 4px solid var(--doc-brand); border-radius: 10px; padding: 14px 16px; break-inside: avoid; }
.doc-card.tone-bad { border-top-color: var(--doc-bad); }
.doc-card.tone-marketing { border-top-color: var(--doc-marketing); }
.doc-card.tone-sales { border-top-color: var(--doc-sales); }
.doc-card.tone-shared { border-top-color: #6b7280; }
.doc-card-head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; margin-bottom: 6px; }
.doc-card h4 { margin: 0; font-size: 1.05rem; }
.doc-card-lead { color: var(--doc-muted); font-size: .92rem; }
.doc-card dl { margin: 0; display: grid; gap: 6px; }
.doc-card dd { margin: 0; font-size: .92rem; white-space: pre-line; }
.doc-tag { display: inline-block; font-size: .72rem; font-weight: 700; padding: 2px 8px; border-radius: 999px; background: var(--doc-brand-soft); color: #2c2f8f; white-space: nowrap; }
.doc-tag.tone-bad { background: var(--doc-bad-soft); color: var(--doc-bad); }
.doc-tag.tone-marketing { background: var(--doc-marketing-soft); color: var(--doc-marketing); }
.doc-tag.tone-sales { background: var(--doc-sales-soft); color: var(--doc-sales); }
.doc-tag.tone-shared { background: var(--doc-soft); color: #374151; }

.doc-changes-summary { font-weight: 700; font-size: 1.05rem; }
.doc-change-group h3 { margin-top: 16px; }
.doc-change-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.doc-change { display: flex; gap: 10px; align-items: baseline; padding: 6px 10px; border-radius: 6px; border-left: 4px solid; }
.doc-change.is-added { background: var(--doc-good-soft); border-color: var(--doc-good); }
.doc-change.is-removed { background: var(--doc-bad-soft); border-color: var(--doc-bad); }
.doc-change.is-changed { background: var(--doc-warn-soft); border-color: #b07800; }
.doc-change-kind { flex: none; font-size: .7rem; font-weight: 800; text-transform: uppercase; letter-spacing: .05em; min-width: 4.8em; }
.doc-change.is-added .doc-change-kind { color: var(--doc-good); }
.doc-change.is-removed .doc-change-kind { color: var(--doc-bad); }
.doc-change.is-changed .doc-change-kind { color: var(--doc-warn); }

@media (max-width: 640px) {
  .definition-document { padding: 20px 16px; border-radius: 0; border-left: none; border-right: none; }
  .doc-cover h1 { font-size: 1.7rem; }
  .doc-toc ol { columns: 1; }
  .doc-stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .doc-facts { grid-template-columns: 1fr; gap: 2px; }
  .doc-facts dd { margin-bottom: 8px; }
  .doc-columns { grid-template-columns: 1fr; }
  .doc-definition { grid-template-columns: 1fr; }
  .doc-term { grid-row: auto; justify-self: start; }
  .doc-funnel li { grid-template-columns: 96px 1fr; }
}

@media print {
  @page { size: A4 portrait; margin: 16mm 15mm 18mm; }
  .definition-document { border: none; border-radius: 0; padding: 0; max-width: none; font-size: 10.5pt; background: none; }
  .definition-document * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .doc-cover { min-height: 245mm; justify-content: center; border-bottom: none; break-after: page; }
  .doc-cover h1 { font-size: 30pt; }
  .doc-toc { break-after: page; margin: 0; }
  .doc-toc h2 { font-size: 14pt; }
  .doc-toc ol { columns: 1; font-size: 12pt; }
  .doc-toc a { color: inherit; text-decoration: none; }
  .doc-section { border-top: none; margin-top: 0; padding-top: 14pt; }
  .doc-section.is-new-page { break-before: page; padding-top: 0; }
  .doc-section > h2 { break-after: avoid; }
  .doc-section > h2 { font-size: 18pt; }
  .doc-section h3 { break-after: avoid; }
  .doc-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .doc-table-wrap { overflow: visible; }
  .doc-table thead { display: table-header-group; }
  .doc-table tr, .doc-card, .doc-definition, .doc-change, .doc-column li, .doc-funnel li { break-inside: avoid; }
  .doc-matrix { break-inside: avoid; }
  .definition-document a { color: inherit; text-decoration: none; }
}
`

/** The running footer and page numbers of the printed document, for this document's footer text. */
export function printFooterCss(footer: string): string {
  // A CSS string: quotes and backslashes escaped, `<` as an escape so no text can close the <style>.
  const text = footer
    .replace(/[\\"]/g, (character) => `\\${character}`)
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '\\3c ')
  const box = 'font-family: ui-sans-serif, system-ui, sans-serif; font-size: 8pt; color: #505b69;'
  return `@media print { @page { @bottom-left { content: "${text}"; ${box} } @bottom-right { content: "page " counter(page) " of " counter(pages); ${box} } }
  @page :first { @bottom-left { content: none; } @bottom-right { content: none; } } }`
}
