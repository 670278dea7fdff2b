// Hexagon bins as a GeoJSON FeatureCollection for the wall map (RFC 7946: polygons counter-clockwise,
// the ring closed). Coordinates rounded to 1e-6° (≈ 0.1 m), which keeps a county's hexagons small.
import type { HexBins } from './hex-bins.ts'

export interface HexFeature {
  type: 'Feature'
  id: string // `${q},${r}`
  geometry: { type: 'Polygon'; coordinates: [number, number][][] }
  properties: {
    q: number
    r: number
    centre: [number, number] // [lng, lat] of the hexagon's centre
    count: number
    overdue: number
  }
}

export interface HexFeatureCollection {
  type: 'FeatureCollection'
  radiusMeters: number
  total: number // issues binned; the counts sum to it
  features: HexFeature[]
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6
const roundLngLat = ([lng, lat]: readonly [number, number]): [number, number] => [
  round6(lng),
  round6(lat),
]

export function toHexFeatureCollection(hexes: HexBins): HexFeatureCollection {
  return {
    type: 'FeatureCollection',
    radiusMeters: hexes.radiusMeters,
    total: hexes.total,
    features: hexes.bins.map((bin) => ({
      type: 'Feature',
      id: bin.id,
      geometry: { type: 'Polygon', coordinates: [bin.polygon.map(roundLngLat)] },
      properties: {
        q: bin.q,
        r: bin.r,
        centre: roundLngLat(bin.lngLat),
        count: bin.count,
        overdue: bin.overdue,
      },
    })),
  }
}
