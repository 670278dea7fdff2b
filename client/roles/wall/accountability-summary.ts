// The 问责 counts under the 红黑榜 (/api/accountability/summary: counts by kind, no names).
import { queryOptions } from '@tanstack/react-query'
import { type AuthOptions, getJson } from '../../features/stats/api.ts'

export interface AccountabilitySummary {
  total: number
  byKind: { kind: string; label: string; count: number }[]
}

/** The 问责 steps of this month (Beijing), counted by kind: the ranking panel's footnote. */
export const accountabilitySummaryQuery = (o: AuthOptions) => {
  const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7)
  return queryOptions({
    queryKey: ['accountability', 'summary', month],
    queryFn: () =>
      getJson<AccountabilitySummary>('api/accountability/summary', { from: `${month}-01` }, o),
    refetchInterval: 5 * 60_000, // records are rare; five minutes is soon enough
  })
}
