// The rate-limit part of the Store: fixed-window hit counters every process shares, so a limit holds
// across cluster workers (an in-memory counter per worker would multiply it by their number).

export interface RateLimitHits {
  hits: number // in the current window, this one included
  resetAtMs: number // epoch ms when the window ends
}

export interface RateLimitStore {
  /** Counts one hit for `key`; a key whose window ended starts a new one of `windowMs`. */
  hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHits>
  /** Takes one hit back (a request that turned out not to count). */
  unhitRateLimit(key: string): Promise<void>
  resetRateLimit(key: string): Promise<void>
}
