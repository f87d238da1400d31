import { CommentSchema, type CommentStep } from '~/domain/comments/schemas'
import { validateFormData } from '~/http/form.server'
import { addComment } from '~/models/comment.server'
import { backTo, invalid, redirectWithFlash } from './actions.server'
import { requireCapability, type MemberContext } from './permissions.server'

/** The `add-comment` intent every step with a discussion shares (context, leads, personas). */
export async function addCommentIntent({ request, member, formData, step }: { request: Request; member: MemberContext; formData: FormData; step: CommentStep }) {
  requireCapability(member.role, 'comment')
  const parsed = validateFormData(formData, CommentSchema)
  if (!parsed.ok) return invalid('comment', parsed)
  await addComment({ workshopId: member.workshopId, step, authorId: member.user.id, body: parsed.data.body })
  return redirectWithFlash(backTo(request, 'comments-heading'), 'Comment posted.')
}
