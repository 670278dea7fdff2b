// Townships (示意 lines), villages (real names and codes, mostly synthetic points) and the 1 km
// circles around township seats (乡镇政府所在地1公里范围).
import { circle } from '@turf/turf'
import type { Polygon } from 'geojson'
import { round2 } from './context-layers.ts'
import {
  feature,
  multiPolygonGeometry,
  type OutFeature,
  pointGeometry,
  polygonGeometry,
} from './features.ts'
import { containsPoint } from './grids.ts'
import type { Partition } from './partition.ts'
import type { LngLat } from './plane.ts'
import { areaKm2, roundPolygons } from './polygons.ts'
import type { Sources } from './read-sources.ts'
import { isCommunity } from './villages.ts'

export const townshipNote = '示意边界，非官方界线'

export function townshipFeatures(s: Sources, p: Partition): OutFeature[] {
  return s.townships.map((t) => {
    const polygons = p.townships.find((x) => x.code === t.code)?.polygons ?? []
    return feature(
      t.code,
      {
        code: t.code,
        name: t.name,
        type: t.type,
        areaKm2: round2(areaKm2(polygons)),
        synthetic: true,
        note: townshipNote,
      },
      multiPolygonGeometry(polygons),
    )
  })
}

export function villageFeatures(s: Sources, p: Partition): OutFeature[] {
  const townshipName = new Map(s.townships.map((t) => [t.code, t.name]))
  return p.villages.map((v) =>
    feature(
      v.record.code,
      {
        code: v.record.code,
        name: v.record.name,
        townshipCode: v.record.townshipCode,
        townshipName: townshipName.get(v.record.townshipCode),
        villageType: isCommunity(v.record.code) ? 'community' : 'village',
        urCode: v.record.urCode,
        coordSource: v.coordSource,
        synthetic: v.coordSource !== 'amap',
      },
      pointGeometry(p.villagePoints.get(v.record.code) as LngLat),
    ),
  )
}

export const radiusDefaults = {
  radiusMeters: 1000, // 乡镇政府所在地1公里范围
  steps: 64, // circle vertices
}

export function townshipRadiusFeatures(s: Sources, p: Partition): OutFeature[] {
  const { radiusMeters, steps } = radiusDefaults
  return s.townships.map((t) => {
    const circleRings = (
      circle(t.seat, radiusMeters / 1000, { units: 'kilometers', steps }).geometry as Polygon
    ).coordinates
    const rings = roundPolygons([circleRings])
    // "inside" means inside the published 64-gon, so a client's point-in-polygon test agrees
    const inside = p.villages
      .filter((v) => containsPoint(rings, p.villagePoints.get(v.record.code) as LngLat))
      .sort((a, b) => (a.record.code < b.record.code ? -1 : 1))
    return feature(
      t.code,
      {
        townshipCode: t.code,
        townshipName: t.name,
        name: `${t.name}政府所在地1公里范围`,
        radiusMeters,
        villageCount: inside.length,
        villageCodes: inside.map((v) => v.record.code),
        villageNames: inside.map((v) => v.record.name),
        synthetic: false,
      },
      polygonGeometry(rings[0] as Polygon['coordinates']),
    )
  })
}
