import type { Change } from '~/domain/diff/diff'
import { renderMarkdown } from '~/domain/document/markdown'
import { buildDocument } from '~/domain/document/model'
import type { Snapshot } from '~/domain/document/snapshot'
import { configJson } from '~/domain/exports/config-json'
import { compile, formatPath, parseScoringConfig } from '~/domain/scoring'
import { compileScoringSql, SQL_DIALECTS } from '~/domain/sql-export/compile-sql'
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
  // The schema publishing validates with (parseScoringConfig), so an imported version can be
  // scored, exported and compiled wherever a published one can.
  const scoring = parseScoringConfig((snapshot as { scoring?: unknown }).scoring)
  if (!scoring.ok) {
    const [first, ...more] = scoring.errors
    const path = formatPath(['snapshot', 'scoring', ...(first!.path === '' ? [] : [first!.path])])
    return `its scoring config is not valid: ${path}: ${first!.message.slice(first!.path === '' ? 0 : first!.path.length + 2)}${more.length > 0 ? ` (and ${more.length} more)` : ''}`
  }
  const source = scoring.config.source
  if (!source) return 'its scoring config is not valid: snapshot.scoring.source: a published version names its source'
  if (source.version !== version.number) return `its scoring config is not valid: snapshot.scoring.source.version: says version ${source.version}, the row is version ${version.number}`
  try {
    compile(scoring.config)
    for (const dialect of SQL_DIALECTS) compileScoringSql(scoring.config, { dialect })
  } catch (error) {
    return `its scoring config cannot be compiled (${(error as Error).message})`
  }
  try {
    const status = { kind: 'published' as const, version: version.number, publishedAt: new Date(0).toISOString(), publishedBy: '', note: '' }
    renderMarkdown(buildDocument({ snapshot: snapshot as Snapshot, status, changelog: changelog as Change[] }))
    configJson((snapshot as Snapshot).scoring)
  } catch (error) {
    return `it cannot be shown as a document (${(error as Error).message})`
  }
  return undefined
}
