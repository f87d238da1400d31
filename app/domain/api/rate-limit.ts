/**
 * A token bucket per API token (DESIGN §8): each request takes one unit; the bucket holds at most
 * `capacity` units and refills at `refillPerSecond`. So a client may burst `capacity` requests and
 * then keep up `refillPerSecond` a second for as long as it likes. Time comes in as an argument.
 *
 * The buckets live in the process's memory: one Leadpact instance serves one SQLite file, so one
 * process sees every request (docs/decisions/006-api-tokens-and-rate-limit.md). A restart refills
 * every bucket, which only ever errs on the generous side.
 */
export interface RateLimitOptions {
  capacity: number
  refillPerSecond: number
}

export type RateLimitDecision =
  | { ok: true; limit: number; remaining: number; resetSeconds: number }
  | { ok: false; limit: number; remaining: 0; retryAfterSeconds: number; resetSeconds: number }

interface Bucket {
  units: number
  atMs: number
}

/** Above this many buckets, full (idle) ones are forgotten: a full bucket is what a new one is. */
const PRUNE_ABOVE = 10_000

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(readonly options: RateLimitOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) throw new RangeError('A rate limit needs capacity ≥ 1 and refillPerSecond > 0')
  }

  take(key: string, nowMs: number): RateLimitDecision {
    const { capacity, refillPerSecond } = this.options
    const bucket = this.refilled(key, nowMs)
    if (bucket.units >= 1) {
      bucket.units -= 1
      return { ok: true, limit: capacity, remaining: Math.floor(bucket.units), resetSeconds: this.secondsUntilFull(bucket) }
    }
    // Whole seconds, rounded up: a client that waits Retry-After seconds always gets through.
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.units) / refillPerSecond))
    return { ok: false, limit: capacity, remaining: 0, retryAfterSeconds, resetSeconds: this.secondsUntilFull(bucket) }
  }

  private refilled(key: string, nowMs: number): Bucket {
    const { capacity, refillPerSecond } = this.options
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(nowMs)
      bucket = { units: capacity, atMs: nowMs }
      this.buckets.set(key, bucket)
      return bucket
    }
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsedMs = Math.max(0, nowMs - bucket.atMs)
    bucket.units = Math.min(capacity, bucket.units + (elapsedMs / 1000) * refillPerSecond)
    bucket.atMs = Math.max(bucket.atMs, nowMs)
    return bucket
  }

  private secondsUntilFull(bucket: Bucket) {
    return Math.ceil((this.options.capacity - bucket.units) / this.options.refillPerSecond)
  }

  private prune(nowMs: number) {
    const { capacity, refillPerSecond } = this.options
    for (const [key, bucket] of this.buckets) {
      if (bucket.units + ((nowMs - bucket.atMs) / 1000) * refillPerSecond >= capacity) this.buckets.delete(key)
    }
  }
}
