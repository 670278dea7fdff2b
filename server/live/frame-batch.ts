// Frames written to one event stream within `delayMs` leave in one write. At hundreds of wall
// screens the server's largest cost was one `writev` per event per stream; under a burst of
// writes a stream now costs one write per window, and an event waits at most `delayMs`.

export type Schedule = (flush: () => void, delayMs: number) => { cancel(): void }

const timers: Schedule = (flush, delayMs) => {
  const timer = setTimeout(flush, delayMs)
  return { cancel: () => clearTimeout(timer) }
}

export class FrameBatch {
  private frames: string[] = []
  private pending: { cancel(): void } | undefined
  private readonly sink: (text: string) => void
  private readonly delayMs: number
  private readonly schedule: Schedule

  constructor(sink: (text: string) => void, delayMs: number, schedule: Schedule = timers) {
    this.sink = sink
    this.delayMs = delayMs
    this.schedule = schedule
  }

  /** Queues a frame; the first of a window starts the timer. A delay of 0 writes at once. */
  push(frame: string): void {
    this.frames.push(frame)
    if (this.delayMs <= 0) this.flush()
    else this.pending ??= this.schedule(() => this.flush(), this.delayMs)
  }

  /** Writes what is queued now (also used before closing). */
  flush(): void {
    this.pending?.cancel()
    this.pending = undefined
    if (this.frames.length === 0) return
    const text = this.frames.join('')
    this.frames = []
    this.sink(text)
  }

  /** Drops what is queued: the stream has closed. */
  discard(): void {
    this.pending?.cancel()
    this.pending = undefined
    this.frames = []
  }
}
