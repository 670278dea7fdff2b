// Township seats the sources lack (Vonng's 2016 list has no centre for some units, or knows a
// renamed unit under its old code): each is placed where it crowds no other seat, and flagged.
// 街道 stay in a ring around the urban core, 镇 and 乡 go to the emptiest part of the county; the
// core township's seat is the core centre. The result is 示意, never a real location.
import type { Polygon } from 'geojson'
import { distanceKm, type LngLat, roundLngLat, toLngLat, toXy, type Xy } from './plane.ts'
import type { Township } from './read-sources.ts'
import { createRingIndex } from './ring-index.ts'

export const seatDefaults = {
  latticeKm: 0.25, // candidate spacing
  countyMarginKm: 1.5, // a placed seat keeps this far from the county line
  streetRingKm: [1.0, 5.0], // 街道 seats: this far beyond the core's pinned disc
  townGapKm: 2.0, // 镇/乡 seats: at least this far beyond the core's pinned disc
}

export interface SeatContext {
  county: Polygon
  coreCentre: LngLat
  coreTownship: string
  coreRadiusKm: number // the core's pinned disc: no other seat inside
}

type Listed = Omit<Township, 'seat'> & { seat: LngLat | undefined }

export function placeMissingSeats(listed: readonly Listed[], ctx: SeatContext): Township[] {
  const o = seatDefaults
  const outline = (ctx.county.coordinates[0] ?? []).map((p) => toXy(p as LngLat))
  const ring = createRingIndex(outline)
  const centre = toXy(ctx.coreCentre)
  const taken: Xy[] = [centre, ...listed.flatMap((t) => (t.seat ? [toXy(t.seat)] : []))]
  const [x0, x1] = [Math.min(...outline.map((p) => p[0])), Math.max(...outline.map((p) => p[0]))]
  const [y0, y1] = [Math.min(...outline.map((p) => p[1])), Math.max(...outline.map((p) => p[1]))]
  const lattice: Xy[] = []
  for (let x = x0; x <= x1; x += o.latticeKm)
    for (let y = y0; y <= y1; y += o.latticeKm) {
      const p: Xy = [x, y]
      if (ring.contains(p) && !ring.isNear(p, o.countyMarginKm)) lattice.push(p)
    }
  return listed.map((t) => {
    if (t.seat) return { ...t, seat: t.seat }
    let seat: LngLat
    if (t.code === ctx.coreTownship) seat = ctx.coreCentre
    else {
      const [lo, hi] = t.type === '街道' ? o.streetRingKm : [o.townGapKm, Infinity]
      let best: Xy | undefined
      let bestScore = -1
      for (const p of lattice) {
        const d = distanceKm(p, centre) - ctx.coreRadiusKm
        if (d < (lo as number) || d > (hi as number)) continue
        const score = Math.min(...taken.map((q) => distanceKm(p, q)))
        if (score > bestScore) {
          bestScore = score
          best = p
        }
      }
      if (!best) throw new Error(`seats: no room for the seat of ${t.code} ${t.name}`)
      seat = roundLngLat(toLngLat(best))
    }
    taken.push(toXy(seat))
    return { ...t, seat, seatPlaced: true }
  })
}
