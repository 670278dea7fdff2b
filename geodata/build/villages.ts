// Village (村/社区) points: the 10 Amap positions, and 73 seeded positions inside their township,
// chosen among mesh sites by weighted Poisson-disc sampling, then the village labels that grids
// follow (each cell goes to the nearest village of its own township).
import { connectLabels } from './labels.ts'
import type { Mesh } from './mesh.ts'
import type { Warp } from './noise.ts'
import { distanceKm, type Xy } from './plane.ts'
import { pickWeighted, type Rng } from './prng.ts'
import type { VillageRecord } from './read-sources.ts'

export interface PlacedVillage {
  record: VillageRecord
  site: number // mesh site index; the village point is that site
  xy: Xy
  coordSource: 'amap' | 'synthetic'
}

export interface VillageContext {
  mesh: Mesh
  townshipLabels: readonly (string | undefined)[]
  townshipSeats: ReadonlyMap<string, Xy>
  countySeat: Xy // the core centre
  /** whether a site lies within `km` of the county line */
  isNearCountyLine: (site: number, km: number) => boolean
  /** distance from a point to the valley river (Weishan: Natural Earth Hong), km */
  riverDistance: (p: Xy) => number
  valleyTownships: ReadonlySet<string> // their rural villages lean toward the river
  coreTownship: string // the core township's 村 stay outside the urban core
  /** core 社区 whose names say where in the town they lie: bearing from the centre, degrees */
  communityBearings: Readonly<Record<string, number>>
  coreRadiusKm: number
  amapSites: ReadonlyMap<string, number> // village code → mesh site of its Amap point
}

export const villageDefaults = {
  edgeMarginKm: 0.7, // synthetic points keep this far from the county line
  townCentreKm: [0.3, 0.9], // 镇/乡中心区 villages (ur 121/210) sit this far from the seat
  fringeKm: [1.2, 4.5], // 镇乡结合区 villages (ur 122)
  seatScaleKm: 5, // rural villages: weight falls off with distance from the seat on this scale
  riverScaleKm: 2.5, // …and from the Red River valley in the basin townships
  spacingFactor: 0.5, // Poisson-disc radius = factor × √(township area / villages)
}

function isCentre(v: VillageRecord): boolean {
  return v.urCode === '121' || v.urCode === '210'
}

export function isCommunity(code: string): boolean {
  return code.slice(9, 10) === '0'
}

/** Places all villages; Amap points keep their source position. */
export function placeVillages(
  villages: readonly VillageRecord[],
  ctx: VillageContext,
  rng: Rng,
): PlacedVillage[] {
  const { mesh, townshipLabels } = ctx
  const o = villageDefaults
  const placed = new Map<string, PlacedVillage>()
  const taken = new Set<number>()
  for (const v of villages) {
    const site = ctx.amapSites.get(v.code)
    if (site === undefined) continue
    placed.set(v.code, { record: v, site, xy: mesh.sites[site] as Xy, coordSource: 'amap' })
    taken.add(site)
  }

  // candidate sites per township: lattice sites well inside the county
  const candidates = new Map<string, number[]>()
  // sites next to a township line: used only when a small township (a 街道) has no other room
  const edgeCandidates = new Map<string, number[]>()
  const cellCount = new Map<string, number>()
  for (let i = 0; i < mesh.guardStart; i++) {
    const t = townshipLabels[i]
    if (!t) continue
    cellCount.set(t, (cellCount.get(t) ?? 0) + 1)
    if (ctx.isNearCountyLine(i, o.edgeMarginKm)) continue
    const neighbours = mesh.neighbors[i] as number[]
    if (neighbours.some((n) => townshipLabels[n] !== t)) {
      edgeCandidates.set(t, [...(edgeCandidates.get(t) ?? []), i]) // keep off township lines
      continue
    }
    const list = candidates.get(t)
    if (list) list.push(i)
    else candidates.set(t, [i])
  }

  // centre villages first, then the fringe, then the rest, so the best spots go to the right ones
  const order = (v: VillageRecord) =>
    isCommunity(v.code) ? 0 : isCentre(v) ? 1 : v.urCode === '122' ? 2 : 3
  const todo = villages.filter((v) => !placed.has(v.code)).sort((a, b) => order(a) - order(b))
  const cellAreaKm2 = (mesh.spacingKm * mesh.spacingKm * Math.sqrt(3)) / 2
  for (const v of todo) {
    const t = v.townshipCode
    const seat = ctx.townshipSeats.get(t) as Xy
    const n = villages.filter((w) => w.townshipCode === t).length
    const townshipAreaKm2 = (cellCount.get(t) ?? 0) * cellAreaKm2
    let radius = o.spacingFactor * Math.sqrt(townshipAreaKm2 / n)
    if (isCommunity(v.code) || isCentre(v)) radius = 0.6
    const weigh = (site: number): number => {
      const p = mesh.sites[site] as Xy
      const dSeat = distanceKm(p, seat)
      const dCounty = distanceKm(p, ctx.countySeat)
      // 社区 of another township (a 街道 or a 镇's town) gather around their own seat
      if (isCommunity(v.code) && t !== ctx.coreTownship) return Math.exp(-dSeat / 1.0) + 0.02
      if (isCommunity(v.code)) {
        if (dCounty < 0.3 || dCounty > 1.3) return 0
        const bearing = ctx.communityBearings[v.code]
        if (bearing === undefined) return 1
        const angle =
          (Math.atan2(p[0] - ctx.countySeat[0], p[1] - ctx.countySeat[1]) * 180) / Math.PI
        const off = Math.abs(((angle - bearing + 540) % 360) - 180)
        return off < 50 ? 1 : 0
      }
      if (t === ctx.coreTownship && dCounty < ctx.coreRadiusKm + 0.4) return 0 // 村 lie outside the core
      if (isCentre(v))
        return dSeat >= (o.townCentreKm[0] as number) && dSeat <= (o.townCentreKm[1] as number)
          ? 1
          : 0
      if (v.urCode === '122') {
        const [lo, hi] = o.fringeKm as [number, number]
        const d = t === ctx.coreTownship ? dCounty - ctx.coreRadiusKm + 1.2 : dSeat
        return d >= lo && d <= hi ? 1 : 0
      }
      let w = Math.exp(-dSeat / o.seatScaleKm) + 0.15
      if (ctx.valleyTownships.has(t)) w *= 0.4 + Math.exp(-ctx.riverDistance(p) / o.riverScaleKm)
      return w
    }
    for (let attempt = 0; ; attempt++) {
      const others = [...placed.values()].filter((p) => p.record.townshipCode === t)
      const options: [number, number][] = []
      const pool =
        attempt > 20
          ? [...(candidates.get(t) ?? []), ...(edgeCandidates.get(t) ?? [])]
          : (candidates.get(t) ?? [])
      for (const site of pool) {
        if (taken.has(site)) continue
        const p = mesh.sites[site] as Xy
        if (others.some((q) => distanceKm(p, q.xy) < radius)) continue
        if (distanceKm(p, seat) < 0.3) continue // the seat cell itself stays free
        const w = weigh(site)
        if (w > 0) options.push([site, w])
      }
      if (options.length > 0) {
        const site = pickWeighted(rng, options)
        taken.add(site)
        placed.set(v.code, {
          record: v,
          site,
          xy: mesh.sites[site] as Xy,
          coordSource: 'synthetic',
        })
        break
      }
      if (attempt > 40) throw new Error(`villages: no room for ${v.code} ${v.name}`)
      radius *= 0.8
    }
  }
  return villages.map((v) => placed.get(v.code) as PlacedVillage)
}

/**
 * Labels each cell with the village whose grid it belongs to: the nearest grid-owning village
 * (after a mild warp) among those of the cell's own township. Village cells are pinned.
 */
export function labelVillages(
  mesh: Mesh,
  townshipLabels: readonly (string | undefined)[],
  owners: readonly PlacedVillage[],
  warp: Warp,
): (string | undefined)[] {
  const byTownship = new Map<string, PlacedVillage[]>()
  for (const v of owners) {
    const list = byTownship.get(v.record.townshipCode) ?? []
    list.push(v)
    byTownship.set(v.record.townshipCode, list)
  }
  const pinned = new Map<number, string>()
  for (const v of owners) {
    if (townshipLabels[v.site] === v.record.townshipCode) pinned.set(v.site, v.record.code)
  }
  const labels = mesh.sites.map((p, i) => {
    const t = townshipLabels[i]
    if (i >= mesh.guardStart || !t) return undefined
    const pin = pinned.get(i)
    if (pin) return pin
    const q = warp(p)
    let best: PlacedVillage | undefined
    let bestD = Infinity
    for (const v of byTownship.get(t) ?? []) {
      const d = Math.hypot(v.xy[0] - q[0], v.xy[1] - q[1])
      if (d < bestD) {
        bestD = d
        best = v
      }
    }
    if (!best) throw new Error(`villages: township ${t} has no grid-owning village`)
    return best.record.code
  })
  const roots = new Map(owners.map((v) => [v.record.code, v.site]))
  connectLabels(mesh, labels, roots, (a, b) => townshipLabels[a] === townshipLabels[b])
  return labels
}
