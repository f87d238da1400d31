import { createHash } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { renderDocumentPdf } from '~/http/document-pdf.server'
import { exportFileName, type ExportKind } from '~/domain/document/file-names'
import type { DefinitionDocument } from '~/domain/document/model'
import { ScoringConfigError, type ScoringConfig } from '~/domain/scoring'
import { compileScoringSql, type SqlDialect } from '~/domain/sql-export/compile-sql'
import { rulesCsvRows } from '~/domain/exports/rules-csv'
import { invariantResponse } from '~/http/responses.server'
import { getVersion } from './version.server'

export type LoadedVersion = NonNullable<Awaited<ReturnType<typeof getVersion>>>

/** The version a download belongs to, or a 404 Response (downloads are plain resource routes). */
export async function requireVersion(workshopId: string, numberParam: string | undefined): Promise<LoadedVersion> {
  const number = Number(numberParam)
  const version = Number.isInteger(number) && number > 0 ? await getVersion({ workshopId, number }) : undefined
  invariantResponse(version, 'Version not found', { status: 404 })
  return version
}

/** `acme-analytics-mql-sql-definition-v2.pdf`: every download names the company and the version. */
export function versionFileName(version: LoadedVersion, kind: ExportKind, extension: string): string {
  return exportFileName({ company: version.snapshot.workshop.company, version: version.number, kind, extension })
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
    throw new Response(`This version's scoring config cannot be exported as SQL:\n${reasons}\nPublish a corrected version and export that one.`, {
      status: 422,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
    })
  }
}

/*
 * PDFs are rendered in the request (react-pdf, no browser) and kept: a version never changes, so
 * its PDF only changes with the logo or the link printed on the cover, which are part of the key.
 * Renders run one at a time, so a burst of downloads queues instead of stalling the server.
 */
const PDF_CACHE_SIZE = 24
const pdfCache = new Map<string, Promise<Buffer>>()
let pdfQueue: Promise<unknown> = Promise.resolve()

export function versionPdf(document: DefinitionDocument, key: { workshopId: string; onlineUrl?: string }): Promise<Buffer> {
  const version = document.status.kind === 'published' ? document.status.version : 0
  const logo = document.cover.logo ? createHash('sha256').update(document.cover.logo.src).digest('hex') : ''
  const cacheKey = JSON.stringify([key.workshopId, version, logo, key.onlineUrl ?? ''])
  const cached = pdfCache.get(cacheKey)
  if (cached) {
    // Most recently used last.
    pdfCache.delete(cacheKey)
    pdfCache.set(cacheKey, cached)
    return cached
  }
  const rendering = pdfQueue.then(() => renderDocumentPdf(document, { onlineUrl: key.onlineUrl }))
  pdfQueue = rendering.catch(() => undefined)
  pdfCache.set(cacheKey, rendering)
  rendering.catch(() => pdfCache.delete(cacheKey))
  while (pdfCache.size > PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value!)
  return rendering
}

export function pdfResponse(pdf: Buffer, filename: string, extra: HeadersInit = {}): Response {
  return new Response(new Uint8Array(pdf), { headers: { ...downloadHeaders('application/pdf', filename), 'Content-Length': String(pdf.length), ...extra } })
}
