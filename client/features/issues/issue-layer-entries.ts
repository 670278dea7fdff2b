// What the layer panel says about the two issue layers: title, count, legend, zoom hint and why a
// layer may be empty. Pure; the screen adds the toggles and the loading state.
import { formatCount } from '../../lib/format.ts'
import { heatmapLegend, issueLegend, issuePointsMinZoom } from './layers.ts'

/** Issue counts from the server (the map never holds every issue); absent while loading. */
export interface IssueCounts {
  all?: number // every issue in the ledger
  matched?: number // matching the ledger filter
  open?: number // of those, not closed
}

export function issueHeatmapLayerEntry({ all, open }: IssueCounts) {
  return {
    title: '问题密度（未销号）',
    count: `${formatCount(open ?? 0)} 条`,
    records: all,
    empty: open === 0 ? '所有问题均已销号，没有需要显示的密度。' : undefined,
    swatches: heatmapLegend(),
  }
}

export function issuePointsLayerEntry({ all, matched }: IssueCounts, zoom: number) {
  const records = all
  return {
    title: '问题点位（按状态）',
    count: `${formatCount(matched ?? 0)} 条`,
    records,
    note:
      zoom < issuePointsMinZoom
        ? `放大到 ${issuePointsMinZoom} 级及以上显示单个问题（当前 ${zoom.toFixed(1)} 级）`
        : undefined,
    swatches: issueLegend(),
  }
}
