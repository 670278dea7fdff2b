// A rebalance proposal as a diff: each moved grid with its shape, label point and the colours of
// its old and new owner, plus the moves grouped from → to for the list. Pure.
import type { Position } from 'geojson'
import type { Rgba } from '../../lib/legend.ts'
import type { GridGeometry, RebalanceMove } from './api.ts'

export interface DiffGrid {
  gridCode: string
  geometry: GridGeometry
  anchor: Position
  from: string
  to: string
  label: string // `张三 → 李四`
  toColor: Rgba
}

export interface DiffGroup {
  from: string
  to: string
  fromName: string
  toName: string
  gridCodes: string[]
}

export interface DiffInputs {
  moves: readonly RebalanceMove[]
  shapes: ReadonlyMap<string, GridGeometry>
  anchors: ReadonlyMap<string, Position>
  colorOf: (owner: string) => Rgba
  nameOf: (owner: string) => string | undefined
}

/** Moves whose grid has no shape (edited meanwhile) are left out of the map, not of the list. */
export function buildDiffGrids({
  moves,
  shapes,
  anchors,
  colorOf,
  nameOf,
}: DiffInputs): DiffGrid[] {
  const out: DiffGrid[] = []
  for (const move of moves) {
    const geometry = shapes.get(move.gridCode)
    const anchor = anchors.get(move.gridCode)
    if (!geometry || !anchor) continue
    const fromName = move.fromName ?? nameOf(move.from) ?? move.from
    const toName = move.toName ?? nameOf(move.to) ?? move.to
    out.push({
      gridCode: move.gridCode,
      geometry,
      anchor,
      from: move.from,
      to: move.to,
      label: `${fromName} → ${toName}`,
      toColor: colorOf(move.to),
    })
  }
  return out
}

/** Moves grouped by (from, to), largest group first, grid codes sorted. */
export function groupMoves(
  moves: readonly RebalanceMove[],
  nameOf: (owner: string) => string | undefined,
): DiffGroup[] {
  const groups = new Map<string, DiffGroup>()
  for (const move of moves) {
    const key = `${move.from}\u0000${move.to}`
    let group = groups.get(key)
    if (!group) {
      group = {
        from: move.from,
        to: move.to,
        fromName: move.fromName ?? nameOf(move.from) ?? move.from,
        toName: move.toName ?? nameOf(move.to) ?? move.to,
        gridCodes: [],
      }
      groups.set(key, group)
    }
    group.gridCodes.push(move.gridCode)
  }
  for (const group of groups.values()) group.gridCodes.sort()
  return [...groups.values()].sort(
    (a, b) => b.gridCodes.length - a.gridCodes.length || a.from.localeCompare(b.from),
  )
}

/** The assignments that accept a proposal: by manager the grid changes manager, by unit its unit. */
export function movesToAssignments(moves: readonly RebalanceMove[], by: 'manager' | 'unit') {
  return moves.map((m) =>
    by === 'manager'
      ? { gridCode: m.gridCode, managerId: m.to }
      : { gridCode: m.gridCode, unitCode: m.to },
  )
}

/** `4.2 → 1.6（-62%）`: how a spread ratio changes; Infinity/null reads 无穷大. */
export function describeRatioChange(before: number | null, after: number | null): string {
  const f = (r: number | null) => (r === null || !Number.isFinite(r) ? '∞' : r.toFixed(2))
  if (before === null || after === null || !Number.isFinite(before) || !Number.isFinite(after)) {
    return `${f(before)} → ${f(after)}`
  }
  const change = before === 0 ? 0 : Math.round(((after - before) / before) * 100)
  return `${f(before)} → ${f(after)}（${change > 0 ? '+' : ''}${change}%）`
}

/** Web Mercator pixels at `zoom` (deck.gl's 512 px world), enough to compare label boxes. */
function worldPx([lng = 0, lat = 0]: Position, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom
  const phi = (lat * Math.PI) / 180
  return [
    ((lng + 180) / 360) * size,
    ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size,
  ]
}

/**
 * The labels that fit without overlapping at `zoom`, first come first served; `sizePx` is the font
 * size (a CJK character is about 1 em wide). The rest show once the map is zoomed in.
 */
export function declutterLabels<T extends { anchor: Position; label: string }>(
  items: readonly T[],
  zoom: number,
  sizePx: number,
): T[] {
  const kept: { x0: number; y0: number; x1: number; y1: number }[] = []
  const out: T[] = []
  for (const item of items) {
    const [x, y] = worldPx(item.anchor, zoom)
    const halfW = (item.label.length * sizePx * 0.9 + sizePx) / 2
    const halfH = sizePx * 0.8
    const box = { x0: x - halfW, y0: y - halfH, x1: x + halfW, y1: y + halfH }
    if (kept.some((k) => box.x0 < k.x1 && k.x0 < box.x1 && box.y0 < k.y1 && k.y0 < box.y1)) continue
    kept.push(box)
    out.push(item)
  }
  return out
}
