import { randomBytes } from 'node:crypto'
import type { EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { NonceProvider } from './components/nonce'

export { requestEdge } from './http/edge.server'
export { prepareDatabase } from './http/startup.server'

/*
 * The other security headers (HSTS, nosniff, framing, referrer) come from the request edge
 * (http/edge.server.ts) for every answer. A fresh nonce per response: only our own inline scripts (Remix's hydration data) run.
 * Styles allow 'unsafe-inline' because recharts sets style attributes on the SVG it renders
 * (docs/decisions/004-content-security-policy.md).
 */
function contentSecurityPolicy(nonce: string, isDevelopment: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${isDevelopment ? ' ws://localhost:*' : ''}`,
    "font-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ')
}

/*
 * Rendered whole, to one string. No page defers data (no Suspense boundary waits), so streaming
 * would send the same bytes at the same moment, through a pipe of Node and web streams that cost
 * about a fifth of a page's rendering time; and a bot or a browser gets the same complete page.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const nonce = randomBytes(16).toString('base64')
  responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development'))
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceProvider>,
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode })
}
