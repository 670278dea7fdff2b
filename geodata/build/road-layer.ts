// 示意道路: one gently bending line from the county seat to each township seat, standing in for real
// road data (none is open for the county) so corridors along 主城区至各乡镇 roads can be shown. Never
// presented as real: every feature is synthetic and says so.
import type { LineString } from 'geojson'
import { feature, type OutFeature } from './features.ts'
import { distanceKm, type LngLat, roundLngLat, toLngLat, toXy } from './plane.ts'
import { type Rng, uniform } from './prng.ts'

export const roadDefaults = {
  kmPerBend: 4, // one intermediate vertex per 4 km of straight-line distance
  minBends: 2,
  maxBends: 7,
  mainBendShare: 0.07, // half-wave amplitude as a share of the length
  secondBendShare: 0.03, // full-wave amplitude; with the half wave at most 10 % of the length
  sameSeatKm: 0.05, // a township whose seat is the county seat has no road
}

export interface RoadEnd {
  code: string
  name: string
  seat: LngLat
}

// a type alias, not an interface, so it fits OutFeature's Record<string, unknown>
export type RoadProperties = {
  id: string
  name: string
  townshipCode: string
  townshipName: string
  lengthKm: number
  synthetic: true
  note: string
}

/** One LineString per township seat away from the county seat, in the townships' order. */
export function roadFeatures(
  countySeat: LngLat,
  townships: readonly RoadEnd[],
  rng: Rng,
): OutFeature<RoadProperties>[] {
  const out: OutFeature<RoadProperties>[] = []
  for (const t of townships) {
    // draw for every township, so a skipped one does not shift the others' bends
    const main = uniform(rng, -roadDefaults.mainBendShare, roadDefaults.mainBendShare)
    const second = uniform(rng, -roadDefaults.secondBendShare, roadDefaults.secondBendShare)
    const coordinates = bentLine(countySeat, t.seat, main, second)
    if (!coordinates) continue
    const geometry: LineString = { type: 'LineString', coordinates }
    const id = `road-${t.code}`
    out.push(
      feature(
        id,
        {
          id,
          name: `县城—${t.name}（示意道路）`,
          townshipCode: t.code,
          townshipName: t.name,
          lengthKm: Math.round(lineLengthKm(coordinates) * 100) / 100,
          synthetic: true,
          note: '示意线路，非真实道路数据',
        },
        geometry,
      ),
    )
  }
  return out
}

/**
 * Vertices between a and b displaced sideways by L·(main·sin πt + second·sin 2πt): smooth, ends
 * fixed, never more than (|main| + |second|)·L off the straight line. Undefined when a = b.
 */
export function bentLine(a: LngLat, b: LngLat, main: number, second: number): LngLat[] | undefined {
  const pa = toXy(a)
  const pb = toXy(b)
  const length = distanceKm(pa, pb)
  if (length < roadDefaults.sameSeatKm) return undefined
  const bends = Math.min(
    roadDefaults.maxBends,
    Math.max(roadDefaults.minBends, Math.round(length / roadDefaults.kmPerBend)),
  )
  const ux = (pb[0] - pa[0]) / length
  const uy = (pb[1] - pa[1]) / length
  const line: LngLat[] = [roundLngLat(a)]
  for (let i = 1; i <= bends; i++) {
    const t = i / (bends + 1)
    const offset = length * (main * Math.sin(Math.PI * t) + second * Math.sin(2 * Math.PI * t))
    const x = pa[0] + (pb[0] - pa[0]) * t - uy * offset
    const y = pa[1] + (pb[1] - pa[1]) * t + ux * offset
    line.push(roundLngLat(toLngLat([x, y])))
  }
  line.push(roundLngLat(b))
  return line
}

function lineLengthKm(line: readonly LngLat[]): number {
  let km = 0
  for (let i = 1; i < line.length; i++)
    km += distanceKm(toXy(line[i - 1] as LngLat), toXy(line[i] as LngLat))
  return km
}
