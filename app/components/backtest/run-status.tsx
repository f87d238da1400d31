import type { RunStatus } from '~/domain/backtest/status'

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  mapping: 'Waiting for its mapping',
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

const TONES: Record<RunStatus, string> = { mapping: 'warn', queued: 'shared', running: 'shared', done: 'ok', failed: 'danger', cancelled: '' }

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge ${TONES[status]}`.trim()}>{RUN_STATUS_LABELS[status]}</span>
}
