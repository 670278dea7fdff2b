// The issue counts the overview shows (layer panel, filter notice, data time), asked of the server
// as numberMatched of one-feature pages: the screen never downloads the ledger to count it.
import { useQuery } from '@tanstack/react-query'
import { issueCountQuery } from './api.ts'
import type { IssueCounts } from './issue-layer-entries.ts'

/** `query`: the items filters (issueTileQuery); `status`: the filter's status, when set. */
export function useIssueCounts(query: string, status: string | undefined) {
  const all = useQuery(issueCountQuery(''))
  const matched = useQuery(issueCountQuery(query))
  const closedQuery = query ? `${query}&status=closed` : 'status=closed'
  const closed = useQuery({ ...issueCountQuery(closedQuery), enabled: status === undefined })
  const matchedCount = matched.data?.matched
  const open =
    status !== undefined
      ? status === 'closed'
        ? 0
        : matchedCount
      : matchedCount !== undefined && closed.data
        ? matchedCount - closed.data.matched
        : undefined
  const counts: IssueCounts = { all: all.data?.matched, matched: matchedCount, open }
  return { counts, queries: [all, matched], timeStamp: all.data?.timeStamp }
}
