import { useRevalidator, type ShouldRevalidateFunctionArgs } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'

/**
 * A revalidation that is neither a navigation nor a submission: a live page re-reading its data
 * (LiveUpdates below, a back-test's progress). The root's data (who is signed in, the one-time
 * flash) does not change by it, and the root must not read the flash then: it belongs to the page
 * a redirect is about to show, and a live update arriving first would take it.
 */
export function isLiveRevalidation({ currentUrl, nextUrl, formMethod }: Pick<ShouldRevalidateFunctionArgs, 'currentUrl' | 'nextUrl' | 'formMethod'>): boolean {
  return !formMethod && currentUrl.href === nextUrl.href
}

type LiveState = 'live' | 'reconnecting'

/**
 * Keeps a page's data fresh while others change it: subscribes to a server-sent events
 * resource route and re-runs the page's loaders on every event. Subscribing to an outside
 * source is what an effect is for. Without JavaScript the page shows a hint to reload instead.
 */
export function LiveUpdates({ url, version }: { url: string; version: number }) {
  const { revalidate } = useRevalidator()
  // The change counter the page's data was loaded at: on (re)connecting, the server tells its
  // own, and a difference means a change happened while this page was not listening.
  const shown = useRef(version)
  useEffect(() => {
    shown.current = version
  }, [version])
  // null until the browser connects, so the server-rendered page never claims to be live.
  const [state, setState] = useState<LiveState | null>(null)
  useEffect(() => {
    const source = new EventSource(url)
    const onChange = (event: MessageEvent<string>) => {
      if (Number(event.data) !== shown.current) revalidate()
    }
    const onOpen = () => setState('live')
    // EventSource reconnects by itself (the server's `retry:`); a missed change is caught by the
    // revalidation on reconnect.
    const onError = () => setState('reconnecting')
    source.addEventListener('change', onChange as EventListener)
    source.addEventListener('ready', onChange as EventListener)
    source.addEventListener('open', onOpen)
    source.addEventListener('error', onError)
    return () => source.close()
  }, [url, revalidate])
  return (
    <>
      <span className="badge no-js-only" data-testid="live-status">
        Reload the page to see others’ changes
      </span>
      {state === 'live' ? (
        <span className="badge ok live-dot" data-testid="live-status" role="status">
          Live: others’ changes appear here
        </span>
      ) : state === 'reconnecting' ? (
        <span className="badge warn" data-testid="live-status" role="status">
          Reconnecting…
        </span>
      ) : null}
    </>
  )
}
