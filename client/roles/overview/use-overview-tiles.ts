// The overview's issue tiles and counts: the ledger's filter narrows both, so map and list tell the
// same story; a write anywhere (or an import) asks the tiles on screen again.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useEffect, useRef, useState } from 'react'
import { issueTileQuery } from '../../features/issues/issue-tiles.ts'
import type { LedgerFilter } from '../../features/issues/ledger-filter.ts'
import { useIssueCounts } from '../../features/issues/use-issue-counts.ts'
import { issueTileStyle, useIssueTiles } from '../../features/issues/use-issue-tiles.ts'
import { kpisQuery, statsKeys } from '../../features/stats/api.ts'

export function useOverviewTiles(
  map: maplibregl.Map | null,
  ledgerFilter: LedgerFilter,
  visible: ReadonlySet<string>,
  scale: number,
) {
  const tileQuery = issueTileQuery(ledgerFilter)
  // unfiltered, the county's open issues come exact from the live tally (as on the wall): past the
  // items' counting limit (a big ledger) they would otherwise be unknown
  const kpis = useQuery({ ...kpisQuery({}, { refetchInterval: false }), enabled: tileQuery === '' })
  const issueCounts = useIssueCounts(
    tileQuery,
    ledgerFilter.status,
    tileQuery === '' ? kpis.data?.open : undefined,
  )
  const [tileRevision, setTileRevision] = useState(0)
  const countsUpdatedAt = issueCounts.queries[0]?.dataUpdatedAt ?? 0
  const firstCountsAt = useRef(0)
  if (!firstCountsAt.current) firstCountsAt.current = countsUpdatedAt
  // a write refetches the counts (invalidateIssues): the tally is asked again with them (not when
  // the counts first arrive: it was just read)
  const queryClient = useQueryClient()
  useEffect(() => {
    if (countsUpdatedAt !== firstCountsAt.current)
      void queryClient.invalidateQueries({ queryKey: statsKeys.kpis({}) })
  }, [countsUpdatedAt, queryClient])
  const tileOptions = {
    scale,
    heatmapVisible: visible.has('heatmap'),
    pointsVisible: visible.has('issues'),
    // above the radii and village dots, under the seats and the check points (deck.gl, which
    // re-inserts its layers before their anchors): an anchor no deck.gl layer uses keeps the order
    beforeId: 'seats-circle',
  }
  useIssueTiles(
    map,
    tileQuery,
    tileOptions,
    // a write anywhere refetches the counts (invalidateIssues): the tiles on screen are asked again
    // (not when the counts first arrive: the tiles on screen are as new)
    tileRevision + countsUpdatedAt - firstCountsAt.current,
  )
  // the first style holds the tiles already (MapView reads it once), and their density is drawn
  // before deck.gl's layers are handed over (their shader links would hold it up on software GL)
  const [mapProps] = useState(() => ({
    styleAdditions: issueTileStyle(tileQuery, tileOptions),
    overlayAfterFirstFrame: true,
  }))
  const refreshTiles = useCallback(() => setTileRevision((r) => r + 1), [])
  return { issueCounts, mapProps, refreshTiles }
}
