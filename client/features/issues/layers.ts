// Issues on the map: their colours, legends and layer ids (the map draws them from vector tiles,
// issue-tiles.ts), and the deck.gl marker of an issue being reported. Pure; stable layer ids.
import type { Layer } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import { type IssueStatus, issueStatuses } from '../../../server/domain/issue.ts'
import { issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { hexToRgba, type LegendSwatch, type Rgba } from '../../lib/legend.ts'
import { whiteRimmedDot } from '../../map/dot-style.ts'

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

export const heatmapColors: readonly Rgba[] = [
  hexToRgba('#ffffb2'),
  hexToRgba('#fed976'),
  hexToRgba('#feb24c'),
  hexToRgba('#fd8d3c'),
  hexToRgba('#f03b20'),
  hexToRgba('#bd0026'),
]

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
      ...whiteRimmedDot,
      getPosition: (p) => p,
      getRadius: 9 * scale,
      getFillColor: draftColor,
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
