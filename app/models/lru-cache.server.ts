/**
 * A bounded map that forgets the least recently used entry first, for values worked out from the
 * database that the process keeps between requests (ADR 013). `getOrCreate` shares one
 * computation between the requests that ask for a key while it runs, and keeps nothing when it
 * fails, so the next request tries again.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Promise<V>>()

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error(`An LRU cache holds at least one entry, not ${capacity}`)
  }

  get size() {
    return this.#entries.size
  }

  /** The value for `key`, made by `create` when it is not kept (or being made) yet. */
  getOrCreate(key: K, create: () => Promise<V>): Promise<V> {
    const kept = this.#entries.get(key)
    if (kept) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key)
      this.#entries.set(key, kept)
      return kept
    }
    // Started on the next microtask, so a create that throws rejects like one that fails later.
    const made = Promise.resolve().then(create)
    this.#entries.set(key, made)
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!)
    made.catch(() => {
      if (this.#entries.get(key) === made) this.#entries.delete(key)
    })
    return made
  }

  delete(key: K) {
    this.#entries.delete(key)
  }

  clear() {
    this.#entries.clear()
  }
}
