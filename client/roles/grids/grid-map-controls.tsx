// The grid workspace's map controls: the selection tools and colouring toolbar, the legend of
// owners, and the note on what the signed-in account may change.
import type { LineString } from 'geojson'
import { type RefObject, useEffect, useRef } from 'react'
import type { GridRow } from '../../features/grid-admin/api.ts'
import type { DrawTool } from '../../features/grid-admin/draw-tools.ts'
import {
  type ColorMode,
  colorKey,
  colorOf,
  type colorScale,
  toHex,
} from '../../features/grid-admin/grid-colors.ts'
import { can, type SessionUser } from '../../features/session/api.ts'
import { roleLabel } from '../../lib/role-label.ts'
import { type Segment, Segmented } from '../../ui/segmented.tsx'

export const toolButtons: { tool: DrawTool; label: string; hint: string }[] = [
  { tool: 'pick', label: '点选', hint: '单击选择网格，按住 Shift 单击可加选或取消' },
  { tool: 'box', label: '框选', hint: '按住鼠标拖出矩形框选网格（按住 Shift 加选）' },
  { tool: 'lasso', label: '套索', hint: '按住鼠标画出任意形状圈选网格（按住 Shift 加选）' },
  {
    tool: 'polygon',
    label: '多边形',
    hint: '单击添加顶点，回到起点单击闭合，圈选网格（按住 Shift 加选）',
  },
]

const colorModes: Segment<ColorMode>[] = [
  { value: 'unit', label: '按责任单位着色' },
  { value: 'manager', label: '按网格长着色' },
]

export function GridMapToolbar({
  tool,
  onTool,
  drawReady,
  colorMode,
  onColorMode,
}: {
  tool: DrawTool
  onTool: (tool: DrawTool) => void
  drawReady: boolean
  colorMode: ColorMode
  onColorMode: (mode: ColorMode) => void
}) {
  return (
    <div className="map-toolbar" role="toolbar" aria-label="地图工具">
      <Segmented
        label="选择方式"
        attribute="data-tool"
        segments={toolButtons.map((b) => ({
          value: b.tool,
          label: b.label,
          hint: b.hint,
          disabled: !drawReady && b.tool !== 'pick',
        }))}
        value={tool}
        onChange={onTool}
      />
      <Segmented
        label="着色方式"
        attribute="data-color-mode"
        segments={colorModes}
        value={colorMode}
        onChange={onColorMode}
      />
    </div>
  )
}

export function GridLegend({
  colorMode,
  unassigned,
  entries,
  synthetic,
}: {
  colorMode: ColorMode
  unassigned: number
  entries: readonly LegendEntry[]
  synthetic: boolean // 示意 until the county's own grids are imported (they carry no `synthetic`)
}) {
  return (
    <aside className="grid-legend" aria-label="图例">
      <p className="grid-legend__title">
        {colorMode === 'unit' ? '责任单位' : '网格长'}
        {synthetic && <span className="synthetic-tag">示意数据</span>}
      </p>
      <ul>
        <li>
          <span className="swatch-box is-unassigned" />
          未指派（{unassigned}）
        </li>
        {entries.map((e) => (
          <li key={e.key}>
            <span className="swatch-box" style={{ background: e.color }} />
            <span className="grid-legend__label">{e.label}</span>
          </li>
        ))}
      </ul>
    </aside>
  )
}

export function SignInNote({
  user,
  onLogin,
}: {
  user: SessionUser | null | undefined
  onLogin: () => void
}) {
  if (user === undefined || can(user, 'grid_admin')) {
    if (user?.role === 'grid-manager') {
      return (
        <p className="sign-in-note is-info">
          您可以调整本人管辖的 {user.gridCodes?.length ?? 0} 个网格；其他网格只能查看。
        </p>
      )
    }
    return null
  }
  if (user === null) {
    return (
      <p className="sign-in-note">
        当前为只读浏览。网格长或管理员请
        <button type="button" className="link-button" onClick={onLogin}>
          登录
        </button>
        后指派和调整网格。
      </p>
    )
  }
  return (
    <p className="sign-in-note">
      您的账号（{roleLabel(user.role)}）只能查看网格。指派和调整网格需要网格长或管理员账号。
    </p>
  )
}

interface LegendEntry {
  key: string
  label: string
  color: string
}

const legendMax = 8

/** The owners with the most grids first; the rest summed up in one line. */
export function legendEntries(
  rows: readonly GridRow[],
  mode: ColorMode,
  scale: ReturnType<typeof colorScale>,
  nameOf: (mode: ColorMode, id: string) => string | undefined,
): LegendEntry[] {
  const counts = new Map<string, number>()
  for (const r of rows) {
    const key = colorKey(r, mode)
    if (key && !r.unassigned) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const out = sorted.slice(0, legendMax).map(([key, n]) => ({
    key,
    label: `${nameOf(mode, key) ?? key}（${n}）`,
    color: toHex(colorOf(scale, key)),
  }))
  if (sorted.length > legendMax) {
    out.push({
      key: 'rest',
      label: `另有 ${sorted.length - legendMax} 个${mode === 'unit' ? '单位' : '网格长'}`,
      color: '#c8c8c8',
    })
  }
  return out
}

/** What the map says while a drawing tool is active. */
export function drawHint(tool: DrawTool, line: LineString | undefined): string | undefined {
  return tool === 'line' && line
    ? '分割线已画好：在右侧点“确认分割”，或在地图上重新画一条'
    : tool === 'line'
      ? '单击添加分割线折点，线要完整穿过所选网格；在最后一个点上再单击一次结束（Esc 取消）'
      : tool === 'reshape'
        ? '拖动橙色顶点修改边界，拖动边中点可增加顶点；完成后在右侧点“保存边界”'
        : tool !== 'pick'
          ? toolButtons.find((b) => b.tool === tool)?.hint
          : undefined
}

/** Whether Shift is held (adds to the selection); Esc leaves a selection tool. */
export function useShiftKey(tool: DrawTool, setTool: (tool: DrawTool) => void): RefObject<boolean> {
  const shiftRef = useRef(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      shiftRef.current = e.shiftKey
      if (e.key === 'Escape' && tool !== 'pick' && tool !== 'reshape') setTool('pick')
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('keyup', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('keyup', onKey)
    }
  }, [tool, setTool])
  return shiftRef
}

/** The toolbar over the map and, while a tool is drawing, its hint. */
export function GridMapTools(props: {
  tool: DrawTool
  onTool: (tool: DrawTool) => void
  drawReady: boolean
  line: LineString | undefined
  colorMode: ColorMode
  onColorMode: (mode: ColorMode) => void
}) {
  const hint = drawHint(props.tool, props.line)
  return (
    <>
      <GridMapToolbar {...props} />
      {hint && (
        <p className="map-hint" role="status" data-testid="draw-hint">
          {hint}
        </p>
      )}
    </>
  )
}
