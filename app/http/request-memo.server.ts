import { AsyncLocalStorage } from 'node:async_hooks'

/*
 * What one page view asks more than once, read once. A document request runs the root, workshop
 * and page loaders, and each of them asks "who is signed in?" and "is this a member?": the same
 * cookie check and the same statements three times. The request edge opens a memo for every GET
 * and HEAD (never for a post: an action changes what a later read in the same request must see),
 * and the readers below share their first answer for the rest of that request.
 */
const memo = new AsyncLocalStorage<Map<string, Promise<unknown>>>()

/** Runs `next` (the rest of a read-only request) with a fresh memo. */
export function withRequestMemo<T>(next: () => T): T {
  return memo.run(new Map(), next)
}

/** `read()`'s answer for `key`, computed once per request; outside a request's memo, every call reads. */
export function readOncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const store = memo.getStore()
  if (!store) return read()
  const known = store.get(key)
  if (known) return known as Promise<T>
  const answer = read()
  store.set(key, answer)
  return answer
}
