import type { LoaderFunctionArgs } from '@remix-run/node'
import { boardChangeCounterFor } from '~/models/lead-board.server'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'

/*
 * Server-sent events for the good/bad lead board. The stream carries no board content, only
 * "something changed" (the board's change counter); each open board then reloads its own
 * loader data, which applies the same visibility rules as a page load. The server polls one
 * indexed row every POLL_MS, which is cheap next to pushing from every write path, and keeps
 * working when the app runs as several processes on one database file.
 */

const POLL_MS = 500
const HEARTBEAT_MS = 15_000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const who = { workshopId: member.workshopId, userId: member.user.id }
  let last = await boardChangeCounterFor(who)
  invariantResponse(last !== null, 'Workshop not found', { status: 404 })

  const encoder = new TextEncoder()
  let stop = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false
      let polling = false
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      const poll = setInterval(async () => {
        if (polling || closed) return
        polling = true
        try {
          const counter = await boardChangeCounterFor(who)
          if (counter === null) return stop() // removed from the workshop meanwhile
          if (counter !== last) {
            last = counter
            send(`event: change\ndata: ${counter}\n\n`)
          }
        } catch {
          // A failed read (the database busy, closing on shutdown) is retried on the next tick.
        } finally {
          polling = false
        }
      }, POLL_MS)
      // Proxies drop connections that stay silent; a comment line keeps this one open.
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
      stop = () => {
        if (closed) return
        closed = true
        clearInterval(poll)
        clearInterval(heartbeat)
        request.signal.removeEventListener('abort', stop)
        try {
          controller.close()
        } catch {
          // already closed by the client going away
        }
      }
      request.signal.addEventListener('abort', stop)
      // `retry` makes the browser reconnect after a second; `ready` makes a reconnecting board catch up.
      send(`retry: 1000\nevent: ready\ndata: ${last}\n\n`)
    },
    cancel() {
      stop()
    },
  })

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}
