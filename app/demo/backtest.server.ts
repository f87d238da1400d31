import { createHash } from 'node:crypto'
import { createRowScorer } from '~/backtest/read-file.server'
import { parseScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { recordFinishedRun } from '~/models/backtest.server'
import { getVersion } from '~/models/version.server'
import { BACKTEST_COLUMNS, BACKTEST_FILE_NAME, BACKTEST_MAPPING, BACKTEST_RUN_AT, backtestCsv, backtestRows } from './backtest'
import type { DemoPeople } from './people'

/**
 * Step 9's demo: marketing's back-test of v1 and v2 on a year of generated historical leads,
 * scored here row by row exactly as a run's worker would (same row reader, engine and counts),
 * and stored as a finished run. Runs after the versions are published.
 */
export async function seedBacktestDemo(workshopId: string, people: DemoPeople) {
  const models = []
  for (const number of [1, 2]) {
    const version = await getVersion({ workshopId, number })
    const parsed = version ? parseScoringConfig(version.snapshot.scoring as ScoringConfig) : undefined
    if (!parsed?.ok) throw new Error(`Demo back-test: version ${number} has no usable scoring config`)
    models.push({ label: `v${number}`, version: number, config: parsed.config })
  }
  const rows = backtestRows()
  const csv = backtestCsv(rows)
  const columns = [...BACKTEST_COLUMNS]
  const scorer = createRowScorer({ mapping: BACKTEST_MAPPING, columns, configs: models.map((model) => model.config), asOfMs: BACKTEST_RUN_AT.getTime() })
  // Line 1 is the header.
  rows.forEach((row, index) => scorer.take(index + 2, row))
  const bytes = Buffer.byteLength(csv)
  const outcome = scorer.finish(bytes)
  await recordFinishedRun({
    workshopId,
    userId: people.marketingId,
    fileName: BACKTEST_FILE_NAME,
    fileBytes: bytes,
    fileSha256: createHash('sha256').update(csv).digest('hex'),
    columns,
    mapping: BACKTEST_MAPPING,
    models,
    asOf: BACKTEST_RUN_AT,
    startedAt: BACKTEST_RUN_AT,
    finishedAt: new Date(BACKTEST_RUN_AT.getTime() + 2_600),
    outcome: { rows: outcome.rows, bytes, badRowCount: outcome.badRowCount, badRows: outcome.badRows, results: outcome.aggregates },
  })
}
