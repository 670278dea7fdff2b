// A rebalance proposal on the map: the moved grids drawn in their new owners' colours once their
// labels' characters are loaded, and the map fitted to them.
import { bbox as turfBbox } from '@turf/turf'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useMemo, useState } from 'react'
import type { GridGeometry, RebalanceProposal } from '../../features/grid-admin/api.ts'
import { colorOf } from '../../features/grid-admin/grid-colors.ts'
import { buildDiffGrids } from '../../features/grid-admin/rebalance-diff.ts'
import type { anchorPoints } from '../../features/grid-admin/selection.ts'
import { preloadCharacters } from '../../lib/fonts.ts'
import type { useGridOwners } from './use-grid-owners.ts'

export function useProposalDiff(
  proposal: RebalanceProposal | undefined,
  owners: Pick<ReturnType<typeof useGridOwners>, 'unitScale' | 'managerScale' | 'nameOf'>,
  shapeByCode: ReadonlyMap<string, GridGeometry>,
  anchors: ReturnType<typeof anchorPoints>,
  map: MapLibreMap | null,
  scale: number,
) {
  const { unitScale, managerScale, nameOf } = owners
  const diff = useMemo(() => {
    if (!proposal) return []
    const s = proposal.by === 'unit' ? unitScale : managerScale
    return buildDiffGrids({
      moves: proposal.moves,
      shapes: shapeByCode,
      anchors,
      colorOf: (owner) => colorOf(s, owner),
      nameOf: (owner) => nameOf(proposal.by, owner),
    })
  }, [proposal, shapeByCode, anchors, unitScale, managerScale, nameOf])
  const [diffReady, setDiffReady] = useState<typeof diff>([])
  useEffect(() => {
    let cancelled = false
    if (!diff.length) return setDiffReady([])
    preloadCharacters(diff.map((d) => d.label)).then(() => {
      if (!cancelled) setDiffReady(diff)
    })
    return () => {
      cancelled = true
    }
  }, [diff])
  // show the whole proposal: the moved grids' box
  useEffect(() => {
    if (!map || !diffReady.length) return
    const [w, s, e, n] = turfBbox({
      type: 'FeatureCollection',
      features: diffReady.map((d) => ({ type: 'Feature', properties: {}, geometry: d.geometry })),
    })
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 40 * scale, duration: 600, maxZoom: 15 },
    )
  }, [map, diffReady, scale])
  return diffReady
}
