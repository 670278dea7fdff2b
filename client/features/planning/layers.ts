// Planning data → deck.gl layers: candidates coloured by score, the plan as stars (or a compare's
// onlyA / onlyB / both), a rehearsal's drawn points by condition, corridor buffers, the 示意道路
// lines and villages inside the 1 km radius by status. Pure; stable ids, so deck.gl diffs.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, IconLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson'
import { cssFontFamily } from '../../lib/fonts.ts'
import type { LegendSwatch, Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { Candidate, RadiusStatus } from './api.ts'
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
  const cells = kinds
    .map((kind, i) => {
      const [r, g, b] = starColors[kind]
      return `<path transform="translate(${i * iconPx} 0)" d="${starPath}" fill="rgb(${r},${g},${b})" stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/>`
    })
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${iconPx * kinds.length}" height="${iconPx}">${cells}</svg>`
  const mapping = {} as Record<StarKind, IconCell>
  kinds.forEach((kind, i) => {
    mapping[kind] = { x: i * iconPx, y: 0, width: iconPx, height: iconPx, mask: false }
  })
  return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, mapping }
}

interface IconCell {
  x: number
  y: number
  width: number
  height: number
  mask: boolean
}

let atlas: ReturnType<typeof starAtlas> | undefined

export interface CandidateLayerOptions {
  visible: boolean
  dimmed?: boolean // other tabs: the scores step back behind their own layers
  scale?: number
  beforeId?: string
}

export function candidateLayers(
  candidates: readonly Candidate[],
  options: CandidateLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const alpha = options.dimmed ? 110 : 235
  return [
    new ScatterplotLayer<Candidate>({
      id: planningLayerIds.candidates,
      data: candidates,
      visible: options.visible,
      pickable: !options.dimmed,
      stroked: true,
      radiusUnits: 'meters',
      getRadius: 120,
      radiusMinPixels: 3.5 * scale,
      radiusMaxPixels: 7 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 1 * scale,
      getLineColor: [255, 255, 255, alpha],
      getPosition: (d) => d.lngLat,
      getFillColor: (d) => scoreColor(d.score, alpha),
      updateTriggers: { getFillColor: alpha, getLineColor: alpha },
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

export interface StarPoint {
  id: string
  lngLat: [number, number]
  kind: StarKind
}

export function starLayers(
  points: readonly StarPoint[],
  options: { visible: boolean; scale?: number },
): Layer[] {
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

export function drawLayers(
  points: readonly DrawPoint[],
  options: { visible: boolean; scale?: number },
): Layer[] {
  const scale = options.scale ?? 1
  return [
    new ScatterplotLayer<DrawPoint>({
      id: planningLayerIds.drawRings,
      data: points,
      visible: options.visible,
      pickable: true,
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: (d) => (d.state === 'bad' ? 9 : 7) * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5 * scale,
      getLineColor: [255, 255, 255, 255],
      getFillColor: (d) => pointStateColors[d.state],
      getPosition: (d) => d.lngLat,
      updateTriggers: { getRadius: scale },
    }) as Layer,
  ]
}

const bufferColors = { road: [205, 120, 40] as const, river: [40, 120, 205] as const }
export const roadColor: Rgba = [150, 80, 20, 255]
const roadLabelShare = 0.7 // of the way from the county seat

export interface CorridorLayerOptions {
  visible: boolean
  scale?: number
  beforeId?: string
  labelsReady: boolean // label characters loaded (see fonts.ts)
}

interface RoadLabel {
  position: [number, number]
  text: string
}

/**
 * The vertex `share` of the way along a line: where a road's name sits. Roads fan out from the
 * county seat, so names placed towards their far ends do not pile up in the middle.
 */
export function lineMidpoint(
  geometry: LineString | MultiLineString,
  share = 0.5,
): [number, number] | undefined {
  const coords: Position[] =
    geometry.type === 'LineString' ? geometry.coordinates : (geometry.coordinates[0] ?? [])
  const mid = coords[Math.min(Math.floor(coords.length * share), coords.length - 1)]
  return mid ? [mid[0] ?? 0, mid[1] ?? 0] : undefined
}

/** `庙街镇（示意道路）`: the road's far end, always saying the line is synthetic. */
export function roadLabelOf(properties: Record<string, unknown> | null): string {
  const name = typeof properties?.name === 'string' ? properties.name : ''
  const end = name.replace(/^县城—/, '').replace(/（示意道路）$/, '')
  return end ? `${end}（示意道路）` : '示意道路'
}

export function corridorLayers(
  buffers: FeatureCollection | undefined,
  roads: FeatureCollection | undefined,
  options: CorridorLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const roadLines = (roads?.features ?? []).filter(
    (f): f is Feature<LineString | MultiLineString> =>
      f.geometry?.type === 'LineString' || f.geometry?.type === 'MultiLineString',
  )
  const labels: RoadLabel[] = []
  for (const f of roadLines) {
    const position = lineMidpoint(f.geometry, roadLabelShare)
    if (position) labels.push({ position, text: roadLabelOf(f.properties) })
  }
  const paths = roadLines.flatMap((f) =>
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
    ...(labels.length === 0 || !options.labelsReady
      ? []
      : [
          new TextLayer<RoadLabel>({
            id: planningLayerIds.roadLabels,
            data: labels,
            visible: options.visible,
            getPosition: (d) => d.position,
            getText: (d) => d.text,
            getSize: 11 * scale,
            getColor: roadColor,
            fontFamily: cssFontFamily,
            characterSet: 'auto',
            background: true,
            getBackgroundColor: [255, 255, 255, 215],
            backgroundPadding: [3 * scale, 1 * scale],
          }) as Layer,
        ]),
  ]
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
  options: { visible: boolean; scale?: number },
): Layer[] {
  const scale = options.scale ?? 1
  return [
    new ScatterplotLayer<VillagePoint>({
      id: planningLayerIds.villages,
      data: villages,
      visible: options.visible,
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 6 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      getLineColor: [255, 255, 255, 255],
      getFillColor: (d) => radiusStatusColors[d.status],
      getPosition: (d) => d.lngLat,
    }) as Layer,
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
