/** Sizes, durations and the progress of a run, in words for the page. */

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`
  return `${bytes.toLocaleString('en-US')} bytes`
}

/** "4 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return `${minutes} min${s % 60 ? ` ${s % 60} s` : ''}`
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
}

export interface RunProgress {
  /** Share of the file read, 0–100. */
  percent: number
  rowsDone: number
  rowsPerSecond: number | null
  /** Estimated from the bytes still to read at the speed so far; null before there is a speed. */
  secondsLeft: number | null
}

/** How far a run is, from what its row says (bytes read of the file, rows, when it started) and the time now. */
export function runProgress(run: { rowsDone: number; bytesDone: number; fileBytes: number; startedAt: Date | string | null }, now: Date): RunProgress {
  const percent = run.fileBytes > 0 ? Math.min(100, Math.floor((run.bytesDone / run.fileBytes) * 100)) : 0
  const started = run.startedAt === null ? null : new Date(run.startedAt).getTime()
  const elapsed = started === null ? 0 : (now.getTime() - started) / 1000
  if (elapsed <= 0 || run.bytesDone === 0) return { percent, rowsDone: run.rowsDone, rowsPerSecond: null, secondsLeft: null }
  const bytesPerSecond = run.bytesDone / elapsed
  return { percent, rowsDone: run.rowsDone, rowsPerSecond: run.rowsDone / elapsed, secondsLeft: Math.max(0, (run.fileBytes - run.bytesDone) / bytesPerSecond) }
}
