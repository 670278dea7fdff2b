// The server's clock: the system clock, or (CLOCK_START, tests and demos) one that read a chosen
// instant when the process started and runs on at the system clock's pace from there.

/** `startMs` undefined: the system clock; else a clock reading `startMs` now and moving on with `system`. */
export function clockFrom(
  startMs: number | undefined,
  system: () => number = Date.now,
): () => Date {
  if (startMs === undefined) return () => new Date(system())
  const offsetMs = startMs - system()
  return () => new Date(system() + offsetMs)
}
