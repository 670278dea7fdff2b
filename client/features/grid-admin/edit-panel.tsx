// 边界编辑: 分割 (a line drawn across one selected grid), 合并 (two or more adjacent grids) and
// 重绘边界 (drag the vertices of one grid). The server checks that the township stays tiled; its
// 400 message shows as is and nothing changes.
import type { LineString, Polygon } from 'geojson'
import type { GridGeometry, GridRow } from './api.ts'
import type { DrawTool } from './draw-tools.ts'
import { EditSelection, MergeMode, ReshapeMode, SplitMode } from './edit-modes.tsx'
import { ErrorBox } from './error-box.tsx'
import { type GridEditCallbacks, useGridEdits } from './use-grid-edits.ts'

export interface EditPanelProps extends GridEditCallbacks {
  rows: GridRow[] // the selected grids
  canEdit: boolean
  tool: DrawTool
  line: LineString | undefined
  shapeOf: (code: string) => GridGeometry | undefined
  editedPolygon: () => Polygon | undefined
}

/** The one polygon of a grid, or undefined for a grid in several parts (not editable here). */
export function singlePolygon(geometry: GridGeometry | undefined): Polygon | undefined {
  if (!geometry) return undefined
  if (geometry.type === 'Polygon') return geometry
  const [only, ...rest] = geometry.coordinates
  return only && rest.length === 0 ? { type: 'Polygon', coordinates: only } : undefined
}

export function EditPanel(props: EditPanelProps) {
  const { rows, tool } = props
  const one = rows.length === 1 ? rows[0] : undefined
  const editable = rows.every((r) => r.editable)
  const edits = useGridEdits(props)

  if (!props.canEdit) {
    return <p className="empty-note">只有网格长或管理员登录后才能编辑网格边界。</p>
  }
  const shape = one ? props.shapeOf(one.gridCode) : undefined
  const polygon = singlePolygon(shape)

  return (
    <div className="edit-panel" data-testid="edit-panel">
      <EditSelection rows={rows} editable={editable} />
      <SplitMode
        one={one}
        editable={editable}
        tool={tool}
        line={props.line}
        edits={edits}
        onLineClear={props.onLineClear}
        onToolChange={props.onToolChange}
      />
      <MergeMode rows={rows} editable={editable} edits={edits} />
      <ReshapeMode
        one={one}
        editable={editable}
        tool={tool}
        polygon={polygon}
        multipart={Boolean(shape) && !polygon}
        edits={edits}
        onToolChange={props.onToolChange}
        editPolygon={props.editPolygon}
        editedPolygon={props.editedPolygon}
      />
      <ErrorBox error={edits.error} onClose={edits.reset} />
    </div>
  )
}
