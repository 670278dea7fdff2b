// Display formatting: times in Asia/Shanghai, counts, and feature properties as Chinese rows.
// Pure; the labels come from server/domain/labels-zh.ts so server and client say the same words.
import { checkpointCategories } from '../../server/domain/checkpoint.ts'
import { issueCategories } from '../../server/domain/issue.ts'
import {
  checkpointCategoryLabels,
  checkpointKindLabels,
  issueCategoryLabels,
  issueStatusLabels,
  propertyLabels,
  urCodeLabels,
} from '../../server/domain/labels-zh.ts'

/** The county's clock, whatever the viewer's (or the wall PC's) machine says. */
export const countyTimeZone = 'Asia/Shanghai'

/** The date and the time of day as two-digit parts, for `countyFormat`. */
export const dayParts = { year: 'numeric', month: '2-digit', day: '2-digit' } as const
export const minuteParts = { hour: '2-digit', minute: '2-digit' } as const

/** A zh-CN formatter on the county's clock, hours 00 to 23. */
export function countyFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: countyTimeZone,
    hourCycle: 'h23',
    ...options,
  })
}

const dateTimeFormat = countyFormat({ ...dayParts, ...minuteParts })

const dateFormat = countyFormat(dayParts)

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of format.formatToParts(date)) out[part.type] = part.value
  return out
}

/** `2025-03-04 14:05` in Beijing time; the input is an ISO 8601 instant. Invalid input passes through. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const p = parts(dateTimeFormat, date)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** `2025-03-04` in Beijing time. */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const p = parts(dateFormat, date)
  return `${p.year}-${p.month}-${p.day}`
}

/** `1,234` with Chinese grouping. */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN')
}

/** How long past a deadline, in whole days or hours: `3 天`, `5 小时`. */
export function formatOverdue(deadlineAt: string, now: Date): string {
  const hours = Math.floor((now.getTime() - Date.parse(deadlineAt)) / 3_600_000)
  if (hours < 24) return `${Math.max(hours, 0)} 小时`
  return `${Math.floor(hours / 24)} 天`
}

/** Names the panel shows in place of codes; each returns undefined when the code is unknown. */
export interface NameLookup {
  township?: (code: string) => string | undefined
  village?: (code: string) => string | undefined
  grid?: (code: string) => string | undefined
  unit?: (code: string) => string | undefined
  checkpoint?: (id: string) => string | undefined
}

export interface DetailRow {
  key: string
  label: string
  value: string
  tone?: 'warn' | 'muted'
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function withCode(name: string | undefined, code: string): string {
  return name ? `${name}（${code}）` : code
}

function isKey<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}

/** One property value in Chinese: enums translated, codes named, times in Beijing time. */
export function formatPropertyValue(key: string, value: unknown, lookup: NameLookup = {}): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '无'
  if (typeof value === 'number')
    return Number.isInteger(value) ? formatCount(value) : value.toFixed(2)
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  switch (key) {
    case 'status':
      return (issueStatusLabels as Record<string, string>)[text] ?? text
    case 'kind':
      return (checkpointKindLabels as Record<string, string>)[text] ?? text
    case 'category':
      if (isKey(issueCategories, text)) return issueCategoryLabels[text]
      if (isKey(checkpointCategories, text)) return checkpointCategoryLabels[text]
      return text
    case 'urCode':
      return withCode(urCodeLabels[text], text)
    case 'townshipCode':
      return withCode(lookup.township?.(text), text)
    case 'villageCode':
      return withCode(lookup.village?.(text), text)
    case 'gridCode':
      return withCode(lookup.grid?.(text), text)
    case 'checkpointId':
      return withCode(lookup.checkpoint?.(text), text)
    case 'responsibleUnit':
    case 'unitCode':
      return lookup.unit?.(text) ?? text
    case 'coordSource':
      return text === 'amap' ? '高德地图中心点' : text === 'synthetic' ? '示意位置（合成）' : text
  }
  return isoInstant.test(text) ? formatDateTime(text) : text
}

/**
 * Properties as labelled rows, in `order` first and then (unless `only`) any other labelled key.
 * Keys without a Chinese label (internal fields) are left out.
 */
export function toDetailRows(
  properties: Record<string, unknown>,
  order: readonly string[],
  lookup: NameLookup = {},
  only = false,
): DetailRow[] {
  const rest = only ? [] : Object.keys(properties).filter((k) => !order.includes(k))
  const keys = [...order, ...rest]
  const rows: DetailRow[] = []
  for (const key of keys) {
    const label = propertyLabels[key]
    if (!label || !(key in properties)) continue
    const value = formatPropertyValue(key, properties[key], lookup)
    rows.push({ key, label, value, tone: key === 'synthetic' ? 'muted' : undefined })
  }
  return rows
}

/** What the side panel shows for a selected feature. */
export interface FeatureDetails {
  kind: string // what it is: 问题, 固定点位, 责任网格 …
  title: string
  badge?: { text: string; color: string } // e.g. the issue status
  rows: DetailRow[]
  action?: { label: string; href: string } // what the reader can do with it, e.g. 点位测评
}

const shanghaiOffsetMs = 8 * 3_600_000 // UTC+8, no daylight saving since 1991

/**
 * A `<input type="datetime-local">` value read as Beijing time → ISO 8601 UTC instant, whatever
 * the browser's own time zone. Undefined for an empty or malformed value.
 */
export function fromShanghaiLocal(local: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) return undefined
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi) - shanghaiOffsetMs
  if (Number.isNaN(ms)) return undefined
  const iso = new Date(ms).toISOString()
  // Date.UTC rolls month 13 or 31 February over; a real date reads back the same
  return toShanghaiLocal(iso) === local ? iso : undefined
}

/** An instant → the `datetime-local` value it has in Beijing time (`2026-11-25T18:00`). */
export function toShanghaiLocal(iso: string | Date): string {
  const ms = (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + shanghaiOffsetMs
  return new Date(ms).toISOString().slice(0, 16)
}

/** `3.2 MB`, `640 KB`: file sizes in upload hints and errors. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** A share as a percentage, `87.5%`; `—` when there is no figure (nothing to divide by). */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`
}
