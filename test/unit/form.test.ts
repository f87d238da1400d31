import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { echoable, unflatten, validateFormData } from '~/form.server'

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
