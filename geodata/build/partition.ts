// The synthetic partition of the real county: townships ⊇ grids, villages inside them. Every
// step is seeded; see geodata/README.md for the method.
import { bbox as turfBbox } from '@turf/turf'
import { buildCore, type Core } from './core.ts'
import { dissolve } from './dissolve.ts'
import { buildGridShapes, containsPoint, type GridShape } from './grids.ts'
import { buildMesh, type Mesh } from './mesh.ts'
import { createWarp } from './noise.ts'
import type { BuildProfile } from './place-profile.ts'
import { distanceKm, type LngLat, toLngLat, toXy, type Xy } from './plane.ts'
import { assertValidPolygons, type MultiRings, roundPolygons, unionPolygons } from './polygons.ts'
import { streamRng } from './prng.ts'
import type { Sources } from './read-sources.ts'
import { createRingIndex } from './ring-index.ts'
import { distanceToPolyline } from './segments.ts'
import { labelTownships, type TownshipSite } from './townships.ts'
import { isCommunity, labelVillages, type PlacedVillage, placeVillages } from './villages.ts'

export const partitionDefaults = {
  meshSpacingKm: 0.5, // filler lattice spacing: township and grid lines wiggle on this scale
  meshJitter: 0.35, // lattice jitter, fraction of the spacing
  townshipWarpKm: 1.6, // how far township lines bend from straight Voronoi edges
  townshipWarpWavelengthKm: [5, 18],
  villageWarpKm: 0.6,
  villageWarpWavelengthKm: [2, 8],
  seatPinKm: 0.6, // cells this close to a township seat always belong to it
}
// per place (build.json): meshSpacingKm, the core township and its pin margin, the Amap village
// points that are bad geocodes (notAnAnchor: they stay village points but steer no township line)

export interface Partition {
  /** the county outline with the grid junctions inserted (each within 0.1 m of the source line) */
  county: MultiRings
  mesh: Mesh
  core: Core
  townships: { code: string; polygons: MultiRings }[]
  villages: PlacedVillage[]
  villagePoints: Map<string, LngLat>
  grids: GridShape[]
}

export function buildPartition(sources: Sources, seed: number, profile: BuildProfile): Partition {
  const o = { ...partitionDefaults, meshSpacingKm: profile.meshSpacingKm }
  const coreTownship = profile.core.township
  const notAnAnchor = new Set(profile.notAnAnchor)
  const county = sources.county
  const countyIndex = createRingIndex((county.coordinates[0] ?? []).map((p) => toXy(p as LngLat)))
  const [w, s, e, n] = turfBbox(county)
  const [x0, y0] = toXy([w, s])
  const [x1, y1] = toXy([e, n])
  const countySeat = toXy(sources.coreCentre)
  const amap = sources.villages.filter((v) => v.amap)

  // fixed mesh sites: township seats first, then the Amap village points
  const fixed: Xy[] = [
    ...sources.townships.map((t) => toXy(t.seat)),
    ...amap.map((v) => toXy(v.amap as LngLat)),
  ]
  const mesh = buildMesh(
    fixed,
    (p) => countyIndex.contains(p),
    [x0, y0, x1, y1],
    streamRng(seed, 'mesh'),
    { spacingKm: o.meshSpacingKm, jitter: o.meshJitter, guardMarginKm: 3 },
  )
  const seatSite = new Map(sources.townships.map((t, i) => [t.code, i]))
  const amapSites = new Map(amap.map((v, i) => [v.code, sources.townships.length + i]))

  // townships
  const core = buildCore(countySeat, streamRng(seed, 'core'), {
    radiusKm: profile.core.radiusKm,
    siteSpacingKm: profile.core.siteSpacingKm,
  })
  const townshipSites: TownshipSite[] = [
    ...sources.townships.map((t) => ({ townshipCode: t.code, xy: toXy(t.seat) })),
    ...amap
      .filter((v) => !notAnAnchor.has(v.code))
      .map((v) => ({ townshipCode: v.townshipCode, xy: toXy(v.amap as LngLat) })),
    ...sources.anchors.map((a) => ({ townshipCode: a.townshipCode, xy: toXy(a.lngLat) })),
  ]
  const forced = new Map<number, string>()
  for (let i = 0; i < mesh.guardStart; i++) {
    const p = mesh.sites[i] as Xy
    if (distanceKm(p, countySeat) < core.maxRadiusKm + profile.core.pinMarginKm)
      forced.set(i, coreTownship)
    for (const t of sources.townships) {
      if (distanceKm(p, toXy(t.seat)) < o.seatPinKm) forced.set(i, t.code)
    }
  }
  for (const [code, site] of amapSites) {
    forced.set(site, sources.villages.find((v) => v.code === code)?.townshipCode as string)
  }
  const [tw0, tw1] = o.townshipWarpWavelengthKm as [number, number]
  const townshipLabels = labelTownships(
    mesh,
    townshipSites,
    forced,
    seatSite,
    createWarp(streamRng(seed, 'township-warp'), o.townshipWarpKm, tw0, tw1),
  )

  // villages
  const valley = profile.rivers?.valley
  const valleyRiver = sources.rivers.find((r) => r.nameEn === valley?.river)
  const riverXy = (valleyRiver?.lines ?? []).map((line) => line.map((p) => toXy(p)))
  const villages = placeVillages(
    sources.villages,
    {
      mesh,
      townshipLabels,
      townshipSeats: new Map(sources.townships.map((t) => [t.code, toXy(t.seat)])),
      countySeat,
      isNearCountyLine: (i, km) => countyIndex.isNear(mesh.sites[i] as Xy, km),
      riverDistance: (p) => Math.min(...riverXy.map((line) => distanceToPolyline(p, line))),
      valleyTownships: new Set(valley?.townships ?? []),
      coreTownship,
      communityBearings: profile.communityBearings,
      coreRadiusKm: core.maxRadiusKm,
      amapSites,
    },
    streamRng(seed, 'villages'),
  )
  const villagePoints = new Map(villages.map((v) => [v.record.code, toLngLat(v.xy)]))

  // grids: the core township's 社区 share the core (Weishan: 南诏镇); every other village owns one rural grid
  const coreCommunity = (v: PlacedVillage) =>
    v.record.townshipCode === coreTownship && isCommunity(v.record.code)
  let owners = villages.filter((v) => !coreCommunity(v))
  // a core township of 社区 only (a 街道): its 社区 also own the grids around the core
  if (!owners.some((v) => v.record.townshipCode === coreTownship)) owners = villages
  const [vw0, vw1] = o.villageWarpWavelengthKm as [number, number]
  const villageLabels = labelVillages(
    mesh,
    townshipLabels,
    owners,
    createWarp(streamRng(seed, 'village-warp'), o.villageWarpKm, vw0, vw1),
  )
  // the county outline as published: noded with the grid lines that meet it
  const countyRings: MultiRings = [county.coordinates.map((ring) => ring.map((p) => [...p]))]
  const grids = buildGridShapes(
    {
      county,
      regions: dissolve(mesh, villageLabels),
      villageTownship: new Map(villages.map((v) => [v.record.code, v.record.townshipCode])),
      villagePoints,
      core,
      coreTownship,
      communities: villages
        .filter((v) => v.record.townshipCode === coreTownship && isCommunity(v.record.code))
        .map((v) => ({ code: v.record.code, xy: v.xy })),
    },
    countyRings,
  )
  for (const g of grids) assertValidPolygons(g.polygons, `grid ${g.villageCode}`)

  const townships = sources.townships.map((t) => {
    const polygons = roundPolygons(
      unionPolygons(grids.filter((g) => g.townshipCode === t.code).map((g) => g.polygons)),
    )
    assertValidPolygons(polygons, `township ${t.code}`)
    if (!containsPoint(polygons, t.seat)) throw new Error(`township ${t.code}: seat outside`)
    return { code: t.code, polygons }
  })
  for (const v of villages) {
    const t = townships.find((x) => x.code === v.record.townshipCode)
    if (!t || !containsPoint(t.polygons, toLngLat(v.xy))) {
      throw new Error(`village ${v.record.code}: point outside its township`)
    }
  }
  assertValidPolygons(countyRings, 'county')
  return { county: countyRings, mesh, core, townships, villages, villagePoints, grids }
}
