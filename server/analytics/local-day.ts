// Calendar days at a fixed UTC offset, as whole numbers, for "today" and per-day buckets.
// China Standard Time (Asia/Shanghai) is UTC+8 with no daylight saving since 1991, so a fixed offset is
// exact, and a day number is one add and one floor per row instead of an Intl call.

export const shanghaiOffsetMinutes = 480 // Asia/Shanghai, UTC+8

const dayMs = 86_400_000

/** Days since 1970-01-01 at the offset; the wall-clock date of an instant. NaN stays NaN. */
export function toLocalDay(ms: number, offsetMinutes: number = shanghaiOffsetMinutes): number {
  return Math.floor((ms + offsetMinutes * 60_000) / dayMs)
}

/** The instant a local day starts (00:00 wall time), in ms since the epoch. */
export function localDayStartMs(
  day: number,
  offsetMinutes: number = shanghaiOffsetMinutes,
): number {
  return day * dayMs - offsetMinutes * 60_000
}

/** `2026-11-22` for a local day number. */
export function toLocalDate(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}
