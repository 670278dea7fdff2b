// How a process learns that the shared store changed, whichever process wrote: the wake-up behind
// every in-memory view (the wall's columns, the event stream, cached lists). SQLite polls
// `PRAGMA data_version` (one cheap read, no I/O, every pollMs) and also wakes at once on its own
// commits; a PostGIS store would LISTEN on a channel its writes NOTIFY.
// A wake-up says only "something may have changed": listeners read what is new (by sequence).

export type ChangeListener = () => void

export interface ChangeFeed {
  /** Calls `listener` soon after any process commits (spurious calls allowed); returns the removal. */
  subscribe(listener: ChangeListener): () => void
}

/** The listeners of one feed, and when to wake them: at most once per turn of the event loop. */
export class ChangeListeners implements ChangeFeed {
  private readonly listeners = new Set<ChangeListener>()
  private scheduled = false
  private readonly onFirst: () => void
  private readonly onLast: () => void

  /** `onFirst` / `onLast` start and stop whatever watches the store (a timer, a LISTEN). */
  constructor(onFirst: () => void = () => {}, onLast: () => void = () => {}) {
    this.onFirst = onFirst
    this.onLast = onLast
  }

  subscribe(listener: ChangeListener): () => void {
    const entry: ChangeListener = () => listener()
    this.listeners.add(entry)
    if (this.listeners.size === 1) this.onFirst()
    return () => {
      if (this.listeners.delete(entry) && this.listeners.size === 0) this.onLast()
    }
  }

  get size(): number {
    return this.listeners.size
  }

  /** Removes every listener (the store closes). */
  clear(): void {
    if (this.listeners.size > 0) this.onLast()
    this.listeners.clear()
  }

  /** Wakes every listener on the next turn (several commits in one turn wake them once). */
  wake(): void {
    if (this.scheduled || this.listeners.size === 0) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      for (const listener of [...this.listeners]) listener()
    })
  }
}
