// The overview's issue tiles and counts: the ledger's filter narrows both, so map and list tell the
// same story; a write anywhere (or an import) asks the tiles on screen again.
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useRef, useState } from 'react'
import { issueTileQuery } from '../../features/issues/issue-tiles.ts'
import type { LedgerFilter } from '../../features/issues/ledger-filter.ts'
import { useIssueCounts } from '../../features/issues/use-issue-counts.ts'
import { issueTileStyle, useIssueTiles } from '../../features/issues/use-issue-tiles.ts'

export function useOverviewTiles(
  map: maplibregl.Map | null,
  ledgerFilter: LedgerFilter,
  visible: ReadonlySet<string>,
  scale: number,
) {
  const tileQuery = issueTileQuery(ledgerFilter)
  const issueCounts = useIssueCounts(tileQuery, ledgerFilter.status)
  const [tileRevision, setTileRevision] = useState(0)
  const countsUpdatedAt = issueCounts.queries[0]?.dataUpdatedAt ?? 0
  const firstCountsAt = useRef(0)
  if (!firstCountsAt.current) firstCountsAt.current = countsUpdatedAt
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
  // the first style holds the tiles already (MapView reads it once)
  const [firstTileStyle] = useState(() => issueTileStyle(tileQuery, tileOptions))
  const refreshTiles = useCallback(() => setTileRevision((r) => r + 1), [])
  return { issueCounts, firstTileStyle, refreshTiles }
}
