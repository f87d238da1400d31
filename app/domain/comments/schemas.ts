import { z } from 'zod'
import { plainText } from '../text'

export const COMMENT_MAX = 1000
/** The steps that carry a discussion thread. */
export const COMMENT_STEPS = ['context', 'leads', 'personas'] as const
export type CommentStep = (typeof COMMENT_STEPS)[number]

export const CommentSchema = z.object({
  intent: z.literal('add-comment'),
  body: plainText({
    max: COMMENT_MAX,
    multiline: true,
    label: 'The comment',
    error: 'Write your comment first.',
    tooLong: `Keep a comment to ${COMMENT_MAX.toLocaleString('en-US')} characters.`,
  }).min(1, 'Write your comment first.'),
})
