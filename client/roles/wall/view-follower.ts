// Follows the server's shared-view versions (`event: view`): one refetch round per announced
// version, never two rounds at once. While a round is in flight, later announcements only raise the
// target, and one more round follows. Pure: the round is passed in.

export interface ViewFollower {
  /** A version was announced. */
  follow(version: number): void
  /** A new connection (perhaps to a restarted server, counting from 1 again). */
  reset(): void
  readonly running: boolean
}

/**
 * `round` refetches the views and resolves with the lowest version now held. A round that brings
 * nothing newer than before is not repeated for the same target (the server is behind or down).
 */
export function createViewFollower(round: () => Promise<number>, held: () => number): ViewFollower {
  let wanted = 0
  let have = 0
  let running = false
  const pump = async () => {
    running = true
    try {
      while (have < wanted) {
        const target = wanted
        const before = held()
        const got = await round()
        // behind the target after joining a fetch already in flight: go again; no progress: stop
        have = got >= target || got <= before ? target : got
      }
    } catch {
      have = wanted // shown as stale data; the next announcement tries again
    } finally {
      running = false
    }
  }
  return {
    follow(version) {
      if (version <= have) return
      wanted = Math.max(wanted, version)
      if (!running) void pump()
    },
    reset() {
      have = 0
      wanted = 0
    },
    get running() {
      return running
    },
  }
}
