/**
 * The API's limits per token (docs/decisions/009-api-limit-counts-leads.md), in the process's
 * memory: one Leadpact instance serves one SQLite file, so one process sees every request. A
 * restart refills every bucket and empties every count, which only ever errs on the generous side.
 * Time comes in as an argument.
 */

// ── Lead budget ───────────────────────────────────────────────────────────────────────────

/**
 * A token bucket per API token, counted in units of work: a scored lead is one unit, and any
 * request at least one. The bucket holds at most `capacity` units and refills at
 * `refillPerSecond`, so a client may spend `capacity` at once and then `refillPerSecond` a
 * second for as long as it likes.
 */
export interface RateLimitOptions {
  capacity: number
  refillPerSecond: number
}

export type RateLimitDecision =
  | { ok: true; limit: number; remaining: number; resetSeconds: number }
  | { ok: false; limit: number; remaining: number; retryAfterSeconds: number; resetSeconds: number }

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

  /**
   * Takes `cost` units, or nothing. A request charged in steps (the rest of its cost once it is
   * known) passes `wholeCost`, what the request costs from the start, so that Retry-After says
   * when the whole of it fits: a client that waits that long and sends it again gets through.
   */
  take(key: string, nowMs: number, cost = 1, wholeCost = cost): RateLimitDecision {
    const { capacity, refillPerSecond } = this.options
    // A cost over the capacity could never be paid; the callers cap their requests below it.
    if (!(cost >= 0 && wholeCost >= cost && wholeCost <= capacity)) throw new RangeError(`A cost of ${cost} of ${wholeCost} does not fit a bucket of ${capacity}`)
    const bucket = this.refilled(key, nowMs)
    if (bucket.units >= cost) {
      bucket.units -= cost
      return { ok: true, limit: capacity, remaining: Math.floor(bucket.units), resetSeconds: this.secondsUntilFull(bucket) }
    }
    // Whole seconds, rounded up.
    const retryAfterSeconds = Math.max(1, Math.ceil((wholeCost - bucket.units) / refillPerSecond))
    return { ok: false, limit: capacity, remaining: Math.floor(bucket.units), retryAfterSeconds, resetSeconds: this.secondsUntilFull(bucket) }
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

// ── Batches in flight ─────────────────────────────────────────────────────────────────────

/**
 * At most `limit` holders per key at once. The lead budget bounds how much a token scores over
 * time; this bounds how much it holds in memory at one moment (each batch in flight keeps its
 * body, its leads and its answer), so thirty parallel batches cannot swell the process.
 */
export class ConcurrencyLimiter {
  private readonly held = new Map<string, number>()

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('A concurrency limit needs a whole number ≥ 1')
  }

  /** A release function (idempotent), or undefined when the key already holds `limit` slots. */
  acquire(key: string): (() => void) | undefined {
    const count = this.held.get(key) ?? 0
    if (count >= this.limit) return undefined
    this.held.set(key, count + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.held.get(key) ?? 1) - 1
      if (left > 0) this.held.set(key, left)
      else this.held.delete(key)
    }
  }

  inFlight(key: string): number {
    return this.held.get(key) ?? 0
  }
}

// ── Batches in work, server-wide ──────────────────────────────────────────────────────────

/**
 * At most `limit` holders at once, the rest wait their turn in arrival order. Anyone with a
 * workshop can create tokens, so per-token caps alone do not bound the process: this does. A
 * waiting batch has not read its body yet, so it holds almost nothing.
 */
export class WorkQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('A work queue needs a whole number ≥ 1 of places')
  }

  /** Resolves with a release function (idempotent) once a place is free. */
  async enter(): Promise<() => void> {
    if (this.running < this.limit) this.running++
    // The leaving holder hands its place straight over, so a newcomer cannot jump the queue.
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }

  get size() {
    return { running: this.running, waiting: this.waiting.length }
  }
}
