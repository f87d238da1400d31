/** Scores as people read them: whole numbers, a half where two teams average to one; changes signed. */
export function formatScore(value: number | null): string {
  if (value === null) return '—'
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}

export function formatChange(value: number | null): string {
  if (value === null) return '—'
  const text = formatScore(Math.abs(value))
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '±0'
}
