import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/*
 * A real PostgreSQL for the SQL export's tests and the bench: Debian's `postgresql` package
 * (.ci/run installs it), a cluster made in a temporary folder, listening on a Unix socket there
 * and on no TCP port, stopped and deleted after. initdb refuses to run as root, so as root the
 * server runs as the `postgres` user the package creates (`su postgres -c …`).
 */

export interface PostgresServer {
  /** Runs psql on the test database; resolves with its stdout, rejects with its stderr. */
  psql(args: string[], input?: string | NodeJS.ReadableStream): Promise<string>
  version: string
  stop(): Promise<void>
}

export type PostgresStart = { ok: true; server: PostgresServer } | { ok: false; missing: string }

/** The PostgreSQL programs: pg_config's bindir, else the newest /usr/lib/postgresql/N/bin. */
function findBinaries(): string | undefined {
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  const candidates = [fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : '']
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`))
  } catch {
    // not Debian's layout
  }
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')))
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

function run(command: string, args: string[], options: { input?: string | NodeJS.ReadableStream; asPostgres: boolean }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [file, argv] = options.asPostgres ? ['su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')]] : [command, args]
    const child = spawn(file, argv, { stdio: ['pipe', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }))
    child.stdin.on('error', () => undefined)
    if (options.input === undefined) child.stdin.end()
    else if (typeof options.input === 'string') child.stdin.end(options.input)
    else options.input.pipe(child.stdin)
  })
}

/** Starts a throwaway cluster, or says what is missing to run one. */
export async function startPostgres(): Promise<PostgresStart> {
  const bin = findBinaries()
  if (!bin) return { ok: false, missing: 'PostgreSQL is not installed (initdb, pg_ctl): install Debian\'s "postgresql" package (apt-get install postgresql), as .ci/run does' }
  const root = process.getuid?.() === 0
  if (root && spawnSync('id', ['-u', 'postgres']).status !== 0) return { ok: false, missing: 'running as root needs the "postgres" user (Debian\'s postgresql package creates it) to run the server' }
  const psqlPath = path.join(bin, 'psql')
  if (!fs.existsSync(psqlPath)) return { ok: false, missing: 'psql is not installed (Debian\'s "postgresql-client")' }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-pg-'))
  const data = path.join(dir, 'data')
  const socket = path.join(dir, 'socket')
  fs.mkdirSync(socket)
  if (root) spawnSync('chown', ['-R', 'postgres:postgres', dir])
  const asPostgres = root
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true })

  // A UTF-8 cluster whose lower() follows Unicode (C.UTF-8), as the export's header asks.
  const init = await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { asPostgres })
  if (init.code !== 0) {
    cleanup()
    return { ok: false, missing: `initdb failed: ${init.stderr.trim().split('\n').slice(-3).join(' ')}` }
  }
  const options = `-k ${socket} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB -c work_mem=64MB`
  const start = await run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], { asPostgres })
  if (start.code !== 0) {
    const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : ''
    cleanup()
    return { ok: false, missing: `the PostgreSQL server did not start: ${(start.stderr + log).trim().split('\n').slice(-3).join(' ')}` }
  }

  const server: PostgresServer = {
    version: '',
    async psql(args, input) {
      const result = await run(psqlPath, ['-h', socket, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { input, asPostgres: false })
      if (result.code !== 0) throw new Error(result.stderr.trim() || `psql exited with ${result.code}`)
      return result.stdout
    },
    async stop() {
      await run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { asPostgres })
      cleanup()
    },
  }
  try {
    server.version = (await server.psql(['-A', '-t', '-c', 'SHOW server_version'])).trim()
  } catch (error) {
    await server.stop()
    return { ok: false, missing: `psql cannot reach the server: ${(error as Error).message}` }
  }
  return { ok: true, server }
}
