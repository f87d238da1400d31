import { describe, expect, it } from 'vitest'
import { isLiveRevalidation } from '~/components/live-updates'

const page = new URL('http://localhost/workshops/w1/leads')

describe('which revalidations leave the root (and its one-time flash) alone', () => {
  it('a live page re-reading its own data: the same URL, nothing submitted', () => {
    expect(isLiveRevalidation({ currentUrl: page, nextUrl: new URL(page), formMethod: undefined })).toBe(true)
  })

  it('not a submission, even one that redirects back to the same page (its flash is for that page)', () => {
    expect(isLiveRevalidation({ currentUrl: page, nextUrl: new URL(page), formMethod: 'POST' })).toBe(false)
  })

  it('not a navigation to another page or another query', () => {
    expect(isLiveRevalidation({ currentUrl: page, nextUrl: new URL('http://localhost/workshops/w1/scoring'), formMethod: undefined })).toBe(false)
    expect(isLiveRevalidation({ currentUrl: page, nextUrl: new URL('http://localhost/workshops/w1/leads?phase=agree'), formMethod: undefined })).toBe(false)
  })
})
