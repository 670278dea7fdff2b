// 创建规划 (/plan): the planners' workspace. Tabs 示范点 | 模拟抽检 | 得分预测 | 1公里与沿线 in the
// left panel; the county map stays in view with the layers of the open tab. A thin composition of
// the planning, boundaries and session features.

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LineString, MultiLineString } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { type PlaceProperties, townshipRadiiQuery } from '../../features/boundaries/api.ts'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import {
  type Candidate,
  type Constraints,
  candidatesQuery,
  corridorsQuery,
  type ForecastResult,
  plansQuery,
  type RehearsalResult,
  seatRadiusQuery,
  type Weights,
} from '../../features/planning/api.ts'
import { DataAsOf, olderDataAsOf } from '../../features/planning/data-as-of.tsx'
import { DemoPointsPanel, type LoadedPlan } from '../../features/planning/demo-points-panel.tsx'
import { defaultConstraints, defaultWeights, weightSum } from '../../features/planning/factors.ts'
import { FocusPanel } from '../../features/planning/focus-panel.tsx'
import { ForecastPanel } from '../../features/planning/forecast-panel.tsx'
import { planningLayerIds, type StarPoint } from '../../features/planning/layers.ts'
import { RehearsalPanel } from '../../features/planning/rehearsal-panel.tsx'
import { can, sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { UserMenu } from '../../features/session/user-menu.tsx'
import { ApiError } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'
import type { MapClick, MapFocus } from '../../map/map-view.tsx'
import { themes } from '../../map/themes.ts'
import { MapCredits } from '../../ui/map-credits.tsx'
import { PlaceMap } from '../../ui/place-map.tsx'
import { SidePanel } from '../../ui/side-panel.tsx'
import './planning.css'
import { syntheticDisclaimer } from '../../../server/domain/layer-status.ts'
import { useLayerStatus, usePlace, usePlaceTitle } from '../../lib/place.ts'
import { roleLabel } from '../../lib/role-label.ts'
import { useDebounced } from '../../lib/use-debounced.ts'
import { isSmallScreen, uiScale } from '../overview/map-insets.ts'
import { ForecastTooltip, PlanningLegend } from './planning-legend.tsx'
import { usePlanningLayers } from './use-planning-layers.ts'

const tabs = [
  { id: 'demo', label: '示范点' },
  { id: 'rehearsal', label: '模拟抽检' },
  { id: 'forecast', label: '得分预测' },
  { id: 'focus', label: '1公里与沿线' },
] as const
type TabId = (typeof tabs)[number]['id']

const focusZoom = 14
const weightsDebounceMs = 300 // dragging a slider asks the server once it rests
const noticeMs = 5000

function initialTab(): TabId {
  const tab = new URLSearchParams(location.search).get('tab')
  return tabs.some((t) => t.id === tab) ? (tab as TabId) : 'demo'
}

export function PlanningScreen() {
  const queryClient = useQueryClient()
  const place = usePlace()
  const planningDisclaimer = syntheticDisclaimer(useLayerStatus()) // roads stay 示意 regardless
  usePlaceTitle((t) => t.planning)
  const [scale] = useState(uiScale)
  const [tab, setTabState] = useState<TabId>(initialTab)
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([initialTab()]))
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen) // a phone opens on the map
  const [weights, setWeights] = useState<Weights>(defaultWeights)
  const [constraints, setConstraints] = useState<Constraints>(defaultConstraints)
  const [selection, setSelection] = useState<string[]>([])
  const [loaded, setLoaded] = useState<LoadedPlan>()
  const [compare, setCompare] = useState<{ a?: string; b?: string }>({})
  const [rehearsal, setRehearsal] = useState<RehearsalResult>()
  const [radiusM, setRadiusM] = useState(1000)
  const [widthM, setWidthM] = useState(200)
  const [focus, setFocus] = useState<MapFocus>()
  const [focusedId, setFocusedId] = useState<string>()
  const [notice, setNotice] = useState<string>()
  const [zoom, setZoom] = useState(9)
  const [loginPrompt, setLoginPrompt] = useState<{ reason?: string }>()
  const [forecast, setForecast] = useState<{ result?: ForecastResult; fetching: boolean }>({
    fetching: false,
  })
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const onForecast = useCallback(
    (result: ForecastResult | undefined, fetching: boolean) => setForecast({ result, fetching }),
    [],
  )

  const setTab = (id: TabId) => {
    setTabState(id)
    setVisited((v) => new Set([...v, id]))
    const url = new URL(location.href)
    url.searchParams.set('tab', id)
    history.replaceState(history.state, '', url)
  }

  const session = useQuery(sessionQuery())
  const user = session.isError ? null : session.data
  const { county, neighbors, rivers, seats, townships, villages, baseSources } = useBaseMapData()
  const radii = useQuery(townshipRadiiQuery())
  const roads = useQuery(collectionQuery<LineString | MultiLineString, PlaceProperties>('roads'))

  const rankWeights = useDebounced(weights, weightsDebounceMs)
  const rankPlan = useDebounced(selection, weightsDebounceMs)
  const candidates = useQuery({
    ...candidatesQuery(rankWeights, rankPlan),
    enabled: weightSum(rankWeights) > 0,
    placeholderData: keepPreviousData,
  })
  const candidateItems = candidates.data?.items ?? []
  const candidatesStale =
    candidates.isPlaceholderData ||
    candidates.isFetching ||
    rankWeights !== weights ||
    rankPlan !== selection

  const comparing = Boolean(compare.a && compare.b && compare.a !== compare.b)
  const plans = useQuery(plansQuery())
  const focusVisited = visited.has('focus')
  const seatRadius = useQuery({
    ...seatRadiusQuery(radiusM),
    enabled: focusVisited,
    placeholderData: keepPreviousData,
  })
  const corridors = useQuery({
    ...corridorsQuery(widthM),
    enabled: focusVisited,
    placeholderData: keepPreviousData,
  })

  const baseVisibility = useMemo(
    () => ({ boundaries: true, townships: true, rivers: true, villages: tab === 'focus' }),
    [tab],
  )

  const townshipNames = useMemo(
    () =>
      new Map(
        (townships.data?.features ?? []).map((f) => [
          String(f.properties.code),
          String(f.properties.name),
        ]),
      ),
    [townships.data],
  )
  const townshipName = useCallback(
    (code: string) => townshipNames.get(code) ?? code,
    [townshipNames],
  )
  const byId = useMemo(
    () => new Map(candidateItems.map((c) => [c.checkpointId, c])),
    [candidateItems],
  )

  const { layers, labelsReady, forecastAreas, hovered } = usePlanningLayers({
    tab,
    zoom,
    scale,
    map,
    radii: radii.data,
    roads: roads.data,
    townships: townships.data,
    villages: villages.data,
    seatRadius: seatRadius.data,
    corridors: corridors.data?.geojson,
    candidates: candidateItems,
    byId,
    selection,
    comparing,
    plans: plans.data,
    compare,
    rehearsal,
    forecast: forecast.result,
    townshipName,
  })

  const flyTo = useCallback((lngLat: [number, number]) => {
    setFocus((previous) => ({ key: (previous?.key ?? 0) + 1, center: lngLat, minZoom: focusZoom }))
  }, [])

  const toggle = useCallback(
    (id: string) => {
      const c = byId.get(id)
      setSelection((ids) => {
        const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]
        setNotice(
          `${ids.includes(id) ? '已从方案移除' : '已加入方案'}：${c?.name ?? id}（共 ${next.length} 个）`,
        )
        return next
      })
    },
    [byId],
  )

  const onClick = useCallback(
    (click: MapClick) => {
      if (tab !== 'demo' || comparing) return
      const pick = click.deckPicks.find(
        (p) =>
          p.layer?.id === planningLayerIds.candidates || p.layer?.id === planningLayerIds.planStars,
      )
      const object = pick?.object as Candidate | StarPoint | undefined
      if (!object) return
      const id = 'checkpointId' in object ? object.checkpointId : object.id
      setFocusedId(id)
      toggle(id)
    },
    [tab, comparing, toggle],
  )

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), noticeMs)
    return () => clearTimeout(timer)
  }, [notice])

  const basesSettled = [county, neighbors, rivers, seats, townships, villages, radii, roads].every(
    (q) => !q.isPending,
  )
  const ready = basesSettled && !candidates.isPending && labelsReady
  const rootPx = 14 * scale
  const sidePx = panelCollapsed ? 2 * rootPx : 31 * rootPx
  // below 900 px the open panel is a bottom sheet over the lower half of the screen (styles.css): fit above it
  const sheet = !panelCollapsed && isSmallScreen()
  const padding = sheet
    ? { top: 4 * rootPx, bottom: Math.round(window.innerHeight * 0.5), left: rootPx, right: rootPx }
    : { top: 2 * rootPx, bottom: 5 * rootPx, left: sidePx + rootPx, right: 2 * rootPx }
  const canEdit = can(user, 'plan_edit')
  const mapError = [county, townships, candidates].find((q) => q.isError)?.error

  return (
    <div className="app planning">
      <header className="app-header">
        <h1>{place?.titles.planning ?? '创建规划：示范点、模拟抽检与得分预测'}</h1>
        <span
          className="planning__badge"
          title={[planningDisclaimer, '道路为示意线路'].filter(Boolean).join('；')}
        >
          示意数据
        </span>
        <div className="app-header__actions">
          <a className="header-button" href="./">
            返回一张图
          </a>
          <UserMenu
            user={session.isPending ? undefined : user}
            roleLabel={roleLabel}
            onLoginRequest={() => setLoginPrompt({})}
            onLoggedOut={() =>
              void queryClient.invalidateQueries({ queryKey: ['planning', 'plans'] })
            }
          />
        </div>
      </header>
      <main className="map-area">
        <PlaceMap
          theme={themes.light}
          scale={scale}
          padding={padding}
          baseSources={baseSources}
          baseVisibility={baseVisibility}
          layers={layers}
          ready={ready}
          onClick={onClick}
          onViewChange={(view) => setZoom(view.zoom)}
          focus={focus}
          onMap={setMap}
        />
        <SidePanel
          tabs={tabs.map((t) => ({
            id: t.id,
            label: t.label,
            hint: t.id === 'demo' && selection.length ? String(selection.length) : undefined,
          }))}
          active={tab}
          onActiveChange={(id) => setTab(id as TabId)}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
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
              <DemoPointsPanel
                weights={weights}
                onWeightsChange={setWeights}
                constraints={constraints}
                onConstraintsChange={setConstraints}
                selection={selection}
                onSelectionChange={setSelection}
                candidates={candidateItems}
                candidatesPending={candidates.isPending && weightSum(rankWeights) > 0}
                candidatesStale={candidatesStale}
                candidatesError={candidates.isError ? candidates.error.message : undefined}
                onCandidatesRetry={() => void candidates.refetch()}
                loaded={loaded}
                onLoadedChange={setLoaded}
                compare={compare}
                onCompareChange={setCompare}
                canEdit={canEdit}
                signedIn={Boolean(user)}
                onLoginRequest={(reason) => setLoginPrompt({ reason })}
                onFocus={(c) => {
                  setFocusedId(c.checkpointId)
                  flyTo(c.lngLat)
                }}
                focusedId={focusedId}
                townshipName={townshipName}
              />
            </div>
            {visited.has('rehearsal') && (
              <div hidden={tab !== 'rehearsal'}>
                <RehearsalPanel
                  result={rehearsal}
                  onResult={setRehearsal}
                  townshipName={townshipName}
                  onFocus={flyTo}
                />
              </div>
            )}
            {visited.has('forecast') && (
              <div hidden={tab !== 'forecast'}>
                <ForecastPanel townshipName={townshipName} onResult={onForecast} />
              </div>
            )}
            {focusVisited && (
              <div hidden={tab !== 'focus'}>
                <FocusPanel
                  radiusM={radiusM}
                  onRadiusChange={setRadiusM}
                  widthM={widthM}
                  onWidthChange={setWidthM}
                  townshipName={townshipName}
                  onFocus={flyTo}
                />
              </div>
            )}
          </div>
        </SidePanel>
        <PlanningLegend
          tab={tab}
          comparing={comparing}
          rehearsed={Boolean(rehearsal)}
          forecastResult={forecast.result}
          forecastFetching={forecast.fetching}
          forecastAreas={forecastAreas.length}
          fieldShare={place?.assessment.shares.field}
        />
        {hovered && tab === 'forecast' && (
          <ForecastTooltip hovered={hovered} fieldShare={place?.assessment.shares.field} />
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
        {loginPrompt && (
          <LoginDialog
            reason={
              loginPrompt.reason ?? '规划人员登录后可保存、修改和删除方案；未登录也可以查看和试算。'
            }
            onClose={() => setLoginPrompt(undefined)}
            onLoggedIn={() => {
              setLoginPrompt(undefined)
              void queryClient.invalidateQueries({ queryKey: ['planning', 'plans'] })
            }}
          />
        )}
        <MapCredits />
      </main>
    </div>
  )
}
