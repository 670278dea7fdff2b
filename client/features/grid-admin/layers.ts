// The workspace map as deck.gl layers with stable ids: grids filled in their owner's colour,
// unassigned grids hatched and outlined red, the selection and hovered grid outlined, and a
// rebalance proposal drawn as a diff (new owner's colour, from → to labels). Pure.
import type { Layer, PickingInfo } from '@deck.gl/core'
import { GeoJsonLayer, LineLayer, TextLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection } from 'geojson'
import { cssFontFamily } from '../../lib/fonts.ts'
import type { Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { GridGeometry, GridRow } from './api.ts'
import { type ColorMode, colorKey, colorOf, unassignedColor, withAlpha } from './grid-colors.ts'
import { hatchSegments, type Segment } from './hatch.ts'
import { type DiffGrid, declutterLabels } from './rebalance-diff.ts'

export const gridAdminLayerIds = {
  fill: 'grid-admin-fill',
  hatch: 'grid-admin-hatch',
  unassigned: 'grid-admin-unassigned',
  selection: 'grid-admin-selection',
  hover: 'grid-admin-hover',
  diff: 'grid-admin-diff',
  diffLabels: 'grid-admin-diff-labels',
  importProblems: 'grid-admin-import-problems',
} as const

export interface MapGridProperties {
  gridCode: string
  color: Rgba
  unassigned: boolean
  editable: boolean
}
export type MapGrid = Feature<GridGeometry, MapGridProperties>

const hatchSpacingPx = 12 // between hatch lines on screen, at UI scale 1
const selectionColor: Rgba = [11, 87, 208, 255]
const hoverColor: Rgba = [255, 196, 0, 255]

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
        color: colorOf(scale, colorKey(row, mode)),
        unassigned: row.unassigned,
        editable: row.editable,
      },
    })
  }
  return out
}

export interface GridAdminLayerInput {
  grids: MapGrid[]
  colorVersion: string // changes whenever the colours may have: deck.gl re-runs the accessors
  selected: readonly string[]
  hovered: string | undefined
  diff: DiffGrid[]
  zoom: number // labels of a proposal are thinned out until they fit
  scale: number
  beforeId?: string
  onHover?: (gridCode: string | undefined) => void
  /** an import check's overlaps and gaps (GeoJSON, properties.kind), drawn above the grids */
  importProblems?: FeatureCollection
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

export function gridAdminLayers(input: GridAdminLayerInput): Layer[] {
  const { grids, scale, beforeId } = input
  const dimmed = input.diff.length > 0 // a proposal on show: the owners' colours step back
  const selected = new Set(input.selected)
  const unassigned = grids.filter((g) => g.properties.unassigned)
  // hatch lines a constant distance apart on screen: degrees per pixel of deck.gl's 512 px world
  const spacingDeg = (hatchSpacingPx * scale * 360) / (512 * 2 ** (Math.round(input.zoom * 2) / 2))
  const hatch: Segment[] = unassigned.flatMap((g) => hatchSegments(g.geometry, spacingDeg))
  const byCode = (codes: Iterable<string>) => {
    const wanted = new Set(codes)
    return grids.filter((g) => wanted.has(g.properties.gridCode))
  }
  const layers: Layer[] = [
    new GeoJsonLayer<MapGridProperties>({
      id: gridAdminLayerIds.fill,
      data: collection(grids) as never,
      pickable: true,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.2 * scale,
      getFillColor: (f) =>
        f.properties.unassigned
          ? withAlpha(unassignedColor, 40)
          : withAlpha(f.properties.color, dimmed ? 50 : 120),
      getLineColor: (f) => withAlpha(f.properties.color, 230),
      updateTriggers: {
        getFillColor: [input.colorVersion, dimmed],
        getLineColor: input.colorVersion,
      },
      onHover: (info: PickingInfo<Feature<GridGeometry, MapGridProperties>>) =>
        input.onHover?.(info.object?.properties.gridCode),
      ...placedBefore(beforeId),
    }) as Layer,
    // only when there is hatching: an empty LineLayer still links its program, and under software
    // GL that held the workspace's first ready map back
    ...(hatch.length
      ? [
          new LineLayer<Segment>({
            id: gridAdminLayerIds.hatch,
            data: hatch,
            getSourcePosition: (d) => d[0] as [number, number],
            getTargetPosition: (d) => d[1] as [number, number],
            getColor: withAlpha(unassignedColor, 200),
            getWidth: 1.4 * scale,
            widthUnits: 'pixels',
            ...placedBefore(beforeId),
          }) as Layer,
        ]
      : []),
    new GeoJsonLayer<MapGridProperties>({
      id: gridAdminLayerIds.unassigned,
      data: collection(unassigned) as never,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.6 * scale,
      getLineColor: unassignedColor,
      ...placedBefore(beforeId),
    }) as Layer,
    new GeoJsonLayer<MapGridProperties>({
      id: gridAdminLayerIds.selection,
      data: collection(byCode(selected)) as never,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: withAlpha(selectionColor, 45),
      getLineWidth: 3.2 * scale,
      getLineColor: selectionColor,
    }) as Layer,
    new GeoJsonLayer<MapGridProperties>({
      id: gridAdminLayerIds.hover,
      data: collection(byCode(input.hovered ? [input.hovered] : [])) as never,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3 * scale,
      getLineColor: hoverColor,
    }) as Layer,
  ]
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

/** The grid under a map click, from deck.gl's picks (topmost first). */
export function pickedGrid(
  picks: readonly { layer?: { id: string } | null; object?: unknown }[],
): string | undefined {
  const hit = picks.find((p) => p.layer?.id === gridAdminLayerIds.fill)
  return (hit?.object as MapGrid | undefined)?.properties.gridCode
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
