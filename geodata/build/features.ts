// GeoJSON feature helpers with a fixed key order (type, id, properties, geometry), so the same
// data always serializes to the same bytes.
import { rewind } from '@turf/turf'
import type { LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson'
import { type LngLat, roundLngLat } from './plane.ts'
import type { MultiRings } from './polygons.ts'

export type Geometry = Point | Polygon | MultiPolygon | LineString | MultiLineString

export interface OutFeature<P = Record<string, unknown>> {
  type: 'Feature'
  id: string
  properties: P
  geometry: Geometry
}

export function feature<P>(id: string, properties: P, geometry: Geometry): OutFeature<P> {
  return { type: 'Feature', id, properties, geometry }
}

export function pointGeometry(p: LngLat): Point {
  return { type: 'Point', coordinates: roundLngLat(p) }
}

/** Exterior rings counterclockwise, holes clockwise (RFC 7946 §3.1.6). */
export function multiPolygonGeometry(polys: MultiRings): MultiPolygon {
  return rewind({ type: 'MultiPolygon', coordinates: polys }) as MultiPolygon
}

export function polygonGeometry(rings: MultiRings[number]): Polygon {
  return rewind({ type: 'Polygon', coordinates: rings }) as Polygon
}
