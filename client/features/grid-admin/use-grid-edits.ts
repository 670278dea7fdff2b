// The three geometry edits of the 边界编辑 panel as mutations, with one error and one reset, so a
// mode's buttons can clear the message another mode left.
import { useMutation } from '@tanstack/react-query'
import type { Polygon } from 'geojson'
import { type GeometryEditResult, mergeGrids, reshapeGrid, splitGrid } from './api.ts'
import type { DrawTool } from './draw-tools.ts'
import { type GridWrite, onConflictError } from './grid-write.ts'

export interface GridEditCallbacks {
  onToolChange: (tool: DrawTool) => void
  onLineClear: () => void
  editPolygon: (polygon: Polygon | undefined) => void
  write: GridWrite
}

export type GridEdits = ReturnType<typeof useGridEdits>

function describe(result: GeometryEditResult, verb: string): string {
  const created = result.created?.map((r) => r.gridCode) ?? []
  const moved = result.reattributed
  const tail = `；${moved.checkpoints} 个点位、${moved.issues} 条问题已归入新网格`
  if (created.length) {
    return `${verb}完成：${result.retired?.join('、') ?? ''} 已撤销，新网格 ${created.join('、')}${tail}。`
  }
  return `${verb}完成：${result.changed?.length ?? 0} 个网格的边界已更新${tail}。`
}

export function useGridEdits(props: GridEditCallbacks) {
  const conflict = onConflictError(props.write)
  const split = useMutation({
    mutationFn: ({ code, coords }: { code: string; coords: [number, number][] }) =>
      splitGrid(code, coords, props.write.gridsVersion),
    onSuccess: (result) => {
      props.onLineClear()
      props.onToolChange('pick')
      props.write.onWritten(describe(result, '分割'), result.created?.map((r) => r.gridCode) ?? [])
    },
    onError: conflict,
  })
  const merge = useMutation({
    mutationFn: (codes: string[]) => mergeGrids(codes, props.write.gridsVersion),
    onSuccess: (result) =>
      props.write.onWritten(describe(result, '合并'), result.created?.map((r) => r.gridCode) ?? []),
    onError: conflict,
  })
  const reshape = useMutation({
    mutationFn: ({ code, polygon }: { code: string; polygon: Polygon }) =>
      reshapeGrid(code, polygon, props.write.gridsVersion),
    onSuccess: (result, { code }) => {
      props.editPolygon(undefined)
      props.onToolChange('pick')
      props.write.onWritten(describe(result, '重绘边界'), [code])
    },
    onError: conflict,
  })
  const error = split.error ?? merge.error ?? reshape.error
  const reset = () => {
    split.reset()
    merge.reset()
    reshape.reset()
  }
  return { split, merge, reshape, error, reset }
}
