// 边界编辑: 分割 (a line drawn across one selected grid), 合并 (two or more adjacent grids) and
// 重绘边界 (drag the vertices of one grid). The server checks that the township stays tiled; its
// 400 message shows as is and nothing changes.
import { useMutation } from '@tanstack/react-query'
import type { LineString, Polygon } from 'geojson'
import {
  type GeometryEditResult,
  type GridGeometry,
  type GridRow,
  mergeGrids,
  reshapeGrid,
  splitGrid,
} from './api.ts'
import type { DrawTool } from './draw-tools.ts'
import { ErrorBox } from './error-box.tsx'

export interface EditPanelProps {
  rows: GridRow[] // the selected grids
  canEdit: boolean
  tool: DrawTool
  onToolChange: (tool: DrawTool) => void
  line: LineString | undefined
  onLineClear: () => void
  shapeOf: (code: string) => GridGeometry | undefined
  editPolygon: (polygon: Polygon | undefined) => void
  editedPolygon: () => Polygon | undefined
  gridsVersion: number | undefined
  onEdited: (message: string, select: string[]) => void
  onConflict: () => void
}

/** The one polygon of a grid, or undefined for a grid in several parts (not editable here). */
export function singlePolygon(geometry: GridGeometry | undefined): Polygon | undefined {
  if (!geometry) return undefined
  if (geometry.type === 'Polygon') return geometry
  const [only, ...rest] = geometry.coordinates
  return only && rest.length === 0 ? { type: 'Polygon', coordinates: only } : undefined
}

function describe(result: GeometryEditResult, verb: string): string {
  const created = result.created?.map((r) => r.gridCode) ?? []
  const moved = result.reattributed
  const tail = `；${moved.checkpoints} 个点位、${moved.issues} 条问题已归入新网格`
  if (created.length) {
    return `${verb}完成：${result.retired?.join('、') ?? ''} 已撤销，新网格 ${created.join('、')}${tail}。`
  }
  return `${verb}完成：${result.changed?.length ?? 0} 个网格的边界已更新${tail}。`
}

export function EditPanel(props: EditPanelProps) {
  const { rows, canEdit, tool, line } = props
  const one = rows.length === 1 ? rows[0] : undefined
  const editable = rows.every((r) => r.editable)
  const split = useMutation({
    mutationFn: ({ code, coords }: { code: string; coords: [number, number][] }) =>
      splitGrid(code, coords, props.gridsVersion),
    onSuccess: (result) => {
      props.onLineClear()
      props.onToolChange('pick')
      props.onEdited(describe(result, '分割'), result.created?.map((r) => r.gridCode) ?? [])
    },
    onError: conflict,
  })
  const merge = useMutation({
    mutationFn: (codes: string[]) => mergeGrids(codes, props.gridsVersion),
    onSuccess: (result) =>
      props.onEdited(describe(result, '合并'), result.created?.map((r) => r.gridCode) ?? []),
    onError: conflict,
  })
  const reshape = useMutation({
    mutationFn: ({ code, polygon }: { code: string; polygon: Polygon }) =>
      reshapeGrid(code, polygon, props.gridsVersion),
    onSuccess: (result, { code }) => {
      props.editPolygon(undefined)
      props.onToolChange('pick')
      props.onEdited(describe(result, '重绘边界'), [code])
    },
    onError: conflict,
  })
  function conflict(error: unknown) {
    if ((error as { status?: number }).status === 409) props.onConflict()
  }
  const error = split.error ?? merge.error ?? reshape.error
  const reset = () => {
    split.reset()
    merge.reset()
    reshape.reset()
  }

  if (!canEdit) {
    return <p className="empty-note">只有网格长或管理员登录后才能编辑网格边界。</p>
  }
  const need =
    rows.length === 0
      ? '先在地图或列表中选择网格：分割和重绘边界选 1 个，合并选 2 个以上相邻网格。'
      : !editable
        ? '所选网格中有不在您管辖范围内的，不能编辑。请只选择本乡镇的网格。'
        : undefined
  const polygon = one ? singlePolygon(props.shapeOf(one.gridCode)) : undefined

  return (
    <div className="edit-panel" data-testid="edit-panel">
      {need ? (
        <p className="empty-note">{need}</p>
      ) : (
        <p className="edit-panel__selection" data-testid="edit-selection">
          已选 {rows.length} 个网格：{rows.map((r) => r.gridCode).join('、')}
        </p>
      )}
      <section className="edit-panel__block">
        <h3>分割网格</h3>
        <p className="muted">
          选 1
          个网格，点“画分割线”，在地图上单击添加折点，线要完整穿过网格；在最后一个点上再单击一次结束。
        </p>
        <div className="action-form__buttons">
          <button
            type="button"
            className={`button is-plain${tool === 'line' ? ' is-pressed' : ''}`}
            disabled={!one || !editable}
            data-testid="draw-split-line"
            onClick={() => {
              reset()
              props.onLineClear()
              props.onToolChange(tool === 'line' ? 'pick' : 'line')
            }}
          >
            {tool === 'line' ? '停止画线' : '画分割线'}
          </button>
          <button
            type="button"
            className="button"
            disabled={!one || !editable || !line || split.isPending}
            data-testid="split-submit"
            onClick={() =>
              one &&
              line &&
              split.mutate({
                code: one.gridCode,
                coords: line.coordinates.map(([x = 0, y = 0]) => [x, y] as [number, number]),
              })
            }
          >
            {split.isPending
              ? '正在分割…'
              : line
                ? `确认分割（${line.coordinates.length} 个点）`
                : '确认分割'}
          </button>
        </div>
      </section>
      <section className="edit-panel__block">
        <h3>合并网格</h3>
        <p className="muted">
          选 2 个以上相邻、同一乡镇的网格；合并后沿用面积最大网格的责任单位和网格长。
        </p>
        <button
          type="button"
          className="button"
          disabled={rows.length < 2 || !editable || merge.isPending}
          data-testid="merge-submit"
          onClick={() => {
            reset()
            merge.mutate(rows.map((r) => r.gridCode))
          }}
        >
          {merge.isPending
            ? '正在合并…'
            : rows.length < 2
              ? '合并（至少选 2 个网格）'
              : `合并所选 ${rows.length} 个网格`}
        </button>
      </section>
      <section className="edit-panel__block">
        <h3>重绘边界</h3>
        <p className="muted">
          选 1 个网格，点“开始重绘”，拖动顶点（拖动边中点可加顶点）；相邻网格随之让出或接收面积。
        </p>
        {one && !polygon && props.shapeOf(one.gridCode) && (
          <p className="form-warning">该网格由多块组成，不能在此重绘，请先分割或联系管理员。</p>
        )}
        <div className="action-form__buttons">
          {tool === 'reshape' ? (
            <>
              <button
                type="button"
                className="button"
                disabled={!one || reshape.isPending}
                onClick={() => {
                  const edited = props.editedPolygon()
                  if (one && edited) reshape.mutate({ code: one.gridCode, polygon: edited })
                }}
              >
                {reshape.isPending ? '正在保存…' : '保存边界'}
              </button>
              <button
                type="button"
                className="button is-plain"
                onClick={() => {
                  props.editPolygon(undefined)
                  props.onToolChange('pick')
                }}
              >
                取消
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button is-plain"
              disabled={!polygon || !editable}
              onClick={() => {
                reset()
                props.onToolChange('reshape')
                props.editPolygon(polygon)
              }}
            >
              开始重绘
            </button>
          )}
        </div>
      </section>
      <ErrorBox error={error} onClose={reset} />
    </div>
  )
}
