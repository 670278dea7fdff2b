// The offline base map: a MapLibre style built only from our own GeoJSON, as a pure function of a
// theme. No tiles, no glyphs URL (labels are drawn locally from the bundled font), no remote URLs.
// map-view.tsx fills the sources once the data and the label characters are loaded.

import type { FeatureCollection } from 'geojson'
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl'
import { labelFontStack } from '../lib/fonts.ts'
import type { Theme } from './themes.ts'

export const baseSourceIds = [
  'neighbors',
  'neighbor-labels',
  'mask',
  'townships',
  'county',
  'rivers',
  'villages',
  'seats',
] as const
export type BaseSourceId = (typeof baseSourceIds)[number]

/** Toggles of the base map, each switching a group of style layers. */
export const baseLayerGroups = {
  boundaries: [
    'neighbors-fill',
    'neighbors-line',
    'neighbors-label',
    'mask-fill',
    'county-halo',
    'county-line',
    'county-seat-ring',
    'county-seat-dot',
    'county-seat-label',
  ],
  townships: ['townships-fill', 'townships-line', 'seats-circle', 'seats-label'],
  rivers: ['rivers-line', 'rivers-label'],
  villages: ['villages-circle', 'villages-label'],
} as const satisfies Record<string, readonly string[]>
export type BaseToggle = keyof typeof baseLayerGroups

/** Style layers a click can select (map-view queries them when deck.gl picks nothing). */
export const pickableBaseLayers = {
  points: ['villages-circle', 'seats-circle', 'county-seat-dot'],
  areas: ['townships-fill'],
} as const

/**
 * Where deck.gl layers go in the style (interleaved `beforeId`): areas (grids) under the township
 * edges and the county line; overlays (radii, heatmap) under villages; points under the labels,
 * so names stay readable over dense markers. Only the selection highlight draws above all.
 */
export const deckBeforeIds = {
  areas: 'townships-line',
  overlays: 'villages-circle',
  points: 'rivers-label', // the first symbol layer
} as const

/**
 * deck.gl layer props placing a layer before a style layer in interleaved mode. `beforeId` is read
 * by @deck.gl/maplibre but missing from deck.gl's prop types, hence a spread.
 */
export function placedBefore(styleLayerId: string | undefined): object {
  return styleLayerId ? { beforeId: styleLayerId } : {}
}

export interface BaseStyleOptions {
  scale?: number // UI scale: 1 at 1366×768, about 2 on a 4K screen; multiplies sizes in px
  data?: Partial<Record<BaseSourceId, FeatureCollection>> // sources filled from the start
}

const villageLabelMinZoom = 11 // villages are dense; their names only fit from here
const villageMinZoom = 10

const emptyCollection = { type: 'FeatureCollection', features: [] } as const

function source(data?: FeatureCollection): SourceSpecification {
  return { type: 'geojson', data: (data ?? emptyCollection) as never }
}

const label: ExpressionSpecification = ['get', 'label']
const isCountySeat: ExpressionSpecification = ['==', ['length', ['to-string', ['get', 'code']]], 6]

/** Scales a size in px by the UI scale, to a tenth of a pixel. */
type Px = (value: number) => number

/** The base style for a theme. A source without data in the options is empty until data arrives. */
export function baseStyle(theme: Theme, options: BaseStyleOptions = {}): StyleSpecification {
  const s = options.scale ?? 1
  const px: Px = (value) => Math.round(value * s * 10) / 10
  const sources = Object.fromEntries(baseSourceIds.map((id) => [id, source(options.data?.[id])]))
  // drawing order: areas, lines over them, points, then every label on top (see deckBeforeIds)
  const layers: LayerSpecification[] = [
    ...areaLayers(theme, px),
    ...lineLayers(theme, px),
    ...pointLayers(theme, px),
    ...labelLayers(theme, px),
  ]
  return {
    version: 8,
    name: `weishan-${theme.name}`,
    sources,
    layers,
  }
}

/** The paper, the neighbouring counties, the mask outside the county and the township tints. */
function areaLayers(theme: Theme, px: Px): LayerSpecification[] {
  const townshipFill: ExpressionSpecification = [
    'match',
    ['get', 'colorIndex'],
    ...theme.townshipFills.flatMap((color, i) => [i, color]),
    theme.townshipFills[0] ?? theme.paper,
  ] as unknown as ExpressionSpecification
  return [
    { id: 'background', type: 'background', paint: { 'background-color': theme.paper } },
    {
      id: 'neighbors-fill',
      type: 'fill',
      source: 'neighbors',
      paint: { 'fill-color': theme.neighborFill },
    },
    {
      id: 'neighbors-line',
      type: 'line',
      source: 'neighbors',
      paint: { 'line-color': theme.neighborLine, 'line-width': px(1) },
    },
    {
      id: 'mask-fill',
      type: 'fill',
      source: 'mask',
      paint: { 'fill-color': theme.mask, 'fill-opacity': theme.maskOpacity },
    },
    {
      id: 'townships-fill',
      type: 'fill',
      source: 'townships',
      paint: { 'fill-color': townshipFill, 'fill-opacity': theme.townshipFillOpacity },
    },
  ]
}

/** Rivers, township edges and the county boundary with its halo. */
function lineLayers(theme: Theme, px: Px): LayerSpecification[] {
  return [
    {
      id: 'rivers-line',
      type: 'line',
      source: 'rivers',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': theme.river,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, px(1.2), 12, px(2.5), 15, px(4)],
      },
    },
    {
      id: 'townships-line',
      type: 'line',
      source: 'townships',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': theme.townshipLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, px(0.8), 13, px(1.6)],
        'line-dasharray': [4, 2.5],
      },
    },
    {
      id: 'county-halo',
      type: 'line',
      source: 'county',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': theme.countyHalo, 'line-width': px(7), 'line-opacity': 0.55 },
    },
    {
      id: 'county-line',
      type: 'line',
      source: 'county',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': theme.countyLine, 'line-width': px(2.5) },
    },
  ]
}

/** Villages, township seats and the county seat. */
function pointLayers(theme: Theme, px: Px): LayerSpecification[] {
  return [
    {
      id: 'villages-circle',
      type: 'circle',
      source: 'villages',
      minzoom: villageMinZoom,
      paint: {
        'circle-radius': px(3),
        'circle-color': theme.villageFill,
        'circle-stroke-color': theme.villageStroke,
        'circle-stroke-width': px(1.2),
      },
    },
    {
      id: 'seats-circle',
      type: 'circle',
      source: 'seats',
      filter: ['!', isCountySeat],
      paint: {
        'circle-radius': px(4.5),
        'circle-color': theme.seatFill,
        'circle-stroke-color': theme.seatStroke,
        'circle-stroke-width': px(1.8),
      },
    },
    {
      id: 'county-seat-ring',
      type: 'circle',
      source: 'seats',
      filter: isCountySeat,
      paint: {
        'circle-radius': px(7.5),
        'circle-color': theme.seatFill,
        'circle-stroke-color': theme.countySeat,
        'circle-stroke-width': px(2),
      },
    },
    {
      id: 'county-seat-dot',
      type: 'circle',
      source: 'seats',
      filter: isCountySeat,
      paint: { 'circle-radius': px(3.5), 'circle-color': theme.countySeat },
    },
  ]
}

/** Every name, drawn last so it stays readable over areas, lines and markers. */
function labelLayers(theme: Theme, px: Px): LayerSpecification[] {
  const halo = { 'text-halo-color': theme.textHalo, 'text-halo-width': px(1.5) }
  return [
    {
      id: 'rivers-label',
      type: 'symbol',
      source: 'rivers',
      minzoom: 9,
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': px(320),
        'text-field': label,
        'text-font': labelFontStack,
        'text-size': px(12),
        'text-letter-spacing': 0.15,
        'text-max-angle': 30,
      },
      paint: { 'text-color': theme.riverText, ...halo },
    },
    {
      id: 'villages-label',
      type: 'symbol',
      source: 'villages',
      minzoom: villageLabelMinZoom,
      layout: {
        'text-field': label,
        'text-font': labelFontStack,
        'text-size': px(12),
        'text-anchor': 'top',
        'text-offset': [0, 0.5],
        'text-padding': px(2),
      },
      paint: { 'text-color': theme.villageText, ...halo },
    },
    {
      id: 'neighbors-label',
      type: 'symbol',
      source: 'neighbor-labels',
      layout: {
        'text-field': label,
        'text-font': labelFontStack,
        'text-size': px(14),
        'text-letter-spacing': 0.3,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': theme.neighborText, ...halo },
    },
    {
      id: 'seats-label',
      type: 'symbol',
      source: 'seats',
      filter: ['!', isCountySeat],
      layout: {
        'text-field': label,
        'text-font': labelFontStack,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, px(13), 13, px(16)],
        'text-anchor': 'left',
        'text-offset': [0.7, 0],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.7,
        'text-padding': px(3),
      },
      paint: { 'text-color': theme.seatText, ...halo, 'text-halo-width': px(2) },
    },
    {
      id: 'county-seat-label',
      type: 'symbol',
      source: 'seats',
      filter: isCountySeat,
      layout: {
        'text-field': label,
        'text-font': labelFontStack,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, px(15), 13, px(18)],
        'text-variable-anchor': ['right', 'left', 'bottom', 'top'],
        'text-radial-offset': 0.9,
        'symbol-sort-key': 0,
      },
      paint: { 'text-color': theme.countySeat, ...halo, 'text-halo-width': px(2) },
    },
  ]
}
