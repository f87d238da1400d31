import { lastRecordEnd, type Newline } from '~/backtest/csv-records.server'

/**
 * Cuts CSV text where lastRecordEnd finds a record's end, reading `step` bytes at a time, as the
 * back-test and the CLI cut a file into pieces; what is left at the end is the last piece.
 */
export function cutAtRecordEnds(text: string, delimiter: string, newline: Newline, step: number): string[] {
  const bytes = Buffer.from(text)
  const pieces: string[] = []
  let start = 0
  let readTo = Math.min(bytes.length, step)
  for (;;) {
    const end = lastRecordEnd(bytes.subarray(start, readTo), delimiter, newline, { atEnd: readTo === bytes.length })
    if (end > 0) {
      pieces.push(bytes.toString('utf8', start, start + end))
      start += end
    }
    if (readTo === bytes.length) break
    readTo = Math.min(bytes.length, readTo + step)
  }
  if (start < bytes.length) pieces.push(bytes.toString('utf8', start))
  return pieces
}
