// Administrative context → base-map sources (labels, mask, tints prepared here so the style stays
// a pure function of the theme) and the deck.gl layers of the 1 km township radii. Pure.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers'
import { area, bboxClip, pointOnFeature } from '@turf/turf'
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson'
import type { LayerSpecification } from 'maplibre-gl'
import { cssFontFamily } from '../../lib/fonts.ts'
import { type LegendSwatch, type Rgba, toCssColor } from '../../lib/legend.ts'
import { type BaseSourceId, placedBefore } from '../../map/base-style.ts'
import type { PlaceCollection, TownshipRadiusCollection, TownshipRadiusProperties } from './api.ts'

export interface BoundaryData {
  county?: PlaceCollection
  neighbors?: PlaceCollection
  rivers?: PlaceCollection
  seats?: PlaceCollection
  townships?: PlaceCollection
  villages?: PlaceCollection
}

const riverNamesZh: Record<string, string> = { Hong: '红河', Lancang: '澜沧江', Da: '李仙江' }
const schematic = '（示意）'

/** `红河（示意）`: Natural Earth lines are 1:10M, so every river label says it is schematic. */
export function riverLabel(properties: Record<string, unknown> | null): string | undefined {
  const p = properties ?? {}
  const given = [p.label, p.nameZh, p.name_zh, p.name].find((v) => typeof v === 'string' && v)
  if (typeof given !== 'string') return undefined
  if (given.endsWith(schematic)) return given
  return `${riverNamesZh[given] ?? given}${schematic}`
}

/** Copy of a collection with `label` (and `fid`, the OGC id) set on each feature's properties. */
function withLabels(
  collection: PlaceCollection,
  label: (f: PlaceCollection['features'][number], index: number) => string | undefined,
  extra?: (f: PlaceCollection['features'][number], index: number) => Record<string, unknown>,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f, i) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        ...f.properties,
        fid: f.id === undefined ? String(i) : String(f.id),
        label: label(f, i) ?? '',
        ...extra?.(f, i),
      },
    })),
  }
}

function outerRings(geometry: Geometry | null): Position[][] {
  if (!geometry) return []
  if (geometry.type === 'Polygon') return geometry.coordinates[0] ? [geometry.coordinates[0]] : []
  if (geometry.type === 'MultiPolygon')
    return geometry.coordinates.flatMap((p) => (p[0] ? [p[0]] : []))
  return []
}

const maskExtent: Position[] = [
  [90, 15],
  [110, 15],
  [110, 35],
  [90, 35],
  [90, 15],
] // well beyond maxBounds; a world-sized ring distorts near the poles for nothing

/** A polygon covering the surroundings with the county cut out, to fade what lies outside. */
export function countyMask(county: PlaceCollection): Feature<Polygon> {
  const holes = county.features
    .flatMap((f) => outerRings(f.geometry))
    .map((ring) => [...ring].reverse())
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [maskExtent, ...holes] },
    properties: {},
  }
}

/** Label points for the neighbours: inside each, within the box around the county. */
export function neighborLabelPoints(
  neighbors: PlaceCollection,
  box: [number, number, number, number],
): FeatureCollection<Point> {
  const features: Feature<Point>[] = []
  for (const neighbor of neighbors.features) {
    if (!neighbor.geometry || !/Polygon/.test(neighbor.geometry.type)) continue
    const clipped = bboxClip(neighbor as Feature<Polygon | MultiPolygon>, box)
    const parts: Feature<Polygon>[] =
      clipped.geometry.type === 'Polygon'
        ? [clipped as Feature<Polygon>]
        : (clipped.geometry.coordinates as Position[][][]).map(
            (coordinates): Feature<Polygon> => ({
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates },
              properties: {},
            }),
          )
    const largest = parts
      .filter((p) => (p.geometry.coordinates[0]?.length ?? 0) >= 4)
      .sort((a, b) => area(b) - area(a))[0]
    if (!largest || area(largest) < 20e6) continue // under 20 km² in view: too thin to name
    const point = pointOnFeature(largest)
    features.push({
      type: 'Feature',
      geometry: point.geometry,
      properties: { label: neighbor.properties.name ?? '', fid: String(neighbor.id ?? '') },
    })
  }
  return { type: 'FeatureCollection', features }
}

const neighborLabelMarginDeg = 0.12 // neighbour names sit this close to the county

function bboxOf(collection: PlaceCollection): [number, number, number, number] | undefined {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const f of collection.features) {
    for (const ring of outerRings(f.geometry)) {
      for (const [x = 0, y = 0] of ring) {
        w = Math.min(w, x)
        s = Math.min(s, y)
        e = Math.max(e, x)
        n = Math.max(n, y)
      }
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : undefined
}

/** Township codes in NBS order → tint index, so neighbouring townships get different tints. */
function townshipIndex(townships: PlaceCollection): Map<string, number> {
  const codes = townships.features.map((f) => String(f.properties.code ?? '')).sort()
  return new Map(codes.map((code, i) => [code, i]))
}

/** The base-map sources that can be built from what has loaded so far. */
export function toBaseSources(
  data: BoundaryData,
): Partial<Record<BaseSourceId, FeatureCollection>> {
  const out: Partial<Record<BaseSourceId, FeatureCollection>> = {}
  const name = (f: { properties: { name?: string } }) => f.properties.name
  if (data.county) {
    out.county = withLabels(data.county, name)
    out.mask = { type: 'FeatureCollection', features: [countyMask(data.county)] }
  }
  if (data.neighbors) {
    out.neighbors = withLabels(data.neighbors, () => undefined)
    const box = data.county ? bboxOf(data.county) : undefined
    if (box) {
      const m = neighborLabelMarginDeg
      out['neighbor-labels'] = neighborLabelPoints(data.neighbors, [
        box[0] - m,
        box[1] - m,
        box[2] + m,
        box[3] + m,
      ])
    }
  }
  if (data.rivers) out.rivers = withLabels(data.rivers, (f) => riverLabel(f.properties))
  if (data.seats) out.seats = withLabels(data.seats, name)
  if (data.villages) out.villages = withLabels(data.villages, name)
  if (data.townships) {
    const index = townshipIndex(data.townships)
    out.townships = withLabels(data.townships, name, (f) => ({
      colorIndex: index.get(String(f.properties.code ?? '')) ?? 0,
    }))
  }
  return out
}

export const townshipRadiusLayerIds = { rings: 'township-radii', labels: 'township-radii-labels' }

const radiusColor: Rgba = [106, 61, 154, 255] // purple: distinct from grid units and statuses

/** Where a radius is labelled: its northernmost vertex, so the text sits on the ring's top. */
export function radiusLabelPosition(feature: Feature<Polygon>): [number, number] | undefined {
  let top: Position | undefined
  for (const p of feature.geometry.coordinates[0] ?? [])
    if (!top || (p[1] ?? 0) > (top[1] ?? 0)) top = p
  return top ? [top[0] ?? 0, top[1] ?? 0] : undefined
}

/** `<乡镇> 1公里范围`; the township name from the feature or the lookup. */
export function radiusLabel(
  p: TownshipRadiusProperties,
  townshipName?: (code: string) => string | undefined,
): string {
  const township =
    p.townshipName ?? (p.townshipCode ? townshipName?.(p.townshipCode) : undefined) ?? p.name ?? ''
  return township.includes('1公里') ? township : `${township} 1公里范围`.trim()
}

export interface TownshipRadiusLayerOptions {
  visible: boolean
  labelsVisible: boolean // only once the circles are big enough to carry a name
  zoom?: number // when given, a label that would overlap an earlier one at this zoom is left out
  scale?: number
  beforeId?: string
  townshipName?: (code: string) => string | undefined
}

interface RadiusLabel {
  position: [number, number]
  text: string
}

const radiusLabelSize = 12 // px at scale 1; a CJK glyph is about as wide as the font size

/**
 * The labels that fit side by side at `zoom`, first come first kept: seats a kilometre or two
 * apart (永建镇 and 大仓镇) would otherwise print their names on top of each other.
 */
export function separatedLabels<T extends RadiusLabel>(labels: T[], zoom: number, scale = 1): T[] {
  const kept: { x: number; y: number; half: number }[] = []
  const height = (radiusLabelSize + 6) * scale
  const out: T[] = []
  for (const label of labels) {
    const [lng, lat] = label.position
    // Web Mercator pixels at this zoom (MapLibre's 512 px tiles)
    const worldPx = 512 * 2 ** zoom
    const x = ((lng + 180) / 360) * worldPx
    const sin = Math.sin((lat * Math.PI) / 180)
    const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldPx
    const half = ((label.text.length * radiusLabelSize + 8) * scale) / 2
    if (kept.some((k) => Math.abs(k.x - x) < k.half + half && Math.abs(k.y - y) < height)) continue
    kept.push({ x, y, half })
    out.push(label)
  }
  return out
}

export function townshipRadiusLayers(
  radii: TownshipRadiusCollection | undefined,
  options: TownshipRadiusLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  return [
    new GeoJsonLayer<TownshipRadiusProperties>({
      id: townshipRadiusLayerIds.rings,
      data: (radii ?? { type: 'FeatureCollection', features: [] }) as never,
      visible: options.visible,
      pickable: true,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      getLineColor: radiusColor,
      ...placedBefore(options.beforeId),
    }) as Layer,
    ...townshipRadiusLabelLayers(radii, options),
  ]
}

/** The circles as a MapLibre line layer over `source` (the planning screen's, a style overlay). */
export function townshipRadiusRingLayer(
  source: string,
  options: { visible: boolean; scale?: number },
): LayerSpecification {
  return {
    id: townshipRadiusLayerIds.rings,
    type: 'line',
    source,
    layout: { visibility: options.visible ? 'visible' : 'none' },
    paint: { 'line-color': toCssColor(radiusColor), 'line-width': 2 * (options.scale ?? 1) },
  }
}

/** The circles' names, each at its circle's top, thinned out at `zoom` until none overlap. */
export function townshipRadiusLabelLayers(
  radii: TownshipRadiusCollection | undefined,
  options: TownshipRadiusLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const all: RadiusLabel[] = []
  for (const f of radii?.features ?? []) {
    const position = radiusLabelPosition(f)
    if (position) all.push({ position, text: radiusLabel(f.properties, options.townshipName) })
  }
  const labels = options.zoom === undefined ? all : separatedLabels(all, options.zoom, scale)
  // an empty TextLayer draws a zero-size font atlas (a WebGL warning), so it waits for labels
  if (labels.length === 0) return []
  return [
    new TextLayer<RadiusLabel>({
      id: townshipRadiusLayerIds.labels,
      data: labels,
      visible: options.visible && options.labelsVisible,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: 12 * scale,
      getColor: radiusColor,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'bottom',
      getPixelOffset: [0, -3 * scale],
      fontFamily: cssFontFamily,
      characterSet: 'auto',
      background: true,
      getBackgroundColor: [255, 255, 255, 210],
      backgroundPadding: [3 * scale, 1 * scale],
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

export function townshipRadiusLegend(): LegendSwatch[] {
  return [{ label: '半径 1 公里', shape: 'line', color: radiusColor }]
}

/** Legends of the base-map toggles; colours follow the light theme. */
export const baseLegends = {
  boundaries: [
    { label: '县界', shape: 'line', color: [168, 50, 45, 255] },
    {
      label: '周边县市',
      shape: 'area',
      color: [226, 223, 216, 255],
      outline: [170, 165, 155, 255],
    },
    { label: '县城', shape: 'ring', color: [192, 57, 43, 255] },
  ],
  townships: [
    { label: '乡镇界（示意）', shape: 'dashed', color: [125, 106, 88, 255] },
    { label: '乡镇政府所在地', shape: 'ring', color: [47, 42, 36, 255] },
  ],
  rivers: [{ label: '河流（示意）', shape: 'line', color: [95, 159, 214, 255] }],
  villages: [{ label: '村委会/社区', shape: 'ring', color: [107, 94, 80, 255] }],
} satisfies Record<string, LegendSwatch[]>

/** The township legend: 示意 only while the layer is (domain/layer-status.ts). */
export function townshipSwatches(synthetic: boolean): LegendSwatch[] {
  return baseLegends.townships.map((s, i) =>
    i === 0 && !synthetic ? { ...s, label: '乡镇界' } : s,
  )
}
