// Grid (网格) geometry: one grid per village outside the urban core, 20–30 core grids inside it.
// Rural grids are unions of mesh cells (exact shared edges), clipped to the county; small
// pieces cut off by the county line join the neighbour they touch most, so the grids still tile.
import type { Polygon } from 'geojson'
import type { Core } from './core.ts'
import type { PlanePolygon } from './dissolve.ts'
import { pointInRing } from './dissolve.ts'
import { nodePolygons } from './noding.ts'
import { distanceKm, toLngLat, type Xy } from './plane.ts'
import {
  areaKm2,
  clipToLarge,
  intersectPolygons,
  type MultiRings,
  roundPolygons,
  subtractPolygons,
  unionPolygons,
} from './polygons.ts'

export interface GridShape {
  villageCode: string
  townshipCode: string
  core: boolean
  polygons: MultiRings
  /** where the grid's name and sequence number are measured from */
  anchor: [number, number]
}

export const gridDefaults = {
  maxFragmentKm2: 1.5, // detached pieces smaller than this join a neighbouring grid
}

export function containsPoint(polys: MultiRings, p: readonly [number, number]): boolean {
  return polys.some(
    (poly) =>
      pointInRing(p, poly[0] as [number, number][]) &&
      !poly.slice(1).some((hole) => pointInRing(p, hole as [number, number][])),
  )
}

function planeToRings(polys: readonly PlanePolygon[]): MultiRings {
  return polys.map((poly) => poly.map((ring) => ring.map((p) => toLngLat(p))))
}

export interface GridInput {
  county: Polygon
  regions: Map<string, PlanePolygon[]> // village code → dissolved mesh region
  villageTownship: ReadonlyMap<string, string>
  villagePoints: ReadonlyMap<string, [number, number]> // lngLat
  core: Core
  coreTownship: string
  /** 社区 that share the core grids: code and plane position */
  communities: { code: string; xy: Xy }[]
}

/**
 * Builds the grids. `countyRings` (the county outline) is noded with them: the points where grid
 * lines meet the county line are inserted into it, so the grids tile the published outline exactly.
 */
export function buildGridShapes(input: GridInput, countyRings: MultiRings): GridShape[] {
  const coreRings: MultiRings = roundPolygons([[input.core.outline]])
  const rural: GridShape[] = []
  for (const [code, region] of [...input.regions].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const townshipCode = input.villageTownship.get(code) as string
    let polys = roundPolygons(clipToLarge(planeToRings(region), input.county))
    if (townshipCode === input.coreTownship)
      polys = roundPolygons(subtractPolygons(polys, coreRings))
    if (polys.length === 0) continue // a core 社区 whose whole region lies in the core
    rural.push({
      villageCode: code,
      townshipCode,
      core: false,
      polygons: polys,
      anchor: input.villagePoints.get(code) as [number, number],
    })
  }
  absorbFragments(rural)

  const coreGrids: GridShape[] = input.core.cells.map((cell) => {
    let nearest = input.communities[0] as { code: string; xy: Xy }
    for (const c of input.communities) {
      if (distanceKm(c.xy, cell.site) < distanceKm(nearest.xy, cell.site)) nearest = c
    }
    return {
      villageCode: nearest.code,
      townshipCode: input.coreTownship,
      core: true,
      polygons: roundPolygons(intersectPolygons([[cell.ring]], coreRings)),
      anchor: toLngLat(cell.site),
    }
  })
  for (const c of input.communities) {
    if (!coreGrids.some((g) => g.villageCode === c.code))
      throw new Error(`grids: 社区 ${c.code} got no core grid`)
  }
  const all = [...rural, ...coreGrids]
  nodePolygons([countyRings, ...all.map((g) => g.polygons)])
  return all
}

function vertexKey(p: readonly number[]): string {
  return `${p[0]},${p[1]}`
}

/**
 * Moves each small detached piece of a grid (the county line can cut a mesh cell in two) into the
 * grid it shares the most vertices with. The piece holding the village point, or else the
 * largest, stays.
 */
function absorbFragments(grids: GridShape[]): void {
  for (const grid of grids) {
    if (grid.polygons.length < 2) continue
    const areas = grid.polygons.map((poly) => areaKm2([poly]))
    let keep = grid.polygons.findIndex((poly) => containsPoint([poly], grid.anchor))
    if (keep < 0) keep = areas.indexOf(Math.max(...areas))
    const stay: MultiRings = []
    for (const [i, poly] of grid.polygons.entries()) {
      if (i === keep || (areas[i] as number) >= gridDefaults.maxFragmentKm2) {
        stay.push(poly)
        continue
      }
      const keys = new Set(poly.flat().map(vertexKey))
      // the neighbour sharing the most vertices, within the same township if there is one
      let best: GridShape | undefined
      let bestScore = 0
      for (const other of grids) {
        if (other === grid) continue
        let shared = 0
        for (const p of other.polygons.flat(2)) if (keys.has(vertexKey(p))) shared++
        const score =
          shared === 0 ? 0 : shared + (other.townshipCode === grid.townshipCode ? 1e6 : 0)
        if (score > bestScore) {
          bestScore = score
          best = other
        }
      }
      if (!best) {
        stay.push(poly)
        continue
      }
      best.polygons = roundPolygons(unionPolygons([best.polygons, [poly]]))
    }
    grid.polygons = stay
  }
}
