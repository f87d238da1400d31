// npm run test:stress: the proof that the suite holds on a loaded machine (issue #13). A CPU-heavy
// neighbour runs the whole time while the e2e phase runs STRESS_E2E_RUNS times (default 5) and
// then the whole suite (npm test) STRESS_SUITE_RUNS times (default 3). Every run is logged with
// its result, time and the load average to test-results/stress.log, its output to
// test-results/stress/<run>.log; a summary follows, and the neighbour is stopped at the end.
//
//   STRESS_NEIGHBOUR   bench (default): `BENCH_ONLY=engine npm run bench` over and over;
//                      busy: one node busy-loop per core
//   STRESS_E2E_FILTER  a vitest filter for the e2e runs (e.g. test/e2e/foundation), to try the script
//   STRESS_BUILD=0     skip the production build before the e2e runs (the suite builds anyway)
//
// Exit status 0 when every run passed, 1 otherwise (every run is still made and logged).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const resultsDir = path.join(root, 'test-results')
const outputDir = path.join(resultsDir, 'stress')
const logFile = path.join(resultsDir, 'stress.log')

function count(name, fallback) {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, 0 or more (got "${text}").`)
    process.exit(2)
  }
  return value
}

const e2eRuns = count('STRESS_E2E_RUNS', 5)
const suiteRuns = count('STRESS_SUITE_RUNS', 3)
const e2eFilter = process.env.STRESS_E2E_FILTER?.trim() || 'test/e2e'
const neighbourKind = process.env.STRESS_NEIGHBOUR ?? 'bench'
if (neighbourKind !== 'bench' && neighbourKind !== 'busy') {
  console.error(`STRESS_NEIGHBOUR is bench or busy, not "${neighbourKind}".`)
  process.exit(2)
}
const build = process.env.STRESS_BUILD !== '0'

fs.mkdirSync(outputDir, { recursive: true })
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ')
function log(line) {
  const stamped = `${new Date().toISOString()} ${line}`
  fs.appendFileSync(logFile, `${stamped}\n`)
  console.log(`[stress] ${line}`)
}

/** The command running now (stopped with the script). */
let current

/** Runs a command to the end, its output on the console and in `outputFile`; resolves with the exit code. */
function run(command, args, { outputFile, env = {} }) {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(outputFile)
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    current = child
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      out.write(chunk)
    })
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk)
      out.write(chunk)
    })
    child.on('error', (error) => {
      out.write(`Could not start ${command}: ${error.message}\n`)
      out.end()
      current = undefined
      resolve(1)
    })
    child.on('close', (code, signal) => {
      out.end()
      current = undefined
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

/*
 * The neighbour runs in its own process group, so stopping it stops everything it started (npm,
 * tsx, the bench's worker threads and CLI children). A bench that ends is started again.
 */
const neighbours = []
let stopping = false
let neighbourRounds = 0
const neighbourLog = fs.createWriteStream(path.join(outputDir, 'neighbour.log'))

function startBench() {
  const child = spawn('npm', ['run', '--silent', 'bench'], {
    cwd: root,
    env: { ...process.env, BENCH_ONLY: 'engine' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  neighbourRounds += 1
  child.stdout.pipe(neighbourLog, { end: false })
  child.stderr.pipe(neighbourLog, { end: false })
  child.on('exit', (code, signal) => {
    neighbourLog.write(`\n[stress] bench round ${neighbourRounds} ended (${signal ?? `exit ${code}`})\n`)
    if (neighbours.includes(child)) neighbours.splice(neighbours.indexOf(child), 1)
    // A bench that fails at once would spin: wait a little before the next round.
    if (!stopping) setTimeout(() => !stopping && startBench(), code === 0 ? 0 : 2000)
  })
  neighbours.push(child)
}

function startBusyLoops() {
  const cores = os.availableParallelism()
  for (let index = 0; index < cores; index += 1) {
    const child = spawn(process.execPath, ['-e', 'for (;;) { Math.sqrt(Math.random()) }'], { stdio: 'ignore', detached: true })
    neighbours.push(child)
  }
  neighbourRounds = cores
}

function stopNeighbours() {
  stopping = true
  for (const child of neighbours) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  neighbourLog.end()
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`stopped by ${signal}`)
    stopNeighbours()
    current?.kill('SIGTERM')
    process.exit(130)
  })
}

const results = []
async function measured(kind, index, total, command, args, env) {
  const name = `${kind}-${index}`
  const started = performance.now()
  log(`${name} of ${total} started: ${[command, ...args].join(' ')} (load ${load()})`)
  const code = await run(command, args, { outputFile: path.join(outputDir, `${name}.log`), env })
  const took = performance.now() - started
  const passed = code === 0
  results.push({ kind, index, passed, took })
  log(`${name} of ${total} ${passed ? 'PASSED' : `FAILED (exit ${code}, output in test-results/stress/${name}.log)`} in ${seconds(took)} (load ${load()})`)
  return passed
}

log(`start: ${e2eRuns} e2e run(s) of ${e2eFilter}, ${suiteRuns} suite run(s), neighbour ${neighbourKind}, ${os.availableParallelism()} cores`)
if (build && e2eRuns > 0) {
  log('building the production build for the e2e runs (no neighbour yet)')
  const code = await run('npm', ['run', '--silent', 'build'], { outputFile: path.join(outputDir, 'build.log') })
  if (code !== 0) {
    log(`the build failed (exit ${code}, output in test-results/stress/build.log): nothing was run`)
    process.exit(1)
  }
}

if (neighbourKind === 'bench') startBench()
else startBusyLoops()
log(`neighbour started (${neighbourKind === 'bench' ? 'BENCH_ONLY=engine npm run bench, restarted when it ends' : `${neighbours.length} busy loops`})`)

try {
  for (let index = 1; index <= e2eRuns; index += 1) {
    await measured('e2e', index, e2eRuns, 'npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', ...e2eFilter.split(/\s+/)])
  }
  for (let index = 1; index <= suiteRuns; index += 1) {
    await measured('suite', index, suiteRuns, 'node', ['./scripts/test.mjs'])
  }
} finally {
  const rounds = neighbourKind === 'bench' ? `${neighbourRounds} bench round(s) started` : `${neighbourRounds} busy loops`
  stopNeighbours()
  log(`neighbour stopped (${rounds}; its output in test-results/stress/neighbour.log)`)
}

function summary(kind) {
  const runs = results.filter((result) => result.kind === kind)
  if (runs.length === 0) return `${kind}: not run`
  const passed = runs.filter((result) => result.passed).length
  const times = runs.map((result) => `${result.passed ? '✔' : '✖'} ${seconds(result.took)}`).join(', ')
  return `${kind}: ${passed} of ${runs.length} passed (${times})`
}
const allPassed = results.every((result) => result.passed)
log(`summary: ${summary('e2e')}; ${summary('suite')}`)
console.log(`\n${allPassed ? '✔' : '✖'} ${summary('e2e')}\n${allPassed ? '✔' : '✖'} ${summary('suite')}\nLog: test-results/stress.log`)
process.exit(allPassed ? 0 : 1)
