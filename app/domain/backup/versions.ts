import type { Change } from '~/domain/diff/diff'
import { renderMarkdown } from '~/domain/document/markdown'
import { buildDocument } from '~/domain/document/model'
import type { Snapshot } from '~/domain/document/snapshot'
import { configJson } from '~/domain/exports/config-json'
import { parseScoringConfig } from '~/domain/scoring'
import { findUnsafeValue } from './format'

/**
 * Why a published version from a backup cannot be stored, or undefined when it can. A stored
 * version can never be changed or deleted (migration 0004), so one that cannot be read, shown
 * or exported would break its workshop for good: it is refused before anything is written.
 */
export function checkVersionContent(version: { number: number; snapshot: string; changelog: string }): string | undefined {
  let snapshot: unknown
  let changelog: unknown
  try {
    snapshot = JSON.parse(version.snapshot)
  } catch {
    return 'its snapshot is not valid JSON'
  }
  try {
    changelog = JSON.parse(version.changelog)
  } catch {
    return 'its changelog is not valid JSON'
  }
  const unsafe = findUnsafeValue({ snapshot, changelog })
  if (unsafe) return unsafe
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot) || (snapshot as { formatVersion?: unknown }).formatVersion !== 1) {
    return 'its snapshot is not a version snapshot of format 1'
  }
  if (!Array.isArray(changelog) || !changelog.every((change) => typeof change?.section === 'string' && typeof change?.text === 'string')) {
    return 'its changelog is not a list of changes'
  }
  const scoring = parseScoringConfig((snapshot as { scoring?: unknown }).scoring)
  if (!scoring.ok) return `its scoring config is not valid: ${scoring.errors[0]!.message}`
  try {
    const status = { kind: 'published' as const, version: version.number, publishedAt: new Date(0).toISOString(), publishedBy: '' }
    renderMarkdown(buildDocument(snapshot as Snapshot, status, changelog as Change[]))
    configJson((snapshot as Snapshot).scoring)
  } catch (error) {
    return `it cannot be shown as a document (${(error as Error).message})`
  }
  return undefined
}
