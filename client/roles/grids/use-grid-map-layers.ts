// The workspace map's deck.gl layers: grids coloured by unit or manager, the selection and hover,
// a rebalance proposal's changes and an import's problem features.
import { useMemo } from 'react'
import type { ColorMode } from '../../features/grid-admin/grid-colors.ts'
import { gridAdminLayers, toMapGrids } from '../../features/grid-admin/layers.ts'
import { deckBeforeIds } from '../../map/base-style.ts'
import type { GridsData } from './use-grids-data.ts'

type LayerInputs = Parameters<typeof gridAdminLayers>[0]

export interface GridMapLayerInputs
  extends Omit<LayerInputs, 'grids' | 'colorVersion' | 'beforeId'> {
  colorMode: ColorMode
  activeScale: Parameters<typeof toMapGrids>[3]
}

export function useGridMapLayers(data: GridsData, inputs: GridMapLayerInputs) {
  const { shapeList, rowsByCode } = data
  const rowsUpdatedAt = data.rows.dataUpdatedAt
  const { colorMode, activeScale } = inputs
  const { selected, hovered, diff, zoom, scale, onHover, importProblems } = inputs
  const mapGrids = useMemo(
    () => toMapGrids(shapeList, rowsByCode, colorMode, activeScale),
    [shapeList, rowsByCode, colorMode, activeScale],
  )
  return useMemo(
    () =>
      gridAdminLayers({
        grids: mapGrids,
        colorVersion: `${colorMode}:${rowsUpdatedAt}`,
        selected,
        hovered,
        diff,
        zoom,
        scale,
        beforeId: deckBeforeIds.areas,
        onHover,
        ...(importProblems ? { importProblems } : {}),
      }),
    [
      mapGrids,
      colorMode,
      rowsUpdatedAt,
      selected,
      hovered,
      diff,
      zoom,
      scale,
      onHover,
      importProblems,
    ],
  )
}
