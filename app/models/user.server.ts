import { and, count, eq, gt, lte, sql as rawSql } from 'drizzle-orm'
import { sessions, users } from '#db/schema'
import { newId } from '#db/ids'
import { database } from '~/models/db.server'
import {
  isForgotten,
  LOGIN_LIMITS,
  lockRemainingMs,
  retryAfterSeconds,
  withFailure,
  type LoginAttempts,
  type LoginLimits,
} from '~/domain/accounts/login-throttle'
import { absoluteExpiresAt, refreshedExpiresAt, slidingExpiresAt } from '~/domain/accounts/session-expiry'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.server'

export type User = { id: string; email: string; name: string }

type Locked = { ok: false; reason: 'locked'; retryAfterSeconds: number }
export type LoginResult = { ok: true; value: User } | { ok: false; reason: 'wrong-credentials' } | Locked
export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong-password' } | Locked

export async function getUserById(id: string): Promise<User | undefined> {
  const { db } = await database()
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id))
  return user
}

export async function createUser(input: { email: string; name: string; password: string }) {
  const { db, transaction } = await database()
  // Hashed before we know whether the email is taken, so both answers take as long.
  const passwordHash = await hashPassword(input.password)
  return transaction(async (): Promise<{ ok: true; value: User } | { ok: false; reason: 'email-taken' }> => {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email))
    if (existing) return { ok: false, reason: 'email-taken' }
    const [user] = await db
      .insert(users)
      .values({ id: newId(), email: input.email, name: input.name, passwordHash })
      .returning({ id: users.id, email: users.email, name: users.name })
    return { ok: true, value: user! }
  })
}

/*
 * Failed log-ins per email, in this process's memory: a restart forgets them and several
 * processes would each allow their own quota. Both are acceptable next to the per-IP limits at
 * the server edge; what this adds is a cap per account that no spread of IPs gets around.
 */
const loginAttempts = new Map<string, LoginAttempts>()
const MAX_TRACKED_EMAILS = 50_000
let loginLimits: LoginLimits = LOGIN_LIMITS

/** Sets the failed-login limits (the defaults when called without) and forgets every count: for tests. */
export function configureLoginThrottle(limits: Partial<LoginLimits> = {}) {
  loginLimits = { ...LOGIN_LIMITS, ...limits }
  loginAttempts.clear()
}

function recordAttempt(key: string, at: number) {
  const next = withFailure(loginAttempts.get(key), at, loginLimits)
  loginAttempts.delete(key) // re-inserted last: the Map's order is then least recently tried first
  loginAttempts.set(key, next)
  if (loginAttempts.size <= MAX_TRACKED_EMAILS) return
  for (const [email, attempts] of loginAttempts) if (isForgotten(attempts, at, loginLimits)) loginAttempts.delete(email)
  for (const email of loginAttempts.keys()) {
    if (loginAttempts.size <= MAX_TRACKED_EMAILS) break
    loginAttempts.delete(email)
  }
}

/**
 * Checks a password against a stored hash under the email's failed-login throttle. The try is
 * counted before hashing (and forgiven on success), so parallel guesses cannot all start
 * before the first one fails. A locked email is refused without hashing, right password or not.
 */
async function throttledVerify(email: string, password: string, passwordHash: string | undefined, now: Date) {
  const key = email.trim().toLowerCase()
  const remainingMs = lockRemainingMs(loginAttempts.get(key), now.getTime())
  if (remainingMs > 0) return { ok: false, reason: 'locked', retryAfterSeconds: retryAfterSeconds(remainingMs) } as const
  recordAttempt(key, now.getTime())
  // Hash even for an unknown email: the response time must not reveal which emails exist.
  const valid = await verifyPassword(password, passwordHash ?? DUMMY_HASH)
  if (!valid || !passwordHash) return { ok: false } as const
  loginAttempts.delete(key)
  return { ok: true } as const
}

export async function verifyLogin(input: { email: string; password: string }, now = new Date()): Promise<LoginResult> {
  const { db } = await database()
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email))
  const verified = await throttledVerify(input.email, input.password, row?.passwordHash, now)
  if (verified.ok && row) return { ok: true, value: { id: row.id, email: row.email, name: row.name } }
  if (verified.reason === 'locked') return verified
  return { ok: false, reason: 'wrong-credentials' }
}

/**
 * Replaces the password after checking the current one (under the same throttle as log-in, or
 * a stolen session could guess the password here) and ends every session of the user, this
 * one included: the caller starts a fresh one.
 */
export async function changePassword(
  input: { userId: string; currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<ChangePasswordResult> {
  const { db } = await database()
  const [row] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId))
  if (!row) return { ok: false, reason: 'wrong-password' }
  const verified = await throttledVerify(row.email, input.currentPassword, row.passwordHash, now)
  if (!verified.ok) return verified.reason === 'locked' ? verified : { ok: false, reason: 'wrong-password' }
  await replacePassword({ userId: input.userId, password: input.newPassword, now })
  return { ok: true }
}

/** The operator's reset (scripts/reset-password.ts): a new password and no sessions left. */
export async function resetPassword(input: { email: string; password: string }, now = new Date()) {
  const { db } = await database()
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email.trim().toLowerCase()))
  if (!row) return { ok: false, reason: 'unknown-email' } as const
  const sessionsEnded = await replacePassword({ userId: row.id, password: input.password, now })
  return { ok: true, sessionsEnded } as const
}

async function replacePassword({ userId, password, now }: { userId: string; password: string; now: Date }) {
  const { db, transaction } = await database()
  const passwordHash = await hashPassword(password)
  return transaction(async () => {
    await db
      .update(users)
      .set({ passwordHash, updatedAt: now, revision: rawSql`${users.revision} + 1` })
      .where(eq(users.id, userId))
    const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
    return ended.length
  })
}

export async function createSession(userId: string, now = new Date()) {
  const { db } = await database()
  // A user's expired sessions go at their next log-in, so the table does not grow forever.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, now)))
  const expiresAt = slidingExpiresAt({ createdAt: now }, now)
  const [session] = await db
    .insert(sessions)
    .values({ id: newId(), userId, createdAt: now, expiresAt })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt })
  return { ...session!, absoluteExpiresAt: absoluteExpiresAt({ createdAt: now }) }
}

/** The session's user, or undefined once it has expired; a use moves the idle expiry on. */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<User | undefined> {
  const { db } = await database()
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionCreatedAt: sessions.createdAt,
      sessionExpiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)))
  if (!row) return undefined
  const next = refreshedExpiresAt({ createdAt: row.sessionCreatedAt, expiresAt: row.sessionExpiresAt }, now)
  if (next) await db.update(sessions).set({ expiresAt: next }).where(eq(sessions.id, sessionId))
  return { id: row.id, email: row.email, name: row.name }
}

export async function countActiveSessions(userId: string, now = new Date()): Promise<number> {
  const { db } = await database()
  const [row] = await db
    .select({ active: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
  return row?.active ?? 0
}

export async function deleteSession(sessionId: string) {
  const { db } = await database()
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}

/** Ends every session of the user (log out everywhere); returns how many there were. */
export async function deleteUserSessions(userId: string): Promise<number> {
  const { db } = await database()
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
  return ended.length
}
