import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'

export interface ProductionServer {
  baseUrl: string
  databasePath: string
}

/**
 * Starts the production build (`npm test` builds it first) with the demo seeded into its own
 * database, on a free loopback port, for the test file; it stops after the file (and by
 * itself if the test process dies).
 */
export function useProductionServer(env: Record<string, string> = {}) {
  const state: { server?: ChildProcess; dir: string; baseUrl: string } = { dir: '', baseUrl: '' }
  beforeAll(async () => {
    if (!fs.existsSync('build/index.js')) throw new Error('No production build: run `npm run build` (npm test does it for you).')
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-server-'))
    const server = spawn(process.execPath, ['scripts/serve.mjs'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        LEADPACT_DEMO: '1',
        DATABASE_PATH: path.join(state.dir, 'app.db'),
        SESSION_SECRET: randomBytes(32).toString('hex'),
        COOKIE_SECURE: 'false',
        LEADPACT_PARENT_PID: String(process.pid),
        // Tests log in many times from 127.0.0.1; the production limits are proved in rate-limit.test.ts.
        LEADPACT_RATE_LIMIT_MULTIPLIER: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    state.server = server
    let output = ''
    state.baseUrl = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /running at (http:\/\/\S+)/.exec(output)
        if (match) resolve(match[1]!)
      })
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      server.on('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)))
    })
  })
  afterAll(async () => {
    if (state.server && state.server.exitCode === null) {
      const exited = new Promise((resolve) => state.server!.once('exit', resolve))
      state.server.kill('SIGTERM')
      await exited
    }
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true })
  })
  return {
    get baseUrl() {
      return state.baseUrl
    },
    get databasePath() {
      return path.join(state.dir, 'app.db')
    },
  } satisfies ProductionServer
}
