import { describe, expect, it } from 'vitest'
import { isCrossSite } from '~/http/edge.server'
import { safeRedirect } from '~/http/redirect'

describe('safeRedirect (finding 3)', () => {
  it.each([
    ['/workshops/abc?tab=1#x', '/workshops/abc?tab=1#x'],
    ['/\t/evil.example', '/workshops'],
    ['/\n/evil.example', '/workshops'],
    ['//evil.example', '/workshops'],
    ['/\\evil.example', '/workshops'],
    ['/.//evil.example', '/workshops'],
    ['/../..//evil.example', '/workshops'],
    ['https://evil.example', '/workshops'],
    ['javascript:alert(1)', '/workshops'],
    ['workshops', '/workshops'],
    ['', '/workshops'],
    [null, '/workshops'],
    ['/a\r\nSet-Cookie: x=1', '/aSet-Cookie:%20x=1'],
    ['/wörkshops', '/w%C3%B6rkshops'],
  ])('%j → %s', (to, expected) => {
    const target = safeRedirect(to)
    expect(target).toBe(expected)
    expect(() => new Headers({ Location: target })).not.toThrow()
  })
})

describe('isCrossSite (finding 4)', () => {
  const origin = 'http://127.0.0.1:3000'
  it.each([
    [{ origin }, false],
    [{ origin: 'http://127.0.0.1:3001' }, true],
    [{ origin: 'null' }, true],
    [{ 'sec-fetch-site': 'same-origin' }, false],
    [{ 'sec-fetch-site': 'none' }, false],
    [{ 'sec-fetch-site': 'same-site' }, true],
    [{ 'sec-fetch-site': 'cross-site' }, true],
    [{}, false],
  ])('%j → %s', (headers, crossSite) => {
    expect(isCrossSite(headers, origin)).toBe(crossSite)
  })
})
