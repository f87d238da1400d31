// npm run backup -- out.db: a consistent copy of the live database through SQLite's online
// backup API, safe while the app is serving (a plain file copy could catch a half-written WAL).
import fs from 'node:fs'
import { openStore } from '../db/client.server'

const target = process.argv[2]
if (!target) {
  console.error('Usage: npm run backup -- <output file>   (reads DATABASE_PATH, default data/leadpact.db)')
  process.exit(2)
}
const source = process.env.DATABASE_PATH ?? 'data/leadpact.db'
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}. Set DATABASE_PATH to the live database file.`)
  process.exit(2)
}
if (fs.existsSync(target)) {
  console.error(`${target} already exists; choose a new file name so no backup is overwritten.`)
  process.exit(2)
}
const store = await openStore(source)
await store.backupTo(target)
await store.close()
console.log(`Backed up ${source} to ${target} (${fs.statSync(target).size} bytes)`)
