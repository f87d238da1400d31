import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { createCookie, type HeadersFunction } from '@remix-run/node'
import type { z } from 'zod'
import { getEnv } from '~/http/env.server'

/*
 * A secret the next page shows exactly once, after the Post/Redirect/Get of the form that made
 * it (a new invite link, a new API token). It travels in a cookie, never in the URL: a URL ends
 * up in browser history, server and proxy logs and Referer headers. The cookie is httpOnly,
 * sent only to the one page that shows it (Path), lives five minutes at most, and is encrypted
 * (AES-256-GCM, a key derived from SESSION_SECRET), so even a logged Cookie header does not
 * carry the token in the clear. The page's loader reads it once and clears it.
 */

const MAX_AGE_SECONDS = 5 * 60

let key: Buffer | undefined

function cookieSettings() {
  const env = getEnv()
  const secure = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  key ??= Buffer.from(hkdfSync('sha256', env.SESSION_SECRET ?? 'leadpact-development-only-secret', 'leadpact', 'one-time secret cookie', 32))
  // __Secure- (not __Host-, which demands Path=/): a path of its own keeps it off every other page.
  return { name: secure ? '__Secure-once' : '__once', secure, key }
}

function secretCookie(path: string) {
  const { name, secure } = cookieSettings()
  // Strict: it is only ever needed on the same-site redirect right after the post.
  return createCookie(name, { httpOnly: true, path, sameSite: 'strict', secure, maxAge: MAX_AGE_SECONDS })
}

function seal(payload: unknown): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', cookieSettings().key, iv)
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')
}

function unseal(text: string): unknown {
  try {
    const bytes = Buffer.from(text, 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', cookieSettings().key, bytes.subarray(0, 12))
    decipher.setAuthTag(bytes.subarray(12, 28))
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'))
  } catch {
    // Tampered with, or sealed under another SESSION_SECRET: as good as absent.
    return undefined
  }
}

/** The Set-Cookie header that hands `secret` to the page at `path`, for `userId` only, once. */
export async function oneTimeSecretCookie({ path, userId, secret, now = Date.now() }: { path: string; userId: string; secret: unknown; now?: number }): Promise<string> {
  return secretCookie(path).serialize(seal({ path, userId, expiresAt: now + MAX_AGE_SECONDS * 1000, secret }))
}

/**
 * The secret waiting for this page and person, if any, and the header that clears the cookie
 * (whenever one came, shown or not): a reload, or anyone else, sees nothing.
 */
export async function takeOneTimeSecret<S extends z.ZodType>(
  request: Request,
  { path, userId, schema, now = Date.now() }: { path: string; userId: string; schema: S; now?: number },
): Promise<{ secret: z.output<S> | null; headers?: HeadersInit }> {
  const cookie = secretCookie(path)
  const header = request.headers.get('Cookie')
  if (!header?.includes(`${cookie.name}=`)) return { secret: null }
  const sealed = (await cookie.parse(header)) as unknown
  const clear = { 'Set-Cookie': await cookie.serialize('', { maxAge: 0, expires: new Date(0) }) }
  const opened = typeof sealed === 'string' ? (unseal(sealed) as { path?: unknown; userId?: unknown; expiresAt?: unknown; secret?: unknown } | undefined) : undefined
  const fresh = opened && opened.path === path && opened.userId === userId && typeof opened.expiresAt === 'number' && opened.expiresAt > now
  const parsed = fresh ? schema.safeParse(opened.secret) : undefined
  if (!parsed?.success) return { secret: null, headers: clear }
  // The page now holds the secret: neither the browser (back button, a shared computer) nor a proxy may keep it.
  return { secret: parsed.data as z.output<S>, headers: { ...clear, 'Cache-Control': 'private, no-store' } }
}

/** The `headers` export of a page that may show a secret: the loader's Cache-Control reaches the document. */
export const secretPageHeaders: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers()
  const cacheControl = loaderHeaders.get('Cache-Control')
  if (cacheControl) headers.set('Cache-Control', cacheControl)
  return headers
}
