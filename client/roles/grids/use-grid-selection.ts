// The selected grids, kept in the URL (`?grids=a,b`) so a link shares them and back/forward step
// through them: a click, shift-click or table row selects; grids that vanished leave the selection.
import type { RefObject } from 'react'
import { useCallback, useEffect } from 'react'
import type { GridRow } from '../../features/grid-admin/api.ts'
import type { DrawTool } from '../../features/grid-admin/draw-tools.ts'
import { pickedGrid } from '../../features/grid-admin/layers.ts'
import { clickSelection } from '../../features/grid-admin/selection.ts'
import { useUrlList } from '../../lib/url-state.ts'
import type { MapClick } from '../../map/map-view.tsx'

export function useGridSelection(rowsLoaded: boolean, rowsByCode: ReadonlyMap<string, GridRow>) {
  const [selected, setSelected] = useUrlList('grids')

  // grids that vanished (split, merged) leave the selection; no step of the user's
  useEffect(() => {
    if (!rowsLoaded) return
    setSelected((current) => current.filter((c) => rowsByCode.has(c)), 'replace')
  }, [rowsLoaded, rowsByCode, setSelected])

  return [selected, setSelected] as const
}

/** A click on the map with the pick tool: the grid under it, shift adds or removes. */
export function useGridClick(
  tool: DrawTool,
  shiftRef: RefObject<boolean>,
  setSelected: (update: (current: string[]) => string[]) => void,
) {
  return useCallback(
    (click: MapClick) => {
      if (tool !== 'pick') return
      const code = pickedGrid(click.baseFeatures)
      if (!code) {
        if (!shiftRef.current) setSelected(() => [])
        return
      }
      setSelected((current) => clickSelection(current, code, shiftRef.current))
    },
    [tool, shiftRef, setSelected],
  )
}

/** A table row: selects (shift adds or removes) and, alone, flies the map to the grid. */
export function useRowClick(
  anchors: ReadonlyMap<string, readonly number[]>,
  flyTo: (center: [number, number], offsetPx?: [number, number]) => void,
  setSelected: (update: (current: string[]) => string[]) => void,
) {
  return useCallback(
    (code: string, additive: boolean) => {
      setSelected((current) => clickSelection(current, code, additive))
      const anchor = anchors.get(code)
      // MapLibre 6 needs an offset for flyTo
      if (anchor && !additive) flyTo([anchor[0] ?? 0, anchor[1] ?? 0], [0, 0])
    },
    [anchors, flyTo, setSelected],
  )
}
