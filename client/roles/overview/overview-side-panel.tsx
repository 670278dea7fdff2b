// The overview's left panel: 图层与图例 (layer list, legends, base maps) or 问题台账, as tabs; the
// tab, the visible layers and the base map are the URL's.
import type { UseQueryResult } from '@tanstack/react-query'
import { type ComponentProps, useState } from 'react'
import type { IssueCounts } from '../../features/issues/issue-layer-entries.ts'
import { LedgerPanel } from '../../features/issues/ledger-panel.tsx'
import { type BaseMapSource, offlineBaseMapId } from '../../lib/base-maps.ts'
import { useLayerStatus } from '../../lib/place.ts'
import type { SidePanelTab, UrlState, UrlWrite } from '../../lib/url-state.ts'
import { LayerPanel } from '../../ui/layer-panel.tsx'
import { SidePanel } from '../../ui/side-panel.tsx'
import {
  ledgerFilterNotice,
  overviewLayerEntries,
  withLayerToggled,
} from './overview-layer-entries.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

const tabs = [
  { id: 'layers', label: '图层与图例' },
  { id: 'ledger', label: '问题台账' },
]

export interface OverviewLayers {
  collections: OverviewCollections
  visible: ReadonlySet<string>
  zoom: number
  issueCounts: { counts: IssueCounts; queries: UseQueryResult[] } // useIssueCounts
  baseMaps: BaseMapSource[]
  baseMap: BaseMapSource | undefined
}

export interface OverviewSidePanelProps {
  tab: SidePanelTab
  setUrl: (patch: Partial<UrlState>, how?: UrlWrite) => void
  collapsed: boolean
  onCollapsedChange: (collapsed: boolean) => void
  ledger: ComponentProps<typeof LedgerPanel>
  layers: OverviewLayers
}

export function OverviewSidePanel({
  tab,
  setUrl,
  ledger,
  layers,
  ...props
}: OverviewSidePanelProps) {
  const [legendsOpen] = useState(() => window.innerHeight >= 900)
  const layerStatus = useLayerStatus() // which layers are still 示意
  const { visible, issueCounts, baseMaps, baseMap } = layers
  return (
    <SidePanel
      tabs={tabs}
      active={tab}
      onActiveChange={(id) => setUrl({ panel: id as SidePanelTab }, 'push')}
      collapsed={props.collapsed}
      onCollapsedChange={props.onCollapsedChange}
      wide={tab === 'ledger'}
    >
      {tab === 'ledger' ? (
        <LedgerPanel {...ledger} />
      ) : (
        <LayerPanel
          entries={overviewLayerEntries({
            collections: layers.collections,
            visible,
            zoom: layers.zoom,
            unitName: ledger.unitName,
            issueCounts: issueCounts.counts,
            issueQueries: issueCounts.queries,
            layers: layerStatus,
          })}
          notice={ledgerFilterNotice(ledger.filter, issueCounts.counts)}
          baseMaps={{
            options: [{ id: offlineBaseMapId, name: '离线底图' }, ...baseMaps],
            selected: baseMap?.id ?? offlineBaseMapId,
            onSelect: (id) => setUrl({ base: id === offlineBaseMapId ? undefined : id }),
          }}
          onToggle={(id, on) => setUrl({ layers: withLayerToggled(visible, id, on) })}
          legendsOpen={legendsOpen}
        />
      )}
    </SidePanel>
  )
}
