import { and, asc, eq } from 'drizzle-orm'
import { comments, users } from '#db/schema'
import { newId } from '#db/ids'
import type { CommentStep } from '~/domain/comments/schemas'
import { database } from '~/models/db.server'

/** A step's discussion, oldest first: what the room said that does not fit a field. */
export async function listComments(input: { workshopId: string; step: CommentStep }) {
  const { db } = await database()
  return db
    .select({ id: comments.id, body: comments.body, authorName: users.name, createdAt: comments.createdAt })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.workshopId, input.workshopId), eq(comments.step, input.step)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
}

export async function addComment(input: { workshopId: string; step: CommentStep; authorId: string; body: string; now?: Date }) {
  const { db } = await database()
  const [row] = await db
    .insert(comments)
    .values({ id: newId(), workshopId: input.workshopId, step: input.step, authorId: input.authorId, body: input.body, ...(input.now ? { createdAt: input.now } : {}) })
    .returning({ id: comments.id })
  return row!
}
