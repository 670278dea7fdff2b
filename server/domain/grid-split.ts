// Split a grid along a drawn polyline: the line is carried on to a frame around the grid, the frame
// is cut in two along it, and the grid is clipped against either side.
import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon, Position } from 'geojson'
import { projectionAt, segmentsOf } from './grid-borders.ts'
import {
  type Bbox,
  bboxOf,
  borderM,
  clip,
  feature,
  solidPolygons,
  toPolygon,
} from './grid-rings.ts'
import { GridEditError, type GridGeometry } from './grid-shape.ts'
import { crossesItself, invalidReason } from './grid-validity.ts'

function distanceToBoundaryM(point: Position, geometry: GridGeometry): number {
  const p = projectionAt(point[1] ?? 0)
  const x = p.x(point[0] ?? 0)
  const y = p.y(point[1] ?? 0)
  let best = Infinity
  for (const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] of segmentsOf(geometry, p)) {
    const dx = x2 - x1
    const dy = y2 - y1
    const lengthSq = dx * dx + dy * dy
    const t =
      lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSq))
    best = Math.min(best, Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
  }
  return best
}

/** Where the ray from `from` in direction `to → from` leaves `box` (from lies inside box). */
function exitPoint(from: Position, to: Position, box: Bbox): Position {
  const [x = 0, y = 0] = from
  const dx = x - (to[0] ?? 0)
  const dy = y - (to[1] ?? 0)
  let t = Infinity
  if (dx > 0) t = Math.min(t, (box[2] - x) / dx)
  if (dx < 0) t = Math.min(t, (box[0] - x) / dx)
  if (dy > 0) t = Math.min(t, (box[3] - y) / dy)
  if (dy < 0) t = Math.min(t, (box[1] - y) / dy)
  return [x + t * dx, y + t * dy]
}

/** Position of a boundary point along the box perimeter, counter-clockwise from the south-west corner. */
function perimeterAt(point: Position, box: Bbox): number {
  const [w, s, e, n] = box
  const [x = 0, y = 0] = point
  const width = e - w
  const height = n - s
  const eps = 1e-9 * (width + height)
  if (Math.abs(y - s) <= eps) return x - w
  if (Math.abs(x - e) <= eps) return width + (y - s)
  if (Math.abs(y - n) <= eps) return width + height + (e - x)
  return 2 * width + height + (n - y)
}

/**
 * The polygon on one side of `path` within `box`: the path, whose ends lie on the box boundary,
 * closed by walking the box boundary counter-clockwise from the path's end back to its start.
 */
function sideOf(path: Position[], box: Bbox): Polygon {
  const [w, s, e, n] = box
  const width = e - w
  const height = n - s
  const perimeter = 2 * (width + height)
  const corners: [number, Position][] = [
    [width, [e, s]],
    [width + height, [e, n]],
    [2 * width + height, [w, n]],
    [perimeter, [w, s]],
  ]
  const start = path[0] ?? [w, s]
  const end = path[path.length - 1] ?? [w, s]
  const from = perimeterAt(end, box)
  let to = perimeterAt(start, box)
  if (to <= from) to += perimeter
  const ring = [...path]
  for (const lap of [0, perimeter]) {
    for (const [at, corner] of corners) {
      if (at + lap > from && at + lap < to) ring.push(corner)
    }
  }
  ring.push(start)
  return toPolygon([ring])
}

/** Order pieces west → east, or north → south when they are stacked more than side by side. */
function orderPieces(pieces: Polygon[]): Polygon[] {
  const centres = pieces.map((piece) => {
    const ring = piece.coordinates[0] ?? []
    let x = 0
    let y = 0
    for (const [lng = 0, lat = 0] of ring.slice(1)) {
      x += lng
      y += lat
    }
    const count = Math.max(1, ring.length - 1)
    return { piece, x: x / count, y: y / count }
  })
  const p = projectionAt(centres[0]?.y ?? 0)
  const xs = centres.map((c) => p.x(c.x))
  const ys = centres.map((c) => p.y(c.y))
  const byX = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys)
  return centres
    .sort((a, b) => (byX ? a.x - b.x || b.y - a.y : b.y - a.y || a.x - b.x))
    .map((c) => c.piece)
}

/** Split a grid along a drawn polyline that runs from outside the grid, across it, to outside it. */
export function splitGeometry(geometry: GridGeometry, line: [number, number][]): Polygon[] {
  const reason = invalidReason(geometry)
  if (reason) throw new GridEditError('invalid-geometry', `网格边界无效（${reason}），无法分割`)
  const path: Position[] = []
  for (const point of line) {
    const last = path[path.length - 1]
    if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      throw new GridEditError('invalid-geometry', '分割线的坐标无效：请重新画线')
    }
    if (!last || last[0] !== point[0] || last[1] !== point[1]) path.push([point[0], point[1]])
  }
  const first = path[0]
  const second = path[1]
  const last = path[path.length - 1]
  const beforeLast = path[path.length - 2]
  if (!first || !second || !last || !beforeLast) {
    throw new GridEditError(
      'line-does-not-cross',
      '分割线至少要有两个不同的点：请从网格外画到网格外',
    )
  }
  if (crossesItself(path, false)) {
    throw new GridEditError('invalid-geometry', '分割线不能与自身相交：请重新画一条不打结的线')
  }
  const shape = feature(geometry)
  for (const end of [first, last]) {
    // ends snapped onto the border may land a hair inside; anything deeper is a line that stops inside
    if (booleanPointInPolygon(end, shape) && distanceToBoundaryM(end, geometry) > borderM) {
      throw new GridEditError('line-does-not-cross', '分割线须完整穿过网格：请从网格外画到网格外')
    }
  }
  // a frame around the grid and the line; the line's ends are carried straight on to the frame
  const [gw, gs, ge, gn] = bboxOf(geometry)
  let box: Bbox = [gw, gs, ge, gn]
  for (const [lng = 0, lat = 0] of path) {
    box = [
      Math.min(box[0], lng),
      Math.min(box[1], lat),
      Math.max(box[2], lng),
      Math.max(box[3], lat),
    ]
  }
  const margin = Math.max(box[2] - box[0], box[3] - box[1])
  box = [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin]
  const extended = [exitPoint(first, second, box), ...path, exitPoint(last, beforeLast, box)]
  if (crossesItself(extended, false)) {
    throw new GridEditError(
      'invalid-geometry',
      '分割线的两端延长后与线本身相交：请画一条更直的线，从网格外画到网格外',
    )
  }
  const side = sideOf(extended, box)
  const pieces = [
    ...solidPolygons(clip('intersect', geometry, side)),
    ...solidPolygons(clip('difference', geometry, side)),
  ].map(toPolygon)
  if (pieces.length < 2) {
    throw new GridEditError('line-does-not-cross', '分割线须完整穿过网格：请从网格外画到网格外')
  }
  return orderPieces(pieces)
}
