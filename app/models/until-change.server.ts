import { database } from '~/models/db.server'

/**
 * Keeps a value worked out from a workshop's data until anything is written to the database:
 * SQLite's data_version (store.changeCounter) moves on every commit, by this process or another,
 * so a kept value is never older than the last write (ADR 013). Requests that ask while the value
 * is being worked out share that one computation; a failed one is not kept. Bounded: the least
 * recently used workshop is forgotten first.
 *
 * The value is shared between requests: callers must not change it.
 */
export function keptUntilChange<T>(capacity = 500) {
  const entries = new Map<string, { changeCounter: number; value: Promise<T> }>()
  return {
    async get(workshopId: string, compute: () => Promise<T>): Promise<T> {
      const { changeCounter } = await database()
      // Read before computing: a write that lands while the value is being made moves the counter,
      // and the next request makes it again.
      const counter = await changeCounter()
      const kept = entries.get(workshopId)
      entries.delete(workshopId)
      if (kept && kept.changeCounter === counter) {
        entries.set(workshopId, kept)
        return kept.value
      }
      const entry = { changeCounter: counter, value: Promise.resolve().then(compute) }
      entries.set(workshopId, entry)
      if (entries.size > capacity) entries.delete(entries.keys().next().value!)
      entry.value.catch(() => {
        if (entries.get(workshopId) === entry) entries.delete(workshopId)
      })
      return entry.value
    },
    get size() {
      return entries.size
    },
    clear() {
      entries.clear()
    },
  }
}
