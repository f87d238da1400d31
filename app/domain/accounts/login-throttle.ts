/**
 * Failed log-ins per account (the key is the normalised email, known or not, so a lock says
 * nothing about which emails have accounts). After `maxFailures` failures within `windowMs`,
 * the email is refused for `lockoutMs`, whether or not the next password is right: that caps
 * online guessing at about 10 tries per 15 minutes per account (OWASP ASVS 2.2.1). Per-IP limits
 * at the server edge are a separate layer.
 */
export type LoginLimits = { maxFailures: number; windowMs: number; lockoutMs: number }

export const LOGIN_LIMITS: LoginLimits = { maxFailures: 10, windowMs: 15 * 60 * 1000, lockoutMs: 15 * 60 * 1000 }

export type LoginAttempts = { readonly failedAt: readonly number[]; readonly lockedUntil: number | null }

/** Milliseconds until the email may try again; 0 when it is not locked. */
export function lockRemainingMs(attempts: LoginAttempts | undefined, now: number): number {
  if (!attempts?.lockedUntil) return 0
  return Math.max(0, attempts.lockedUntil - now)
}

/** The record after one more failure at `now`: the failures still inside the window, or a lock. */
export function withFailure(attempts: LoginAttempts | undefined, now: number, limits: LoginLimits): LoginAttempts {
  const failedAt = [...recentFailures(attempts, now, limits), now]
  if (failedAt.length >= limits.maxFailures) return { failedAt: [], lockedUntil: now + limits.lockoutMs }
  return { failedAt, lockedUntil: null }
}

/** True when the record no longer affects anything and can be dropped. */
export function isForgotten(attempts: LoginAttempts, now: number, limits: LoginLimits): boolean {
  return lockRemainingMs(attempts, now) === 0 && recentFailures(attempts, now, limits).length === 0
}

function recentFailures(attempts: LoginAttempts | undefined, now: number, limits: LoginLimits): number[] {
  return (attempts?.failedAt ?? []).filter((at) => now - at < limits.windowMs)
}

/** Whole seconds for a Retry-After header (never 0 while locked). */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000))
}
