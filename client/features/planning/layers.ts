// Planning data → map layers. MapLibre: the candidates (candidate-layer.ts) and the road names (a symbol layer, whose collision
// detection keeps them apart). deck.gl: the plan as stars (or a compare's onlyA / onlyB / both), a
// rehearsal's drawn points by condition, corridor buffers, the 示意道路 lines and villages inside
// the 1 km radius by status, townships by forecast score. Pure; stable ids.
import type { Layer, PickingInfo } from '@deck.gl/core'
import {
  GeoJsonLayer,
  IconLayer,
  PathLayer,
  ScatterplotLayer,
  type ScatterplotLayerProps,
} from '@deck.gl/layers'
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson'
import type { SymbolLayerSpecification } from 'maplibre-gl'
import { type IconCell, svgIconAtlas } from '../../lib/icon-atlas.ts'
import type { LegendSwatch, Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import { whiteRimmedDot } from '../../map/dot-style.ts'
import type { ForecastTownship, RadiusStatus } from './api.ts'
import type { PlanSide } from './plan-diff.ts'
import {
  type PointState,
  pointStateColors,
  pointStateLabels,
  scoreColor,
  scoreStops,
} from './score-colors.ts'

export const planningLayerIds = {
  candidates: 'planning-candidates',
  planRings: 'planning-plan-rings',
  planStars: 'planning-plan-stars',
  drawRings: 'planning-draw-rings',
  buffers: 'planning-corridor-buffers',
  roads: 'planning-roads',
  roadLabels: 'planning-road-labels',
  villages: 'planning-radius-villages',
  forecastTownships: 'planning-forecast-townships',
} as const

export type StarKind = 'plan' | PlanSide

export const starColors: Record<StarKind, Rgba> = {
  plan: [22, 50, 79, 255], // the brand navy: the plan being edited
  onlyA: [11, 87, 208, 255],
  onlyB: [230, 115, 0, 255],
  both: [123, 50, 148, 255],
}

export const starLabels: Record<StarKind, string> = {
  plan: '已选示范点',
  onlyA: '仅方案 A',
  onlyB: '仅方案 B',
  both: '两个方案都有',
}

const iconPx = 32
const starPath =
  'M16 2.5 L19.9 11.6 L29.7 12.4 L22.2 18.8 L24.5 28.4 L16 23.3 L7.5 28.4 L9.8 18.8 L2.3 12.4 L12.1 11.6 Z'

/** One white-edged star per kind as an SVG data URL atlas (no canvas, so it is testable in Node). */
export function starAtlas(): { url: string; mapping: Record<StarKind, IconCell> } {
  const kinds = Object.keys(starColors) as StarKind[]
  const star = ([r, g, b]: Rgba) =>
    `<path d="${starPath}" fill="rgb(${r},${g},${b})" stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/>`
  return svgIconAtlas(
    kinds.map((kind) => [kind, star(starColors[kind])] as const),
    iconPx,
  )
}

let atlas: ReturnType<typeof starAtlas> | undefined

/** What every planning overlay takes: whether it shows, and the map's symbol scale (1 = as drawn). */
export interface OverlayOptions {
  visible: boolean
  scale?: number
}

/** An overlay under the base map's labels: the base layer it is placed before. */
export interface PlacedOverlayOptions extends OverlayOptions {
  beforeId?: string
}

export interface StarPoint {
  id: string
  lngLat: [number, number]
  kind: StarKind
}

export function starLayers(points: readonly StarPoint[], options: OverlayOptions): Layer[] {
  if (points.length === 0) return [] // no plan yet: deck.gl need not start for it
  const scale = options.scale ?? 1
  atlas ??= starAtlas()
  return [
    new ScatterplotLayer<StarPoint>({
      id: planningLayerIds.planRings,
      data: points,
      visible: options.visible,
      stroked: true,
      filled: false,
      radiusUnits: 'pixels',
      getRadius: 11 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      getLineColor: (d) => starColors[d.kind],
      getPosition: (d) => d.lngLat,
    }) as Layer,
    new IconLayer<StarPoint>({
      id: planningLayerIds.planStars,
      data: points,
      visible: options.visible,
      pickable: true,
      iconAtlas: atlas.url,
      iconMapping: atlas.mapping,
      getIcon: (d) => d.kind,
      getPosition: (d) => d.lngLat,
      sizeUnits: 'pixels',
      getSize: 17 * scale,
    }) as Layer,
  ]
}

export interface DrawPoint {
  id: string
  lngLat: [number, number]
  state: PointState
}

export function drawLayers(points: readonly DrawPoint[], options: OverlayOptions): Layer[] {
  const scale = options.scale ?? 1
  return [
    whiteEdgedDots(planningLayerIds.drawRings, points, options.visible, {
      pickable: true,
      getRadius: (d) => (d.state === 'bad' ? 9 : 7) * scale,
      getLineWidth: 2.5 * scale,
      getFillColor: (d) => pointStateColors[d.state],
      updateTriggers: { getRadius: scale },
    }),
  ]
}

/** Dots sized in pixels with a white edge, one per point: drawn points and villages. */
function whiteEdgedDots<T extends { lngLat: [number, number] }>(
  id: string,
  data: readonly T[],
  visible: boolean,
  style: Pick<
    ScatterplotLayerProps<T>,
    'pickable' | 'getRadius' | 'getLineWidth' | 'getFillColor' | 'updateTriggers'
  >,
): Layer {
  return new ScatterplotLayer<T>({
    id,
    data,
    visible,
    ...whiteRimmedDot,
    getPosition: (d) => d.lngLat,
    ...style,
  }) as Layer
}

const bufferColors = { road: [205, 120, 40] as const, river: [40, 120, 205] as const }
export const roadColor: Rgba = [150, 80, 20, 255]

/** `庙街镇（示意道路）`: the road's far end, always saying the line is synthetic. */
export function roadLabelOf(properties: Record<string, unknown> | null): string {
  const name = typeof properties?.name === 'string' ? properties.name : ''
  const end = name.replace(/^县城—/, '').replace(/（示意道路）$/, '')
  return end ? `${end}（示意道路）` : '示意道路'
}

export function corridorLayers(
  buffers: FeatureCollection | undefined,
  roads: FeatureCollection | undefined,
  options: PlacedOverlayOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const paths = roadLinesOf(roads).flatMap((f) =>
    f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates,
  )
  return [
    new GeoJsonLayer({
      id: planningLayerIds.buffers,
      data: (buffers ?? { type: 'FeatureCollection', features: [] }) as never,
      visible: options.visible,
      pickable: true,
      filled: true,
      stroked: true,
      getFillColor: (f: Feature) => [...bufferColorOf(f), 70] as Rgba,
      getLineColor: (f: Feature) => [...bufferColorOf(f), 200] as Rgba,
      lineWidthUnits: 'pixels',
      getLineWidth: 1 * scale,
      ...placedBefore(options.beforeId),
    }) as Layer,
    new PathLayer<Position[]>({
      id: planningLayerIds.roads,
      data: paths,
      visible: options.visible,
      getPath: (d) => d as [number, number][],
      getColor: roadColor,
      getWidth: 2.5 * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

function roadLinesOf(
  roads: FeatureCollection | undefined,
): Feature<LineString | MultiLineString>[] {
  return (roads?.features ?? []).filter(
    (f): f is Feature<LineString | MultiLineString> =>
      f.geometry?.type === 'LineString' || f.geometry?.type === 'MultiLineString',
  )
}

/** The road lines with their `label` (see roadLabelOf), the source of roadLabelLayer(). */
export function toRoadLabelSource(roads: FeatureCollection | undefined): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: roadLinesOf(roads).map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { label: roadLabelOf(f.properties) },
    })),
  }
}

export const roadLabelSourceId = 'planning-road-labels'

/**
 * The 示意道路 names along their lines as a MapLibre symbol layer: roads that share a route
 * (永建镇, 大仓镇) would stack deck.gl text; MapLibre's collision detection drops a name that would
 * overlap another label and repeats each name along its road where there is room.
 */
export function roadLabelLayer(
  fontStack: string[],
  options: OverlayOptions,
): SymbolLayerSpecification {
  const scale = options.scale ?? 1
  const [r, g, b] = roadColor
  return {
    id: planningLayerIds.roadLabels,
    type: 'symbol',
    source: roadLabelSourceId,
    layout: {
      visibility: options.visible ? 'visible' : 'none',
      'symbol-placement': 'line',
      'symbol-spacing': 260 * scale,
      'text-field': ['get', 'label'],
      'text-font': fontStack,
      'text-size': 12 * scale,
      'text-max-angle': 35,
      'text-padding': 4 * scale,
    },
    paint: {
      'text-color': `rgb(${r}, ${g}, ${b})`,
      'text-halo-color': 'rgba(255, 255, 255, 0.95)',
      'text-halo-width': 1.6 * scale,
    },
  }
}

function bufferColorOf(f: Feature): readonly [number, number, number] {
  const p = f.properties ?? {}
  const river = p.kind === 'river' || String(p.id ?? '').startsWith('river')
  return river ? bufferColors.river : bufferColors.road
}

export const radiusStatusColors: Record<RadiusStatus, Rgba> = {
  clean: [26, 152, 80, 255],
  open: [240, 160, 30, 255],
  overdue: [200, 30, 30, 255],
}

export const radiusStatusLabels: Record<RadiusStatus, string> = {
  clean: '无未办结问题',
  open: '有未办结问题',
  overdue: '有逾期问题',
}

export interface VillagePoint {
  code: string
  lngLat: [number, number]
  status: RadiusStatus
}

export function villageStatusLayers(
  villages: readonly VillagePoint[],
  options: OverlayOptions,
): Layer[] {
  const scale = options.scale ?? 1
  return [
    whiteEdgedDots(planningLayerIds.villages, villages, options.visible, {
      getRadius: 6 * scale,
      getLineWidth: 2 * scale,
      getFillColor: (d) => radiusStatusColors[d.status],
    }),
  ]
}

export function scoreLegend(): LegendSwatch[] {
  return [
    {
      label: '候选点得分 0 → 100',
      shape: 'gradient',
      color: scoreStops[4] as Rgba,
      colors: scoreStops,
    },
  ]
}

export function starLegend(kinds: readonly StarKind[]): LegendSwatch[] {
  return kinds.map((k) => ({ label: starLabels[k], shape: 'dot', color: starColors[k] }))
}

export function drawLegend(): LegendSwatch[] {
  return (['good', 'fair', 'bad'] as const).map((s) => ({
    label: `抽中点位：${pointStateLabels[s]}`,
    shape: 'dot',
    color: pointStateColors[s],
  }))
}

export function corridorLegend(): LegendSwatch[] {
  return [
    { label: '示意道路（合成线路，非真实道路）', shape: 'line', color: roadColor },
    {
      label: '道路沿线走廊',
      shape: 'area',
      color: [...bufferColors.road, 90],
      outline: [...bufferColors.road, 220],
    },
    {
      label: '沿河走廊',
      shape: 'area',
      color: [...bufferColors.river, 90],
      outline: [...bufferColors.river, 220],
    },
    ...(['clean', 'open', 'overdue'] as const).map(
      (s): LegendSwatch => ({
        label: `村/社区：${radiusStatusLabels[s]}`,
        shape: 'dot',
        color: radiusStatusColors[s],
      }),
    ),
  ]
}

export interface ForecastArea {
  code: string
  name: string
  township: ForecastTownship
  /** 0–100 on the score ramp: the township's place between the lowest and highest expected. */
  rank: number
}

/** Each township polygon joined with its forecast; the ramp spans the townships' own range. */
export function toForecastAreas(
  townships: FeatureCollection | undefined,
  forecast: readonly ForecastTownship[],
): Feature<Polygon | MultiPolygon, ForecastArea>[] {
  const byCode = new Map(forecast.map((t) => [t.code, t]))
  const values = forecast.map((t) => t.expected).filter(Number.isFinite)
  const low = Math.min(...values)
  const span = Math.max(...values) - low
  return (townships?.features ?? []).flatMap((f) => {
    const code = String(f.properties?.code ?? '')
    const township = byCode.get(code)
    const type = f.geometry?.type
    if (!township || (type !== 'Polygon' && type !== 'MultiPolygon')) return []
    const rank = span > 0 ? ((township.expected - low) / span) * 100 : 50
    const name = township.name || String(f.properties?.name ?? code)
    return [
      {
        type: 'Feature',
        geometry: f.geometry as Polygon | MultiPolygon,
        properties: { code, name, township, rank },
      },
    ]
  })
}

export function forecastTownshipLayers(
  areas: readonly Feature<Polygon | MultiPolygon, ForecastArea>[],
  options: PlacedOverlayOptions & {
    onHover?: (info: PickingInfo<Feature<Polygon | MultiPolygon, ForecastArea>>) => void
  },
): Layer[] {
  const scale = options.scale ?? 1
  return [
    new GeoJsonLayer<ForecastArea>({
      id: planningLayerIds.forecastTownships,
      data: areas as never,
      visible: options.visible,
      pickable: true,
      filled: true,
      stroked: true,
      getFillColor: (f) => scoreColor(f.properties.rank, 120),
      getLineColor: (f) => scoreColor(f.properties.rank, 230),
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 * scale,
      autoHighlight: true,
      highlightColor: [22, 50, 79, 60],
      onHover: options.onHover as never,
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

/** The township ramp's legend: lowest → highest expected score of this forecast. */
export function forecastLegend(
  forecast: readonly ForecastTownship[],
  fieldPoints: number, // the place's 实地考察 share
): LegendSwatch[] {
  const values = forecast.map((t) => t.expected).filter(Number.isFinite)
  if (values.length === 0) return []
  const fmt = (n: number) => n.toFixed(1)
  return [
    {
      label: `乡镇预期得分 ${fmt(Math.min(...values))} → ${fmt(Math.max(...values))}（满分 ${fieldPoints}）`,
      shape: 'gradient',
      color: scoreStops[4] as Rgba,
      colors: scoreStops,
    },
  ]
}
