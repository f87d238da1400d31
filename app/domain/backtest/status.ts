/** Where a back-test run is: its columns not mapped yet, waiting for a slot, running, or finished one way or another. */
export const RUN_STATUSES = ['mapping', 'queued', 'running', 'done', 'failed', 'cancelled'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const FINISHED_STATUSES: readonly RunStatus[] = ['done', 'failed', 'cancelled']
