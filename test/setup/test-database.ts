import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { getStore, type Store } from '#db/client.server'
import { createUser } from '~/models/user.server'
import { sessionCookieFor } from '~/http/session.server'

/**
 * Gives the test file its own freshly migrated SQLite file: the app's models (which use the
 * process-wide store) then read and write it. Returns a getter for the open store.
 */
export function useTestDatabase() {
  let dir = ''
  let store: Store | undefined
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-test-'))
    process.env.DATABASE_PATH = path.join(dir, 'test.db')
    ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
    store = await getStore()
  })
  afterAll(async () => {
    await store?.close()
    ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    if (!store) throw new Error('The test database is not open yet (use it inside a test or hook).')
    return store
  }
}

/** A urlencoded POST, as a browser without JavaScript sends it. */
export function formRequest(url: string, fields: Record<string, string>, init: { cookie?: string } = {}) {
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(init.cookie ? { Cookie: init.cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  })
}

export function getRequest(url: string, init: { cookie?: string } = {}) {
  return new Request(`http://localhost${url}`, { headers: init.cookie ? { Cookie: init.cookie } : {} })
}

/** The cookie header a browser would send back after this response. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('Set-Cookie')
  if (!setCookie) throw new Error('The response set no cookie')
  return setCookie.split(';')[0]!
}

/** A signed-up person and the Cookie header of a fresh session, for calling loaders and actions. */
export async function person(email: string) {
  const created = await createUser({ email, name: email.split('@')[0]!, password: 'a long enough password' })
  if (!created.ok) throw new Error(`could not create ${email}`)
  return { ...created.value, cookie: (await sessionCookieFor(created.value.id)).split(';')[0]! }
}
