import { createCookieSessionStorage } from '@remix-run/node'
import { z } from 'zod'
import { getEnv } from '~/http/env.server'

/** A message for the next page the person sees, exactly once (a cookie read and cleared by the root loader). */
export const FlashSchema = z.object({ tone: z.enum(['success', 'warn', 'error']), text: z.string().max(500) })
export type Flash = z.infer<typeof FlashSchema>

type FlashData = { message: Flash }

let storage: ReturnType<typeof createCookieSessionStorage<FlashData, FlashData>> | undefined

function flashStorage() {
  if (storage) return storage
  const env = getEnv()
  const secure = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  storage = createCookieSessionStorage<FlashData, FlashData>({
    cookie: {
      // __Host-: only this exact origin over HTTPS can set it (no subdomain can plant a message).
      name: secure ? '__Host-flash' : '__flash',
      httpOnly: true,
      path: '/',
      sameSite: 'lax',
      secure,
      secrets: [env.SESSION_SECRET ?? 'leadpact-development-only-secret'],
    },
  })
  return storage
}

export async function flashCookie(flash: Flash): Promise<string> {
  const session = await flashStorage().getSession()
  session.flash('message', flash)
  return flashStorage().commitSession(session)
}

/** The pending message, and the header that clears it (only when there was one). */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers?: HeadersInit }> {
  const cookie = request.headers.get('Cookie')
  if (!cookie?.includes('flash=')) return { flash: null }
  const session = await flashStorage().getSession(cookie)
  const parsed = FlashSchema.safeParse(session.get('message'))
  return { flash: parsed.success ? parsed.data : null, headers: { 'Set-Cookie': await flashStorage().commitSession(session) } }
}
