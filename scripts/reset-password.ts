// npm run reset-password -- <email> [--stdin]: the operator's password reset, since Leadpact
// sends no email. Sets a new random password (printed once) or one read from stdin, and ends
// every session of the account, so whoever held the old password or a session is out.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getStore } from '../db/client.server'
import { EmailSchema, PasswordSchema } from '../app/domain/accounts/schemas'
import { resetPassword } from '../app/models/user.server'

const USAGE = 'Usage: npm run reset-password -- <email> [--stdin]   (reads DATABASE_PATH, default data/leadpact.db)'

export type ResetPasswordIo = {
  /** The whole of standard input (only read with --stdin). */
  readStdin(): Promise<string>
  print(line: string): void
  fail(line: string): void
}

/** Runs the command; returns the exit code (0 done, 1 no such account, 2 bad usage or password). */
export async function resetPasswordCommand(args: string[], io: ResetPasswordIo): Promise<number> {
  const fromStdin = args.includes('--stdin')
  const rest = args.filter((arg) => arg !== '--stdin')
  if (rest.length !== 1 || rest[0]!.startsWith('-')) {
    io.fail(USAGE)
    return 2
  }
  const email = EmailSchema.safeParse(rest[0])
  if (!email.success) {
    io.fail(`${rest[0]}: ${email.error.issues[0]!.message}`)
    return 2
  }
  let password: string
  if (fromStdin) {
    // The first line, so `echo 'new password' | …` works; the line break is not part of it.
    const line = (await io.readStdin()).split(/\r?\n/)[0] ?? ''
    const checked = PasswordSchema.safeParse(line)
    if (!checked.success) {
      io.fail(`The password from stdin is refused: ${checked.error.issues[0]!.message}`)
      return 2
    }
    password = checked.data
  } else {
    password = randomBytes(18).toString('base64url') // 24 characters, 144 bits
  }
  const reset = await resetPassword({ email: email.data, password })
  if (!reset.ok) {
    io.fail(`No account has the email ${email.data}. Nothing was changed.`)
    return 1
  }
  io.print(`Password of ${email.data} reset; ${reset.sessionsEnded} session${reset.sessionsEnded === 1 ? '' : 's'} ended.`)
  if (!fromStdin) io.print(`New password (shown once, give it to the person over a trusted channel): ${password}`)
  return 0
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}

const runDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (runDirectly) {
  const file = process.env.DATABASE_PATH ?? 'data/leadpact.db'
  if (!fs.existsSync(file)) {
    console.error(`No database at ${file}. Set DATABASE_PATH to the live database file.`)
    process.exit(2)
  }
  const code = await resetPasswordCommand(process.argv.slice(2), {
    readStdin: () => readAll(process.stdin),
    print: (line) => console.log(line),
    fail: (line) => console.error(line),
  })
  await (await getStore()).close()
  process.exitCode = code
}
