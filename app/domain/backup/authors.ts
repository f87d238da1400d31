/*
 * People named in an imported backup become non-account authors (ADR 008): a users row that
 * keeps their name on what they wrote, signed and published, but is nobody's login.
 */

/** Not a scrypt hash, so password verification answers false for every password, without throwing. */
export const NON_ACCOUNT_PASSWORD_HASH = '!'

/** `.invalid` is reserved (RFC 2606): no real mailbox, and so no real account, can ever have this address. */
export const NON_ACCOUNT_EMAIL_DOMAIN = 'authors.leadpact.invalid'

/** The unique placeholder address of one non-account author; `token` is random and lower-case. */
export function nonAccountAuthorEmail(token: string): string {
  return `imported-${token}@${NON_ACCOUNT_EMAIL_DOMAIN}`
}
