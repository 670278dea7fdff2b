// The blocks of the 边界编辑 panel, one a mode: what is selected, 分割, 合并 and 重绘边界. Each
// takes the shared mutations (use-grid-edits.ts) so starting one mode clears another's error.
import type { LineString, Polygon } from 'geojson'
import type { GridRow } from './api.ts'
import type { DrawTool } from './draw-tools.ts'
import type { GridEdits } from './use-grid-edits.ts'

export function EditSelection({ rows, editable }: { rows: GridRow[]; editable: boolean }) {
  const need =
    rows.length === 0
      ? '先在地图或列表中选择网格：分割和重绘边界选 1 个，合并选 2 个以上相邻网格。'
      : !editable
        ? '所选网格中有不在您管辖范围内的，不能编辑。请只选择本乡镇的网格。'
        : undefined
  return need ? (
    <p className="empty-note">{need}</p>
  ) : (
    <p className="edit-panel__selection" data-testid="edit-selection">
      已选 {rows.length} 个网格：{rows.map((r) => r.gridCode).join('、')}
    </p>
  )
}

export function SplitMode(props: {
  one: GridRow | undefined
  editable: boolean
  tool: DrawTool
  line: LineString | undefined
  edits: GridEdits
  onLineClear: () => void
  onToolChange: (tool: DrawTool) => void
}) {
  const { one, editable, tool, line, edits } = props
  const { split } = edits
  return (
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
            edits.reset()
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
  )
}

export function MergeMode({
  rows,
  editable,
  edits,
}: {
  rows: GridRow[]
  editable: boolean
  edits: GridEdits
}) {
  const { merge } = edits
  return (
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
          edits.reset()
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
  )
}

export function ReshapeMode(props: {
  one: GridRow | undefined
  editable: boolean
  tool: DrawTool
  polygon: Polygon | undefined // the selected grid's one polygon, if it has just one
  multipart: boolean // the selected grid has a shape, in several parts
  edits: GridEdits
  onToolChange: (tool: DrawTool) => void
  editPolygon: (polygon: Polygon | undefined) => void
  editedPolygon: () => Polygon | undefined
}) {
  const { one, polygon, edits } = props
  const { reshape } = edits
  return (
    <section className="edit-panel__block">
      <h3>重绘边界</h3>
      <p className="muted">
        选 1 个网格，点“开始重绘”，拖动顶点（拖动边中点可加顶点）；相邻网格随之让出或接收面积。
      </p>
      {props.multipart && (
        <p className="form-warning">该网格由多块组成，不能在此重绘，请先分割或联系管理员。</p>
      )}
      <div className="action-form__buttons">
        {props.tool === 'reshape' ? (
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
            disabled={!polygon || !props.editable}
            onClick={() => {
              edits.reset()
              props.onToolChange('reshape')
              props.editPolygon(polygon)
            }}
          >
            开始重绘
          </button>
        )}
      </div>
    </section>
  )
}
