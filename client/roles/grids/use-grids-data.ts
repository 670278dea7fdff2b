// What the grids workspace reads: the grid table and shapes, managers (signed-in readers only,
// http/personal-data.ts) and units, and the base map; indexed by grid code for the map and table.

import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import {
  type GridGeometry,
  gridRowsQuery,
  gridShapesQuery,
  managersQuery,
  unitsQuery,
} from '../../features/grid-admin/api.ts'
import { toShapes } from '../../features/grid-admin/layers.ts'
import { anchorPoints } from '../../features/grid-admin/selection.ts'
import type { SessionUser } from '../../features/session/api.ts'
import { useLayerStatus } from '../../lib/place.ts'

export function useGridsData(user: SessionUser | null | undefined) {
  const rows = useQuery(gridRowsQuery())
  const shapes = useQuery(gridShapesQuery())
  // managers are people: signed-in readers only (http/personal-data.ts)
  const managers = useQuery({ ...managersQuery(), enabled: Boolean(user) })
  const units = useQuery(unitsQuery())
  const { baseSources, settled: baseSettled } = useBaseMapData({ rivers: false, villages: false })

  const allRows = rows.data?.items ?? []
  const rowsByCode = useMemo(
    () => new Map((rows.data?.items ?? []).map((r) => [r.gridCode, r])),
    [rows.data],
  )
  const shapeList = useMemo(() => toShapes(shapes.data?.features ?? []), [shapes.data])
  const shapeByCode = useMemo(
    () => new Map(shapeList.map((s) => [s.code, s.geometry] as [string, GridGeometry])),
    [shapeList],
  )
  const anchors = useMemo(() => anchorPoints(shapeList), [shapeList])
  const settled = baseSettled && [rows, shapes].every((q) => !q.isPending)
  // 示意 until the county's own grids are imported (as the server says, GET /api/place layers)
  const synthetic = useLayerStatus().grids.synthetic
  return {
    rows,
    shapes,
    managers,
    units,
    baseSources,
    allRows,
    rowsByCode,
    shapeList,
    shapeByCode,
    anchors,
    settled,
    synthetic,
  }
}

export type GridsData = ReturnType<typeof useGridsData>
