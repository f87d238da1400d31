/**
 * How long a session lives. A session ends after 12 idle hours, and 30 days after log-in at
 * the latest, however busy it is (OWASP ASVS 3.3.1/3.3.2: an idle and an absolute timeout).
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000

/**
 * Every request would otherwise write the session row; moving the expiry only when it is more
 * than five minutes behind keeps a page view a pure read, at the cost of an idle timeout that
 * is up to five minutes short.
 */
export const SESSION_REFRESH_AFTER_MS = 5 * 60 * 1000

/** When a session used at `now` expires: 12 hours on, but never beyond its absolute limit. */
export function slidingExpiresAt(session: { createdAt: Date }, now: Date): Date {
  return new Date(Math.min(absoluteExpiresAt(session).getTime(), now.getTime() + SESSION_IDLE_MS))
}

export function absoluteExpiresAt(session: { createdAt: Date }): Date {
  return new Date(session.createdAt.getTime() + SESSION_ABSOLUTE_MS)
}

/**
 * The new expiry to store after a use at `now`, or undefined when the stored one is close
 * enough. It also pulls in an expiry that lies too far ahead (sessions from before the idle
 * timeout existed carried 30 days).
 */
export function refreshedExpiresAt(session: { createdAt: Date; expiresAt: Date }, now: Date): Date | undefined {
  const next = slidingExpiresAt(session, now)
  return Math.abs(next.getTime() - session.expiresAt.getTime()) > SESSION_REFRESH_AFTER_MS ? next : undefined
}
