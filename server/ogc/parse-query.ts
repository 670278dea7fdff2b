// Query string → FeatureQuery, validated against the collection's declared parameters. Pure.
// OGC API Features 1.0 /req/core/query-param-unknown and -invalid: anything undeclared or malformed
// is a 400 (InvalidParameter naming the parameter); `limit` above the maximum is clamped, not rejected.
import type { CollectionDef, PropertyFilter } from '../collections.ts'
import { InvalidParameter } from './exception.ts'
import type { Bbox, FeatureQuery, TimeRange } from './feature-query.ts'

export interface QueryLimits {
  defaultLimit: number // features per page when `limit` is absent
  maxLimit: number // larger `limit` values are clamped to this (/req/core/fc-limit-response-1)
  /** numberMatched is exact up to this many matches and omitted above (the standard allows it):
   * counting 300k matches of a bbox costs more than serving the page */
  countUpTo: number
}

export const defaultQueryLimits: QueryLimits = {
  defaultLimit: 1000, // features
  maxLimit: 10_000, // features
  countUpTo: 10_000, // matches counted exactly; above, numberMatched is omitted (next links remain)
}

/** Express's "simple" query parser yields a string per key, or an array when a key repeats. */
export type RawQuery = Readonly<Record<string, unknown>>

export interface ItemsRequest {
  query: FeatureQuery
  format?: OutputFormat // `f`, when given
  /** validated selection parameters as sent (bbox, datetime, filters), in a fixed order, for links */
  selection: ReadonlyArray<readonly [name: string, value: string]>
}

export type OutputFormat = 'json' | 'html'

const booleanSpellings: Readonly<Record<string, string>> = { '1': 'true', '0': 'false' }

function isBooleanFilter(filter: PropertyFilter): boolean {
  return (
    filter.values?.length === 2 && filter.values.includes('true') && filter.values.includes('false')
  )
}

const maxFilterValueLength = 200 // characters; longer values cannot match any stored code or name

/** Parses `/collections/{id}/items` parameters: bbox, datetime, limit, offset, f and the filters. */
export function parseItemsQuery(
  raw: RawQuery,
  def: CollectionDef,
  limits: QueryLimits = defaultQueryLimits,
): ItemsRequest {
  const filterParams = def.filters.flatMap((f) => [f.param, ...(f.aliases ?? [])])
  rejectUnknown(raw, [
    'bbox',
    'datetime',
    'limit',
    'offset',
    'cursor',
    'properties',
    'f',
    ...filterParams,
  ])

  const selection: [string, string][] = []
  const properties: Record<string, string> = {}
  const derived: Record<string, string> = {}
  const query: FeatureQuery = {
    properties,
    limit: limits.defaultLimit,
    offset: 0,
    countUpTo: limits.countUpTo,
  }

  const bbox = single(raw, 'bbox')
  if (bbox !== undefined) {
    query.bbox = parseBbox(bbox)
    selection.push(['bbox', bbox])
  }
  const datetime = single(raw, 'datetime')
  if (datetime !== undefined) {
    query.datetime = parseDatetime(datetime)
    selection.push(['datetime', datetime])
  }
  for (const filter of def.filters) {
    const names = [filter.param, ...(filter.aliases ?? [])].filter((n) => Object.hasOwn(raw, n))
    const [name, twin] = names
    if (name === undefined) continue
    if (twin !== undefined) {
      throw new InvalidParameter(
        twin,
        `参数 ${name} 与 ${twin} 是同一筛选条件（${twin} 为旧名），只能给出一个`,
      )
    }
    const given = single(raw, name) as string
    // GDAL pushes `-where "overdue = 1"` down as overdue=1: booleans also come as 1/0
    const value = isBooleanFilter(filter) ? (booleanSpellings[given] ?? given) : given
    if (filter.values && !filter.values.includes(value)) {
      throw new InvalidParameter(
        name,
        `参数 ${name} 的值 ${quote(value)} 无效，可选值：${filter.values.join(', ')}`,
      )
    }
    if (value.length > maxFilterValueLength) {
      throw new InvalidParameter(name, `参数 ${name} 过长（最多 ${maxFilterValueLength} 个字符）`)
    }
    if (filter.derived) derived[filter.property] = value
    else properties[filter.property] = value
    selection.push([filter.param, value])
  }
  if (Object.keys(derived).length > 0) query.derived = derived
  const names = single(raw, 'properties')
  if (names !== undefined) {
    query.propertyNames = parsePropertyNames(names)
    selection.push(['properties', names])
  }
  const limit = single(raw, 'limit')
  if (limit !== undefined) query.limit = parseLimit(limit, limits.maxLimit)
  const offset = single(raw, 'offset')
  if (offset !== undefined) query.offset = parseOffset(offset)
  const cursor = single(raw, 'cursor')
  if (cursor !== undefined) {
    if (!/^\d{1,15}$/.test(cursor)) {
      throw new InvalidParameter('cursor', '参数 cursor 无效：请使用响应中 next 链接给出的值')
    }
    if (offset !== undefined) {
      throw new InvalidParameter('cursor', '参数 cursor 与 offset 不能同时给出')
    }
    query.cursor = cursor
  }
  const format = parseFormat(raw, ['json'])
  return format ? { query, selection, format } : { query, selection }
}

/** Parses the parameters of metadata paths (/, /collections, …): only `f` is declared there. */
export function parseFormatOnly(
  raw: RawQuery,
  formats: readonly OutputFormat[] = ['json'],
): OutputFormat | undefined {
  rejectUnknown(raw, ['f'])
  return parseFormat(raw, formats)
}

function parseFormat(raw: RawQuery, formats: readonly OutputFormat[]): OutputFormat | undefined {
  const f = single(raw, 'f')
  if (f === undefined) return undefined
  if (!(formats as readonly string[]).includes(f)) {
    throw new InvalidParameter('f', `参数 f 的值 ${quote(f)} 无效，可选值：${formats.join(', ')}`)
  }
  return f as OutputFormat
}

function rejectUnknown(raw: RawQuery, known: readonly string[]): void {
  const unknown = Object.keys(raw).filter((name) => !known.includes(name))
  const first = unknown[0]
  if (first !== undefined) {
    throw new InvalidParameter(
      first,
      `未知参数 ${unknown.map(quote).join(', ')}；此路径支持的参数：${known.join(', ')}`,
    )
  }
}

function single(raw: RawQuery, name: string): string | undefined {
  if (!Object.hasOwn(raw, name)) return undefined
  const value = raw[name]
  if (Array.isArray(value)) throw new InvalidParameter(name, `参数 ${name} 重复出现，只能给出一次`)
  if (typeof value !== 'string') throw new InvalidParameter(name, `参数 ${name} 的格式无效`)
  if (value === '') throw new InvalidParameter(name, `参数 ${name} 的值为空`)
  return value
}

const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** bbox: 4 or 6 comma-separated decimals, CRS84, lower-left corner first (/req/core/fc-bbox-definition). */
export function parseBbox(value: string): Bbox {
  const parts = value.split(',')
  const fail = (why: string) =>
    new InvalidParameter(
      'bbox',
      `参数 bbox 无效（${why}）：应为 4 个或 6 个逗号分隔的数，如 100.2,25.1,100.4,25.3`,
    )
  if (parts.length !== 4 && parts.length !== 6) throw fail(`给出了 ${parts.length} 个数`)
  const numbers = parts.map((p) => {
    const trimmed = p.trim()
    if (!decimal.test(trimmed)) throw fail(`${quote(p)} 不是数`)
    return Number(trimmed)
  })
  // 6 numbers = [west, south, bottom, east, north, top]; the vertical range is checked, then dropped
  const six = numbers.length === 6
  const [w, s, e, n] = (six ? [0, 1, 3, 4] : [0, 1, 2, 3]).map((i) => numbers[i] as number) as [
    number,
    number,
    number,
    number,
  ]
  if (six && (numbers[2] as number) > (numbers[5] as number)) throw fail('最小高程大于最大高程')
  if (![w, e].every((x) => x >= -180 && x <= 180)) throw fail('经度须在 -180 到 180 之间')
  if (![s, n].every((y) => y >= -90 && y <= 90)) throw fail('纬度须在 -90 到 90 之间')
  if (s > n) throw fail('南边纬度大于北边纬度')
  // west > east is legal: the box crosses the antimeridian (/req/core/fc-bbox-definition)
  return [w, s, e, n]
}

const propertyNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** properties=a,b,c: the feature properties a page carries (OGC API Features Part 6 draft). */
function parsePropertyNames(value: string): string[] {
  const names = value.split(',').map((n) => n.trim())
  const bad = names.find((n) => !propertyNamePattern.test(n))
  if (bad !== undefined || names.length > 50) {
    throw new InvalidParameter(
      'properties',
      `参数 properties 无效${bad === undefined ? '（最多 50 个）' : `：${quote(bad)} 不是属性名`}；应为逗号分隔的属性名，如 status,category,reportedAt`,
    )
  }
  return names
}

function parseLimit(value: string, maxLimit: number): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidParameter('limit', `参数 limit 的值 ${quote(value)} 不是正整数`)
  }
  const limit = Number(value)
  if (limit < 1) throw new InvalidParameter('limit', '参数 limit 至少为 1')
  return Math.min(limit, maxLimit)
}

function parseOffset(value: string): number {
  const offset = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(offset)) {
    throw new InvalidParameter('offset', `参数 offset 的值 ${quote(value)} 不是非负整数`)
  }
  return offset
}

// RFC 3339 date-time or full-date; also the truncated forms GDAL 3.6 sends ("2026-11-01T",
// "2026-11-01T10Z", "2026-11-01T10:30Z"). A value covers its whole unit: a date is that UTC day.
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](?:(\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?([Zz]|[+-]\d{2}:\d{2}))?)?$/

/** The first and last millisecond an RFC 3339 value covers, or undefined when it is not one. */
export function parseInstant(value: string): { startMs: number; endMs: number } | undefined {
  const m = instantPattern.exec(value)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h ?? 0)
  const minute = Number(mi ?? 0)
  const second = Number(s ?? 0)
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined // 2026-02-30, month 13 …
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offsetMs = 0
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const zh = Number(zone.slice(1, 3))
    const zm = Number(zone.slice(4, 6))
    if (zh > 23 || zm > 59) return undefined
    offsetMs = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000
  }
  const fractionMs = frac ? Math.floor(Number(frac) * 1000) : 0
  const startMs = Date.UTC(year, month - 1, day, hour, minute, second) + fractionMs - offsetMs
  const unitMs =
    h === undefined
      ? 86_400_000
      : mi === undefined
        ? 3_600_000
        : s === undefined
          ? 60_000
          : frac === undefined
            ? 1000
            : 1
  return { startMs, endMs: startMs + unitMs - 1 }
}

/** datetime: an instant, or an interval `a/b` with `..` or an empty side for an open end. */
export function parseDatetime(value: string): TimeRange {
  const fail = (why: string) =>
    new InvalidParameter(
      'datetime',
      `参数 datetime 无效（${why}）：应为 RFC 3339 时刻或区间，如 2026-11-01T00:00:00Z、2026-11-01T00:00:00Z/..、../2026-11-22`,
    )
  const parts = value.split('/')
  if (parts.length > 2) throw fail('包含多个 /')
  if (parts.length === 1) {
    const instant = parseInstant(value)
    if (!instant) throw fail(`${quote(value)} 不是有效时刻`)
    return instant
  }
  const [startText, endText] = parts as [string, string]
  const open = (text: string) => text === '' || text === '..'
  if (open(startText) && open(endText)) throw fail('区间两端不能都开放')
  const range: TimeRange = {}
  if (!open(startText)) {
    const start = parseInstant(startText)
    if (!start) throw fail(`起点 ${quote(startText)} 不是有效时刻`)
    range.startMs = start.startMs
  }
  if (!open(endText)) {
    const end = parseInstant(endText)
    if (!end) throw fail(`终点 ${quote(endText)} 不是有效时刻`)
    range.endMs = end.endMs
  }
  if (range.startMs !== undefined && range.endMs !== undefined && range.startMs > range.endMs) {
    throw fail('起点晚于终点')
  }
  return range
}

// echo user input in messages, shortened so a 10 kB value does not come back in full
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
}
