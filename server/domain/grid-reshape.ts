// Redraw a grid's boundary so that the grids of its township keep tiling it.
import { sharedBorderM } from './grid-borders.ts'
import { dissolve, onePiece } from './grid-dissolve.ts'
import { areaM2, borderM, clean, clip, sliverM2, solidPolygons, toPolygon } from './grid-rings.ts'
import { GridEditError, type GridGeometry, type GridShape } from './grid-shape.ts'
import { invalidReason } from './grid-validity.ts'

/**
 * Redraw: target gets `drawn ∩ township`; neighbours lose what it gains; each piece it gives up
 * goes to the grid that shares the longest border with that piece. Returns every changed shape, target first.
 */
export function reshapeGeometry(
  target: GridShape,
  drawn: GridGeometry,
  others: GridShape[],
  township: GridGeometry,
): GridShape[] {
  const reason = invalidReason(drawn)
  if (reason) throw new GridEditError('invalid-geometry', `新边界无效（${reason}）：请重新绘制`)
  const next = clean(clip('intersect', drawn, township))
  if (!next) {
    throw new GridEditError('outside-township', '新边界完全在乡镇之外：请在本乡镇范围内绘制')
  }
  if (!onePiece(next)) {
    throw new GridEditError(
      'invalid-geometry',
      '新边界在乡镇内被分成了几块：网格须是连成一片的一个面',
    )
  }
  const gained = clean(clip('difference', next, target.geometry))
  const givenUp = solidPolygons(clip('difference', target.geometry, next)).map(toPolygon)

  const shapes = others.map((other) => {
    const before = areaM2(other.geometry)
    const after = gained ? clean(clip('difference', other.geometry, gained)) : other.geometry
    // clipping may add vertices without moving the border; only a change of area is a change
    const changed = Math.abs(areaM2(after) - before) > 0.01
    return { code: other.code, geometry: changed ? after : other.geometry, changed }
  })
  for (const shape of shapes) {
    if (!shape.geometry) {
      throw new GridEditError(
        'swallows-grid',
        `新边界完全覆盖了网格 ${shape.code}：重绘不能吞掉其他网格，请改用合并`,
      )
    }
  }
  for (const piece of givenUp) {
    let best: (typeof shapes)[number] | undefined
    let bestM = borderM
    for (const shape of shapes) {
      const m = shape.geometry ? sharedBorderM(piece, shape.geometry) : 0
      if (m > bestM) {
        best = shape
        bestM = m
      }
    }
    if (!best?.geometry) {
      throw new GridEditError(
        'leaves-gap',
        `新边界让出了约 ${Math.round(areaM2(piece))} 平方米，但没有相邻网格可以接收：请把边界画到相邻网格为止`,
      )
    }
    best.geometry = dissolve([best.geometry, piece])
    best.changed = true
  }
  const changed: GridShape[] = [{ code: target.code, geometry: next }]
  for (const shape of shapes) {
    if (!shape.changed || !shape.geometry) continue
    if (areaM2(shape.geometry) < sliverM2) {
      throw new GridEditError(
        'swallows-grid',
        `新边界完全覆盖了网格 ${shape.code}：重绘不能吞掉其他网格，请改用合并`,
      )
    }
    if (!onePiece(shape.geometry)) {
      throw new GridEditError(
        'invalid-geometry',
        `新边界把网格 ${shape.code} 切成了几块：请只移动相邻的边界，或改用分割`,
      )
    }
    changed.push({ code: shape.code, geometry: shape.geometry })
  }
  return changed
}
