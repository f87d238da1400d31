// Applies the committed drizzle-kit migrations to DATABASE_PATH (the server also does this on start).
import { openStore } from '../db/client.server'

const file = process.env.DATABASE_PATH ?? 'data/leadpact.db'
const store = await openStore(file)
await store.migrate()
await store.close()
console.log(`Migrated ${file}`)
