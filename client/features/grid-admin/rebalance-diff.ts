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
