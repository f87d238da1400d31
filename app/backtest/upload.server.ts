import { createHash, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import { MAX_BACKTEST_FILE_BYTES, MAX_BACKTEST_FILE_LABEL } from '~/domain/backtest/forms'

/*
 * A back-test upload, streamed to a temporary file as it arrives: never held whole in memory,
 * counted and hashed on the way, and cut off at the limit whatever Content-Length claimed. The
 * file stays only until its run ends (or a day, if its columns are never mapped).
 */

/** The request body: the file plus the multipart framing and the form's few fields. */
export const BACKTEST_UPLOAD_LIMIT_BYTES = MAX_BACKTEST_FILE_BYTES + 64 * 1024
const FIELD_LIMIT_BYTES = 16 * 1024

export type ReceivedUpload =
  | { ok: true; fields: Record<string, string>; file: { path: string; name: string; bytes: number; sha256: string } }
  | { ok: false; status: 400 | 413 | 415; message: string }

class UploadTooLarge extends Error {}

/**
 * Where uploads wait for their run: a private folder in the system's temporary directory, one per
 * database (named by a hash of its path), so two instances on one machine never sweep or count
 * each other's uploads.
 */
export function backtestUploadDir(): string {
  const database = path.resolve(process.env.DATABASE_PATH ?? 'data/leadpact.db')
  const key = createHash('sha256').update(database).digest('hex').slice(0, 16)
  const dir = path.join(os.tmpdir(), `leadpact-backtests-${key}`)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}

/** A file name as shown on the page: its last path part, one line, at most 200 characters. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim()
  return (clean || 'upload').slice(0, 200)
}

async function toFile(data: AsyncIterable<Uint8Array>, target: string) {
  const hash = createHash('sha256')
  const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 })
  let bytes = 0
  try {
    for await (const chunk of data) {
      bytes += chunk.byteLength
      if (bytes > MAX_BACKTEST_FILE_BYTES) throw new UploadTooLarge()
      hash.update(chunk)
      if (!out.write(chunk)) await once(out, 'drain')
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  } catch (error) {
    out.destroy()
    throw error
  }
  return { bytes, sha256: hash.digest('hex') }
}

async function toText(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of data) {
    bytes += chunk.byteLength
    if (bytes > FIELD_LIMIT_BYTES) throw new UploadTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The request body, failing once more than `maxBytes` arrived, whatever Content-Length claimed. */
function cappedBody(body: ReadableStream<Uint8Array>, maxBytes: number) {
  let received = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength
        if (received > maxBytes) controller.error(new UploadTooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
}

/** Reads a multipart upload whose file part is named `file`; every other part is a short text field. */
export async function receiveBacktestUpload(request: Request): Promise<ReceivedUpload> {
  const tooLarge = { ok: false, status: 413, message: `The file is larger than ${MAX_BACKTEST_FILE_LABEL}, the largest file a back-test reads. Split it, or export fewer columns.` } as const
  const type = request.headers.get('Content-Type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) return { ok: false, status: 415, message: 'Send the file as an upload (multipart/form-data), as the upload form does.' }
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (Number.isFinite(declared) && declared > BACKTEST_UPLOAD_LIMIT_BYTES) return tooLarge
  if (!request.body) return { ok: false, status: 400, message: 'Choose a file to upload.' }

  const target = path.join(backtestUploadDir(), `${randomBytes(16).toString('hex')}.upload`)
  let file: { name: string; bytes: number; sha256: string } | null = null
  const fields: Record<string, string> = {}
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      fields[name] ??= await toText(data)
      return undefined
    }
    if (name !== 'file' || file) {
      // Only the one file part is kept; anything else is read past.
      for await (const _chunk of data) void _chunk
      return undefined
    }
    const written = await toFile(data, target)
    file = { name: displayName(filename), ...written }
    return undefined
  }
  try {
    const capped = new Request(request.url, { method: 'POST', headers: request.headers, body: cappedBody(request.body, BACKTEST_UPLOAD_LIMIT_BYTES), duplex: 'half' } as RequestInit)
    await unstable_parseMultipartFormData(capped, handler)
  } catch (error) {
    await fs.promises.rm(target, { force: true })
    if (error instanceof UploadTooLarge) return tooLarge
    return { ok: false, status: 400, message: 'The upload could not be read. Choose the file again and retry.' }
  }
  const received = file as { name: string; bytes: number; sha256: string } | null
  if (!received) {
    await fs.promises.rm(target, { force: true })
    return { ok: false, status: 400, message: 'Choose a file to upload (CSV or JSON Lines).' }
  }
  return { ok: true, fields, file: { path: target, ...received } }
}
