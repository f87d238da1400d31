// Bundles the command-line entry points (the leadpact-score bin and the operator scripts) into
// build/bin/*.mjs with esbuild, so they start as plain JavaScript: no TypeScript compiler at
// run time, and tsx stays a development tool. Packages stay external (sqlite3 is native), but for
// the pure-JavaScript ones leadpact-score bundles in (below).
import fs from 'node:fs'
import { build } from 'esbuild'

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'))
// Every installed package stays an import (its subpaths too); our own `~/` and `#db/` paths are bundled.
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((name) => [name, `${name}/*`])

// leadpact-score, its worker threads and a back-test's worker threads start for every run, and a
// worker thread's start (each loads its bundle) is time before any lead is scored: zod's ~100
// module files took ~60 ms of it per thread, read and linked one by one. So these entries bundle
// their pure-JavaScript packages in.
const cliBundled = ['zod', 'papaparse']
const cliEntries = {
  'leadpact-score': 'scripts/leadpact-score.ts',
  // Not a command: the CLI itself, which leadpact-score loads once it has started its worker
  // threads (scripts/score-threads.ts), so that the bin's own file is small and starts at once.
  'score-cli': 'scripts/score-cli.ts',
  // Not a command: leadpact-score's worker threads, which it starts from this file beside it.
  'score-worker': 'scripts/score-worker.ts',
  // Not a command: a back-test's worker threads, which the server starts (app/http/worker-file.server.ts).
  'backtest-worker': 'app/backtest/worker.ts',
}
const entries = {
  migrate: 'scripts/migrate.ts',
  backup: 'scripts/backup.ts',
  'reset-password': 'scripts/reset-password.ts',
  // Not a command: the API's scoring worker thread, which the server starts once (app/http/worker-file.server.ts).
  'api-score-worker': 'app/http/api-score-worker.ts',
}

const options = {
  outdir: 'build/bin',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  tsconfig: 'tsconfig.json',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
}
const isBundled = (name) => cliBundled.some((bundled) => name === bundled || name.startsWith(`${bundled}/`))
await Promise.all([
  build({
    ...options,
    entryPoints: cliEntries,
    external: external.filter((name) => !isBundled(name)),
    // papaparse's Node stream reading calls require('stream'), which an ES module has only when given one.
    banner: { js: `${options.banner.js}\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);` },
  }),
  build({ ...options, entryPoints: entries, external }),
])
console.log(`Bundled ${Object.keys({ ...cliEntries, ...entries }).join(', ')} into build/bin/`)
