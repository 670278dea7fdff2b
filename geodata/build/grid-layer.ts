// Grid features: 15-digit codes (12-digit village code + 3-digit sequence, CJ/T 213 / GB/T 30428
// style), names, responsible units and fictitious grid managers (per-township teams).
import { departmentUnits, townshipUnitCode } from '../../server/domain/units.ts'
import { round2 } from './context-layers.ts'
import { feature, multiPolygonGeometry, type OutFeature } from './features.ts'
import { buildGridTeams, gridAdjacencyFromRings } from './grid-teams.ts'
import type { GridShape } from './grids.ts'
import { managerName, maskedPhone } from './people.ts'
import { areaKm2 } from './polygons.ts'
import { type Rng, shuffled } from './prng.ts'
import type { Sources } from './read-sources.ts'

export interface Grid extends GridShape {
  gridCode: string
  name: string
  responsibleUnit: string
}

export const gridLayerDefaults = {
  rowBandDegrees: 0.008, // sequence rows (north→south, then west→east) are this tall (≈ 0.9 km)
}

/** Reading order: rows north→south, west→east within a row. */
function compareReadingOrder(a: GridShape, b: GridShape): number {
  const band = gridLayerDefaults.rowBandDegrees
  const rowA = Math.floor(-a.anchor[1] / band)
  const rowB = Math.floor(-b.anchor[1] / band)
  return rowA - rowB || a.anchor[0] - b.anchor[0]
}

export function shortVillageName(name: string): string {
  return name.replace(/委会$/, '')
}

export function codeGrids(s: Sources, shapes: readonly GridShape[], rng: Rng): Grid[] {
  const townshipName = new Map(s.townships.map((t) => [t.code, t.name]))
  const villageName = new Map(s.villages.map((v) => [v.code, v.name]))
  const sequence = new Map<string, number>()
  const grids: Grid[] = [...shapes].sort(compareReadingOrder).map((shape) => {
    const n = (sequence.get(shape.villageCode) ?? 0) + 1
    sequence.set(shape.villageCode, n)
    return {
      ...shape,
      gridCode: `${shape.villageCode}${String(n).padStart(3, '0')}`,
      name: '',
      responsibleUnit: townshipUnitCode(shape.townshipCode),
    }
  })
  let coreNumber = 0
  for (const g of grids) {
    const township = townshipName.get(g.townshipCode) ?? ''
    g.name = g.core
      ? `${township}-城区第${++coreNumber}网格`
      : `${township}${shortVillageName(villageName.get(g.villageCode) ?? '')}网格`
  }
  assignDepartments(
    grids.filter((g) => g.core),
    rng,
  )
  return grids.sort((a, b) => (a.gridCode < b.gridCode ? -1 : 1))
}

/**
 * County departments 包保 the core grids: each grid gets the least-used department that none of its
 * neighbours has, so the map coloured by unit shows a varied patchwork.
 */
function assignDepartments(core: Grid[], rng: Rng): void {
  const order = shuffled(
    rng,
    departmentUnits.map((u) => u.code),
  )
  const used = new Map(order.map((c) => [c, 0]))
  const vertexSets = core.map((g) => new Set(g.polygons.flat(2).map((p) => `${p[0]},${p[1]}`)))
  core.forEach((g, i) => {
    const taken = new Set<string>()
    core.forEach((other, j) => {
      if (j === i || other.responsibleUnit.startsWith('township-')) return
      for (const p of other.polygons.flat(2)) {
        if ((vertexSets[i] as Set<string>).has(`${p[0]},${p[1]}`)) {
          taken.add(other.responsibleUnit)
          break
        }
      }
    })
    const options = order.filter((c) => !taken.has(c))
    const pool = options.length > 0 ? options : order
    let best = pool[0] as string
    for (const c of pool) if ((used.get(c) ?? 0) < (used.get(best) ?? 0)) best = c
    used.set(best, (used.get(best) ?? 0) + 1)
    g.responsibleUnit = best
  })
}

export interface GridManager {
  id: string // 'gm-0001' …, by township code, then first grid code
  name: string
  phone: string
  gridCodes: string[]
}

/** The managers' teams: clusters first, then a distinct name and a phone for each manager. */
export function gridManagers(grids: readonly Grid[], rng: Rng): GridManager[] {
  const clusters = buildGridTeams(grids, gridAdjacencyFromRings(grids), rng)
  const names = new Set<string>()
  return clusters.map((gridCodes, i) => {
    let name = managerName(rng)
    while (names.has(name)) name = managerName(rng)
    names.add(name)
    return { id: `gm-${String(i + 1).padStart(4, '0')}`, name, phone: maskedPhone(rng), gridCodes }
  })
}

export function gridFeatures(grids: readonly Grid[], rng: Rng): OutFeature[] {
  const managerOf = new Map<string, GridManager>()
  for (const m of gridManagers(grids, rng)) for (const code of m.gridCodes) managerOf.set(code, m)
  return grids.map((g) => {
    const manager = managerOf.get(g.gridCode) as GridManager
    return feature(
      g.gridCode,
      {
        gridCode: g.gridCode,
        name: g.name,
        townshipCode: g.townshipCode,
        villageCode: g.villageCode,
        responsibleUnit: g.responsibleUnit,
        managerId: manager.id,
        manager: manager.name,
        managerPhone: manager.phone,
        areaKm2: round2(areaKm2(g.polygons)),
        urbanCore: g.core,
        synthetic: true,
      },
      multiPolygonGeometry(g.polygons),
    )
  })
}
