// A round's coverage on its map: each target placed by the layer it comes from — a check point as
// a point, a township as its outline (units have no place and stay in the list) — with whether the
// team has been there, the counts 已到 n / 共 m, and the box the map fits. Pure.
import type { Geometry, MultiPolygon, Polygon } from 'geojson'
import type { RoundDetail } from '../../features/supervision/api.ts'
import type { BBox } from '../../map/map-view.tsx'

type CoverageTarget = RoundDetail['coverage']['targets'][number]
type Lnglat = [number, number]

export interface PlacedPoint {
  code: string
  name: string
  visited: boolean
  position: Lnglat
}

export interface PlacedOutline {
  code: string
  name: string
  visited: boolean
  geometry: Polygon | MultiPolygon
}

export interface PlacedTargets {
  points: PlacedPoint[] // check points
  outlines: PlacedOutline[] // townships
  unplaced: number // units, and targets whose feature is not (or no longer) in its layer
}

interface LayerFeature {
  id?: string | number
  geometry: Geometry | null
}
interface TownshipFeature extends LayerFeature {
  properties: { code?: string } | null
}

/** Places each target: check points by feature id, townships by their 9-digit code. */
export function placeTargets(
  targets: readonly CoverageTarget[],
  townships: readonly TownshipFeature[],
  checkpoints: readonly LayerFeature[],
): PlacedTargets {
  const townshipById = new Map(
    townships.map((f) => [String(f.properties?.code ?? f.id ?? ''), f.geometry]),
  )
  const checkpointById = new Map(checkpoints.map((f) => [String(f.id ?? ''), f.geometry]))
  const placed: PlacedTargets = { points: [], outlines: [], unplaced: 0 }
  for (const t of targets) {
    const base = { code: t.code, name: t.name, visited: t.visited }
    const geometry =
      t.kind === 'checkpoint'
        ? checkpointById.get(t.code)
        : t.kind === 'township'
          ? townshipById.get(t.code)
          : undefined
    if (geometry?.type === 'Point') {
      const [lng = 0, lat = 0] = geometry.coordinates
      placed.points.push({ ...base, position: [lng, lat] })
    } else if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') {
      placed.outlines.push({ ...base, geometry })
    } else placed.unplaced++
  }
  return placed
}

/** 已到 n / 共 m, overall and per kind. */
export function coverageCounts(targets: readonly CoverageTarget[]) {
  const count = (list: readonly CoverageTarget[]) => ({
    visited: list.filter((t) => t.visited).length,
    total: list.length,
  })
  return {
    all: count(targets),
    township: count(targets.filter((t) => t.kind === 'township')),
    unit: count(targets.filter((t) => t.kind === 'unit')),
    checkpoint: count(targets.filter((t) => t.kind === 'checkpoint')),
  }
}

const minSpanDeg = 0.01 // ~1 km: a round with one finding still shows its streets

function boxOf(points: readonly Lnglat[]): BBox {
  const lngs = points.map((p) => p[0])
  const lats = points.map((p) => p[1])
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]
  const padLng = Math.max(0, minSpanDeg - (e - w)) / 2
  const padLat = Math.max(0, minSpanDeg - (n - s)) / 2
  return [w - padLng, s - padLat, e + padLng, n + padLat]
}

const ringsOf = (g: Polygon | MultiPolygon): Lnglat[] =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap(
    (polygon) => (polygon[0] ?? []) as Lnglat[],
  )

/**
 * What the map fits: the findings and check point targets, where the streets are readable; a
 * round with neither shows its townships whole. Undefined when there is nothing to show.
 */
export function coverageBounds(
  findings: readonly Lnglat[],
  placed: PlacedTargets,
): BBox | undefined {
  const points = [...findings, ...placed.points.map((p) => p.position)]
  if (points.length) return boxOf(points)
  const rings = placed.outlines.flatMap((o) => ringsOf(o.geometry))
  return rings.length ? boxOf(rings) : undefined
}
