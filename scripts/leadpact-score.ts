// The leadpact-score bin (DESIGN §8); `npm run build` bundles it to build/bin/leadpact-score.mjs
// and the CLI itself to build/bin/score-cli.cjs beside it.
import { fileURLToPath } from 'node:url'
import type { runScoreCli as RunScoreCli } from './score-cli'
import { runBundle, startWorkersFor } from './score-threads'

const argv = process.argv.slice(2)
// The worker threads start first, and the CLI loads while they do (score-threads.ts): from its
// code cache when bundled, from its TypeScript source through tsx otherwise.
const workers = startWorkersFor(argv)
const here = import.meta.url
// (A path computed at run time, so that the bundler leaves the CLI out of the bin's own file.)
const { runScoreCli } = (here.endsWith('.ts') ? await import(new URL('./score-cli.ts', here).href) : runBundle(fileURLToPath(new URL('./score-cli.cjs', here)))) as { runScoreCli: typeof RunScoreCli }
process.exitCode = await runScoreCli(argv, undefined, workers)
