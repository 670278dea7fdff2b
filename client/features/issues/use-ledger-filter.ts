// The ledger filter as React state mirrored into the address bar (replaceState, no reloads), so a
// filtered ledger can be bookmarked or sent to a colleague.
import { useCallback, useEffect, useState } from 'react'
import { type LedgerFilter, parseLedgerFilter, toLedgerSearch } from './ledger-filter.ts'

const writeDelayMs = 300

export function useLedgerFilter() {
  const [filter, setFilter] = useState<LedgerFilter>(() =>
    parseLedgerFilter(globalThis.location?.search ?? ''),
  )
  useEffect(() => {
    const timer = setTimeout(() => {
      const search = toLedgerSearch(filter, location.search)
      if (search !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
      }
    }, writeDelayMs)
    return () => clearTimeout(timer)
  }, [filter])
  const update = useCallback((next: LedgerFilter) => setFilter(next), [])
  return [filter, update] as const
}
