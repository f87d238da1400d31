import { stringify } from 'csv-stringify/sync'
import { ScoringConfigError, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql, type SqlDialect } from '~/domain/sql-export/compile-sql'
import { rulesCsvRows } from '~/domain/exports/rules-csv'
import { invariantResponse } from '~/http/responses.server'
import { getVersion } from './sign-off.server'

/** The version a download belongs to, or a 404 Response (downloads are plain resource routes). */
export async function requireVersion(workshopId: string, numberParam: string | undefined) {
  const number = Number(numberParam)
  const version = Number.isInteger(number) && number > 0 ? await getVersion({ workshopId, number }) : undefined
  invariantResponse(version, 'Version not found', { status: 404 })
  return version
}

export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
    // A version never changes, but a download holds a workshop's agreement: nothing may keep a
    // copy (a shared computer's browser cache after logout, a proxy), so every download asks the server.
    'Cache-Control': 'private, no-store',
  }
}

/** The rules of a config as the CSV download: RFC 4180 with CRLF, and a BOM because Excel opens UTF-8 without one as the local code page and garbles “ and ≥. */
export function rulesCsv(config: ScoringConfig): string {
  return `\uFEFF${stringify(rulesCsvRows(config), { record_delimiter: '\r\n' })}`
}

/**
 * A version's scoring as one SQL query. A version frozen before stored text refused control
 * characters may hold a config the compiler refuses (a NUL in a rule value): that answers 422
 * with the reasons, not a 500.
 */
export function versionSql(config: ScoringConfig, dialect: SqlDialect): string {
  try {
    return compileScoringSql(config, { dialect })
  } catch (error) {
    if (!(error instanceof ScoringConfigError)) throw error
    const reasons = error.errors.map((problem) => `- ${problem.message}`).join('\n')
    invariantResponse(false, `This version's scoring config cannot be exported as SQL:\n${reasons}\nPublish a corrected version and export that one.`, {
      status: 422,
      headers: { 'Cache-Control': 'private, no-store' },
    })
  }
}
