// The leadpact-score bin (DESIGN §8); `npm run build` bundles it to build/bin/leadpact-score.mjs.
import { runScoreCli } from './score-cli'

process.exitCode = await runScoreCli(process.argv.slice(2))
