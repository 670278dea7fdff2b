// Ring helpers shared by the grid edits and the tiling check: polygons of a geometry, planar areas,
// clipping without slivers, bounding boxes. Polygon clipping is @turf/turf (polyclip-ts) in degrees.
import { area, difference, intersect, union } from '@turf/turf'
import type { Feature, Polygon, Position } from 'geojson'
import type { GridGeometry } from './grid-shape.ts'

export const sliverM2 = 1 // pieces smaller than this are clipping noise, not land
export const borderM = 1 // a shared border must be longer than this to count as adjacency

type Ring = Position[]
type Rings = Ring[] // one polygon: exterior, then holes

export const feature = <G extends GridGeometry>(geometry: G): Feature<G> => ({
  type: 'Feature',
  properties: {},
  geometry,
})

export function polygonsOf(geometry: GridGeometry | null | undefined): Rings[] {
  if (!geometry) return []
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

export const toPolygon = (rings: Rings): Polygon => ({ type: 'Polygon', coordinates: rings })

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
export function areaM2(geometry: GridGeometry | null | undefined, lat?: number): number {
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
export function solidPolygons(geometry: GridGeometry | null | undefined): Rings[] {
  return polygonsOf(geometry).filter((rings) => areaM2(toPolygon(rings)) >= sliverM2)
}

export function clean(geometry: GridGeometry | null | undefined): GridGeometry | null {
  return toGeometry(solidPolygons(geometry))
}

export function clip(
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

export function unionOf(geometries: GridGeometry[]): GridGeometry | null {
  if (geometries.length === 0) return null
  const [first] = geometries
  if (geometries.length === 1 && first) return first
  const result = union({ type: 'FeatureCollection', features: geometries.map(feature) })
  return result ? result.geometry : null
}

export type Bbox = [number, number, number, number] // west, south, east, north

export function bboxOf(geometry: GridGeometry): Bbox {
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

export const bboxesTouch = (a: Bbox, b: Bbox, pad = 0) =>
  a[0] <= b[2] + pad && b[0] <= a[2] + pad && a[1] <= b[3] + pad && b[1] <= a[3] + pad
