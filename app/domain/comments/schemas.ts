import { z } from 'zod'

export const COMMENT_MAX = 1000
/** The steps that carry a discussion thread. */
export const COMMENT_STEPS = ['context', 'leads', 'personas'] as const
export type CommentStep = (typeof COMMENT_STEPS)[number]

export const CommentSchema = z.object({
  intent: z.literal('add-comment'),
  body: z
    .string({ error: 'Write your comment first.' })
    .trim()
    .min(1, 'Write your comment first.')
    .max(COMMENT_MAX, `Keep a comment to ${COMMENT_MAX.toLocaleString('en-US')} characters.`),
})
