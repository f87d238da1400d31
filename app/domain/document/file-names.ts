/*
 * Download names carry the company and the version, so a consultant's downloads for different
 * clients never collide: `acme-analytics-mql-sql-definition-v2.pdf`.
 */

/** Lower-case ASCII words joined by hyphens: "Müller & Söhne GmbH" → "muller-sohne-gmbh". */
export function slugify(text: string, fallback = 'workshop'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || fallback
}

export type ExportKind = 'definition' | 'config' | 'rules' | 'sql'

const KIND_NAMES: Record<ExportKind, string> = {
  definition: 'mql-sql-definition',
  config: 'scoring-config',
  rules: 'scoring-rules',
  sql: 'scoring',
}

/** `acme-analytics-mql-sql-definition-v2.pdf`; `extension` may carry a dialect (`postgres.sql`). */
export function exportFileName(input: { company: string; version: number; kind: ExportKind; extension: string }): string {
  return `${slugify(input.company)}-${KIND_NAMES[input.kind]}-v${input.version}.${input.extension}`
}
