// GeoJSON geometry → OGC Well-Known Text, for CSV exports of non-point layers (GDAL and QGIS read a WKT column).
import type { GeoJsonGeometry } from '../storage/store.ts'

type Position = readonly number[]

export function toWkt(geometry: GeoJsonGeometry): string {
  const c = geometry.coordinates as never
  switch (geometry.type) {
    case 'Point':
      return `POINT (${position(c)})`
    case 'MultiPoint':
      return `MULTIPOINT (${(c as Position[]).map((p) => `(${position(p)})`).join(', ')})`
    case 'LineString':
      return `LINESTRING ${line(c)}`
    case 'MultiLineString':
      return `MULTILINESTRING (${(c as Position[][]).map(line).join(', ')})`
    case 'Polygon':
      return `POLYGON ${polygon(c)}`
    case 'MultiPolygon':
      return `MULTIPOLYGON (${(c as Position[][][]).map(polygon).join(', ')})`
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${(geometry.geometries ?? []).map(toWkt).join(', ')})`
    default:
      throw new Error(`unknown geometry type ${geometry.type}`)
  }
}

const position = (p: Position) => p.join(' ')
const line = (ps: Position[]) => `(${ps.map(position).join(', ')})`
const polygon = (rings: Position[][]) => `(${rings.map(line).join(', ')})`
