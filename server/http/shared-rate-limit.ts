// An express-rate-limit Store over the Store's shared counters (rate-limit-store.ts): every process
// on one database counts the same hits, so a cluster of n workers still allows `limit`, not n × it.
import type { ClientRateLimitInfo, Store as LimitStore, Options } from 'express-rate-limit'
import type { RateLimitStore } from '../storage/rate-limit-store.ts'

export class SharedRateLimit implements LimitStore {
  readonly localKeys = false
  readonly prefix: string
  private windowMs = 60_000 // ms; replaced by the limiter's own in init()
  private readonly store: RateLimitStore
  private readonly now: () => Date

  /**
   * `name` keeps one limiter's keys apart from another's in the shared table. The clock is the
   * wall clock, as express-rate-limit compares the window's end with Date.now().
   */
  constructor(store: RateLimitStore, name: string, now: () => Date = () => new Date()) {
    this.store = store
    this.prefix = `${name}|`
    this.now = now
  }

  init(options: Options): void {
    this.windowMs = options.windowMs
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { hits, resetAtMs } = await this.store.hitRateLimit(
      this.prefix + key,
      this.windowMs,
      this.now().getTime(),
    )
    return { totalHits: hits, resetTime: new Date(resetAtMs) }
  }

  decrement(key: string): Promise<void> {
    return this.store.unhitRateLimit(this.prefix + key)
  }

  resetKey(key: string): Promise<void> {
    return this.store.resetRateLimit(this.prefix + key)
  }
}
