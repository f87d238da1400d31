import { useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { PostButton } from '~/components/post-button'
import { formatDuration, type RunProgress } from '~/domain/backtest/format'
import { formatCount } from '~/domain/backtest/summary'
import { CancelRunSchema } from '~/domain/backtest/forms'

/** How often the page asks the server how far the run is. */
const POLL_MS = 1000

/**
 * A run in progress: the share of the file read, rows, rows per second and time left, as the
 * worker last wrote them to the run's row. With JavaScript the page revalidates every second;
 * without, it refreshes itself (the <noscript> meta). A reload shows the same, from the database.
 */
export function RunProgressCard({ status, progress, canCancel }: { status: 'queued' | 'running'; progress: RunProgress; canCancel: boolean }) {
  const revalidator = useRevalidator()
  useEffect(() => {
    // Polling is an external system the page keeps in step with: the timer lives as long as the run shows.
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [revalidator])
  return (
    <section className="card" aria-labelledby="progress-heading">
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2 id="progress-heading">{status === 'queued' ? 'Waiting for its turn' : 'Scoring the file'}</h2>
      <div
        className="progress bt-progress"
        role="progressbar"
        aria-label="Share of the file read"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.percent} %`}
      >
        <span style={{ width: `${progress.percent}%` }} />
      </div>
      <dl className="bt-progress-facts" aria-live="polite">
        <div>
          <dt>Read</dt>
          <dd data-testid="progress-percent">{progress.percent} %</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{formatCount(progress.rowsDone)}</dd>
        </div>
        <div>
          <dt>Rows per second</dt>
          <dd>{progress.rowsPerSecond === null ? '—' : formatCount(progress.rowsPerSecond)}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{progress.secondsLeft === null ? '—' : `about ${formatDuration(progress.secondsLeft)}`}</dd>
        </div>
      </dl>
      {status === 'queued' ? <p className="muted small">Another back-test is running; this one starts when it ends.</p> : null}
      {canCancel ? (
        <PostButton schema={CancelRunSchema} fields={{ intent: 'cancel-run' }} label="Cancel the run">
          Cancel the run
        </PostButton>
      ) : null}
    </section>
  )
}
