import { stringify } from 'csv-stringify/sync'
import type { ScoringConfig } from '~/domain/scoring'
import { rulesCsvRows } from '~/domain/exports/rules-csv'
import { getVersion } from './sign-off.server'

/** The version a download belongs to, or a 404 Response (downloads are plain resource routes). */
export async function requireVersion(workshopId: string, numberParam: string | undefined) {
  const number = Number(numberParam)
  const version = Number.isInteger(number) && number > 0 ? await getVersion({ workshopId, number }) : undefined
  if (!version) throw new Response('Version not found', { status: 404 })
  return version
}

export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
    // A published version never changes, so its exports can be cached by the browser.
    'Cache-Control': 'private, max-age=31536000, immutable',
  }
}

/** The rules of a config as the CSV download: RFC 4180 with CRLF, and a BOM because Excel opens UTF-8 without one as the local code page and garbles “ and ≥. */
export function rulesCsv(config: ScoringConfig): string {
  return `\uFEFF${stringify(rulesCsvRows(config), { record_delimiter: '\r\n' })}`
}
