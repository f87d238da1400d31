import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectUpload } from '~/backtest/inspect.server'
import { readBacktestFile, type ReadInput } from '~/backtest/read-file.server'
import { ReadingThreads } from '~/backtest/reading-threads.server'
import { workerFile } from '~/http/worker-file.server'
import { X_EDUCATION_CSV, xEducationConfig, xEducationMapping } from '../fixtures/x-education'

/*
 * A run reads its file on every core: pieces of whole records go to worker threads, each counts
 * its share, and the shares are merged. Whatever the cut, the outcome (rows, bad rows with their
 * line numbers, every aggregate) is the one this thread alone gives; pieces of 4 KB make the
 * files below hundreds of pieces, handed to two workers (as a run does), and once more with this
 * thread reading pieces beside them. One pool of threads serves every read below, as the runner's
 * serves every run: its threads are kept after a whole read and replaced after a stopped one.
 */

const AS_OF = Date.parse('2026-11-29T00:00:00Z')
const config = xEducationConfig()
const mapping = xEducationMapping()
let dir = ''
let worker = ''
let pool: ReadingThreads

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-backtest-threads-'))
  worker = await workerFile('backtest-worker')
  pool = new ReadingThreads(2, () => Promise.resolve(worker))
})
afterAll(async () => {
  await pool.stop()
  fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(worker, { force: true })
})

async function bothWays(file: string, name: string) {
  const inspection = await inspectUpload(file, name, fs.statSync(file).size)
  if (!inspection.ok) throw new Error(inspection.message)
  const input: ReadInput = { path: file, ...inspection, mapping, configs: [config, { ...config, mql: { minFit: 10, minEngagement: 5 } }], asOfMs: AS_OF }
  const alone = await readBacktestFile(input)
  const progress: number[] = []
  // As a run reads: this thread only hands pieces out, to one worker per core.
  const shared = await readBacktestFile({ ...input, chunkBytes: 4096, threads: { pool, readHere: false }, onProgress: (step) => progress.push(step.rows) })
  // This thread reading pieces too, beside the workers.
  const alsoHere = await readBacktestFile({ ...input, chunkBytes: 4096, threads: { pool, readHere: true } })
  expect(alsoHere).toEqual(alone)
  return { alone, shared, progress }
}

/** A read on the pool's threads, in pieces of 4 KB, stopped (aborted) at its third progress report. */
function readStoppedAtThirdReport(input: ReadInput) {
  const controller = new AbortController()
  let reports = 0
  const read = readBacktestFile({
    ...input,
    chunkBytes: 4096,
    threads: { pool, readHere: false },
    signal: controller.signal,
    onProgress: () => {
      if (++reports === 3) controller.abort()
    },
  })
  return { read, reports: () => reports }
}

describe('a back-test read on several threads', () => {
  it('stops its worker threads at once when the read is stopped, and rejects', async () => {
    const inspection = await inspectUpload(X_EDUCATION_CSV, 'x-education-leads.csv', fs.statSync(X_EDUCATION_CSV).size)
    if (!inspection.ok) throw new Error(inspection.message)
    const stopped = readStoppedAtThirdReport({ path: X_EDUCATION_CSV, ...inspection, mapping, configs: [config], asOfMs: AS_OF })
    await expect(stopped.read).rejects.toThrow()
    expect(stopped.reports()).toBeLessThan(50)
  })

  it('keeps its threads after a whole read, and starts new ones after a stopped read', async () => {
    const inspection = await inspectUpload(X_EDUCATION_CSV, 'x-education-leads.csv', fs.statSync(X_EDUCATION_CSV).size)
    if (!inspection.ok) throw new Error(inspection.message)
    const input: ReadInput = { path: X_EDUCATION_CSV, ...inspection, mapping, configs: [config], asOfMs: AS_OF, chunkBytes: 64 * 1024 }
    await pool.warm()
    const warmed = pool.idleThreadIds()
    expect(warmed).toHaveLength(2)
    const first = await readBacktestFile({ ...input, threads: { pool, readHere: false } })
    expect(pool.idleThreadIds()).toEqual(warmed)
    // The next read, with another model, on the same threads: nothing of the first read is left in them.
    const stricter = { ...config, mql: { minFit: 10, minEngagement: 5 } }
    const second = await readBacktestFile({ ...input, configs: [stricter], threads: { pool, readHere: false } })
    expect(pool.idleThreadIds()).toEqual(warmed)
    expect(first).toEqual(await readBacktestFile(input))
    expect(second).toEqual(await readBacktestFile({ ...input, configs: [stricter] }))

    await expect(readStoppedAtThirdReport(input).read).rejects.toThrow()
    // The stopped read's threads were terminated (one may have been mid-piece); the pool starts others.
    expect(pool.idleThreadIds()).toEqual([])
    expect(await readBacktestFile({ ...input, threads: { pool, readHere: false } })).toEqual(first)
    const replaced = pool.idleThreadIds()
    expect(replaced).toHaveLength(2)
    expect(replaced.some((id) => warmed.includes(id))).toBe(false)
  })

  it('gives the real export’s outcome exactly, with progress along the way', async () => {
    const { alone, shared, progress } = await bothWays(X_EDUCATION_CSV, 'x-education-leads.csv')
    expect(shared).toEqual(alone)
    expect(alone.rows).toBe(9240)
    expect(progress.length).toBeGreaterThan(100)
    expect(progress.at(-1)).toBe(9240)
  })

  it('numbers bad rows as one thread does, across quoted cells over several lines and pieces', async () => {
    const [header, ...lines] = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n').filter(Boolean)
    const width = header!.split(',').length
    const rows: string[] = [header!]
    for (let i = 0; i < 600; i++) {
      const cells = lines[i]!.split(',')
      if (i % 7 === 0) cells[header!.split(',').indexOf('Tags')] = `"Ringing,${'\n'.repeat(i % 3)}then ""nothing"""`
      if (i % 11 === 0) cells[header!.split(',').indexOf('TotalVisits')] = 'lots'
      if (i % 13 === 0) cells.length = width - 2
      if (i % 17 === 0) cells[header!.split(',').indexOf('Lead Source')] = 'x"y'
      rows.push(i % 19 === 0 ? '' : cells.join(','))
    }
    const file = path.join(dir, 'broken.csv')
    fs.writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`)
    const { alone, shared } = await bothWays(file, 'broken.csv')
    expect(shared).toEqual(alone)
    expect(alone.badRowCount).toBeGreaterThan(80)
    // Line numbers count the line breaks inside quoted cells.
    expect(alone.badRows.at(-1)!.line).toBeGreaterThan(alone.rows)
  })

  it('reads a record longer than the part a thread parses at once, and numbers the lines after it', async () => {
    const [header, ...lines] = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n').filter(Boolean)
    const tags = header!.split(',').indexOf('Tags')
    const rows: string[] = [header!]
    for (let i = 0; i < 1500; i++) {
      const cells = lines[i]!.split(',')
      // Two cells of 150 KB over many lines, more than twice a part (64 KB), and a bad row after each.
      if (i === 300 || i === 1100) cells[tags] = `"${'Ringing again\n'.repeat(11_000)}"`
      if (i === 301 || i === 1101) cells[header!.split(',').indexOf('TotalVisits')] = 'lots'
      rows.push(cells.join(','))
    }
    const file = path.join(dir, 'long-record.csv')
    fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`)
    const { alone, shared } = await bothWays(file, 'long-record.csv')
    expect(shared).toEqual(alone)
    expect(alone.rows).toBe(1500)
    // Row 302 of the file (after the header and 300 rows, one of them 11,001 lines long).
    expect(alone.badRows.map((bad) => bad.line)).toEqual([1 + 301 + 11_000 + 1, 1 + 1101 + 22_000 + 1])
  })

  it('reads a file with a header and no rows as no rows, alone and across threads', async () => {
    const header = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n')[0]!
    const file = path.join(dir, 'header-only.csv')
    fs.writeFileSync(file, `${header}\r\n`)
    // The upload refuses such a file ("a header but no leads"); the reader still answers, not throws.
    const input: ReadInput = { path: file, format: 'csv', delimiter: ',', columns: header.split(','), mapping, configs: [config], asOfMs: AS_OF }
    const alone = await readBacktestFile(input)
    const shared = await readBacktestFile({ ...input, threads: { pool, readHere: false } })
    expect(shared).toEqual(alone)
    expect(alone).toMatchObject({ rows: 0, scored: 0, badRowCount: 0 })
    expect(alone.aggregates[0]).toMatchObject({ leads: 0, converted: 0 })
  })

  it('reads JSON Lines the same way', async () => {
    const [header, ...lines] = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n').filter(Boolean)
    const names = header!.split(',')
    const objects = lines.slice(0, 2000).map((line, i) => {
      if (i % 23 === 0) return '{"broken":'
      const cells = line.split(',')
      return JSON.stringify(Object.fromEntries(names.map((name, k) => [name || `Column ${k + 1}`, cells[k]])))
    })
    const file = path.join(dir, 'leads.jsonl')
    fs.writeFileSync(file, `\uFEFF${objects.join('\n')}\n`)
    const { alone, shared } = await bothWays(file, 'leads.jsonl')
    expect(shared).toEqual(alone)
    expect(alone.badRows[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^not valid JSON/) })
    expect(alone.scored).toBe(2000 - Math.ceil(2000 / 23))
  })
})
