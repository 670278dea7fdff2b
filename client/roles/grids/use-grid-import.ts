// The 导入网格 panel's state on the grids screen: whether it is open, the last check's report, and
// the map brought to the overlaps and gaps it found (clear of the panel on the left).
import { bbox as turfBbox } from '@turf/turf'
import type { FeatureCollection } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import type { GridImportReport } from '../../features/grid-admin/api.ts'

const panelWidthPx = 420 // the import panel over the map's left side, at scale 1

export function useGridImport(map: MapLibreMap | null, scale: number) {
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
  }
}
