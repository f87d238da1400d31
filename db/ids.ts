import { randomBytes } from 'node:crypto'

/** URL-safe random ids: 16 bytes of entropy are unguessable, so ids can appear in links. */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}
