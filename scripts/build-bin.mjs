// Bundles the command-line entry points (the leadpact-score bin and the operator scripts) into
// build/bin/*.mjs with esbuild, so they start as plain JavaScript: no TypeScript compiler at
// run time, and tsx stays a development tool. Packages stay external (sqlite3 is native), but for
// the pure-JavaScript ones leadpact-score bundles in (below).
import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
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
  // Not commands: the CLI itself, which leadpact-score loads once it has started its worker
  // threads, and those threads' code (scripts/score-threads.ts). CommonJS, so that both can run
  // from V8's code cache (below); import.meta.url, which score-threads.ts reads, is the file's URL.
  build({
    ...options,
    entryPoints: { 'score-cli': 'scripts/score-cli.ts', 'score-worker': 'scripts/score-worker.ts' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    banner: { js: "const __fileUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__fileUrl' },
    external: external.filter((name) => !isBundled(name)),
  }),
  build({ ...options, entryPoints: entries, external }),
])
await Promise.all(['build/bin/score-cli.cjs', 'build/bin/score-worker.cjs'].map(writeCodeCache))
console.log(`Bundled ${Object.keys({ ...cliEntries, 'score-cli': '', 'score-worker': '', ...entries }).join(', ')} into build/bin/`)

/**
 * V8's code cache of a CommonJS bundle, written beside it (<file>.cache), for leadpact-score and
 * its threads to start from instead of compiling it (scripts/score-threads.ts runs it the same
 * way: module.wrap of the source). Made in a worker thread once the bundle has run (defining its
 * functions, scoring nothing), so it also holds the functions its start calls. It fits only this
 * node's V8 and flags; a node that rejects it compiles the bundle as before.
 */
function writeCodeCache(file) {
  const make = `
    const fs = require('node:fs')
    const path = require('node:path')
    const vm = require('node:vm')
    const { wrap } = require('node:module')
    const { parentPort, workerData } = require('node:worker_threads')
    const script = new vm.Script(wrap(fs.readFileSync(workerData.file, 'utf8')), { filename: workerData.file })
    const module = { exports: {} }
    script.runInThisContext()(module.exports, require, module, workerData.file, path.dirname(workerData.file))
    parentPort.postMessage(script.createCachedData())
  `
  return new Promise((resolve, reject) => {
    const worker = new Worker(make, { eval: true, workerData: { file: path.resolve(file) } })
    worker.once('error', reject)
    worker.once('message', (cache) => {
      fs.writeFileSync(`${file}.cache`, cache)
      worker.terminate().then(resolve, reject)
    })
  })
}
