// What the layer panel says about the two issue layers: title, count, legend, zoom hint and why a
// layer may be empty. Pure; the screen adds the toggles and the loading state.
import { formatCount } from '../../lib/format.ts'
import type { IssueCollection } from './api.ts'
import { heatmapLegend, issueLegend, issuePointsMinZoom, splitIssues } from './layers.ts'

export function issueHeatmapLayerEntry(issues: IssueCollection | undefined) {
  const open = issues ? splitIssues(issues).open.length : 0
  return {
    title: '问题密度（未销号）',
    count: `${formatCount(open)} 条`,
    records: issues?.features.length ?? 0,
    empty: open === 0 ? '所有问题均已销号，没有需要显示的密度。' : undefined,
    swatches: heatmapLegend(),
  }
}

export function issuePointsLayerEntry(issues: IssueCollection | undefined, zoom: number) {
  const records = issues?.features.length ?? 0
  return {
    title: '问题点位（按状态）',
    count: `${formatCount(records)} 条`,
    records,
    note:
      zoom < issuePointsMinZoom
        ? `放大到 ${issuePointsMinZoom} 级及以上显示单个问题（当前 ${zoom.toFixed(1)} 级）`
        : undefined,
    swatches: issueLegend(),
  }
}
