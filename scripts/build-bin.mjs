// Bundles the command-line entry points (the leadpact-score bin and the operator scripts) into
// build/bin/*.mjs with esbuild, so they start as plain JavaScript: no TypeScript compiler at
// run time, and tsx stays a development tool. Packages stay external (sqlite3 is native).
import fs from 'node:fs'
import { build } from 'esbuild'

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'))
// Every installed package stays an import (its subpaths too); our own `~/` and `#db/` paths are bundled.
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((name) => [name, `${name}/*`])

const entries = {
  'leadpact-score': 'scripts/leadpact-score.ts',
  // Not a command: leadpact-score's worker threads, which it starts from this file beside it.
  'score-worker': 'scripts/score-worker.ts',
  migrate: 'scripts/migrate.ts',
  backup: 'scripts/backup.ts',
  'reset-password': 'scripts/reset-password.ts',
  // Not commands: the server's worker threads (the back-test, the API's scoring), which it starts
  // from these files (app/http/worker-file.server.ts names them).
  'backtest-worker': 'app/backtest/worker.ts',
  'api-score-worker': 'app/http/api-score-worker.ts',
}

await build({
  entryPoints: entries,
  outdir: 'build/bin',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  tsconfig: 'tsconfig.json',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
})
console.log(`Bundled ${Object.keys(entries).join(', ')} into build/bin/`)
