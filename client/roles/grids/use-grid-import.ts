// The 导入网格 panel's state on the grids screen: whether it is open, the last check's report, and
// the map brought to the overlaps and gaps it found (clear of the panel on the left).

import { useQueryClient } from '@tanstack/react-query'
import { bbox as turfBbox } from '@turf/turf'
import type { FeatureCollection } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import type { GridImportReport } from '../../features/grid-admin/api.ts'
import { placeQuery } from '../../lib/place.ts'

const panelWidthPx = 420 // the import panel over the map's left side, at scale 1

/** `refresh`: the grids screen's own reads, stale after any import. */
export function useGridImport(map: MapLibreMap | null, scale: number, refresh: () => void) {
  const queryClient = useQueryClient()
  const [importing, setImporting] = useState(false)
  const [report, setReport] = useState<GridImportReport>()
  useEffect(() => {
    const problems = report?.problemFeatures.features.filter((f) => f.geometry)
    if (!map || !problems?.length) return
    const [w, s, e, n] = turfBbox({ type: 'FeatureCollection', features: problems } as never)
    const pad = 40 * scale
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      {
        padding: { top: pad, bottom: pad, right: pad, left: panelWidthPx * scale },
        duration: 600,
        maxZoom: 15,
      },
    )
  }, [map, report, scale])
  const problems = report?.problemFeatures as FeatureCollection | undefined
  return {
    importing,
    toggle: () => setImporting((open) => !open),
    close: () => {
      setImporting(false)
      setReport(undefined)
    },
    report,
    setReport,
    problems,
    imported: () => {
      refresh()
      // the imported layer is no longer 示意; townships or check points may have changed
      void queryClient.invalidateQueries({ queryKey: placeQuery.queryKey })
      void queryClient.invalidateQueries({ queryKey: ['collections'] })
    },
  }
}
