// Check points → deck.gl layers. Fixed points are filled squares, random points hollow rings, so
// the two kinds read apart even in greyscale; both are coloured by 测评 category. Pure.
import type { Layer } from '@deck.gl/core'
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers'
import { type CheckStatus, checkStatuses } from '../../../server/domain/checklist.ts'
import {
  type CheckpointCategory,
  checkpointCategories,
  fixedCheckpointCategories,
  randomCheckpointCategories,
} from '../../../server/domain/checkpoint.ts'
import { checkpointCategoryLabels, checkStatusLabels } from '../../../server/domain/labels-zh.ts'
import { type IconCell, svgIconAtlas } from '../../lib/icon-atlas.ts'
import { hexToRgba, type LegendSwatch, type Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { CheckpointCollection, CheckpointFeature } from './api.ts'

export const checkpointLayerIds = {
  fixed: 'checkpoints-fixed',
  random: 'checkpoints-random',
  status: 'checkpoints-check-status',
} as const

// Related categories share a hue (school / school surroundings); unrelated ones differ.
export const checkpointCategoryColors: Record<CheckpointCategory, Rgba> = {
  'main-road': hexToRgba('#d62728'),
  market: hexToRgba('#ff7f0e'),
  residential: hexToRgba('#2ca02c'),
  'park-square': hexToRgba('#74c476'),
  school: hexToRgba('#1f77b4'),
  hospital: hexToRgba('#e377c2'),
  station: hexToRgba('#17becf'),
  'government-service': hexToRgba('#9467bd'),
  'window-unit': hexToRgba('#8c564b'),
  'scenic-spot': hexToRgba('#bcbd22'),
  'civilization-station': hexToRgba('#e7ba52'),
  'public-toilet': hexToRgba('#7f7f7f'),
  'construction-site': hexToRgba('#393b79'),
  'back-lane': hexToRgba('#843c39'),
  'residential-compound': hexToRgba('#2ca02c'),
  'urban-fringe': hexToRgba('#8c6d31'),
  'urban-village': hexToRgba('#7b4173'),
  'bus-corridor': hexToRgba('#17becf'),
  'school-surroundings': hexToRgba('#1f77b4'),
  'hospital-surroundings': hexToRgba('#e377c2'),
  'market-surroundings': hexToRgba('#ff7f0e'),
}
const unknownColor: Rgba = [120, 120, 120, 255]
const white: Rgba = [255, 255, 255, 235]

export function checkpointColor(feature: CheckpointFeature): Rgba {
  return checkpointCategoryColors[feature.properties.category] ?? unknownColor
}

const iconPx = 32 // atlas cell size in px; drawn at getSize
const square = (color: Rgba) =>
  `<rect x="4" y="4" width="24" height="24" rx="2" fill="rgb(${color[0]},${color[1]},${color[2]})" stroke="#fff" stroke-width="3"/>` +
  '<rect x="2" y="2" width="28" height="28" rx="3" fill="none" stroke="rgba(0,0,0,0.45)" stroke-width="1.5"/>'

/**
 * One white-bordered square per category (any category may be fixed) plus a grey `unknown`, as an
 * SVG data URL atlas (no canvas needed, so this stays testable in Node) and its icon mapping.
 */
export function fixedIconAtlas(): { url: string; mapping: Record<string, IconCell> } {
  const cells: [string, Rgba][] = [
    ...checkpointCategories.map((c): [string, Rgba] => [c, checkpointCategoryColors[c]]),
    ['unknown', unknownColor],
  ]
  return svgIconAtlas(
    cells.map(([name, color]) => [name, square(color)] as const),
    iconPx,
  )
}

export interface CheckpointSplit {
  fixed: CheckpointFeature[]
  random: CheckpointFeature[]
}

const splits = new WeakMap<CheckpointCollection, CheckpointSplit>()

/** Fixed and random points apart; cached per collection object. */
export function splitCheckpoints(checkpoints: CheckpointCollection): CheckpointSplit {
  let split = splits.get(checkpoints)
  if (!split) {
    split = {
      fixed: checkpoints.features.filter((f) => f.properties.kind === 'fixed'),
      random: checkpoints.features.filter((f) => f.properties.kind === 'random'),
    }
    splits.set(checkpoints, split)
  }
  return split
}

export interface CheckpointLayerOptions {
  fixedVisible: boolean
  randomVisible: boolean
  scale?: number
  beforeId?: string // interleaved position, under the base-map labels
  /** 点位测评 status by point id: a halo under each point (absent: never inspected) */
  checkStatuses?: ReadonlyMap<string, CheckStatus>
}

export const checkStatusColors: Record<CheckStatus, Rgba> = {
  never: [150, 150, 150, 200],
  stale: hexToRgba('#f0a30a'),
  failing: hexToRgba('#d7191c'),
  passing: hexToRgba('#1a9641'),
}

/** The status halo under the points, when statuses are given. */
function checkStatusLayer(
  points: readonly CheckpointFeature[],
  options: CheckpointLayerOptions,
  scale: number,
): Layer[] {
  const statuses = options.checkStatuses
  if (!statuses) return []
  return [
    new ScatterplotLayer<CheckpointFeature>({
      id: checkpointLayerIds.status,
      data: points,
      visible: options.fixedVisible || options.randomVisible,
      pickable: false,
      stroked: true,
      filled: false,
      radiusUnits: 'pixels',
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getRadius: 10 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 3 * scale,
      getLineColor: (f) => checkStatusColors[statuses.get(String(f.id)) ?? 'never'],
      updateTriggers: { getLineColor: [statuses] },
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

/** Legend swatches of the 点位测评 status halo. */
export function checkStatusLegend(): LegendSwatch[] {
  return checkStatuses.map((status) => ({
    label: checkStatusLabels[status],
    shape: 'ring',
    color: checkStatusColors[status],
  }))
}

let atlas: ReturnType<typeof fixedIconAtlas> | undefined

/** Random rings under fixed squares: fixed points are the ones every assessment visits. */
export function checkpointLayers(
  checkpoints: CheckpointCollection | undefined,
  options: CheckpointLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const split = checkpoints ? splitCheckpoints(checkpoints) : { fixed: [], random: [] }
  atlas ??= fixedIconAtlas()
  const mapping = atlas.mapping
  const shown = [
    ...(options.fixedVisible ? split.fixed : []),
    ...(options.randomVisible ? split.random : []),
  ]
  return [
    ...checkStatusLayer(shown, options, scale),
    new ScatterplotLayer<CheckpointFeature>({
      id: checkpointLayerIds.random,
      data: split.random,
      visible: options.randomVisible,
      pickable: true,
      stroked: true,
      filled: true,
      radiusUnits: 'meters', // grow with the zoom, so the county view is not one blob
      radiusMinPixels: 3.5 * scale,
      radiusMaxPixels: 6 * scale,
      lineWidthUnits: 'pixels',
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getRadius: 130,
      getFillColor: white,
      getLineColor: checkpointColor,
      getLineWidth: 2.2 * scale,
      ...placedBefore(options.beforeId),
    }) as Layer,
    new IconLayer<CheckpointFeature>({
      id: checkpointLayerIds.fixed,
      data: split.fixed,
      visible: options.fixedVisible,
      pickable: true,
      iconAtlas: atlas.url,
      iconMapping: atlas.mapping,
      getIcon: (f) => (f.properties.category in mapping ? f.properties.category : 'unknown'),
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getSize: 300, // metres, between the pixel bounds below
      sizeUnits: 'meters',
      sizeMinPixels: 7 * scale,
      sizeMaxPixels: 16 * scale,
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

/** Legend swatches for one kind: its categories only. */
export function checkpointLegend(kind: 'fixed' | 'random'): LegendSwatch[] {
  const categories = kind === 'fixed' ? fixedCheckpointCategories : randomCheckpointCategories
  return categories.map((category) => ({
    label: checkpointCategoryLabels[category],
    shape: kind === 'fixed' ? 'square' : 'ring',
    color: checkpointCategoryColors[category],
  }))
}
