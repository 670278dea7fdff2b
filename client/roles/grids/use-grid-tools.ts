// The map's drawing tools: pick, box and lasso select, and the split line and reshape of the edit
// tab; leaving the edit tab ends any drawing that belongs to it.
import type { LineString, Polygon } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { type DrawTool, useGridDraw } from '../../features/grid-admin/draw-tools.ts'
import { gridsInside, mergeSelection } from '../../features/grid-admin/selection.ts'
import { useShiftKey } from './grid-map-controls.tsx'
import type { GridTab } from './grids-side.tsx'

export function useGridTools(
  map: MapLibreMap | null,
  tab: GridTab,
  anchors: Parameters<typeof gridsInside>[0],
  setSelected: (update: (current: string[]) => string[]) => void,
  setNotice: (notice: string) => void,
) {
  const [tool, setTool] = useState<DrawTool>('pick')
  const [line, setLine] = useState<LineString>()
  const shiftRef = useShiftKey(tool, setTool)

  // drawing: box and lasso select, the split line goes to the edit tab
  const draw = useGridDraw(map, tool, {
    onArea: (polygon: Polygon, additive: boolean) => {
      const found = gridsInside(anchors, polygon)
      setSelected((current) => mergeSelection(current, found, additive || shiftRef.current))
      setNotice(
        found.length
          ? `圈选到 ${found.length} 个网格。`
          : '圈选范围内没有网格的中心，请画大一些或改用点选。',
      )
    },
    onLine: setLine,
  })

  // leaving the edit tab ends any drawing that belongs to it
  useEffect(() => {
    if (tab !== 'edit' && (tool === 'line' || tool === 'reshape')) {
      draw.editPolygon(undefined)
      setLine(undefined)
      setTool('pick')
    }
  }, [tab, tool, draw])

  return { tool, setTool, line, setLine, shiftRef, draw }
}
