// The planning screen's left panel: 示范点 | 模拟抽检 | 得分预测 | 1公里与沿线, each tab under the
// time of the data it shows. A tab's panel is made when first opened and kept (hidden) after, so
// its form and result survive a switch.
import type { ComponentProps } from 'react'
import { DataAsOf, olderDataAsOf } from '../../features/planning/data-as-of.tsx'
import { DemoPointsPanel } from '../../features/planning/demo-points-panel.tsx'
import { FocusPanel } from '../../features/planning/focus-panel.tsx'
import { ForecastPanel } from '../../features/planning/forecast-panel.tsx'
import { RehearsalPanel } from '../../features/planning/rehearsal-panel.tsx'
import { SidePanel } from '../../ui/side-panel.tsx'
import type { PlanningData } from './use-planning-data.ts'
import type { PlanningTabs } from './use-planning-tabs.ts'

export const planningTabs = [
  { id: 'demo', label: '示范点' },
  { id: 'rehearsal', label: '模拟抽检' },
  { id: 'forecast', label: '得分预测' },
  { id: 'focus', label: '1公里与沿线' },
] as const
export type PlanningTab = (typeof planningTabs)[number]['id']
export const planningTabIds = planningTabs.map((t) => t.id)

export interface PlanningSideProps {
  tabs: PlanningTabs
  collapsed: boolean
  onCollapsedChange: (collapsed: boolean) => void
  data: PlanningData
  demo: ComponentProps<typeof DemoPointsPanel>
  onFocus: (lngLat: [number, number]) => void
}

export function PlanningSide(props: PlanningSideProps) {
  const { tabs, data, demo, onFocus } = props
  const { tab, visited, rehearsal, forecast } = tabs
  const { candidates, seatRadius, corridors, townshipName } = data
  return (
    <SidePanel
      tabs={planningTabs.map((t) => ({
        id: t.id,
        label: t.label,
        hint: t.id === 'demo' && demo.selection.length ? String(demo.selection.length) : undefined,
      }))}
      active={tab}
      onActiveChange={(id) => tabs.setTab(id as PlanningTab)}
      collapsed={props.collapsed}
      onCollapsedChange={props.onCollapsedChange}
      wide
    >
      <div className="planning__body">
        <DataAsOf
          iso={
            tab === 'demo'
              ? candidates.data?.dataAsOf
              : tab === 'rehearsal'
                ? rehearsal?.dataAsOf
                : tab === 'forecast'
                  ? forecast.result?.dataAsOf
                  : olderDataAsOf(seatRadius.data?.dataAsOf, corridors.data?.dataAsOf)
          }
          loading={
            tab === 'demo'
              ? candidates.isFetching
              : tab === 'forecast'
                ? forecast.fetching
                : tab === 'focus' && (seatRadius.isFetching || corridors.isFetching)
          }
          idle={
            tab === 'rehearsal' ? '问题数据每分钟更新；运行模拟后显示所用数据的时间' : undefined
          }
        />
        <div hidden={tab !== 'demo'}>
          <DemoPointsPanel {...demo} />
        </div>
        {visited.has('rehearsal') && (
          <div hidden={tab !== 'rehearsal'}>
            <RehearsalPanel
              result={rehearsal}
              onResult={tabs.setRehearsal}
              townshipName={townshipName}
              onFocus={onFocus}
            />
          </div>
        )}
        {visited.has('forecast') && (
          <div hidden={tab !== 'forecast'}>
            <ForecastPanel townshipName={townshipName} onResult={tabs.onForecast} />
          </div>
        )}
        {visited.has('focus') && (
          <div hidden={tab !== 'focus'}>
            <FocusPanel
              radiusM={tabs.radiusM}
              onRadiusChange={tabs.setRadiusM}
              widthM={tabs.widthM}
              onWidthChange={tabs.setWidthM}
              townshipName={townshipName}
              onFocus={onFocus}
            />
          </div>
        )}
      </div>
    </SidePanel>
  )
}
