// npm test: every check in order, one phase at a time, stopping at the first that fails, with
// each phase's time (the suite's slow parts should be visible, not guessed).
// Phases that need the production build (integration, e2e) come after it.
import { spawn } from 'node:child_process'

const phases = [
  { name: 'chromium', command: ['node', './scripts/ensure-chromium.mjs'] },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  // The same scripts a developer runs alone: npm run test:unit, test:integration, test:e2e.
  { name: 'unit', command: ['npm', 'run', '--silent', 'test:unit'] },
  { name: 'integration', command: ['npm', 'run', '--silent', 'test:integration'] },
  { name: 'e2e', command: ['npm', 'run', '--silent', 'test:e2e'] },
]

function run([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const times = []
const started = performance.now()
for (const phase of phases) {
  console.log(`\n▶ ${phase.name}: ${phase.command.join(' ')}`)
  const phaseStarted = performance.now()
  const code = await run(phase.command)
  const took = performance.now() - phaseStarted
  times.push(`${phase.name}: ${seconds(took)}`)
  console.log(`${phase.name}: ${seconds(took)}`)
  if (code !== 0) {
    console.error(`\n✖ ${phase.name} failed (exit code ${code}); later phases did not run.\n${times.join('\n')}`)
    process.exit(code)
  }
}
console.log(`\n✔ all phases passed in ${seconds(performance.now() - started)}\n${times.join('\n')}`)
