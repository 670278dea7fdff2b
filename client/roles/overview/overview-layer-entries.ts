// The 图层与图例 tab: which layers the overview lists, in which group and order, each with the
// load state of the collections it draws. What a layer says about itself comes from its feature.
import type { UseQueryResult } from '@tanstack/react-query'
import { checkpointKinds } from '../../../server/domain/checkpoint.ts'
import type { LayerStatus } from '../../../server/domain/layer-status.ts'
import {
  boundaryLayerEntry,
  riverLayerEntry,
  townshipLayerEntry,
  townshipRadiusLayerEntry,
  villageLayerEntry,
} from '../../features/boundaries/place-layer-entries.ts'
import { checkpointLayerEntry } from '../../features/checkpoints/checkpoint-layer-entry.ts'
import { gridLayerEntry } from '../../features/grids/grid-layer-entry.ts'
import {
  type IssueCounts,
  issueHeatmapLayerEntry,
  issuePointsLayerEntry,
} from '../../features/issues/issue-layer-entries.ts'
import { isFiltered, type LedgerFilter } from '../../features/issues/ledger-filter.ts'
import { formatCount } from '../../lib/format.ts'
import type { LayerEntry } from '../../ui/layer-panel.tsx'
import type { OverviewCollections } from './use-overview-collections.ts'

export const layerToggleIds = [
  'boundaries',
  'townships',
  'rivers',
  'villages',
  'radii',
  'grids',
  ...checkpointKinds, // 'fixed', 'random'
  'heatmap',
  'issues',
] as const
export type LayerToggleId = (typeof layerToggleIds)[number]

/** The visible layers after one toggle, in the list's order (as the URL keeps them). */
export function withLayerToggled(visible: ReadonlySet<string>, id: string, on: boolean) {
  return layerToggleIds.filter((t) => (t === id ? on : visible.has(t)))
}

/** What a feature says about its layer; `records: 0` means the service returned nothing. */
type LayerDescription = Pick<
  LayerEntry,
  'title' | 'count' | 'empty' | 'note' | 'swatches' | 'legendColumns'
> & { records?: number }

const noRecords = '服务返回 0 条记录：数据库中没有这一图层的数据，请确认服务端已加载演示数据。'
const base = '底图'
const thematic = '专题图层'

interface LayerEntryInputs {
  collections: OverviewCollections
  visible: ReadonlySet<string>
  zoom: number
  unitName: (code: string) => string
  issueCounts: IssueCounts
  issueQueries: UseQueryResult[] // the count queries: loading and errors of the issue layers
  layers: LayerStatus // which layers are still 示意 (GET /api/place)
}

export function overviewLayerEntries({
  collections: c,
  visible,
  zoom,
  unitName,
  issueCounts,
  issueQueries,
  layers,
}: LayerEntryInputs): LayerEntry[] {
  const entry = (
    id: LayerToggleId,
    group: string,
    sources: UseQueryResult[],
    progressId: string, // the collection whose download progress shows while loading
    { records, ...description }: LayerDescription,
  ): LayerEntry => {
    const failed = sources.find((s) => s.isError)
    return {
      id,
      group,
      visible: visible.has(id),
      status: failed ? 'error' : sources.some((s) => s.isPending) ? 'loading' : 'ready',
      progressId,
      error: failed?.error instanceof Error ? failed.error.message : undefined,
      onRetry: () => {
        for (const s of sources) if (s.isError) s.refetch()
      },
      ...description,
      empty: records === 0 ? noRecords : description.empty,
    }
  }
  const checkpoints = c.checkpoints.data

  return [
    entry(
      'boundaries',
      base,
      [c.county, c.neighbors, c.seats],
      'neighbors',
      boundaryLayerEntry(c.county.data, c.neighbors.data),
    ),
    entry(
      'townships',
      base,
      [c.townships, c.seats],
      'townships',
      townshipLayerEntry(c.townships.data, layers),
    ),
    entry('rivers', base, [c.rivers], 'rivers', riverLayerEntry(c.rivers.data)),
    entry('villages', base, [c.villages], 'villages', villageLayerEntry(c.villages.data, zoom)),
    entry('radii', thematic, [c.radii], 'township-radii', townshipRadiusLayerEntry(c.radii.data)),
    entry('grids', thematic, [c.grids], 'grids', gridLayerEntry(c.grids.data, unitName)),
    ...checkpointKinds.map((kind) =>
      entry(
        kind,
        thematic,
        [c.checkpoints],
        'checkpoints',
        checkpointLayerEntry(kind, checkpoints),
      ),
    ),
    entry('heatmap', thematic, issueQueries, 'issues', issueHeatmapLayerEntry(issueCounts)),
    entry('issues', thematic, issueQueries, 'issues', issuePointsLayerEntry(issueCounts, zoom)),
  ]
}

/** Above the list: the ledger's filter narrows the issue layers, so say how far. */
export function ledgerFilterNotice(filter: LedgerFilter, counts: IssueCounts): string | undefined {
  if (!isFiltered(filter) || counts.all === undefined || counts.matched === undefined)
    return undefined
  const search = filter.q ? '（文字搜索只作用于台账列表）' : ''
  const matched = `${formatCount(counts.matched)}${counts.atLeast?.matched ? ' 以上' : ''}`
  const all = `${formatCount(counts.all)}${counts.atLeast?.all ? ' 以上' : ''}`
  return `问题图层已按“问题台账”的筛选条件显示 ${matched} / ${all} 条${search}。`
}
