// 创建规划 (/plan): the planners' workspace. Tabs 示范点 | 模拟抽检 | 得分预测 | 1公里与沿线 in the
// left panel; the county map stays in view with the layers of the open tab. A thin composition of
// the planning, boundaries and session features in the shared role layout; the tab (`?tab=`), the
// plan's points (`?points=`) and the saved plan it came from (`?plan=`) live in the URL.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useState } from 'react'
import type { Constraints, PlanListItem, Weights } from '../../features/planning/api.ts'
import { defaultConstraints, defaultWeights } from '../../features/planning/factors.ts'
import { can, sessionQuery } from '../../features/session/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { usePlace, usePlaceTitle } from '../../lib/place.ts'
import { useNotice } from '../../ui/map-toast.tsx'
import { RoleLayout } from '../shared/role-layout.tsx'
import { isSmallScreen, uiScale } from '../shared/ui-scale.ts'
import { useLoginPrompt } from '../shared/use-login-prompt.ts'
import { useMapFocus } from '../shared/use-map-focus.ts'
import './planning.css'
import { planningHeader } from './planning-header.tsx'
import { planningPadding } from './planning-insets.ts'
import { ForecastTooltip, PlanningLegend } from './planning-legend.tsx'
import { PlanningSide } from './planning-side.tsx'
import { usePlanClick, usePlanSelection } from './use-plan-selection.ts'
import { usePlanningData } from './use-planning-data.ts'
import { usePlanningMapLayers } from './use-planning-layers.ts'
import { usePlanningTabs } from './use-planning-tabs.ts'

const focusZoom = 14
const noticeMs = 5000
const loginReason = '规划人员登录后可保存、修改和删除方案；未登录也可以查看和试算。'

export function PlanningScreen() {
  const queryClient = useQueryClient()
  const place = usePlace()
  usePlaceTitle((t) => t.planning)
  const [scale] = useState(uiScale)
  const tabs = usePlanningTabs()
  const { tab, rehearsal, forecast } = tabs
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen) // a phone opens on the map
  const [weights, setWeights] = useState<Weights>(defaultWeights)
  const [constraints, setConstraints] = useState<Constraints>(defaultConstraints)
  const [compare, setCompare] = useState<{ a?: string; b?: string }>({})
  const [focus, flyTo] = useMapFocus(focusZoom)
  const [focusedId, setFocusedId] = useState<string>()
  const [notice, setNotice] = useNotice(undefined, noticeMs)
  const [zoom, setZoom] = useState(9)
  const login = useLoginPrompt()
  const [map, setMap] = useState<MapLibreMap | null>(null)

  const session = useQuery(sessionQuery())
  const user = session.isError ? null : session.data
  const restorePlan = useCallback((saved: PlanListItem) => {
    setWeights({ ...defaultWeights, ...saved.weights })
    setConstraints(saved.constraints)
  }, [])
  const plan = usePlanSelection(setNotice, restorePlan)
  const { selection, setSelection } = plan
  const data = usePlanningData(weights, selection, tabs)
  const { candidates, byId, townshipName } = data
  const comparing = Boolean(compare.a && compare.b && compare.a !== compare.b)
  const { layers, overlay, labelsReady, forecastAreas, hovered } = usePlanningMapLayers(data, {
    tab,
    zoom,
    scale,
    map,
    selection,
    comparing,
    plans: plan.plans.data,
    compare,
    rehearsal,
    forecast: forecast.result,
  })

  const onClick = usePlanClick(tab === 'demo' && !comparing, byId, plan.toggle, setFocusedId)

  const mapError = data.mapError
  const fieldShare = place?.assessment.shares.field
  const onPlansChanged = () =>
    void queryClient.invalidateQueries({ queryKey: ['planning', 'plans'] })
  return (
    <RoleLayout
      className="app planning"
      header={planningHeader(
        place?.titles.planning,
        session.isPending ? undefined : user,
        () => login.request(),
        onPlansChanged,
        data.disclaimer,
      )}
      map={{
        scale,
        padding: planningPadding(scale, panelCollapsed),
        baseSources: data.baseSources,
        baseVisibility: tabs.baseVisibility,
        layers,
        overlay,
        ready: data.basesSettled && !candidates.isPending && labelsReady,
        onClick,
        onViewChange: (view) => setZoom(view.zoom),
        focus,
        onMap: setMap,
      }}
      panel={
        <PlanningSide
          tabs={tabs}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
          data={data}
          demo={{
            weights,
            onWeightsChange: setWeights,
            constraints,
            onConstraintsChange: setConstraints,
            selection,
            onSelectionChange: setSelection,
            candidates: data.candidateItems,
            candidatesPending: data.candidatesPending,
            candidatesStale: data.candidatesStale,
            candidatesError: candidates.isError ? candidates.error.message : undefined,
            onCandidatesRetry: () => void candidates.refetch(),
            loaded: plan.loaded,
            onLoadedChange: plan.setLoaded,
            compare,
            onCompareChange: setCompare,
            canEdit: can(user, 'plan_edit'),
            signedIn: Boolean(user),
            onLoginRequest: (reason) => login.request(reason),
            onFocus: (c) => {
              setFocusedId(c.checkpointId)
              flyTo(c.lngLat)
            },
            focusedId,
            townshipName,
          }}
          onFocus={flyTo}
        />
      }
      legend={
        <PlanningLegend
          tab={tab}
          comparing={comparing}
          rehearsed={Boolean(rehearsal)}
          forecastResult={forecast.result}
          forecastFetching={forecast.fetching}
          forecastAreas={forecastAreas.length}
          fieldShare={fieldShare}
        />
      }
      login={{ ...login, prompt: login.prompt && { reason: login.prompt.reason ?? loginReason } }}
      onLoggedIn={() => {
        login.close()
        onPlansChanged()
      }}
    >
      {hovered && tab === 'forecast' && (
        <ForecastTooltip hovered={hovered} fieldShare={fieldShare} />
      )}
      {mapError && (
        <p className="map-toast is-error" role="alert">
          {mapError instanceof ApiError ? mapError.message : '数据加载失败，请刷新页面重试。'}
        </p>
      )}
      {notice && !mapError && (
        <p className="map-toast" role="status" data-testid="planning-notice">
          {notice}
        </p>
      )}
    </RoleLayout>
  )
}
