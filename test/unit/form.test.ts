import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { echoable, readFormData, unflatten, validateFormData } from '~/http/form.server'

describe('unflatten', () => {
  it('nests dotted names into objects and arrays in index order', () => {
    expect(unflatten({ label: 'VP', 'clauses.1.field': 'b', 'clauses.0.field': 'a', 'clauses.0.op': 'eq', 'x.y': '1' })).toEqual({
      label: 'VP',
      clauses: [
        { field: 'a', op: 'eq' },
        { field: 'b' },
      ],
      x: { y: '1' },
    })
  })
})

describe('validateFormData', () => {
  const schema = z.object({ name: z.string().min(1, 'Enter a name.'), password: z.string().min(10, 'Too short.') })
  it('returns field errors and echoes values except passwords', () => {
    const data = new FormData()
    data.set('name', '')
    data.set('password', 'short')
    const result = validateFormData(data, schema)
    expect(result).toEqual({ ok: false, errors: { name: 'Enter a name.', password: 'Too short.' }, values: { name: '' } })
  })
  it('drops password-like keys', () => {
    expect(echoable({ email: 'a@b.c', newPassword: 'x', password: 'y' })).toEqual({ email: 'a@b.c' })
  })
})

describe('hostile field names (issue 12, findings 1 and 2)', () => {
  it('finding 1: never writes to a prototype, whatever the name', () => {
    const names = ['__proto__.body', '__proto__[body]', 'constructor.prototype.body', 'a.__proto__.body', 'a.constructor.prototype.body', 'toString', 'hasOwnProperty.x']
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    for (const name of names) unflatten({ [name]: 'attacker', keep: 'ok' })
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).body).toBeUndefined()
    expect(unflatten({ '__proto__.body': 'attacker', keep: 'ok' })).toEqual({ keep: 'ok' })
  })

  it('finding 1: a missing field stays missing, so the schema refuses it', () => {
    const data = new FormData()
    data.set('__proto__.name', 'attacker')
    data.set('password', 'long enough password')
    const result = validateFormData(data, z.object({ name: z.string({ error: 'Enter a name.' }), password: z.string() }))
    expect(result.ok).toBe(false)
    expect(result.ok ? undefined : result.errors).toEqual({ name: 'Enter a name.' })
  })

  it('finding 2: a huge index becomes an object key instead of a sparse array', () => {
    const parsed = unflatten({ 'x.500000000': '1', 'y.4294967294': '1' })
    expect(Array.isArray(parsed.x)).toBe(false)
    expect(parsed).toEqual({ x: { '500000000': '1' }, y: { '4294967294': '1' } })
    const schema = z.object({ x: z.array(z.string()) })
    const data = new FormData()
    data.set('x.500000000', '1')
    expect(validateFormData(data, schema).ok).toBe(false)
  })

  it('keeps the first of repeated names and reads small indices as arrays', () => {
    const data = new FormData()
    data.append('rows.1.label', 'b')
    data.append('rows.0.label', 'a')
    data.append('rows.0.label', 'ignored')
    expect(validateFormData(data, z.object({ rows: z.array(z.object({ label: z.string() })) }))).toMatchObject({ ok: true, data: { rows: [{ label: 'a' }, { label: 'b' }] } })
  })
})

describe('readFormData (finding 8)', () => {
  const request = (contentType: string | undefined, body: string) =>
    new Request('http://localhost/x', { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body })
  const statusOf = async (promise: Promise<unknown>) => {
    try {
      await promise
      return 200
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status
      throw thrown
    }
  }
  it.each([
    ['application/x-www-form-urlencoded', 'a=1', 200],
    ['application/json', '{}', 415],
    ['text/plain', 'a=1', 415],
    [undefined, 'a=1', 415],
    ['multipart/form-data; boundary=zz', 'garbage', 400],
  ])('%s → %i', async (contentType, body, status) => {
    expect(await statusOf(readFormData(request(contentType, body)))).toBe(status)
  })
  it('refuses a body over the limit while reading it, without a Content-Length', async () => {
    const big = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(97))
      },
    })
    const streamed = new Request('http://localhost/x', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: big, duplex: 'half' } as RequestInit)
    expect(await statusOf(readFormData(streamed, { maxBytes: 1024 * 1024 }))).toBe(413)
  })
})
