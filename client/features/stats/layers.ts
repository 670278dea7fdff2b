// Aggregates → deck.gl layers for the wall: a heatmap of the open issues (from fine hexagon bins
// weighted by count, so no issue is downloaded), hexagon cells coloured by count, a grid choropleth
// (open issues per grid joined to the grids collection) and rings on places with overdue issues.
// Pure; every layer is always returned with a stable id and hidden via `visible`.
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { hexToRgba, type Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { GridRow, HexCollection, HexFeature } from './api.ts'

export const statsLayerIds = {
  heatmap: 'stats-heatmap',
  hexagons: 'stats-hexagons',
  grids: 'stats-grid-choropleth',
  overdue: 'stats-overdue',
} as const

/** Low → high on a dark map: violet to bright yellow (plasma-like; the lowest still reads on navy). */
export const countRamp: readonly Rgba[] = [
  '#6a3fd1',
  '#a030b0',
  '#d6456e',
  '#f57b3c',
  '#fbb32f',
  '#f7ed5b',
].map((hex) => hexToRgba(hex))

export const heatmapRamp: readonly Rgba[] = [
  '#2c115f',
  '#721f81',
  '#b73779',
  '#f1605d',
  '#feb078',
  '#fcfdbf',
].map((hex) => hexToRgba(hex))

export const overdueColor: Rgba = [255, 59, 48, 255] // 逾期: signal red

// ---- class breaks ---------------------------------------------------------------------------

/**
 * Upper bounds of the classes but the last, from the 1-2-5 sequence: counts are skewed (a town has
 * a hundred open issues, a village one), so equal steps would put nearly every cell in the first.
 */
export interface ClassBreaks {
  bounds: number[] // ascending; class i holds counts ≤ bounds[i]; the last class is > every bound
}

const oneTwoFive = (i: number) => ([1, 2, 5][i % 3] as number) * 10 ** Math.floor(i / 3)

/** Up to `classes` classes from the 1-2-5 sequence below `max`, the finest dropped first. */
export function countBreaks(max: number, classes = countRamp.length): ClassBreaks {
  const bounds: number[] = []
  for (let i = 0; oneTwoFive(i) < max; i++) bounds.push(oneTwoFive(i))
  return { bounds: bounds.slice(Math.max(0, bounds.length - Math.max(0, classes - 1))) }
}

/** The class of a count, or -1 for none (0 issues). */
export function countClass(count: number, breaks: ClassBreaks): number {
  if (!(count > 0)) return -1
  const i = breaks.bounds.findIndex((bound) => count <= bound)
  return i === -1 ? breaks.bounds.length : i
}

/** The fill of a count: transparent for 0, else its class's colour, spread over the whole ramp. */
export function countColor(
  count: number,
  breaks: ClassBreaks,
  ramp: readonly Rgba[] = countRamp,
  alpha = 220,
): Rgba {
  const c = countClass(count, breaks)
  if (c < 0) return [0, 0, 0, 0]
  const last = breaks.bounds.length // index of the top class
  const at = last === 0 ? ramp.length - 1 : Math.round((c / last) * (ramp.length - 1))
  const [r, g, b] = ramp[at] ?? [0, 0, 0]
  return [r, g, b, alpha]
}

export interface LegendClass {
  label: string // 1, 2–5, ≥ 51
  color: Rgba
}

/** One legend entry per class; the last is open-ended. */
export function countLegend(breaks: ClassBreaks, ramp: readonly Rgba[] = countRamp): LegendClass[] {
  const { bounds } = breaks
  return [...bounds, undefined].map((hi, c) => {
    const lo = c === 0 ? 1 : (bounds[c - 1] as number) + 1
    const label = hi === undefined ? `≥ ${lo}` : lo === hi ? String(lo) : `${lo}–${hi}`
    return { label, color: countColor(lo, breaks, ramp, 255) }
  })
}

// ---- data shaping ---------------------------------------------------------------------------

export interface HexPoint {
  position: [number, number]
  count: number
  overdue: number
}

const centres = new WeakMap<HexCollection, HexPoint[]>()

/** Hexagon centres with their counts; cached per response object. */
export function hexCentres(hexes: HexCollection | undefined): HexPoint[] {
  if (!hexes) return []
  let points = centres.get(hexes)
  if (!points) {
    points = hexes.features.map((f) => ({
      position: ringCentre(f.geometry.coordinates[0] ?? []),
      count: f.properties.count,
      overdue: f.properties.overdue,
    }))
    centres.set(hexes, points)
  }
  return points
}

function ringCentre(ring: Position[]): [number, number] {
  // a closed ring repeats its first vertex; average the distinct ones
  const n = ring.length > 1 ? ring.length - 1 : ring.length
  let x = 0
  let y = 0
  for (let i = 0; i < n; i++) {
    x += ring[i]?.[0] ?? 0
    y += ring[i]?.[1] ?? 0
  }
  return n ? [x / n, y / n] : [0, 0]
}

/** Grid code → open issue count, for the choropleth. */
export function gridCounts(rows: readonly GridRow[] | undefined): Map<string, number> {
  return new Map((rows ?? []).map((r) => [r.gridCode, r.open]))
}

export function maxOf(values: Iterable<number>): number {
  let max = 0
  for (const v of values) if (v > max) max = v
  return max
}

// ---- layers ---------------------------------------------------------------------------------

/** What the choropleth needs of a grid; the grids feature's own type fits it. */
export interface GridShape {
  gridCode: string
}
export type GridAreas = FeatureCollection<Polygon | MultiPolygon, GridShape>

export type StatsLayerKind = 'heatmap' | 'hexagon' | 'grids'

export interface StatsLayerOptions {
  shown: StatsLayerKind
  scale: number // screen px per design px
  heatBins?: HexCollection // fine bins: the heatmap and the overdue rings
  hexagons?: HexCollection // coarse bins: the hexagon view
  grids?: GridAreas
  gridRows?: readonly GridRow[]
  overdueDots: boolean // one dot per fine cell with overdue issues: zoomed in, not county-wide
  areasBeforeId?: string
  overlaysBeforeId?: string
}

export function statsLayers(options: StatsLayerOptions): Layer[] {
  const { shown, scale } = options
  const heat = hexCentres(options.heatBins)
  const hexFeatures = options.hexagons?.features ?? []
  const hexBreaks = countBreaks(maxOf(hexFeatures.map((f) => f.properties.count)))
  const counts = gridCounts(options.gridRows)
  const gridBreaks = countBreaks(maxOf(counts.values()))
  const overdue = heat.filter((p) => p.overdue > 0)
  return [
    new GeoJsonLayer<GridShape>({
      id: statsLayerIds.grids,
      data: (options.grids ?? { type: 'FeatureCollection', features: [] }) as never,
      visible: shown === 'grids',
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 0.8 * scale,
      getLineColor: [150, 180, 210, 90],
      getFillColor: (f) => countColor(counts.get(f.properties.gridCode) ?? 0, gridBreaks),
      updateTriggers: { getFillColor: [counts, gridBreaks.bounds.join()] },
      ...placedBefore(options.areasBeforeId),
    }) as Layer,
    new PolygonLayer<HexFeature>({
      id: statsLayerIds.hexagons,
      data: hexFeatures,
      visible: shown === 'hexagon',
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getPolygon: (f) => f.geometry.coordinates as never,
      getFillColor: (f) => countColor(f.properties.count, hexBreaks, countRamp, 210),
      getLineColor: [13, 27, 42, 200],
      getLineWidth: 1 * scale,
      updateTriggers: { getFillColor: hexBreaks.bounds.join() },
      ...placedBefore(options.overlaysBeforeId),
    }) as Layer,
    new HeatmapLayer<HexPoint>({
      id: statsLayerIds.heatmap,
      data: heat,
      visible: shown === 'heatmap' && heat.length > 0,
      getPosition: (p) => p.position,
      getWeight: (p) => p.count,
      radiusPixels: Math.round(48 * scale),
      // its weights texture is 2048² floats (64 MB) by default: allocating it holds software GL for
      // 1.5–2 s of the wall's first paint. 512² is plenty for a blur this wide. (1024² drew the
      // heat over the wrong township in deck.gl 9.4; the registration e2e checks where it lands.)
      weightsTextureSize: 512,
      intensity: 1.6,
      threshold: 0.04,
      colorRange: heatmapRamp as Rgba[],
      opacity: 0.85,
      ...placedBefore(options.overlaysBeforeId),
    }) as Layer,
    new ScatterplotLayer<HexPoint>({
      id: statsLayerIds.overdue,
      data: overdue,
      visible: options.overdueDots && overdue.length > 0,
      filled: true,
      stroked: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (p) => p.position,
      getRadius: (p) => (2.5 + Math.min(4, Math.sqrt(p.overdue))) * scale,
      getFillColor: [255, 59, 48, 200],
      getLineColor: [255, 235, 230, 230],
      getLineWidth: 1 * scale,
      updateTriggers: { getRadius: scale, getLineWidth: scale },
    }) as Layer,
  ]
}

/** The places to pulse: the cells with the most overdue issues, at most `max`. */
export function pulseSpots(heatBins: HexCollection | undefined, max = 40): HexPoint[] {
  return hexCentres(heatBins)
    .filter((p) => p.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.position[0] - b.position[0])
    .slice(0, max)
}
