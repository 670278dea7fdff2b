// What the layer panel says about the two issue layers: title, count, legend, zoom hint and why a
// layer may be empty. Pure; the screen adds the toggles and the loading state.
import { formatCount } from '../../lib/format.ts'
import { heatmapLegend, issueLegend, issuePointsMinZoom } from './layers.ts'

/** Issue counts from the server (the map never holds every issue); absent while loading. */
export interface IssueCounts {
  all?: number // every issue in the ledger
  matched?: number // matching the ledger filter
  open?: number // of those, not closed
  /** counts that are lower bounds: the server stops counting past its limit */
  atLeast?: { all?: boolean; matched?: boolean; open?: boolean }
}

/** `1,234 条`, or `10,000 条以上` for a lower bound. */
export function countText(n: number, atLeast = false): string {
  return `${formatCount(n)} 条${atLeast ? '以上' : ''}`
}

export function issueHeatmapLayerEntry({ all, open, atLeast }: IssueCounts) {
  return {
    title: '问题密度（未销号）',
    // open and unknown: both the matching and the closed issues passed the counting limit
    count: open === undefined && atLeast?.open ? '未计数' : countText(open ?? 0, atLeast?.open),
    records: all,
    empty: open === 0 ? '所有问题均已销号，没有需要显示的密度。' : undefined,
    swatches: heatmapLegend(),
  }
}

export function issuePointsLayerEntry({ all, matched, atLeast }: IssueCounts, zoom: number) {
  const records = all
  return {
    title: '问题点位（按状态）',
    count: countText(matched ?? 0, atLeast?.matched),
    records,
    note:
      zoom < issuePointsMinZoom
        ? `放大到 ${issuePointsMinZoom} 级及以上显示单个问题（当前 ${zoom.toFixed(1)} 级）`
        : undefined,
    swatches: issueLegend(),
  }
}
