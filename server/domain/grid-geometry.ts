// Grid geometry for the grid managers' workspace: split, merge and redraw grids so that the grids of
// a township keep tiling it, and check that they do. Pure: GeoJSON in, GeoJSON out, WGS84 [lng, lat].
// Polygon clipping is @turf/turf (polyclip-ts) in degrees; lengths and tolerances are in metres on a
// local equirectangular projection, which is exact enough for grids of a few km².
import { area, booleanPointInPolygon, booleanValid, difference, intersect, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

export type GridGeometry = Polygon | MultiPolygon

export interface GridShape {
  code: string
  geometry: GridGeometry
}

export type GridEditErrorCode =
  | 'line-does-not-cross'
  | 'not-adjacent'
  | 'different-townships'
  | 'too-few'
  | 'invalid-geometry'
  | 'swallows-grid'
  | 'leaves-gap'
  | 'outside-township'
  | 'tiling'
  | 'codes-exhausted'

/** An edit that cannot be made; `message` is plain Chinese, shown to the user as-is. */
export class GridEditError extends Error {
  readonly code: GridEditErrorCode
  constructor(code: GridEditErrorCode, message: string) {
    super(message)
    this.name = 'GridEditError'
    this.code = code
  }
}

export interface TilingProblem {
  kind: 'invalid' | 'overlap' | 'gap' | 'outside' | 'empty'
  codes: string[]
  areaM2?: number
  message: string
}

const sliverM2 = 1 // pieces smaller than this are clipping noise, not land
const borderM = 1 // a shared border must be longer than this to count as adjacency
const onLineM = 0.05 // how far a vertex may sit off a shared edge (coordinates carry ~0.1 m)

type Ring = Position[]
type Rings = Ring[] // one polygon: exterior, then holes

// ---- small helpers -------------------------------------------------------------------------

const feature = <G extends GridGeometry>(geometry: G): Feature<G> => ({
  type: 'Feature',
  properties: {},
  geometry,
})

function polygonsOf(geometry: GridGeometry | null | undefined): Rings[] {
  if (!geometry) return []
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

const toPolygon = (rings: Rings): Polygon => ({ type: 'Polygon', coordinates: rings })

function toGeometry(polygons: Rings[]): GridGeometry | null {
  if (polygons.length === 0) return null
  const [only] = polygons
  return polygons.length === 1 && only
    ? toPolygon(only)
    : { type: 'MultiPolygon', coordinates: polygons }
}

const earthRadiusM = 6_371_008.8

/**
 * Planar area in m² at latitude `lat` (default: the geometry's own middle). Clipping is planar in
 * degrees, so a planar area adds up exactly over the pieces; turf's spherical area does not (a
 * vertex put on a slanted edge moves it by ~0.5 m² per km), which would show up as false gaps.
 */
function areaM2(geometry: GridGeometry | null | undefined, lat?: number): number {
  if (!geometry) return 0
  const box = bboxOf(geometry)
  const atLat = lat ?? (box[1] + box[3]) / 2
  const scale = (Math.PI / 180) ** 2 * earthRadiusM ** 2 * Math.cos((atLat * Math.PI) / 180)
  let sum = 0
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, i) => {
      let twice = 0
      const [x0 = 0, y0 = 0] = ring[0] ?? []
      for (let k = 1; k < ring.length - 1; k++) {
        const [x1 = 0, y1 = 0] = ring[k] ?? []
        const [x2 = 0, y2 = 0] = ring[k + 1] ?? []
        twice += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
      }
      sum += (i === 0 ? 1 : -1) * Math.abs(twice / 2)
    })
  }
  return sum * scale
}

/** Area in km², 2 decimals like the geodata. */
export function areaKm2(geometry: GridGeometry): number {
  return Math.round(area(feature(geometry)) / 1e4) / 100
}

/** Polygons of at least `sliverM2`; clipping leaves hairline slivers along shared edges. */
function solidPolygons(geometry: GridGeometry | null | undefined): Rings[] {
  return polygonsOf(geometry).filter((rings) => areaM2(toPolygon(rings)) >= sliverM2)
}

function clean(geometry: GridGeometry | null | undefined): GridGeometry | null {
  return toGeometry(solidPolygons(geometry))
}

function clip(
  op: 'intersect' | 'difference',
  a: GridGeometry | null,
  b: GridGeometry | null,
): GridGeometry | null {
  if (!a) return null
  if (!b) return op === 'intersect' ? null : a
  if (!bboxesTouch(bboxOf(a), bboxOf(b))) return op === 'intersect' ? null : a
  const collection = { type: 'FeatureCollection' as const, features: [feature(a), feature(b)] }
  const result = op === 'intersect' ? intersect(collection) : difference(collection)
  return result ? result.geometry : null
}

function unionOf(geometries: GridGeometry[]): GridGeometry | null {
  if (geometries.length === 0) return null
  const [first] = geometries
  if (geometries.length === 1 && first) return first
  const result = union({ type: 'FeatureCollection', features: geometries.map(feature) })
  return result ? result.geometry : null
}

type Bbox = [number, number, number, number] // west, south, east, north

function bboxOf(geometry: GridGeometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity]
  for (const rings of polygonsOf(geometry)) {
    for (const [lng = 0, lat = 0] of rings[0] ?? []) {
      if (lng < box[0]) box[0] = lng
      if (lat < box[1]) box[1] = lat
      if (lng > box[2]) box[2] = lng
      if (lat > box[3]) box[3] = lat
    }
  }
  return box
}

const bboxesTouch = (a: Bbox, b: Bbox, pad = 0) =>
  a[0] <= b[2] + pad && b[0] <= a[2] + pad && a[1] <= b[3] + pad && b[1] <= a[3] + pad

// ---- local metres --------------------------------------------------------------------------

interface Projection {
  x: (lng: number) => number
  y: (lat: number) => number
}

function projectionAt(lat: number): Projection {
  const mPerDegLat = 110_574
  const mPerDegLng = 111_320 * Math.cos((lat * Math.PI) / 180)
  return { x: (lng) => lng * mPerDegLng, y: (lat) => lat * mPerDegLat }
}

/** Segments [x1, y1, x2, y2] of every ring, in metres. */
function segmentsOf(geometry: GridGeometry, p: Projection, within?: Bbox): number[][] {
  const segments: number[][] = []
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [lng1 = 0, lat1 = 0] = ring[i - 1] ?? []
        const [lng2 = 0, lat2 = 0] = ring[i] ?? []
        if (
          within &&
          (Math.max(lng1, lng2) < within[0] ||
            Math.min(lng1, lng2) > within[2] ||
            Math.max(lat1, lat2) < within[1] ||
            Math.min(lat1, lat2) > within[3])
        ) {
          continue
        }
        segments.push([p.x(lng1), p.y(lat1), p.x(lng2), p.y(lat2)])
      }
    }
  }
  return segments
}

/** Length in metres of the collinear overlap of two segments (0 unless they lie on one line). */
function overlapM(a: number[], b: number[]): number {
  const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = a
  const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = b
  const dx = ax2 - ax1
  const dy = ay2 - ay1
  const length = Math.hypot(dx, dy)
  if (length === 0) return 0
  const ux = dx / length
  const uy = dy / length
  const off1 = Math.abs((bx1 - ax1) * uy - (by1 - ay1) * ux)
  const off2 = Math.abs((bx2 - ax1) * uy - (by2 - ay1) * ux)
  if (off1 > onLineM || off2 > onLineM) return 0
  const t1 = (bx1 - ax1) * ux + (by1 - ay1) * uy
  const t2 = (bx2 - ax1) * ux + (by2 - ay1) * uy
  return Math.max(0, Math.min(length, Math.max(t1, t2)) - Math.max(0, Math.min(t1, t2)))
}

/** Length in metres of the border two polygons share; a corner touch is 0. */
function sharedBorderM(a: GridGeometry, b: GridGeometry): number {
  const boxA = bboxOf(a)
  const boxB = bboxOf(b)
  const pad = 1e-6
  if (!bboxesTouch(boxA, boxB, pad)) return 0
  const common: Bbox = [
    Math.max(boxA[0], boxB[0]) - pad,
    Math.max(boxA[1], boxB[1]) - pad,
    Math.min(boxA[2], boxB[2]) + pad,
    Math.min(boxA[3], boxB[3]) + pad,
  ]
  const p = projectionAt((common[1] + common[3]) / 2)
  const segsA = segmentsOf(a, p, common)
  const segsB = segmentsOf(b, p, common)
  let total = 0
  for (const sa of segsA) {
    const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = sa
    const minX = Math.min(ax1, ax2) - onLineM
    const maxX = Math.max(ax1, ax2) + onLineM
    const minY = Math.min(ay1, ay2) - onLineM
    const maxY = Math.max(ay1, ay2) + onLineM
    for (const sb of segsB) {
      const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = sb
      if (Math.max(bx1, bx2) < minX || Math.min(bx1, bx2) > maxX) continue
      if (Math.max(by1, by2) < minY || Math.min(by1, by2) > maxY) continue
      total += overlapM(sa, sb)
    }
  }
  return total
}

// ---- validity ------------------------------------------------------------------------------

/** Whether segments p1p2 and p3p4 intersect or touch (closed segments). */
function segmentsMeet(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const orient = (a: Position, b: Position, c: Position) =>
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0))
  const within = (a: Position, b: Position, c: Position) =>
    Math.min(a[0] ?? 0, b[0] ?? 0) <= (c[0] ?? 0) &&
    (c[0] ?? 0) <= Math.max(a[0] ?? 0, b[0] ?? 0) &&
    Math.min(a[1] ?? 0, b[1] ?? 0) <= (c[1] ?? 0) &&
    (c[1] ?? 0) <= Math.max(a[1] ?? 0, b[1] ?? 0)
  const d1 = orient(p3, p4, p1)
  const d2 = orient(p3, p4, p2)
  const d3 = orient(p1, p2, p3)
  const d4 = orient(p1, p2, p4)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true
  }
  return (
    (d1 === 0 && within(p3, p4, p1)) ||
    (d2 === 0 && within(p3, p4, p2)) ||
    (d3 === 0 && within(p1, p2, p3)) ||
    (d4 === 0 && within(p1, p2, p4))
  )
}

/** Whether an open path or a closed ring crosses or touches itself (neighbouring segments may share their vertex). */
function crossesItself(points: Position[], closed: boolean): boolean {
  const n = points.length - 1 // segments
  for (let i = 0; i < n; i++) {
    const a1 = points[i]
    const a2 = points[i + 1]
    if (!a1 || !a2) continue
    for (let j = i + 1; j < n; j++) {
      const b1 = points[j]
      const b2 = points[j + 1]
      if (!b1 || !b2) continue
      const neighbours = j === i + 1 || (closed && i === 0 && j === n - 1)
      if (neighbours) {
        // sharing a vertex is fine; folding back along the other segment is a spike
        const shared = j === i + 1 ? a2 : a1
        const aFar = j === i + 1 ? a1 : a2
        const bFar = j === i + 1 ? b2 : b1
        if (isBetween(shared, aFar, bFar) || isBetween(shared, bFar, aFar)) return true
        continue
      }
      if (segmentsMeet(a1, a2, b1, b2)) return true
    }
  }
  return false
}

/** Whether c lies on segment a–b. */
function isBetween(a: Position, b: Position, c: Position): boolean {
  const cross =
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0))
  if (cross !== 0) return false
  const dot =
    ((c[0] ?? 0) - (a[0] ?? 0)) * ((b[0] ?? 0) - (a[0] ?? 0)) +
    ((c[1] ?? 0) - (a[1] ?? 0)) * ((b[1] ?? 0) - (a[1] ?? 0))
  const lengthSq = ((b[0] ?? 0) - (a[0] ?? 0)) ** 2 + ((b[1] ?? 0) - (a[1] ?? 0)) ** 2
  return dot > 0 && dot <= lengthSq
}

/** Why a geometry is not a valid grid polygon, or null when it is. */
function invalidReason(geometry: GridGeometry): string | null {
  const polygons = polygonsOf(geometry)
  if (polygons.length === 0) return '没有任何面'
  for (const rings of polygons) {
    for (const ring of rings) {
      const first = ring[0]
      const last = ring[ring.length - 1]
      if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
        return '边界没有闭合或顶点太少'
      }
      if (ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) return '坐标不是数字'
      if (crossesItself(ring, true)) return '边界自相交'
    }
  }
  if (!booleanValid(feature(geometry))) return '边界自相交或内外环交叉'
  return null
}

// ---- split ---------------------------------------------------------------------------------

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

// ---- noding --------------------------------------------------------------------------------

const onEdgeDeg = 1e-9 // ≈ 0.1 mm: a vertex this close to another grid's edge lies on it

/**
 * `geometry` with the vertices of `others` that lie on its edges inserted into those edges. Clipping
 * leaves a split point a rounding error off the neighbour's edge, and polyclip then fails to see
 * the shared border; with the vertex in both rings the border is exact again.
 */
function nodeAgainst(geometry: GridGeometry, others: GridGeometry[]): GridGeometry {
  const box = bboxOf(geometry)
  const vertices: Position[] = []
  for (const other of others) {
    for (const rings of polygonsOf(other)) {
      for (const ring of rings) {
        for (const v of ring) {
          const [lng = 0, lat = 0] = v
          if (lng >= box[0] - onEdgeDeg && lng <= box[2] + onEdgeDeg) {
            if (lat >= box[1] - onEdgeDeg && lat <= box[3] + onEdgeDeg) vertices.push(v)
          }
        }
      }
    }
  }
  if (vertices.length === 0) return geometry
  const noded = polygonsOf(geometry).map((rings) =>
    rings.map((ring) => {
      const out: Position[] = []
      for (let i = 1; i < ring.length; i++) {
        const p = ring[i - 1] as Position
        const q = ring[i] as Position
        out.push(p)
        const [px = 0, py = 0] = p
        const dx = (q[0] ?? 0) - px
        const dy = (q[1] ?? 0) - py
        const lengthSq = dx * dx + dy * dy
        if (lengthSq === 0) continue
        const length = Math.sqrt(lengthSq)
        const inserts: [number, Position][] = []
        for (const v of vertices) {
          const [vx = 0, vy = 0] = v
          const t = ((vx - px) * dx + (vy - py) * dy) / lengthSq
          if (t <= 0 || t >= 1) continue
          if (Math.abs((vx - px) * dy - (vy - py) * dx) / length > onEdgeDeg) continue
          if ((vx === px && vy === py) || (vx === q[0] && vy === q[1])) continue
          inserts.push([t, [vx, vy]])
        }
        inserts.sort((a, b) => a[0] - b[0])
        for (const [, v] of inserts) {
          const last = out[out.length - 1]
          if (!last || last[0] !== v[0] || last[1] !== v[1]) out.push(v)
        }
      }
      out.push(ring[ring.length - 1] as Position)
      return out
    }),
  )
  return geometry.type === 'Polygon'
    ? toPolygon(noded[0] ?? [])
    : { type: 'MultiPolygon', coordinates: noded }
}

const onePiece = (geometry: GridGeometry | null) => solidPolygons(geometry).length === 1

/** Union of grids that share borders, noded first so the shared borders dissolve. */
function dissolve(geometries: GridGeometry[]): GridGeometry | null {
  const noded = geometries.map((g, i) =>
    nodeAgainst(
      g,
      geometries.filter((_, j) => j !== i),
    ),
  )
  return clean(unionOf(noded))
}

// ---- merge ---------------------------------------------------------------------------------

/** Indices of `geometries` reachable from the first through shared borders longer than 1 m. */
function connectedFromFirst(geometries: GridGeometry[]): Set<number> {
  const seen = new Set<number>([0])
  const queue = [0]
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    const here = geometries[at]
    if (!here) continue
    geometries.forEach((other, i) => {
      if (!seen.has(i) && sharedBorderM(here, other) > borderM) {
        seen.add(i)
        queue.push(i)
      }
    })
  }
  return seen
}

/** Merge grids that form one connected piece (shared borders longer than 1 m; corners don't count). */
export function mergeGeometries(geometries: GridGeometry[]): GridGeometry {
  if (geometries.length < 2) {
    throw new GridEditError('too-few', '合并至少需要选择两个网格')
  }
  for (const geometry of geometries) {
    const reason = invalidReason(geometry)
    if (reason) throw new GridEditError('invalid-geometry', `有网格边界无效（${reason}），无法合并`)
  }
  if (connectedFromFirst(geometries).size < geometries.length) {
    throw new GridEditError(
      'not-adjacent',
      '所选网格没有连成一片（只在角上相接不算相邻）：请只选择边界相连的网格',
    )
  }
  const merged = dissolve(geometries)
  if (!merged) throw new GridEditError('invalid-geometry', '合并结果为空，请检查所选网格')
  if (!onePiece(merged)) {
    throw new GridEditError(
      'invalid-geometry',
      '合并结果没有连成一个面（相邻边界未能对齐）：请先检查这些网格的边界',
    )
  }
  return merged
}

// ---- reshape -------------------------------------------------------------------------------

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

// ---- tiling --------------------------------------------------------------------------------

const m2 = (value: number) => Math.round(value)

/** Whether `grids` tile `township`: valid polygons, pairwise overlap ≤ toleranceM2, gap ≤ toleranceM2, nothing outside. */
export function validateTiling(
  township: GridGeometry,
  grids: GridShape[],
  toleranceM2 = 1,
): TilingProblem[] {
  const problems: TilingProblem[] = []
  const townshipBox = bboxOf(township)
  const lat = (townshipBox[1] + townshipBox[3]) / 2 // one scale for every area compared below
  const usable: { code: string; geometry: GridGeometry; box: Bbox }[] = []
  for (const grid of grids) {
    const reason = invalidReason(grid.geometry)
    if (reason) {
      problems.push({
        kind: 'invalid',
        codes: [grid.code],
        message: `网格 ${grid.code} 的边界无效：${reason}`,
      })
      continue
    }
    const size = areaM2(grid.geometry, lat)
    if (size < sliverM2) {
      problems.push({
        kind: 'empty',
        codes: [grid.code],
        areaM2: size,
        message: `网格 ${grid.code} 的面积不足 1 平方米`,
      })
      continue
    }
    usable.push({ ...grid, box: bboxOf(grid.geometry) })
  }
  const all = unionOf(usable.map((grid) => grid.geometry))
  const unionM2 = areaM2(all, lat)
  // areas add up only where nothing overlaps: look for the overlapping pairs only when they don't
  const overlapTotal = usable.reduce((sum, grid) => sum + areaM2(grid.geometry, lat), 0) - unionM2
  for (let i = 0; overlapTotal > toleranceM2 && i < usable.length; i++) {
    const a = usable[i]
    if (!a) continue
    for (let j = i + 1; j < usable.length; j++) {
      const b = usable[j]
      if (!b || !bboxesTouch(a.box, b.box)) continue
      const overlap = areaM2(clip('intersect', a.geometry, b.geometry), lat)
      if (overlap > toleranceM2) {
        problems.push({
          kind: 'overlap',
          codes: [a.code, b.code],
          areaM2: m2(overlap),
          message: `网格 ${a.code} 与 ${b.code} 重叠约 ${m2(overlap)} 平方米`,
        })
      }
    }
  }
  // gap = township − covered, outside = grids − covered: one clip instead of two differences
  const coveredM2 = areaM2(clip('intersect', township, all), lat)
  const gap = areaM2(township, lat) - coveredM2
  if (gap > toleranceM2) {
    problems.push({
      kind: 'gap',
      codes: [],
      areaM2: m2(gap),
      message: `乡镇内有约 ${m2(gap)} 平方米不属于任何网格`,
    })
  }
  const outside = unionM2 - coveredM2
  if (outside > toleranceM2) {
    // only now look for which grids stick out
    const codes = usable
      .filter((grid) => areaM2(clip('difference', grid.geometry, township), lat) > toleranceM2)
      .map((grid) => grid.code)
    problems.push({
      kind: 'outside',
      codes,
      areaM2: m2(outside),
      message: `网格${codes.length ? ` ${codes.join('、')} ` : ''}超出乡镇边界约 ${m2(outside)} 平方米`,
    })
  }
  return problems
}

// ---- adjacency -----------------------------------------------------------------------------

/** Grid code → codes of the grids that share a border longer than 1 m with it (a corner is not a border). */
export function gridAdjacency(grids: GridShape[]): Map<string, string[]> {
  const boxes = grids.map((grid) => bboxOf(grid.geometry))
  const adjacency = new Map<string, string[]>(grids.map((grid) => [grid.code, []]))
  // sweep over west edges so only grids whose boxes overlap in lng are compared
  const order = grids.map((_, i) => i).sort((i, j) => (boxes[i]?.[0] ?? 0) - (boxes[j]?.[0] ?? 0))
  const pad = 1e-6
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi] ?? 0
    const a = grids[i]
    const boxA = boxes[i]
    if (!a || !boxA) continue
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj] ?? 0
      const b = grids[j]
      const boxB = boxes[j]
      if (!b || !boxB) continue
      if (boxB[0] > boxA[2] + pad) break
      if (!bboxesTouch(boxA, boxB, pad)) continue
      if (sharedBorderM(a.geometry, b.geometry) > borderM) {
        adjacency.get(a.code)?.push(b.code)
        adjacency.get(b.code)?.push(a.code)
      }
    }
  }
  for (const codes of adjacency.values()) codes.sort()
  return adjacency
}
