// The real context layers: county outline, the neighbours (simplified), Natural Earth rivers
// (clipped to the map area) and the seats (Amap, or placed by seats.ts where the sources lack one).
import { bboxClip, kinks, lineString, simplify, bbox as turfBbox } from '@turf/turf'
import type { MultiLineString, Polygon, Position } from 'geojson'
import {
  feature,
  multiPolygonGeometry,
  type OutFeature,
  pointGeometry,
  polygonGeometry,
} from './features.ts'
import type { PlaceNames } from './place-profile.ts'
import { round6 } from './plane.ts'
import { areaKm2, type MultiRings, roundPolygons } from './polygons.ts'
import type { Sources } from './read-sources.ts'

const source = 'Vonng/adcode（CC BY 4.0），原始数据来自高德地图；GCJ-02 转 WGS84'

/** The county outline; `rings` is the outline noded with the grids (see partition.ts). */
export function countyFeatures(rings: MultiRings, place: PlaceNames): OutFeature[] {
  return [
    feature(
      place.code,
      {
        code: place.code,
        name: place.name,
        areaKm2: round2(areaKm2(rings)),
        source,
        synthetic: false,
      },
      polygonGeometry(rings[0] as Polygon['coordinates']),
    ),
  ]
}

export const neighborDefaults = {
  simplifyDegrees: 0.0005, // Douglas–Peucker tolerance (≈ 50 m): context only, a quarter of the vertices
}

export function neighborFeatures(s: Sources): OutFeature[] {
  return s.neighbors.map((n) => {
    let polygon = simplify(n.polygon, { tolerance: neighborDefaults.simplifyDegrees }) as Polygon
    if (kinks(polygon).features.length > 0) polygon = n.polygon // never ship a self-intersection
    const rings = roundPolygons([polygon.coordinates])
    return feature(
      n.code,
      { code: n.code, name: n.name, synthetic: false },
      multiPolygonGeometry(rings),
    )
  })
}

/** `riverNames`: Natural Earth name → Chinese name (build.json). */
export function riverFeatures(
  s: Sources,
  riverNames: Readonly<Record<string, string>>,
): OutFeature[] {
  // clip to the map area: the county and its neighbours
  const [w, so, e, n] = turfBbox({
    type: 'GeometryCollection',
    geometries: [s.county, ...s.neighbors.map((x) => x.polygon)],
  })
  return s.rivers.map((r) => {
    const lines: Position[][] = []
    for (const line of r.lines) {
      const clipped = bboxClip(lineString(line), [w, so, e, n]).geometry
      const parts = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates
      for (const part of parts) {
        const rounded = part.map((p) => [round6(p[0] as number), round6(p[1] as number)])
        if (rounded.length >= 2) lines.push(rounded)
      }
    }
    const geometry: MultiLineString = { type: 'MultiLineString', coordinates: lines }
    return feature(
      r.nameEn.toLowerCase(),
      {
        name: riverNames[r.nameEn] ?? r.nameEn,
        nameEn: r.nameEn,
        note: 'Natural Earth 1:1000万河流中心线，位置为示意（公里级偏差）',
        synthetic: false,
      },
      geometry,
    )
  })
}

export const placedSeatNote = '来源缺少中心点，位置为示意'

export function seatFeatures(s: Sources, countySeatName: string): OutFeature[] {
  return [
    feature(
      s.countySeat.code,
      {
        code: s.countySeat.code,
        name: countySeatName,
        type: '县城',
        coordSource: 'amap',
        synthetic: false,
      },
      pointGeometry(s.countySeat.lngLat),
    ),
    ...s.townships.map((t) =>
      feature(
        t.code,
        t.seatPlaced
          ? {
              code: t.code,
              name: t.name,
              type: t.type,
              coordSource: 'placed',
              synthetic: true,
              note: placedSeatNote,
            }
          : { code: t.code, name: t.name, type: t.type, coordSource: 'amap', synthetic: false },
        pointGeometry(t.seat),
      ),
    ),
  ]
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100
}
