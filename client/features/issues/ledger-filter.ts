// The ledger filter (问题台账筛选): one value object that lives in the address bar, becomes the
// `/api/issues` query and the export links, and filters the issue layers on the map. Pure.
import {
  type IssueCategory,
  type IssueProperties,
  type IssueStatus,
  isOverdue,
  issueCategories,
  issueStatuses,
} from '../../../server/domain/issue.ts'
import { isWithin, type Period, parseDay, resolvePeriod } from '../../../server/domain/period.ts'
import { type IssueSource, issueSources } from '../../../server/domain/supervision.ts'

export const ledgerSorts = [
  '-reportedAt',
  'reportedAt',
  'deadlineAt',
  '-deadlineAt',
  '-updatedAt',
  'updatedAt',
] as const
export type LedgerSort = (typeof ledgerSorts)[number]

export const ledgerSortLabels: Record<LedgerSort, string> = {
  '-reportedAt': '发现时间（新→旧）',
  reportedAt: '发现时间（旧→新）',
  deadlineAt: '整改期限（近→远）',
  '-deadlineAt': '整改期限（远→近）',
  '-updatedAt': '更新时间（新→旧）',
  updatedAt: '更新时间（旧→新）',
}

/**
 * 时段 of the 发现时间 the ledger offers, custom (自定义) with from and to; weeks start Monday 00:00
 * Beijing time (domain/period.ts).
 */
export const ledgerPeriods = [
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'custom',
] as const
export type LedgerPeriod = (typeof ledgerPeriods)[number]

export interface LedgerFilter {
  status?: IssueStatus
  township?: string // NBS 9-digit code
  unit?: string // responsible unit code
  category?: IssueCategory
  overdue?: boolean
  source?: IssueSource // 问题来源
  period?: LedgerPeriod // 发现时间 within 本周, 上周, 本月, 上月 or custom dates
  from?: string // custom: first Beijing day, YYYY-MM-DD
  to?: string // custom: last Beijing day (inclusive)
  round?: string // 督查轮次: only the issues recorded in it
  q?: string // text search: description or id
  sort: LedgerSort
  page: number // 1-based
}

export const defaultSort: LedgerSort = '-reportedAt'
export const ledgerPageSize = 20 // rows per page; fits the panel at 1366×768 with a short scroll
const maxQueryLength = 100

/** The keys this filter owns in the address bar; other parameters are left alone. */
export const ledgerParams = [
  'status',
  'township',
  'unit',
  'category',
  'overdue',
  'source',
  'period',
  'from',
  'to',
  'round',
  'q',
  'sort',
  'page',
] as const

export function emptyLedgerFilter(): LedgerFilter {
  return { sort: defaultSort, page: 1 }
}

const roundPattern = /^round-\d{1,9}$/

/**
 * The 发现时段 the filter names, or undefined: none chosen, or 自定义 whose dates are missing or out of
 * order (the form is still being filled in; the list is then not narrowed by date).
 */
export function ledgerPeriodOf(
  filter: Pick<LedgerFilter, 'period' | 'from' | 'to'>,
  now: Date,
): Period | undefined {
  if (!filter.period) return undefined
  try {
    return resolvePeriod({ kind: filter.period, from: filter.from, to: filter.to }, now)
  } catch {
    return undefined // RangeError of a custom range being typed
  }
}

function isOneOf<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value)
}

/** Reads the filter from a query string; malformed values are dropped, not guessed at. */
export function parseLedgerFilter(search: string): LedgerFilter {
  const params = new URLSearchParams(search)
  const filter = emptyLedgerFilter()
  const status = params.get('status')
  if (isOneOf(issueStatuses, status)) filter.status = status
  const category = params.get('category')
  if (isOneOf(issueCategories, category)) filter.category = category
  const township = params.get('township')
  if (township && /^\d{9}$/.test(township)) filter.township = township
  const unit = params.get('unit')
  if (unit && /^[a-z0-9][a-z0-9-]{0,63}$/.test(unit)) filter.unit = unit
  const overdue = params.get('overdue')
  if (overdue === '1' || overdue === 'true') filter.overdue = true
  if (overdue === '0' || overdue === 'false') filter.overdue = false
  const source = params.get('source')
  if (isOneOf(issueSources, source)) filter.source = source
  const period = params.get('period')
  if (isOneOf(ledgerPeriods, period)) filter.period = period
  if (period === 'custom') {
    const [from, to] = [params.get('from'), params.get('to')]
    if (from && parseDay(from) !== undefined) filter.from = from
    if (to && parseDay(to) !== undefined) filter.to = to
  }
  const round = params.get('round')
  if (round && roundPattern.test(round)) filter.round = round
  const q = params.get('q')?.trim().slice(0, maxQueryLength)
  if (q) filter.q = q
  const sort = params.get('sort')
  if (isOneOf(ledgerSorts, sort)) filter.sort = sort
  const page = Number(params.get('page'))
  if (Number.isInteger(page) && page > 1) filter.page = page
  return filter
}

/** Writes the filter into a query string, keeping unrelated parameters. Defaults are left out. */
export function toLedgerSearch(filter: LedgerFilter, previous = ''): string {
  const params = new URLSearchParams(previous)
  for (const key of ledgerParams) params.delete(key)
  for (const [key, value] of Object.entries(toFilterParams(filter))) params.set(key, value)
  if (filter.sort !== defaultSort) params.set('sort', filter.sort)
  if (filter.page > 1) params.set('page', String(filter.page))
  const query = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')
  return query ? `?${query}` : ''
}

function toFilterParams(filter: LedgerFilter): Record<string, string> {
  const out: Record<string, string> = {}
  if (filter.status) out.status = filter.status
  if (filter.township) out.township = filter.township
  if (filter.unit) out.unit = filter.unit
  if (filter.category) out.category = filter.category
  if (filter.overdue !== undefined) out.overdue = filter.overdue ? '1' : '0'
  if (filter.source) out.source = filter.source
  // 自定义 goes out only once its dates make a period, so the server never sees half of one
  if (filter.period && ledgerPeriodOf(filter, new Date(0))) {
    out.period = filter.period
    if (filter.period === 'custom') {
      out.from = filter.from as string
      out.to = filter.to as string
    }
  }
  if (filter.round) out.round = filter.round
  if (filter.q) out.q = filter.q
  return out
}

/** The `/api/issues` query (without '?') for one page of the filtered, sorted ledger. */
export function toIssueQuery(filter: LedgerFilter, pageSize = ledgerPageSize): string {
  const params = new URLSearchParams(exportParams(filter))
  params.set('limit', String(pageSize))
  params.set('offset', String((filter.page - 1) * pageSize))
  return params.toString()
}

/** The filter and sort without paging: what the export endpoints take. */
export function exportParams(filter: LedgerFilter): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(toFilterParams(filter))) {
    params.set(key, key === 'overdue' ? String(value === '1') : value)
  }
  params.set('sort', filter.sort)
  return params.toString()
}

/** True when any filter (not sort or page) is set: the map then shows only matching issues. */
export function isFiltered(filter: LedgerFilter): boolean {
  return Object.keys(toFilterParams(filter)).length > 0
}

/** The same filter applied to an issue on the map (the OGC collection holds every issue). */
export function matchesLedgerFilter(
  id: string,
  issue: IssueProperties,
  filter: LedgerFilter,
  now: Date,
): boolean {
  if (filter.status && issue.status !== filter.status) return false
  if (filter.township && issue.townshipCode !== filter.township) return false
  if (filter.unit && issue.responsibleUnit !== filter.unit) return false
  if (filter.category && issue.category !== filter.category) return false
  if (filter.overdue !== undefined && isOverdue(issue, now) !== filter.overdue) return false
  if (filter.source && issue.source !== filter.source) return false
  if (filter.round && issue.roundId !== filter.round) return false
  const period = ledgerPeriodOf(filter, now)
  if (period && !isWithin(Date.parse(issue.reportedAt), period)) return false
  if (filter.q) {
    const q = filter.q.toLowerCase()
    if (!id.toLowerCase().includes(q) && !issue.description.toLowerCase().includes(q)) return false
  }
  return true
}

/** A filter change that is not a page turn goes back to page 1. */
export function withFilter(filter: LedgerFilter, patch: Partial<LedgerFilter>): LedgerFilter {
  const next = { ...filter, ...patch }
  for (const key of Object.keys(patch) as (keyof LedgerFilter)[]) {
    if (patch[key] === undefined || patch[key] === '') delete next[key]
  }
  next.sort ??= defaultSort
  if (!('page' in patch)) next.page = 1
  next.page ??= 1
  return next
}

/** The number of pages for a total; at least 1 so "第 1 / 1 页" reads right for an empty list. */
export function pageCount(total: number, pageSize = ledgerPageSize): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** The collection with only the issues the filter keeps; the same object when nothing is filtered. */
export function filterIssueCollection<
  C extends { features: { id?: string | number; properties: IssueProperties }[] },
>(collection: C | undefined, filter: LedgerFilter, now: Date): C | undefined {
  if (!collection || !isFiltered(filter)) return collection
  return {
    ...collection,
    features: collection.features.filter((f) =>
      matchesLedgerFilter(String(f.id ?? ''), f.properties, filter, now),
    ),
  }
}
