import { describe, expect, it } from 'vitest'
import { LruCache } from '~/models/lru-cache.server'

describe('LruCache (ADR 013)', () => {
  it('forgets the least recently used entry first', async () => {
    const cache = new LruCache<string, string>(2)
    const made: string[] = []
    const get = (key: string) => cache.getOrCreate(key, async () => (made.push(key), key.toUpperCase()))
    expect(await get('a')).toBe('A')
    await get('b')
    await get('a') // a is now the most recently used
    await get('c') // so b goes
    expect(cache.size).toBe(2)
    await get('a')
    await get('b')
    expect(made).toEqual(['a', 'b', 'c', 'b'])
  })

  it('shares one computation between callers while it runs', async () => {
    const cache = new LruCache<string, number>(10)
    let runs = 0
    const values = await Promise.all(Array.from({ length: 5 }, () => cache.getOrCreate('k', async () => ++runs)))
    expect(values).toEqual([1, 1, 1, 1, 1])
    expect(runs).toBe(1)
  })

  it('keeps nothing when the computation fails, thrown or rejected', async () => {
    const cache = new LruCache<string, number>(10)
    await expect(
      cache.getOrCreate('k', () => {
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    await expect(cache.getOrCreate('k', async () => Promise.reject(new Error('again')))).rejects.toThrow('again')
    expect(await cache.getOrCreate('k', async () => 3)).toBe(3)
    expect(cache.size).toBe(1)
  })

  it('refuses a capacity under one', () => {
    expect(() => new LruCache(0)).toThrow(/at least one/)
  })
})
