// The issue counts the overview shows (layer panel, filter notice, data time), asked of the server
// as numberMatched of one-feature pages: the screen never downloads the ledger to count it.
import { useQuery } from '@tanstack/react-query'
import { type IssueCount, issueCountQuery } from './api.ts'
import type { IssueCounts } from './issue-layer-entries.ts'

/**
 * `query`: the items filters (issueTileQuery); `status`: the filter's status, when set;
 * `exactOpen`: the open issues of this same selection counted exactly elsewhere (the live tally of
 * the whole county), which replaces a count the items could only bound.
 */
export function useIssueCounts(query: string, status: string | undefined, exactOpen?: number) {
  const all = useQuery(issueCountQuery(''))
  const matched = useQuery(issueCountQuery(query))
  const closedQuery = query ? `${query}&status=closed` : 'status=closed'
  const closed = useQuery({ ...issueCountQuery(closedQuery), enabled: status === undefined })
  const counts = issueCountsOf(all.data, matched.data, closed.data, status, exactOpen)
  return { counts, queries: [all, matched], timeStamp: all.data?.timeStamp }
}

/**
 * The layer panel's counts from the three server counts. Past the server's exact-count limit a
 * count is a lower bound; open issues are then at least matched − closed, or unknown when the
 * closed ones were not counted to the end either — unless `exactOpen` gives them.
 */
export function issueCountsOf(
  all: IssueCount | undefined,
  matched: IssueCount | undefined,
  closed: IssueCount | undefined,
  status: string | undefined,
  exactOpen?: number,
): IssueCounts {
  const counts: IssueCounts = { all: all?.matched, matched: matched?.matched }
  const atLeast = { all: all?.atLeast ?? false, matched: matched?.atLeast ?? false, open: false }
  if (status !== undefined) {
    counts.open = status === 'closed' ? 0 : matched?.matched
    atLeast.open = status !== 'closed' && atLeast.matched
  } else if (matched && closed) {
    if (closed.atLeast)
      atLeast.open = true // unknown: more than the limit are closed
    else {
      counts.open = Math.max(0, matched.matched - closed.matched)
      atLeast.open = matched.atLeast
    }
  }
  if (exactOpen !== undefined && (atLeast.open || counts.open === undefined)) {
    counts.open = exactOpen
    atLeast.open = false
  }
  if (atLeast.all || atLeast.matched || atLeast.open) counts.atLeast = atLeast
  return counts
}
