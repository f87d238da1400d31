import { getStore } from '#db/client.server'

/** The app's database handle and transaction helper (see db/client.server.ts for why writes share one lock). */
export async function database() {
  const store = await getStore()
  return { db: store.db, transaction: store.transaction, changeCounter: store.changeCounter }
}
