import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { roleLabels } from '../../../server/domain/labels-zh.ts'
import { departmentUnits } from '../../../server/domain/units.ts'
import type { PlaceCollection } from '../../features/boundaries/api.ts'
import {
  radiusLabel,
  toBaseSources,
  townshipRadiusLayers,
} from '../../features/boundaries/layers.ts'
import type { CheckpointFeature } from '../../features/checkpoints/api.ts'
import { checkpointLayers } from '../../features/checkpoints/layers.ts'
import type { GridFeature } from '../../features/grids/api.ts'
import { gridLayers } from '../../features/grids/layers.ts'
import {
  type CodeName,
  type IssueFeature,
  type IssueView,
  issueKeys,
  unitsQuery,
} from '../../features/issues/api.ts'
import { IssueDetailPanel, toIssueFeature } from '../../features/issues/issue-detail-panel.tsx'
import { draftLayers, issueLayers, issuePointsMinZoom } from '../../features/issues/layers.ts'
import { filterIssueCollection, isFiltered } from '../../features/issues/ledger-filter.ts'
import { LedgerPanel } from '../../features/issues/ledger-panel.tsx'
import { ReportPanel } from '../../features/issues/report-panel.tsx'
import { useLedgerFilter } from '../../features/issues/use-ledger-filter.ts'
import { can, type SessionUser, sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { UserMenu } from '../../features/session/user-menu.tsx'
import { ApiError } from '../../lib/api-client.ts'
import { preloadCharacters } from '../../lib/fonts.ts'
import { formatCount, formatDateTime, type NameLookup } from '../../lib/format.ts'
import type { NamedPlace } from '../../lib/geo.ts'
import { type SidePanelTab, useUrlState } from '../../lib/url-state.ts'
import { type BaseToggle, baseLayerGroups, deckBeforeIds } from '../../map/base-style.ts'
import { type BBox, type MapClick, type MapFocus, MapView } from '../../map/map-view.tsx'
import { selectionLayers } from '../../map/selection-layers.ts'
import { themes } from '../../map/themes.ts'
import { FeaturePanel } from '../../ui/feature-panel.tsx'
import { LayerPanel } from '../../ui/layer-panel.tsx'
import { MapCredits } from '../../ui/map-credits.tsx'
import { SidePanel } from '../../ui/side-panel.tsx'
import { describeSelection } from './map-selection.ts'
import { layerToggleIds, overviewLayerEntries } from './overview-layer-entries.ts'
import { useOverviewCollections } from './use-overview-collections.ts'
import { useSelection } from './use-selection.ts'

// County bbox (WGS84), the fallback view until the outline has loaded
const countyBounds: BBox = [99.925562, 24.943778, 100.423664, 25.539712]
const radiusLabelMinZoom = 11 // 1 km circles are too small to name below this
const focusZoom = 16 // a ledger row flies here: individual issues and their check points apart
const noticeMs = 8000 // how long a toast such as 已上报 stays

/** A role in Chinese; '' for the demo data's 'system' actor, whose name says it all. */
function roleLabel(role: string): string {
  return (roleLabels as Record<string, string>)[role] ?? (role === 'system' ? '' : role)
}

/** 1 at 1366×768; grows with the root font size (see styles.css) so a 4K wall is not tiny. */
function uiScale(): number {
  const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 14
  return Math.min(Math.max(Math.round((rootPx / 14) * 20) / 20, 1), 3)
}

function isSmallScreen(): boolean {
  return window.innerWidth < 900 || window.innerHeight < 560
}

export function OverviewScreen() {
  const [url, setUrl] = useUrlState(layerToggleIds)
  const [scale] = useState(uiScale)
  const [now] = useState(() => new Date())
  const [initialView] = useState(url.view)
  const [zoom, setZoom] = useState(url.view?.zoom ?? 9)
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen)
  const [legendsOpen] = useState(() => window.innerHeight >= 900)
  const [ledgerFilter, setLedgerFilter] = useLedgerFilter()
  const [report, setReport] = useState<{ lngLat?: [number, number] }>()
  const [loginPrompt, setLoginPrompt] = useState<{ reason?: string }>()
  const [focus, setFocus] = useState<MapFocus>()
  const [notice, setNotice] = useState<string>()
  const queryClient = useQueryClient()
  const tab: SidePanelTab = url.panel ?? 'layers'

  const session = useQuery(sessionQuery())
  const user: SessionUser | null | undefined = session.isError ? null : session.data
  const units = useQuery(unitsQuery())

  const visible = useMemo(() => new Set<string>(url.layers ?? layerToggleIds), [url.layers])

  const collections = useOverviewCollections()
  const {
    county,
    neighbors,
    rivers,
    seats,
    townships,
    villages,
    radii,
    grids,
    checkpoints,
    issues,
  } = collections
  const all = Object.values(collections)
  const { selection, select, pick } = useSelection(collections, url.selected, setUrl)
  const settled = all.every((q) => !q.isPending)

  // Base map sources, one memo each so a late collection does not refill the others
  const countySources = useMemo(
    () => toBaseSources({ county: county.data, neighbors: neighbors.data }),
    [county.data, neighbors.data],
  )
  const riverSources = useMemo(() => toBaseSources({ rivers: rivers.data }), [rivers.data])
  const seatSources = useMemo(() => toBaseSources({ seats: seats.data }), [seats.data])
  const townshipSources = useMemo(
    () => toBaseSources({ townships: townships.data }),
    [townships.data],
  )
  const villageSources = useMemo(() => toBaseSources({ villages: villages.data }), [villages.data])
  const baseSources = useMemo(
    () => ({
      ...countySources,
      ...riverSources,
      ...seatSources,
      ...townshipSources,
      ...villageSources,
    }),
    [countySources, riverSources, seatSources, townshipSources, villageSources],
  )
  const baseVisibility = useMemo(
    () =>
      Object.fromEntries(Object.keys(baseLayerGroups).map((id) => [id, visible.has(id)])) as Record<
        BaseToggle,
        boolean
      >,
    [visible],
  )

  const lookup = useNameLookup(
    townships.data,
    villages.data,
    grids.data,
    checkpoints.data,
    units.data,
  )
  const unitName = useCallback((code: string) => lookup.unit?.(code) ?? code, [lookup])
  const townshipOptions = useMemo<CodeName[]>(
    () =>
      (townships.data?.features ?? [])
        .map((f) => ({ code: String(f.properties.code), name: String(f.properties.name) }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    [townships.data],
  )
  const unitOptions = useMemo<CodeName[]>(() => {
    if (units.data?.length) {
      return units.data.filter((u) => u.active !== false).map(({ code, name }) => ({ code, name }))
    }
    const departments = departmentUnits.map(({ code, name }) => ({ code, name }))
    const governments = townshipOptions.map((t) => ({
      code: `township-${t.code}`,
      name: `${t.name}人民政府`,
    }))
    return [...departments, ...governments]
  }, [units.data, townshipOptions])
  const checkpointPlaces = useMemo<NamedPlace[]>(
    () =>
      (checkpoints.data?.features ?? []).map((f) => ({
        id: String(f.id),
        name: f.properties.name,
        lngLat: f.geometry.coordinates as [number, number],
      })),
    [checkpoints.data],
  )
  // the ledger's filter narrows the issue layers too, so map and list tell the same story
  const shownIssues = useMemo(
    () => filterIssueCollection(issues.data, ledgerFilter, now),
    [issues.data, ledgerFilter, now],
  )

  // deck.gl TextLayer draws radius labels from the same font: load their characters first
  const radiusLabelsReady = usePreloaded(
    useMemo(
      () => (radii.data?.features ?? []).map((f) => radiusLabel(f.properties, lookup.township)),
      [radii.data, lookup],
    ),
  )

  const highZoom = zoom >= issuePointsMinZoom
  const labelZoom = zoom >= radiusLabelMinZoom
  const selectedFeature = selection?.feature
  const layers = useMemo(
    () => [
      ...gridLayers(grids.data, {
        visible: visible.has('grids'),
        scale,
        beforeId: deckBeforeIds.areas,
      }),
      ...townshipRadiusLayers(radiusLabelsReady ? radii.data : undefined, {
        visible: visible.has('radii'),
        labelsVisible: labelZoom,
        scale,
        beforeId: deckBeforeIds.overlays,
        townshipName: lookup.township,
      }),
      ...issueLayers(shownIssues, {
        heatmapVisible: visible.has('heatmap'),
        pointsVisible: visible.has('issues') && highZoom,
        scale,
        now,
        beforeId: deckBeforeIds.overlays,
        pointsBeforeId: deckBeforeIds.points,
      }),
      ...checkpointLayers(checkpoints.data, {
        fixedVisible: visible.has('fixed'),
        randomVisible: visible.has('random'),
        scale,
        beforeId: deckBeforeIds.points,
      }),
      ...selectionLayers(selectedFeature, scale),
      ...draftLayers(report?.lngLat, scale),
    ],
    [
      grids.data,
      radii.data,
      shownIssues,
      checkpoints.data,
      visible,
      scale,
      highZoom,
      labelZoom,
      now,
      lookup,
      radiusLabelsReady,
      selectedFeature,
      report?.lngLat,
    ],
  )

  const reporting = report !== undefined
  const onClick = useCallback(
    (click: MapClick) => {
      if (reporting) setReport({ lngLat: click.lngLat })
      else select(pick(click))
    },
    [select, pick, reporting],
  )

  // Esc leaves 上报问题 mode
  useEffect(() => {
    if (!reporting) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setReport(undefined)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [reporting])

  const rootPxNow = 14 * scale
  const sidePx = (panelCollapsed ? 2 : tab === 'ledger' ? 29 : 22) * rootPxNow
  const rightPx = 25 * rootPxNow
  const flyTo = useCallback(
    (lngLat: [number, number]) =>
      setFocus((previous) => ({
        key: (previous?.key ?? 0) + 1,
        center: lngLat,
        minZoom: focusZoom,
        offsetPx: [(sidePx - rightPx) / 2, 0],
      })),
    [sidePx, rightPx],
  )

  const selectIssue = useCallback(
    (issue: IssueView) => {
      setReport(undefined)
      select({ collection: 'issues', id: issue.id, feature: toIssueFeature(issue) })
      flyTo(issue.lngLat)
    },
    [select, flyTo],
  )

  const requestLogin = useCallback((reason?: string) => setLoginPrompt({ reason }), [])
  const onSessionChange = useCallback(() => {
    setLoginPrompt(undefined)
    // allowedActions depend on who asks: drop the last user's copies rather than show them meanwhile
    void queryClient.resetQueries({ queryKey: issueKeys.all })
    // with READ_ACCESS=authenticated the layers failed with 401 before; load them now
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' })
  }, [queryClient])
  const onUnauthorized = useCallback(() => {
    queryClient.setQueryData(sessionQuery().queryKey, null)
    setLoginPrompt({ reason: '登录已过期或尚未登录，请登录后重新提交。' })
  }, [queryClient])

  // a notice says its piece and goes; a new user starts with a clean slate
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), noticeMs)
    return () => clearTimeout(timer)
  }, [notice])
  useEffect(() => {
    if (user !== undefined) setNotice(undefined)
  }, [user])

  // READ_ACCESS=authenticated: a visitor's layers answer 401, so ask for a login straight away
  const needsLogin =
    user === null && all.some((q) => q.error instanceof ApiError && q.error.status === 401)
  useEffect(() => {
    if (needsLogin) setLoginPrompt({ reason: '本系统需要登录后才能查看地图和问题台账，请先登录。' })
  }, [needsLogin])

  const mayReport = can(user, 'issue_report')
  useEffect(() => {
    if (!mayReport) setReport(undefined)
  }, [mayReport])

  const details = useMemo(
    () => (selection ? describeSelection(selection, now, lookup, issues.data) : undefined),
    [selection, now, lookup, issues.data],
  )

  const layerNotice =
    isFiltered(ledgerFilter) && issues.data && shownIssues
      ? `问题图层已按“问题台账”的筛选条件显示 ${formatCount(shownIssues.features.length)} / ${formatCount(issues.data.features.length)} 条。`
      : undefined

  const entries = overviewLayerEntries({
    collections,
    visible,
    zoom,
    unitName: (code) => lookup.unit?.(code) ?? code,
  })

  const padding = {
    top: 2 * rootPxNow,
    bottom: 5 * rootPxNow,
    left: sidePx,
    right: 2 * rootPxNow,
  }
  const updatedAt = issues.data?.timeStamp
  const issueSelected = selection?.collection === 'issues' ? selection : undefined

  return (
    <div className="app">
      <header className="app-header">
        <h1>巍山彝族回族自治县 · 文明创建巡查督导一张图</h1>
        <p className="app-header__meta">
          {updatedAt ? `数据获取于 ${formatDateTime(updatedAt)}（北京时间）` : '正在连接数据服务…'}
        </p>
        <div className="app-header__actions">
          {mayReport && (
            <button
              type="button"
              className={`header-button is-primary${reporting ? ' is-pressed' : ''}`}
              aria-pressed={reporting}
              data-testid="report-button"
              onClick={() => {
                if (reporting) return setReport(undefined)
                select(undefined)
                setReport({})
              }}
            >
              {reporting ? '取消上报' : '＋ 上报问题'}
            </button>
          )}
          <UserMenu
            user={session.isPending ? undefined : user}
            roleLabel={roleLabel}
            onLoginRequest={() => requestLogin()}
            onLoggedOut={() => {
              setReport(undefined)
              onSessionChange()
            }}
          />
        </div>
      </header>
      <main className="map-area">
        <MapView
          theme={themes.light}
          scale={scale}
          bounds={countyBounds}
          padding={padding}
          initialView={initialView}
          baseSources={baseSources}
          baseVisibility={baseVisibility}
          layers={layers}
          ready={settled && radiusLabelsReady}
          onViewChange={(view) => {
            setZoom(view.zoom)
            setUrl({ view })
          }}
          onClick={onClick}
          cursor={reporting ? 'crosshair' : undefined}
          focus={focus}
        />
        <SidePanel
          tabs={[
            { id: 'layers', label: '图层与图例' },
            { id: 'ledger', label: '问题台账' },
          ]}
          active={tab}
          onActiveChange={(id) => setUrl({ panel: id as SidePanelTab })}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
          wide={tab === 'ledger'}
        >
          {tab === 'ledger' ? (
            <LedgerPanel
              filter={ledgerFilter}
              onFilterChange={setLedgerFilter}
              townships={townshipOptions}
              units={unitOptions}
              unitName={unitName}
              selectedId={issueSelected?.id}
              onSelect={selectIssue}
              canImport={can(user, 'ledger_import')}
              onImported={() =>
                void queryClient.invalidateQueries({ queryKey: ['collections', 'issues'] })
              }
              onLoginRequest={() => requestLogin('查看问题台账需要先登录。')}
            />
          ) : (
            <LayerPanel
              entries={entries}
              notice={layerNotice}
              onToggle={(id, on) => {
                const next = layerToggleIds.filter((t) => (t === id ? on : visible.has(t)))
                setUrl({ layers: next })
              }}
              legendsOpen={legendsOpen}
            />
          )}
        </SidePanel>
        {reporting && !report.lngLat && (
          <p className="map-hint" role="status" data-testid="report-hint">
            在地图上点击问题所在位置（按 Esc 取消）
          </p>
        )}
        {notice && (
          <p className="map-toast" role="status">
            {notice}
            <button
              type="button"
              className="icon-button"
              aria-label="关闭提示"
              onClick={() => setNotice(undefined)}
            >
              ×
            </button>
          </p>
        )}
        {reporting ? (
          <ReportPanel
            lngLat={report.lngLat}
            checkpoints={checkpointPlaces}
            onCancel={() => setReport(undefined)}
            onUnauthorized={onUnauthorized}
            onCreated={(issue, photoError) => {
              setReport(undefined)
              setNotice(photoError ?? `问题 ${issue.id} 已上报，已列入问题台账（待交办）。`)
              setUrl({ panel: 'ledger' })
              selectIssue(issue)
            }}
          />
        ) : issueSelected ? (
          <IssueDetailPanel
            key={issueSelected.id}
            id={issueSelected.id}
            fallback={issueSelected.feature as IssueFeature}
            signedIn={Boolean(user)}
            units={unitOptions}
            lookup={lookup}
            names={{ role: roleLabel, unit: unitName }}
            now={now}
            onClose={() => select(undefined)}
            onLoginRequest={() => (user ? onUnauthorized() : requestLogin())}
          />
        ) : (
          details && <FeaturePanel details={details} onClose={() => select(undefined)} />
        )}
        {loginPrompt && (
          <LoginDialog
            reason={loginPrompt.reason}
            onClose={() => setLoginPrompt(undefined)}
            onLoggedIn={onSessionChange}
          />
        )}
        <MapCredits />
      </main>
    </div>
  )
}

function usePreloaded(texts: string[]): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let cancelled = false
    setReady(false)
    preloadCharacters(texts).then(() => {
      if (!cancelled) setReady(true)
    })
    return () => {
      cancelled = true
    }
  }, [texts])
  return ready
}

function useNameLookup(
  townships: PlaceCollection | undefined,
  villages: PlaceCollection | undefined,
  grids: { features: GridFeature[] } | undefined,
  checkpoints: { features: CheckpointFeature[] } | undefined,
  units: { code: string; name: string }[] | undefined,
): NameLookup {
  return useMemo(() => {
    const byCode = (c: PlaceCollection | undefined) =>
      new Map(
        (c?.features ?? []).map((f) => [String(f.properties.code), String(f.properties.name)]),
      )
    const townshipNames = byCode(townships)
    const villageNames = byCode(villages)
    const gridNames = new Map(
      (grids?.features ?? []).map((f) => [f.properties.gridCode, f.properties.name]),
    )
    const checkpointNames = new Map(
      (checkpoints?.features ?? []).map((f) => [String(f.id), f.properties.name]),
    )
    const departments = new Map([...departmentUnits, ...(units ?? [])].map((u) => [u.code, u.name]))
    return {
      township: (code) => townshipNames.get(code),
      village: (code) => villageNames.get(code),
      grid: (code) => gridNames.get(code),
      checkpoint: (id) => checkpointNames.get(id),
      unit: (code) => {
        const department = departments.get(code)
        if (department) return department
        const township = /^township-(\d{9})$/.exec(code)?.[1]
        const name = township ? townshipNames.get(township) : undefined
        return name ? `${name}人民政府` : undefined
      },
    }
  }, [townships, villages, grids, checkpoints, units])
}
