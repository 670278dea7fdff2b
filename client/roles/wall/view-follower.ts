// Follows the server's shared-view versions (`event: view`): one refetch round per announced
// version, never two rounds at once. While a round is in flight, later announcements only raise the
// target, and one more round follows. A round starts after a random wait within the spread the
// server announces, so hundreds of screens told at the same instant do not all ask at once (the
// server sizes the spread by its number of screens). Pure: the round, timer and random are passed in.

export interface ViewFollower {
  /** A version was announced; the round may wait up to `spreadMs` before it starts. */
  follow(version: number, spreadMs?: number): void
  /** A new connection (perhaps to a restarted server, counting from 1 again). */
  reset(): void
  readonly running: boolean
}

export interface FollowerClock {
  random: () => number // [0, 1)
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

const realClock: FollowerClock = {
  random: Math.random,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * `round` refetches the views and resolves with the lowest version now held. A round that brings
 * nothing newer than before is not repeated for the same target (the server is behind or down).
 */
export function createViewFollower(
  round: () => Promise<number>,
  held: () => number,
  clock: FollowerClock = realClock,
): ViewFollower {
  let wanted = 0
  let have = 0
  let running = false
  let waiting: unknown // the timer of a round that has not started yet
  const pump = async () => {
    waiting = undefined
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
    follow(version, spreadMs = 0) {
      if (version <= have) return
      wanted = Math.max(wanted, version)
      if (running || waiting !== undefined) return
      const waitMs = Math.floor(clock.random() * Math.max(0, spreadMs))
      if (waitMs === 0) void pump()
      else waiting = clock.setTimeout(() => void pump(), waitMs)
    },
    reset() {
      if (waiting !== undefined) clock.clearTimeout(waiting)
      waiting = undefined
      have = 0
      wanted = 0
    },
    get running() {
      return running
    },
  }
}
