// The real context layers: county outline, the six neighbours (simplified), Natural Earth rivers
// (clipped to the map area) and the 11 Amap seats.
import { bboxClip, kinks, lineString, simplify, bbox as turfBbox } from '@turf/turf'
import type { MultiLineString, Polygon, Position } from 'geojson'
import {
  feature,
  multiPolygonGeometry,
  type OutFeature,
  pointGeometry,
  polygonGeometry,
} from './features.ts'
import { round6 } from './plane.ts'
import { areaKm2, type MultiRings, roundPolygons } from './polygons.ts'
import type { Sources } from './read-sources.ts'

const source = 'Vonng/adcode（CC BY 4.0），原始数据来自高德地图；GCJ-02 转 WGS84'

/** The county outline; `rings` is the outline noded with the grids (see partition.ts). */
export function countyFeatures(rings: MultiRings): OutFeature[] {
  return [
    feature(
      '532927',
      {
        code: '532927',
        name: '巍山彝族回族自治县',
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

const riverNames: Record<string, string> = {
  Hong: '红河', // 礼社江 upstream; rises in 巍山 (永建镇 红河源村)
  Lancang: '澜沧江',
  Da: '李仙江', // Vietnam's Sông Đà; its upper course in Yunnan is the 李仙江/把边江
}

export function riverFeatures(s: Sources): OutFeature[] {
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

export function seatFeatures(s: Sources): OutFeature[] {
  return [
    feature(
      s.countySeat.code,
      {
        code: s.countySeat.code,
        name: '巍山县城',
        type: '县城',
        coordSource: 'amap',
        synthetic: false,
      },
      pointGeometry(s.countySeat.lngLat),
    ),
    ...s.townships.map((t) =>
      feature(
        t.code,
        { code: t.code, name: t.name, type: t.type, coordSource: 'amap', synthetic: false },
        pointGeometry(t.seat),
      ),
    ),
  ]
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100
}
