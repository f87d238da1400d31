import { acceptInvite } from '~/models/invite.server'
import { flashCookie } from './flash.server'

/** The address of an invite's page, as the invite page sends people to sign up or log in (`?redirectTo=/invites/…`). */
const INVITE_PAGE = /^\/invites\/([^/?#]+)$/

/**
 * After signing up or logging in from an invite's page ("Sign up to join", "I have an account"),
 * the person has already said they want in: join at once and land in the workshop, instead of
 * on the invite again with a second "Join" button. An invite that no longer works sends them
 * back to its page, which says why.
 */
export async function joinFromInvite(redirectTo: string, userId: string): Promise<{ to: string; setCookie: string } | undefined> {
  const token = INVITE_PAGE.exec(redirectTo)?.[1]
  if (!token) return undefined
  const joined = await acceptInvite({ token: decodeURIComponent(token), userId })
  if (!joined.ok) return undefined
  const text = joined.alreadyMember ? 'You are already a member of this workshop.' : 'You joined the workshop.'
  return { to: `/workshops/${joined.workshopId}`, setCookie: await flashCookie({ tone: 'success', text }) }
}

/** A log-in or sign-up answer (a redirect that starts the session) that also joins the invite it came from. */
export async function startSessionAndJoin(userId: string, redirectTo: string, start: (to: string) => Promise<Response>): Promise<Response> {
  const joined = await joinFromInvite(redirectTo, userId)
  const response = await start(joined?.to ?? redirectTo)
  if (joined) response.headers.append('Set-Cookie', joined.setCookie)
  return response
}
