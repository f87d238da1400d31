const BASE = 'http://leadpact.invalid'
// A Location header carries visible ASCII only; anything else (CR/LF, tabs, non-Latin-1) would throw in Headers.
const HEADER_SAFE = /^[\x21-\x7e]*$/

/**
 * Only paths on our own origin. The target is resolved with the URL parser, as the browser
 * will: it drops tabs and newlines, so `/%09/evil.example` decoded to `/\t/evil.example` means
 * `//evil.example` and must not pass; `/.//evil.example` normalises to a protocol-relative path.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/workshops'): string {
  if (!to || typeof to !== 'string' || !to.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(to, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const target = `${url.pathname}${url.search}${url.hash}`
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || !HEADER_SAFE.test(target)) return fallback
  return target
}
