// The selected feature's details for its panel; a grid's with its issue counts.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { issueCountQuery } from '../../features/issues/api.ts'
import type { NameLookup } from '../../lib/format.ts'
import { describeSelection, type Selection } from './map-selection.ts'

export function useSelectionDetails(
  selection: Selection | undefined,
  now: Date,
  lookup: NameLookup,
  mayInspect: boolean, // a check point offers its 点位测评
) {
  const gridCounts = useGridIssueCounts(selection)
  return useMemo(
    () =>
      selection ? describeSelection(selection, now, lookup, gridCounts, mayInspect) : undefined,
    [selection, now, lookup, gridCounts, mayInspect],
  )
}

/** A selected grid's issues, all and open, counted by the server. */
function useGridIssueCounts(selection: Selection | undefined) {
  const props = selection?.collection === 'grids' ? selection.feature.properties : undefined
  const code = typeof props?.gridCode === 'string' ? encodeURIComponent(props.gridCode) : ''
  const total = useQuery({ ...issueCountQuery(`gridCode=${code}`), enabled: code !== '' })
  const closed = useQuery({
    ...issueCountQuery(`gridCode=${code}&status=closed`),
    enabled: code !== '',
  })
  const all = total.data?.matched
  const done = closed.data?.matched
  return useMemo(
    () =>
      code && all !== undefined && done !== undefined
        ? { total: all, open: all - done }
        : undefined,
    [code, all, done],
  )
}
