// The workspace map with stable ids. The grids themselves are MapLibre style layers (an overlay,
// map/style-overlay.ts): filled in their owner's colour, unassigned ones hatched and outlined red,
// the selection and hovered grid outlined through feature states. A rebalance proposal's diff (new
// owner's colour, from → to labels) and an import's problems, drawn only on request, stay deck.gl
// layers. Pure.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection } from 'geojson'
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { cssFontFamily } from '../../lib/fonts.ts'
import { type Rgba, toCssColor } from '../../lib/legend.ts'
import type { OverlayImage, StyleOverlay } from '../../map/style-overlay.ts'
import type { GridGeometry, GridRow } from './api.ts'
import { type ColorMode, colorKey, colorOf, unassignedColor, withAlpha } from './grid-colors.ts'
import { hatchPattern } from './hatch.ts'
import { type DiffGrid, declutterLabels } from './rebalance-diff.ts'

export const gridAdminLayerIds = {
  source: 'grid-admin',
  hatchImage: 'grid-admin-hatch-pattern',
  fill: 'grid-admin-fill',
  hatch: 'grid-admin-hatch',
  outline: 'grid-admin-outline',
  unassigned: 'grid-admin-unassigned',
  selectionFill: 'grid-admin-selection-fill',
  selection: 'grid-admin-selection',
  hover: 'grid-admin-hover',
  diff: 'grid-admin-diff',
  diffLabels: 'grid-admin-diff-labels',
  importProblems: 'grid-admin-import-problems',
} as const

export interface MapGridProperties {
  gridCode: string
  color: string // CSS, the owner's
  unassigned: boolean
  editable: boolean
}
export type MapGrid = Feature<GridGeometry, MapGridProperties>

const hatchSpacingPx = 12 // between hatch lines on screen, at UI scale 1
const hatchWidthPx = 1.4
const selectionColor: Rgba = [11, 87, 208, 255]
const hoverColor: Rgba = [255, 196, 0, 255]
const alpha = (byte: number) => Math.round((byte / 255) * 1000) / 1000

/** Shapes joined with their table rows; a shape without a row (loading, filtered) is left out. */
export function toMapGrids(
  shapes: readonly { code: string; geometry: GridGeometry }[],
  rows: ReadonlyMap<string, GridRow>,
  mode: ColorMode,
  scale: Map<string, Rgba>,
): MapGrid[] {
  const out: MapGrid[] = []
  for (const { code, geometry } of shapes) {
    const row = rows.get(code)
    if (!row) continue
    out.push({
      type: 'Feature',
      id: code,
      geometry,
      properties: {
        gridCode: code,
        color: toCssColor(colorOf(scale, colorKey(row, mode))),
        unassigned: row.unassigned,
        editable: row.editable,
      },
    })
  }
  return out
}

/** The hatching of unassigned grids at a UI scale and device pixel ratio. */
export function gridHatch(scale: number, pixelRatio: number): OverlayImage {
  const color = unassignedColor
  return hatchPattern(hatchSpacingPx * scale, hatchWidthPx * scale, color, pixelRatio)
}

export interface GridOverlayInput {
  grids: FeatureCollection // of MapGrid; a new object whenever a grid or its colour changed
  hatch: OverlayImage // gridHatch, made once per scale
  selected: readonly string[]
  hovered: string | undefined
  dimmed: boolean // a proposal on show: the owners' colours step back
  scale: number
  beforeId?: string
}

/** The grids as MapLibre layers over the base map; the fill layer is the one a click picks. */
export function gridOverlay(input: GridOverlayInput): StyleOverlay {
  const { scale, dimmed } = input
  const ids = gridAdminLayerIds
  const source = ids.source
  const unassigned: ExpressionSpecification = ['==', ['get', 'unassigned'], true]
  const inState = (key: string, on: number): ExpressionSpecification => [
    'case',
    ['boolean', ['feature-state', key], false],
    on,
    0,
  ]
  const layers: LayerSpecification[] = [
    {
      id: ids.fill,
      type: 'fill',
      source,
      paint: {
        'fill-color': ['case', unassigned, toCssColor(unassignedColor), ['get', 'color']],
        'fill-opacity': ['case', unassigned, alpha(40), alpha(dimmed ? 50 : 120)],
      },
    },
    {
      id: ids.hatch,
      type: 'fill',
      source,
      filter: unassigned,
      paint: { 'fill-pattern': ids.hatchImage, 'fill-opacity': alpha(200) },
    },
    {
      id: ids.outline,
      type: 'line',
      source,
      paint: {
        'line-color': ['get', 'color'],
        'line-opacity': alpha(230),
        'line-width': 1.2 * scale,
      },
    },
    {
      id: ids.unassigned,
      type: 'line',
      source,
      filter: unassigned,
      paint: { 'line-color': toCssColor(unassignedColor), 'line-width': 2.6 * scale },
    },
    {
      id: ids.selectionFill,
      type: 'fill',
      source,
      paint: {
        'fill-color': toCssColor(selectionColor),
        'fill-opacity': inState('selected', alpha(45)),
      },
    },
    {
      id: ids.selection,
      type: 'line',
      source,
      paint: {
        'line-color': toCssColor(selectionColor),
        'line-width': 3.2 * scale,
        'line-opacity': inState('selected', 1),
      },
    },
    {
      id: ids.hover,
      type: 'line',
      source,
      paint: {
        'line-color': toCssColor(hoverColor),
        'line-width': 3 * scale,
        'line-opacity': inState('hovered', 1),
      },
    },
  ]
  const states: Record<string, Record<string, boolean>> = {}
  for (const code of input.selected) states[code] = { selected: true }
  if (input.hovered) states[input.hovered] = { ...states[input.hovered], hovered: true }
  return {
    sources: { [source]: { data: input.grids, promoteId: 'gridCode' } },
    layers,
    images: { [ids.hatchImage]: input.hatch },
    states: { [source]: states },
    pickable: [ids.fill],
    ...(input.beforeId ? { beforeId: input.beforeId } : {}),
  }
}

export interface GridDeckLayerInput {
  diff: DiffGrid[]
  zoom: number // labels of a proposal are thinned out until they fit
  scale: number
  /** an import check's overlaps and gaps (GeoJSON, properties.kind), drawn above the grids */
  importProblems?: FeatureCollection | undefined
}

const problemColors: Record<string, Rgba> = {
  overlap: [214, 39, 40, 255], // red
  gap: [255, 127, 14, 255], // orange
  outside: [255, 127, 14, 255],
  invalid: [148, 103, 189, 255],
}

function collection<T extends Feature>(features: T[]): FeatureCollection {
  return { type: 'FeatureCollection', features }
}

/** A proposal's diff and an import's problems, only while there are any (none: no programs). */
export function gridDeckLayers(input: GridDeckLayerInput): Layer[] {
  const { scale } = input
  const layers: Layer[] = []
  if (input.diff.length) {
    layers.push(
      new GeoJsonLayer<DiffGrid>({
        id: gridAdminLayerIds.diff,
        data: collection(
          input.diff.map((d) => ({
            type: 'Feature' as const,
            geometry: d.geometry,
            properties: d,
          })),
        ) as never,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: (f) => withAlpha(f.properties.toColor, 110),
        getLineColor: (f) => withAlpha(f.properties.toColor, 255),
        getLineWidth: 4 * scale,
      }) as Layer,
      new TextLayer<DiffGrid>({
        id: gridAdminLayerIds.diffLabels,
        data: declutterLabels(input.diff, input.zoom, 12 * scale),
        getPosition: (d) => d.anchor as [number, number],
        getText: (d) => d.label,
        getSize: 12 * scale,
        getColor: [20, 20, 20, 255],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        fontFamily: cssFontFamily,
        characterSet: 'auto',
        background: true,
        getBackgroundColor: [255, 255, 255, 225],
        getBorderColor: (d) => d.toColor,
        getBorderWidth: 1.5 * scale,
        backgroundPadding: [4 * scale, 2 * scale],
      }) as Layer,
    )
  }
  if (input.importProblems && input.importProblems.features.length > 0) {
    const colorOf = (f: Feature) =>
      problemColors[String(f.properties?.kind)] ?? problemColors.invalid ?? [0, 0, 0, 255]
    layers.push(
      new GeoJsonLayer({
        id: gridAdminLayerIds.importProblems,
        data: input.importProblems as never,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5 * scale,
        getFillColor: (f: Feature) => withAlpha(colorOf(f), 150),
        getLineColor: (f: Feature) => colorOf(f),
      }) as Layer,
    )
  }
  return layers
}

/** The grid under a map click, from the style features there (the grid fill layer's). */
export function pickedGrid(
  features: readonly { layer: { id: string }; properties: Record<string, unknown> }[],
): string | undefined {
  const hit = features.find((f) => f.layer.id === gridAdminLayerIds.fill)
  const code = hit?.properties.gridCode
  return typeof code === 'string' ? code : undefined
}

/** Shapes of the OGC collection as `{ code, geometry }`. */
export function toShapes(
  features: readonly {
    id?: string | number
    geometry: GridGeometry
    properties: { gridCode?: string }
  }[],
): { code: string; geometry: GridGeometry }[] {
  return features.map((f) => ({
    code: f.properties.gridCode ?? String(f.id),
    geometry: f.geometry,
  }))
}
