import { and, eq, gt } from 'drizzle-orm'
import { sessions, users } from '#db/schema'
import { newId } from '#db/ids'
import { database } from '~/db.server'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.server'

export type User = { id: string; email: string; name: string }

const SESSION_DAYS = 30

export async function getUserById(id: string): Promise<User | undefined> {
  const { db } = await database()
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id))
  return user
}

export async function createUser(input: { email: string; name: string; password: string }) {
  const { db, transaction } = await database()
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

export async function verifyLogin(input: { email: string; password: string }): Promise<User | undefined> {
  const { db } = await database()
  const [row] = await db.select().from(users).where(eq(users.email, input.email))
  // Hash even for an unknown email: the response time must not reveal which emails exist.
  const valid = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH)
  if (!row || !valid) return undefined
  return { id: row.id, email: row.email, name: row.name }
}

export async function createSession(userId: string, now = new Date()) {
  const { db } = await database()
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000)
  const [session] = await db.insert(sessions).values({ id: newId(), userId, expiresAt }).returning({ id: sessions.id, expiresAt: sessions.expiresAt })
  return session!
}

export async function getSessionUser(sessionId: string, now = new Date()): Promise<User | undefined> {
  const { db } = await database()
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)))
  return row
}

export async function deleteSession(sessionId: string) {
  const { db } = await database()
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}
