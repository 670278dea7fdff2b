// Instants ⇄ Asia/Shanghai wall time for spreadsheets, which carry no time zone.
// China Standard Time is UTC+8 with no daylight saving since 1991, so a fixed offset is exact for ledger dates.

const offsetMs = 8 * 3_600_000 // UTC+8, Asia/Shanghai
const dayMs = 86_400_000
const excelEpochMs = Date.UTC(1899, 11, 30) // serial 0 in the 1900 date system (after Excel's 1900 leap bug)

/** `2026-11-20 09:30:00` (Beijing time) for an ISO 8601 instant; undefined when it is not one. */
export function toShanghaiText(iso: string): string | undefined {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return undefined
  return new Date(ms + offsetMs).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * A Date whose UTC fields are the Beijing wall time of the instant: spreadsheet writers store a Date's UTC
 * fields as the cell value, so Excel then shows Beijing time whatever the reader's zone.
 */
export function toShanghaiWallDate(iso: string): Date | undefined {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : new Date(ms + offsetMs)
}

/** The inverse of toShanghaiWallDate (a Date read from a date cell), to the second. */
export function fromShanghaiWallDate(wall: Date): string {
  return toIsoSeconds(wall.getTime() - offsetMs)
}

/** An Excel 1900-system serial (days, fractional) holding Beijing wall time → ISO instant. */
export function fromExcelSerial(serial: number): string {
  return toIsoSeconds(excelEpochMs + serial * dayMs - offsetMs)
}

export interface WallTime {
  year: number
  month: number // 1–12
  day: number
  hour: number
  minute: number
  second: number
}

/**
 * Wall time at a UTC offset (Beijing's by default) → ISO instant, or undefined when the fields name no
 * real time (2026-02-30, 24:10).
 */
export function fromShanghaiWallTime(t: WallTime, offsetMinutes = 480): string | undefined {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)
  const back = new Date(ms)
  const valid =
    back.getUTCFullYear() === t.year &&
    back.getUTCMonth() === t.month - 1 &&
    back.getUTCDate() === t.day &&
    t.hour < 24 &&
    t.minute < 60 &&
    t.second < 60
  return valid ? toIsoSeconds(ms - offsetMinutes * 60_000) : undefined
}

// IssueProperties instants look like 2026-11-20T01:30:00Z: whole seconds, no milliseconds
function toIsoSeconds(ms: number): string {
  return `${new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`
}
