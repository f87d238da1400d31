import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('..', import.meta.url))

export default defineConfig({
  root,
  resolve: { alias: { '~': `${root}app`, '#db': `${root}db` } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/setup-test-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: too short for a browser on a loaded machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // e2e suites start their own server; keep them from competing for the 2 cores.
    fileParallelism: true,
  },
})
