// The state of the tabs beyond 示范点: the open tab (`?tab=`) and those opened so far (their
// panels stay made), the last 模拟抽检 result, the 得分预测 result and whether it is fetching, and
// the 1公里与沿线 radius and corridor width; the base map's layers each tab shows.
import { useCallback, useMemo, useState } from 'react'
import type { ForecastResult, RehearsalResult } from '../../features/planning/api.ts'
import { useUrlTab } from '../../lib/url-state.ts'
import { type PlanningTab, planningTabIds } from './planning-side.tsx'

export function usePlanningTabs() {
  const [tab, setTab] = useUrlTab(planningTabIds)
  const [visited, setVisited] = useState<ReadonlySet<PlanningTab>>(() => new Set([tab]))
  if (!visited.has(tab)) setVisited(new Set([...visited, tab])) // a tab's panel, once made, stays
  const [rehearsal, setRehearsal] = useState<RehearsalResult>()
  const [forecast, setForecast] = useState<{ result?: ForecastResult; fetching: boolean }>({
    fetching: false,
  })
  const onForecast = useCallback(
    (result: ForecastResult | undefined, fetching: boolean) => setForecast({ result, fetching }),
    [],
  )
  const [radiusM, setRadiusM] = useState(1000)
  const [widthM, setWidthM] = useState(200)
  // the base map's layers for the open tab: villages only where the 1 km radii are the point
  const baseVisibility = useMemo(
    () => ({ boundaries: true, townships: true, rivers: true, villages: tab === 'focus' }),
    [tab],
  )
  return {
    tab,
    baseVisibility,
    setTab,
    visited,
    rehearsal,
    setRehearsal,
    forecast,
    onForecast,
    radiusM,
    setRadiusM,
    widthM,
    setWidthM,
  }
}

export type PlanningTabs = ReturnType<typeof usePlanningTabs>
