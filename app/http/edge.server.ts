import type { IncomingMessage, ServerResponse } from 'node:http'
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import { rateLimit } from 'express-rate-limit'
import helmet from 'helmet'
import onHeaders from 'on-headers'
import { MAX_BODY_BYTES as API_BODY_LIMIT_BYTES } from '~/domain/api/schemas'
import { getEnv } from '~/http/env.server'
import { formatBytes, FORM_BODY_LIMIT_BYTES } from './body.server'
import { withRequestMemo } from './request-memo.server'

/*
 * The request edge: what every request meets before Remix sees it (docs/security.md).
 * Security headers on every answer, the cross-site check on every unsafe method, body limits
 * judged from Content-Length, and per-IP rate limits by tier. The app's readers cap bodies
 * again while reading, so a body without Content-Length is bounded too.
 */

/** Where a larger body is expected; everything else is a web form. */
const BODY_LIMITS: { path: RegExp; maxBytes: number }[] = [
  { path: /^\/api\/v1\//, maxBytes: API_BODY_LIMIT_BYTES },
  { path: /^\/workshops\/import\/?$/, maxBytes: 21 * 1024 * 1024 },
  // A back-test upload: a file of up to 200 MB, streamed to disk (app/backtest/upload.server.ts).
  { path: /^\/workshops\/[^/]+\/backtests\/?$/, maxBytes: 200 * 1024 * 1024 + 64 * 1024 },
]

export function bodyLimitFor(pathname: string): number {
  return BODY_LIMITS.find((limit) => limit.path.test(pathname))?.maxBytes ?? FORM_BODY_LIMIT_BYTES
}

/** The API authenticates with bearer tokens only, never cookies: a cross-site request there carries no ambient authority. */
const CROSS_SITE_EXEMPT = /^\/api\/v1\//

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/*
 * A fallback policy for answers that set none (downloads, JSON, the API, edge refusals):
 * nothing may run, nothing may frame them. Documents set their own nonce policy in
 * entry.server.tsx.
 */
const FALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * Is this unsafe request from our own pages? Browsers send Origin on every POST (fetch and
 * forms alike); Sec-Fetch-Site covers the rest. Another port of the same host is another origin
 * ("same-site", not "same-origin") and is refused. Requests without either header do not come
 * from a browser and carry no ambient cookie a page could abuse.
 */
export function isCrossSite(headers: IncomingMessage['headers'], expectedOrigin: string): boolean {
  const origin = headers.origin
  if (origin !== undefined) return origin !== expectedOrigin
  const site = headers['sec-fetch-site']
  return site !== undefined && site !== 'same-origin' && site !== 'none'
}

function expectedOriginOf(request: ExpressRequest): string {
  const configured = getEnv().PUBLIC_URL
  // The Host header is the attacker's own only on the attacker's own requests: the victim's
  // browser sets it to our host, so comparing Origin with it is sound for this check alone.
  // Links we generate never use it (PUBLIC_URL).
  return configured ? new URL(configured).origin : `${request.protocol}://${request.headers.host ?? ''}`
}

function refusalPage(title: string, message: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Leadpact</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2433;line-height:1.5"><h1 style="font-size:1.4rem">${title}</h1><p>${message}</p><p><a href="/workshops">Back to Leadpact</a></p></body></html>`
}

function refuse(request: ExpressRequest, response: ExpressResponse, status: number, code: string, title: string, message: string) {
  if (CROSS_SITE_EXEMPT.test(request.path)) {
    response.status(status).type('application/json').send(JSON.stringify({ error: { code, message } }))
    return
  }
  response.status(status).type('text/html').send(refusalPage(title, message))
}

/** Rate limits are per IP and per process; tests and the load bench raise them with LEADPACT_RATE_LIMIT_MULTIPLIER. */
function limiter(options: { perMinute: number; skip?: (request: ExpressRequest) => boolean; multiplier: number }) {
  return rateLimit({
    windowMs: 60_000,
    limit: Math.max(1, Math.round(options.perMinute * options.multiplier)),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: options.skip,
    handler(request, response, _next, used) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((request as ExpressRequest & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + used.windowMs) - Date.now()) / 1000)
      response.setHeader('Retry-After', String(retryAfterSeconds))
      refuse(request, response, 429, 'rate_limited', 'Too many requests', `Too many requests from your network. Wait ${retryAfterSeconds} seconds, then try again.`)
    },
  })
}

/** API clients are limited per token by the leads they score (app/api.server.ts), not per IP. */
const API = /^\/api\//

/** Paths anyone may use without an account: log-in, sign-up, invites and public links get the strictest limit. */
const PUBLIC_ENTRY = /^\/(login|signup|invites\/[^/]+|share\/[^/]+(\/document\.pdf)?)\/?$/
/**
 * A public assessment link: a whole room may answer from one office address, and one answer is
 * about ten posts (a page at a time), so it has a tier of its own, still far below the general one.
 */
const PUBLIC_ASSESSMENT = /^\/a\/[^/]+\/?$/

export function requestEdge() {
  const env = getEnv()
  const multiplier = Number(process.env.LEADPACT_RATE_LIMIT_MULTIPLIER ?? 1) || 1
  const router = express.Router()

  router.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: env.NODE_ENV === 'production' ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    }),
  )
  router.use((_request, response, next) => {
    onHeaders(response as ServerResponse, function (this: ServerResponse) {
      if (!this.getHeader('Content-Security-Policy')) this.setHeader('Content-Security-Policy', FALLBACK_CSP)
    })
    next()
  })

  if (env.PUBLIC_URL) {
    // Behind a proxy that rewrites Host, Remix's own Origin-vs-Host check (for document posts)
    // would refuse every form with a 500. The origin people use is PUBLIC_URL: say so to Remix
    // (and to the URL it builds) once this edge has checked the request itself.
    const publicHost = new URL(env.PUBLIC_URL).host
    router.use((request, _response, next) => {
      request.headers['x-forwarded-host'] = publicHost
      next()
    })
  }

  router.use((request, response, next) => {
    if (SAFE_METHODS.has(request.method)) return next()
    if (!CROSS_SITE_EXEMPT.test(request.path) && isCrossSite(request.headers, expectedOriginOf(request))) {
      return refuse(request, response, 403, 'cross_site', 'This request came from another site', 'For your safety Leadpact only accepts forms sent from its own pages. Go back, reload the page and send the form again.')
    }
    const maxBytes = bodyLimitFor(request.path)
    if (request.headers['transfer-encoding'] !== undefined && request.headers['content-length'] === undefined && !API.test(request.path)) {
      // Browsers always declare a form's length; a streamed body of unknown size is refused before it is read.
      response.setHeader('Connection', 'close')
      return refuse(request, response, 411, 'length_required', 'Length required', 'Send the form with a Content-Length header.')
    }
    const declared = Number(request.headers['content-length'] ?? NaN)
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Close the connection: reading the body only to discard it would be the cost we are refusing.
      response.setHeader('Connection', 'close')
      return refuse(request, response, 413, 'payload_too_large', 'Too large', `What you sent is larger than ${formatBytes(maxBytes)}, the limit here.`)
    }
    next()
  })

  if (process.env.LEADPACT_TEST_DIAGNOSTICS === '1') {
    // Test-only (never set in production): lets the fuzz test see this process's Object.prototype.
    router.get('/__test/prototype', (_request, response) => {
      const enumerable: string[] = []
      for (const key in {}) enumerable.push(key)
      response.json({ ownNames: Object.getOwnPropertyNames(Object.prototype).sort(), enumerable })
    })
  }

  router.use(limiter({ perMinute: 10, multiplier, skip: (request) => !(PUBLIC_ENTRY.test(request.path) && request.method === 'POST') }))
  router.use(limiter({ perMinute: 60, multiplier, skip: (request) => !(PUBLIC_ENTRY.test(request.path) && request.method !== 'POST') }))
  router.use(limiter({ perMinute: 300, multiplier, skip: (request) => !PUBLIC_ASSESSMENT.test(request.path) }))
  const tiered = (request: ExpressRequest) => PUBLIC_ENTRY.test(request.path) || PUBLIC_ASSESSMENT.test(request.path) || API.test(request.path)
  router.use(limiter({ perMinute: 120, multiplier, skip: (request) => SAFE_METHODS.has(request.method) || tiered(request) }))
  router.use(limiter({ perMinute: 1200, multiplier, skip: (request) => !SAFE_METHODS.has(request.method) || tiered(request) || request.path.startsWith('/build/') }))
  // A read shares "who is signed in" and "are they a member" between its loaders (request-memo.server.ts).
  router.use((request, _response, next) => (SAFE_METHODS.has(request.method) ? withRequestMemo(next) : next()))
  return router
}
