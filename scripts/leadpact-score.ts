// The leadpact-score bin (DESIGN §8); `npm run build` bundles it to build/bin/leadpact-score.mjs
// and the CLI itself to build/bin/score-cli.mjs beside it.
import type { runScoreCli as RunScoreCli } from './score-cli'
import { startWorkersFor } from './score-threads'

const argv = process.argv.slice(2)
// The worker threads start first, and the CLI loads while they do (score-threads.ts).
const workers = startWorkersFor(argv)
// A path computed at run time, so that the bundler leaves the CLI in its own file.
const cli = new URL(import.meta.url.endsWith('.ts') ? './score-cli.ts' : './score-cli.mjs', import.meta.url).href
const { runScoreCli } = (await import(cli)) as { runScoreCli: typeof RunScoreCli }
process.exitCode = await runScoreCli(argv, undefined, workers)
