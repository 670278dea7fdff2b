// Issues → deck.gl layers: a density heatmap of the open issues, and the individual issues
// (coloured by status, overdue ones ringed) once the map is zoomed in. Pure; stable layer ids.
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import type { Layer } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import { type IssueStatus, isOverdue, issueStatuses } from '../../../server/domain/issue.ts'
import { issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { hexToRgba, type LegendSwatch, type Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { IssueCollection, IssueFeature } from './api.ts'

export const issueLayerIds = { heatmap: 'issues-heatmap', points: 'issues-points' } as const

/** Individual issues are drawn from this zoom; below it the heatmap tells the story. */
export const issuePointsMinZoom = 13

export const issueStatusColors: Record<IssueStatus, Rgba> = {
  pending: hexToRgba('#d6336c'), // 待交办: found, not yet assigned
  fixing: hexToRgba('#f08c00'), // 整改中
  reviewing: hexToRgba('#1c7ed6'), // 待复查
  closed: hexToRgba('#2f9e44'), // 已销号
}
const overdueOutline: Rgba = [33, 37, 41, 255]
const pointOutline: Rgba = [255, 255, 255, 255]

export const heatmapColors: readonly Rgba[] = [
  hexToRgba('#ffffb2'),
  hexToRgba('#fed976'),
  hexToRgba('#feb24c'),
  hexToRgba('#fd8d3c'),
  hexToRgba('#f03b20'),
  hexToRgba('#bd0026'),
]

export interface IssueLayerOptions {
  heatmapVisible: boolean
  pointsVisible: boolean // toggle on and zoom ≥ issuePointsMinZoom
  scale?: number // UI scale (px multiplier)
  now: Date // for the overdue ring
  beforeId?: string // interleaved position of the heatmap
  pointsBeforeId?: string // interleaved position of the points, under the labels
}

export interface IssueSplit {
  open: IssueFeature[] // status ≠ closed: what the heatmap aggregates
  all: IssueFeature[] // closed first, so open issues draw on top
}

const splits = new WeakMap<IssueCollection, IssueSplit>()

/** Open issues for the heatmap, and all issues in draw order; cached per collection object. */
export function splitIssues(issues: IssueCollection): IssueSplit {
  let split = splits.get(issues)
  if (!split) {
    const open = issues.features.filter((f) => f.properties.status !== 'closed')
    const closed = issues.features.filter((f) => f.properties.status === 'closed')
    split = { open, all: [...closed, ...open] }
    splits.set(issues, split)
  }
  return split
}

export function issueColor(feature: IssueFeature): Rgba {
  return issueStatusColors[feature.properties.status] ?? [134, 142, 150, 255]
}

/** The heatmap and the points layer; both always present (hidden via `visible`) so ids stay put. */
export function issueLayers(
  issues: IssueCollection | undefined,
  options: IssueLayerOptions,
): Layer[] {
  const scale = options.scale ?? 1
  const split = issues ? splitIssues(issues) : { open: [], all: [] }
  const nowMs = options.now.getTime()
  return [
    new HeatmapLayer<IssueFeature>({
      id: issueLayerIds.heatmap,
      data: split.open,
      visible: options.heatmapVisible && split.open.length > 0,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getWeight: 1,
      radiusPixels: Math.round(40 * scale),
      intensity: 2,
      threshold: 0.03,
      colorRange: heatmapColors as Rgba[],
      opacity: options.pointsVisible ? 0.3 : 0.75, // a faint glow once the points tell the story
      ...placedBefore(options.beforeId),
    }) as Layer,
    new ScatterplotLayer<IssueFeature>({
      id: issueLayerIds.points,
      data: split.all,
      visible: options.pointsVisible,
      pickable: true,
      stroked: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getRadius: (f) => (isOverdue(f.properties, new Date(nowMs)) ? 6.5 : 5) * scale,
      getFillColor: issueColor,
      getLineColor: (f) =>
        isOverdue(f.properties, new Date(nowMs)) ? overdueOutline : pointOutline,
      getLineWidth: (f) => (isOverdue(f.properties, new Date(nowMs)) ? 2.5 : 1.2) * scale,
      updateTriggers: {
        getRadius: [nowMs, scale],
        getLineColor: nowMs,
        getLineWidth: [nowMs, scale],
      },
      ...placedBefore(options.pointsBeforeId),
    }) as Layer,
  ]
}

/** Legend of the individual issues: one dot per status, plus the overdue ring. */
export function issueLegend(): LegendSwatch[] {
  return [
    ...issueStatuses.map(
      (status): LegendSwatch => ({
        label: issueStatusLabels[status],
        shape: 'dot',
        color: issueStatusColors[status],
      }),
    ),
    { label: '逾期（黑圈）', shape: 'dot', color: [255, 255, 255, 255], outline: overdueOutline },
  ]
}

/** Legend of the heatmap: low → high density. */
export function heatmapLegend(): LegendSwatch[] {
  return [
    {
      label: '少 → 多（未销号问题）',
      shape: 'gradient',
      color: heatmapColors[3] ?? [0, 0, 0, 255],
      colors: heatmapColors,
    },
  ]
}

export const draftLayerId = 'issue-draft'
const draftColor: Rgba = [214, 51, 108, 255]

/** The marker of an issue being reported: a filled dot in a halo; hidden (same id) when none. */
export function draftLayers(lngLat: [number, number] | undefined, scale = 1): Layer[] {
  return [
    new ScatterplotLayer<[number, number]>({
      id: draftLayerId,
      data: lngLat ? [lngLat] : [],
      visible: Boolean(lngLat),
      pickable: false,
      stroked: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (p) => p,
      getRadius: 9 * scale,
      getFillColor: draftColor,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 3 * scale,
      updateTriggers: { getRadius: scale, getLineWidth: scale },
    }) as Layer,
    new ScatterplotLayer<[number, number]>({
      id: `${draftLayerId}-halo`,
      data: lngLat ? [lngLat] : [],
      visible: Boolean(lngLat),
      pickable: false,
      filled: false,
      stroked: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (p) => p,
      getRadius: 18 * scale,
      getLineColor: [214, 51, 108, 160],
      getLineWidth: 2 * scale,
      updateTriggers: { getRadius: scale, getLineWidth: scale },
    }) as Layer,
  ]
}
