import fs from 'node:fs'
import path from 'node:path'

/**
 * The worker threads the server starts, by name: each entry is bundled by `npm run build`
 * (scripts/build-bin.mjs) to build/bin/<name>.mjs, because Node cannot start a TypeScript file
 * as a worker.
 */
export const WORKER_ENTRIES = {
  'backtest-worker': 'app/backtest/worker.ts',
  'api-score-worker': 'app/http/api-score-worker.ts',
} as const
export type WorkerName = keyof typeof WORKER_ENTRIES

const bundles = new Map<WorkerName, Promise<string>>()
/** Bundles this process wrote, removed when it exits. */
const written: string[] = []
let cleanupRegistered = false

/**
 * Where a worker's code is. In production, the bundle `npm run build` wrote. Elsewhere (tests,
 * development) the same bundle is made from the source once per process, so a worker always runs
 * the code as it is now; it goes inside node_modules so that its package imports resolve, and is
 * removed when the process exits.
 */
export function workerFile(name: WorkerName): Promise<string> {
  if (process.env.NODE_ENV === 'production') return Promise.resolve(path.resolve(`build/bin/${name}.mjs`))
  let bundle = bundles.get(name)
  if (!bundle) {
    bundle = bundleFromSource(name)
    bundles.set(name, bundle)
    // A failed bundle is tried again next time rather than remembered.
    bundle.catch(() => bundles.delete(name))
  }
  return bundle
}

async function bundleFromSource(name: WorkerName): Promise<string> {
  const { build } = await import('esbuild')
  const pkg = JSON.parse(await fs.promises.readFile('package.json', 'utf8')) as { dependencies?: object; devDependencies?: object }
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((dependency) => [dependency, `${dependency}/*`])
  const outfile = path.resolve('node_modules/.cache/leadpact', `${name}-${process.pid}-${Date.now()}.mjs`)
  await build({ entryPoints: [WORKER_ENTRIES[name]], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', external, tsconfig: 'tsconfig.json', logLevel: 'warning' })
  written.push(outfile)
  if (!cleanupRegistered) {
    cleanupRegistered = true
    process.once('exit', () => {
      for (const file of written) fs.rmSync(file, { force: true })
    })
  }
  return outfile
}
