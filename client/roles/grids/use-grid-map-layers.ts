// The workspace map: the grids coloured by unit or manager with the selection and hover (MapLibre
// style layers), and deck.gl layers for a rebalance proposal's changes and an import's problems.
import { useMemo, useState } from 'react'
import type { ColorMode } from '../../features/grid-admin/grid-colors.ts'
import {
  type GridDeckLayerInput,
  gridDeckLayers,
  gridHatch,
  gridOverlay,
  toMapGrids,
} from '../../features/grid-admin/layers.ts'
import { deckBeforeIds } from '../../map/base-style.ts'
import type { GridsData } from './use-grids-data.ts'

export interface GridMapLayerInputs extends GridDeckLayerInput {
  colorMode: ColorMode
  activeScale: Parameters<typeof toMapGrids>[3]
  selected: readonly string[]
  hovered: string | undefined
}

export function useGridMapLayers(data: GridsData, inputs: GridMapLayerInputs) {
  const { shapeList, rowsByCode } = data
  const { colorMode, activeScale, selected, hovered, diff, zoom, scale, importProblems } = inputs
  const grids = useMemo(
    () => ({
      type: 'FeatureCollection' as const,
      features: toMapGrids(shapeList, rowsByCode, colorMode, activeScale),
    }),
    [shapeList, rowsByCode, colorMode, activeScale],
  )
  const [hatch] = useState(() => gridHatch(scale, window.devicePixelRatio || 1))
  const dimmed = diff.length > 0
  const overlay = useMemo(
    () =>
      gridOverlay({
        grids,
        hatch,
        selected,
        hovered,
        dimmed,
        scale,
        beforeId: deckBeforeIds.areas,
      }),
    [grids, hatch, selected, hovered, dimmed, scale],
  )
  const layers = useMemo(
    () => gridDeckLayers({ diff, zoom, scale, ...(importProblems ? { importProblems } : {}) }),
    [diff, zoom, scale, importProblems],
  )
  return { overlay, layers }
}
