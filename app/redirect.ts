/** Only same-site paths: an attacker must not turn our login into an open redirect. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/workshops'): string {
  if (!to || typeof to !== 'string') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
