#!/usr/bin/env node
// The leadpact-score bin (DESIGN §8). The CLI and the engine it shares with the app are
// TypeScript, so tsx compiles them on the fly; the logic lives in score-cli.ts.
import { register } from 'tsx/esm/api'

register()
const { runScoreCli } = await import('./score-cli.ts')
process.exitCode = await runScoreCli(process.argv.slice(2))
